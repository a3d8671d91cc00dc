// Tamper corpus on .xlsx: an editor of the file changes a published month (cells, XML of the look, 公示记录); `jifen verify` and `recompute` name each change.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../src/cli/xlsx/commands';
import { readmeModel, tabModel } from '../../src/cli/xlsx/layout';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { entryData, makeEntry, readZip, writeZip } from '../../src/cli/xlsx/zip';
import type { Cell } from '../../src/shared/cells';
import {
  canonicalLedgerText,
  chainDigest,
  GENESIS,
  readRecords,
  sealedLedgerRows,
} from '../../src/shared/seal';
import { type ColumnTab, headersOf, TAB } from '../../src/shared/tabs';
import { cli, readBook, tempDir } from './helpers';

jest.setTimeout(60_000);

const L = headersOf('ledger');
const P = headersOf('publications');
const at = { month: '2026-10', instant: new Date('2026-10-31T02:00:00Z') };
const SEP = '公示-2026-08';
let bytes: Buffer;
let demoBytes: Buffer;

beforeAll(async () => {
  const d = tempDir();
  const file = join(d, 'demo.xlsx');
  expect((await cli(['demo', file])).code).toBe(0);
  demoBytes = readFileSync(file);
  // One more publication, so 公示记录 holds a chain of nine: 2026-01 … 2026-08 (demo, rows 2–9), then 2026-09 (row 10).
  expect((await cli(['publish', file, '--month', '2026-09'], at)).code).toBe(0);
  bytes = readFileSync(file);
});

function copy(): string {
  const file = join(tempDir(), '台账.xlsx');
  writeFileSync(file, bytes);
  return file;
}

/** Rewrites a tab's cells as an editor saving the file would (same layout jifen writes). */
function editTab(file: string, tab: ColumnTab, fn: (v: Cell[][]) => Cell[][]): void {
  const pkg = XlsxPackage.open(readFileSync(file));
  pkg.setSheet(TAB[tab], tabModel(tab, fn(pkg.values(TAB[tab])!)));
  writeFileSync(file, pkg.toBuffer());
}

/** Edits one XML part of the file by hand (what a look-changing editor does through Excel). */
function editPart(file: string, part: string, fn: (xml: string) => string): void {
  const entries = readZip(readFileSync(file)).map((e) =>
    e.name === part ? makeEntry(e.name, fn(entryData(e).toString('utf8'))) : e,
  );
  writeFileSync(file, writeZip(entries));
}

const sheetPart = (file: string, name = SEP) => readBook(file).sheet(name)!.path;

function replaceOnce(xml: string, from: string, to: string): string {
  if (!xml.includes(from)) throw new Error(`not found: ${from}`);
  return xml.replace(from, to);
}

/** A typed, approved 2026-08 row that the 公示 lists: its row, id and 数量. */
function handRow(file: string): { row: number; id: string; qty: Cell } {
  const v = readBook(file).values(TAB.ledger)!;
  const i = v.findIndex(
    (r) => r[1] === '2026-08' && r[L.indexOf('来源')] === '两委' && r[L.indexOf('状态')] === '已通过',
  );
  return { row: i + 1, id: String(v[i]![0]), qty: v[i]![L.indexOf('数量')]! };
}

const setQty = (file: string, row: number, qty: number) =>
  editTab(file, 'ledger', (v) =>
    v.map((r, i) => (i === row - 1 ? r.map((c, j) => (j === L.indexOf('数量') ? qty : c)) : r)),
  );

const digests = (file: string) =>
  readRecords(readBook(file).values(TAB.publications), 0).map((r) => r.digest);

async function verify(file: string, given: string[] = []) {
  return cli(['verify', file, ...(given.length ? ['--digest', given.join(',')] : [])]);
}

