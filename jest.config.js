// One `npm test` runs everything: unit and server tests, then the Chromium e2e tests.
const swc = ['@swc/jest', {
  jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
  module: { type: 'commonjs' },
}];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  // ESM-only packages that fastify's inject() and our code load must be transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(eventsource-parser|cookie)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testEnvironment: 'node',
};
module.exports = {
  testTimeout: 20000,
  reporters: ['default', '<rootDir>/tests/summaryReporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts?(x)'] },
    { ...common, displayName: 'server', testMatch: ['<rootDir>/tests/server/**/*.test.ts?(x)'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts?(x)'],
      globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
      globalTeardown: '<rootDir>/tests/e2e/globalTeardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/e2e/setupTimeout.ts', '<rootDir>/tests/e2e/setupCsp.ts'],
    },
  ],
};
