// The `Journal` tab: what happened and what was refused, for the admin. Never a secret.
import type { Workbook } from './workbook';
import { now } from './clock';

export type Level = 'info' | 'warning' | 'error';

export function journal(book: Workbook, level: Level, message: string): void {
  if (book.heldJournal) {
    book.heldJournal.push({ level, message, at: now() });
    return;
  }
  write(book, level, message, now());
}

/**
 * Runs `work` with its journal lines held, then writes them: a line written while an event is planned
 * would come between the plan's reads (each read after a write costs a round trip); held, the lines
 * travel with the plan's writes. Lines are written even when `work` throws.
 */
export function withJournalHeld<T>(book: Workbook, work: () => T): T {
  if (book.heldJournal) return work();
  book.heldJournal = [];
  try {
    return work();
  } finally {
    const lines = book.heldJournal;
    book.heldJournal = null;
    for (const line of lines) write(book, line.level, line.message, line.at);
  }
}

function write(book: Workbook, level: Level, message: string, at: Date): void {
  const text = safeText(book);
  const word = level === 'info' ? text.levelInfo : level === 'warning' ? text.levelWarning : text.levelError;
  try {
    book.table('journal').appendOnly({ Date: at, Niveau: word, Message: message });
  } catch (error) {
    // The journal must never break what it reports on; the execution log keeps the line.
    console.error(`Journal: ${message} (${String(error)})`);
  }
}

/**
 * Reads the tab's header row now, before a batch of writes, so that lines journaled after them go in the
 * same batch (a read between them would cost a round trip). A missing tab is left to journal() to report.
 */
export function openJournal(book: Workbook): void {
  try {
    book.table('journal').hasColumn('Date');
  } catch {
    // journal() says it in the execution log.
  }
}

function safeText(book: Workbook) {
  try {
    return book.text;
  } catch {
    return { levelInfo: 'info', levelWarning: 'alerte', levelError: 'erreur' };
  }
}
