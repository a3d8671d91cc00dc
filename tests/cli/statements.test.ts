// jifen statements: one private page per cadre of a published month, the workbook untouched, refusals with exit 2, PDFs with Chromium.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tabModel } from '../../src/cli/xlsx/layout';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { statementFileName } from '../../src/cli/xlsx/statements';
import type { Cell } from '../../src/shared/cells';
import { headersOf, TAB } from '../../src/shared/tabs';
import { findTool, requireTool } from '../helpers/tools';
import { cli, coreFigures, demoScenarioJson, filesIn, sha256, tempDir } from './helpers';

jest.setTimeout(60_000);

let demoBytes: Buffer;
const NAMES: Record<string, string> = {
  '001': '王建国',
  '002': '李秀英',
  '003': '张伟',
  '004': '刘芳',
  '005': '陈磊',
  '006': '杨静',
  '007': '赵敏',
  '008': '黄勇',
  '009': '周婷',
  '010': '吴强',
  '011': '徐丽',
  '012': '孙浩',
};
const HTML_FILES = Object.entries(NAMES).map(([id, name]) => `${id}-${name}.html`);

const saved = process.env.JIFEN_CHROMIUM;
// Found before beforeAll points JIFEN_CHROMIUM (which findTool also reads) at nothing.
const browser = findTool('chromium');
beforeAll(async () => {
  const d = tempDir();
  expect((await cli(['demo', join(d, 'demo.xlsx')])).code).toBe(0);
  demoBytes = readFileSync(join(d, 'demo.xlsx'));
  // HTML only unless a test asks for PDFs (printing twelve pages takes seconds).
  process.env.JIFEN_CHROMIUM = join(d, 'no-chromium-here');
});
afterAll(() => {
  if (saved === undefined) delete process.env.JIFEN_CHROMIUM;
  else process.env.JIFEN_CHROMIUM = saved;
});

function copyDemo(): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, '台账.xlsx');
  writeFileSync(file, demoBytes);
  return { dir, file };
}

