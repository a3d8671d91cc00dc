// One test per **Decision** of SPEC (§2 totals, §3 attendance mode, §3 top-N ties, §4.8 redemption)
// and the other explicit contract rules of §2 and §8.
import { evaluate } from '../../src/core';
import { ATTENDANCE_RULES, att, cadre, entry, of, scenario, summary } from '../helpers/scenario';

describe('Decision §2: 起始分 is its own column; half-year/year total = 起始分 + points; month = own points', () => {
  const raw = scenario({
    roster: [cadre('001')],
    settings: { asOf: '2026-10' },
    rules: [
      { code: 'T-MEDIATION', category: 'task', item: '调解', points: 5, kind: 'per-event' },
      { code: 'R-HONOR-CITY', category: 'reward', item: '市级表彰', points: 10, kind: 'per-event' },
    ],
    entries: [
      entry('001', 'T-MEDIATION', { month: '2026-03' }),
      entry('001', 'T-MEDIATION', { month: '2026-09', quantity: 2 }),
      entry('001', 'R-HONOR-CITY', { month: '2026-10' }),
    ],
  });

  test('a month shows its own points and the year-to-date total', () => {
    const c = of(summary(raw, '2026-10'), '001');
    expect(c).toMatchObject({
      startingPoints: 0,
      base: 0,
      task: 0,
      reward: 10,
      total: 10,
      yearToDate: 100 + 5 + 10 + 10,
    });
    const sep = of(summary(raw, '2026-09'), '001');
    expect(sep).toMatchObject({ total: 10, yearToDate: 115 });
  });

  test('a quarter has no starting points', () => {
    expect(of(summary(raw, '2026-Q3'), '001')).toMatchObject({
      startingPoints: 0,
      task: 10,
      total: 10,
      yearToDate: 115,
    });
  });

  test('a half-year and a year add the 起始分, never inside 基础', () => {
    expect(of(summary(raw, '2026-H1'), '001')).toMatchObject({
      startingPoints: 100,
      base: 0,
      task: 5,
      total: 105,
    });
    expect(of(summary(raw, '2026-H2'), '001')).toMatchObject({
      startingPoints: 100,
      task: 10,
      reward: 10,
      total: 120,
    });
    expect(of(summary(raw, '2026'), '001')).toMatchObject({
      startingPoints: 100,
      total: 125,
      yearToDate: 125,
    });
  });

  test('the 起始分 is a setting', () => {
    const c = of(summary({ ...raw, settings: { ...raw.settings, startingPoints: 80 } }, '2026'), '001');
    expect(c).toMatchObject({ startingPoints: 80, total: 105 });
  });
});

describe('Decision §3: attendance is tiered (替代) by default; 叠加 pays 8 + 10', () => {
  test.each([
    [undefined, 10],
    ['replace', 10],
    ['add', 18],
  ])('fullAttendanceMode %s: a fully attended month gives %i base points from attendance', (mode, points) => {
    const raw = scenario({
      roster: [cadre('001')],
      rules: ATTENDANCE_RULES,
      attendance: [att('001')],
      settings: mode ? { fullAttendanceMode: mode } : {},
    });
    expect(of(summary(raw, '2026-10'), '001').base).toBe(points);
  });

  test('punctual-only is 8 in both modes', () => {
    for (const mode of ['replace', 'add']) {
      const raw = scenario({
        roster: [cadre('001')],
        attendance: [att('001', { personalLeaveDays: 2 })],
        settings: { fullAttendanceMode: mode },
      });
      const c = of(summary(raw, '2026-10'), '001');
      expect(c.entries.filter((e) => e.ruleCode.startsWith('B-ATT')).map((e) => e.points)).toEqual([8]);
    }
  });
});

