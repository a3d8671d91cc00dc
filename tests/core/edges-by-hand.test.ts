// Edges the 2026-12-03 mutation run showed no test pinned, each worked by hand from the policy and SPEC:
// redeeming exactly the balance, redemptions listed out of date order, 全勤 "add" mode for a late cadre,
// a switched-off top-N rule, day 00, the half-up group size, the default catalogue, a null record.
import {
  buildYearBook,
  DEFAULT_RULES,
  groupSize,
  isDateKey,
  leaveAsOf,
  summarize,
  validateScenario,
} from '../../src/core';

const OPTS = { defaultAsOf: '2026-12' };
function bookOf(raw: Record<string, unknown>) {
  const { scenario, problems } = validateScenario({ entries: [], ...raw }, OPTS);
  expect(problems).toEqual([]);
  return buildYearBook(scenario, 2026);
}
const NO_SYSTEM = { year: 2026, asOf: '2025-12' }; // no generated rows: only the entries count
const mediation = (id: string, month: string, quantity: number) => ({
  id,
  month,
  cadreId: '001',
  ruleCode: 'T-MEDIATION',
  quantity,
});

test('每 100 分抵半天: exactly 100 points beyond 起始分 buy one half-day, leaving 0', () => {
  // 20 mediations × 5 = 100 in March
  const book = bookOf({
    settings: NO_SYSTEM,
    roster: [{ id: '001', name: '张三' }],
    entries: [mediation('A', '2026-03', 20)],
    redemptions: [{ id: 'R1', cadreId: '001', date: '2026-03-31', halfDays: 1 }],
  });
  expect(book.problems).toEqual([]);
  expect(leaveAsOf(book, '001', '2026-03')).toEqual({ availablePoints: 0, halfDays: 0, redeemedHalfDays: 1 });
});

/** 001 earns 125 in September (25 mediations) and 10 more in October: 135 by October. */
const by135 = (redemptions: unknown[]) =>
  bookOf({
    settings: NO_SYSTEM,
    roster: [{ id: '001', name: '张三' }],
    entries: [mediation('A', '2026-09', 25), mediation('B', '2026-10', 2)],
    redemptions,
  });

test('redemptions are taken in date order, not in the order they are listed', () => {
  // 125 by September (25 mediations), 135 by October (+2): September's half-day fits (25 left), then
  // October's needs 100 of the 35 left and is refused. Taken as listed, October's would fit and September's not.
  const book = by135([
    { id: 'R-OCT', cadreId: '001', date: '2026-10-20', halfDays: 1 },
    { id: 'R-SEP', cadreId: '001', date: '2026-09-15', halfDays: 1 },
  ]);
  expect(book.redemptions.get('001')!.map((r) => r.id)).toEqual(['R-SEP']);
  expect(book.problems.map((p) => [p.id, p.index, p.message])).toEqual([
    ['R-OCT', 0, '兑换 1 个半天需 100 分，超出 2026-10 可用积分 35 分'],
  ]);
});

test('two redemptions on one day: the one listed first is taken first', () => {
  // 135 by October: 1 half-day (100) then 2 half-days (200 > 35) → the second is refused
  const book = by135([
    { id: 'R1', cadreId: '001', date: '2026-10-20', halfDays: 1 },
    { id: 'R2', cadreId: '001', date: '2026-10-20', halfDays: 2 },
  ]);
  expect(book.redemptions.get('001')!.map((r) => r.id)).toEqual(['R1']);
  expect(book.problems.map((p) => p.id)).toEqual(['R2']);
});

