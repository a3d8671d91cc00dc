// Behaviours the policy and SPEC fix that no other core test pinned (mutation-testing survivors, issue 15):
// switched-off rules, the default catalogue's penalties, redemptions, mixed attendance rows, the
// missing-attendance flag, inactive cadres, calendar edge cases and evaluate() on bad input.
// Every expected figure below is written by hand from the policy / SPEC, never from the code.
import {
  buildYearBook,
  DEFAULT_RULES,
  evaluate,
  isDateKey,
  isMonthKey,
  parsePeriod,
  periodLabel,
  periodsOfYear,
  validateScenario,
} from '../../src/core';
import { ATTENDANCE_RULES, att, cadre, entry, of, scenario, summary } from '../helpers/scenario';

const ATT_RULES = ATTENDANCE_RULES;
const MEDIATION = {
  code: 'T-MEDIATION',
  category: 'task',
  item: '调解',
  points: 5,
  kind: 'per-event',
  active: true,
};

describe('the default catalogue (policy §二, SPEC §3)', () => {
  const byCode = new Map(DEFAULT_RULES.map((r) => [r.code, r]));
  test.each([
    // code, category, points per unit, claimable by cadres on the form
    ['B-CRITICIZED', 'base', -5, false],
    ['T-TASK-LATE', 'task', -2, false],
    ['T-COMPLAINT', 'task', -1, false],
    ['T-MEDIATION', 'task', 5, true],
    ['T-TASK-EARLY', 'task', 2, true],
    ['T-TASK-ONTIME', 'task', 1, true],
    ['R-HONOR-STREET', 'reward', 5, true],
    ['R-HONOR-CITY', 'reward', 10, true],
    ['R-HONOR-PREFECTURE', 'reward', 15, true],
    ['R-HONOR-REGION', 'reward', 20, true],
    ['R-HONOR-NATIONAL', 'reward', 30, true],
    ['B-ATT-PUNCTUAL', 'base', 8, false],
    ['B-ATT-FULL', 'base', 10, false],
    ['B-NO-CRITICISM', 'base', 5, false],
    ['T-NO-COMPLAINT', 'task', 5, false],
  ])('%s is %s, %i points, claimable %s', (code, category, points, claimable) => {
    const r = byCode.get(code);
    expect(r).toMatchObject({ category, points, claimable, active: true });
  });

  test('no penalty (negative) rule is offered on the claim form', () => {
    const claimablePenalties = DEFAULT_RULES.filter((r) => r.points < 0 && r.claimable).map((r) => r.code);
    expect(claimablePenalties).toEqual([]);
  });
});

describe('a rule switched off (启用 = 否) earns nothing', () => {
  test('an inactive attendance rule generates no attendance points', () => {
    const raw = scenario({
      roster: [cadre('001')],
      rules: [{ ...ATT_RULES[0], active: false }, { ...ATT_RULES[1], active: false }, MEDIATION],
      attendance: [att('001')],
    });
    expect(of(summary(raw, '2026-10'), '001')).toMatchObject({ base: 0, total: 0 });
  });

  test('an inactive monthly-absence rule pays no 无批评 bonus', () => {
    const crit = {
      code: 'B-CRITICIZED',
      category: 'base',
      item: '批评',
      points: -5,
      kind: 'per-event',
      active: true,
    };
    const noCrit = {
      code: 'B-NO-CRITICISM',
      category: 'base',
      item: '无批评',
      points: 5,
      kind: 'monthly-absence',
      linkedCode: 'B-CRITICIZED',
    };
    const on = scenario({ roster: [cadre('001')], rules: [crit, { ...noCrit, active: true }] });
    const off = scenario({ roster: [cadre('001')], rules: [crit, { ...noCrit, active: false }] });
    expect(of(summary(on, '2026-10'), '001').base).toBe(5);
    expect(of(summary(off, '2026-10'), '001').base).toBe(0);
  });
});

