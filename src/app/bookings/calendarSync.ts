// Bookings from the Google Calendar appointment schedule: each booking costs one credit.
//
// The calendar trigger (any change on the booking calendar) and the backstop sweep both run
// syncBookings() under the script lock. It reads what changed with the Calendar advanced service and
// a sync token kept in Script Properties, page by page, and applies each change with a write-ahead
// plan (gas/planRunner.ts). Every effect is decided from the `Réservations` row of the event (found
// by event id) and the event as it is now (domain/booking.ts), so seeing a change twice — trigger
// and sweep, a resumed page, a full resync after Google refused the token — changes nothing more.
import { balance, ADJUSTMENT_REF, ledgerStep, writeLots, type Lot } from '../../domain/ledger';
import {
  BOOKING_CREDIT_COST,
  BOOKING_STATUS,
  balanceAlert,
  chooseBooker,
  decide,
  giveBack,
  observe,
  readTaken,
  takeCredit,
  writeTaken,
  type AlertToSend,
  type BookingRule,
  type CalendarEvent,
  type Effect,
  type StoredBooking,
} from '../../domain/booking';
import { HEADERS, type CellValue, type Header, type TabKey } from '../../domain/schema';
import { senderName, settingLabel, type SettingKey } from '../../domain/settings';
import type { Step } from '../../domain/plan';
import { firstName, type MailParagraph } from '../../domain/mailBody';
import { MAIL_PRIORITY, type MailPriority } from '../../domain/outbox';
import { deliverOutbox } from '../mail/deliver';
import { formatDateLong, parseIsoDate } from '../../domain/localDate';
import { ProblemError, errorText } from '../../domain/problem';
import { asNumber, asText, isDate } from '../../domain/values';
import { bookingText, type BookingText } from '../../i18n/bookingText';
import { Workbook } from '../../gas/workbook';
import { SchemaError } from '../../gas/table';
import { runPlan, resumePendingPlan } from '../plans';
import { withScriptLock } from '../../gas/lock';
import { primeLayout } from '../../gas/layout';
import { journal, openJournal, type Level } from '../../gas/journal';
import { adminEmail } from '../../gas/mail';
import { queueAlert } from '../../gas/outbox';
import { firstIn6Hours } from '../../gas/once';
import { formatInZone, now } from '../../gas/clock';
import { effectiveUserEmail, scriptTimeZone } from '../../gas/session';
import { calendarServiceEnabled, defaultCalendarId, listCalendarEvents } from '../../gas/calendar';
import { adjustmentSteps, checkCreditColumns, clientState, readClient, type ClientState } from '../credits/clientCredits';
import { PROPERTY, readProperty, writeProperty } from '../../gas/scriptProperties';

/** Events asked per page (the API's default is 250): a page is also what a resumed run may read again. */
export const PAGE_SIZE = 100;
/** The window of a full resync, around now. */
const RESYNC_PAST_DAYS = 30;
const RESYNC_FUTURE_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
const LOCK_MS = 30 * 1000;
/** Stop starting new changes after this much of the 6-minute execution limit. */
const WORK_BUDGET_MS = 4 * 60 * 1000;

interface Listing {
  mode: 'full' | 'incremental';
  syncToken?: string;
  timeMin?: string;
  timeMax?: string;
  /** The token of the page being read (none for the first page). */
  pageToken?: string;
  /** Fingerprints (event id + etag) of the changes of that page already applied. */
  done?: string[];
}

interface SyncState {
  calendarId: string;
  /** Bookings created before this instant (ms) were not made while Carnet watched this calendar: not Carnet's. */
  since: number;
  /** The token of the last complete sync. */
  syncToken?: string;
  /** A listing in progress, resumed by the next run. */
  listing?: Listing;
}

export interface SyncReport {
  ran: boolean;
  changes: number;
  complete: boolean;
}

