// `src/shared` measured file by file with the fast in-process suites only (tests/shared and the pure
// seal suite): a lower bound of stryker.shared.mjs's score, cheap enough for 2 cores. See README › Mutation testing.
import { strykerConfig } from './stryker.base.mjs';

export default strykerConfig({
  name: 'shared-fast',
  mutate: ['src/shared/**/*.ts'],
  testMatch: ['<rootDir>/tests/shared/**/*.test.ts', '<rootDir>/tests/cli/seal-shared.test.ts'],
  breakAt: 80,
});
