// jifen publish / verify: the protected snapshot, its digest in 公示记录, the HTML page, and every refusal leaving the file untouched.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tabModel } from '../../src/cli/xlsx/layout';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { entryData, readZip } from '../../src/cli/xlsx/zip';
import { canonicalSnapshotText, snapshotTabName } from '../../src/shared/publish';
import { headersOf, TAB } from '../../src/shared/tabs';
import { findTool, requireTool } from '../helpers/tools';
import { cli, coreFigures, demoScenarioJson, filesIn, readBook, sha256, tempDir } from './helpers';

let demoBytes: Buffer;

beforeAll(async () => {
  const d = tempDir();
  const r = await cli(['demo', join(d, 'demo.xlsx')]);
  expect(r.code).toBe(0);
  demoBytes = readFileSync(join(d, 'demo.xlsx'));
});

function copyDemo(name = '台账.xlsx', mutate?: (pkg: XlsxPackage) => void): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, name);
  if (mutate) {
    const pkg = XlsxPackage.open(demoBytes);
    mutate(pkg);
    writeFileSync(file, pkg.toBuffer());
  } else writeFileSync(file, demoBytes);
  return { dir, file };
}

// The demo has January–August published; September is the next month in order.
const SEP = '2026-09';
// Each publication prints its PDF through Chromium (a second or two).
jest.setTimeout(30_000);

// The CLI prints the PDF with the Chromium the helper finds; without one it writes the HTML only and says
// why (both are checked below). The PDF itself is mandatory under CI=true: see the requireTool suite.
const browser = findTool('chromium');
beforeAll(() => {
  process.env.JIFEN_CHROMIUM = browser ?? join(tempDir(), 'no-chromium-here');
});
const PDF_FILES = browser ? ['台账-公示-2026-09.pdf'] : [];

const at = { month: '2026-10', instant: new Date('2026-10-31T02:00:00Z') };

test('publish writes the protected snapshot, a 公示记录 row whose SHA-256 matches, and the HTML page', async () => {
  const { dir, file } = copyDemo();
  const r = await cli(['publish', file, '--month', SEP, '--by', '李秀英'], at);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const book = readBook(file);
  const tab = snapshotTabName(SEP);
  expect(tab).toBe('公示-2026-09');
  const snap = book.values(tab)!;
  expect(snap[0]![0]).toBe('示例社区 2026年9月 干部积分公示');
  expect(String(snap[1]![0])).toContain('发布人：李秀英');
  expect(String(snap[1]![0])).toContain('发布时间：2026-10-31 10:00:00');

  // The cadre table equals the core's own figures for September.
  const core = coreFigures(demoScenarioJson(), SEP);
  const header = snap[3]!;
  expect(header).toEqual([
    '排名',
    '编号',
    '姓名',
    '基础',
    '任务',
    '奖励',
    '月度积分',
    '年度累计',
    '分档',
    '备注',
  ]);
  const rows = snap.slice(4, 4 + core.size);
  for (const row of rows) {
    const c = core.get(String(row[1]))!;
    expect(row.slice(0, 8)).toEqual([
      c.rank,
      c.cadreId,
      c.name,
      c.base,
      c.task,
      c.reward,
      c.total,
      c.yearToDate,
    ]);
  }
  // Every approved September entry is listed once, and the details add up to each cadre's month total.
  const ledger = book.values(TAB.ledger)!.slice(1);
  const approvedSep = ledger.filter((x) => x[1] === SEP && x[13] === '已通过');
  const detailStart = snap.findIndex((x) => x[0] === '干部编号') + 1;
  const details = snap.slice(detailStart).filter((x) => x.length >= 10);
  expect(details.map((x) => x[9]).sort()).toEqual(approvedSep.map((x) => x[0]).sort());
  const sums = new Map<string, number>();
  for (const x of details) sums.set(String(x[0]), (sums.get(String(x[0])) ?? 0) + Number(x[6]));
  for (const [id, c] of core) expect(sums.get(id) ?? 0).toBe(c.total);

  // 公示记录: period, version, tab, who, when, rows, digest of the tab as read back from the file.
  const pub = book.values(TAB.publications)!;
  const rec = pub.find((x) => x[0] === SEP)!;
  expect(rec.slice(0, 6)).toEqual([SEP, 1, tab, '李秀英', '2026-10-31 10:00:00', snap.length]);
  expect(rec[6]).toBe(sha256(canonicalSnapshotText(snap)));

  // Sheet protection is on, and exceljs (another reader) agrees on the digest input.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(tab) as unknown as ExcelJS.Worksheet & { sheetProtection: { sheet: boolean } };
  expect(ws.sheetProtection.sheet).toBe(true);
  const viaExceljs: unknown[][] = Array.from({ length: ws.rowCount }, () => []);
  ws.eachRow((row, n) => {
    row.eachCell((cell, c) => {
      // exceljs repeats a merged range's value in every cell of it; the sheet has it once (top left).
      if (!cell.isMerged || cell.master === cell) viaExceljs[n - 1]![c - 1] = cell.value;
    });
  });
  expect(sha256(canonicalSnapshotText(viaExceljs as never))).toBe(rec[6]);

  // The HTML page beside the workbook.
  const html = readFileSync(join(dir, '台账-公示-2026-09.html'), 'utf8');
  expect(html).toContain('<html lang="zh-CN">');
  expect(html).toContain('@page { size: A4');
  expect(html).toContain('WenQuanYi Zen Hei');
  expect(html).toContain('示例社区 2026年9月 干部积分公示');
  // the printed page carries the chain digest (摘要), not the values digest
  expect(html).toContain(String(rec[11]));
  expect(String(rec[11])).toMatch(/^[0-9a-f]{64}$/);
  expect(filesIn(dir)).toEqual(['台账-公示-2026-09.html', ...PDF_FILES, '台账.xlsx', '台账.xlsx.bak']);
  expect(r.out).toContain('台账-公示-2026-09.html');
  if (browser) expect(r.out).toMatch(/PDF（A4，\d+ 页）：.*台账-公示-2026-09\.pdf/);
  else
    expect(r.out).toContain(
      'PDF 未生成：未找到 Chromium（可安装 chromium，或设置 JIFEN_CHROMIUM 指向浏览器）。可用浏览器打开上面的页面，打印为 PDF。',
    );
  // --by names the publisher on the printed page.
  expect(html).toContain('发布人：李秀英');
});

