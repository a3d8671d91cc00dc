// src/shared against every suite that drives it in-process (the pure tests/shared suites, CLI over .xlsx,
// Sheets adapters on the fake): the upper figure, too slow for 2 cores except file by file
// (JIFEN_MUTATE_FILE=src/shared/x.ts npx stryker run stryker.shared-full.mjs). See README › Mutation testing.
import { strykerConfig } from './stryker.base.mjs';

export default strykerConfig({
  name: 'shared-full',
  mutate: ['src/shared/**/*.ts'],
  testMatch: [
    '<rootDir>/tests/shared/**/*.test.ts',
    '<rootDir>/tests/cli/{demo-recompute,google-export,publish,publish-shared,seal-shared,tamper,xlsx-package}.test.ts',
    '<rootDir>/tests/gas/{intake,publish,recompute,review,setup,tamper}.test.ts',
  ],
  breakAt: 80,
});