describe('attendance rows with several counts (policy: 按时 +8, 全勤 +10, tiered)', () => {
  const run = (row: Record<string, number>) =>
    of(
      summary(
        scenario({ roster: [cadre('001')], rules: ATT_RULES, attendance: [att('001', row)] }),
        '2026-10',
      ),
      '001',
    ).base;
  test.each([
    [{}, 10],
    [{ personalLeaveDays: 1 }, 8],
    [{ sickLeaveDays: 2 }, 8],
    [{ personalLeaveDays: 1, sickLeaveDays: 1 }, 8],
    [{ late: 1 }, 0],
    [{ earlyLeave: 1 }, 0],
    [{ absent: 1 }, 0],
    [{ late: 2, earlyLeave: 1, absent: 1 }, 0],
    [{ late: 1, personalLeaveDays: 3, sickLeaveDays: 1 }, 0],
  ])('%j gives %i base points', (row, expected) => {
    expect(run(row)).toBe(expected);
  });
});

describe('missing attendance (SPEC §8: no row → no attendance points and the flag)', () => {
  test('a month with its row has no flag; a month without has it', () => {
    const raw = scenario({
      roster: [cadre('001'), cadre('002')],
      rules: ATT_RULES,
      attendance: [att('001')],
    });
    const s = summary(raw, '2026-10');
    expect(of(s, '001').flags).not.toContain('missing-attendance');
    expect(of(s, '002').flags).toContain('missing-attendance');
    expect(of(s, '002').base).toBe(0);
  });

  test('a quarter with one of its months missing is flagged and earns two months of attendance', () => {
    const raw = scenario({
      roster: [cadre('001')],
      rules: ATT_RULES,
      attendance: [att('001', { month: '2026-07' }), att('001', { month: '2026-09' })],
    });
    const q = of(summary(raw, '2026-Q3'), '001');
    expect(q.flags).toContain('missing-attendance');
    expect(q.base).toBe(20);
  });

  test('no attendance rules at all: nobody is flagged', () => {
    const raw = scenario({ roster: [cadre('001')], rules: [MEDIATION] });
    expect(of(summary(raw, '2026-10'), '001').flags).toEqual([]);
  });

  test('a month after asOf is not missing yet', () => {
    const raw = scenario({
      roster: [cadre('001')],
      rules: ATT_RULES,
      settings: { asOf: '2026-09' },
      attendance: [att('001', { month: '2026-09' })],
    });
    expect(of(summary(raw, '2026-10'), '001').flags).not.toContain('missing-attendance');
  });
});

describe('cadres inactive in a period', () => {
  test('a cadre who left before the month is not in its summary; one who joined later neither', () => {
    const raw = scenario({
      roster: [cadre('001'), cadre('002', { endMonth: '2026-08' }), cadre('003', { startMonth: '2026-11' })],
      rules: [MEDIATION],
      entries: [entry('001', 'T-MEDIATION')],
    });
    const ids = summary(raw, '2026-10').cadres.map((c) => c.cadreId);
    expect(ids).toEqual(['001']);
  });

  test('a cadre active for part of a quarter is in it, flagged partial-period with the months', () => {
    const raw = scenario({
      roster: [cadre('001'), cadre('002', { endMonth: '2026-08' })],
      rules: [MEDIATION],
    });
    const c = of(summary(raw, '2026-Q3'), '002');
    expect(c.flags).toContain('partial-period');
    expect(c.monthsActive).toEqual(['2026-07', '2026-08']);
  });
});

