// `npm run mutate` part 1: mutants of the pure domain, killed by the core suites; breaks below 90 %.
import { strykerConfig } from './stryker.base.mjs';

export default strykerConfig({
  name: 'core',
  mutate: ['src/core/**/*.ts', '!src/core/index.ts'],
  testMatch: ['<rootDir>/tests/core/**/*.test.ts'],
  breakAt: 90,
});
