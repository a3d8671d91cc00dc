// Period summaries and the year book by hand (SPEC §2, §4.8, §5, §8): month ranges, 起始分, year-to-date, leave, flags, order, notices.
import {
  buildYearBook,
  earnedThrough,
  evaluate,
  leaveAsOf,
  summarize,
  validateScenario,
} from '../../src/core';

const OPTS = { defaultAsOf: '2026-12' };
function bookOf(raw: Record<string, unknown>, year = 2026) {
  const { scenario, problems } = validateScenario(raw, OPTS);
  expect(problems).toEqual([]);
  return buildYearBook(scenario, year);
}
const NO_SYSTEM = { settings: { year: 2026, asOf: '2025-12' } }; // no generated rows: only the entries count
const e = (id: string, month: string, cadreId: string, ruleCode: string, quantity = 1) => ({
  id,
  month,
  cadreId,
  ruleCode,
  quantity,
});
const ZHANG = { id: '001', name: '张三' };
const LI = { id: '002', name: '李四' };

describe('categories are summed over exactly the months of the period', () => {
  // 001: Jan mediation +5 (task), Mar city honour +10 (reward), Apr criticism −5 (base),
  //      Jun late task −2 (task), Jul activity +2 (task), Dec national honour +30 (reward).
  const raw = {
    ...NO_SYSTEM,
    roster: [ZHANG],
    entries: [
      e('A', '2026-01', '001', 'T-MEDIATION'),
      e('B', '2026-03', '001', 'R-HONOR-CITY'),
      e('C', '2026-04', '001', 'B-CRITICIZED'),
      e('D', '2026-06', '001', 'T-TASK-LATE'),
      e('E', '2026-07', '001', 'T-ACTIVITY'),
      e('F', '2026-12', '001', 'R-HONOR-NATIONAL'),
    ],
  };
  const book = bookOf(raw);
  // [period, startingPoints, base, task, reward, total, yearToDate, entry ids]
  test.each<[string, number, number, number, number, number, number, string[]]>([
    ['2026-01', 0, 0, 5, 0, 5, 105, ['A']],
    ['2026-02', 0, 0, 0, 0, 0, 105, []],
    ['2026-03', 0, 0, 0, 10, 10, 115, ['B']],
    ['2026-12', 0, 0, 0, 30, 30, 140, ['F']],
    ['2026-Q1', 0, 0, 5, 10, 15, 115, ['A', 'B']],
    ['2026-Q2', 0, -5, -2, 0, -7, 108, ['C', 'D']],
    ['2026-Q3', 0, 0, 2, 0, 2, 110, ['E']],
    ['2026-Q4', 0, 0, 0, 30, 30, 140, ['F']],
    ['2026-H1', 100, -5, 3, 10, 108, 108, ['A', 'B', 'C', 'D']],
    ['2026-H2', 100, 0, 2, 30, 132, 140, ['E', 'F']],
    ['2026', 100, -5, 5, 40, 140, 140, ['A', 'B', 'C', 'D', 'E', 'F']],
  ])('%s', (period, startingPoints, base, task, reward, total, yearToDate, ids) => {
    const c = summarize(book, period).cadres[0]!;
    expect(c).toMatchObject({ startingPoints, base, task, reward, total, yearToDate });
    expect(c.entries.map((x) => x.id)).toEqual(ids);
  });

  test('the summary names its period, kind, months and asOf', () => {
    const s = summarize(book, '2026-Q2');
    expect(s).toMatchObject({
      period: '2026-Q2',
      kind: 'quarter',
      months: ['2026-04', '2026-05', '2026-06'],
      asOf: '2025-12',
    });
    expect(summarize(book, '2026').kind).toBe('year');
    expect(summarize(book, '2026-H2').kind).toBe('half-year');
    expect(summarize(book, '2026-07').kind).toBe('month');
  });

  test('a period of another year, or no period at all, is a caller error', () => {
    expect(() => summarize(book, '2025-10')).toThrow('period 2025-10 is not in year 2026');
    expect(() => summarize(book, '2026-Q7')).toThrow('period 2026-Q7 is not in year 2026');
  });

  test('earnedThrough: points from January through the month; before the year 0, after it the whole year', () => {
    expect(earnedThrough(book, '001', '2026-01')).toBe(5);
    expect(earnedThrough(book, '001', '2026-04')).toBe(10);
    expect(earnedThrough(book, '001', '2026-11')).toBe(10);
    expect(earnedThrough(book, '001', '2026-12')).toBe(40);
    expect(earnedThrough(book, '001', '2025-12')).toBe(0);
    expect(earnedThrough(book, '001', '2027-01')).toBe(40);
    expect(earnedThrough(book, '999', '2026-12')).toBe(0);
  });
});

