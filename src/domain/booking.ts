// Bookings made through a Google Calendar appointment schedule, as pure policy: which calendar event
// is a booking and by whom, what a change to it means for the client's credits, when a cancellation
// is early enough to give the credit back, and which balance alerts are due. No Apps Script here.
//
// The Calendar API has no field that marks a booking (shared/PLATFORM.md): a booking is an event
// that the teacher organises on the booking calendar, with at least one guest who is not the
// teacher, and, when the admin set the schedule's name, a title that contains it.
import { balance, consume, isLot, type Lot } from './ledger';
import { BOOKING_STATUS } from './schema';

// Declared with the other status vocabularies; re-exported for the booking flow.
export { BOOKING_STATUS };

export const HOUR_MS = 60 * 60 * 1000;

/** A booking costs one credit. takeCredit() and the `Lot` cell of a booking assume it: the credit comes from one lot. */
export const BOOKING_CREDIT_COST = 1;

/** The fields of a Calendar API Events resource that Carnet reads (everything optional: a deleted event has only its id). */
export interface CalendarEvent {
  id?: string;
  status?: string;
  etag?: string;
  summary?: string;
  created?: string;
  updated?: string;
  eventType?: string;
  start?: { dateTime?: string; date?: string };
  end?: { dateTime?: string; date?: string };
  organizer?: { email?: string; self?: boolean };
  attendees?: Array<{ email?: string; displayName?: string; responseStatus?: string; self?: boolean; organizer?: boolean; resource?: boolean }>;
  hangoutLink?: string;
  conferenceData?: { entryPoints?: Array<{ entryPointType?: string; uri?: string }> };
}

export interface BookingRule {
  /** The teacher's addresses, lower-case: the account, the booking calendar's id, the admin and contact e-mails. */
  ownerEmails: readonly string[];
  /** The appointment schedule's name; '' = every event with a guest is a booking. */
  titleFilter: string;
}

export interface Booker {
  email: string;
  name: string;
}

export type IgnoreReason = 'noId' | 'specialEvent' | 'allDay' | 'notOrganizer' | 'noGuest' | 'title';

export type Observation =
  /** A booking that holds: its guests who may be the client (in the event's order), its time. */
  | { kind: 'active'; bookers: Booker[]; startMs: number; endMs: number; meetLink: string; createdMs: number | null }
  /** Cancelled or deleted, or the client declined or was removed; `atMs` is when, as far as the event says. */
  | { kind: 'cancelled'; atMs: number | null }
  /** Not a booking (the teacher's own event, an availability block, another schedule…). */
  | { kind: 'ignored'; reason: IgnoreReason };

