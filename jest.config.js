// Jest config: @swc/jest transforms TypeScript (ts-jest does not work with TypeScript 7).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/tests/global-setup.js',
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
};
