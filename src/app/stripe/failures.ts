// Failures the admin can fix (a product missing from Produits, a setting): one alert per cause, not
// per delivery or retry; a daily reminder while any lasts; and a retry right after the admin edits
// Produits or Paramètres (the edit time is left in the script cache by configCache.ts).
import { EVENT_STATUS } from '../../domain/schema';
import { asText } from '../../domain/values';
import type { Workbook } from '../../gas/workbook';
import { md5WebSafe } from '../../gas/digest';
import { queueAlert } from '../../gas/outbox';
import { deleteProperties, PROPERTY, readProperty, writeProperty } from '../../gas/scriptProperties';

/** The causes already told to the admin (MD5 of the message), while they last. */
const MAX_CAUSES = 100;

function toldCauses(): string[] {
  try {
    const parsed: unknown = JSON.parse(readProperty(PROPERTY.failureCauses) ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

function saveCauses(causes: string[]): void {
  if (causes.length) writeProperty(PROPERTY.failureCauses, JSON.stringify(causes.slice(-MAX_CAUSES)));
  else deleteProperties([PROPERTY.failureCauses]);
}

/** E-mails the admin the first time this cause makes an event fail; never again while it lasts. True when told now. */
export function alertOncePerCause(book: Workbook, eventId: string, eventType: string, message: string): boolean {
  const causes = toldCauses();
  const key = md5WebSafe(message);
  if (causes.includes(key)) return false;
  saveCauses([...causes, key]);
  queueAlert(book, book.text.failureMailSubject, book.text.failureMailBody(eventId, eventType, message));
  return true;
}

/** The daily reminder: one e-mail listing the causes still making events fail; forgets the causes that are gone. */
export function remindFailures(book: Workbook): number {
  const events = book.table('events');
  const byCause = new Map<string, number>();
  for (const row of events.findRows('Statut', EVENT_STATUS.failed)) {
    const error = asText(events.read(row)['Erreur']);
    byCause.set(error, (byCause.get(error) ?? 0) + 1);
  }
  const live = new Set([...byCause.keys()].map((m) => md5WebSafe(m)));
  saveCauses(toldCauses().filter((c) => live.has(c)));
  const count = [...byCause.values()].reduce((a, b) => a + b, 0);
  if (count === 0) return 0;
  const lines = [...byCause.entries()].map(([error, n]) => book.text.failureCauseLine(n, error)).join('\n');
  queueAlert(book, book.text.failureReminderSubject(count), book.text.failureReminderBody(lines));
  return count;
}
