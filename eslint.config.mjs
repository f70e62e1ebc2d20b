import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Node and browser globals do not exist on Apps Script V8.
const NODE_AND_BROWSER = ['process', 'Buffer', 'require', 'setTimeout', 'setInterval', 'fetch', 'TextEncoder', 'TextDecoder', 'window', 'document'];
// Apps Script's global services (built-in and advanced).
const APPS_SCRIPT_SERVICES = [
  'SpreadsheetApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'DriveApp',
  'DocumentApp',
  'MailApp',
  'GmailApp',
  'CalendarApp',
  'ScriptApp',
  'UrlFetchApp',
  'Utilities',
  'HtmlService',
  'ContentService',
  'Session',
  'Logger',
  'Calendar',
  'Docs',
  'Sheets',
  'Drive',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.local/', '.build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-globals': 'off',
    },
  },
  {
    // The bundle runs on Apps Script V8: Node and browser globals do not exist there.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'process',
        'Buffer',
        'require',
        'setTimeout',
        'setInterval',
        'fetch',
        'TextEncoder',
        'TextDecoder',
        'window',
        'document',
      ],
    },
  },
  {
    // The functional core: pure TypeScript, no Apps Script service (they are reached through src/gas/).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...NODE_AND_BROWSER,
        ...APPS_SCRIPT_SERVICES.map((name) => ({ name, message: 'src/domain is pure: reach Apps Script through an adapter in src/gas/.' })),
      ],
    },
  },
  {
    // Use cases, entry points and texts reach Apps Script only through the small adapters of src/gas/, so
    // that a use case can be run with fakes of them. Types (GoogleAppsScript.*) are fine.
    files: ['src/app/**/*.ts', 'src/main.ts', 'src/i18n/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...NODE_AND_BROWSER,
        ...APPS_SCRIPT_SERVICES.map((name) => ({ name, message: 'Apps Script services are reached through an adapter in src/gas/ (one per service).' })),
      ],
    },
  },
  {
    // The admin's pages run in the browser (they reach the server only through google.script.run).
    files: ['src/pages/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'process', 'Buffer', 'require', 'fetch'] },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', 'jest.config.js'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
