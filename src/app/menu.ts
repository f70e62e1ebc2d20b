// The Carnet menu in the spreadsheet.
import { messages } from '../i18n/messages';
import { Workbook } from '../gas/workbook';
import { runSetup, type SetupSummary } from './setup';
import { runBackstop } from './backstop';
import { createProductLinks } from './requests';
import { requestText } from '../i18n/requestText';

export function buildMenu(): void {
  // The UI first: called from anywhere but the spreadsheet (google.script.run from a web page), this
  // throws before anything is read.
  const ui = SpreadsheetApp.getUi();
  let text = messages('fr');
  try {
    text = Workbook.active().text;
  } catch {
    // Before setup: French defaults.
  }
  ui.createMenu(text.menuTitle)
    .addItem(text.menuSetup, 'carnetMenuSetup')
    .addItem(text.menuPoll, 'carnetMenuCatchUp')
    .addItem(text.menuProductLinks, 'carnetMenuProductLinks')
    .addToUi();
}

export function menuSetup(): void {
  const summary = runSetup();
  SpreadsheetApp.getUi().alert('Carnet', describeSetup(summary), SpreadsheetApp.getUi().ButtonSet.OK);
}

export function describeSetup(s: SetupSummary): string {
  const lines: string[] = [];
  lines.push(s.createdTabs.length ? `Onglets créés : ${s.createdTabs.join(', ')}.` : 'Tous les onglets sont présents.');
  for (const [tab, headers] of Object.entries(s.addedHeaders)) lines.push(`Colonnes ajoutées à ${tab} : ${headers.join(', ')}.`);
  if (s.addedSettings.length) lines.push(`Paramètres ajoutés : ${s.addedSettings.length} (à compléter dans l’onglet Paramètres).`);
  if (s.installedTriggers.length) lines.push(`Tâches automatiques installées : ${s.installedTriggers.length}.`);
  const key = {
    ok: 'Clé Stripe : valide.',
    missing: 'Clé Stripe : absente. Ajoutez la propriété de script STRIPE_SECRET_KEY (Paramètres du projet > Propriétés du script).',
    invalid: 'Clé Stripe : format invalide (sk_live_…, sk_test_…, rk_live_… ou rk_test_… attendu).',
    refused: `Clé Stripe refusée par Stripe : ${s.stripeMessage}`,
  }[s.stripeKey];
  lines.push(key);
  for (const p of s.settingsProblems) lines.push(p);
  lines.push(s.webhookUrl ? `URL du webhook à coller dans Stripe :\n${s.webhookUrl}` : 'Déployez l’application web (Déployer > Nouveau déploiement), puis relancez l’installation pour obtenir l’URL du webhook.');
  return lines.join('\n');
}

export function menuCatchUp(): void {
  const report = runBackstop();
  const text = Workbook.active().text;
  SpreadsheetApp.getActive().toast(text.pollDone(report.polled, report.applied), 'Carnet');
}

export function menuProductLinks(): void {
  const report = createProductLinks();
  const book = Workbook.active();
  const lines = [requestText(book.settings.locale).linksCreated(report.created, report.kept), ...report.problems];
  SpreadsheetApp.getUi().alert('Carnet', lines.join('\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}
