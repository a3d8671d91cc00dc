// A workbook typed the way a Google Sheet downloaded as .xlsx stores it (numbers for ids, real dates for months,
// booleans, numeric text, rich text, formulas, hyperlinks, errors) recomputes to the core's own figures.

import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ruleRow } from '../../src/cli/xlsx/demo-book';
import { DEFAULT_RULES } from '../../src/core';
import { headersOf, SETTINGS_ROWS, TAB } from '../../src/shared/tabs';
import { cli, coreFigures, readBook, summaryRowsOf, tempDir } from './helpers';

// Publishing prints a PDF with Chromium: seconds, more on a busy machine.
jest.setTimeout(60_000);

const month = (m: number) => new Date(Date.UTC(2026, m - 1, 1));

/** Adds a tab; `fmt` maps a 1-based column to a number format (Sheets exports dates as numbers + format). */
function tab(wb: ExcelJS.Workbook, name: string, rows: unknown[][], fmt: Record<number, string> = {}) {
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  for (const [c, f] of Object.entries(fmt))
    ws.getColumn(Number(c)).eachCell((cell, n) => {
      if (n > 1) cell.numFmt = f;
    });
}

async function googleStyleBook(file: string) {
  const wb = new ExcelJS.Workbook();
  tab(wb, TAB.settings, [
    headersOf('settings'),
    ...SETTINGS_ROWS.map(([k, v, note]) => {
      if (k === '社区名称') return [k, '测试社区', note];
      if (k === '考核年度') return [k, 2026, note];
      // Sheets turns typed numbers into numbers
      if (/^\d+$/.test(v)) return [k, Number(v), note];
      return [k, v, note];
    }),
  ]);
  tab(
    wb,
    TAB.roster,
    [
      headersOf('roster'),
      [1, '张三', '网格员', 'zhang@example.org', '在职', month(1), null, true],
      [2, '李四', '网格员', 'li@example.org', '在职', '2026-02', null, '是'],
      [
        3,
        { richText: [{ text: '王' }, { text: '五', font: { bold: true } }] },
        '副主任',
        '',
        '在职',
        null,
        null,
        true,
      ],
      [4, '赵六', '书记', '', '在职', null, null, false],
    ],
    { 6: 'yyyy-mm' },
  );
  tab(wb, TAB.rules, [
    headersOf('rules'),
    ...DEFAULT_RULES.map((r) => ruleRow(r).map((v) => (v === '是' ? true : v === '否' ? false : v))),
  ]);
  const L = (o: Record<string, unknown>) => headersOf('ledger').map((h) => o[h] ?? null);
  tab(
    wb,
    TAB.ledger,
    [
      headersOf('ledger'),
      L({
        编号: 'E1',
        月份: month(1),
        干部编号: 1,
        规则编码: 'T-MEDIATION',
        数量: '2',
        得分依据: { text: '调解漏水纠纷（照片）', hyperlink: 'https://example.org/p/1' },
        来源: '表单',
        申报时间: new Date(Date.UTC(2026, 0, 20, 9, 30, 0)),
        状态: { richText: [{ text: '已' }, { text: '通过', font: { color: { argb: 'FF00AA00' } } }] },
      }),
      L({
        编号: 'E2',
        月份: '2026-02',
        干部编号: '2',
        规则编码: 'T-TASK-EARLY',
        数量: { formula: '1+2', result: 3 },
        得分依据: '提前报送',
        来源: '表单',
        状态: '已通过',
      }),
      L({
        编号: 'E3',
        月份: month(1),
        干部编号: 3,
        规则编码: 'T-COMPLAINT',
        数量: 1,
        得分依据: '投诉',
        来源: '两委',
        状态: '已通过',
      }),
      L({
        编号: 'E4',
        月份: month(2),
        干部编号: 1,
        规则编码: 'T-ACTIVITY',
        数量: 1,
        得分依据: '活动',
        来源: '表单',
        状态: '待审核',
      }),
      L({
        编号: 'E5',
        月份: month(2),
        干部编号: 2,
        规则编码: 'T-ACTIVITY',
        数量: { error: '#N/A' },
        得分依据: '活动',
        来源: '表单',
        状态: '已通过',
      }),
      L({
        编号: 'E6',
        月份: month(2),
        干部编号: 4,
        规则编码: 'R-HONOR-CITY',
        数量: 1,
        得分依据: '市级表彰',
        来源: '两委',
        状态: '已通过',
      }),
    ],
    { 2: 'yyyy-mm', 13: 'yyyy-mm-dd hh:mm:ss' },
  );
  tab(
    wb,
    TAB.attendance,
    [
      headersOf('attendance'),
      [month(1), 1, 0, 0, 0, 0, 0],
      [month(1), 3, 1, 0, 0, 0, 0],
      [month(1), 4, 0, 0, 0, 0, 0],
      [month(2), 1, 0, 0, 0, '1', 0],
      [month(2), '2', 0, 0, 0, 0, 0],
      [month(2), 3, 0, 0, 0, 0, 0],
      [month(2), 4, 0, 0, 0, 0, 0],
    ],
    { 1: 'yyyy-mm' },
  );
  tab(wb, TAB.scores, [headersOf('scores')]);
  tab(wb, TAB.redemptions, [headersOf('redemptions')]);
  // Sheets exports an extra tab the add-on does not know (the form responses): it must survive.
  tab(wb, '表单回复 1', [
    ['时间戳', '申报人'],
    [new Date(Date.UTC(2026, 0, 20)), 'zhang@example.org'],
  ]);
  await wb.xlsx.writeFile(file);
}

