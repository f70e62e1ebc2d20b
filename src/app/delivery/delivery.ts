// Delivering what was bought, in the invoice e-mail: lessons (credits, booking, cancellation), trainings
// (access link and code, Drive file shared with the client) and ebooks (a personal download link).
// At payment: what each line yields (frozen with the invoice) and the plan steps (download rows,
// Drive sharing). At sending: the e-mail, from the texts of the `Modèles` tab or their defaults.
import { webAppUrl } from '../../gas/webAppUrl';
import type { Product } from '../../domain/catalogue';
import type { Purchase } from '../../domain/purchase';
import type { Step } from '../../domain/plan';
import type { InvoiceModel } from '../../domain/invoice';
import { firstName, tidyGreeting, type MailParagraph } from '../../domain/mailBody';
import {
  COMMON_VARS,
  deliveryParagraphs,
  deliveryProblem,
  downloadExpiry,
  driveIdOf,
  fillTemplate,
  readDownloadRecord,
  templateFaults,
  type MailItem,
} from '../../domain/delivery';
import { formatDateLong, parseIsoDate } from '../../domain/localDate';
import { formatEuros } from '../../domain/money';
import { ProblemError } from '../../domain/problem';
import { senderName } from '../../domain/settings';
import { asText } from '../../domain/values';
import { COUNT_WORDS, MAIL_TEMPLATES, deliveryText, type MailTemplate, type TemplateKey } from '../../i18n/deliveryText';
import type { Workbook } from '../../gas/workbook';
import { formatMoment, now } from '../../gas/clock';
import { journal } from '../../gas/journal';
import { cachedTemplates, forgetTemplates } from '../../gas/configCache';
import { firstIn6Hours } from '../../gas/once';
import { downloadSecret, downloadToken, tokenHash } from '../../gas/deliverySteps';
import { canRead, openDriveItem } from '../../gas/drive';
import type { DeliveryItem, RefundSummary } from '../documents/invoicing';

// ---------------------------------------------------------------- at payment

/** What one purchased line adds to its frozen `DeliveryItem` (never the token: it is derived again when sending). */
export function deliveryFields(product: Product, session: string, line: number): Partial<DeliveryItem> {
  // A free amount delivers nothing: the invoice alone names it.
  if (product.type === 'libre') return {};
  const base = { type: product.type, name: product.name };
  if (product.type === 'formation') return { ...base, accessLink: product.accessLink, accessCode: product.accessCode, file: driveIdOf(product.file) ?? '' };
  if (product.type === 'ebook') return { ...base, session, line };
  return base;
}

/** The plan steps of a purchase's trainings (Drive sharing) and ebooks (one download row each, keyed by the token's hash). */
export function deliverySteps(book: Workbook, purchase: Purchase): Step[] {
  const steps: Step[] = [];
  const settings = book.settings;
  const text = deliveryText(settings.locale);
  let secret: string | undefined;
  purchase.lines.forEach((line, index) => {
    const product = line.product;
    // The payment and its invoice never wait for a product detail: the admin is told what to complete.
    const problem = deliveryProblem(product);
    if (problem) journal(book, 'warning', problem === 'badFile' ? text.badFile(product.code, product.file) : text[problem](product.code, purchase.email));
    const fileId = driveIdOf(product.file);
    if (product.type === 'formation' && fileId) steps.push({ kind: 'grantViewer', fileId, email: purchase.email, product: product.code });
    if (product.type !== 'ebook') return;
    // One Properties read per purchase, not one per ebook.
    secret ??= downloadSecret(true) as string;
    const created = now();
    steps.push({
      kind: 'append',
      tab: 'downloads',
      key: tokenHash(downloadToken(secret, purchase.sessionId, index)),
      record: {
        'E-mail': purchase.email,
        Produit: product.code,
        Fichier: fileId ?? '',
        'Session Stripe': purchase.sessionId,
        'Créé le': created,
        'Expire le': downloadExpiry(created, settings.downloadValidityDays),
        Téléchargements: 0,
        Limite: settings.downloadLimit,
        Révoqué: '',
      },
    });
  });
  return steps;
}

// ---------------------------------------------------------------- at sending

export interface DocumentMail {
  subject: string;
  paragraphs: MailParagraph[];
}

/**
 * The e-mail of an issued invoice or credit note. Throws a ProblemError when it cannot be sent yet (an
 * ebook link without a deployed web app): the invoice then waits, and the backstop sends it later.
 */
