// Custom functions on the fake: single values and ranges, Date-typed period cells, few reads per execution.
import { buildYearBook, leaveAsOf, summarize, validateScenario } from '../../src/core';
import { doSetup } from '../../src/gas/actions';
import { cadreRank, cadreTotal, leaveDays, resetCustomFunctionCache } from '../../src/gas/custom-functions';
import { cleanupGas, freshGas, seedDemo } from './helpers';

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
  cadreTotal([['001'], ['002'], ['003']], '2026-10');
  cadreRank([['001'], ['002'], ['003']], '2026-10');
  expect(fake.counts.get('Range.getValues')).toBe(8); // one per input tab, memoised across calls
});
