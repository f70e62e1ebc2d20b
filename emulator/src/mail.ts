// GmailApp.sendEmail and MailApp.sendEmail over one outbox and one daily recipient quota.
//
// References:
// - developers.google.com/apps-script/reference/mail/mail-app (all sendEmail forms, getRemainingDailyQuota)
// - developers.google.com/apps-script/reference/gmail/gmail-app#sendEmail(String,String,String,Object)
// - developers.google.com/apps-script/guides/services/quotas: 100 recipients/day (consumer), reset
//   "24 hours after the first request"; per message: 50 recipients, 200 KB body, 250 attachments,
//   25 MB attachments.
// - Exact messages as scripts see them (collected in RomainVialard/ErrorHandler, NORMALIZED_ERRORS):
//   "Service invoked too many times for one day: email.", "Invalid email: <address>",
//   "Failed to send email: no recipient", "Limit Exceeded: Email Recipients Per Message.",
//   "Limit Exceeded: Email Body Size.", "Limit Exceeded: Email Total Attachments Size.",
//   "Argument too large: subject", "Invalid argument: <from>" (a `from` that is not an alias).
//
// Test API (Node side, never counted as calls): outbox(), sentTo(email), clearOutbox(),
// setDailyQuota(n), remainingQuota(), setAliases(aliases).
import { EmulatedBlob } from './blob';
import { conforms } from './conformance';
import type { Runtime } from './runtime';

export const DEFAULT_DAILY_QUOTA = 100;
const QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_RECIPIENTS_PER_MESSAGE = 50;
const MAX_BODY_BYTES = 200 * 1024;
const MAX_ATTACHMENTS = 250;
const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const MAX_SUBJECT_CHARS = 250;

export interface SentAttachment {
  name: string | null;
  contentType: string | null;
  bytes: Uint8Array;
}

export interface SentMail {
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string | null;
  from: string;
  name: string | null;
  subject: string;
  body: string;
  htmlBody: string | null;
  attachments: SentAttachment[];
  inlineImages: Record<string, SentAttachment>;
  noReply: boolean;
  sentAt: number;
  via: 'GmailApp' | 'MailApp';
}

/** The options both services accept (GmailAdvancedOptions ∪ MailAdvancedParameters). */
interface MailOptions {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  replyTo?: unknown;
  from?: unknown;
  name?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  attachments?: unknown;
  inlineImages?: unknown;
  noReply?: unknown;
}

interface Draft {
  to: string;
  subject: string;
  body: string;
  options: MailOptions;
}

function mailError(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}

/** A deliberately plain address check: local@domain.tld, no spaces (what Gmail rejects up front). */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/;

/** Splits "a@x.com, Name <b@y.com>" into bare addresses; every entry counts as one recipient. */
export function parseRecipients(list: unknown): string[] {
  if (list === undefined || list === null) return [];
  const out: string[] = [];
  for (const raw of String(list).split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const angle = /<([^>]*)>\s*$/.exec(entry);
    const address = (angle ? angle[1] : entry).trim();
    if (!EMAIL.test(address)) throw mailError(`Invalid email: ${entry}`);
    out.push(address);
  }
  return out;
}

function optionalString(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}

/** Reads a BlobSource without counting the script-facing Blob calls (Gmail reads it server-side). */
function readAttachment(source: unknown): SentAttachment {
  const candidate = source as { getBlob?: () => unknown } | null;
  const blob = candidate && typeof candidate.getBlob === 'function' && !(candidate instanceof EmulatedBlob) ? candidate.getBlob() : source;
  if (blob instanceof EmulatedBlob) {
    return {
      name: (Reflect.get(blob, 'name') as string | null) ?? null,
      contentType: (Reflect.get(blob, 'contentType') as string | null) ?? null,
      bytes: blob.rawBytes(),
    };
  }
  const b = blob as { getBytes?: () => number[]; getName?: () => string | null; getContentType?: () => string | null } | null;
  if (!b || typeof b.getBytes !== 'function') throw mailError('Invalid argument: attachments');
  return {
    name: typeof b.getName === 'function' ? b.getName() : null,
    contentType: typeof b.getContentType === 'function' ? b.getContentType() : null,
    bytes: new Uint8Array(b.getBytes().map((x) => x & 0xff)),
  };
}