describe('leave balance (SPEC §4.8: floor(available / 兑换标准) half-days; redemptions up to the period’s end)', () => {
  // 001 earns 2 × 25 × 5 = 250 in March; pointsPerHalfDay 100.
  const raw = (redemptions: unknown[], settings: Record<string, unknown> = {}) => ({
    settings: { ...NO_SYSTEM.settings, ...settings },
    roster: [ZHANG, LI],
    entries: [
      e('A', '2026-03', '001', 'T-MEDIATION', 25),
      e('B', '2026-03', '001', 'T-MEDIATION', 25),
      e('C', '2026-02', '002', 'T-TASK-LATE'),
    ],
    redemptions,
  });

  test('a redemption lowers the balance from its month on, never the totals', () => {
    const book = bookOf(raw([{ id: 'R1', cadreId: '001', date: '2026-05-10', halfDays: 1 }]));
    expect(book.problems).toEqual([]);
    expect(leaveAsOf(book, '001', '2026-04')).toEqual({
      availablePoints: 250,
      halfDays: 2,
      redeemedHalfDays: 0,
    });
    expect(leaveAsOf(book, '001', '2026-05')).toEqual({
      availablePoints: 150,
      halfDays: 1,
      redeemedHalfDays: 1,
    });
    const h1 = summarize(book, '2026-H1').cadres.find((c) => c.cadreId === '001')!;
    expect(h1.leave).toEqual({ availablePoints: 150, halfDays: 1, redeemedHalfDays: 1 });
    expect(h1.total).toBe(350);
    expect(h1.yearToDate).toBe(350);
  });

  test('a negative balance gives 0 half-days, not a negative number', () => {
    const book = bookOf(raw([]));
    expect(leaveAsOf(book, '002', '2026-03')).toEqual({
      availablePoints: -2,
      halfDays: 0,
      redeemedHalfDays: 0,
    });
  });

  test('another 兑换标准: 50 points a half-day', () => {
    const book = bookOf(raw([{ cadreId: '001', date: '2026-03-31', halfDays: 3 }], { pointsPerHalfDay: 50 }));
    expect(book.problems).toEqual([]);
    expect(leaveAsOf(book, '001', '2026-03')).toEqual({
      availablePoints: 100,
      halfDays: 2,
      redeemedHalfDays: 3,
    });
  });

  test('a redemption beyond the balance is refused with the figures; the rest are kept', () => {
    const book = bookOf(
      raw([
        { id: 'R1', cadreId: '001', date: '2026-04-01', halfDays: 2, row: 3 },
        { id: 'R2', cadreId: '001', date: '2026-04-02', halfDays: 1, row: 4 },
        { id: 'R3', cadreId: '002', date: '2026-04-03', halfDays: 1, row: 5 },
      ]),
    );
    expect(book.problems).toEqual([
      {
        table: 'redemptions',
        index: 1,
        row: 4,
        id: 'R2',
        field: 'halfDays',
        message: '兑换 1 个半天需 100 分，超出 2026-04 可用积分 50 分',
      },
      {
        table: 'redemptions',
        index: 2,
        row: 5,
        id: 'R3',
        field: 'halfDays',
        message: '兑换 1 个半天需 100 分，超出 2026-04 可用积分 -2 分',
      },
    ]);
    expect(book.redemptions.get('001')!.map((r) => r.id)).toEqual(['R1']);
    expect(book.redemptions.has('002')).toBe(false);
  });

  test('the same date: taken in row order', () => {
    const book = bookOf(
      raw([
        { id: 'R1', cadreId: '001', date: '2026-04-01', halfDays: 2 },
        { id: 'R2', cadreId: '001', date: '2026-04-01', halfDays: 1 },
      ]),
    );
    expect(book.problems.map((p) => p.id)).toEqual(['R2']);
  });

  test('a redemption dated in another year is not this year’s (neither counted nor refused)', () => {
    const book = bookOf(raw([{ id: 'R1', cadreId: '001', date: '2027-01-05', halfDays: 9 }]));
    expect(book.problems).toEqual([]);
    expect(book.redemptions.size).toBe(0);
  });

  test('evaluate refuses a scenario whose redemption exceeds the balance, naming it', () => {
    const res = evaluate(
      raw([{ id: 'R1', cadreId: '002', date: '2026-03-01', halfDays: 1 }]),
      '2026-03',
      OPTS,
    );
    expect(res).toEqual({
      ok: false,
      problems: [
        {
          table: 'redemptions',
          index: 0,
          row: undefined,
          id: 'R1',
          field: 'halfDays',
          message: '兑换 1 个半天需 100 分，超出 2026-03 可用积分 -2 分',
        },
      ],
    });
  });
});

