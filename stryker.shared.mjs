// `npm run mutate` part 2: mutants of the platform-neutral workflows, killed by the suites that drive
// them in-process (the pure tests/shared suites, CLI over .xlsx, Sheets adapters on the fake); breaks below 80 %.
import { strykerConfig } from './stryker.base.mjs';

export default strykerConfig({
  name: 'shared',
  mutate: ['src/shared/**/*.ts'],
  testMatch: [
    '<rootDir>/tests/shared/**/*.test.ts',
    '<rootDir>/tests/cli/{demo-recompute,google-export,publish,publish-shared,seal-shared,tamper,xlsx-package}.test.ts',
    '<rootDir>/tests/gas/{intake,publish,recompute,review,setup,tamper}.test.ts',
  ],
  breakAt: 80,
});