export class MailService {
  private sent: SentMail[] = [];
  private dailyQuota = DEFAULT_DAILY_QUOTA;
  private used = 0;
  /** Start of the current 24-hour quota window (set by the first counted recipient), or null. */
  private windowStart: number | null = null;
  private aliases: string[] = [];

  constructor(readonly rt: Runtime) {
    rt.registerState('mail', this);
  }

  globals(): Record<string, unknown> {
    return { GmailApp: new FakeGmailApp(this), MailApp: new FakeMailApp(this) };
  }

  save(): unknown {
    return { sent: this.sent, dailyQuota: this.dailyQuota, used: this.used, windowStart: this.windowStart, aliases: this.aliases };
  }

  load(data: unknown): void {
    if (!data || typeof data !== 'object') return;
    const d = data as { sent: SentMail[]; dailyQuota: number; used: number; windowStart: number | null; aliases?: string[] };
    this.sent = d.sent;
    this.dailyQuota = d.dailyQuota;
    this.used = d.used;
    this.windowStart = d.windowStart;
    this.aliases = d.aliases ?? [];
  }

  // ---- test API -------------------------------------------------------------------------------

  /** Every message sent so far, oldest first (copies). */
  outbox(): SentMail[] {
    return this.sent.map((m) => structuredClone(m));
  }

  /** Messages that reached `email` as to, cc or bcc (case-insensitive). */
  sentTo(email: string): SentMail[] {
    const wanted = email.trim().toLowerCase();
    return this.outbox().filter((m) => [...m.to, ...m.cc, ...m.bcc].some((a) => a.toLowerCase() === wanted));
  }

  clearOutbox(): void {
    this.sent = [];
  }

  /** The daily recipient quota (100 on a consumer account, 1,500 on Workspace). */
  setDailyQuota(n: number): void {
    this.dailyQuota = n;
  }

  remainingQuota(): number {
    this.rollWindow();
    return Math.max(0, this.dailyQuota - this.used);
  }

  /** The addresses GmailApp.getAliases() returns (and `from` accepts). */
  setAliases(aliases: string[]): void {
    this.aliases = [...aliases];
  }

  // ---- shared by GmailApp and MailApp -------------------------------------------------------------

  getAliases(): string[] {
    return [...this.aliases];
  }

  private rollWindow(): void {
    if (this.windowStart !== null && this.rt.clock.now() >= this.windowStart + QUOTA_WINDOW_MS) {
      this.windowStart = null;
      this.used = 0;
    }
  }

  /** Validates, charges the quota and records one message; throws (sending nothing) on any error. */
  send(via: 'GmailApp' | 'MailApp', draft: Draft): void {
    const o = draft.options;
    const to = parseRecipients(draft.to);
    const cc = parseRecipients(o.cc);
    const bcc = parseRecipients(o.bcc);
    const recipients = to.length + cc.length + bcc.length;
    if (recipients === 0) throw mailError('Failed to send email: no recipient');
    if (recipients > MAX_RECIPIENTS_PER_MESSAGE) throw mailError('Limit Exceeded: Email Recipients Per Message.');
    const replyTo = optionalString(o.replyTo);
    if (replyTo !== null && replyTo !== '') parseRecipients(replyTo);
    let from = this.rt.ownerEmail;
    if (via === 'GmailApp' && o.from !== undefined && o.from !== null) {
      const wanted = String(o.from);
      if (wanted.toLowerCase() !== this.rt.ownerEmail.toLowerCase() && !this.aliases.some((a) => a.toLowerCase() === wanted.toLowerCase())) {
        throw mailError(`Invalid argument: ${wanted}`);
      }
      from = wanted;
    }
    if (draft.subject.length > MAX_SUBJECT_CHARS) throw mailError('Argument too large: subject');
    const htmlBody = optionalString(o.htmlBody);
    if (Buffer.byteLength(draft.body) > MAX_BODY_BYTES || (htmlBody !== null && Buffer.byteLength(htmlBody) > MAX_BODY_BYTES)) {
      throw mailError('Limit Exceeded: Email Body Size.');
    }
    const attachmentSources = o.attachments === undefined || o.attachments === null ? [] : o.attachments;
    if (!Array.isArray(attachmentSources)) throw mailError('Invalid argument: attachments');
    if (attachmentSources.length > MAX_ATTACHMENTS) throw mailError('Limit Exceeded: Email Attachments Per Message.');
    const attachments = attachmentSources.map(readAttachment);
    const inlineImages: Record<string, SentAttachment> = {};
    if (o.inlineImages && typeof o.inlineImages === 'object') {
      for (const [key, source] of Object.entries(o.inlineImages as Record<string, unknown>)) inlineImages[key] = readAttachment(source);
    }
    const totalBytes = [...attachments, ...Object.values(inlineImages)].reduce((sum, a) => sum + a.bytes.length, 0);
    if (totalBytes > MAX_ATTACHMENT_BYTES) throw mailError('Limit Exceeded: Email Total Attachments Size.');

    this.rollWindow();
    if (this.used + recipients > this.dailyQuota) throw mailError('Service invoked too many times for one day: email.');
    if (this.windowStart === null) this.windowStart = this.rt.clock.now();
    this.used += recipients;

    this.sent.push({
      to,
      cc,
      bcc,
      replyTo: replyTo || null,
      from,
      name: optionalString(o.name),
      subject: draft.subject,
      body: draft.body,
      htmlBody,
      attachments,
      inlineImages,
      noReply: o.noReply === true,
      sentAt: this.rt.clock.now(),
      via,
    });
  }
}

