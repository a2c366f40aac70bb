/** @type {import('jest').Config} */
module.exports = {
  // The gateway's tests, and the Plaid emulator package's own (its jest.config.js).
  projects: [
    {
      displayName: 'gateway',
      // Node's, plus: whatever a test file started and did not stop is stopped when the file ends.
      testEnvironment: '<rootDir>/test/support/test-environment.ts',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      setupFiles: ['reflect-metadata'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      // The emulator package from its source, so a test run needs no build of it.
      moduleNameMapper: { '^plaid-emulator$': '<rootDir>/packages/plaid-emulator/src/index.ts' },
      transform: {
        // jose ships ESM only; jest runs CommonJS, so its files are transpiled too.
        '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
      },
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    '<rootDir>/packages/plaid-emulator',
  ],
  testTimeout: 60000,
};
