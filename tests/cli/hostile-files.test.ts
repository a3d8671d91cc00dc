// Hostile workbooks generated here (reference and zip bombs, bad indexes, bad character references, truncated and mislabelled parts): exit 2 with a Chinese message, input unchanged, memory bounded.

import { spawnSync } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import { demoInputValues } from '../../src/cli/xlsx/demo-book';
import { tabModel } from '../../src/cli/xlsx/layout';
import { MAX_PART_BYTES, XlsxFormatError, XlsxPackage } from '../../src/cli/xlsx/package';
import { unescapeXml } from '../../src/cli/xlsx/xml';
import { entryData, makeEntry, readZip, writeZip, type ZipEntry } from '../../src/cli/xlsx/zip';
import { COLUMNS, type ColumnTab, TAB } from '../../src/shared/tabs';
import { cli, filesIn, root, tempDir } from './helpers';

/** A good workbook of the demo's input tabs (recompute accepts it: see bad-books.test.ts). */
function goodBook(): Buffer {
  const { values } = demoInputValues();
  const pkg = XlsxPackage.create();
  for (const tab of Object.keys(COLUMNS) as ColumnTab[]) pkg.addSheet(TAB[tab], tabModel(tab, values[tab]!));
  return pkg.toBuffer();
}

const GOOD = goodBook();
const pathOf = (tab: ColumnTab) => XlsxPackage.open(GOOD).sheet(TAB[tab])!.path;

/** The good book with some parts replaced (by a function of their text, or by a ready entry) or removed. */
function patched(edits: Record<string, ((xml: string) => string) | ZipEntry | null>): Buffer {
  const out: ZipEntry[] = [];
  for (const e of readZip(GOOD)) {
    const edit = edits[e.name];
    if (edit === undefined) out.push(e);
    else if (edit === null) continue;
    else if (typeof edit === 'function') out.push(makeEntry(e.name, edit(entryData(e).toString('utf8'))));
    else out.push(edit);
  }
  for (const edit of Object.values(edits))
    if (edit && typeof edit !== 'function' && !out.includes(edit)) out.push(edit);
  return writeZip(out);
}

/** Appends rows at the end of a sheet's data. */
const appendRows = (rows: string) => (xml: string) => xml.replace('</sheetData>', `${rows}</sheetData>`);

function place(name: string, data: Buffer): string {
  const file = join(tempDir('jifen-hostile-'), name);
  writeFileSync(file, data);
  return file;
}

/** exit 2, one Chinese error containing every phrase, no stack, input byte-identical, no file left behind. */
async function expectRefused(data: Buffer, phrases: string[], args: string[] = ['recompute']) {
  const file = place('台账.xlsx', data);
  const dir = join(file, '..');
  const before = readFileSync(file);
  const files = filesIn(dir);
  const r = await cli([...args, file]);
  expect(r.err.startsWith('错误：')).toBe(true);
  for (const p of phrases) expect(r.err).toContain(p);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(/\n\s+at |Error:|内部错误/);
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(filesIn(dir)).toEqual(files);
  return r;
}

/**
 * A deflated sheet of `size` bytes ('<worksheet…><sheetData><row r="1"><c r="A1"><v>1</v></c>' then
 * padding), deflated as a stream so the test never holds the inflated bytes.
 */
async function bombSheet(name: string, size: number, declaredSize = size): Promise<ZipEntry> {
  const head = Buffer.from(
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c>',
  );
  const chunk = Buffer.alloc(1024 * 1024, ' ');
  const z = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  z.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((res) => z.on('end', res));
  z.write(head);
  let left = size - head.length;
  while (left > 0) {
    const n = Math.min(left, chunk.length);
    if (!z.write(chunk.subarray(0, n))) await new Promise((res) => z.once('drain', res));
    left -= n;
  }
  z.end();
  await done;
  const raw = Buffer.concat(parts);
  return { name, method: 8, crc: 0, compressedSize: raw.length, size: declaredSize, raw };
}