test('writes one page per cadre of the published month, each with that cadre’s own figures and no one else’s name; the workbook is untouched', async () => {
  const { dir, file } = copyDemo();
  const out = join(dir, '积分单');
  const r = await cli(['statements', file, '--month', '2026-08', '--out', out]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(filesIn(out)).toEqual(HTML_FILES);
  expect(filesIn(dir)).toEqual(['台账.xlsx', '积分单']);
  expect(sha256(readFileSync(file))).toBe(sha256(demoBytes));
  expect(r.out.split('\n').slice(0, 3)).toEqual([
    `已生成 2026年8月个人积分单 12 份（依据「公示-2026-08」）：${out}`,
    `  ${join(out, '001-王建国.html')}`,
    `  ${join(out, '002-李秀英.html')}`,
  ]);
  expect(r.out).toContain('PDF 未生成：未找到 Chromium（可安装 chromium，或设置 JIFEN_CHROMIUM 指向浏览器）');
  expect(r.out).toContain('每份只含本人的积分和申报，请分别发给本人，不要转发到群里。\n');
  expect(r.out).not.toContain('注意：');
  const core = coreFigures(demoScenarioJson(), '2026-08');
  for (const [id, name] of Object.entries(NAMES)) {
    const html = readFileSync(join(out, `${id}-${name}.html`), 'utf8');
    const c = core.get(id)!;
    expect(html).toContain(`<p class="who"><b>${name}</b>（${id}）`);
    expect(html).toContain(`<div class="k">本月积分</div><div class="v">${c.total}</div>`);
    expect(html).toContain(`<div class="k">年度累计</div><div class="v">${c.yearToDate}</div>`);
    expect(html).toContain(
      `<div class="k">本月排名</div><div class="v">${c.rank}</div><div class="u">共 12 名</div>`,
    );
    expect(html).toContain('本单依据「公示-2026-08」（发布时间 2026-10-09 10:00:00）');
    for (const [otherId, other] of Object.entries(NAMES))
      if (otherId !== id) expect(html).not.toContain(other);
  }
});

test('a row typed into the published month afterwards, or an edited 公示 tab, is pointed out', async () => {
  const { dir, file } = copyDemo();
  const pkg = XlsxPackage.open(demoBytes);
  const H = headersOf('ledger');
  const late: Cell[] = H.map(() => '');
  const set = (h: string, v: Cell) => {
    late[H.indexOf(h)] = v;
  };
  set('编号', 'LATE-1');
  set('月份', '2026-08');
  set('干部编号', '003');
  set('规则编码', 'T-ACTIVITY');
  set('数量', 1);
  set('得分依据', '补登八月活动');
  set('来源', '两委');
  set('状态', '已通过');
  pkg.replaceSheet(TAB.ledger, tabModel('ledger', [...pkg.values(TAB.ledger)!, late]));
  writeFileSync(file, pkg.toBuffer());
  const r = await cli(['statements', file, '--month', '2026-08', '--out', join(dir, 'a')]);
  expect(r.code).toBe(0);
  expect(r.out).toContain(
    '注意：有 1 条已通过的条目不在「公示-2026-08」中（LATE-1），个人积分单已计入它们，可能与公示不一致；请先发布更正公示\n',
  );
  expect(readFileSync(join(dir, 'a', '003-张伟.html'), 'utf8')).toContain('补登八月活动');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('公示-2026-08')!;
  ws.getCell('G5').value = Number(ws.getCell('G5').value) + 10;
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  const t = await cli(['statements', file, '--month', '2026-08', '--out', join(dir, 'b')]);
  expect(t.code).toBe(0);
  expect(t.out).toContain(
    '注意：「公示-2026-08」与「公示记录」的校验码不符（发布后被改动），请运行 jifen verify 核对\n',
  );
});

test('an unpublished month is refused with exit 2 in Chinese, and nothing is written', async () => {
  const { dir, file } = copyDemo();
  const out = join(dir, 'out');
  const r = await cli(['statements', file, '--month', '2026-10', '--out', out]);
  expect(r).toEqual({
    code: 2,
    out: '',
    err: `错误：2026-10 尚未发布公示，不能生成个人积分单（个人积分单在公示之后生成，内容与公示一致）。请先运行 jifen publish ${file} --month 2026-10\n`,
  });
  expect(filesIn(dir)).toEqual(['台账.xlsx']);
});

test.each([
  [
    'a bad month',
    ['--month', '2026/9', '--out', 'x'],
    '错误：月份格式应为 YYYY-MM，例如 2026-10（实际：2026/9）\n',
  ],
  ['no --out', ['--month', '2026-08'], '错误：缺少 --out 参数，例如 --out 积分单\n'],
  ['no --month', ['--out', 'x'], '错误：缺少 --month 参数，例如 --month 2026-10\n'],
  [
    'an unknown option',
    ['--mont', '2026-08', '--out', 'x'],
    '错误：未知选项：--mont（是否想用 --month？）。jifen statements 可用的选项：--month、--out、--help（-h）、--version（-v）\n',
  ],
])('%s: exit 2', async (_name, args, err) => {
  const { dir, file } = copyDemo();
  const r = await cli(['statements', file, ...args.map((a) => (a === 'x' ? join(dir, 'x') : a))]);
  expect(r).toEqual({ code: 2, out: '', err });
  expect(filesIn(dir)).toEqual(['台账.xlsx']);
});

test('--out naming a file is refused', async () => {
  const { dir, file } = copyDemo();
  const r = await cli(['statements', file, '--month', '2026-08', '--out', file]);
  expect(r).toEqual({ code: 2, out: '', err: `错误：--out ${file} 是文件，不是文件夹\n` });
  expect(filesIn(dir)).toEqual(['台账.xlsx']);
});

test('file names keep Chinese names and replace what no file system accepts', () => {
  expect(statementFileName('001', '王建国')).toBe('001-王建国.html');
  expect(statementFileName('0/1', 'a:b*?"<>|\n', 'pdf')).toBe('0_1-a_b_______.pdf');
  expect(statementFileName('..', '')).toBe('_-未命名.html');
});

test('jifen statements --help describes the command', async () => {
  const r = await cli(['statements', '--help']);
  expect(r.code).toBe(0);
  expect(r.out).toContain('  jifen statements <台账.xlsx> --month <YYYY-MM> --out <文件夹>\n');
  expect(r.out).toContain('月份须已发布公示（个人积分单在公示之后生成）；工作簿不会被改写。');
});

requireTool('chromium')('with Chromium', () => {
  test('a PDF beside every page, printed with one browser', async () => {
    process.env.JIFEN_CHROMIUM = browser!;
    try {
      const { dir, file } = copyDemo();
      const out = join(dir, 'out');
      const r = await cli(['statements', file, '--month', '2026-08', '--out', out]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('PDF：每人一份（A4），与页面同名\n');
      const pdfs = HTML_FILES.map((f) => f.replace(/\.html$/, '.pdf'));
      expect(filesIn(out)).toEqual([...HTML_FILES, ...pdfs].sort());
      for (const p of pdfs) expect(readFileSync(join(out, p)).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      process.env.JIFEN_CHROMIUM = join(tempDir(), 'no-chromium-here');
    }
  });
});
