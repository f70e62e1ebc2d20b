// The setup wizard's server side: the Stripe key (checked with Stripe before it is stored), the
// business identity and options (only what changed is written), setup(), and the Stripe webhook
// endpoint registered or updated through the API with exactly the event types Carnet handles.
import type { Done, SetupDone, WizardSettings, WizardState } from '../../../ui/contract';
import { SETTINGS, type SettingKey } from '../../../domain/settings';
import { HANDLED_EVENT_TYPES, isLiveKey, isPlausibleKey } from '../../../domain/stripe';
import { isValidEmail } from '../../../domain/email';
import { ProblemError } from '../../../domain/problem';
import { asText } from '../../../domain/values';
import { safeCell } from '../../../domain/sheetText';
import { cockpitText, type CockpitServerText } from '../../../i18n/cockpitText';
import { StripeApi, StripeApiError, stripeKey } from '../../../gas/stripeApi';
import { Workbook } from '../../../gas/workbook';
import { forgetConfig } from '../../../gas/configCache';
import { md5Hex } from '../../../gas/digest';
import { journal } from '../../../gas/journal';
import { describeSetup } from '../menu';
import { runSetup } from '../setup';
import { saveWebAppUrl, webAppUrl } from '../../../gas/webAppUrl';
import { adminLocale } from './ui';
import { PROPERTY, readProperty, writeProperty } from '../../../gas/scriptProperties';

export const WIZARD_FIELDS: ReadonlyArray<keyof WizardSettings & SettingKey> = [
  'legalName',
  'businessName',
  'businessAddress',
  'siret',
  'businessEmail',
  'vatMode',
  'invoicePrefix',
  'creditNotePrefix',
  'adminEmail',
  'bookingCalendar',
  'scheduleName',
];

export interface StripeEndpoint {
  id: string;
  url: string;
  status: string;
  enabled_events: string[];
}

