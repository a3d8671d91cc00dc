// fast-check case counts: full in `npm test`; a fifth, and no shrinking, under `npm run mutate` (JIFEN_MUTATION=1).
import fc from 'fast-check';

const MUTATION = process.env.JIFEN_MUTATION === '1';
// A mutant is killed by the first failing case; shrinking it to a minimal one only costs time.
if (MUTATION) fc.configureGlobal({ endOnFailure: true });

/**
 * Why: under StrykerJS every mutant reruns the tests that cover it, and the property tests were a third
 * of that time on 2 cores; the hand-written tables in tests/core do most of the killing.
 */
export function propertyRuns(n: number): number {
  return MUTATION ? Math.ceil(n / 5) : n;
}
