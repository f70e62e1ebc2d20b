// E-mails to clients: paragraphs rendered as plain text and as escaped HTML (domain/mailBody.ts),
// sent with the business's name as sender name and its address for replies.
import { mailHtml, mailText, type MailParagraph } from '../domain/mailBody';
import { senderName } from '../domain/settings';
import type { Workbook } from './workbook';

export interface ClientMail {
  to: string;
  subject: string;
  paragraphs: readonly MailParagraph[];
  attachments?: GoogleAppsScript.Base.BlobSource[];
}

/** Throws what MailApp throws (quota, invalid address): callers decide whether to retry. */
export function sendClientMail(book: Workbook, mail: ClientMail): void {
  MailApp.sendEmail({
    to: mail.to,
    subject: mail.subject,
    body: mailText(mail.paragraphs),
    htmlBody: mailHtml(mail.paragraphs),
    name: senderName(book.settings),
    ...(book.settings.businessEmail ? { replyTo: book.settings.businessEmail } : {}),
    ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
  });
}