/** The booking calendar: the setting, or the owner's default calendar (whose id is their address). */
export function bookingCalendarId(book: Workbook): string {
  return book.settings.bookingCalendar || effectiveUserEmail() || defaultCalendarId();
}

function loadState(): SyncState | null {
  const raw = readProperty(PROPERTY.calendarSync);
  if (!raw) return null;
  try {
    const state = JSON.parse(raw) as SyncState;
    return typeof state?.calendarId === 'string' && typeof state.since === 'number' ? state : null;
  } catch {
    return null;
  }
}

function saveState(state: SyncState): void {
  writeProperty(PROPERTY.calendarSync, JSON.stringify(state));
}

/** setup(): Carnet watches the booking calendar from now on (kept when it already does). */
export function initBookingSync(book: Workbook): void {
  const calendarId = bookingCalendarId(book);
  const state = loadState();
  if (state && state.calendarId === calendarId) return;
  saveState({ calendarId, since: now().getTime() });
}

const SYNC_TABS: readonly TabKey[] = ['bookings', 'clients', 'ledger', 'journal', 'outbox'];

/** The calendar trigger's handler. */
export function runCalendarSync(): SyncReport {
  const started = Date.now();
  const book = Workbook.active();
  const report: SyncReport = { ran: false, changes: 0, complete: false };
  withScriptLock(LOCK_MS, () => {
    report.ran = true;
    // The headers and saved last rows of the tabs a sync reads and writes, in one call (gas/layout.ts).
    primeLayout(book, SYNC_TABS);
    if (resumePendingPlan(book)) journal(book, 'warning', book.text.walReplayed);
    const inTime = () => Date.now() - started < WORK_BUDGET_MS;
    syncBookings(book, inTime, report);
    if (inTime()) deliverOutbox(book, inTime);
  });
  return report;
}

function fullListing(): Listing {
  const t = now().getTime();
  return { mode: 'full', timeMin: new Date(t - RESYNC_PAST_DAYS * DAY_MS).toISOString(), timeMax: new Date(t + RESYNC_FUTURE_DAYS * DAY_MS).toISOString() };
}

function listArgs(listing: Listing): Record<string, unknown> {
  const args: Record<string, unknown> = { showDeleted: true, singleEvents: true, maxResults: PAGE_SIZE };
  if (listing.mode === 'incremental') args.syncToken = listing.syncToken;
  else Object.assign(args, { timeMin: listing.timeMin, timeMax: listing.timeMax });
  if (listing.pageToken) args.pageToken = listing.pageToken;
  return args;
}

