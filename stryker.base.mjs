// StrykerJS settings shared by `npm run mutate`'s two runs (src/core, src/shared); see README › Mutation testing.
// Read by tests/helpers/property-runs.ts in the test-runner processes (they inherit this environment).
process.env.JIFEN_MUTATION = '1';

/** A file's own report name within its part: ('core', 'src/core/periods.ts') → 'core/periods'. */
export function shardName(part, file) {
  return `${part}/${file.replace(/^src\/[a-z]+\//, '').replace(/\.ts$/, '').replaceAll('/', '-')}`;
}

export function strykerConfig({ name, mutate, testMatch, breakAt }) {
  // scripts/mutate.mjs (`npm run mutate`) runs one file at a time: its own reports and incremental file, so
  // an interrupted run keeps the files already done; the break threshold is checked over all files there.
  const one = process.env.JIFEN_MUTATE_FILE;
  if (one) {
    name = shardName(name, one);
    mutate = [one];
  }
  return {
    testRunner: 'jest',
    jest: {
      configFile: 'jest.config.js',
      // Only suites that import src/ directly: suites that run the built dist/ bundle cannot see a mutant.
      // roots include src so jest sees the whole import graph for findRelatedTests below.
      config: { testMatch, globalSetup: null, reporters: ['default'], roots: ['<rootDir>/tests', '<rootDir>/src'] },
      // Why: otherwise jest loads every matched suite for every mutant; only suites that import the mutated
      // file can cover it, so asking jest for the related suites gives the same result in less time.
      enableFindRelatedTests: true,
    },
    mutate,
    coverageAnalysis: 'perTest',
    // Reruns after a small change test only the mutants it touches.
    incremental: true,
    incrementalFile: `reports/mutation/${name}-incremental.json`,
    thresholds: { high: breakAt, low: breakAt - 10, break: one ? null : breakAt },
    // Why: Stryker's tsconfig step calls ts.parseConfigFileTextToJson, which TypeScript 7 no longer has;
    // pointing it at a file that does not exist skips the step (tsc still type-checks in npm test).
    tsconfigFile: 'tsconfig.stryker-absent.json',
    checkers: [],
    concurrency: 2,
    timeoutMS: 20000,
    ignoreStatic: true,
    reporters: one ? ['progress', 'html', 'json'] : ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    tempDirName: `.stryker-tmp/${name.replace('/', '-')}`,
  };
}