describe('references and rows beyond Excel’s grid (before: V8 crash, exit 133; memory exhausted)', () => {
  test('a cell reference far past column XFD', async () => {
    const data = patched({
      [pathOf('ledger')]: appendRows(`<row r="900"><c r="${'A'.repeat(80_000)}900"><v>1</v></c></row>`),
    });
    await expectRefused(data, [
      '无法读取',
      '工作表「积分台账」第 900 行：单元格引用 AAAAAAAAAAAAAAAAAAAA… 超出 Excel 的范围（最多 XFD 列、1048576 行）',
    ]);
  });

  test('XFE1, one column past the last', async () => {
    await expectRefused(
      patched({ [pathOf('roster')]: appendRows('<row r="90"><c r="XFE90"><v>1</v></c></row>') }),
      ['工作表「干部名册」第 90 行：单元格引用 XFE90 超出 Excel 的范围'],
    );
  });

  test('row 200,000,000 (and 1,048,577)', async () => {
    await expectRefused(
      patched({ [pathOf('ledger')]: appendRows('<row r="200000000"><c r="A200000000"><v>1</v></c></row>') }),
      ['工作表「积分台账」：行号 200000000 超出 Excel 的范围（最多 1048576 行）'],
    );
    await expectRefused(
      patched({ [pathOf('ledger')]: appendRows('<row r="1048577"><c r="A1048577"><v>1</v></c></row>') }),
      ['行号 1048577 超出 Excel 的范围'],
    );
  });

  test('a cell reference with the row past the grid, and a reference that is not one', async () => {
    await expectRefused(
      patched({ [pathOf('roster')]: appendRows('<row r="90"><c r="A9999999"><v>1</v></c></row>') }),
      ['单元格引用 A9999999 超出 Excel 的范围'],
    );
    await expectRefused(
      patched({ [pathOf('roster')]: appendRows('<row r="90"><c r="1A"><v>1</v></c></row>') }),
      ['工作表「干部名册」第 90 行：单元格引用 1A 无效'],
    );
  });

  test('the last cell of the grid, XFD1048576, is still read', () => {
    const pkg = XlsxPackage.open(
      patched({ [pathOf('roster')]: appendRows('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>') }),
    );
    const v = pkg.values(TAB.roster)!;
    expect(v).toHaveLength(1_048_576);
    expect(v[1_048_575]).toHaveLength(16_384);
    expect(v[1_048_575]![16_383]).toBe(7);
  });

  test('rows of one far cell each (a dense-cell bomb inside the byte caps) are refused before they are built', async () => {
    let rows = '';
    for (let r = 100; r < 2200; r++) rows += `<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`;
    await expectRefused(patched({ [pathOf('ledger')]: appendRows(rows) }), [
      '工作表「积分台账」单元格 XFD',
      '：单元格范围过大（超过 33554432 个单元格的上限；为防止异常或恶意文件耗尽内存）',
    ]);
  });

  test('more shared strings than the cap', async () => {
    await expectRefused(
      patched({
        'xl/sharedStrings.xml': (x) => x.replace('</sst>', `${'<si/>'.repeat(4 * 1024 * 1024)}</sst>`),
      }),
      ['共享字符串超过 4194304 项的上限'],
    );
  }, 60_000);

  test('a cell longer than Excel’s 32,767 characters', async () => {
    const long = (n: number) =>
      `<row r="90"><c r="B90" t="inlineStr"><is><t>${'长'.repeat(n)}</t></is></c></row>`;
    await expectRefused(patched({ [pathOf('roster')]: appendRows(long(40_000)) }), [
      '工作表「干部名册」单元格 B90：文字有 40000 个字符，超过 Excel 单元格 32767 个字符的上限',
    ]);
    expect(
      XlsxPackage.open(patched({ [pathOf('roster')]: appendRows(long(32_767)) })).values(TAB.roster)![89]![1],
    ).toHaveLength(32_767);
  });
});