test('publishing the same month twice is refused, and the file stays as it was', async () => {
  const { dir, file } = copyDemo();
  expect((await cli(['publish', file, '--month', SEP], at)).code).toBe(0);
  const published = readFileSync(file);
  const r = await cli(['publish', file, '--month', SEP], at);
  expect(r.code).toBe(2);
  expect(r.err).toContain('已于 2026-10-31 10:00:00 发布公示');
  expect(r.err).toContain('更正1');
  expect(readFileSync(file).equals(published)).toBe(true);
  // The .bak is still the one of the first (successful) publication.
  expect(readFileSync(`${file}.bak`).equals(demoBytes)).toBe(true);
  // The workbook, its .bak, the HTML page and (with Chromium) its PDF.
  expect(filesIn(dir)).toHaveLength(3 + PDF_FILES.length);
});

test.each([
  ['2026-10', '待审核'],
  ['2026-08', '已于'],
  ['2026-12', '尚未到来'],
  ['2025-12', '不在考核年度 2026'],
  ['2026-13', '月份格式'],
  ['十月', '月份格式'],
])('publish --month %s is refused (%s), exit 2, input untouched, no .bak', async (month, words) => {
  const { dir, file } = copyDemo();
  const r = await cli(['publish', file, '--month', month], at);
  expect(r.code).toBe(2);
  expect(r.err).toContain(words);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(readFileSync(file).equals(demoBytes)).toBe(true);
  expect(filesIn(dir)).toEqual(['台账.xlsx']);
});

test('a month without any data is refused', async () => {
  const { file } = copyDemo('空.xlsx', (pkg) => {
    // Drop every ledger row and attendance row of September (the next month to publish).
    const ledger = pkg.values(TAB.ledger)!.filter((r, i) => i === 0 || r[1] !== SEP);
    const att = pkg.values(TAB.attendance)!.filter((r, i) => i === 0 || r[0] !== SEP);
    pkg.replaceSheet(TAB.ledger, tabModel('ledger', ledger));
    pkg.replaceSheet(TAB.attendance, tabModel('attendance', att));
  });
  const before = readFileSync(file);
  const r = await cli(['publish', file, '--month', SEP], at);
  expect(r.code).toBe(2);
  expect(r.err).toContain('2026-09 没有任何积分台账条目或考勤记录');
  expect(readFileSync(file).equals(before)).toBe(true);
});

test('October can be published once its pending claims are reviewed, its 申报异常 handled and September published', async () => {
  const reviewed = (pkg: XlsxPackage) => {
    const ledger = pkg
      .values(TAB.ledger)!
      .map((r) => (r[13] === '待审核' ? [...r.slice(0, 13), '已通过'] : r));
    pkg.replaceSheet(TAB.ledger, tabModel('ledger', ledger));
  };
  // The demo's open 申报异常 names 2026-10 (as the add-on's intake writes it) and stops October.
  const open = copyDemo('审核后.xlsx', reviewed);
  const blocked = await cli(['publish', open.file, '--month', '2026-10'], at);
  expect(blocked.code).toBe(2);
  expect(blocked.err).toContain('不能发布公示：2026-10 有 1 条申报异常尚未处理。');
  const { file } = copyDemo('审核后.xlsx', (pkg) => {
    reviewed(pkg);
    const errors = pkg.values(TAB.intakeErrors)!;
    const col = headersOf('intakeErrors').indexOf('处理情况');
    expect(errors.slice(1).map((r) => r[col])).toEqual(['待处理']);
    pkg.replaceSheet(
      TAB.intakeErrors,
      tabModel('intakeErrors', [
        errors[0]!,
        ...errors.slice(1).map((r) => r.map((c, j) => (j === col ? '已处理' : c))),
      ]),
    );
  });
  // Months are published in order, as the add-on requires (src/shared/publish.ts).
  const before = readFileSync(file);
  const early = await cli(['publish', file, '--month', '2026-10'], at);
  expect(early.code).toBe(2);
  expect(early.err).toContain('不能发布公示：请按月份顺序公示：2026-09 尚未发布公示。');
  expect(readFileSync(file).equals(before)).toBe(true);
  expect((await cli(['publish', file, '--month', SEP], at)).code).toBe(0);
  const r = await cli(['publish', file, '--month', '2026-10'], at);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  // the new snapshot tab exists and holds October's notice (toBeDefined would pass for null)
  expect(String(readBook(file).values('公示-2026-10')?.[0]?.[0])).toContain('2026年10月');
});

