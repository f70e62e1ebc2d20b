// Every e-mail Carnet sends (except invoices and credit notes, which wait in `Factures`) is first a
// row of the `Envois` tab, then sent by priority while the daily recipient quota allows: nothing is
// lost to the quota, the morning's reminders cannot spend what the day's bookings need, and the
// admin's alerts leave as one digest.
import type { MailParagraph } from './mailBody';

/** 1 goes first. Invoices (in `Factures`) are sent before any of these, by the documents run. */
export const MAIL_PRIORITY = {
  /** The admin's alerts, sent together as one digest. */
  alert: 1,
  /** What a client is waiting for: booking confirmed or cancelled, balance at zero, a payment request. */
  confirmation: 2,
  /** What can wait for tomorrow: credits about to expire, payment reminders, low balance. */
  reminder: 3,
} as const;

export type MailPriority = (typeof MAIL_PRIORITY)[keyof typeof MAIL_PRIORITY];

/**
 * Recipients of the daily quota kept for higher priorities: a confirmation leaves only while more
 * than 5 remain (the day's invoices and alerts), a reminder while more than 25 remain (a day of
 * bookings). On a consumer account (100 a day) reminders use at most 75.
 */
export const QUOTA_RESERVE: Record<MailPriority, number> = { 1: 0, 2: 5, 3: 25 };

export interface QueuedMail {
  /** Its row in `Envois`. */
  row: number;
  priority: MailPriority;
  to: string;
  subject: string;
  paragraphs: MailParagraph[];
  queuedAt: Date;
}

/** A message to send now: a client e-mail, or the admin's digest of several alerts (one recipient). */
export interface OutgoingMail {
  rows: number[];
  to: string;
  subject: string;
  paragraphs: MailParagraph[];
}

export interface DigestText {
  /** The subject of a digest: the first alert's subject and how many others follow (one or more). */
  digestSubject(first: string, others: number): string;
  digestIntro(count: number): string;
}

/**
 * What to send now with `remaining` recipients left today: alerts first (all pending alerts to one
 * address become one message), then confirmations, then reminders, oldest first within a priority,
 * each only while the quota left after it stays above its priority's reserve. At most `limit` messages.
 */
export function chooseMails(queue: readonly QueuedMail[], remaining: number, text: DigestText, limit = Infinity): OutgoingMail[] {
  const ordered = [...queue].sort((a, b) => a.priority - b.priority || a.queuedAt.getTime() - b.queuedAt.getTime() || a.row - b.row);
  const out: OutgoingMail[] = [];
  let left = remaining;
  const alerts = new Map<string, QueuedMail[]>();
  for (const mail of ordered) if (mail.priority === MAIL_PRIORITY.alert) alerts.set(mail.to, [...(alerts.get(mail.to) ?? []), mail]);
  for (const [to, group] of alerts) {
    if (left - 1 < QUOTA_RESERVE[MAIL_PRIORITY.alert] || out.length >= limit) return out;
    out.push(group.length === 1 ? single(group[0]) : digest(to, group, text));
    left -= 1;
  }
  for (const mail of ordered) {
    if (mail.priority === MAIL_PRIORITY.alert) continue;
    if (out.length >= limit) break;
    // A lower priority never overtakes a higher one that is waiting for the quota.
    if (left - 1 < QUOTA_RESERVE[mail.priority]) break;
    out.push(single(mail));
    left -= 1;
  }
  return out;
}

function single(mail: QueuedMail): OutgoingMail {
  return { rows: [mail.row], to: mail.to, subject: mail.subject, paragraphs: mail.paragraphs };
}

function digest(to: string, group: readonly QueuedMail[], text: DigestText): OutgoingMail {
  const paragraphs: MailParagraph[] = [{ text: text.digestIntro(group.length) }];
  group.forEach((mail, i) => {
    paragraphs.push({ text: `${i + 1}. ${mail.subject}` });
    paragraphs.push(...alertBody(mail.paragraphs));
  });
  paragraphs.push({ text: SIGNATURE });
  return { rows: group.map((m) => m.row), to, subject: text.digestSubject(group[0].subject, group.length - 1), paragraphs };
}

/** Every alert is signed by Carnet; in a digest the signature comes once, at the end. */
const SIGNATURE = 'Carnet';

/** An alert's paragraphs without its own greeting ("Bonjour," / "Hello,") and signature, which the digest says once. */
function alertBody(paragraphs: readonly MailParagraph[]): MailParagraph[] {
  const body = [...paragraphs];
  if (body.length > 1 && !body[0].link && /^\S{2,12},$/.test(body[0].text.trim())) body.shift();
  if (body.length > 1 && !body[body.length - 1].link && body[body.length - 1].text.trim() === SIGNATURE) body.pop();
  return body;
}

/** MailApp's words when the day's recipients are used up: the message waits, it is not in error. */
export function isQuotaError(message: string): boolean {
  return /too many times for one day: email|Service invoked too many times|Limit Exceeded: Email/i.test(message);
}

/** The `Contenu` cell: the paragraphs as JSON. */
export function encodeContent(paragraphs: readonly MailParagraph[]): string {
  return JSON.stringify(paragraphs);
}

/** The paragraphs of a `Contenu` cell; a cell edited into something unreadable is sent as one paragraph. */
export function decodeContent(cell: string): MailParagraph[] {
  try {
    const parsed: unknown = JSON.parse(cell);
    if (Array.isArray(parsed) && parsed.every((p) => p && typeof p === 'object' && typeof (p as MailParagraph).text === 'string'))
      return parsed as MailParagraph[];
  } catch {
    // Not JSON: the admin typed text in the cell.
  }
  return cell ? [{ text: cell }] : [];
}

export function isPriority(value: unknown): value is MailPriority {
  return value === 1 || value === 2 || value === 3;
}
