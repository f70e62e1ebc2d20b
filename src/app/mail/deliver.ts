// Sends what waits in `Envois`, by priority, while the day's quota allows (domain/outbox.ts). Runs
// under the script lock, after the work that queued the e-mails: the backstop every 10 minutes, the
// calendar sync, the daily job, an admin's action. Invoices go first: the documents run sends them
// before calling this.
import { OUTBOX_STATUS } from '../../domain/schema';
import { chooseMails, isQuotaError, type OutgoingMail } from '../../domain/outbox';
import { errorText } from '../../domain/problem';
import type { Workbook } from '../../gas/workbook';
import { journal } from '../../gas/journal';
import { remainingMailQuota } from '../../gas/mail';
import { sendClientMail } from '../../gas/clientMail';
import { firstIn6Hours } from '../../gas/once';
import { isoDay, now } from '../../gas/clock';
import { outboxRowsOf, readQueued, setOutboxStatus } from '../../gas/outbox';

/**
 * E-mails marked "sending" together before one flush: a run that dies mid-batch leaves that batch
 * uncertain. The first batch is small; each next one is BATCH_GROWTH times the last (10, 40, 160…), so a
 * long queue (a calendar sync's confirmations) costs a few flushes, not one round trip per 10 e-mails.
 * The execution's time limit does not kill a batch: inTime() is asked before each send, and what is not
 * sent goes back to waiting.
 */
const FIRST_BATCH = 10;
const BATCH_GROWTH = 4;

export interface OutboxReport {
  sent: number;
  /** Still waiting: the quota (or its reserve for higher priorities), or MailApp failing for now. */
  waiting: number;
  refused: number;
  uncertain: number;
}

export function deliverOutbox(book: Workbook, inTime: () => boolean = () => true): OutboxReport {
  const report: OutboxReport = { sent: 0, waiting: 0, refused: 0, uncertain: 0 };
  // Both statuses found by one search and read in one block.
  const found = readQueued(book, outboxRowsOf(book, [OUTBOX_STATUS.sending, OUTBOX_STATUS.waiting]));
  markUncertain(
    book,
    found.filter((m) => m.status === OUTBOX_STATUS.sending).map((m) => m.row),
    report,
  );
  const queue = found.filter((m) => m.status === OUTBOX_STATUS.waiting);
  const rows = queue.map((m) => m.row);
  if (rows.length === 0) return report;
  const chosen = chooseMails(queue, remainingMailQuota(), book.text);
  const done = new Set<number>();
  let stopped = false;
  for (let start = 0, size = FIRST_BATCH; start < chosen.length && !stopped && inTime(); start += size, size *= BATCH_GROWTH) {
    const batch = chosen.slice(start, start + size);
    for (const mail of batch) for (const row of mail.rows) setOutboxStatus(book, row, OUTBOX_STATUS.sending);
    // "Sending" is in the sheet before anything leaves: a run that dies now never sends them twice.
    book.flush();
    for (const mail of batch) {
      if (stopped || !inTime()) {
        for (const row of mail.rows) setOutboxStatus(book, row, OUTBOX_STATUS.waiting);
        continue;
      }
      const outcome = send(book, mail);
      for (const row of mail.rows) {
        setOutboxStatus(book, row, outcome.status, outcome.error);
        if (outcome.status !== OUTBOX_STATUS.waiting) done.add(row);
      }
      if (outcome.status === OUTBOX_STATUS.sent) report.sent += 1;
      else if (outcome.status === OUTBOX_STATUS.refused) report.refused += 1;
      else stopped = true;
    }
  }
  report.waiting = rows.filter((row) => !done.has(row)).length;
  if (report.waiting > 0 && remainingMailQuota() < 1 && firstIn6Hours('note', `outbox-quota:${isoDay(now())}`)) {
    journal(book, 'warning', book.text.mailsWaitingForQuota(report.waiting));
  }
  return report;
}

/** Rows left "sending" by a run that died: the e-mail may have left, so it is not sent again by itself. */
function markUncertain(book: Workbook, rows: readonly number[], report: OutboxReport): void {
  for (const row of rows) setOutboxStatus(book, row, OUTBOX_STATUS.uncertain, book.text.mailUncertain);
  report.uncertain = rows.length;
  if (rows.length) journal(book, 'warning', book.text.mailsUncertain(rows.length));
}

interface SendOutcome {
  status: string;
  error: string;
}

function send(book: Workbook, mail: OutgoingMail): SendOutcome {
  try {
    sendClientMail(book, { to: mail.to, subject: mail.subject, paragraphs: mail.paragraphs });
    return { status: OUTBOX_STATUS.sent, error: '' };
  } catch (error) {
    const message = errorText(error);
    // The day's quota: it waits for tomorrow's, said once in the journal (above).
    if (isQuotaError(message)) return { status: OUTBOX_STATUS.waiting, error: book.text.quotaExhausted };
    // MailApp refuses the address itself: sending again would fail again.
    if (/invalid email|adresse e-mail non valide|invalid argument: (to|recipient)/i.test(message)) {
      journal(book, 'warning', book.text.mailRefused(mail.to, mail.subject, message));
      return { status: OUTBOX_STATUS.refused, error: message };
    }
    if (firstIn6Hours('note', `outbox:${message}`)) journal(book, 'warning', book.text.mailDelayed(mail.to, mail.subject, message));
    return { status: OUTBOX_STATUS.waiting, error: message };
  }
}
