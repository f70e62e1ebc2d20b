// The health check: one line per thing that must be right for Carnet to work, green, orange or red,
// each with what to do about it.
import type { HealthLine } from '../../../ui/contract';
import { HEADERS, TABS, type TabKey } from '../../../domain/schema';
import { isLiveKey, isPlausibleKey } from '../../../domain/stripe';
import { SETTINGS, type Settings } from '../../../domain/settings';
import { cockpitText } from '../../../i18n/cockpitText';
import { StripeApi, StripeApiError, stripeKey } from '../../../gas/stripeApi';
import { Workbook } from '../../../gas/workbook';
import { openFile, openFolder } from '../../../gas/drive';
import { formatMoment, now } from '../../../gas/clock';
import { TRIGGERS } from '../triggers';
import { endpointUpToDate, findEndpoint, webhookUrl } from './wizard';
import { adminLocale } from './ui';
import { PROPERTY, readProperty } from '../../../gas/scriptProperties';
import { projectTriggers } from '../../../gas/triggers';
import { remainingMailQuota } from '../../../gas/mail';

const MINUTE_MS = 60 * 1000;

export function healthCheck(): HealthLine[] {
  const locale = adminLocale();
  const h = cockpitText(locale).health;
  const lines: HealthLine[] = [];
  const line = (level: HealthLine['level'], label: string, detail: string, fix = '') => lines.push({ level, label, detail, fix: level === 'ok' ? '' : fix });

  // Stripe key, checked with one read.
  const key = stripeKey();
  let api: StripeApi | null = null;
  if (!key) line('error', h.key, h.keyMissing, h.keyMissingFix);
  else if (!isPlausibleKey(key)) line('error', h.key, h.keyRefused('format'), h.keyRefusedFix);
  else {
    try {
      const checked = new StripeApi(key);
      checked.get('/v1/events', { limit: 1 });
      api = checked;
      line('ok', h.key, h.keyOk(isLiveKey(key) ? h.modeLive : h.modeTest));
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      line('error', h.key, h.keyRefused(error.message), h.keyRefusedFix);
    }
  }

  // Web app and its Stripe endpoint.
  const url = webhookUrl();
  if (!url) line('warning', h.webapp, h.webappMissing, h.webappFix);
  else {
    line('ok', h.webapp, h.webappOk);
    if (api) {
      try {
        const endpoint = findEndpoint(api, url);
        if (!endpoint) line('warning', h.webhook, h.webhookMissing, h.webhookMissingFix);
        else if (endpoint.status !== 'enabled') line('error', h.webhook, h.webhookDisabled(endpoint.id), h.webhookDisabledFix);
        else if (!endpointUpToDate(endpoint, url)) line('warning', h.webhook, h.webhookStale(endpoint.id), h.webhookDisabledFix);
        else line('ok', h.webhook, h.webhookOk(endpoint.id));
      } catch (error) {
        if (!(error instanceof StripeApiError)) throw error;
        line('warning', h.webhook, h.webhookUnknown(error.message), h.webhookMissingFix);
      }
    }
  }

  // The backstop: it runs every 10 minutes.
  const last = Number(readProperty(PROPERTY.lastBackstop));
  if (!last) line('warning', h.polled, h.polledNever, h.polledFix);
  else {
    const age = now().getTime() - last;
    const when = formatMoment(new Date(last), locale);
    line(
      age <= 30 * MINUTE_MS ? 'ok' : age <= 120 * MINUTE_MS ? 'warning' : 'error',
      h.polled,
      age <= 30 * MINUTE_MS ? h.polledOk(when) : h.polledLate(when),
      h.polledFix,
    );
  }

  // Triggers: each present once.
  const handlers = projectTriggers().map((t) => t.getHandlerFunction());
  const missing = TRIGGERS.map((t) => t.handler).filter((name) => !handlers.includes(name));
  const duplicated = TRIGGERS.map((t) => t.handler).filter((name) => handlers.filter((x) => x === name).length > 1);
  if (missing.length) line('error', h.triggers, h.triggersMissing(missing.join(', ')), h.triggersFix);
  else if (duplicated.length) line('warning', h.triggers, h.triggersDuplicated(duplicated.join(', ')), h.duplicatesFix);
  else line('ok', h.triggers, h.triggersOk(handlers.length));

  // Tabs and their headers, then what depends on them.
  const spreadsheet = Workbook.active().spreadsheet;
  const problems: string[] = [];
  const text = Workbook.active().text;
  for (const tabKey of Object.keys(TABS) as TabKey[]) {
    const sheet = spreadsheet.getSheetByName(TABS[tabKey]);
    if (!sheet) {
      problems.push(text.missingTab(TABS[tabKey]));
      continue;
    }
    const present = new Set(
      sheet
        .getRange('1:1')
        .getValues()[0]
        .map((v) => String(v).trim()),
    );
    for (const header of HEADERS[tabKey]) if (!present.has(header)) problems.push(text.missingHeader(TABS[tabKey], header));
  }
  if (problems.length) line('error', h.tabs, problems.slice(0, 3).join(' '), h.tabsFix);
  else line('ok', h.tabs, h.tabsOk);

  const book = Workbook.active();
  const { settings, problems: settingProblems } = book.settingsResult();
  const docs: string[] = [];
  if (!openFolder(settings.folderId)) docs.push(h.folderMissing);
  if (!openFile(settings.invoiceTemplateId)) docs.push(h.templateMissing);
  if (docs.length) line('error', h.documents, docs.join(', '), h.documentsFix);
  else line('ok', h.documents, h.documentsOk);

  const labels = cockpitRequiredSettings(settings);
  if (labels.length || settingProblems.length)
    line(
      labels.length ? 'error' : 'warning',
      h.settings,
      [labels.length ? h.settingsMissing(labels.join(', ')) : '', ...settingProblems].filter(Boolean).join(' '),
      h.settingsFix,
    );
  else line('ok', h.settings, h.settingsOk);

  const quota = remainingMailQuota();
  line(quota > 10 ? 'ok' : quota > 0 ? 'warning' : 'error', h.quota, h.quotaLeft(quota), h.quotaFix);
  return lines;
}

/** The settings an invoice cannot do without, by their labels in `Paramètres`. */
function cockpitRequiredSettings(settings: Pick<Settings, 'legalName' | 'businessAddress' | 'siret' | 'businessEmail'>): string[] {
  const required = ['legalName', 'businessAddress', 'siret', 'businessEmail'] as const;
  return required.filter((key) => !settings[key]).map((key) => SETTINGS[key].label);
}
