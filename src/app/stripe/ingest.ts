// Processing one Stripe event exactly once: under the script lock, through the inbox.
import { EVENT_STATUS, type TabKey } from '../../domain/schema';
import { primeLayout } from '../../gas/layout';
import { HOLD_LIMIT_MS, isAbandoned, retryDelayMs } from '../../domain/retry';
import { isHandled, type StripeEvent } from '../../domain/stripe';
import { ProblemError } from '../../domain/problem';
import { StripeApiError, type StripeApi } from '../../gas/stripeApi';
import type { Workbook } from '../../gas/workbook';
import { resumePendingPlan } from '../plans';
import { SchemaError } from '../../gas/table';
import { journal, withJournalHeld } from '../../gas/journal';
import { queueAlert } from '../../gas/outbox';
import { alertOncePerCause } from './failures';
import { now } from '../../gas/clock';
import { applyEvent, type EventRecord } from './payments';
import { Inbox, type Source } from './inbox';

/** The tabs an event may read or write: their headers and last rows are read in one call (gas/layout.ts). */
export const EVENT_TABS: readonly TabKey[] = ['events', 'clients', 'ledger', 'payments', 'invoices', 'receipts', 'downloads', 'outbox', 'journal'];

export type IngestResult = 'applied' | 'ignored' | 'duplicate' | 'held' | 'failed' | 'abandoned';

/** Call first under the lock: finishes what a dead run left half-written. */
export function recover(book: Workbook): void {
  if (resumePendingPlan(book)) journal(book, 'warning', book.text.walReplayed);
}

/** What to do once an event issued documents (their rows in Factures): schedule them, or make them now. */
export type DocumentsDue = (rows: readonly number[]) => void;

/**
 * Applies an event fetched from the Stripe API, unless the inbox says it is done. Must run under
 * the script lock. `row` is the inbox row being retried, if any. The documents it issues wait in
 * Factures (`à générer`) for `documentsDue`, or for the backstop when none is given.
 */
export function ingest(book: Workbook, api: StripeApi, event: StripeEvent, source: Source, row?: number, documentsDue?: DocumentsDue): IngestResult {
  primeLayout(book, EVENT_TABS);
  const inbox = new Inbox(book);
  // The refunds and disputes a payment may unblock are looked for in the same search as the event itself.
  const found = inbox.findWithRelated(event.id, paymentIntentOfCheckout(event));
  const rows = found.own;
  // A row saying the event was handled is its record, wherever it is: a webhook that could not get the
  // lock may have written its row above the one the applying run appended.
  const first = rows.find((r) => r.status !== EVENT_STATUS.received && r.status !== EVENT_STATUS.failed) ?? rows[0] ?? null;
  if (first && row !== undefined && first.row !== row) {
    // A second row written by a webhook that could not get the lock: the first one is the record.
    inbox.settle(row, EVENT_STATUS.ignored, event, book.text.duplicateRow(first.row));
    return 'duplicate';
  }
  if (first && first.status !== EVENT_STATUS.received && first.status !== EVENT_STATUS.failed) return 'duplicate';
  // A failed event is retried by the backstop on its schedule (`row` given), never by a redelivery
  // or a poll: Stripe redelivering five times in a few minutes must not use up anything.
  if (first && first.status === EVENT_STATUS.failed && row === undefined) return 'failed';
  if (!isHandled(event.type)) {
    if (first) inbox.settle(first.row, EVENT_STATUS.ignored, event);
    else inbox.settle(inbox.add(event, source), EVENT_STATUS.ignored, event);
    return 'ignored';
  }
  let outcome;
  const record: EventRecord = { step: inbox.doneStep(event, source), row: first?.row ?? null };
  try {
    outcome = withJournalHeld(book, () => applyEvent(book, api, event, record));
  } catch (error) {
    if (!isExpected(error)) throw error;
    return recordFailure(book, inbox, first?.row ?? inbox.add(event, source), event, first?.attempts ?? 0, (error as Error).message);
  }
  if (outcome.kind === 'held') {
    const at = first?.row ?? inbox.add(event, source);
    const receivedAt = first?.receivedAt?.getTime() ?? now().getTime();
    if (now().getTime() - receivedAt > HOLD_LIMIT_MS) return recordFailure(book, inbox, at, event, first?.attempts ?? 0, outcome.note);
    inbox.hold(at, outcome.note, new Date(now().getTime() + retryDelayMs(1)), event);
    return 'held';
  }
  // Handlers that wrote something recorded the event in the same plan; the others (nothing to do) are settled here.
  if (outcome.kind === 'ignored' || !outcome.recorded) {
    inbox.settle(first?.row ?? inbox.add(event, source), outcome.kind === 'ignored' ? EVENT_STATUS.ignored : EVENT_STATUS.done, event);
  }
  if (outcome.kind === 'applied') {
    // The money is recorded: the documents follow; their failures are the backstop's to retry.
    if (outcome.documents?.length) documentsDue?.(outcome.documents);
    releaseHeld(book, api, inbox, found.about, documentsDue);
  }
  return outcome.kind;
}

/** Errors that say "not now" or "fix this first": anything else is a bug and propagates. */
function isExpected(error: unknown): boolean {
  return error instanceof ProblemError || error instanceof StripeApiError || error instanceof SchemaError;
}

/** A failure is retried with back-off for as long as Stripe keeps the event; the admin hears once per cause (daily reminders: failures.ts). */
function recordFailure(book: Workbook, inbox: Inbox, row: number, event: StripeEvent, previousAttempts: number, message: string): IngestResult {
  const attempts = previousAttempts + 1;
  if (isAbandoned(event.created * 1000, now().getTime(), retryDelayMs(attempts))) {
    inbox.fail(row, EVENT_STATUS.abandoned, attempts, message, '');
    journal(book, 'error', book.text.eventAbandoned(event.id, message));
    queueAlert(book, book.text.abandonedMailSubject(event.id), book.text.abandonedMailBody(event.id, event.type, message));
    return 'abandoned';
  }
  inbox.fail(row, EVENT_STATUS.failed, attempts, message, new Date(now().getTime() + retryDelayMs(attempts)));
  // One journal line per event (its first failure), one e-mail per cause; the row keeps the count.
  if (previousAttempts === 0) journal(book, 'error', book.text.eventFailedOnce(event.id, message));
  alertOncePerCause(book, event.id, event.type, message);
  return 'failed';
}

/** The payment intent of a Checkout Session event ('' for any other event): refunds and disputes arrived before it wait for it. */
function paymentIntentOfCheckout(event: StripeEvent): string {
  if (!event.type.startsWith('checkout.session.')) return '';
  const session = event.data.object as { payment_intent?: string | { id: string } | null };
  return (typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id) ?? '';
}

/** A payment just applied may unblock refunds or disputes that arrived before it (`rows`: the inbox rows about its payment intent). */
function releaseHeld(book: Workbook, api: StripeApi, inbox: Inbox, rows: readonly number[], documentsDue?: DocumentsDue): void {
  for (const row of rows) {
    const entry = inbox.entry(row);
    if (entry.status !== EVENT_STATUS.received) continue;
    const held = fetchEvent(api, entry.id);
    if (held) ingest(book, api, held, 'rattrapage', row, documentsDue);
  }
}

export const eventPath = (id: string) => `/v1/events/${id}`;

export function fetchEvent(api: StripeApi, id: string): StripeEvent | null {
  try {
    return api.get<StripeEvent>(eventPath(id));
  } catch (error) {
    if (error instanceof StripeApiError && error.isNotFound) return null;
    throw error;
  }
}