/** The same data as a scenario for the core (ids as text, months as keys), without the invalid E5. */
const scenario = {
  settings: {
    year: 2026,
    startingPoints: 100,
    fullAttendanceMode: 'replace',
    tierFraction: 1 / 3,
    bottomCount: 3,
    pointsPerHalfDay: 100,
  },
  roster: [
    { id: '1', name: '张三', startMonth: '2026-01', endMonth: null, ranked: true },
    { id: '2', name: '李四', startMonth: '2026-02', endMonth: null, ranked: true },
    { id: '3', name: '王五', startMonth: null, endMonth: null, ranked: true },
    { id: '4', name: '赵六', startMonth: null, endMonth: null, ranked: false },
  ],
  entries: [
    {
      id: 'E1',
      month: '2026-01',
      cadreId: '1',
      ruleCode: 'T-MEDIATION',
      quantity: 2,
      status: 'approved',
      reason: 'x',
    },
    {
      id: 'E2',
      month: '2026-02',
      cadreId: '2',
      ruleCode: 'T-TASK-EARLY',
      quantity: 3,
      status: 'approved',
      reason: 'x',
    },
    {
      id: 'E3',
      month: '2026-01',
      cadreId: '3',
      ruleCode: 'T-COMPLAINT',
      quantity: 1,
      status: 'approved',
      reason: 'x',
    },
    {
      id: 'E4',
      month: '2026-02',
      cadreId: '1',
      ruleCode: 'T-ACTIVITY',
      quantity: 1,
      status: 'pending',
      reason: 'x',
    },
    {
      id: 'E6',
      month: '2026-02',
      cadreId: '4',
      ruleCode: 'R-HONOR-CITY',
      quantity: 1,
      status: 'approved',
      reason: 'x',
    },
  ],
  attendance: [
    ['2026-01', '1', 0, 0],
    ['2026-01', '3', 1, 0],
    ['2026-01', '4', 0, 0],
    ['2026-02', '1', 0, 1],
    ['2026-02', '2', 0, 0],
    ['2026-02', '3', 0, 0],
    ['2026-02', '4', 0, 0],
  ].map(([m, id, late, personal]) => ({
    month: m,
    cadreId: id,
    late,
    earlyLeave: 0,
    absent: 0,
    personalLeaveDays: personal,
    sickLeaveDays: 0,
  })),
};

let file: string;
beforeAll(async () => {
  file = join(tempDir('jifen-google-'), '从谷歌下载.xlsx');
  await googleStyleBook(file);
  const r = await cli(['recompute', file], { month: '2026-02' });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

test.each(['2026-01', '2026-02', '2026-Q1', '2026'])(
  '%s figures equal the core computed from the same data',
  (period) => {
    const book = readBook(file);
    const values = book.values(/^\d{4}-\d\d$/.test(period) ? TAB.monthly : TAB.yearly)!;
    const rows = summaryRowsOf(values, period);
    const core = coreFigures(scenario, period, '2026-02');
    expect(rows.size).toBe(core.size);
    for (const [id, c] of core) {
      const r = rows.get(id)!;
      expect([r.基础, r.任务, r.奖励, r.合计, r.年度累计, r.排名]).toEqual([
        c.base,
        c.task,
        c.reward,
        c.total,
        c.yearToDate,
        c.rank ?? '不参与排名',
      ]);
    }
    // Hand-derived spot checks, independent of the core: 张三 in January = mediation 2×5 + full attendance 10
    // + no criticism 5 + no complaint 5 = 30; 王五 = late (punctual lost) 0 + complaint −1 + no criticism 5 = 4.
    if (period === '2026-01') {
      expect(rows.get('1')!.合计).toBe(30);
      expect(rows.get('3')!.合计).toBe(4);
      expect(rows.get('3')!.姓名).toBe('王五');
    }
  },
);

test('the #N/A quantity is listed on 校验问题 (row and field), nothing else is', () => {
  const book = readBook(file);
  const problems = book.values(TAB.problems)!.slice(1);
  expect(problems).toHaveLength(1);
  const [tabName, row, id, field] = problems[0]!;
  expect([tabName, id, field]).toEqual(['积分台账', 'E5', '数量']);
  expect(book.values(TAB.ledger)![(row as number) - 1]![0]).toBe('E5');
});

test('typed cells are kept as typed; derived columns are filled in', () => {
  const ledger = readBook(file).values(TAB.ledger)!;
  const e1 = ledger.find((r) => r[0] === 'E1')!;
  expect(e1[1]).toEqual(month(1));
  expect(e1[2]).toBe(1);
  expect(e1[3]).toBe('张三');
  expect(e1[6]).toBe('2');
  expect(e1[8]).toBe(10);
  expect(e1[9]).toBe('调解漏水纠纷（照片）');
  expect(e1[12]).toEqual(new Date(Date.UTC(2026, 0, 20, 9, 30, 0)));
  expect(e1[13]).toBe('已通过');
});

test('a tab the add-on does not know is kept', () => {
  expect(readBook(file).values('表单回复 1')).toEqual([
    ['时间戳', '申报人'],
    [new Date(Date.UTC(2026, 0, 20)), 'zhang@example.org'],
  ]);
});

test('publishing works on the Google-style workbook; February waits for its pending claim', async () => {
  const r = await cli(['publish', file, '--month', '2026-02'], { month: '2026-03' });
  expect(r.code).toBe(2);
  expect(r.err).toContain('1 条待审核');
  const ok = await cli(['publish', file, '--month', '2026-01'], { month: '2026-03' });
  expect(ok.err).toBe('');
  expect(ok.code).toBe(0);
  expect(readBook(file).values('公示-2026-01')![0]).toEqual(['测试社区 2026年1月 干部积分公示']);
});
