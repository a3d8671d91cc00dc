// One table-driven case per rule of SPEC §3: the points each rule produces, straight from the policy.
import { DEFAULT_RULES } from '../../src/core';
import { att, cadre, entry, of, type RawScenario, scenario, summary } from '../helpers/scenario';

/** Points a rule contributed to cadre 001 in a period. */
function pointsOf(raw: RawScenario, period: string, code: string, cadreId = '001'): number {
  return of(summary(raw, period), cadreId)
    .entries.filter((e) => e.ruleCode === code)
    .reduce((s, e) => s + e.points, 0);
}

const perEvent: [code: string, points: number][] = [
  ['B-CRITICIZED', -5],
  ['T-TASK-EARLY', 2],
  ['T-TASK-ONTIME', 1],
  ['T-TASK-LATE', -2],
  ['T-ACTIVITY', 2],
  ['T-MEDIATION', 5],
  ['T-COMPLAINT', -1],
  ['T-INFO-REGISTER', 5],
  ['T-CONTEST-JOIN', 2],
  ['T-CONTEST-TOP3', 5],
  ['T-GOOD-DEED', 5],
  ['R-HONOR-STREET', 5],
  ['R-HONOR-CITY', 10],
  ['R-HONOR-PREFECTURE', 15],
  ['R-HONOR-REGION', 20],
  ['R-HONOR-NATIONAL', 30],
];

describe('per-event rules: points × quantity for approved entries only', () => {
  test.each(perEvent)('%s scores %i each', (code, points) => {
    const raw = scenario({
      roster: [cadre('001')],
      entries: [
        entry('001', code, { quantity: 3 }),
        entry('001', code, { quantity: 1 }),
        entry('001', code, { quantity: 4, status: 'pending' }),
        entry('001', code, { quantity: 5, status: 'rejected' }),
      ],
    });
    expect(pointsOf(raw, '2026-10', code)).toBe(points * 4);
  });

  test('the catalogue has exactly the 22 rules of SPEC §3 with their points', () => {
    expect(DEFAULT_RULES).toHaveLength(22);
    const table = Object.fromEntries(DEFAULT_RULES.map((r) => [r.code, r.points]));
    for (const [code, points] of perEvent) expect(table[code]).toBe(points);
    expect(table).toMatchObject({
      'B-ATT-PUNCTUAL': 8,
      'B-ATT-FULL': 10,
      'B-NO-CRITICISM': 5,
      'B-QUARTER-TOP5': 10,
      'T-NO-COMPLAINT': 5,
      'R-STUDY-TOP5': 5,
    });
  });

  test('contest join and top-3 add up (参赛分累加)', () => {
    const raw = scenario({
      roster: [cadre('001')],
      entries: [entry('001', 'T-CONTEST-JOIN'), entry('001', 'T-CONTEST-TOP3')],
    });
    expect(pointsOf(raw, '2026-10', 'T-CONTEST-JOIN') + pointsOf(raw, '2026-10', 'T-CONTEST-TOP3')).toBe(7);
  });
});

describe('attendance rules (B-ATT-PUNCTUAL, B-ATT-FULL)', () => {
  const withAtt = (a: Record<string, unknown>, mode?: string) =>
    scenario({
      roster: [cadre('001')],
      attendance: [att('001', a)],
      settings: mode ? { fullAttendanceMode: mode } : {},
    });
  test.each([
    ['full attendance', {}, 0, 10],
    ['punctual with personal leave', { personalLeaveDays: 1 }, 8, 0],
    ['punctual with half a day of sick leave', { sickLeaveDays: 0.5 }, 8, 0],
    ['one late arrival', { late: 1 }, 0, 0],
    ['one early leave', { earlyLeave: 1 }, 0, 0],
    ['one absence', { absent: 1 }, 0, 0],
    ['late and on leave', { late: 2, personalLeaveDays: 1 }, 0, 0],
  ])('%s: punctual %i, full %i (default 替代)', (_name, a, punctual, full) => {
    const raw = withAtt(a);
    expect(pointsOf(raw, '2026-10', 'B-ATT-PUNCTUAL')).toBe(punctual);
    expect(pointsOf(raw, '2026-10', 'B-ATT-FULL')).toBe(full);
  });

  test('no attendance row: no attendance points and the missing-attendance flag', () => {
    const s = summary(scenario({ roster: [cadre('001')] }), '2026-10');
    expect(of(s, '001').entries.filter((e) => e.ruleCode.startsWith('B-ATT'))).toEqual([]);
    expect(of(s, '001').flags).toContain('missing-attendance');
  });
});

describe('monthly-absence rules (B-NO-CRITICISM, T-NO-COMPLAINT)', () => {
  test.each([
    ['B-NO-CRITICISM', 'B-CRITICIZED', -5],
    ['T-NO-COMPLAINT', 'T-COMPLAINT', -1],
  ])('%s pays 5 in a month without %s; one event costs the 5 and %i more', (code, linked, each) => {
    const clean = scenario({ roster: [cadre('001')] });
    expect(pointsOf(clean, '2026-10', code)).toBe(5);
    const one = scenario({ roster: [cadre('001')], entries: [entry('001', linked)] });
    expect(pointsOf(one, '2026-10', code)).toBe(0);
    expect(pointsOf(one, '2026-10', linked)).toBe(each);
    // a pending or rejected event does not cost the bonus
    const pending = scenario({
      roster: [cadre('001')],
      entries: [entry('001', linked, { status: 'pending' })],
    });
    expect(pointsOf(pending, '2026-10', code)).toBe(5);
  });

  test('paid for every active month up to asOf, not beyond, not before the cadre started', () => {
    const raw = scenario({
      roster: [cadre('001', { startMonth: '2026-08' })],
      settings: { asOf: '2026-10' },
    });
    const year = summary(raw, '2026');
    const months = of(year, '001')
      .entries.filter((e) => e.ruleCode === 'B-NO-CRITICISM')
      .map((e) => e.month);
    expect(months).toEqual(['2026-08', '2026-09', '2026-10']);
  });

  test('not paid after the cadre left (endMonth)', () => {
    const raw = scenario({ roster: [cadre('001', { endMonth: '2026-03' })] });
    const months = of(summary(raw, '2026'), '001')
      .entries.filter((e) => e.ruleCode === 'T-NO-COMPLAINT')
      .map((e) => e.month);
    expect(months).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});

describe('top-n rules (B-QUARTER-TOP5, R-STUDY-TOP5)', () => {
  const ids = ['001', '002', '003', '004', '005', '006', '007'];
  test.each([
    ['B-QUARTER-TOP5', '2026-Q3', '2026-09', 10],
    ['R-STUDY-TOP5', '2026-H1', '2026-06', 5],
  ])('%s: the 5 best scores of %s earn once, dated %s', (code, period, month, points) => {
    const raw = scenario({
      roster: ids.map((id) => cadre(id)),
      scores: ids.map((id, i) => ({ period, ruleCode: code, cadreId: id, score: 100 - i })),
    });
    const s = summary(raw, month);
    for (const [i, id] of ids.entries()) {
      const got = of(s, id).entries.filter((e) => e.ruleCode === code);
      expect(got.reduce((sum, e) => sum + e.points, 0)).toBe(i < 5 ? points : 0);
      for (const e of got) expect(e.month).toBe(month);
    }
    expect(s.notices).toEqual([]);
  });
});