function lower(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

/** Milliseconds of an RFC 3339 date-time, or null. */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

export function meetLinkOf(event: CalendarEvent): string {
  if (typeof event.hangoutLink === 'string' && event.hangoutLink) return event.hangoutLink;
  const video = event.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video' && typeof p.uri === 'string');
  return video?.uri ?? '';
}

function isOwner(email: string, rule: BookingRule): boolean {
  return rule.ownerEmails.includes(email);
}

/** Guests who are not the teacher (nor a room), in the event's order, without duplicates. */
function guests(event: CalendarEvent, rule: BookingRule): Array<Booker & { declined: boolean }> {
  const seen = new Set<string>();
  const out: Array<Booker & { declined: boolean }> = [];
  for (const a of event.attendees ?? []) {
    const email = lower(a?.email);
    if (!email || a.self || a.organizer || a.resource || isOwner(email, rule) || seen.has(email)) continue;
    seen.add(email);
    out.push({ email, name: typeof a.displayName === 'string' ? a.displayName.trim() : '', declined: a.responseStatus === 'declined' });
  }
  return out;
}

function cancelledAt(event: CalendarEvent): number | null {
  return parseInstant(event.updated);
}

/**
 * What an event says. `storedEmail` is the client of the `Réservations` row when there is one: a
 * known booking stays a booking while that client is a guest who has not declined (a renamed event
 * is still the lesson), and ends when the event is cancelled or the client declines or is removed.
 */
export function observe(event: CalendarEvent, rule: BookingRule, storedEmail?: string): Observation {
  if (!event || typeof event.id !== 'string' || !event.id) return { kind: 'ignored', reason: 'noId' };
  if (event.status === 'cancelled') return { kind: 'cancelled', atMs: cancelledAt(event) };
  const startMs = parseInstant(event.start?.dateTime);
  const endMs = parseInstant(event.end?.dateTime);
  const meetLink = meetLinkOf(event);
  const createdMs = parseInstant(event.created);
  if (storedEmail) {
    const email = lower(storedEmail);
    const guest = (event.attendees ?? []).find((a) => lower(a?.email) === email);
    if (!guest || guest.responseStatus === 'declined') return { kind: 'cancelled', atMs: cancelledAt(event) };
    if (startMs === null || endMs === null) return { kind: 'ignored', reason: 'allDay' };
    return {
      kind: 'active',
      bookers: [{ email, name: typeof guest.displayName === 'string' ? guest.displayName.trim() : '' }],
      startMs,
      endMs,
      meetLink,
      createdMs,
    };
  }
  if (event.eventType && event.eventType !== 'default') return { kind: 'ignored', reason: 'specialEvent' };
  if (startMs === null || endMs === null) return { kind: 'ignored', reason: 'allDay' };
  // Appointment bookings are organised by the schedule's owner; an invitation received from someone else is not one.
  const organizer = lower(event.organizer?.email);
  if (!(event.organizer?.self === true || (organizer !== '' && isOwner(organizer, rule)))) return { kind: 'ignored', reason: 'notOrganizer' };
  const filter = rule.titleFilter.trim().toLowerCase();
  if (filter && !lower(event.summary).includes(filter)) return { kind: 'ignored', reason: 'title' };
  const bookers = guests(event, rule)
    .filter((g) => !g.declined)
    .map(({ email, name }) => ({ email, name }));
  if (bookers.length === 0) return { kind: 'ignored', reason: 'noGuest' };
  return { kind: 'active', bookers, startMs, endMs, meetLink, createdMs };
}

/** At most this many guests are looked up in `Clients` for one booking. */
export const MAX_BOOKER_LOOKUPS = 3;

/**
 * Which guest pays: the first who is a client with credits, else the first client, else the first
 * guest. `balanceOf` gives a client's balance, or null for someone who is not in `Clients`.
 */
export function chooseBooker(bookers: readonly Booker[], balanceOf: (email: string) => number | null): { booker: Booker; balance: number | null } {
  if (bookers.length === 0) throw new Error('chooseBooker: no guest');
  const looked = bookers.slice(0, MAX_BOOKER_LOOKUPS).map((booker) => ({ booker, balance: balanceOf(booker.email) }));
  return looked.find((l) => l.balance !== null && l.balance > 0) ?? looked.find((l) => l.balance !== null) ?? looked[0];
}

/** Early enough to give the credit back: at least `hours` before the start. */
export function isEarlyCancellation(startMs: number, cancelledAtMs: number, hours: number): boolean {
  return startMs - cancelledAtMs >= hours * HOUR_MS;
}

/** The `Réservations` row as Carnet left it. */
export interface StoredBooking {
  status: string;
  email: string;
  startMs: number | null;
  endMs: number | null;
  /** Credits this booking holds (1 while booked, 0 otherwise). */
  credit: number;
}

export interface DecisionContext {
  nowMs: number;
  cancellationHours: number;
  refundLateCancellation: boolean;
  declineWithoutCredit: boolean;
  /** The chosen booker's balance, or null when they are not in `Clients` (only read for a new booking). */
  balance: number | null;
  /** Bookings created before Carnet watched this calendar are not Carnet's. */
  watchingSinceMs: number;
}

export type Effect =
  | { kind: 'none' }
  /** −1 credit, row `réservé`, confirmation. */
  | { kind: 'book'; startMs: number; endMs: number; meetLink: string }
  /** Row `sans crédit` (or `refusé` once the event is declined), e-mails to the booker and the admin. */
  | { kind: 'noCredit'; startMs: number; endMs: number; meetLink: string; knownClient: boolean; decline: boolean }
  /** The row follows the new time; `notify`: tell the client. */
  | { kind: 'move'; startMs: number; endMs: number; meetLink: string; notify: boolean }
  /** `late`: inside the cancellation window; `refund`: +1 credit; `notify`: tell the client. */
  | { kind: 'cancel'; late: boolean; refund: boolean; notify: boolean };

const REOPENABLE: readonly string[] = [BOOKING_STATUS.cancelled, BOOKING_STATUS.lateCancelled];

/** The effect of seeing `observation` for a booking whose row is `stored` (null: no row yet). Idempotent: the same observation after its effect is `none`. */
export function decide(stored: StoredBooking | null, observation: Observation, ctx: DecisionContext): Effect {
  if (stored === null || REOPENABLE.includes(stored.status)) {
    if (observation.kind !== 'active') return { kind: 'none' };
    if (stored === null && observation.createdMs !== null && observation.createdMs < ctx.watchingSinceMs) return { kind: 'none' };
    const { startMs, endMs, meetLink } = observation;
    if (ctx.balance !== null && ctx.balance > 0) return { kind: 'book', startMs, endMs, meetLink };
    return { kind: 'noCredit', startMs, endMs, meetLink, knownClient: ctx.balance !== null, decline: ctx.declineWithoutCredit };
  }
  if (stored.status !== BOOKING_STATUS.booked && stored.status !== BOOKING_STATUS.noCredit) return { kind: 'none' };
  const booked = stored.status === BOOKING_STATUS.booked;
  if (observation.kind === 'active') {
    if (observation.startMs === stored.startMs && observation.endMs === stored.endMs) return { kind: 'none' };
    return { kind: 'move', startMs: observation.startMs, endMs: observation.endMs, meetLink: observation.meetLink, notify: booked };
  }
  if (observation.kind === 'ignored') return { kind: 'none' };
  if (!booked) return { kind: 'cancel', late: false, refund: false, notify: false };
  // The event's last change is when it was cancelled; a sweep that sees it later must not make it late.
  const at = observation.atMs !== null && observation.atMs <= ctx.nowMs ? observation.atMs : ctx.nowMs;
  const early = stored.startMs === null || isEarlyCancellation(stored.startMs, at, ctx.cancellationHours);
  const refund = stored.credit > 0 && (early || ctx.refundLateCancellation);
  return { kind: 'cancel', late: !early, refund, notify: true };
}

/** Takes the booking's credit from the lot that expires first; `taken` is that lot as it was (the credit, its ref and expiry). */
export function takeCredit(lots: readonly Lot[]): { lots: Lot[]; taken: Lot } {
  const { lots: next, taken } = consume(lots, BOOKING_CREDIT_COST);
  const ref = taken[0].ref;
  // consume() took from the earliest-expiring non-empty lot: among the lots with this ref, that is the earliest one.
  const dated = lots.filter((l) => l.ref === ref && l.remaining > 0).map((l) => l.expires);
  const expires = dated.filter((e): e is string => e !== null).sort()[0] ?? null;
  return { lots: next, taken: { ref, remaining: BOOKING_CREDIT_COST, expires } };
}

/** Gives credits back to the lot they came from (same ref and expiry), or as that lot again if it was used up. */
export function giveBack(lots: readonly Lot[], taken: readonly Lot[]): Lot[] {
  const next = lots.map((l) => ({ ...l }));
  for (const t of taken) {
    if (!Number.isInteger(t.remaining) || t.remaining <= 0) continue;
    const same = next.find((l) => l.ref === t.ref && l.expires === t.expires);
    if (same) same.remaining += t.remaining;
    else next.push({ ref: t.ref, remaining: t.remaining, expires: t.expires });
  }
  return next;
}

/** The `Lot` cell of a booking: the credit it holds, or [] for one that holds none. */
export function readTaken(cell: string): Lot[] {
  if (!cell.trim()) return [];
  try {
    const parsed: unknown = JSON.parse(cell);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((l): l is Lot => isLot(l) && l.remaining > 0);
  } catch {
    return [];
  }
}

export function writeTaken(taken: readonly Lot[]): string {
  return taken.length ? JSON.stringify(taken.map((t) => ({ ref: t.ref, remaining: t.remaining, expires: t.expires }))) : '';
}

// ---- balance alerts ------------------------------------------------------------------------------

/** `Clients` → `Alerte solde`: the last alert sent, so that each is sent once per fall. */
export const ALERT_FLAG = { none: '', low: 'bas', empty: 'épuisé' } as const;
export type AlertFlag = (typeof ALERT_FLAG)[keyof typeof ALERT_FLAG];
export type AlertToSend = 'none' | 'low' | 'empty';

/**
 * The alert a change of balance calls for. `flag` is the stored one; a balance that has risen since
 * (a purchase, a credit given back) clears it, so the alert comes again after the next fall. Reaching
 * 0 sends "empty" (client and admin); reaching the low threshold (≥ 1) sends one "low" reminder.
 */
export function balanceAlert(flag: string, before: number, after: number, threshold: number): { flag: AlertFlag; send: AlertToSend } {
  let current: AlertFlag = flag === ALERT_FLAG.low || flag === ALERT_FLAG.empty ? flag : ALERT_FLAG.none;
  if (before > threshold) current = ALERT_FLAG.none;
  else if (before > 0 && current === ALERT_FLAG.empty) current = ALERT_FLAG.low;
  if (after >= before) {
    if (after > threshold) return { flag: ALERT_FLAG.none, send: 'none' };
    if (after > 0 && current === ALERT_FLAG.empty) return { flag: ALERT_FLAG.low, send: 'none' };
    return { flag: current, send: 'none' };
  }
  if (after <= 0) return { flag: ALERT_FLAG.empty, send: current === ALERT_FLAG.empty ? 'none' : 'empty' };
  if (after <= threshold) return current === ALERT_FLAG.none ? { flag: ALERT_FLAG.low, send: 'low' } : { flag: current, send: 'none' };
  return { flag: ALERT_FLAG.none, send: 'none' };
}

// ---- expiry --------------------------------------------------------------------------------------

/** Credits of the lots that expire on `date` (ISO), for the warning sent some days before. */
export function creditsExpiringOn(lots: readonly Lot[], date: string): number {
  return balance(lots.filter((l) => l.expires === date));
}

/**
 * A regular expression (RE2 syntax, as Sheets' text finder uses) that matches exactly the ISO dates
 * (YYYY-MM-DD) before `day`: one alternative per digit that can be smaller, the rest any digit.
 * '' when no date can be earlier (0000-00-00).
 */
export function isoDatesBeforePattern(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Invalid ISO date: ${day}`);
  const alternatives: string[] = [];
  for (let i = 0; i < day.length; i++) {
    const c = day[i];
    if (c === '-' || c === '0') continue;
    const d = Number(c);
    const rest = day.slice(i + 1).replace(/\d/g, '\\d');
    alternatives.push(`${day.slice(0, i)}${d === 1 ? '0' : `[0-${d - 1}]`}${rest}`);
  }
  return alternatives.join('|');
}
