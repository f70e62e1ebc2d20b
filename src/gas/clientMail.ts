// E-mails to clients: a list of paragraphs rendered as plain text and as escaped HTML, sent with the
// business's name as sender name and its address for replies.
import { escapeHtml } from '../domain/html';
import type { Workbook } from './workbook';

export interface Paragraph {
  text: string;
  link?: string;
}

export interface ClientMail {
  to: string;
  subject: string;
  paragraphs: Paragraph[];
  attachments?: GoogleAppsScript.Base.BlobSource[];
}

export function renderText(paragraphs: readonly Paragraph[]): string {
  return paragraphs.map((p) => (p.link ? `${p.text}\n${p.link}` : p.text)).join('\n\n');
}

export function renderHtml(paragraphs: readonly Paragraph[]): string {
  return paragraphs
    .map((p) => `<p>${escapeHtml(p.text).replace(/\n/g, '<br>')}${p.link ? `<br><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a>` : ''}</p>`)
    .join('\n');
}

/** Throws what MailApp throws (quota, invalid address): callers decide whether to retry. */
export function sendClientMail(book: Workbook, mail: ClientMail): void {
  MailApp.sendEmail({
    to: mail.to,
    subject: mail.subject,
    body: renderText(mail.paragraphs),
    htmlBody: renderHtml(mail.paragraphs),
    name: book.settings.businessName || 'Carnet',
    ...(book.settings.businessEmail ? { replyTo: book.settings.businessEmail } : {}),
    ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
  });
}
