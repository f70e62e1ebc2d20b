// appsscript.json declares exactly the OAuth scopes of the services the bundle calls.
import { readFileSync } from 'node:fs';

const CODE = readFileSync('dist/Code.js', 'utf8');
const manifest = JSON.parse(readFileSync('dist/appsscript.json', 'utf8')) as {
  timeZone: string;
  runtimeVersion: string;
  exceptionLogging: string;
  webapp: { executeAs: string; access: string };
  oauthScopes: string[];
  dependencies: { enabledAdvancedServices: Array<{ userSymbol: string; serviceId: string; version: string }> };
};

const SCOPE = 'https://www.googleapis.com/auth/';
/** Which use of a service needs which scope (developers.google.com/apps-script/concepts/scopes). */
const SCOPE_RULES: Array<[RegExp, string]> = [
  [/\bSpreadsheetApp\.getActive(Spreadsheet)?\(/, 'spreadsheets.currentonly'],
  [/\bDocumentApp\./, 'documents'],
  [/\b(DriveApp|Drive)\.\w/, 'drive'],
  [/\b(CalendarApp|Calendar)\.\w/, 'calendar'],
  [/\bUrlFetchApp\./, 'script.external_request'],
  [/\bScriptApp\.(newTrigger|getProjectTriggers|deleteTrigger)\(/, 'script.scriptapp'],
  [/\.getUi\(\)/, 'script.container.ui'],
  [/\bMailApp\./, 'script.send_mail'],
  [/\bSession\.getActiveUser\(\)/, 'userinfo.email'],
];

test('manifest: V8, Europe/Paris, Stackdriver logging, web app as the deploying user for anyone', () => {
  expect(manifest.runtimeVersion).toBe('V8');
  expect(manifest.timeZone).toBe('Europe/Paris');
  expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  expect(manifest.webapp).toEqual({ executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
  expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({ userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3' });
  // Sharing a training's file silently with a Google account (Drive.Permissions.create), see README "Delivery".
  expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' });
});

test('oauthScopes list exactly the scopes of the services the bundle calls', () => {
  const needed = SCOPE_RULES.filter(([use]) => use.test(CODE))
    .map(([, scope]) => SCOPE + scope)
    .sort();
  expect([...manifest.oauthScopes].sort()).toEqual(needed);
});

test('the bundle never calls GmailApp (its scope reads the whole mailbox; MailApp only sends)', () => {
  expect(CODE).not.toMatch(/\bGmailApp\./);
});