test('an untouched book verifies, also against the digests printed on the nine 公示', async () => {
  const file = copy();
  const ok = await verify(file, digests(file));
  expect(ok.code).toBe(0);
  expect(ok.out).toBe(
    '校验公示：全部 9 张公示与发布时封存的内容一致（公示表的显示内容、已发布月份的台账记录、公示记录的摘要链，公示/邮件上的 9 个校验码都在公示记录中）。\n',
  );
});

test('a book published before sealing (7-column 公示记录): the old record is checked by values, the next publication starts the chain', async () => {
  const file = join(tempDir(), '旧台账.xlsx');
  writeFileSync(file, demoBytes);
  editTab(file, 'publications', (v) => v.map((r) => r.slice(0, 7)));
  expect((await cli(['publish', file, '--month', '2026-09'], at)).code).toBe(0);
  const v = readBook(file).values(TAB.publications)!;
  expect(v[0]).toEqual(P);
  const recs = readRecords(v, 0);
  // The demo's eight old records have no digest; September's is the first link of the chain.
  expect(recs.map((r) => r.digest === '')).toEqual([true, true, true, true, true, true, true, true, false]);
  expect(recs[8]!.fields.prev).toBe(GENESIS);
  expect((await verify(file)).code).toBe(0);
  editPart(file, sheetPart(file), (x) =>
    replaceOnce(x, '<c r="G5"><v>46</v></c>', '<c r="G5"><v>99</v></c>'),
  );
  expect((await verify(file)).out).toContain(`${SEP} 发布后被改动（旧版公示记录，只核对数值）`);
});

test('edits in an unpublished month stay allowed: recompute runs, verify passes', async () => {
  const file = copy();
  const v = readBook(file).values(TAB.ledger)!;
  const row = v.findIndex((r) => r[1] === '2026-10' && r[L.indexOf('来源')] === '两委') + 1;
  setQty(file, row, 3);
  expect((await cli(['recompute', file], at)).code).toBe(0);
  expect((await verify(file)).code).toBe(0);
});