export function documentMail(book: Workbook, model: InvoiceModel, items: readonly DeliveryItem[], refund: RefundSummary | null = null): DocumentMail {
  const settings = book.settings;
  const business = senderName(settings);
  const email = model.client.email;
  const words = COUNT_WORDS[model.locale];
  const t = templates(book, { nom: model.client.name, prenom: firstName(model.client.name), entreprise: business, email });
  const amount = formatEuros(Math.abs(model.totals.totalTtcCents), model.locale);
  const isInvoice = model.kind === 'invoice';
  const paragraphs: MailParagraph[] = [{ text: tidyGreeting(t('bonjour')) }];
  const cancelling = items.find((i) => i.cancelsCreditNote);
  if (isInvoice && cancelling) {
    paragraphs.push({ text: t('facture.annulation', { numero: model.number, montant: amount, avoir: cancelling.cancelsCreditNote ?? '' }) });
    if (cancelling.restoredAccess?.length) paragraphs.push({ text: t('facture.retablissement', { acces: cancelling.restoredAccess.join(', ') }) });
  } else if (isInvoice) {
    paragraphs.push({ text: t('facture.merci', { numero: model.number, montant: amount }) });
    paragraphs.push(
      ...deliveryParagraphs(mailItems(book, items, email), {
        t,
        formatDay: (iso) => formatDateLong(parseIsoDate(iso), settings.locale),
        words,
        defaultBookingLink: settings.bookingLink,
        cancellationHours: settings.cancellationHours,
        lateCancellationRefunded: settings.refundLateCancellation,
        email,
      }),
    );
  } else {
    const annulation = model.cancelsInFull === null ? words.cancelsAllOrPart : model.cancelsInFull ? words.cancelsAll : words.cancelsPart;
    paragraphs.push({
      text: t('avoir.intro', {
        numero: model.number,
        montant: amount,
        facture: model.citedInvoice ?? '',
        date_facture: model.citedInvoiceDate ? formatDateLong(model.citedInvoiceDate, model.locale) : '—',
        annulation,
      }),
    });
    if (refund && refund.creditsRemoved > 0) {
      paragraphs.push({
        text: t('avoir.credits', {
          credits: refund.creditsRemoved,
          solde: refund.balanceAfter,
          credits_retires: words.lessonCredits(refund.creditsRemoved),
          solde_credits: words.credits(refund.balanceAfter),
        }),
      });
    }
    const withdrawn = items.filter((i) => i.withdrawn).map((i) => i.name ?? i.code);
    if (withdrawn.length) paragraphs.push({ text: t('avoir.retrait', { acces: withdrawn.join(', ') }) });
    paragraphs.push({ text: t('avoir.delai') });
  }
  paragraphs.push({ text: t('signature') });
  return { subject: t(isInvoice ? 'objet.facture' : 'objet.avoir', { numero: model.number }), paragraphs };
}

/** The frozen items with what Drive and the `Téléchargements` tab say now. */
function mailItems(book: Workbook, items: readonly DeliveryItem[], email: string): MailItem[] {
  const out: MailItem[] = [];
  for (const item of items) {
    // Items frozen before trainings and ebooks were delivered carry no type: only lessons said anything.
    const type = item.type ?? (item.credits > 0 ? 'cours' : null);
    if (!type) continue;
    const mail: MailItem = {
      type,
      name: item.name ?? item.code,
      credits: item.credits,
      expires: item.expires,
      bookingLink: item.bookingLink,
      balanceAfter: item.balanceAfter,
    };
    if (type === 'formation') {
      mail.accessLink = item.accessLink ?? '';
      mail.accessCode = item.accessCode ?? '';
      mail.shared = item.file ? sharedWith(item.file, email) : null;
    }
    if (type === 'ebook' && item.session !== undefined && item.line !== undefined) mail.download = downloadLink(book, item.session, item.line);
    out.push(mail);
  }
  return out;
}

/** The training's Drive item, when the client can open it (a refused share falls back to link and code). */
function sharedWith(fileId: string, email: string): { name: string; url: string } | null {
  const item = openDriveItem(fileId);
  if (!item) return null;
  try {
    return canRead(item, email) ? { name: item.getName(), url: item.getUrl() } : null;
  } catch {
    return null;
  }
}