describe('Decision §3: top-N ties at the N-th place are all included and flagged', () => {
  test('six cadres share places 4–6 of a top-5: all three earn, and a notice names them', () => {
    const ids = ['001', '002', '003', '004', '005', '006', '007'];
    const scores = [99, 98, 97, 90, 90, 90, 80];
    const raw = scenario({
      roster: ids.map((id) => cadre(id)),
      scores: ids.map((id, i) => ({
        period: '2026-Q3',
        ruleCode: 'B-QUARTER-TOP5',
        cadreId: id,
        score: scores[i],
      })),
    });
    const s = summary(raw, '2026-09');
    const earned = ids.filter((id) => of(s, id).entries.some((e) => e.ruleCode === 'B-QUARTER-TOP5'));
    expect(earned).toEqual(['001', '002', '003', '004', '005', '006']);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]).toMatchObject({ kind: 'top-n-tie', ruleCode: 'B-QUARTER-TOP5', period: '2026-Q3' });
    expect(s.notices[0]!.cadreIds).toEqual(['001', '002', '003', '004', '005', '006']);
    expect(s.notices[0]!.message).toContain('并列');
  });

  test('a tie above the N-th place is no notice (1, 2, 2, 4, 5)', () => {
    const ids = ['001', '002', '003', '004', '005', '006'];
    const scores = [99, 95, 95, 90, 85, 80];
    const raw = scenario({
      roster: ids.map((id) => cadre(id)),
      scores: ids.map((id, i) => ({
        period: '2026-H1',
        ruleCode: 'R-STUDY-TOP5',
        cadreId: id,
        score: scores[i],
      })),
    });
    const s = summary(raw, '2026-06');
    expect(ids.filter((id) => of(s, id).reward > 0)).toEqual(['001', '002', '003', '004', '005']);
    expect(s.notices).toEqual([]);
  });
});

