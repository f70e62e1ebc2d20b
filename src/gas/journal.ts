// The `Journal` tab: what happened and what was refused, for the admin. Never a secret.
import type { Workbook } from './workbook';
import { now } from './clock';

export type Level = 'info' | 'warning' | 'error';

export function journal(book: Workbook, level: Level, message: string): void {
  const text = safeText(book);
  const word = level === 'info' ? text.levelInfo : level === 'warning' ? text.levelWarning : text.levelError;
  try {
    book.table('journal').appendOnly({ Date: now(), Niveau: word, Message: message });
  } catch (error) {
    // The journal must never break what it reports on; the execution log keeps the line.
    console.error(`Journal: ${message} (${String(error)})`);
  }
}

/**
 * Reads the journal's header row now, before a run's first write: the lines the run adds later then
 * travel in the same batch of writes as its other changes, with no read between them. Never throws.
 */
export function readJournalHeaders(book: Workbook): void {
  try {
    book.table('journal').hasColumn('Message');
  } catch {
    // journal() reports its own problems when it writes.
  }
}

function safeText(book: Workbook) {
  try {
    return book.text;
  } catch {
    return { levelInfo: 'info', levelWarning: 'alerte', levelError: 'erreur' };
  }
}
