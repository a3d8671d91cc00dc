// `npm run mutate` part 2: mutants of the platform-neutral workflows, killed by the pure in-process suites
// (tests/shared and the pure publish/seal suites); breaks below 80 %. A lower bound of the score against
// every suite (stryker.shared-full.mjs, which also runs the CLI-over-.xlsx and Sheets-on-the-fake suites:
// rule-rows.ts's 28 mutants took 21 minutes on a busy 2-core machine). See README › Mutation testing.
import { strykerConfig } from './stryker.base.mjs';

export default strykerConfig({
  name: 'shared',
  mutate: ['src/shared/**/*.ts'],
  testMatch: [
    '<rootDir>/tests/shared/**/*.test.ts',
    '<rootDir>/tests/cli/{publish-shared,seal-shared}.test.ts',
  ],
  breakAt: 80,
});
