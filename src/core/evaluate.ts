// `evaluate`: raw scenario + period key → the JSON contract of SPEC §8, or the problems that prevent it.

import { parsePeriod } from './periods';
import type { Problem } from './problems';
import { buildYearBook, type CadreSummary, type PeriodSummary, summarize } from './summary';
import { outsideYearMessage, validateScenario } from './validate';

/** One cadre in `jifen evaluate` output (SPEC §8). Field names are the interface: do not rename. */
export interface EvaluateCadre {
  cadreId: string;
  name: string;
  startingPoints: number;
  base: number;
  task: number;
  reward: number;
  total: number;
  yearToDate: number;
  rank: number | null;
  tiers: string[];
  flags: string[];
  leave: { availablePoints: number; halfDays: number };
}

export interface EvaluateOutput {
  period: string;
  cadres: EvaluateCadre[];
}

export type EvaluateResult =
  | { ok: true; summary: PeriodSummary; output: EvaluateOutput }
  | { ok: false; problems: Problem[] };

export function toContract(c: CadreSummary): EvaluateCadre {
  return {
    cadreId: c.cadreId,
    name: c.name,
    startingPoints: c.startingPoints,
    base: c.base,
    task: c.task,
    reward: c.reward,
    total: c.total,
    yearToDate: c.yearToDate,
    rank: c.rank,
    tiers: [...c.tiers],
    flags: [...c.flags],
    leave: { availablePoints: c.leave.availablePoints, halfDays: c.leave.halfDays },
  };
}

/**
 * Validates the scenario and summarises one period. Any invalid record makes the whole evaluation
 * fail with every problem listed (a partial answer would look complete).
 */
export function evaluate(raw: unknown, periodKey: string, opts: { defaultAsOf: string }): EvaluateResult {
  const period = parsePeriod(periodKey);
  if (!period) {
    return {
      ok: false,
      problems: [
        {
          table: 'settings',
          index: -1,
          field: 'period',
          message: `期间格式不正确：${periodKey}（应为 2026-10、2026-Q4、2026-H1 或 2026）`,
        },
      ],
    };
  }
  const { scenario, problems } = validateScenario(raw, { ...opts, periodYear: period.year });
  // SPEC §8: the period must lie in the assessment year; another year's ranking would be empty or all zero.
  const year = scenario.settings.year;
  if (year !== undefined && period.year !== year) {
    problems.unshift({
      table: 'settings',
      index: -1,
      field: 'period',
      message: outsideYearMessage(`--period ${period.key}`, year),
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const book = buildYearBook(scenario, period.year);
  if (book.problems.length > 0) return { ok: false, problems: book.problems };
  const summary = summarize(book, period.key);
  return { ok: true, summary, output: { period: period.key, cadres: summary.cadres.map(toContract) } };
}
