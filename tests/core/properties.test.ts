// Property tests (fast-check) of the engine's invariants over random scenarios.
import fc from 'fast-check';
import {
  buildYearBook,
  DEFAULT_RULES,
  groupSize,
  type PeriodSummary,
  rankAndTier,
  summarize,
  validateScenario,
} from '../../src/core';
import { propertyParams } from '../helpers/property-runs';

const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const PERIODS = [...MONTHS, '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026-H1', '2026-H2', '2026'];
const PER_EVENT = DEFAULT_RULES.filter((r) => r.kind === 'per-event').map((r) => r.code);
const POSITIVE = DEFAULT_RULES.filter((r) => r.kind === 'per-event' && r.points > 0).map((r) => r.code);

const scenarioArb = fc
  .record({
    cadres: fc.array(
      fc.record({
        start: fc.option(fc.constantFrom(...MONTHS), { nil: null }),
        span: fc.option(fc.integer({ min: 0, max: 11 }), { nil: null }),
        ranked: fc.boolean(),
      }),
      { minLength: 1, maxLength: 9 },
    ),
    entries: fc.array(
      fc.record({
        c: fc.nat(),
        month: fc.constantFrom(...MONTHS),
        rule: fc.constantFrom(...PER_EVENT),
        quantity: fc.integer({ min: 1, max: 5 }),
        status: fc.constantFrom('approved', 'approved', 'pending', 'rejected'),
      }),
      { maxLength: 60 },
    ),
    attendance: fc.array(
      fc.record({
        c: fc.nat(),
        month: fc.constantFrom(...MONTHS),
        late: fc.integer({ min: 0, max: 2 }),
        leave: fc.constantFrom(0, 0, 0.5, 1),
      }),
      { maxLength: 40 },
    ),
    scores: fc.array(
      fc.record({
        c: fc.nat(),
        q: fc.constantFrom('2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'),
        score: fc.integer({ min: 0, max: 20 }),
      }),
      { maxLength: 20 },
    ),
    asOf: fc.constantFrom(...MONTHS),
    mode: fc.constantFrom('replace', 'add'),
  })
  .map((g) => {
    const roster = g.cadres.map((c, i) => {
      const end = c.start && c.span !== null ? MONTHS[Math.min(11, MONTHS.indexOf(c.start) + c.span)]! : null;
      return { id: `C${i}`, name: `干部${i}`, startMonth: c.start, endMonth: end, ranked: c.ranked };
    });
    const n = roster.length;
    const attKeys = new Set<string>();
    const scoreKeys = new Set<string>();
    return {
      settings: { year: 2026, asOf: g.asOf, fullAttendanceMode: g.mode },
      roster,
      entries: g.entries.map((e, i) => ({
        id: `E${i}`,
        month: e.month,
        cadreId: `C${e.c % n}`,
        ruleCode: e.rule,
        quantity: e.quantity,
        status: e.status,
      })),
      attendance: g.attendance
        .map((a) => ({
          month: a.month,
          cadreId: `C${a.c % n}`,
          late: a.late,
          earlyLeave: 0,
          absent: 0,
          personalLeaveDays: a.leave,
          sickLeaveDays: 0,
        }))
        .filter((a) => !attKeys.has(`${a.month}|${a.cadreId}`) && attKeys.add(`${a.month}|${a.cadreId}`)),
      scores: g.scores
        .map((s) => ({ period: s.q, ruleCode: 'B-QUARTER-TOP5', cadreId: `C${s.c % n}`, score: s.score }))
        .filter(
          (s) => !scoreKeys.has(`${s.period}|${s.cadreId}`) && scoreKeys.add(`${s.period}|${s.cadreId}`),
        ),
    };
  });

function run(raw: unknown, period: string): PeriodSummary {
  const { scenario, problems } = validateScenario(raw, { defaultAsOf: '2026-12' });
  if (problems.length) throw new Error(JSON.stringify(problems));
  return summarize(buildYearBook(scenario, 2026), period);
}

const periodArb = fc.constantFrom(...PERIODS);

test('total = startingPoints + base + task + reward, and categories are sums of the entries', () => {
  fc.assert(
    fc.property(scenarioArb, periodArb, (raw, period) => {
      for (const c of run(raw, period).cadres) {
        expect(c.total).toBe(c.startingPoints + c.base + c.task + c.reward);
        for (const cat of ['base', 'task', 'reward'] as const) {
          expect(c[cat]).toBe(c.entries.filter((e) => e.category === cat).reduce((s, e) => s + e.points, 0));
        }
      }
    }),
    propertyParams(150),
  );
});

