// fast-check case counts: full in `npm test`; a fifth under `npm run mutate` (JIFEN_MUTATION=1, set by stryker.base.mjs).

/**
 * Why: under StrykerJS every mutant reruns the tests that cover it, and the property tests were a third
 * of that time on 2 cores; the hand-written tables in tests/core do most of the killing.
 */
export function propertyRuns(n: number): number {
  return process.env.JIFEN_MUTATION === '1' ? Math.ceil(n / 5) : n;
}
