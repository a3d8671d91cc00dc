// Benchmark: `evaluate` for a synthetic year against a bare parse-and-sum floor, at 30k / 60k / 120k entries.
import { DEFAULT_RULES, evaluate } from '../src/core';

const PER_EVENT = DEFAULT_RULES.filter((r) => r.kind === 'per-event');

function synthetic(cadres: number, perMonth: number): string {
  let seed = 42;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const roster = [];
  const entries = [];
  const attendance = [];
  let n = 0;
  for (let c = 0; c < cadres; c++) {
    const id = `C${String(c).padStart(4, '0')}`;
    roster.push({ id, name: `干部${c}`, startMonth: '2026-01', endMonth: null, ranked: true });
    for (let m = 1; m <= 12; m++) {
      const month = `2026-${String(m).padStart(2, '0')}`;
      for (let k = 0; k < perMonth; k++) {
        const rule = PER_EVENT[Math.floor(rand() * PER_EVENT.length)]!;
        entries.push({
          id: `E${++n}`,
          month,
          cadreId: id,
          ruleCode: rule.code,
          quantity: 1 + Math.floor(rand() * 3),
          status: 'approved',
          reason: '批量',
        });
      }
      attendance.push({
        month,
        cadreId: id,
        late: rand() < 0.1 ? 1 : 0,
        earlyLeave: 0,
        absent: 0,
        personalLeaveDays: rand() < 0.1 ? 1 : 0,
        sickLeaveDays: 0,
      });
    }
  }
  return JSON.stringify({ settings: { year: 2026, asOf: '2026-12' }, roster, entries, attendance });
}

/** The floor: parse the same JSON and sum points by cadre, nothing else. */
function floor(text: string): number {
  const data = JSON.parse(text) as { entries: { cadreId: string; ruleCode: string; quantity: number }[] };
  const points = new Map(DEFAULT_RULES.map((r) => [r.code, r.points]));
  const sums = new Map<string, number>();
  for (const e of data.entries)
    sums.set(e.cadreId, (sums.get(e.cadreId) ?? 0) + (points.get(e.ruleCode) ?? 0) * e.quantity);
  return sums.size;
}

function full(text: string): number {
  const res = evaluate(JSON.parse(text), '2026', { defaultAsOf: '2026-12' });
  if (!res.ok) throw new Error(JSON.stringify(res.problems.slice(0, 3)));
  return res.output.cadres.length;
}

function median(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

console.log('evaluate (year) vs parse+sum floor — median of 5 runs');
console.log('entries\tfloor ms\tevaluate ms\tratio');
const rows: { entries: number; ratio: number; ms: number }[] = [];
for (const cadres of (process.env.BENCH_SIZES ?? '125,250,500').split(',').map(Number)) {
  const text = synthetic(cadres, 20);
  const entries = cadres * 12 * 20;
  full(text); // warm up
  floor(text);
  const f = median(() => floor(text), 5);
  const e = median(() => full(text), 5);
  rows.push({ entries, ratio: e / f, ms: e });
  console.log(`${entries}\t${f.toFixed(0)}\t${e.toFixed(0)}\t${(e / f).toFixed(2)}×`);
}
const growth = rows[2]!.ms / rows[0]!.ms;
console.log(
  `growth 30k→120k: ${growth.toFixed(2)}× (linear would be 4×); target ratio ≤ 3×: ${rows[2]!.ratio <= 3 ? 'met' : 'NOT met'}`,
);