/** `sk_test_••••abcd`: the mode and the last four characters, as Stripe's dashboard shows a key. */
export function maskKey(key: string): string {
  const prefix = /^(sk|rk)_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}••••${key.slice(-4)}`;
}

function text(): CockpitServerText {
  return cockpitText(adminLocale());
}

/** The settings rows of the wizard's fields (label → row and value); empty before setup. */
function settingRows(): Map<string, { row: number; value: string }> {
  const map = new Map<string, { row: number; value: string }>();
  const sheet = Workbook.active().spreadsheet.getSheetByName('Paramètres');
  if (!sheet) return map;
  for (const { row, values } of Workbook.active().table('settings').readAll()) map.set(asText(values['Paramètre']), { row, value: asText(values['Valeur']) });
  return map;
}

/** The web app's URL with the webhook token, or '' before the first deployment (or before setup made the token). */
export function webhookUrl(): string {
  const base = webAppUrl();
  const token = readProperty(PROPERTY.webhookToken);
  return base && token ? `${base}?token=${token}` : '';
}

/** Carnet's endpoint in Stripe: the one whose URL is this web app's (whatever its token). */
export function findEndpoint(api: StripeApi, url: string): StripeEndpoint | null {
  const base = url.split('?')[0];
  let startingAfter: string | undefined;
  for (let page = 0; page < 10; page++) {
    const list = api.get<{ data: StripeEndpoint[]; has_more: boolean }>('/v1/webhook_endpoints', {
      limit: 100,
      ...(startingAfter ? { starting_after: startingAfter } : {}),
    });
    const found = list.data.find((e) => e.url.split('?')[0] === base);
    if (found) return found;
    if (!list.has_more || list.data.length === 0) return null;
    startingAfter = list.data[list.data.length - 1].id;
  }
  return null;
}

export function endpointUpToDate(endpoint: StripeEndpoint, url: string): boolean {
  const wanted = [...HANDLED_EVENT_TYPES].sort().join(',');
  return endpoint.url === url && endpoint.status === 'enabled' && [...endpoint.enabled_events].sort().join(',') === wanted;
}

export function wizardState(): WizardState {
  const key = stripeKey();
  const rows = settingRows();
  const settings = {} as WizardSettings;
  for (const field of WIZARD_FIELDS) settings[field] = rows.get(SETTINGS[field].label)?.value ?? asText(SETTINGS[field].default);
  const url = webhookUrl();
  let endpoint: WizardState['endpoint'] = null;
  if (key && url) {
    try {
      const found = findEndpoint(new StripeApi(key), url);
      if (found) endpoint = { id: found.id, status: found.status, upToDate: endpointUpToDate(found, url) };
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
    }
  }
  return {
    maskedKey: key ? maskKey(key) : '',
    mode: key ? (isLiveKey(key) ? 'live' : 'test') : null,
    settings,
    webhookUrl: url,
    webAppUrl: webAppUrl(),
    endpoint,
    events: [...HANDLED_EVENT_TYPES],
  };
}

/** Checks the key with Stripe (one read), then stores it in Script Properties. A refused key is not stored. */
export function saveStripeKey(raw: string): WizardState {
  const t = text();
  const key = String(raw ?? '').trim();
  if (!isPlausibleKey(key)) throw new ProblemError(t.keyInvalid);
  try {
    new StripeApi(key).get('/v1/events', { limit: 1 });
  } catch (error) {
    if (error instanceof StripeApiError) throw new ProblemError(t.keyRefused(error.message));
    throw error;
  }
  writeProperty(PROPERTY.stripeKey, key);
  return wizardState();
}

/** The deployed /exec address pasted by the admin (a /dev one is refused): the webhook URL, return pages and ebook links use it. */
export function saveWebApp(raw: string): WizardState {
  const t = text();
  saveWebAppUrl(String(raw ?? ''), { dev: t.webAppUrlDev, invalid: t.webAppUrlInvalid });
  return wizardState();
}

/** Writes the wizard's fields that changed, after checking them all: one bad value, nothing written. */
export function saveSettings(values: WizardSettings): Done {
  const t = text();
  const rows = settingRows();
  if (rows.size === 0) throw new ProblemError(Workbook.active().text.missingTab('Paramètres'));
  const changes: Array<{ row: number; label: string; value: string }> = [];
  for (const field of WIZARD_FIELDS) {
    const spec = SETTINGS[field];
    const value = String((values as unknown as Record<string, unknown>)?.[field] ?? '').trim();
    if (field === 'siret' && value && !/^(\d{9}|\d{14})$/.test(value.replace(/\s/g, ''))) throw new ProblemError(t.siretBad);
    if ((field === 'businessEmail' || field === 'adminEmail') && value && !isValidEmail(value.toLowerCase())) throw new ProblemError(t.emailBad(spec.label));
    try {
      spec.parse(value);
    } catch (error) {
      throw new ProblemError((error as Error).message);
    }
    const current = rows.get(spec.label);
    if (current && current.value !== value) changes.push({ row: current.row, label: spec.label, value });
  }
  if (changes.length) writeValues(changes);
  if (changes.length) forgetConfig();
  return { message: t.settingsSaved(changes.map((c) => c.label).join(', ')) };
}

/**
 * Writes the changed `Valeur` cells in one setValues (all or nothing) over the rows from the first change
 * to the last: the cells between them are written back as they are, a formula as its formula.
 */
function writeValues(changes: ReadonlyArray<{ row: number; value: string }>): void {
  const book = Workbook.active();
  const sheet = book.spreadsheet.getSheetByName('Paramètres');
  if (!sheet) throw new ProblemError(book.text.missingTab('Paramètres'));
  const first = Math.min(...changes.map((c) => c.row));
  const last = Math.max(...changes.map((c) => c.row));
  const range = sheet.getRange(first, book.table('settings').column('Valeur'), last - first + 1, 1);
  const formulas = range.getFormulas();
  const cells: unknown[][] = range.getValues().map((cell, i) => [formulas[i][0] || cell[0]]);
  for (const change of changes) cells[change.row - first] = [safeCell(change.value)];
  range.setValues(cells);
}

export function setupFromWizard(): SetupDone {
  const summary = runSetup();
  return { lines: describeSetup(summary, Workbook.active().text).split('\n') };
}

/** Registers the web app in Stripe, or updates Carnet's endpoint (URL, token, events, enabled) instead of adding a second one. */
export function registerWebhook(): Done {
  const t = text();
  const key = stripeKey();
  if (!key) throw new ProblemError(t.noKeyYet);
  const url = webhookUrl();
  if (!url) throw new ProblemError(t.notDeployed);
  const api = new StripeApi(key);
  const events = [...HANDLED_EVENT_TYPES];
  try {
    const existing = findEndpoint(api, url);
    if (existing && endpointUpToDate(existing, url)) return { message: t.webhookKept(existing.id) };
    const book = Workbook.active();
    if (existing) {
      const params = { url, enabled_events: events, disabled: false };
      api.post(`/v1/webhook_endpoints/${existing.id}`, params, `carnet-webhook-update-${md5Hex(`${existing.id}|${JSON.stringify(params)}`)}`);
      journal(book, 'info', t.webhookUpdated(existing.id));
      return { message: t.webhookUpdated(existing.id) };
    }
    const created = api.post<StripeEndpoint>('/v1/webhook_endpoints', { url, enabled_events: events, description: 'Carnet' }, `carnet-webhook-${md5Hex(url)}`);
    journal(book, 'info', t.webhookCreated(created.id));
    return { message: t.webhookCreated(created.id) };
  } catch (error) {
    if (error instanceof StripeApiError) throw new ProblemError(t.webhookStripe(error.message));
    throw error;
  }
}
