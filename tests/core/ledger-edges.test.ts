// Ledger edge cases by hand: attendance counts that cancel out only under a wrong sign, corrections of other rules, raw scenarios.
import { buildYearLedger, type Rule, type Scenario, validateScenario } from '../../src/core';

const P = { code: 'P', category: 'base', item: '按时', points: 8, kind: 'attendance', tier: 'punctual' };
const F = { code: 'F', category: 'base', item: '全勤', points: 10, kind: 'attendance', tier: 'full' };
const X = { code: 'X', category: 'task', item: '任务', points: 1, kind: 'per-event' };
const ZHANG = { id: '001', name: '张三' };
const zeros = { late: 0, earlyLeave: 0, absent: 0, personalLeaveDays: 0, sickLeaveDays: 0 };

function ledgerOf(raw: Record<string, unknown>) {
  const { scenario, problems } = validateScenario(raw, { defaultAsOf: '2026-01' });
  expect(problems).toEqual([]);
  return buildYearLedger(scenario, 2026);
}

// Policy: 按时 only with no late, no early leave and no absence; 全勤 also with no leave at all.
describe.each<[string, Partial<typeof zeros>, string[]]>([
  ['late 1, early 1', { late: 1, earlyLeave: 1 }, []],
  ['early 1, absent 1', { earlyLeave: 1, absent: 1 }, []],
  ['late 1, absent 1', { late: 1, absent: 1 }, []],
  ['personal 0.5, sick 0.5', { personalLeaveDays: 0.5, sickLeaveDays: 0.5 }, ['P']],
  ['nothing', {}, ['F']],
])('attendance %s', (_name, counts, paid) => {
  const base = {
    settings: { year: 2026, asOf: '2026-01' },
    roster: [ZHANG],
    rules: [P, F],
    entries: [],
    attendance: [{ month: '2026-01', cadreId: '001', ...zeros, ...counts }],
  };

  test('pays the tier the policy gives', () => {
    expect(ledgerOf(base).entries.map((e) => e.ruleCode)).toEqual(paid);
  });

  test('typed after publication: a notice only when it would have earned something', () => {
    const notices = ledgerOf({ ...base, publishedMonths: ['2026-01'] }).notices;
    expect(notices.length).toBe(paid.length > 0 ? 1 : 0);
  });
});

test('a correction of another (per-event) rule does not settle a published month’s attendance', () => {
  const raw = {
    settings: { year: 2026, asOf: '2026-01' },
    roster: [ZHANG],
    rules: [P, F, X],
    entries: [
      {
        id: 'C1',
        month: '2026-01',
        cadreId: '001',
        ruleCode: 'X',
        quantity: 1,
        source: 'correction',
        unitPoints: -1,
      },
    ],
    attendance: [{ month: '2026-01', cadreId: '001', ...zeros }],
    publishedMonths: ['2026-01'],
  };
  const ledger = ledgerOf(raw);
  expect(ledger.notices.map((n) => [n.kind, n.ruleCode, n.period])).toEqual([
    ['after-publication', 'P', '2026-01'],
  ]);
  expect(ledger.entries.map((e) => [e.id, e.points])).toEqual([['C1', -1]]);
});

describe('a raw scenario (not validated): scores that cannot rank are skipped, never thrown on', () => {
  const rule = (r: Partial<Rule> & Pick<Rule, 'code' | 'kind'>): Rule => ({
    category: 'base',
    item: r.code,
    points: 3,
    active: true,
    claimable: false,
    evidenceRequired: false,
    ...r,
  });
  const s: Scenario = {
    settings: {
      year: 2026,
      asOf: '2025-12',
      startingPoints: 100,
      fullAttendanceMode: 'replace',
      tierFraction: 1 / 3,
      bottomCount: 3,
      pointsPerHalfDay: 100,
    },
    roster: [{ id: '001', name: '张三', startMonth: null, endMonth: null, ranked: true }],
    rules: [
      rule({ code: 'TOP', kind: 'top-n', topN: 1, scorePeriod: 'quarter' }),
      rule({ code: 'EV', kind: 'per-event' }),
      rule({ code: 'NOTOPN', kind: 'top-n', scorePeriod: 'quarter' }),
    ],
    entries: [],
    attendance: [],
    scores: [
      { period: '2026-Q1', ruleCode: 'EV', cadreId: '001', score: 9 },
      { period: '2026-Q9', ruleCode: 'TOP', cadreId: '001', score: 9 },
      { period: '2026-Q2', ruleCode: 'GONE', cadreId: '001', score: 9 },
      { period: '2026-Q3', ruleCode: 'NOTOPN', cadreId: '001', score: 9 },
      { period: '2026-Q4', ruleCode: 'TOP', cadreId: '001', score: 9 },
    ],
    redemptions: [],
    publishedMonths: [],
  };

  test('only the valid top-N score earns; a top-N rule without N earns nobody', () => {
    const ledger = buildYearLedger(s, 2026);
    expect(ledger.entries.map((e) => [e.id, e.points])).toEqual([['SYS-2026-12-001-TOP', 3]]);
    expect(ledger.notices).toEqual([]);
  });
});