describe('全勤计分方式 add (按时 8 and 全勤 10 both paid): attendance points by hand', () => {
  const month = (att: Record<string, number>) => {
    const book = bookOf({
      settings: { year: 2026, asOf: '2026-10', fullAttendanceMode: 'add' },
      roster: [{ id: '001', name: '张三', startMonth: '2026-10' }],
      attendance: [{ month: '2026-10', cadreId: '001', late: 0, earlyLeave: 0, absent: 0, ...att }],
    });
    const c = summarize(book, '2026-10').cadres[0]!;
    return c.entries.filter((e) => e.ruleCode.startsWith('B-ATT')).map((e) => [e.ruleCode, e.points]);
  };
  test.each<[string, Record<string, number>, [string, number][]]>([
    [
      'clean: both',
      {},
      [
        ['B-ATT-PUNCTUAL', 8],
        ['B-ATT-FULL', 10],
      ],
    ],
    ['one day of sick leave: 按时 only', { sickLeaveDays: 1 }, [['B-ATT-PUNCTUAL', 8]]],
    ['late once: none', { late: 1 }, []],
    ['absent once: none', { absent: 1 }, []],
  ])('%s', (_, att, expected) => {
    expect(month(att)).toEqual(expected);
  });
});

test('a switched-off top-N rule (启用 否) pays nobody, whatever the scores', () => {
  const rules = DEFAULT_RULES.map((r) => (r.code === 'B-QUARTER-TOP5' ? { ...r, active: false } : { ...r }));
  const book = bookOf({
    settings: NO_SYSTEM,
    rules,
    roster: [{ id: '001', name: '张三' }],
    scores: [{ period: '2026-Q1', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 99 }],
  });
  expect(summarize(book, '2026').cadres[0]!.entries.filter((e) => e.ruleCode === 'B-QUARTER-TOP5')).toEqual(
    [],
  );
  // and switched on, the same score earns the +10 (so the case above is not vacuous)
  const on = bookOf({
    settings: NO_SYSTEM,
    roster: [{ id: '001', name: '张三' }],
    scores: [{ period: '2026-Q1', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 99 }],
  });
  expect(
    summarize(on, '2026')
      .cadres[0]!.entries.filter((e) => e.ruleCode === 'B-QUARTER-TOP5')
      .map((e) => e.points),
  ).toEqual([10]);
});

test('day 00 and month 00 / 13 are not dates', () => {
  expect(['2026-10-00', '2026-00-10', '2026-13-01', '2026-10-01'].map(isDateKey)).toEqual([
    false,
    false,
    false,
    true,
  ]);
});

test('group size k = round(N × fraction) half up: a half rounds up (N 3 × ½ = 1.5 → 2), thirds as usual', () => {
  expect([
    groupSize(3, 0.5),
    groupSize(5, 0.5),
    groupSize(4, 1 / 3),
    groupSize(5, 1 / 3),
    groupSize(12, 1 / 3),
  ]).toEqual([2, 3, 1, 2, 4]);
});

test('no rules given: the default catalogue, rule for rule', () => {
  const { scenario, problems } = validateScenario({ settings: NO_SYSTEM, roster: [], entries: [] }, OPTS);
  expect(problems).toEqual([]);
  expect(scenario.rules).toEqual(DEFAULT_RULES);
  expect(scenario.rules.map((r) => r.code)).toContain('T-NO-COMPLAINT');
});

test('rules that are not a list: a problem, and the default catalogue, rule for rule', () => {
  const { scenario, problems } = validateScenario(
    { settings: NO_SYSTEM, roster: [], entries: [], rules: '见附件' },
    OPTS,
  );
  expect(problems).toEqual([{ table: 'rules', index: -1, field: '', message: '应为列表（实际："见附件"）' }]);
  expect(scenario.rules).toEqual(DEFAULT_RULES);
  // Copies: the scenario's rules are not the catalogue's own objects.
  expect(scenario.rules[0]).not.toBe(DEFAULT_RULES[0]);
});

test('a null record in a list is a problem without a row number, not a crash', () => {
  const { problems } = validateScenario({ settings: NO_SYSTEM, roster: [null], entries: [] }, OPTS);
  expect(problems).toEqual([
    {
      table: 'roster',
      index: 0,
      id: undefined,
      row: undefined,
      field: '',
      message: '应为对象（实际：null）',
    },
  ]);
});
