// Custom functions on the fake: single values and ranges, Date-typed period cells, few reads per execution.
import { buildYearBook, leaveAsOf, SOURCE_ZH, summarize, validateScenario } from '../../src/core';
import { doRecompute, doSetup } from '../../src/gas/actions';
import { cadreRank, cadreTotal, leaveDays, resetCustomFunctionCache } from '../../src/gas/custom-functions';
import { withVersionArg } from '../../src/gas/data-version';
import { JIFEN_LEAVE_DAYS, JIFEN_RANK, JIFEN_TOTAL } from '../../src/gas/entry';
import { cleanupGas, freshGas, ledgerRow, seedDemo, typeRows } from './helpers';

afterEach(() => {
  resetCustomFunctionCache();
  cleanupGas();
});

function expected(demo: ReturnType<typeof seedDemo>, period: string) {
  const { scenario } = validateScenario(
    { ...demo, settings: { ...demo.settings, asOf: '2026-11' } },
    { defaultAsOf: '2026-11' },
  );
  const book = buildYearBook(scenario, 2026);
  return { s: summarize(book, period), book };
}

test('JIFEN_TOTAL / JIFEN_RANK / JIFEN_LEAVE_DAYS for one id and for a column of ids', () => {
  const fake = freshGas();
  doSetup();
  const demo = seedDemo(fake, { cadres: 6 });
  resetCustomFunctionCache();
  const { s, book } = expected(demo, '2026-H1');
  const c3 = s.cadres.find((c) => c.cadreId === '003')!;
  expect(cadreTotal('003', '2026-H1')).toBe(c3.total);
  expect(cadreRank('003', '2026-H1')).toBe(c3.rank);
  const ids = [['001'], ['002'], [''], ['999']];
  expect(cadreTotal(ids, '2026-H1')).toEqual([
    [s.cadres.find((c) => c.cadreId === '001')!.total],
    [s.cadres.find((c) => c.cadreId === '002')!.total],
    [''],
    ['无此干部'],
  ]);
  expect(leaveDays([['001']], '2026-10')).toEqual([[leaveAsOf(book, '001', '2026-10').halfDays / 2]]);
});

test('a period typed into a date cell (a Date) is read as its month', () => {
  const fake = freshGas();
  doSetup();
  const demo = seedDemo(fake, { cadres: 3 });
  resetCustomFunctionCache();
  const { s } = expected(demo, '2026-10');
  // 2026-10-01 00:00 in Shanghai
  expect(cadreTotal('002', new Date('2026-09-30T16:00:00Z'))).toBe(
    s.cadres.find((c) => c.cadreId === '002')!.total,
  );
  expect(cadreTotal('002', 2026)).toBe(
    expected(demo, '2026').s.cadres.find((c) => c.cadreId === '002')!.total,
  );
});

test('a bad period is a Chinese error; a vectorised call reads each tab once', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 3 });
  resetCustomFunctionCache();
  expect(() => cadreTotal('001', '2026-Q9')).toThrow(/期间格式不正确/);
  resetCustomFunctionCache();
  fake.counts.reset();
  fake.counts.reset();
  cadreTotal([['001'], ['002'], ['003']], '2026-10');
  expect(fake.counts.get('Range.getValues')).toBe(8); // one per input tab for the whole column
  // Each call (each cell is its own execution in Sheets) reads the tabs afresh: never an old memo.
  cadreRank([['001'], ['002'], ['003']], '2026-10');
  expect(fake.counts.get('Range.getValues')).toBe(16);
});