describe('zip bombs: caps on inflated size, checked before and while inflating', () => {
  let honest: Buffer;
  let lying: Buffer;
  beforeAll(async () => {
    // 300 MiB of sheet in a few hundred KB of zip.
    const size = 300 * 1024 * 1024;
    honest = patched({ [pathOf('ledger')]: await bombSheet(pathOf('ledger'), size) });
    lying = patched({ [pathOf('ledger')]: await bombSheet(pathOf('ledger'), size, 100_000) });
    expect(honest.length).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);

  test('a part that declares more than the cap is refused without inflating it', async () => {
    expect(MAX_PART_BYTES).toBe(256 * 1024 * 1024);
    await expectRefused(honest, [
      `部件 ${pathOf('ledger')} 解压后有 300 MiB，超过单个部件 256 MiB 的上限（为防止异常或恶意文件耗尽内存）`,
    ]);
  });

  test('a part that lies about its size stops inflating just past its declared size', async () => {
    await expectRefused(lying, [
      `文件已损坏（部件 ${pathOf('ledger')} 解压后超过压缩包记录的 100000 字节，已停止解压（可能是恶意构造的文件））`,
    ]);
  });

  test('in the built CLI under a 256 MiB heap, both exit 2 with peak RSS far below the inflated size', () => {
    const dir = tempDir('jifen-bomb-');
    // Peak RSS of the child, printed at exit by a preloaded probe. Linux's VmHWM (proc(5): "Peak resident
    // set size") belongs to the child's own address space; getrusage's ru_maxrss (resourceUsage().maxRSS)
    // also keeps the high-water mark of the pre-exec fork of this test process (the kernel carries it over
    // in exec), so it reads as large as the jest worker once that has grown (seen: 140 MiB in a full run).
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => { const fs = require('fs'); let kib = process.resourceUsage().maxRSS; try { kib = Number(/VmHWM:\\s*(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]); } catch {} fs.writeSync(2, 'maxrss=' + kib + '\\n'); });",
    );
    for (const [name, data] of [
      ['honest.xlsx', honest],
      ['lying.xlsx', lying],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, data);
      const r = spawnSync(
        process.execPath,
        ['--max-old-space-size=256', '-r', probe, join(root, 'dist/cli/jifen.cjs'), 'recompute', file],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toContain('解压后');
      expect(r.status).toBe(2);
      expect(r.signal).toBeNull();
      expect(r.stdout).toBe('');
      const rssKiB = Number(/maxrss=(\d+)/.exec(r.stderr)![1]);
      // Measured: 57 MiB for both (node itself is ~45 MiB); inflating the bomb would take 300 MiB+.
      expect(rssKiB).toBeLessThan(100 * 1024);
      expect(readFileSync(file).equals(data)).toBe(true);
    }
  }, 60_000);

  test('a file over 1 GiB is refused before it is read (a sparse file: no disk used)', async () => {
    const file = place('巨大.xlsx', Buffer.alloc(0));
    truncateSync(file, 1100 * 1024 * 1024);
    const r = await cli(['recompute', file]);
    // (a file over 1 MiB gets progress lines on stderr first)
    expect(r.err.split('\n').at(-2)).toBe(
      `错误：文件 ${file} 有 1100 MiB，超过 1024 MiB 的上限，不像是积分台账`,
    );
    expect(r.code).toBe(2);
    expect(filesIn(join(file, '..'))).toEqual(['巨大.xlsx']);
  });

  test('the total cap: parts each under the part cap, together over the total, are refused', () => {
    const pkg = XlsxPackage.open(GOOD, { partBytes: 1024 * 1024, totalBytes: 200_000 });
    expect(() => {
      for (const tab of Object.keys(COLUMNS) as ColumnTab[]) pkg.values(TAB[tab]);
    }).toThrow(/^工作簿解压后超过 0\.19 MiB 的总上限（读到部件 xl\/[^ ]+ 时；为防止异常或恶意文件耗尽内存）/);
    // The same book within the default caps reads fine.
    const ok = XlsxPackage.open(GOOD);
    for (const tab of Object.keys(COLUMNS) as ColumnTab[]) expect(ok.values(TAB[tab])).toBeDefined();
  });

  test('an unused part is never inflated: a bomb in xl/media recomputes and is copied byte for byte', async () => {
    const bomb = await bombSheet('xl/media/image1.bin', 300 * 1024 * 1024);
    const file = place('带附件.xlsx', patched({ 'xl/media/image1.bin': bomb }));
    const r = await cli(['recompute', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const kept = readZip(readFileSync(file)).find((e) => e.name === 'xl/media/image1.bin')!;
    expect(kept.raw.equals(bomb.raw)).toBe(true);
    expect(kept.size).toBe(bomb.size);
  }, 60_000);
});

describe('bad indexes, missing and mislabelled parts, truncation, bad character references (before: 内部错误, exit 1)', () => {
  test('a shared-string index out of range', async () => {
    await expectRefused(
      patched({ [pathOf('roster')]: appendRows('<row r="90"><c r="A90" t="s"><v>99999</v></c></row>') }),
      ['无法读取', '工作表「干部名册」单元格 A90：共享字符串编号 99999 不存在（共享字符串表只有'],
    );
  });

  test('a missing sheet part', async () => {
    await expectRefused(patched({ [pathOf('roster')]: null }), [
      `缺少工作表「干部名册」的内容（${pathOf('roster')}）`,
    ]);
    // verify reads the publications tab: same message, exit 2.
    await expectRefused(
      patched({ [pathOf('publications')]: null }),
      [`缺少工作表「公示记录」的内容`],
      ['verify'],
    );
  });

  test('a sheet whose relationship points at a part that is not a worksheet', async () => {
    await expectRefused(
      patched({
        'xl/_rels/workbook.xml.rels': (x) =>
          x.replace(`Target="${pathOf('roster').slice(3)}"`, 'Target="styles.xml"'),
      }),
      ['工作表「干部名册」指向的部件 xl/styles.xml 不是工作表（部件类型或关系有误）'],
    );
  });

  test('a shared-strings part that is not one', async () => {
    await expectRefused(
      patched({ 'xl/sharedStrings.xml': () => '<?xml version="1.0"?><worksheet><sheetData/></worksheet>' }),
      ['共享字符串部件 xl/sharedStrings.xml 的内容不是共享字符串表'],
    );
  });

  test('a truncated download, and a part whose compressed data is cut short', async () => {
    await expectRefused(GOOD.subarray(0, GOOD.length - 30), [
      '不是有效的 .xlsx 文件（找不到压缩包的目录，文件可能不完整）',
    ]);
    const ledger = readZip(GOOD).find((e) => e.name === pathOf('ledger'))!;
    const cut = ledger.raw.subarray(0, ledger.raw.length >> 1);
    await expectRefused(patched({ [ledger.name]: { ...ledger, raw: cut, compressedSize: cut.length } }), [
      `文件已损坏（部件 ${ledger.name} 无法解压）`,
    ]);
  });

  test('a part whose CRC does not match', async () => {
    const roster = readZip(GOOD).find((e) => e.name === pathOf('roster'))!;
    await expectRefused(patched({ [roster.name]: { ...roster, crc: (roster.crc + 1) >>> 0 } }), [
      `文件已损坏（部件 ${roster.name} 的校验和不符）`,
    ]);
  });

  test.each([
    ['&#xFFFFFFFF;', '&#xFFFFFFFF;'],
    ['&#0;', '&#0;'],
    ['&#xD800;', '&#xD800;'],
    ['&#99999999999999999999;', '&#99999999999…;'],
  ])('the invalid character reference %s', async (ref, shown) => {
    // In a shared string…
    await expectRefused(
      patched({ 'xl/sharedStrings.xml': (x) => x.replace('</sst>', `<si><t>坏${ref}</t></si></sst>`) }),
      [`共享字符串第`, `项：无效的字符引用 ${shown}（不是合法的 XML 字符）`],
    );
    // …and in a formula's cached text.
    await expectRefused(
      patched({
        [pathOf('roster')]: appendRows(`<row r="90"><c r="C90" t="str"><f>X</f><v>${ref}</v></c></row>`),
      }),
      [`工作表「干部名册」单元格 C90：无效的字符引用 ${shown}`],
    );
  });

  test('valid character references still decode (the edge characters of XML 1.0)', () => {
    expect(unescapeXml('&#x9;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;&#20320;&amp;')).toBe(
      '\t\uD7FF\uE000\uFFFD\u{10000}\u{10FFFF}你&',
    );
    expect(() => unescapeXml('&#xFFFE;')).toThrow(XlsxFormatError);
  });

  test('rows and cells cut off mid-tag', async () => {
    await expectRefused(
      patched({ [pathOf('roster')]: appendRows('<row r="90"><c r="A90"><v>1</v></row>') }),
      ['工作表「干部名册」单元格 A90：内容不完整（单元格没有结束标记 </c>）'],
    );
    await expectRefused(patched({ [pathOf('roster')]: appendRows('<row r="90"><c r="A90"><v>1</v></c>') }), [
      '工作表「干部名册」第 90 行：内容不完整（行没有结束标记 </row>）',
    ]);
  });

  test('two parts with one name', async () => {
    const roster = readZip(GOOD).find((e) => e.name === pathOf('roster'))!;
    const twin = makeEntry(roster.name, '<worksheet/>');
    await expectRefused(writeZip([...readZip(GOOD), twin]), [`压缩包中有两个同名部件 ${roster.name}`]);
  });
});
