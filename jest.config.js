/** Unit tests (domain + emulator) run on sources; bundle tests run the built dist/Code.js in the emulator. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];
module.exports = {
  reporters: ['default', '<rootDir>/scripts/summary-reporter.cjs'],
  globalSetup: '<rootDir>/scripts/jest-global-setup.cjs',
  projects: [
    { displayName: 'unit', testEnvironment: 'node', roots: ['<rootDir>/test/unit', '<rootDir>/test/emulator'], transform: { '^.+\\.ts$': tsJest } },
    { displayName: 'bundle', testEnvironment: 'node', roots: ['<rootDir>/test/bundle'], transform: { '^.+\\.ts$': tsJest } },
    // The local server (npm start, npm run demo) over real HTTP, on the built bundle.
    { displayName: 'local', testEnvironment: 'node', roots: ['<rootDir>/test/local'], transform: { '^.+\\.ts$': tsJest }, testTimeout: 60000 },
    // Pages (sidebar, dialogs, local console) in a real headless Chromium, driven by playwright-core.
    { displayName: 'browser', testEnvironment: 'node', roots: ['<rootDir>/test/browser'], transform: { '^.+\\.ts$': tsJest }, testTimeout: 60000 },
  ],
};