describe('JIFEN_* in cells recalculate after each action (issue 9: custom functions went stale)', () => {
  function sheetWithFormulas() {
    const fake = freshGas();
    doSetup();
    seedDemo(fake, { cadres: 3 });
    fake.registerCustomFunctions({ JIFEN_TOTAL, JIFEN_RANK, JIFEN_LEAVE_DAYS });
    const mine = fake.spreadsheet.insertSheet('我的统计');
    mine.getRange('A1').setNumberFormat('@').setValue('001');
    mine.getRange('B1').setFormula('=JIFEN_TOTAL(A1, "2026-10", JIFEN_VERSION)');
    mine.getRange('C1').setFormula('=JIFEN_TOTAL(A1, "2026-10")'); // without the version argument
    mine.getRange('D1').setFormula('=JIFEN_LEAVE_DAYS(A1, JIFEN_VERSION)');
    return { fake, mine };
  }

  function addApproved(fake: ReturnType<typeof freshGas>) {
    typeRows(fake, 'ledger', [
      ledgerRow({
        编号: 'X-1',
        月份: '2026-10',
        干部编号: '001',
        规则编码: 'T-MEDIATION',
        数量: 4,
        分值: 5,
        积分: 20,
        得分依据: '调解',
        来源: SOURCE_ZH.committee,
        状态: '已通过',
      }),
    ]);
  }

  test('with JIFEN_VERSION the cell shows the new total after 重新计算, without anyone editing it', () => {
    const { fake, mine } = sheetWithFormulas();
    const before = mine.getRange('B1').getValue() as number;
    expect(typeof before).toBe('number');
    expect(mine.getRange('C1').getValue()).toBe(before);
    addApproved(fake);
    expect(doRecompute()).toContain('重新计算完成');
    expect(mine.getRange('B1').getValue()).toBe(before + 20);
    // The same formula without the argument keeps its old value: what Sheets does (the bug this fixes).
    expect(mine.getRange('C1').getValue()).toBe(before);
  });

  test('初始化/修复表格 gives old formulas the JIFEN_VERSION argument, and they then follow changes', () => {
    const { fake, mine } = sheetWithFormulas();
    mine.getRange('E1').setFormula('=SUM(JIFEN_LEAVE_DAYS(A1), 1)');
    expect(doSetup()).toContain('为 2 个 JIFEN_* 公式加上参数 JIFEN_VERSION');
    expect(mine.getRange('C1').getFormula()).toBe('=JIFEN_TOTAL(A1, "2026-10", JIFEN_VERSION)');
    expect(mine.getRange('E1').getFormula()).toBe('=SUM(JIFEN_LEAVE_DAYS(A1, JIFEN_VERSION), 1)');
    expect(mine.getRange('B1').getFormula()).toBe('=JIFEN_TOTAL(A1, "2026-10", JIFEN_VERSION)');
    const before = mine.getRange('C1').getValue() as number;
    addApproved(fake);
    doRecompute();
    expect(mine.getRange('C1').getValue()).toBe(before + 20);
  });

  test('JIFEN_LEAVE_DAYS with the version in the period’s place means “this month”', () => {
    const { mine } = sheetWithFormulas();
    expect(typeof mine.getRange('D1').getValue()).toBe('number');
  });
});

describe('withVersionArg', () => {
  test.each([
    ['=JIFEN_TOTAL(A1, "2026-10")', '=JIFEN_TOTAL(A1, "2026-10", JIFEN_VERSION)'],
    ['=jifen_rank(A2:A9,"2026-H1")', '=jifen_rank(A2:A9,"2026-H1", JIFEN_VERSION)'],
    [
      '=JIFEN_LEAVE_DAYS(A1)+JIFEN_TOTAL(A1,"2026")',
      '=JIFEN_LEAVE_DAYS(A1, JIFEN_VERSION)+JIFEN_TOTAL(A1,"2026", JIFEN_VERSION)',
    ],
    ['=JIFEN_TOTAL(A1, "a)b")', '=JIFEN_TOTAL(A1, "a)b", JIFEN_VERSION)'],
    ['=JIFEN_TOTAL(A1, "2026", JIFEN_VERSION)', '=JIFEN_TOTAL(A1, "2026", JIFEN_VERSION)'],
    ['=SUM(A1:A3)', '=SUM(A1:A3)'],
    ['=JIFEN_TOTAL(A1, "2026"', '=JIFEN_TOTAL(A1, "2026"'],
  ])('%s', (from, to) => {
    expect(withVersionArg(from)).toBe(to);
  });
});