describe('redemptions (SPEC §4.8: floor(available / 100) half-days; never above the balance)', () => {
  // 001 earns 2 × 25 × 5 = 250 points in October (two rows: one row may not exceed MAX_QUANTITY).
  const base = {
    roster: [cadre('001')],
    rules: [MEDIATION],
    entries: [entry('001', 'T-MEDIATION', { quantity: 25 }), entry('001', 'T-MEDIATION', { quantity: 25 })],
    settings: { asOf: '2026-11' },
  };
  const book = (redemptions: Record<string, unknown>[]) => {
    const { scenario: s, problems } = validateScenario(scenario({ ...base, redemptions }), {
      defaultAsOf: '2026-11',
    });
    expect(problems).toEqual([]);
    return buildYearBook(s, 2026);
  };

  test('two redemptions by one cadre both count against the balance', () => {
    const b = book([
      { cadreId: '001', date: '2026-11-02', halfDays: 1 },
      { cadreId: '001', date: '2026-11-09', halfDays: 1 },
    ]);
    expect(b.problems).toEqual([]);
    const s = summary(scenario({ ...base, redemptions: [] }), '2026-11');
    expect(of(s, '001').leave).toMatchObject({ availablePoints: 250, halfDays: 2 });
    const after = of(
      summary(
        scenario({
          ...base,
          redemptions: [
            { cadreId: '001', date: '2026-11-02', halfDays: 1 },
            { cadreId: '001', date: '2026-11-09', halfDays: 1 },
          ],
        }),
        '2026-11',
      ),
      '001',
    );
    expect(after.leave).toMatchObject({ availablePoints: 50, halfDays: 0, redeemedHalfDays: 2 });
    // Decision §4.8: the ranking total is not lowered.
    expect(after.yearToDate).toBe(350);
  });

  test('redeeming exactly the balance is allowed; one half-day more is refused', () => {
    expect(book([{ cadreId: '001', date: '2026-11-02', halfDays: 2 }]).problems).toEqual([]);
    const over = book([{ cadreId: '001', date: '2026-11-02', halfDays: 3 }]);
    expect(over.problems).toHaveLength(1);
    expect(over.problems[0]).toMatchObject({ table: 'redemptions', field: 'halfDays' });
    expect(over.problems[0]!.message).toContain('300');
  });

  test('redemptions are taken in date order, whatever the row order: the later one is refused', () => {
    const b = book([
      { cadreId: '001', date: '2026-11-20', halfDays: 2 },
      { cadreId: '001', date: '2026-11-02', halfDays: 1 },
    ]);
    expect(b.problems).toHaveLength(1);
    expect(b.problems[0]).toMatchObject({ index: 0 });
  });

  test('a redemption before the points were earned is refused (balance on its date)', () => {
    const b = book([{ cadreId: '001', date: '2026-09-15', halfDays: 1 }]);
    expect(b.problems).toHaveLength(1);
  });
});

describe('calendar edge cases', () => {
  test.each([
    ['2026-01', true],
    ['2026-12', true],
    ['2026-00', false],
    ['2026-13', false],
    ['2026-1', false],
  ])('month key %s valid: %s', (text, ok) => {
    expect(isMonthKey(text)).toBe(ok);
  });

  test.each([
    ['2026-01-01', true],
    ['2026-01-00', false],
    ['2026-01-31', true],
    ['2026-01-32', false],
    ['2026-04-31', false],
    ['2026-00-10', false],
    ['2026-13-10', false],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2000-02-29', true],
    ['2100-02-29', false],
    ['1900-02-29', false],
  ])('date %s valid: %s', (text, ok) => {
    expect(isDateKey(text)).toBe(ok);
  });

  test.each([
    ['2026-Q0', null],
    ['2026-Q5', null],
    ['2026-H3', null],
    ['2026-13', null],
  ])('period %s is refused', (key, expected) => {
    expect(parsePeriod(key)).toBe(expected);
  });
});