function asOptions(value: unknown): MailOptions {
  return value && typeof value === 'object' ? (value as MailOptions) : {};
}

/** GmailApp: only the sending part (reading mail is out of Carnet's scope). */
export class FakeGmailApp {
  constructor(private readonly service: MailService) {}

  sendEmail(recipient: string, subject: string, body: string, options?: GoogleAppsScript.Gmail.GmailAdvancedOptions): FakeGmailApp {
    this.service.rt.call('GmailApp', 'sendEmail');
    this.service.send('GmailApp', { to: recipient, subject: String(subject ?? ''), body: String(body ?? ''), options: asOptions(options) });
    return this;
  }

  getAliases(): string[] {
    this.service.rt.call('GmailApp', 'getAliases');
    return this.service.getAliases();
  }
}

/** MailApp: sendEmail in its four documented forms, and the remaining daily quota. */
export class FakeMailApp {
  constructor(private readonly service: MailService) {}

  sendEmail(
    recipientOrMessage: string | GoogleAppsScript.Mail.MailAdvancedParameters,
    subjectOrReplyTo?: string,
    bodyOrSubject?: string,
    optionsOrBody?: string | GoogleAppsScript.Mail.MailAdvancedParameters,
  ): void {
    this.service.rt.call('MailApp', 'sendEmail');
    if (recipientOrMessage && typeof recipientOrMessage === 'object') {
      // sendEmail(message): every field lives in the object.
      const m = recipientOrMessage as MailOptions;
      this.service.send('MailApp', { to: optionalString(m.to) ?? '', subject: String(m.subject ?? ''), body: String(m.body ?? ''), options: m });
      return;
    }
    if (typeof optionsOrBody === 'string') {
      // sendEmail(to, replyTo, subject, body)
      this.service.send('MailApp', {
        to: String(recipientOrMessage ?? ''),
        subject: String(bodyOrSubject ?? ''),
        body: optionsOrBody,
        options: { replyTo: subjectOrReplyTo },
      });
      return;
    }
    this.service.send('MailApp', {
      to: String(recipientOrMessage ?? ''),
      subject: String(subjectOrReplyTo ?? ''),
      body: String(bodyOrSubject ?? ''),
      options: asOptions(optionsOrBody),
    });
  }

  getRemainingDailyQuota(): number {
    this.service.rt.call('MailApp', 'getRemainingDailyQuota');
    return this.service.remainingQuota();
  }
}

conforms<GoogleAppsScript.Gmail.GmailApp, FakeGmailApp, 'sendEmail' | 'getAliases'>(true);
conforms<GoogleAppsScript.Mail.MailApp, FakeMailApp, 'sendEmail' | 'getRemainingDailyQuota'>(true);
