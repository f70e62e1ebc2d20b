// Sending e-mails with MailApp (its scope, script.send_mail, is narrower than GmailApp's).
import type { Workbook } from './workbook';
import { effectiveUserEmail } from './session';

export function adminEmail(book: Workbook): string {
  return book.settings.adminEmail || effectiveUserEmail();
}

/** Recipients MailApp still accepts today. */
export function remainingMailQuota(): number {
  return MailApp.getRemainingDailyQuota();
}