test('a year is the sum of its months; a half-year the sum of its quarters', () => {
  fc.assert(
    fc.property(scenarioArb, (raw) => {
      const year = run(raw, '2026');
      const months = MONTHS.map((m) => run(raw, m));
      const h1 = run(raw, '2026-H1');
      const qs = [run(raw, '2026-Q1'), run(raw, '2026-Q2')];
      for (const c of year.cadres) {
        const sum = months.reduce(
          (s, p) => s + (p.cadres.find((x) => x.cadreId === c.cadreId)?.total ?? 0),
          0,
        );
        expect(c.total).toBe(c.startingPoints + sum);
        const h = h1.cadres.find((x) => x.cadreId === c.cadreId);
        if (h) {
          const qsum = qs.reduce(
            (s, p) => s + (p.cadres.find((x) => x.cadreId === c.cadreId)?.total ?? 0),
            0,
          );
          expect(h.total).toBe(h.startingPoints + qsum);
        }
      }
    }),
    propertyParams(60),
  );
});

test('shuffling the input order changes nothing', () => {
  fc.assert(
    fc.property(scenarioArb, periodArb, fc.integer(), (raw, period, seed) => {
      const shuffle = <T>(xs: T[]): T[] => {
        const out = xs.slice();
        let s = seed >>> 0;
        for (let i = out.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          const j = s % (i + 1);
          [out[i], out[j]] = [out[j]!, out[i]!];
        }
        return out;
      };
      const shuffled = {
        ...raw,
        roster: shuffle(raw.roster),
        entries: shuffle(raw.entries),
        attendance: shuffle(raw.attendance),
        scores: shuffle(raw.scores),
      };
      const strip = (p: PeriodSummary) =>
        p.cadres.map((c) => ({ ...c, entries: [...c.entries].sort((a, b) => (a.id < b.id ? -1 : 1)) }));
      expect(strip(run(shuffled, period))).toEqual(strip(run(raw, period)));
    }),
    propertyParams(150),
  );
});

test('tiers follow the counting definitions of SPEC §5', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 0, max: 5 }),
      (totals, bottom) => {
        const items = totals.map((total, i) => ({ id: String(i), total }));
        const res = rankAndTier(items, 1 / 3, bottom);
        const n = totals.length;
        const k = groupSize(n, 1 / 3);
        for (const { id, total } of items) {
          const r = res.get(id)!;
          const h = totals.filter((t) => t > total).length;
          const l = totals.filter((t) => t < total).length;
          const e = n - h - l;
          expect(r.rank).toBe(h + 1);
          const top = h < k;
          const b3 = l < k;
          const bb = l < bottom;
          const want =
            top && (b3 || bb)
              ? []
              : top
                ? ['top-third']
                : [...(b3 ? ['bottom-third'] : []), ...(bb ? ['bottom-three'] : [])];
          expect(r.tiers).toEqual(want);
          expect(r.tieAtBoundary).toBe(
            (h < k && k < h + e) || (l < k && k < l + e) || (l < bottom && bottom < l + e),
          );
        }
        // the top third and bottom third never overlap
        for (const r of res.values())
          expect(r.tiers.includes('top-third') && r.tiers.includes('bottom-third')).toBe(false);
      },
    ),
    propertyParams(500),
  );
});

test('adding an approved positive entry never lowers that cadre’s total or rank', () => {
  fc.assert(
    fc.property(scenarioArb, periodArb, fc.nat(), fc.constantFrom(...POSITIVE), (raw, period, pick, rule) => {
      const before = run(raw, period);
      fc.pre(before.cadres.length > 0);
      const target = before.cadres[pick % before.cadres.length]!;
      const extra = {
        id: 'EXTRA',
        month: firstMonthOf(period),
        cadreId: target.cadreId,
        ruleCode: rule,
        quantity: 1,
        status: 'approved',
      };
      const after = run({ ...raw, entries: [...raw.entries, extra] }, period).cadres.find(
        (c) => c.cadreId === target.cadreId,
      )!;
      expect(after.total).toBeGreaterThan(target.total);
      if (target.rank !== null) expect(after.rank!).toBeLessThanOrEqual(target.rank);
    }),
    propertyParams(150),
  );
});

/** The first month of a period key (for placing an entry inside it). */
function firstMonthOf(period: string): string {
  if (period === '2026') return '2026-01';
  if (period.includes('-Q')) return MONTHS[(Number(period.slice(6)) - 1) * 3]!;
  if (period.includes('-H')) return MONTHS[(Number(period.slice(6)) - 1) * 6]!;
  return period;
}
