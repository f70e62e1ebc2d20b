// The `Envois` tab (domain/outbox.ts): an e-mail waiting is a row, so a quota run out, a dead run
// or a busy day loses none. Rows are appended atomically (`appendRow`): alerts are queued from
// executions that may not hold the lock.
import { OUTBOX_STATUS, TABS } from '../domain/schema';
import { decodeContent, encodeContent, isPriority, MAIL_PRIORITY, type QueuedMail } from '../domain/outbox';
import { asText, isDate } from '../domain/values';
import { SchemaError, type Table } from './table';
import type { Workbook } from './workbook';
import { adminEmail } from './mail';
import { now } from './clock';

/** The tab, created with its headers if this installation predates it (setup was not run again since). */
export function outboxTable(book: Workbook): Table<'outbox'> {
  try {
    return book.table('outbox');
  } catch (error) {
    if (!(error instanceof SchemaError) || book.spreadsheet.getSheetByName(TABS.outbox)) throw error;
    book.spreadsheet.insertSheet(TABS.outbox);
    const table = book.table('outbox');
    table.ensureHeaders();
    return table;
  }
}

/** An alert for the admin: queued first of all, and sent with the other alerts waiting as one digest. */
export function queueAlert(book: Workbook, subject: string, body: string): void {
  const paragraphs = body
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((text) => ({ text }));
  // Appended on its own (atomic): an alert may be raised by an execution that does not hold the lock.
  outboxTable(book).appendOnly({
    Clé: `alerte:${now().getTime()}:${Utilities.getUuid()}`,
    Date: now(),
    Priorité: MAIL_PRIORITY.alert,
    À: adminEmail(book),
    Objet: subject,
    Statut: OUTBOX_STATUS.waiting,
    Contenu: encodeContent(paragraphs),
  });
  book.mailQueued = true;
}

/** The rows in `Envois` with this status. One text-finder search. */
export function outboxRows(book: Workbook, status: string): number[] {
  return outboxTable(book).findRows('Statut', status);
}

/** The rows in `Envois` with any of these statuses. One text-finder search for them all. */
export function outboxRowsOf(book: Workbook, statuses: readonly string[]): number[] {
  return outboxTable(book).findRowsOfKeys('Statut', statuses);
}

/** The queued e-mails of these rows (with their status). */
export function readQueued(book: Workbook, rows: readonly number[]): Array<QueuedMail & { status: string }> {
  if (rows.length === 0) return [];
  // One read per group of rows no more than 50 apart (usually one: the newest rows at the bottom).
  const read = outboxTable(book).readRows(rows, rows.length, 50);
  return rows.map((row) => {
    const v = read.get(row) as Record<string, unknown>;
    const priority = Number(v['Priorité']);
    const date = v['Date'];
    return {
      row,
      priority: isPriority(priority) ? priority : MAIL_PRIORITY.confirmation,
      to: asText(v['À']).trim(),
      subject: asText(v['Objet']),
      paragraphs: decodeContent(asText(v['Contenu'])),
      queuedAt: isDate(date) ? (date as Date) : new Date(0),
      status: asText(v['Statut']),
    };
  });
}

export function setOutboxStatus(book: Workbook, row: number, status: string, error = ''): void {
  outboxTable(book).update(row, { Statut: status, Erreur: error, ...(status === OUTBOX_STATUS.sent ? { 'Envoyé le': now() } : {}) });
}