function downloadLink(book: Workbook, session: string, line: number): MailItem['download'] {
  const secret = downloadSecret(false);
  if (!secret) return null;
  const url = webAppUrl();
  if (!url) throw new ProblemError(deliveryText(book.settings.locale).noWebApp);
  const token = downloadToken(secret, session, line);
  const downloads = book.table('downloads');
  const row = downloads.findRow('Jeton (empreinte)', tokenHash(token));
  const record = row ? readDownloadRecord(downloads.read(row)) : null;
  const locale = book.settings.locale;
  return {
    url: `${url}?d=${token}`,
    until: record?.expiresAt ? formatMoment(record.expiresAt, locale) : null,
    limit: record ? record.limit : book.settings.downloadLimit,
  };
}

// ---------------------------------------------------------------- the `Modèles` tab

type Render = (key: string, vars?: Record<string, string | number>) => string;

/** The admin's texts for the current language, each checked; a text with an unknown {{field}} is replaced by its default. */
export function templateTexts(book: Workbook): { texts: Record<TemplateKey, string>; problems: string[] } {
  const locale = book.settings.locale;
  const text = deliveryText(locale);
  const texts = {} as Record<TemplateKey, string>;
  for (const key of Object.keys(MAIL_TEMPLATES) as TemplateKey[]) texts[key] = MAIL_TEMPLATES[key][locale];
  const problems: string[] = [];
  // From the script cache for 10 minutes; an edit of the tab forgets it (onEdit).
  const block = cachedTemplates(() => book.block('templates') ?? []);
  const headers = (block[0] ?? []).map((h) => String(h).trim());
  const keyColumn = headers.indexOf('Clé');
  const textColumn = headers.indexOf(locale === 'en' ? 'English' : 'Français');
  if (keyColumn < 0 || textColumn < 0) return { texts, problems };
  for (const cells of block.slice(1)) {
    const key = asText(cells[keyColumn]) as TemplateKey;
    if (!Object.prototype.hasOwnProperty.call(MAIL_TEMPLATES, key)) continue;
    const own = String(cells[textColumn] ?? '').trim();
    if (!own) continue;
    const faults = templateFaults(own, MAIL_TEMPLATES[key].vars);
    if (faults.length) problems.push(text.templateProblem(key, faults.map((f) => `« ${f} »`).join(', ')));
    else texts[key] = own;
  }
  return { texts, problems };
}

function templates(book: Workbook, common: Record<(typeof COMMON_VARS)[number], string>): Render {
  const { texts, problems } = templateTexts(book);
  for (const problem of problems) journalOnce(book, problem);
  return (key, vars = {}) => fillTemplate(texts[key as TemplateKey] ?? key, { ...common, ...vars });
}

/** One journal line per distinct problem every 6 hours, not one per e-mail. */
function journalOnce(book: Workbook, message: string): void {
  if (firstIn6Hours('note', message)) journal(book, 'warning', message);
}

// ---------------------------------------------------------------- setup

export interface DeliverySetup {
  addedTemplates: string[];
  downloadSecret: 'generated' | 'kept';
  problems: string[];
}

/** setup(): the download secret and the `Modèles` rows that are missing (the admin's own texts are kept). */
export function installDelivery(book: Workbook): DeliverySetup {
  const hadSecret = !!downloadSecret(false);
  downloadSecret(true);
  const table = book.table('templates');
  const rows = table.readAll();
  const present = new Set(rows.map(({ values }) => asText(values['Clé'])));
  // A text still as Carnet once wrote it by default takes the better default; a text the admin wrote is kept.
  for (const { row, values } of rows) {
    const spec: MailTemplate | undefined = (MAIL_TEMPLATES as Record<string, MailTemplate>)[asText(values['Clé'])];
    if (!spec?.previous) continue;
    const update: Record<string, string> = {};
    if (spec.previous.includes(String(values['Français'] ?? '').trim())) update['Français'] = spec.fr;
    if (spec.previous.includes(String(values['English'] ?? '').trim())) update['English'] = spec.en;
    if (Object.keys(update).length) table.update(row, update);
  }
  const added: string[] = [];
  for (const key of Object.keys(MAIL_TEMPLATES) as TemplateKey[]) {
    if (present.has(key)) continue;
    const spec = MAIL_TEMPLATES[key];
    const fields = [...spec.vars, ...COMMON_VARS.filter((v) => !(spec.vars as readonly string[]).includes(v))].map((v) => `{{${v}}}`).join(', ');
    table.appendOnly({ Clé: key, Français: spec.fr, English: spec.en, Aide: `${spec.help} Champs : ${fields}. Vide : texte par défaut.` });
    added.push(key);
  }
  // The tab may have changed: the check below (and the next e-mail) read it again.
  forgetTemplates();
  return { addedTemplates: added, downloadSecret: hadSecret ? 'kept' : 'generated', problems: templateTexts(book).problems };
}
