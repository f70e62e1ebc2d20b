// setup(): idempotent installation. Running it again changes nothing that is already right.
import { HEADERS, TABS, type TabKey } from '../../domain/schema';
import { SETTINGS } from '../../domain/settings';
import { isPlausibleKey } from '../../domain/stripe';
import { asText } from '../../domain/values';
import { Workbook } from '../../gas/workbook';
import { Table } from '../../gas/table';
import { StripeApi, StripeApiError, stripeKey } from '../../gas/stripeApi';
import { journal } from '../../gas/journal';
import { installTriggers } from './triggers';
import { bookingCalendarId, initBookingSync } from '../bookings/calendarSync';
import { createDefaultTemplate } from '../../gas/invoiceDocument';
import { createRootFolder, fileById, openFile, openFolder } from '../../gas/drive';
import { forgetConfig } from '../../gas/configCache';
import { forgetToken, newWebhookToken } from '../../gas/webhookGate';
import { webAppUrl } from '../../gas/webAppUrl';
import { installDelivery } from '../delivery/delivery';
import { PROPERTY, readProperty, writeProperty } from '../../gas/scriptProperties';

export interface SetupSummary {
  folderUrl: string;
  templateUrl: string;
  createdTabs: string[];
  addedHeaders: Record<string, string[]>;
  addedSettings: string[];
  /** Keys of the `Modèles` tab written with their default texts. */
  addedTemplates: string[];
  webhookToken: 'generated' | 'kept';
  downloadSecret: 'generated' | 'kept';
  installedTriggers: string[];
  stripeKey: 'ok' | 'missing' | 'invalid' | 'refused';
  stripeMessage: string;
  webhookUrl: string;
  settingsProblems: string[];
}

export function runSetup(): SetupSummary {
  const spreadsheet = Workbook.active().spreadsheet;
  const summary: SetupSummary = {
    folderUrl: '',
    templateUrl: '',
    createdTabs: [],
    addedHeaders: {},
    addedSettings: [],
    addedTemplates: [],
    webhookToken: 'kept',
    downloadSecret: 'kept',
    installedTriggers: [],
    stripeKey: 'ok',
    stripeMessage: '',
    webhookUrl: '',
    settingsProblems: [],
  };
  for (const key of Object.keys(TABS) as TabKey[]) {
    let sheet = spreadsheet.getSheetByName(TABS[key]);
    if (!sheet) {
      sheet = spreadsheet.insertSheet(TABS[key]);
      summary.createdTabs.push(TABS[key]);
    }
    const added = new Table(key, sheet, (h) => h).ensureHeaders();
    if (added.length) {
      if (added.length === HEADERS[key].length) {
        sheet.setFrozenRows(1);
        sheet.getRange(1, 1, 1, added.length).setFontWeight('bold');
        // A new tab's 26-column grid costs 26 of the workbook's 10 million cells a row, whatever it holds.
        if (sheet.getMaxColumns() > added.length) sheet.deleteColumns(added.length + 1, sheet.getMaxColumns() - added.length);
      } else summary.addedHeaders[TABS[key]] = added;
    }
  }
  forgetConfig();
  const book = new Workbook(spreadsheet);
  summary.addedSettings = addMissingSettings(book);
  ensureDocuments(book, summary);
  const delivery = installDelivery(book);
  summary.addedTemplates = delivery.addedTemplates;
  summary.downloadSecret = delivery.downloadSecret;
  if (!readProperty(PROPERTY.webhookToken)) {
    writeProperty(PROPERTY.webhookToken, newWebhookToken());
    summary.webhookToken = 'generated';
  }
  if (!readProperty(PROPERTY.pollCursor)) writeProperty(PROPERTY.pollCursor, String(Math.floor(Date.now() / 1000)));
  initBookingSync(book);
  summary.installedTriggers = installTriggers({ bookingCalendarId: bookingCalendarId(book) });
  checkStripeKey(summary);
  const url = webAppUrl();
  summary.webhookUrl = url ? `${url}?token=${readProperty(PROPERTY.webhookToken)}` : '';
  forgetConfig();
  forgetToken();
  summary.settingsProblems = [...new Workbook(spreadsheet).settingsResult().problems, ...delivery.problems];
  // A run that found everything in place leaves no trace: setup() changes nothing the second time.
  const changed =
    summary.createdTabs.length ||
    Object.keys(summary.addedHeaders).length ||
    summary.addedSettings.length ||
    summary.webhookToken === 'generated' ||
    summary.installedTriggers.length;
  if (changed) journal(book, 'info', book.text.setupDone);
  return summary;
}

function addMissingSettings(book: Workbook): string[] {
  const table = book.table('settings');
  const rows = new Map(table.readAll().map(({ values }) => [asText(values['Paramètre']), values['Valeur']]));
  const added: string[] = [];
  for (const spec of Object.values(SETTINGS)) {
    if (rows.has(spec.label)) continue;
    table.appendOnly({ Paramètre: spec.label, Valeur: migratedValue(book, spec.label, rows) ?? spec.default, Aide: spec.help });
    added.push(spec.label);
  }
  return added;
}

/**
 * A new setting that takes over what an older one held. `Prénom et nom`: before it, `Nom commercial` was
 * the only name and "EI" followed it; its value is copied (not moved: it may really be a trade name, and
 * the invoice prints it only once when both say the same) and the admin is asked to check.
 */
function migratedValue(book: Workbook, label: string, rows: Map<string, unknown>): string | null {
  if (label !== SETTINGS.legalName.label) return null;
  const previous = asText(rows.get(SETTINGS.businessName.label));
  if (!previous) return null;
  journal(book, 'warning', book.text.legalNameMigrated(previous));
  return previous;
}

/** Carnet's Drive folder and the default invoice template, created once; the admin's own template is kept. */
function ensureDocuments(book: Workbook, summary: SetupSummary): void {
  const settings = book.table('settings');
  const setValue = (key: 'folderId' | 'invoiceTemplateId', value: string) => {
    const row = settings.findRow('Paramètre', SETTINGS[key].label);
    if (row) settings.update(row, { Valeur: value });
  };
  let folder = openFolder(book.settings.folderId);
  if (!folder) {
    folder = createRootFolder('Carnet');
    setValue('folderId', folder.getId());
  }
  summary.folderUrl = folder.getUrl();
  let template = openFile(book.settings.invoiceTemplateId);
  if (!template) {
    template = fileById(createDefaultTemplate(folder, book.text.templateLabels));
    setValue('invoiceTemplateId', template.getId());
  }
  summary.templateUrl = template.getUrl();
}

function checkStripeKey(summary: SetupSummary): void {
  const key = stripeKey();
  if (!key) {
    summary.stripeKey = 'missing';
    return;
  }
  if (!isPlausibleKey(key)) {
    summary.stripeKey = 'invalid';
    return;
  }
  try {
    new StripeApi(key).get('/v1/events', { limit: 1 });
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    summary.stripeKey = 'refused';
    summary.stripeMessage = error.message;
  }
}
