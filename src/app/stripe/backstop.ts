// The backstop, every 10 minutes: finishes interrupted runs, polls Stripe for events whose webhook
// never came, and retries failed or held events with growing delays.
import { EVENT_STATUS } from '../../domain/schema';
import { HANDLED_EVENT_TYPES, type StripeEvent } from '../../domain/stripe';
import { StripeApi, StripeApiError, stripeKey } from '../../gas/stripeApi';
import { Workbook } from '../../gas/workbook';
import { journal } from '../../gas/journal';
import { withScriptLock } from '../../gas/lock';
import { now } from '../../gas/clock';
import { fetchEvent, ingest, recover } from './ingest';
import { takeVerifiedAnswers } from '../../gas/verifiedAnswers';
import { syncBookings } from '../bookings/calendarSync';
import { Inbox } from './inbox';
import { pendingDocumentRows, produceDocuments } from '../documents/documents';
import { issueMissingInvoices } from './payments';
import { remindAndExpire } from '../requests/requests';
import { dailyRunDue, expireCredits } from '../credits/expiry';
import { configEditedAt } from '../../gas/configCache';
import { deliverOutbox } from '../mail/deliver';
import { PROPERTY, readProperty, writeProperty } from '../../gas/scriptProperties';

/** Events are listed from a little before the cursor: Stripe's list may show an event late. Duplicates are free. */
const OVERLAP_SECONDS = 10 * 60;
const LOCK_MS = 30 * 1000;
/** Stop starting new work after this much of the 6-minute execution limit. */
const WORK_BUDGET_MS = 4 * 60 * 1000;

export interface BackstopReport {
  ran: boolean;
  polled: number;
  applied: number;
  retried: number;
  calendarChanges: number;
}

export function runBackstop(): BackstopReport {
  const started = Date.now();
  const book = Workbook.active();
  const key = stripeKey();
  const report: BackstopReport = { ran: false, polled: 0, applied: 0, retried: 0, calendarChanges: 0 };
  withScriptLock(LOCK_MS, () => {
    report.ran = true;
    recover(book);
    const inTime = () => Date.now() - started < WORK_BUDGET_MS;
    if (!key) {
      sweepCalendar(book, report, inTime);
      resumeDailyJob(book, inTime);
      if (inTime()) deliverOutbox(book, inTime);
      writeProperty(PROPERTY.lastBackstop, String(Date.now()));
      return;
    }
    const api = new StripeApi(key);
    poll(book, api, report, inTime);
    catchUpInbox(book, api, inTime, report);
    if (inTime()) remindAndExpire(book, api, inTime);
    if (inTime()) issueMissingInvoices(book, api, inTime);
    if (inTime()) produceDocuments(book, pendingDocumentRows(book), inTime);
    sweepCalendar(book, report, inTime);
    resumeDailyJob(book, inTime);
    // Last: invoices (above) have gone first; what waits here is sent by priority.
    if (inTime()) deliverOutbox(book, inTime);
    writeProperty(PROPERTY.lastBackstop, String(Date.now()));
  });
  return report;
}

/** The daily job stopped short today (time budget, a quota, a trigger that did not fire): finish it now. */
function resumeDailyJob(book: Workbook, inTime: () => boolean): void {
  if (inTime() && dailyRunDue()) expireCredits(book, inTime, { ran: true, expiredClients: 0, expiredCredits: 0, warned: 0, complete: false });
}

/** The booking calendar, in case its trigger did not fire (one Calendar call when nothing changed). */
function sweepCalendar(book: Workbook, report: BackstopReport, inTime: () => boolean): void {
  if (inTime()) report.calendarChanges = syncBookings(book, inTime).changes;
}

function poll(book: Workbook, api: StripeApi, report: BackstopReport, inTime: () => boolean): void {
  const cursor = Number(readProperty(PROPERTY.pollCursor) ?? '0') || Math.floor(Date.now() / 1000) - OVERLAP_SECONDS;
  let events: StripeEvent[];
  try {
    events = listSince(api, cursor - OVERLAP_SECONDS);
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    journal(book, 'warning', book.text.pollStripeError(error.message));
    return;
  }
  let newest = cursor;
  for (const event of events) {
    if (!inTime()) break;
    report.polled += 1;
    if (ingest(book, api, event, 'rattrapage') === 'applied') report.applied += 1;
    newest = Math.max(newest, event.created);
    // Advancing as we go means a run cut short resumes where it stopped.
    writeProperty(PROPERTY.pollCursor, String(newest));
  }
  if (report.applied > 0) journal(book, 'info', book.text.pollDone(report.polled, report.applied));
}

/** Every handled event created since `since`, oldest first (Stripe lists newest first, by pages). */
function listSince(api: StripeApi, since: number): StripeEvent[] {
  const events: StripeEvent[] = [];
  let startingAfter: string | undefined;
  for (let page = 0; page < 50; page++) {
    const list = api.get<{ data: StripeEvent[]; has_more: boolean }>('/v1/events', {
      created: { gte: since },
      types: [...HANDLED_EVENT_TYPES],
      limit: 100,
      ...(startingAfter ? { starting_after: startingAfter } : {}),
    });
    events.push(...list.data);
    if (!list.has_more || list.data.length === 0) break;
    startingAfter = list.data[list.data.length - 1].id;
  }
  return events.sort((a, b) => a.created - b.created);
}

/**
 * Events waiting in the inbox: written by a webhook that could not get the lock (`reçu`), held, or
 * failed and due again. Also run by the documents run, within a minute of a webhook that found the lock busy.
 */
export function catchUpInbox(
  book: Workbook,
  api: StripeApi,
  inTime: () => boolean,
  report: Pick<BackstopReport, 'retried' | 'applied'> = { retried: 0, applied: 0 },
): void {
  const inbox = new Inbox(book);
  const edited = configEditedAt();
  for (const row of inbox.pendingRows()) {
    if (!inTime()) break;
    const entry = inbox.entry(row);
    if (entry.status !== EVENT_STATUS.received && entry.status !== EVENT_STATUS.failed) continue;
    // A failure older than the last edit of Produits or Paramètres may be fixed: try it now, whatever its schedule.
    const fixedSince = entry.status === EVENT_STATUS.failed && edited !== null && entry.updatedAt !== null && edited > entry.updatedAt.getTime();
    if (!fixedSince && entry.nextTry && entry.nextTry.getTime() > now().getTime()) continue;
    // A webhook that could not get the lock kept what it fetched: no second fetch. What is not used (a
    // duplicate, say) is dropped with the entry: it must never serve the next one.
    const kept = takeVerifiedAnswers(entry.id, api.live);
    if (kept) api.useAnswers(kept);
    try {
      let event: StripeEvent | null;
      try {
        event = fetchEvent(api, entry.id);
      } catch (error) {
        if (!(error instanceof StripeApiError)) throw error;
        journal(book, 'warning', book.text.pollStripeError(error.message));
        return;
      }
      if (!event) {
        inbox.settle(row, EVENT_STATUS.ignored, undefined, book.text.webhookUnknownEvent(entry.id));
        continue;
      }
      report.retried += 1;
      if (ingest(book, api, event, 'rattrapage', row) === 'applied') report.applied += 1;
    } finally {
      api.forgetAnswers();
    }
  }
}
