/** Jest on ESM TypeScript: ts-jest in ESM mode, `.js` specifiers mapped to `.ts` sources. */
export default {
  testEnvironment: 'node',
  // Only these are crawled: bench/work and out/ hold gigabytes of binaries.
  roots: ['<rootDir>/__tests__', '<rootDir>/src'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 300000,
  // Two suites at once: much of a suite's time is spent waiting on go,
  // Azurite and child processes, not on this process (jest's default is
  // one worker on a 2-core machine).
  maxWorkers: 2,
  verbose: false
}
