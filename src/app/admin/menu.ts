// The Carnet menu in the spreadsheet.
import { messages, type Messages } from '../../i18n/messages';
import { Workbook } from '../../gas/workbook';
import { runSetup, type SetupSummary } from './setup';
import { runBackstop } from '../stripe/backstop';
import { createProductLinks } from '../requests/requests';
import { requestText } from '../../i18n/requestText';
import { cockpitPageText } from '../../i18n/cockpitText';
import type { Locale } from '../../i18n/locale';
import { alertOk, spreadsheetUi } from '../../gas/spreadsheetUi';

export function buildMenu(): void {
  // The UI first: called from anywhere but the spreadsheet (google.script.run from a web page), this
  // throws before anything is read.
  const ui = spreadsheetUi();
  let locale: Locale = 'fr';
  try {
    locale = Workbook.active().settings.locale;
  } catch {
    // Before setup: French defaults.
  }
  const text = messages(locale);
  const cockpit = cockpitPageText(locale).menu;
  ui.createMenu(text.menuTitle)
    .addItem(cockpit.dashboard, 'carnetMenuDashboard')
    .addItem(cockpit.request, 'carnetMenuRequest')
    .addItem(cockpit.adjust, 'carnetMenuAdjust')
    .addItem(cockpit.resend, 'carnetMenuResend')
    .addItem(cockpit.refund, 'carnetMenuRefund')
    .addItem(cockpit.links, 'carnetMenuLinks')
    .addItem(cockpit.export, 'carnetMenuExport')
    .addItem(cockpit.revoke, 'carnetMenuRevoke')
    .addSeparator()
    .addItem(cockpit.wizard, 'carnetMenuWizard')
    .addItem(cockpit.health, 'carnetMenuHealth')
    .addSeparator()
    .addItem(text.menuSetup, 'carnetMenuSetup')
    .addItem(text.menuPoll, 'carnetMenuCatchUp')
    .addItem(text.menuProductLinks, 'carnetMenuProductLinks')
    .addToUi();
}

export function menuSetup(): void {
  const summary = runSetup();
  alertOk('Carnet', describeSetup(summary, Workbook.active().text));
}

export function describeSetup(s: SetupSummary, text: Messages): string {
  const t = text.setupSummary;
  const lines: string[] = [];
  lines.push(s.createdTabs.length ? t.createdTabs(s.createdTabs.join(', ')) : t.allTabs);
  for (const [tab, headers] of Object.entries(s.addedHeaders)) lines.push(t.addedHeaders(tab, headers.join(', ')));
  if (s.addedSettings.length) lines.push(t.addedSettings(s.addedSettings.length));
  if (s.installedTriggers.length) lines.push(t.installedTriggers(s.installedTriggers.length));
  lines.push(s.stripeKey === 'refused' ? t.keyRefused(s.stripeMessage) : t.key[s.stripeKey]);
  for (const p of s.settingsProblems) lines.push(p);
  lines.push(s.webhookUrl ? t.webhookUrl(s.webhookUrl) : t.deployFirst);
  return lines.join('\n');
}

export function menuCatchUp(): void {
  const report = runBackstop();
  const text = Workbook.active().text;
  Workbook.active().spreadsheet.toast(text.pollDone(report.polled, report.applied), 'Carnet');
}

export function menuProductLinks(): void {
  const report = createProductLinks();
  const book = Workbook.active();
  const lines = [requestText(book.settings.locale).linksCreated(report.created, report.kept), ...report.problems];
  alertOk('Carnet', lines.join('\n'));
}
