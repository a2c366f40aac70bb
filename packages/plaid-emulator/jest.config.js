/** @type {import('jest').Config} */
module.exports = {
  displayName: 'plaid-emulator',
  // Node's, plus: whatever a test file started and did not stop is stopped when the file ends.
  testEnvironment: '<rootDir>/test/support/test-environment.ts',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The timeout is set there, not here: a project's config (as the root's jest runs this one) takes no testTimeout.
  setupFilesAfterEnv: ['<rootDir>/test/support/test-timeout.ts'],
  transform: {
    // jose ships ESM only; jest runs CommonJS, so its files are transpiled too.
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};