describe('Decision §4.8: redemption lowers only the redeemable balance, never the ranking total', () => {
  const raw = scenario({
    roster: [cadre('001'), cadre('002')],
    rules: [
      { code: 'R-HONOR-NATIONAL', category: 'reward', item: '全国表彰', points: 30, kind: 'per-event' },
    ],
    entries: [
      entry('001', 'R-HONOR-NATIONAL', { month: '2026-03', quantity: 8 }),
      entry('002', 'R-HONOR-NATIONAL', { month: '2026-03', quantity: 7 }),
    ],
    redemptions: [{ cadreId: '001', date: '2026-04-02', halfDays: 2 }],
  });

  test('balance: floor(available / 100) half-days; the redeemed points are gone from it', () => {
    const before = of(summary(raw, '2026-03'), '001');
    expect(before.leave).toEqual({ availablePoints: 240, halfDays: 2, redeemedHalfDays: 0 });
    const after = of(summary(raw, '2026-04'), '001');
    expect(after.leave).toEqual({ availablePoints: 40, halfDays: 0, redeemedHalfDays: 2 });
  });

  test('ranking and totals ignore the redemption', () => {
    const year = summary(raw, '2026');
    expect(of(year, '001')).toMatchObject({ total: 340, rank: 1 });
    expect(of(year, '002')).toMatchObject({ total: 310, rank: 2 });
  });

  test('a redemption beyond the balance is refused with the figures', () => {
    const over = { ...raw, redemptions: [{ cadreId: '002', date: '2026-03-20', halfDays: 3 }] };
    const res = evaluate(over, '2026', { defaultAsOf: '2026-10' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problems[0]).toMatchObject({ table: 'redemptions', index: 0, field: 'halfDays' });
    expect(res.problems[0]!.message).toContain('超出');
    expect(res.problems[0]!.message).toContain('210');
  });
});

describe('§8 contract details', () => {
  test('partial-period: ranked but flagged, with the months active', () => {
    const raw = scenario({ roster: [cadre('001'), cadre('002', { startMonth: '2026-05' })], attendance: [] });
    const c = of(summary(raw, '2026-H1'), '002');
    expect(c.flags).toContain('partial-period');
    expect(c.monthsActive).toEqual(['2026-05', '2026-06']);
    expect(c.rank).not.toBeNull();
    expect(of(summary(raw, '2026-H1'), '001').flags).not.toContain('partial-period');
  });

  test('a cadre with ranked = false is listed without rank or tiers', () => {
    const raw = scenario({ roster: [cadre('001'), cadre('002', { ranked: false })] });
    const c = of(summary(raw, '2026-10'), '002');
    expect(c.rank).toBeNull();
    expect(c.tiers).toEqual([]);
  });

  test('cadres come in rank order, then by id', () => {
    const raw = scenario({
      roster: [cadre('003'), cadre('001'), cadre('002')],
      entries: [entry('003', 'T-MEDIATION')],
    });
    expect(summary(raw, '2026-10').cadres.map((c) => c.cadreId)).toEqual(['003', '001', '002']);
  });

  test('evaluate output has exactly the contract fields', () => {
    const res = evaluate(scenario({ roster: [cadre('001')] }), '2026-10', { defaultAsOf: '2026-10' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(Object.keys(res.output)).toEqual(['period', 'cadres']);
    expect(Object.keys(res.output.cadres[0]!).sort()).toEqual(
      [
        'cadreId',
        'name',
        'startingPoints',
        'base',
        'task',
        'reward',
        'total',
        'yearToDate',
        'rank',
        'tiers',
        'flags',
        'leave',
      ].sort(),
    );
    expect(Object.keys(res.output.cadres[0]!.leave).sort()).toEqual(['availablePoints', 'halfDays']);
  });

  test('system entries are not generated for published months; their stored rows count as they are', () => {
    const raw = scenario({
      roster: [cadre('001')],
      attendance: [att('001', { month: '2026-09' }), att('001')],
      publishedMonths: ['2026-09'],
      entries: [
        {
          id: 'SYS-2026-09-001-B-ATT-PUNCTUAL',
          month: '2026-09',
          cadreId: '001',
          ruleCode: 'B-ATT-PUNCTUAL',
          quantity: 1,
          status: 'approved',
          source: 'system',
          reason: '已公示',
        },
        {
          id: 'SYS-2026-10-001-B-ATT-PUNCTUAL',
          month: '2026-10',
          cadreId: '001',
          ruleCode: 'B-ATT-PUNCTUAL',
          quantity: 1,
          status: 'approved',
          source: 'system',
          reason: '过期',
        },
      ],
    });
    const sep = of(summary(raw, '2026-09'), '001');
    expect(sep.entries.map((e) => e.ruleCode)).toEqual(['B-ATT-PUNCTUAL']);
    expect(sep.total).toBe(8);
    const oct = of(summary(raw, '2026-10'), '001');
    expect(oct.entries.map((e) => e.ruleCode).sort()).toEqual([
      'B-ATT-FULL',
      'B-NO-CRITICISM',
      'T-NO-COMPLAINT',
    ]);
  });

  test('corrections carry their own unit points (negative allowed) and count in their month', () => {
    const raw = scenario({
      roster: [cadre('001')],
      entries: [
        entry('001', 'T-MEDIATION', { id: 'A1' }),
        entry('001', 'T-MEDIATION', { id: 'C1', source: 'correction', unitPoints: -5, correctsId: 'A1' }),
      ],
    });
    const c = of(summary(raw, '2026-10'), '001');
    expect(c.entries.filter((e) => e.ruleCode === 'T-MEDIATION').reduce((s, e) => s + e.points, 0)).toBe(0);
  });

  test('a committee-added rule of every kind works without code changes', () => {
    const raw = scenario({
      roster: [cadre('001'), cadre('002')],
      rules: [
        { code: 'X-EVENT', category: 'task', item: '新增事项', points: 3, kind: 'per-event' },
        {
          code: 'X-ABSENT',
          category: 'base',
          item: '无新增事项',
          points: 4,
          kind: 'monthly-absence',
          linkedCode: 'X-EVENT',
        },
        { code: 'X-ATT', category: 'base', item: '按时', points: 6, kind: 'attendance', tier: 'punctual' },
        {
          code: 'X-TOP',
          category: 'reward',
          item: '第一名',
          points: 7,
          kind: 'top-n',
          topN: 1,
          scorePeriod: 'quarter',
        },
      ],
      entries: [entry('001', 'X-EVENT', { quantity: 2 })],
      attendance: [att('001'), att('002', { late: 1 })],
      scores: [
        { period: '2026-Q4', ruleCode: 'X-TOP', cadreId: '001', score: 10 },
        { period: '2026-Q4', ruleCode: 'X-TOP', cadreId: '002', score: 20 },
      ],
    });
    // X-TOP is dated 2026-12, the quarter's last month
    const q4 = summary(raw, '2026-Q4');
    expect(of(q4, '001')).toMatchObject({ base: 6, task: 6, reward: 0 });
    expect(of(q4, '002')).toMatchObject({ base: 4, task: 0, reward: 7 });
  });
});

describe('data entered after its month was published is reported, not silently lost', () => {
  test('quarter scores entered after the quarter’s last month was published', () => {
    const raw = scenario({
      roster: [cadre('001'), cadre('002')],
      publishedMonths: ['2026-09'],
      scores: [
        { period: '2026-Q3', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 90 },
        { period: '2026-Q3', ruleCode: 'B-QUARTER-TOP5', cadreId: '002', score: 80 },
      ],
    });
    const s = summary(raw, '2026-09');
    expect(s.cadres.every((c) => c.entries.every((e) => e.ruleCode !== 'B-QUARTER-TOP5'))).toBe(true);
    expect(s.notices).toEqual([
      expect.objectContaining({ kind: 'after-publication', ruleCode: 'B-QUARTER-TOP5', period: '2026-Q3' }),
    ]);
  });

  test('once the committee records the correction, the notice goes away', () => {
    const raw = scenario({
      roster: [cadre('001'), cadre('002')],
      publishedMonths: ['2026-09'],
      scores: [{ period: '2026-Q3', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 90 }],
      entries: [
        entry('001', 'B-QUARTER-TOP5', {
          month: '2026-09',
          source: 'correction',
          unitPoints: 10,
          reason: '补记季度前5名',
        }),
      ],
    });
    const s = summary(raw, '2026-09');
    expect(s.notices).toEqual([]);
    expect(of(s, '001').reward + of(s, '001').base).toBe(10);
  });

  test('attendance typed after publication', () => {
    const raw = scenario({
      roster: [cadre('001')],
      publishedMonths: ['2026-09'],
      attendance: [att('001', { month: '2026-09' })],
    });
    const s = summary(raw, '2026-09');
    expect(s.notices.map((n) => n.kind)).toEqual(['after-publication']);
    expect(s.notices[0]!.message).toContain('公示后才录入');
  });
});

describe('§8 rules: scorePeriod is `quarter` | `half` (half-year scores), as the JSON contract names it', () => {
  const withPeriod = (scorePeriod: string) =>
    scenario({
      roster: [cadre('001'), cadre('002')],
      settings: { asOf: '2026-06' },
      rules: [
        {
          code: 'X-STUDY',
          category: 'reward',
          item: '学习前1名',
          points: 5,
          kind: 'top-n',
          topN: 1,
          scorePeriod,
        },
      ],
      scores: [
        { period: '2026-H1', ruleCode: 'X-STUDY', cadreId: '001', score: 9000 },
        { period: '2026-H1', ruleCode: 'X-STUDY', cadreId: '002', score: 8000 },
      ],
    });
  test("'half': the top cadre of the half-year scores earns the points in the half-year", () => {
    const r = evaluate(withPeriod('half'), '2026-H1', { defaultAsOf: '2026-06' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 起始分 100 + 5 for 001; 100 for 002
    expect(r.output.cadres.map((c) => [c.cadreId, c.reward, c.total])).toEqual([
      ['001', 5, 105],
      ['002', 0, 100],
    ]);
    // the older spelling means the same
    expect(evaluate(withPeriod('half-year'), '2026-H1', { defaultAsOf: '2026-06' })).toEqual(r);
  });
  test('any other period word is bad input naming the rule field', () => {
    const r = evaluate(withPeriod('year'), '2026-H1', { defaultAsOf: '2026-06' });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('应为以下之一：quarter、half、half-year（实际：\\"year\\"）');
  });
});