describe('each tampering is detected and named (exit 3)', () => {
  test('1 ledger quantity edit in a published month; recompute and publish stop with the same line', async () => {
    const file = copy();
    const { row, qty } = handRow(file);
    setQty(file, row, 20);
    const line = `2026-08 已发布：积分台账第 ${row} 行 数量 ${qty}→20`;
    const v = await verify(file);
    expect(v.code).toBe(3);
    expect(v.out).toContain(line);
    const before = readFileSync(file);
    const r = await cli(['recompute', file], at);
    expect(r.code).toBe(3);
    expect(r.err).toContain(`重新计算已停止（为免悄悄改变已发布月份的结果）：\n- ${line}`);
    const p = await cli(['publish', file, '--month', '2026-10'], at);
    expect(p.code).toBe(3);
    expect(p.err).toContain(`发布已停止（为免悄悄改变已发布月份的结果）：\n- ${line}`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test('2 backdated row added into a published month', async () => {
    const file = copy();
    let row = 0;
    editTab(file, 'ledger', (v) => {
      const r: Cell[] = L.map(() => '');
      const set = (h: string, x: Cell) => {
        r[L.indexOf(h)] = x;
      };
      set('编号', 'LATE-1');
      set('月份', '2026-08');
      set('干部编号', '001');
      set('规则编码', 'T-MEDIATION');
      set('数量', 2);
      set('来源', '两委');
      set('状态', '已通过');
      row = v.length + 1;
      return [...v, r];
    });
    expect((await verify(file)).out).toContain(
      `2026-08 已发布：积分台账第 ${row} 行（编号 LATE-1）是发布后新增或改为已通过的，不在「公示-2026-08」中`,
    );
  });

  test('2b a row typed in as 更正 without an upheld objection listing it', async () => {
    const file = copy();
    let row = 0;
    editTab(file, 'ledger', (v) => {
      const r: Cell[] = L.map(() => '');
      const set = (h: string, x: Cell) => {
        r[L.indexOf(h)] = x;
      };
      set('编号', 'FAKE-X');
      set('月份', '2026-08');
      set('干部编号', '001');
      set('规则编码', 'T-MEDIATION');
      set('数量', 1);
      set('来源', '更正');
      set('状态', '已通过');
      row = v.length + 1;
      return [...v, r];
    });
    expect((await verify(file)).out).toContain(
      `2026-08 已发布：积分台账第 ${row} 行（编号 FAKE-X）是更正条目，但「异议处理」中没有成立的异议列出它`,
    );
  });

  test('3 ledger row of a published month deleted', async () => {
    const file = copy();
    const { row, id } = handRow(file);
    editTab(file, 'ledger', (v) => v.filter((_, i) => i !== row - 1));
    const out = (await verify(file)).out;
    expect(out).toContain(`2026-08 已发布：条目 ${id}（`);
    expect(out).toContain('）已从积分台账删除');
  });

  test('4 snapshot value edited', async () => {
    const file = copy();
    editPart(file, sheetPart(file), (x) =>
      replaceOnce(x, '<c r="G5"><v>46</v></c>', '<c r="G5"><v>99</v></c>'),
    );
    expect((await verify(file)).out).toContain(`${SEP} 第 5 行 内容被改动（现在：`);
  });

  test('5 number format changed (the value stays, the look changes)', async () => {
    const file = copy();
    editPart(file, sheetPart(file), (x) =>
      replaceOnce(x, '<c r="G5"><v>46</v></c>', '<c r="G5" s="1"><v>46</v></c>'),
    );
    expect((await verify(file)).out).toContain(`${SEP} 第 5 行 数字格式或显示被改动（数值未变；现在格式：`);
  });

  test('6 row hidden', async () => {
    const file = copy();
    editPart(file, sheetPart(file), (x) => replaceOnce(x, '<row r="5">', '<row r="5" hidden="1">'));
    expect((await verify(file)).out).toContain(`${SEP} 第 5 行 隐藏`);
  });

  test('7 column hidden', async () => {
    const file = copy();
    editPart(file, sheetPart(file), (x) =>
      replaceOnce(x, '<col min="9" max="9" ', '<col min="9" max="9" hidden="1" '),
    );
    expect((await verify(file)).out).toContain(`${SEP} 第 I 列 隐藏`);
  });

  test('8 cells merged', async () => {
    const file = copy();
    editPart(file, sheetPart(file), (x) =>
      replaceOnce(x, '<mergeCells count="2">', '<mergeCells count="3"><mergeCell ref="G5:H5"/>'),
    );
    expect((await verify(file)).out).toContain(`${SEP} G5:H5 合并单元格`);
  });

  test('9 tab renamed', async () => {
    const file = copy();
    editPart(file, 'xl/workbook.xml', (x) => replaceOnce(x, `name="${SEP}"`, `name="${SEP}（旧）"`));
    expect((await verify(file)).out).toContain(`${SEP} 已被改名为「${SEP}（旧）」`);
  });

  test('10 real tab hidden and a look-alike tab added', async () => {
    const file = copy();
    const pkg = XlsxPackage.open(readFileSync(file));
    // The letter O for the zero of the tab it imitates.
    pkg.addSheet(
      '公示-2026-O8',
      readmeModel(pkg.values(SEP)!.map((r) => r.map((c) => String(c ?? '')).join(' '))),
    );
    writeFileSync(file, pkg.toBuffer());
    editPart(file, 'xl/workbook.xml', (x) =>
      replaceOnce(x, `name="${SEP}" `, `name="${SEP}" state="hidden" `),
    );
    const out = (await verify(file)).out;
    expect(out).toContain(`${SEP} 已被隐藏`);
    expect(out).toContain(`另有名称相似的表「公示-2026-O8」，不是发布的公示「${SEP}」`);
  });

  test('11 first 公示记录 row deleted: the chain breaks; the printed digest is no longer in the record', async () => {
    const file = copy();
    const [jan] = digests(file);
    editTab(file, 'publications', (v) => v.filter((_, i) => i !== 1));
    const v = await verify(file, [jan!]);
    expect(v.code).toBe(3);
    expect(v.out).toContain('公示记录 第 2 行被删除：链断开');
    expect(v.out).toContain(`公示/邮件上的校验码 ${jan!.slice(0, 12)}… 不在公示记录中`);
    expect((await cli(['recompute', file], at)).code).toBe(3);
  });

  test('11b last 公示记录 row deleted: its 公示 tab has no record any more; with the tab deleted too, only the printed digest can tell', async () => {
    const file = copy();
    const last = digests(file).at(-1);
    editTab(file, 'publications', (v) => v.slice(0, -1));
    const orphan = await verify(file);
    expect(orphan.code).toBe(3);
    expect(orphan.out).toContain('「公示-2026-09」是公示表，但公示记录中没有它的记录（记录可能被删除）');
    // The record and its tab both removed: the chain and the book are consistent again (README says so).
    const pkg = readBook(file);
    pkg.removeSheet('公示-2026-09');
    writeFileSync(file, pkg.toBuffer());
    expect((await verify(file)).code).toBe(0);
    const v = await verify(file, [last!]);
    expect(v.code).toBe(3);
    expect(v.out).toContain('公示记录 摘要被重新计算或记录被删除：公示/邮件上的校验码');
  });

  test('12 ledger edited and the whole chain recomputed by the editor: the 公示 itself and the printed digest still name it', async () => {
    const file = copy();
    // 2026-08 is the 8th record (公示记录 row 9), 2026-09 the 9th and last (row 10).
    const printed = digests(file)[7];
    const { row, qty } = handRow(file);
    setQty(file, row, 20);
    editTab(file, 'publications', (v) => {
      const recs = readRecords(v, 0);
      expect(recs.map((r) => r.fields.period)).toEqual([
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
      ]);
      const rows = sealedLedgerRows(readBook(file).values(TAB.ledger), '2026-08', 0);
      const f8 = { ...recs[7]!.fields, ledgerSha: sha256Hex(canonicalLedgerText(rows)) };
      const d8 = chainDigest(f8, sha256Hex);
      const d9 = chainDigest({ ...recs[8]!.fields, prev: d8 }, sha256Hex);
      const out = v.map((r) => r.slice());
      out[8]![P.indexOf('台账SHA-256')] = f8.ledgerSha;
      out[8]![P.indexOf('摘要')] = d8;
      out[9]![P.indexOf('上一摘要')] = d8;
      out[9]![P.indexOf('摘要')] = d9;
      return out;
    });
    const plain = await verify(file);
    expect(plain.code).toBe(3);
    expect(plain.out).toContain(`2026-08 已发布：积分台账第 ${row} 行 数量 ${qty}→20`);
    expect(plain.out).not.toContain('链断开');
    const withPrinted = await verify(file, [printed!]);
    expect(withPrinted.out).toContain('公示记录 摘要被重新计算或记录被删除：公示/邮件上的校验码');
  });

  test('13 chain reordered (two 公示记录 rows swapped)', async () => {
    const file = copy();
    // The last two records (rows 9 and 10: 2026-08, 2026-09) change places.
    editTab(file, 'publications', (v) => [...v.slice(0, 8), v[9]!, v[8]!]);
    expect((await verify(file)).out).toContain(
      '公示记录 顺序被调换：第 9 行「公示-2026-09」应接在第 10 行之后：链断开',
    );
  });

  test('14 a 公示记录 field (发布人) edited', async () => {
    const file = copy();
    // Row 9 of 公示记录 is the record of 2026-08.
    editTab(file, 'publications', (v) =>
      v.map((r, i) => (i === 8 ? r.map((c, j) => (j === P.indexOf('发布人') ? '他人' : c)) : r)),
    );
    expect((await verify(file)).out).toContain(`公示记录 第 9 行（${SEP}）内容被改动，与其摘要不符`);
  });
});