describe('who is in a period, flags and order', () => {
  const PUNCTUAL = {
    code: 'P',
    category: 'base',
    item: '按时',
    points: 8,
    kind: 'attendance',
    tier: 'punctual',
  };
  const MED = { code: 'M', category: 'task', item: '调解', points: 5, kind: 'per-event' };
  const zeros = { late: 0, earlyLeave: 0, absent: 0, personalLeaveDays: 0, sickLeaveDays: 0 };

  test('a cadre who left is out of later months unless an entry of the month names them', () => {
    const raw = {
      settings: { year: 2026, asOf: '2025-12' },
      roster: [ZHANG, { id: '002', name: '李四', endMonth: '2026-03' }],
      rules: [MED],
      entries: [e('A', '2026-05', '002', 'M')],
    };
    const book = bookOf(raw);
    expect(summarize(book, '2026-04').cadres.map((c) => c.cadreId)).toEqual(['001']);
    const may = summarize(book, '2026-05').cadres;
    expect(may.map((c) => [c.cadreId, c.total, c.monthsActive, c.flags])).toEqual([
      ['002', 5, [], ['partial-period']],
      ['001', 0, ['2026-05'], []],
    ]);
  });

  test('flags in order: tie-at-boundary, partial-period, missing-attendance', () => {
    // Q1, 3 cadres, k = round(3 / 3) = 1, 倒数名次 1. 001 joins in February and has no February row
    // (+5 mediation); 002 punctual in January (+8), late in February; 003 absent both months (+5 mediation).
    // Totals 8, 5, 5: 001 and 003 share the lowest total, l = 0 < k = 1 < l + e = 2 → tie at the boundary.
    const raw = {
      settings: { year: 2026, asOf: '2026-02', bottomCount: 1 },
      roster: [
        { id: '001', name: '张三', startMonth: '2026-02' },
        { id: '002', name: '李四' },
        { id: '003', name: '王五' },
      ],
      rules: [PUNCTUAL, MED],
      entries: [e('A', '2026-02', '001', 'M'), e('B', '2026-01', '003', 'M')],
      attendance: [
        { month: '2026-01', cadreId: '002', ...zeros },
        { month: '2026-02', cadreId: '002', ...zeros, late: 1 },
        { month: '2026-01', cadreId: '003', ...zeros, absent: 1 },
        { month: '2026-02', cadreId: '003', ...zeros, absent: 1 },
      ],
    };
    const s = summarize(bookOf(raw), '2026-Q1');
    expect(s.cadres.map((c) => [c.cadreId, c.total, c.rank, c.tiers, c.flags])).toEqual([
      ['002', 8, 1, ['top-third'], []],
      [
        '001',
        5,
        2,
        ['bottom-third', 'bottom-three'],
        ['tie-at-boundary', 'partial-period', 'missing-attendance'],
      ],
      ['003', 5, 2, ['bottom-third', 'bottom-three'], ['tie-at-boundary']],
    ]);
  });

  test('order: rank, then id; unranked cadres last, by id', () => {
    const raw = {
      ...NO_SYSTEM,
      roster: [
        { id: '005', name: '五', ranked: false },
        { id: '003', name: '三' },
        { id: '004', name: '四', ranked: false },
        { id: '002', name: '二' },
        { id: '001', name: '一' },
      ],
      rules: [MED],
      entries: [e('A', '2026-01', '003', 'M'), e('B', '2026-01', '005', 'M', 3)],
    };
    const s = summarize(bookOf(raw), '2026-01');
    expect(s.cadres.map((c) => [c.cadreId, c.rank])).toEqual([
      ['003', 1],
      ['001', 2],
      ['002', 2],
      ['004', null],
      ['005', null],
    ]);
  });

  test('notices belong to the periods containing the month they are dated in', () => {
    const roster = [ZHANG, LI];
    const raw = {
      ...NO_SYSTEM,
      roster,
      rules: [
        {
          code: 'TOP',
          category: 'reward',
          item: '第一',
          points: 3,
          kind: 'top-n',
          topN: 1,
          scorePeriod: 'quarter',
        },
      ],
      entries: [],
      scores: [
        { period: '2026-Q1', ruleCode: 'TOP', cadreId: '001', score: 9 },
        { period: '2026-Q1', ruleCode: 'TOP', cadreId: '002', score: 9 },
      ],
    };
    const book = bookOf(raw);
    const has = (period: string) => summarize(book, period).notices.length;
    expect(
      ['2026-02', '2026-03', '2026-04', '2026-Q1', '2026-Q2', '2026-H1', '2026-H2', '2026'].map(has),
    ).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });
});

