// What a purchase delivers, decided without Apps Script: what each item yields in the client's e-mail,
// whether a product can be delivered at all, whether a download token still opens its file, and the
// {{placeholders}} of the e-mail texts (the `Modèles` tab).
import type { MailParagraph } from './mailBody';
import type { CountWords } from '../i18n/deliveryText';
import type { ProductType } from './schema';
import { asNumber, asText, isDate, isNo } from './values';

/** The largest file a download page carries: base64 makes it ~33.4 MB of page, under Apps Script's 50 MB blob limit. */
export const DOWNLOAD_MAX_BYTES = 25 * 1024 * 1024;

/** Google's page to make a Google account for an existing address, without Gmail (support.google.com/a/answer/6033939). */
export const GOOGLE_ACCOUNT_SIGNUP = 'https://accounts.google.com/signupwithoutgmail';

/** A download token: HMAC-SHA256 (256 bits) in URL-safe base64 without padding. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** What the sheet keeps of a token: SHA-256, lower-case hex. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

// ---------------------------------------------------------------- products

export type DeliveryProblem = 'ebookWithoutFile' | 'formationWithoutAccess' | 'badFile' | null;

/** What is missing for a product to be delivered as `Produits` describes it (lessons never miss anything). */
export function deliveryProblem(product: { type: ProductType | 'libre'; accessLink: string; accessCode: string; file: string }): DeliveryProblem {
  if (product.type === 'ebook') {
    if (!product.file) return 'ebookWithoutFile';
    return driveIdOf(product.file) ? null : 'badFile';
  }
  if (product.type === 'formation') {
    if (product.file && !driveIdOf(product.file)) return 'badFile';
    if (!product.accessLink && !product.accessCode && !product.file) return 'formationWithoutAccess';
  }
  return null;
}

/** The Drive id in a `Fichier` cell: a bare id, or a Drive / Docs URL (…/d/<id>/…, …/folders/<id>, …?id=<id>). */
export function driveIdOf(cell: string): string | null {
  const text = cell.trim();
  if (/^[-\w]{20,}$/.test(text)) return text;
  const match = /\/(?:d|folders)\/([-\w]{20,})/.exec(text) ?? /[?&]id=([-\w]{20,})/.exec(text);
  return match ? match[1] : null;
}

// ---------------------------------------------------------------- download tokens

export type DownloadVerdict = 'ok' | 'unknown' | 'revoked' | 'expired' | 'used';

export interface DownloadRecord {
  count: number;
  /** null: no limit (the admin emptied `Limite`). */
  limit: number | null;
  /** null: never expires (the admin emptied `Expire le`). */
  expiresAt: Date | null;
  revoked: boolean;
  /** A cell the admin typed that cannot be read: the link is refused rather than opened by mistake. */
  unreadable: boolean;
}

/** A `Téléchargements` row as a record (headers as in the schema). */
export function readDownloadRecord(values: Record<string, unknown>): DownloadRecord {
  let unreadable = false;
  const countText = asText(values['Téléchargements']);
  const count = countText === '' ? 0 : asNumber(values['Téléchargements']);
  if (!Number.isInteger(count) || count < 0) unreadable = true;
  const limitText = asText(values['Limite']);
  const limit = limitText === '' ? null : asNumber(values['Limite']);
  if (limit !== null && (!Number.isInteger(limit) || limit < 0)) unreadable = true;
  const expires = values['Expire le'];
  let expiresAt: Date | null = null;
  if (isDate(expires)) expiresAt = expires;
  else if (asText(expires) !== '') unreadable = true;
  const revokedText = asText(values['Révoqué']);
  const revoked = isDate(values['Révoqué']) || (revokedText !== '' && !isNo(revokedText));
  return { count: Number.isInteger(count) ? count : 0, limit, expiresAt, revoked, unreadable };
}

/** May this token open its file now? Revocation first, then time, then the number of downloads. */
export function downloadVerdict(record: DownloadRecord | null, now: Date): DownloadVerdict {
  if (!record) return 'unknown';
  if (record.revoked) return 'revoked';
  if (record.unreadable) return 'unknown';
  if (record.expiresAt && now.getTime() >= record.expiresAt.getTime()) return 'expired';
  if (record.limit !== null && record.count >= record.limit) return 'used';
  return 'ok';
}

/** A link is valid `days` days from the moment it is made. */
export function downloadExpiry(createdAt: Date, days: number): Date {
  return new Date(createdAt.getTime() + days * 24 * 60 * 60 * 1000);
}

/** Java/Apps Script digests are signed bytes: lower-case hex of their unsigned values. */
export function hexOf(bytes: readonly number[]): string {
  return bytes.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
}

/** Standard base64 to URL-safe, without padding (a token is part of a URL). */
export function webSafe(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** One line per download, newest last; the oldest are dropped to stay far below a cell's 50,000 characters. */
export function appendHistory(previous: string, line: string, maxChars = 20000): string {
  const lines = [...previous.split('\n').filter(Boolean), line];
  while (lines.length > 1 && lines.join('\n').length > maxChars) lines.shift();
  return lines.join('\n');
}

/** What an admin passed to revoke a link: the token from the e-mail, its hash from the sheet, or a row number. */
export type RevokeTarget = { kind: 'token'; token: string } | { kind: 'hash'; hash: string } | { kind: 'row'; row: number } | null;

export function parseRevokeTarget(input: unknown): RevokeTarget {
  if (typeof input === 'number') return Number.isInteger(input) && input >= 2 ? { kind: 'row', row: input } : null;
  if (typeof input !== 'string') return null;
  const text = input.trim();
  const fromUrl = /[?&]d=([A-Za-z0-9_-]{43})(?:$|&)/.exec(text);
  if (fromUrl) return { kind: 'token', token: fromUrl[1] };
  if (TOKEN_PATTERN.test(text)) return { kind: 'token', token: text };
  if (HASH_PATTERN.test(text.toLowerCase())) return { kind: 'hash', hash: text.toLowerCase() };
  if (/^\d+$/.test(text) && Number(text) >= 2) return { kind: 'row', row: Number(text) };
  return null;
}

// ---------------------------------------------------------------- e-mail texts

/** Placeholders every text may use, besides its own. */
export const COMMON_VARS = ['nom', 'prenom', 'entreprise', 'email'] as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;

/** Fills {{name}} slots in one pass: a value that itself holds "{{x}}" or "$&" is inserted literally. */
export function fillTemplate(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole));
}

