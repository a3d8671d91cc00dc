// fast-check parameters: full runs in `npm test`; a fifth, without shrinking, under `npm run mutate` (JIFEN_MUTATION=1).

const MUTATION = process.env.JIFEN_MUTATION === '1';

/**
 * Why: under StrykerJS every mutant reruns the tests that cover it, and the property tests were a third
 * of that time on 2 cores; the hand-written tables in tests/core do most of the killing. A mutant is
 * killed by the first failing case, so shrinking it to a minimal one (endOnFailure) only costs time.
 * No fast-check import here: validate.test.ts loads fast-check only inside its one property test.
 */
export function propertyParams(numRuns: number): { numRuns: number; endOnFailure: boolean } {
  return { numRuns: MUTATION ? Math.ceil(numRuns / 5) : numRuns, endOnFailure: MUTATION };
}