describe('evaluate: the contract of SPEC §8 on a hand-computed month', () => {
  // base = full attendance 10 + no criticism 5; task = mediation 2 × 5 + no complaint 5. One cadre:
  // k = round(1 / 3) = 0, fewer than 3 strictly lower → bottom three (SPEC §5 as written).
  test('one cadre, October: mediation ×2, full attendance, no criticism, no complaint', () => {
    const raw = {
      settings: { year: 2026, asOf: '2026-10' },
      roster: [{ id: '001', name: '张三', startMonth: '2026-10' }],
      entries: [e('A', '2026-10', '001', 'T-MEDIATION', 2)],
      attendance: [{ month: '2026-10', cadreId: '001' }],
    };
    const res = evaluate(raw, '2026-10', OPTS);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.output).toEqual({
      period: '2026-10',
      cadres: [
        {
          cadreId: '001',
          name: '张三',
          startingPoints: 0,
          base: 15,
          task: 15,
          reward: 0,
          total: 30,
          yearToDate: 130,
          rank: 1,
          tiers: ['bottom-three'],
          flags: [],
          leave: { availablePoints: 30, halfDays: 0 },
        },
      ],
    });
    // the output is a copy: changing it leaves the summary as computed
    res.output.cadres[0]!.tiers.push('top-third');
    res.output.cadres[0]!.flags.push('partial-period');
    expect(res.summary.cadres[0]!.tiers).toEqual(['bottom-three']);
    expect(res.summary.cadres[0]!.flags).toEqual([]);
  });

  test('flags and tiers reach the output: no attendance row for October → 0 attendance points and the flag', () => {
    const raw = {
      settings: { year: 2026, asOf: '2026-10' },
      roster: [{ id: '001', name: '张三', startMonth: '2026-10' }],
      entries: [],
    };
    const res = evaluate(raw, '2026-10', OPTS);
    expect(res.ok && res.output.cadres[0]).toMatchObject({
      base: 5,
      task: 5,
      total: 10,
      tiers: ['bottom-three'],
      flags: ['missing-attendance'],
    });
  });

  test('an invalid period key is refused with the accepted forms', () => {
    expect(evaluate({ roster: [], entries: [] }, '2026-Q9', OPTS)).toEqual({
      ok: false,
      problems: [
        {
          table: 'settings',
          index: -1,
          field: 'period',
          message: '期间格式不正确：2026-Q9（应为 2026-10、2026-Q4、2026-H1 或 2026）',
        },
      ],
    });
  });

  test('without settings.year any period year is accepted', () => {
    expect(evaluate({ roster: [ZHANG], entries: [] }, '2031-H2', OPTS).ok).toBe(true);
  });
});