/** The placeholders of `template` that are not allowed for it (each once, in order). */
export function unknownPlaceholders(template: string, allowed: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!allowed.includes(m[1]) && !(COMMON_VARS as readonly string[]).includes(m[1]) && !out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/**
 * What an admin's text holds that Carnet cannot fill, as typed: unknown fields ("{{credit}}") and
 * braces that make no field ("{{numéro}}", "{{numero}", "{numero}}"). Such a text is never sent: it
 * would reach the client with "{{…}}" in it.
 */
export function templateFaults(template: string, allowed: readonly string[]): string[] {
  const faults = unknownPlaceholders(template, allowed).map((name) => `{{${name}}}`);
  const rest = template.replace(PLACEHOLDER, ' ');
  for (const m of rest.matchAll(/\{+[^{}\n]{0,30}\}+|\{\{[^{}\n]{0,30}|[^{}\n]{0,30}\}\}/g)) {
    const fragment = m[0].trim();
    if (!faults.includes(fragment)) faults.push(fragment);
  }
  return faults;
}

/** One delivered line of a purchase, with what Apps Script found out at sending time. */
export interface MailItem {
  type: ProductType;
  name: string;
  /** Lessons: credits granted, their expiry (ISO day), the booking link, the balance after the purchase. */
  credits: number;
  expires: string | null;
  bookingLink: string;
  balanceAfter: number;
  /** Training: access link and code as they were at purchase; the Drive item shared with the client, if it is. */
  accessLink?: string;
  accessCode?: string;
  shared?: { name: string; url: string } | null;
  /** Ebook: the personal link, its end (formatted) and its number of downloads (null: none / no limit). */
  download?: { url: string; until: string | null; limit: number | null } | null;
}

export interface MailContext {
  /** A text of the `Modèles` tab (or its default), filled. */
  t(key: string, vars?: Record<string, string | number>): string;
  /** "21 novembre 2026" from "2026-11-21". */
  formatDay(iso: string): string;
  /** Counted words with their plural ("10 crédits de cours", "1 crédit"). */
  words: CountWords;
  defaultBookingLink: string;
  cancellationHours: number;
  /** The setting « Rendre le crédit en cas d'annulation tardive ». */
  lateCancellationRefunded: boolean;
  email: string;
}

/**
 * What the client receives, in the order of the purchase's types: lessons (credits, expiry, booking
 * link, cancellation), then each training (link, code, shared file), then each ebook (personal link).
 */
export function deliveryParagraphs(items: readonly MailItem[], ctx: MailContext): MailParagraph[] {
  const out: MailParagraph[] = [];
  const lessons = items.filter((i) => i.type === 'cours');
  if (lessons.length) {
    const credits = lessons.reduce((s, i) => s + i.credits, 0);
    const solde = lessons[lessons.length - 1].balanceAfter;
    out.push({ text: ctx.t('cours.credits', { credits, solde, credits_ajoutes: ctx.words.lessonCredits(credits), solde_credits: ctx.words.credits(solde) }) });
    const expiries = lessons
      .map((i) => i.expires)
      .filter((d): d is string => !!d)
      .sort();
    if (expiries.length) out.push({ text: ctx.t('cours.expiration', { date: ctx.formatDay(expiries[0]) }) });
    const link = lessons.map((i) => i.bookingLink).find(Boolean) || ctx.defaultBookingLink;
    if (link) out.push({ text: ctx.t('cours.reservation'), link });
    out.push({ text: ctx.t('cours.email', { email: ctx.email }) });
    out.push({ text: ctx.lateCancellationRefunded ? ctx.t('cours.annulation.souple') : ctx.t('cours.annulation', { heures: ctx.cancellationHours }) });
  }
  for (const item of items.filter((i) => i.type === 'formation')) {
    const produit = item.name;
    if (!item.accessLink && !item.accessCode && !item.shared) {
      out.push({ text: ctx.t('formation.attente', { produit }) });
      continue;
    }
    out.push({ text: ctx.t('formation.acces', { produit }), ...(item.accessLink ? { link: item.accessLink } : {}) });
    if (item.accessCode) out.push({ text: ctx.t('formation.code', { code: item.accessCode, produit }) });
    if (item.shared) {
      out.push({ text: ctx.t('formation.partage', { fichier: item.shared.name, email: ctx.email, produit }), link: item.shared.url });
      // Drive opens it only for a Google account at this address; whether the address is one, Carnet cannot know: the way to make one, always.
      out.push({ text: ctx.t('formation.compte', { email: ctx.email, produit }), link: GOOGLE_ACCOUNT_SIGNUP });
    }
  }
  for (const item of items.filter((i) => i.type === 'ebook')) {
    if (!item.download) continue;
    const { url, until, limit } = item.download;
    out.push({
      text: ctx.t('ebook.lien', { produit: item.name, date: until ?? '—', limite: limit ?? '∞', telechargements: ctx.words.downloads(limit) }),
      link: url,
    });
  }
  return out;
}
