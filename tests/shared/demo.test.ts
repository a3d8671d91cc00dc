// src/shared/demo.ts: the example community of `npm start` and the README (12 cadres, 2026-01 … 2026-10,
// October with claims still pending and rejected), checked against that description written here by hand.
// The seeded random counts themselves are not pinned: only the shape every user of the demo relies on.

import { DEFAULT_RULES } from '../../src/core';
import { demoScenario } from '../../src/shared/demo';

// Built before each test, not while the file loads: Stryker credits load-time code to no test.
let demo: ReturnType<typeof demoScenario>;
beforeEach(() => {
  demo = demoScenario();
});
const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((m) => `2026-${m}`);
const RULES = new Set(DEFAULT_RULES.map((r) => r.code));
const POSITIVE = [
  'T-TASK-EARLY',
  'T-TASK-ONTIME',
  'T-ACTIVITY',
  'T-MEDIATION',
  'T-INFO-REGISTER',
  'T-GOOD-DEED',
];

test('the same on every machine: two builds are equal', () => {
  expect(demoScenario()).toEqual(demo);
});

test('settings: 2026 as of October, 起始分 100, 全勤 replaces 按时, thirds, bottom three, 100 points a half-day', () => {
  expect(demo.settings).toEqual({
    year: 2026,
    asOf: '2026-10',
    startingPoints: 100,
    fullAttendanceMode: 'replace',
    tierFraction: 1 / 3,
    bottomCount: 3,
    pointsPerHalfDay: 100,
  });
  expect(demo.redemptions).toEqual([
    { id: 'R001', cadreId: '001', date: '2026-10-20', halfDays: 1, note: '家中有事' },
  ]);
});

test('roster: twelve cadres 001–012, all ranked; 012 joined in April', () => {
  expect(demo.roster.map((c) => c.id)).toEqual([
    '001',
    '002',
    '003',
    '004',
    '005',
    '006',
    '007',
    '008',
    '009',
    '010',
    '011',
    '012',
  ]);
  expect(demo.roster[0]).toEqual({
    id: '001',
    name: '王建国',
    role: '党委书记',
    email: 'cadre01@example.org',
    startMonth: '2026-01',
    endMonth: null,
    ranked: true,
  });
  expect(demo.roster[11]).toMatchObject({
    id: '012',
    name: '孙浩',
    role: '网格员',
    email: 'cadre12@example.org',
    startMonth: '2026-04',
  });
  expect(demo.roster.filter((c) => c.startMonth !== '2026-01').map((c) => c.id)).toEqual(['012']);
  expect(new Set(demo.roster.map((c) => c.name)).size).toBe(12);
  expect(demo.roster.every((c) => c.ranked === true && c.endMonth === null)).toBe(true);
});

test('entries: E0001… in order, known rules, months Jan–Oct, nobody before joining, whole quantities', () => {
  expect(demo.entries.map((e) => e.id)).toEqual(
    demo.entries.map((_, i) => `E${String(i + 1).padStart(4, '0')}`),
  );
  for (const e of demo.entries) {
    expect(RULES.has(String(e.ruleCode))).toBe(true);
    expect(MONTHS).toContain(e.month);
    expect(Number.isInteger(e.quantity) && Number(e.quantity) >= 1).toBe(true);
    expect(String(e.reason).length).toBeGreaterThan(0);
  }
  expect(demo.entries.some((e) => e.cadreId === '012' && String(e.month) < '2026-04')).toBe(false);
  // cadres claim 1 or 2 units of a positive item; penalties are entered by the committee, one at a time
  for (const e of demo.entries.filter(
    (x) => POSITIVE.includes(String(x.ruleCode)) && x.status === 'approved',
  ))
    expect([1, 2]).toContain(e.quantity);
  for (const e of demo.entries.filter((x) =>
    ['T-TASK-LATE', 'T-COMPLAINT', 'B-CRITICIZED'].includes(String(x.ruleCode)),
  ))
    expect([e.quantity, e.source, e.status]).toEqual([1, 'committee', 'approved']);
  // every active cadre has at least one positive claim every month, and a mediation has a mediation's reason
  for (const c of demo.roster)
    for (const m of MONTHS.filter((x) => x >= String(c.startMonth)))
      expect(
        demo.entries.some(
          (e) => e.cadreId === c.id && e.month === m && POSITIVE.includes(String(e.ruleCode)),
        ),
      ).toBe(true);
  for (const e of demo.entries.filter((x) => x.ruleCode === 'T-MEDIATION'))
    expect(['调解楼上楼下漏水纠纷', '调解邻里停车纠纷', '协助信访专干化解物业纠纷']).toContain(e.reason);
});