describe('evaluate() on invalid input returns problems, never throws', () => {
  test.each([
    ['null', null],
    ['a number', 42],
    ['no roster', { entries: [] }],
    ['a bad quantity', { roster: [cadre('001')], entries: [entry('001', 'T-MEDIATION', { quantity: -1 })] }],
    ['an unknown cadre', { roster: [cadre('001')], entries: [entry('999', 'T-MEDIATION')] }],
  ])('%s', (_label, raw) => {
    const r = evaluate(raw, '2026-10', { defaultAsOf: '2026-10' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.length).toBeGreaterThan(0);
      for (const p of r.problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('a bad period key names the period', () => {
    const r = evaluate({ roster: [cadre('001')] }, '2026-Q9', { defaultAsOf: '2026-10' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ field: 'period' });
  });
});

describe('published months (SPEC §4: a published month is settled; its stored system rows stand)', () => {
  const sys = (cadreId: string, ruleCode: string, month = '2026-09') =>
    entry(cadreId, ruleCode, {
      id: `SYS-${month}-${cadreId}-${ruleCode}`,
      month,
      source: 'system',
      reason: '系统',
    });

  test('stored system rows of a published month count as stored, even if attendance changed since', () => {
    const raw = scenario({
      roster: [cadre('001')],
      rules: ATT_RULES,
      publishedMonths: ['2026-09'],
      // At publication 001 had full attendance (stored B-ATT-FULL); someone later typed 2 late arrivals.
      entries: [sys('001', 'B-ATT-FULL')],
      attendance: [att('001', { month: '2026-09', late: 2 }), att('001')],
    });
    expect(of(summary(raw, '2026-09'), '001').base).toBe(10);
    // October is not published: generated from its own (clean) row.
    expect(of(summary(raw, '2026-10'), '001').base).toBe(10);
  });

  test('system rows of an unpublished month are regenerated, never taken from the input', () => {
    const raw = scenario({
      roster: [cadre('001')],
      rules: ATT_RULES,
      // A forged stored row for October, which is not published, and a late arrival that month.
      entries: [sys('001', 'B-ATT-FULL', '2026-10')],
      attendance: [att('001', { month: '2026-09' }), att('001', { late: 1 })],
    });
    expect(of(summary(raw, '2026-10'), '001').base).toBe(0);
  });

  test('a published month with no attendance row generates nothing and is flagged', () => {
    const raw = scenario({ roster: [cadre('001')], rules: ATT_RULES, publishedMonths: ['2026-09'] });
    const c = of(summary(raw, '2026-09'), '001');
    expect(c.base).toBe(0);
    expect(c.flags).toContain('missing-attendance');
  });

  test('attendance typed after publication earns nothing by itself and raises a notice', () => {
    const raw = scenario({
      roster: [cadre('001')],
      rules: ATT_RULES,
      publishedMonths: ['2026-09'],
      attendance: [att('001', { month: '2026-09' })],
    });
    const { scenario: s, problems } = validateScenario(raw, { defaultAsOf: '2026-10' });
    expect(problems).toEqual([]);
    const b = buildYearBook(s, 2026);
    expect(of(summary(raw, '2026-09'), '001').base).toBe(0);
    const late = b.notices.filter((n) => n.kind === 'after-publication');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ period: '2026-09', cadreIds: ['001'] });
  });

  test('a correction in a published month settles its attendance: no after-publication notice', () => {
    const raw = scenario({
      roster: [cadre('001')],
      rules: ATT_RULES,
      publishedMonths: ['2026-09'],
      entries: [
        entry('001', 'B-ATT-FULL', { month: '2026-09', source: 'correction', reason: '更正：补记考勤' }),
      ],
      attendance: [att('001', { month: '2026-09' })],
    });
    const { scenario: s } = validateScenario(raw, { defaultAsOf: '2026-10' });
    expect(buildYearBook(s, 2026).notices.filter((n) => n.kind === 'after-publication')).toEqual([]);
    expect(of(summary(raw, '2026-09'), '001').base).toBe(10);
  });
});

describe('period keys of a year and their labels (SPEC §2: month, quarter, half-year, year)', () => {
  test('a year has four quarters and two halves, in order', () => {
    expect(periodsOfYear(2027)).toEqual({
      months: [
        '2027-01',
        '2027-02',
        '2027-03',
        '2027-04',
        '2027-05',
        '2027-06',
        '2027-07',
        '2027-08',
        '2027-09',
        '2027-10',
        '2027-11',
        '2027-12',
      ],
      quarters: ['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'],
      halves: ['2027-H1', '2027-H2'],
      year: '2027',
    });
  });

  test.each([
    ['2026-H2', '2026年下半年'],
    ['2026-01', '2026年1月'],
    ['2026-Q4', '2026年第4季度'],
    ['不是期间', '不是期间'],
  ])('%s reads 「%s」', (key, label) => {
    expect(periodLabel(key)).toBe(label);
  });
});