test('an open 申报异常 naming the month stops the publication, as in the add-on; once 已处理 it publishes', async () => {
  const raw = '申报人=cadre02@example.org；干部=002；月份=2026年9月份（2026-09）；事项=T-ACTIVITY；数量=1';
  const withError = (status: string) => (pkg: XlsxPackage) => {
    const rows = pkg.values(TAB.intakeErrors)!;
    expect(rows[0]).toEqual(headersOf('intakeErrors'));
    const row = [
      '2026-10-05 08:30:00',
      'resp-09002',
      38,
      'cadre02@example.org',
      '数量“一”不是数字',
      raw,
      status,
    ];
    pkg.replaceSheet(TAB.intakeErrors, tabModel('intakeErrors', [...rows, row]));
  };
  const open = copyDemo('异常.xlsx', withError('待处理'));
  const before = readFileSync(open.file);
  const r = await cli(['publish', open.file, '--month', SEP], at);
  expect(r.code).toBe(2);
  expect(r.err).toContain(
    '不能发布公示：2026-09 有 1 条申报异常尚未处理。请在「申报异常」表逐条处理（请干部改正后重新申报，或由两委直接录入），处理完把该行「处理情况」改为“已处理”（不要删除行）后再发布。',
  );
  expect(readFileSync(open.file).equals(before)).toBe(true);
  const done = copyDemo('异常.xlsx', withError('已处理'));
  expect((await cli(['publish', done.file, '--month', SEP], at)).code).toBe(0);
});

test('text typed into the ledger is escaped in the HTML page and stays text in the snapshot', async () => {
  const evil = '<script>alert("x")</script> & =IMPORTXML("a") 2026-10';
  const { dir, file } = copyDemo('转义.xlsx', (pkg) => {
    const ledger = pkg.values(TAB.ledger)!;
    const i = ledger.findIndex((r) => r[1] === SEP && r[10] === '表单' && r[13] === '已通过');
    ledger[i] = [...ledger[i]!.slice(0, 9), evil, ...ledger[i]!.slice(10)];
    pkg.replaceSheet(TAB.ledger, tabModel('ledger', ledger));
  });
  expect((await cli(['publish', file, '--month', SEP], at)).code).toBe(0);
  const html = readFileSync(join(dir, '转义-公示-2026-09.html'), 'utf8');
  expect(html).not.toContain('<script>');
  expect(html).toContain(
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; =IMPORTXML(&quot;a&quot;) 2026-10',
  );
  expect(
    readBook(file)
      .values('公示-2026-09')!
      .some((r) => r[7] === evil),
  ).toBe(true);
});

test('verify: intact snapshots pass; an edited or missing snapshot is reported with exit 3', async () => {
  const { file } = copyDemo();
  expect((await cli(['publish', file, '--month', SEP], at)).code).toBe(0);
  const ok = await cli(['verify', file]);
  expect(ok.code).toBe(0);
  expect(ok.out).toContain('全部 9 张公示与发布时封存的内容一致');

  // Someone unprotects the sheet in Excel and changes a number.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('公示-2026-09')!;
  ws.getCell('G5').value = Number(ws.getCell('G5').value) + 10;
  wb.removeWorksheet(wb.getWorksheet('公示-2026-08')!.id);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  const bad = await cli(['verify', file]);
  expect(bad.code).toBe(3);
  expect(bad.out).toContain('公示-2026-09 第 5 行 内容被改动（现在：');
  expect(bad.out).toContain('公示-2026-08 不存在（已被删除或改名）');
});

test('the snapshot part is written once and never touched by later recomputes', async () => {
  const { file } = copyDemo();
  const part = (f: string) => {
    const path = readBook(f).sheet('公示-2026-08')!.path;
    return entryData(readZip(readFileSync(f)).find((e) => e.name === path)!);
  };
  const before = part(file);
  expect((await cli(['recompute', file], { month: '2026-12' })).code).toBe(0);
  expect(part(file).equals(before)).toBe(true);
  expect((await cli(['verify', file])).code).toBe(0);
});

requireTool('chromium')('the PDF beside the HTML (Chromium)', () => {
  test('publish prints an A4 PDF of the page and names it', async () => {
    const { dir, file } = copyDemo();
    const r = await cli(['publish', file, '--month', SEP], at);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/PDF（A4，\d+ 页）：.*台账-公示-2026-09\.pdf/);
    expect(readFileSync(join(dir, '台账-公示-2026-09.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