test('the last six entries: two commendations, then October’s two pending and two rejected claims', () => {
  const tail = demo.entries
    .slice(-6)
    .map(({ month, cadreId, ruleCode, quantity, status, source }) => [
      month,
      cadreId,
      ruleCode,
      quantity,
      status,
      source,
    ]);
  expect(tail).toEqual([
    ['2026-05', '002', 'R-HONOR-STREET', 1, 'approved', 'committee'],
    ['2026-09', '005', 'R-HONOR-CITY', 1, 'approved', 'committee'],
    ['2026-10', '003', 'T-MEDIATION', 1, 'pending', 'form'],
    ['2026-10', '008', 'T-GOOD-DEED', 1, 'pending', 'form'],
    ['2026-10', '010', 'T-INFO-REGISTER', 3, 'rejected', 'form'],
    ['2026-10', '011', 'T-ACTIVITY', 1, 'rejected', 'form'],
  ]);
  expect(demo.entries.filter((e) => e.status !== 'approved')).toHaveLength(4);
  expect(demo.entries.slice(-6)[0]!.reason).toBe('获街道“优秀网格员”表彰');
  expect(demo.entries.slice(-6)[1]!.reason).toBe('获市级“社区工作先进个人”表彰');
});

test('attendance: one row per active cadre and month except 007 in 2026-09 (to show the flag); plausible counts', () => {
  const keys = demo.attendance.map((a) => `${a.cadreId}|${a.month}`);
  const expected = demo.roster.flatMap((c) =>
    MONTHS.filter((m) => m >= String(c.startMonth) && !(c.id === '007' && m === '2026-09')).map(
      (m) => `${c.id}|${m}`,
    ),
  );
  expect([...keys].sort()).toEqual([...expected].sort());
  expect(keys).toHaveLength(11 * 10 + 7 - 1);
  for (const a of demo.attendance) {
    expect([0, 1]).toContain(a.late);
    expect([a.earlyLeave, a.absent]).toEqual([0, 0]);
    expect([0, 1]).toContain(a.personalLeaveDays);
    expect([0, 0.5]).toContain(a.sickLeaveDays);
  }
  // with 116 rows, the demo shows some late arrivals and some leave
  expect(demo.attendance.some((a) => a.late === 1)).toBe(true);
  expect(demo.attendance.some((a) => a.personalLeaveDays === 1)).toBe(true);
});

test('scores: 四知四清四掌握 for Q1 (without 012) to Q3 in 70–99, 学习强国 for H1 in 8000–11999', () => {
  const of = (period: string) => demo.scores.filter((s) => s.period === period);
  expect(of('2026-Q1').map((s) => s.cadreId)).toEqual(demo.roster.slice(0, 11).map((c) => c.id));
  for (const q of ['2026-Q2', '2026-Q3'])
    expect(of(q).map((s) => s.cadreId)).toEqual(demo.roster.map((c) => c.id));
  for (const s of demo.scores.filter((x) => String(x.period).includes('Q'))) {
    expect(s.ruleCode).toBe('B-QUARTER-TOP5');
    expect(Number.isInteger(s.score) && Number(s.score) >= 70 && Number(s.score) <= 99).toBe(true);
  }
  expect(of('2026-H1').map((s) => [s.cadreId, s.ruleCode])).toEqual(
    demo.roster.map((c) => [c.id, 'R-STUDY-TOP5']),
  );
  for (const s of of('2026-H1')) expect(Number(s.score) >= 8000 && Number(s.score) <= 11999).toBe(true);
  expect(demo.scores).toHaveLength(11 + 12 + 12 + 12);
});