/** A short digest of "this version of this event" (two 32-bit FNV-1a hashes). */
function fingerprint(event: CalendarEvent): string {
  const version = event.etag || event.updated;
  if (!event.id || !version) return '';
  const text = `${event.id}|${version}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(36) + b.toString(36);
}

/**
 * Applies every change of the booking calendar since the last sync. Must run under the script lock.
 * Stops before `inTime()` runs out, saving its place; a Calendar error leaves the saved place as it was.
 */
export function syncBookings(book: Workbook, inTime: () => boolean, report: SyncReport = { ran: true, changes: 0, complete: false }): SyncReport {
  const text = bookingText(book.settings.locale);
  if (!calendarServiceEnabled()) {
    alertOnce(book, 'calendar-service', text.calendarServiceMissing);
    return report;
  }
  let context: Context;
  try {
    checkColumns(book);
    context = new Context(book);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    alertOnce(book, `schema:${error.message}`, text.calendarProblem(error.message));
    return report;
  }
  reportSettingProblems(book);
  let state = loadState();
  if (!state || state.calendarId !== context.calendarId) {
    state = { calendarId: context.calendarId, since: now().getTime() };
    saveState(state);
  }
  context.since = state.since;
  let retriedPage = false;
  for (let pages = 0; pages < 10000; pages++) {
    if (!inTime()) return stopped(book, text, state, report);
    const listing: Listing = state.listing ?? (state.syncToken ? { mode: 'incremental', syncToken: state.syncToken } : fullListing());
    let page: GoogleAppsScript.Calendar.Schema.Events;
    try {
      page = listCalendarEvents(context.calendarId, listArgs(listing));
    } catch (error) {
      const message = errorText(error);
      if (listing.mode === 'incremental' && /Sync token is no longer valid|full sync is required/i.test(message)) {
        journal(book, 'warning', text.calendarResync);
        state = { calendarId: state.calendarId, since: state.since, listing: fullListing() };
        saveState(state);
        continue;
      }
      if (listing.pageToken && !retriedPage && /Invalid Value|page token/i.test(message)) {
        // A page token that expired: read the listing again from its first page (applying a change twice is harmless).
        retriedPage = true;
        state = { ...state, listing: { ...listing, pageToken: undefined, done: [] } };
        continue;
      }
      if (/Not Found/i.test(message)) alertOnce(book, `calendar-missing:${context.calendarId}`, text.calendarNotFound(context.calendarId));
      else alertOnce(book, 'calendar-unreachable', text.calendarUnreachable(message), false);
      return report;
    }
    state.listing = listing;
    const done = new Set(listing.done ?? []);
    context.prefetch((page.items ?? []) as CalendarEvent[]);
    for (const item of (page.items ?? []) as CalendarEvent[]) {
      const mark = fingerprint(item);
      if (mark && done.has(mark)) continue;
      if (!inTime()) {
        context.flush();
        listing.done = [...done];
        return stopped(book, text, state, report);
      }
      try {
        context.apply(item);
      } catch (error) {
        if (!(error instanceof SchemaError || error instanceof ProblemError)) throw error;
        // The changes decided before this one are written; this one is tried again next time.
        context.flush();
        listing.done = [...done];
        saveState(state);
        alertOnce(book, `problem:${error.message}`, text.calendarProblem(error.message));
        return report;
      }
      if (mark) done.add(mark);
      report.changes += 1;
    }
    // The page's changes are written before the place moves past them.
    context.flush();
    if (page.nextPageToken) {
      state = { ...state, listing: { ...listing, pageToken: page.nextPageToken, done: [] } };
      saveState(state);
      continue;
    }
    state = { calendarId: state.calendarId, since: state.since, syncToken: page.nextSyncToken || state.syncToken };
    saveState(state);
    report.complete = true;
    return report;
  }
  return report;
}

function stopped(book: Workbook, text: BookingText, state: SyncState, report: SyncReport): SyncReport {
  saveState(state);
  journal(book, 'info', text.calendarStopped(report.changes));
  return report;
}

/** Every column a booking writes, checked before the first write: a missing one stops the sync with nothing half-written. */
function checkColumns(book: Workbook): void {
  const bookings = book.table('bookings');
  for (const h of HEADERS.bookings) bookings.column(h);
  checkCreditColumns(book, false);
}

const BOOKING_SETTINGS: SettingKey[] = [
  'bookingCalendar',
  'scheduleName',
  'cancellationHours',
  'refundLateCancellation',
  'declineWithoutCredit',
  'lowBalanceThreshold',
  'expiryWarningDays',
  'shopLink',
];

/** An unreadable booking setting is told to the admin (its default is used meanwhile). */
export function reportSettingProblems(book: Workbook): void {
  const labels = BOOKING_SETTINGS.map((k) => `« ${settingLabel(k)} »`);
  for (const problem of book.settingsResult().problems) {
    if (labels.some((l) => problem.includes(l))) alertOnce(book, `setting:${problem}`, book.text.settingsProblem(problem));
  }
}

/** A journal line (and, when `mail`, an e-mail to the admin), at most once every 6 hours for the same problem. */
export function alertOnce(book: Workbook, key: string, message: string, mail = true): void {
  if (!firstIn6Hours('alert', key)) return;
  journal(book, mail ? 'error' : 'warning', message);
  if (mail) queueAlert(book, bookingText(book.settings.locale).adminAlertSubject, message);
}

/** An e-mail step: queued in `Envois` with the plan, sent by priority (a client's confirmation by default). */
export function mail(to: string, subject: string, paragraphs: MailParagraph[], priority: MailPriority = MAIL_PRIORITY.confirmation): Step {
  return { kind: 'mail', to, subject, paragraphs, priority };
}

/** Greeting, the body, signature. */
export function paragraphs(book: Workbook, name: string, ...body: Array<MailParagraph | null>): MailParagraph[] {
  const text = bookingText(book.settings.locale);
  return [{ text: text.greeting(firstName(name)) }, ...body.filter((p): p is MailParagraph => p !== null), { text: text.signature(senderName(book.settings)) }];
}

function shopParagraph(book: Workbook): MailParagraph {
  const text = bookingText(book.settings.locale);
  const link = book.settings.shopLink;
  if (link) return { text: text.shopLink, link };
  alertOnce(book, 'no-shop-link', text.noShopLinkAlert, false);
  return { text: text.noShopLink };
}

/** The `Réservations` row of a new booking (with credit or without). */
function bookingStep(
  event: string,
  b: { email: string; name: string; startMs: number; endMs: number; status: string; credits: number; lot: string; at: Date },
): Step {
  return {
    kind: 'upsert',
    tab: 'bookings',
    key: event,
    values: {
      'E-mail': b.email,
      Nom: b.name,
      Début: new Date(b.startMs),
      Fin: new Date(b.endMs),
      Statut: b.status,
      Crédit: b.credits,
      Lot: b.lot,
      'Mis à jour': b.at,
    },
  };
}

function meetParagraph(text: BookingText, link: string): MailParagraph | null {
  return link ? { text: text.meetLink, link } : null;
}

/** The e-mails of a balance alert: at 0, the client (with the link to buy credits) and the admin; at the low threshold, the client. */
export function alertMailSteps(book: Workbook, admin: string, email: string, name: string, send: AlertToSend, after: number): Step[] {
  const t = bookingText(book.settings.locale);
  if (send === 'empty') {
    return [
      mail(email, t.emptySubject, paragraphs(book, name, { text: t.emptyBody }, shopParagraph(book))),
      mail(admin, t.adminEmptySubject(email), [{ text: t.adminEmptyBody(email, name) }], MAIL_PRIORITY.alert),
    ];
  }
  if (send === 'low')
    return [mail(email, t.lowSubject(after), paragraphs(book, name, { text: t.lowBody(after) }, shopParagraph(book)), MAIL_PRIORITY.reminder)];
  return [];
}

type ClientRecord = ClientState & { values: Record<string, unknown> };

/** Keys looked up per text-finder search (a regular expression of them): a page's events in one search. */
const KEYS_PER_SEARCH = PAGE_SIZE;
/**
 * A page's rows of one tab are read in one block from the first to the last (rows close together, as the
 * newest bookings at the bottom of `Réservations`, cost little; clients spread over the tab make the block
 * grow with the tab, never the number of reads), except up to this many rows, each read on its own (a
 * sync of one or two changes, the common case, reads only its rows).
 */
const ROWS_READ_ONE_BY_ONE = 2;

interface Found {
  row: number;
  values: Record<string, CellValue>;
}

/**
 * A page's plan grows at most to about this many characters before it is written: a page of 100 changes
 * is one plan (one write-ahead copy, one look-up of each tab's last row, one batched write). Its copy is
 * kept in Script Properties (9 KB a value, 500 KB in all), cut into parts saved by one call.
 */
const PLAN_CHARS = 150000;

/** The changes decided and not written yet: one plan for all of them. */
interface Pending {
  steps: Step[];
  rows: { clients: Record<string, number | null>; bookings: Record<string, number | null> };
  /**
   * The events and clients these steps write: a change that reads one of them waits for them to be written
   * (a client read with the page is not: its row is kept as the steps leave it).
   */
  events: Set<string>;
  clients: Set<string>;
  notes: Array<[Level, string]>;
  chars: number;
}

function nothingPending(): Pending {
  return { steps: [], rows: { clients: {}, bookings: {} }, events: new Set(), clients: new Set(), notes: [], chars: 0 };
}

/** What one sync reads once: settings, texts, the booking rule, the time zone. */
class Context {
  readonly calendarId: string;
  readonly rule: BookingRule;
  readonly text: BookingText;
  readonly admin: string;
  since = 0;
  private readonly timeZone: string;
  private pending = nothingPending();
  /** The rows of this page's events and guests, found by one search per tab (null: no row), read once. */
  private found = { bookings: new Map<string, Found | null>(), clients: new Map<string, Found | null>() };

  constructor(readonly book: Workbook) {
    const settings = book.settings;
    this.calendarId = bookingCalendarId(book);
    this.text = bookingText(settings.locale);
    const owner = effectiveUserEmail();
    this.rule = {
      ownerEmails: [owner, this.calendarId, settings.adminEmail, settings.businessEmail].map((e) => e.trim().toLowerCase()).filter(Boolean),
      titleFilter: settings.scheduleName,
    };
    this.admin = adminEmail(book);
    this.timeZone = scriptTimeZone();
  }

  /** "samedi 28 novembre 2026 à 10 h 00", in the script's time zone. */
  when(ms: number): string {
    const date = new Date(ms);
    const [iso, hour, minute, weekday] = formatInZone(date, this.timeZone, 'yyyy-MM-dd|H|m|u').split('|');
    return this.text.when(this.text.weekdays[Number(weekday) - 1], formatDateLong(parseIsoDate(iso), this.book.settings.locale), Number(hour), Number(minute));
  }

  /**
   * Writes the changes decided so far as one plan (one write-ahead copy, one batched write per tab, the
   * e-mails' bookkeeping in one save), then their journal lines.
   */
  flush(): void {
    const { steps, rows, notes, events, clients } = this.pending;
    this.pending = nothingPending();
    // What these steps write is read again from the sheet when needed.
    for (const id of events) this.found.bookings.delete(id.toLowerCase());
    for (const email of clients) this.found.clients.delete(email.toLowerCase());
    if (steps.length) {
      const first = steps.find((s) => s.kind === 'upsert' && s.tab === 'bookings');
      // The journal's header read before the plan's writes: its lines then go with them, no read between.
      if (notes.length) openJournal(this.book);
      runPlan(this.book, { cause: `agenda:${first && 'key' in first ? first.key : ''}:${steps.length}`, steps }, { byKey: rows });
    }
    for (const [level, message] of notes) journal(this.book, level, message);
  }

  /** Adds one change's steps to the page's plan; `note`: its journal line, written with it. */
  private later(change: Change, steps: Step[], client: { email: string; row: number | null } | null, note: [Level, string] | null): void {
    const p = this.pending;
    p.steps.push(...steps);
    p.rows.bookings[change.id] = change.row;
    p.events.add(change.id);
    if (client) p.rows.clients[client.email] = client.row;
    for (const step of steps) {
      if (step.kind !== 'upsert' || step.tab !== 'clients') continue;
      const known = this.found.clients.get(step.key.toLowerCase());
      // The row as these steps leave it: the client's next change this page reads it here, nothing written yet.
      if (known) Object.assign(known.values, step.values);
      else p.clients.add(step.key);
    }
    if (note) p.notes.push(note);
    p.chars += JSON.stringify(steps).length;
    if (p.chars > PLAN_CHARS) this.flush();
  }

  /**
   * Finds the rows of a page's events (`Réservations`) and of their guests (`Clients`): one search per
   * tab for up to KEYS_PER_SEARCH keys, then one read per row found, instead of a search and a read per change.
   */
  prefetch(items: readonly CalendarEvent[]): void {
    const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
    const ids = [...new Set(items.map((i) => lower(i.id)).filter(Boolean))];
    const guests = items.flatMap((i) => (i.attendees ?? []).map((a) => lower(a?.email)));
    const emails = [...new Set(guests.filter((e) => e && !this.rule.ownerEmails.includes(e)))];
    this.found = { bookings: this.findAll('bookings', 'Événement', ids), clients: this.findAll('clients', 'E-mail', emails) };
  }

  private findAll<K extends 'bookings' | 'clients'>(tab: K, header: Header<K>, keys: readonly string[]): Map<string, Found | null> {
    const table = this.book.table(tab);
    const found = new Map<string, Found | null>(keys.map((k) => [k, null]));
    const rows: number[] = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_SEARCH) rows.push(...table.findRowsOfKeys(header, keys.slice(i, i + KEYS_PER_SEARCH)));
    const read = table.readRows(rows, rows.length <= ROWS_READ_ONE_BY_ONE ? ROWS_READ_ONE_BY_ONE : 1);
    for (const row of [...read.keys()].sort((a, b) => a - b)) {
      const values = read.get(row) as Record<string, CellValue>;
      const key = asText(values[header]).toLowerCase();
      // The first row of a key, as findRow gives it.
      if (found.has(key) && found.get(key) === null) found.set(key, { row, values });
    }
    return found;
  }

  /** A client's row as it is, once the changes waiting to be written that touch it are written. */
  private client(email: string): ClientRecord {
    if (this.pending.clients.has(email)) this.flush();
    const known = this.found.clients.get(email.toLowerCase());
    if (known === undefined) return readClient(this.book, email);
    if (known === null) return { row: null, lots: [], repairedFrom: null, values: {} };
    return { ...clientState(known.row, known.values), values: known.values };
  }

  /** The booking row of an event and what it holds (null: none). */
  private booking(id: string): Found | null {
    const known = this.found.bookings.get(id.toLowerCase());
    if (known !== undefined) return known;
    const bookings = this.book.table('bookings');
    const row = bookings.findRow('Événement', id);
    return row ? { row, values: bookings.read(row) } : null;
  }

  apply(event: CalendarEvent): void {
    const id = event.id;
    if (!id) return;
    if (this.pending.events.has(id)) this.flush();
    const found = this.booking(id);
    const row = found?.row ?? null;
    const stored = found ? storedBooking(found.values) : null;
    const observation = observe(event, this.rule, stored?.email || undefined);
    if (!stored && (observation.kind !== 'active' || (observation.createdMs !== null && observation.createdMs < this.since))) return;
    const settings = this.book.settings;
    const clients = new Map<string, ClientRecord>();
    let chosen: Chosen | null = null;
    if (observation.kind === 'active' && (stored === null || stored.status === BOOKING_STATUS.cancelled || stored.status === BOOKING_STATUS.lateCancelled)) {
      const pick = chooseBooker(observation.bookers, (email) => {
        const client = this.client(email);
        clients.set(email, client);
        return client.row === null ? null : balance(client.lots);
      });
      chosen = { email: pick.booker.email, name: pick.booker.name, balance: pick.balance };
    }
    const effect = decide(stored, observation, {
      nowMs: now().getTime(),
      cancellationHours: settings.cancellationHours,
      refundLateCancellation: settings.refundLateCancellation,
      declineWithoutCredit: settings.declineWithoutCredit,
      balance: chosen?.balance ?? null,
      watchingSinceMs: this.since,
    });
    const revision = (event.etag || event.updated || String(now().getTime())).replace(/"/g, '');
    const change = { id, row, revision };
    switch (effect.kind) {
      case 'none':
        return;
      case 'book':
        return this.book_(change, effect, chosen!, clients.get(chosen!.email)!);
      case 'noCredit':
        return this.noCredit(change, effect, chosen!, clients.get(chosen!.email));
      case 'move':
        return this.move(change, effect, stored!);
      case 'cancel':
        return this.cancel(change, effect, stored!);
    }
  }

  private book_(change: Change, effect: Extract<Effect, { kind: 'book' }>, chosen: Chosen, client: ClientRecord): void {
    const t = this.text;
    const at = now();
    const email = chosen.email;
    const name = asText(client.values['Nom']) || chosen.name;
    const when = this.when(effect.startMs);
    const steps = adjustmentSteps(this.book, email, client, `${change.id}:${change.revision}`, at);
    const before = balance(client.lots);
    const { lots, taken } = takeCredit(client.lots);
    const after = balance(lots);
    const alert = balanceAlert(asText(client.values['Alerte solde']), before, after, this.book.settings.lowBalanceThreshold);
    steps.push(
      ledgerStep({
        operation: `${change.id}:réservation:${change.revision}`,
        at,
        email,
        change: -BOOKING_CREDIT_COST,
        balanceAfter: after,
        motif: t.motifBooking(when),
        reference: change.id,
      }),
      { kind: 'upsert', tab: 'clients', key: email, values: { Solde: after, Lots: writeLots(lots), 'Alerte solde': alert.flag, 'Mis à jour': at } },
      bookingStep(change.id, {
        email,
        name,
        startMs: effect.startMs,
        endMs: effect.endMs,
        status: BOOKING_STATUS.booked,
        credits: BOOKING_CREDIT_COST,
        lot: writeTaken([taken]),
        at,
      }),
      mail(
        email,
        t.bookedSubject(when),
        paragraphs(this.book, name, { text: t.bookedBody(when, after) }, meetParagraph(this.text, effect.meetLink), {
          text: t.cancelPolicy(this.book.settings.cancellationHours),
        }),
      ),
      ...alertMailSteps(this.book, this.admin, email, name, alert.send, after),
    );
    this.later(change, steps, { email, row: client.row }, ['info', t.bookingRecorded(email, when, after)]);
  }

  private noCredit(change: Change, effect: Extract<Effect, { kind: 'noCredit' }>, chosen: Chosen, client: ClientRecord | undefined): void {
    const t = this.text;
    const at = now();
    const email = chosen.email;
    const name = asText(client?.values['Nom']) || chosen.name;
    const when = this.when(effect.startMs);
    const steps: Step[] = [
      bookingStep(change.id, { email, name, startMs: effect.startMs, endMs: effect.endMs, status: BOOKING_STATUS.noCredit, credits: 0, lot: '', at }),
    ];
    if (effect.decline) steps.push({ kind: 'declineEvent', calendarId: this.calendarId, event: change.id, email, status: BOOKING_STATUS.refused });
    steps.push(
      mail(
        email,
        t.noCreditSubject(when),
        paragraphs(
          this.book,
          name,
          { text: t.noCreditBody(when, effect.knownClient) },
          { text: effect.decline ? t.noCreditDeclined : t.noCreditPending },
          shopParagraph(this.book),
        ),
      ),
      mail(this.admin, t.adminNoCreditSubject(email), [{ text: t.adminNoCreditBody(email, when, effect.knownClient, effect.decline) }], MAIL_PRIORITY.alert),
    );
    this.later(change, steps, null, ['warning', t.bookingWithoutCredit(email, when, effect.knownClient)]);
  }

  private move(change: Change, effect: Extract<Effect, { kind: 'move' }>, stored: Stored): void {
    const t = this.text;
    const at = now();
    const from = stored.startMs !== null ? this.when(stored.startMs) : '?';
    const to = this.when(effect.startMs);
    const steps: Step[] = [
      { kind: 'upsert', tab: 'bookings', key: change.id, values: { Début: new Date(effect.startMs), Fin: new Date(effect.endMs), 'Mis à jour': at } },
    ];
    if (effect.notify) {
      steps.push(
        mail(
          stored.email,
          t.movedSubject(to),
          paragraphs(this.book, stored.name, { text: t.movedBody(from, to) }, meetParagraph(this.text, effect.meetLink), {
            text: t.cancelPolicy(this.book.settings.cancellationHours),
          }),
        ),
      );
    }
    this.later(change, steps, null, ['info', t.bookingMoved(stored.email, from, to)]);
  }

  private cancel(change: Change, effect: Extract<Effect, { kind: 'cancel' }>, stored: Stored): void {
    const t = this.text;
    const at = now();
    const hours = this.book.settings.cancellationHours;
    const when = stored.startMs !== null ? this.when(stored.startMs) : '?';
    const status = effect.late ? BOOKING_STATUS.lateCancelled : BOOKING_STATUS.cancelled;
    const steps: Step[] = [];
    let refunded = false;
    let after = 0;
    const known: { client?: number | null; booking: number | null } = { booking: change.row };
    if (effect.refund) {
      const client = this.client(stored.email);
      if (client.row !== null) {
        steps.push(...adjustmentSteps(this.book, stored.email, client, `${change.id}:${change.revision}`, at));
        const taken: Lot[] = stored.taken.length ? stored.taken : [{ ref: ADJUSTMENT_REF, remaining: stored.credit, expires: null }];
        const before = balance(client.lots);
        const lots = giveBack(client.lots, taken);
        after = balance(lots);
        const alert = balanceAlert(asText(client.values['Alerte solde']), before, after, this.book.settings.lowBalanceThreshold);
        steps.push(
          ledgerStep({
            operation: `${change.id}:annulation:${change.revision}`,
            at,
            email: stored.email,
            change: after - before,
            balanceAfter: after,
            motif: t.motifCancellation(when),
            reference: change.id,
          }),
          { kind: 'upsert', tab: 'clients', key: stored.email, values: { Solde: after, Lots: writeLots(lots), 'Alerte solde': alert.flag, 'Mis à jour': at } },
        );
        known.client = client.row;
        refunded = true;
      }
    }
    const credit = refunded ? 0 : stored.credit;
    steps.push({
      kind: 'upsert',
      tab: 'bookings',
      key: change.id,
      values: { Statut: status, Crédit: credit, ...(refunded ? { Lot: '' } : {}), 'Mis à jour': at },
    });
    if (effect.notify) {
      // A credit due but not given back (the client's row is gone) is not promised in the e-mail.
      const body =
        effect.refund && !refunded
          ? t.cancelledBody(when)
          : !effect.late
            ? t.cancelledEarlyBody(when, after)
            : refunded
              ? t.cancelledLateRefundedBody(when, hours, after)
              : t.cancelledLateBody(when, hours);
      const link = this.book.settings.bookingLink;
      steps.push(
        mail(stored.email, t.cancelledSubject(when), paragraphs(this.book, stored.name, { text: body }, refunded && link ? { text: t.bookLink, link } : null)),
      );
    }
    this.later(
      change,
      steps,
      known.client !== undefined ? { email: stored.email, row: known.client } : null,
      stored.status === BOOKING_STATUS.booked ? ['info', t.bookingCancelled(stored.email, when, effect.late, refunded)] : null,
    );
  }
}

interface Change {
  id: string;
  row: number | null;
  revision: string;
}

interface Chosen {
  email: string;
  name: string;
  balance: number | null;
}

type Stored = StoredBooking & { name: string; taken: Lot[] };

function storedBooking(values: Record<string, unknown>): Stored {
  const start = values['Début'];
  const end = values['Fin'];
  const credit = asNumber(values['Crédit']);
  return {
    status: asText(values['Statut']),
    email: asText(values['E-mail']).toLowerCase(),
    name: asText(values['Nom']),
    startMs: isDate(start) ? start.getTime() : null,
    endMs: isDate(end) ? end.getTime() : null,
    credit: Number.isFinite(credit) && credit > 0 ? Math.floor(credit) : 0,
    taken: readTaken(asText(values['Lot'])),
  };
}
