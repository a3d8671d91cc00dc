// Builders of small scenarios for core tests: one call per record, sensible defaults.
import { buildYearBook, type PeriodSummary, summarize, validateScenario } from '../../src/core';

export interface RawScenario {
  settings?: Record<string, unknown>;
  roster: Record<string, unknown>[];
  rules?: Record<string, unknown>[];
  entries: Record<string, unknown>[];
  attendance?: Record<string, unknown>[];
  scores?: Record<string, unknown>[];
  redemptions?: Record<string, unknown>[];
  publishedMonths?: string[];
}

export const cadre = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `干部${id}`,
  role: '网格员',
  startMonth: '2026-01',
  endMonth: null,
  ranked: true,
  ...extra,
});

/** The policy's two attendance rules (按时 +8, 全勤 +10) as a scenario's rules. */
export const ATTENDANCE_RULES = [
  { code: 'B-ATT-PUNCTUAL', category: 'base', item: '按时', points: 8, kind: 'attendance', tier: 'punctual' },
  { code: 'B-ATT-FULL', category: 'base', item: '全勤', points: 10, kind: 'attendance', tier: 'full' },
];

let seq = 0;
export const entry = (cadreId: string, ruleCode: string, extra: Record<string, unknown> = {}) => ({
  id: `E${++seq}`,
  month: '2026-10',
  cadreId,
  ruleCode,
  quantity: 1,
  status: 'approved',
  reason: '测试',
  ...extra,
});

export const att = (cadreId: string, extra: Record<string, unknown> = {}) => ({
  month: '2026-10',
  cadreId,
  late: 0,
  earlyLeave: 0,
  absent: 0,
  personalLeaveDays: 0,
  sickLeaveDays: 0,
  ...extra,
});

/** A scenario of one month (asOf 2026-10), with defaults. */
export function scenario(s: Partial<RawScenario> & { roster: RawScenario['roster'] }): RawScenario {
  return { settings: { year: 2026, asOf: '2026-10', ...s.settings }, entries: [], ...s };
}

/** Validates (failing the test on any problem) and summarises a period. */
export function summary(raw: RawScenario, period: string): PeriodSummary {
  const { scenario: s, problems } = validateScenario(raw, { defaultAsOf: '2026-10' });
  if (problems.length > 0) throw new Error(`unexpected problems: ${JSON.stringify(problems)}`);
  const book = buildYearBook(s, Number(period.slice(0, 4)));
  if (book.problems.length > 0) throw new Error(`unexpected problems: ${JSON.stringify(book.problems)}`);
  return summarize(book, period);
}

/** The summary of one cadre. */
export function of(p: PeriodSummary, cadreId: string) {
  const c = p.cadres.find((x) => x.cadreId === cadreId);
  if (!c) throw new Error(`cadre ${cadreId} not in summary`);
  return c;
}
