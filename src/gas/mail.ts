// Sending e-mails with MailApp (its scope, script.send_mail, is narrower than GmailApp's).
import { senderName } from '../domain/settings';
import type { Workbook } from './workbook';

export function adminEmail(book: Workbook): string {
  return book.settings.adminEmail || Session.getEffectiveUser().getEmail();
}

/** An alert to the admin; a failure to send (quota) is written to the execution log, never thrown. */
export function sendAdminMail(book: Workbook, subject: string, body: string): boolean {
  try {
    MailApp.sendEmail({ to: adminEmail(book), subject, body, name: senderName(book.settings) });
    return true;
  } catch (error) {
    console.error(`Alert not sent (${String(error)}): ${subject}`);
    return false;
  }
}
