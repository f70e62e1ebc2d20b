// The one calendar store behind CalendarApp and the Calendar advanced service: calendars, events,
// a change sequence for incremental sync, sync and page tokens.
//
// Facts reproduced (developers.google.com/calendar/api/v3/reference/events, …/guides/sync):
// - an event's `id` is base32hex ([a-v0-9]); its iCalUID is "<id>@google.com";
// - created/updated are RFC 3339 UTC; start/end.dateTime are written in the calendar's time zone;
// - a deleted event stays visible to incremental sync (and to get) as `status: "cancelled"`, with
//   only its id guaranteed ("Deleted events are only guaranteed to have the id field populated").
import { createHash } from 'node:crypto';
import type { Runtime } from '../runtime';
import { formatDate, formatDateTime, formatUtc, isValidTimeZone, parseDate, parseDateTime } from './time';

export type ResponseStatus = 'needsAction' | 'declined' | 'tentative' | 'accepted';
export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

export interface StoredCalendar {
  id: string;
  summary: string;
  description: string;
  timeZone: string;
  owned: boolean;
  primary: boolean;
}

export type EventTime = { kind: 'dateTime'; ms: number; timeZone?: string } | { kind: 'date'; date: string };

export interface StoredAttendee {
  email: string;
  displayName?: string;
  responseStatus: ResponseStatus;
  optional?: boolean;
  comment?: string;
  additionalGuests?: number;
}

export interface StoredEvent {
  id: string;
  calendarId: string;
  status: EventStatus;
  /** Hard-deleted: a tombstone that only get and incremental sync still see. */
  deleted: boolean;
  summary?: string;
  description?: string;
  location?: string;
  start: EventTime;
  end: EventTime;
  startMs: number;
  endMs: number;
  attendees: StoredAttendee[];
  creator: string;
  organizer: string;
  hangoutLink?: string;
  conferenceData?: Record<string, unknown>;
  /** Other writable fields kept as given (colorId, reminders, extendedProperties, transparency…). */
  extra: Record<string, unknown>;
  created: number;
  updated: number;
  sequence: number;
  etagN: number;
  changeSeq: number;
}

interface SyncTokenState {
  calendarId: string;
  seq: number;
  generation: number;
}

export interface PageState {
  calendarId: string;
  queryKey: string;
  ids: string[];
  offset: number;
  syncSeq: number;
  timeZone: string;
}

export const EVENT_STATUSES: readonly EventStatus[] = ['confirmed', 'tentative', 'cancelled'];
export const RESPONSE_STATUSES: readonly ResponseStatus[] = ['needsAction', 'declined', 'tentative', 'accepted'];
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/;
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** Old tokens are forgotten (a forgotten sync token is a 410, as when Google expires one). */
const MAX_SYNC_TOKENS = 1000;
const MAX_PAGE_TOKENS = 200;

function prune<V>(map: Map<string, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) break;
    map.delete(key);
  }
}

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** A thrown input problem: the advanced service wraps it into a GoogleJsonResponseException. */
export class InvalidInput extends Error {}

/** Parses an API start/end object ({dateTime[, timeZone]} or {date}); `which` is "start" or "end". */
export function parseEventTime(value: unknown, which: 'start' | 'end', calendarTz: string): { time: EventTime; ms: number } {
  if (!value || typeof value !== 'object') throw new InvalidInput(`Missing ${which} time.`);
  const v = value as { dateTime?: unknown; date?: unknown; timeZone?: unknown };
  const timeZone = v.timeZone === undefined || v.timeZone === null ? undefined : String(v.timeZone);
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) throw new InvalidInput(`Invalid time zone definition for ${which} time.`);
  if (v.dateTime !== undefined && v.dateTime !== null) {
    if (typeof v.dateTime !== 'string') throw new InvalidInput(`Invalid ${which} time.`);
    const parsed = parseDateTime(v.dateTime, timeZone);
    if (!parsed.ok) throw new InvalidInput(`Invalid ${which} time.`);
    if (Number.isNaN(parsed.ms)) throw new InvalidInput(`Missing time zone definition for ${which} time.`);
    return { time: { kind: 'dateTime', ms: parsed.ms, ...(timeZone ? { timeZone } : {}) }, ms: parsed.ms };
  }
  if (v.date !== undefined && v.date !== null) {
    const ms = typeof v.date === 'string' ? parseDate(v.date, calendarTz) : NaN;
    if (Number.isNaN(ms)) throw new InvalidInput(`Invalid ${which} time.`);
    return { time: { kind: 'date', date: String(v.date).trim() }, ms };
  }
  throw new InvalidInput(`Missing ${which} time.`);
}

export class CalendarStore {
  readonly calendars = new Map<string, StoredCalendar>();
  /** Events by calendar, in creation order (the API's "unspecified, stable order"). */
  private readonly events = new Map<string, Map<string, StoredEvent>>();
  private seq = 0;
  private etagN = 0;
  private idCounter = 0;
  private tokenCounter = 0;
  private generation = 1;
  private readonly syncTokens = new Map<string, SyncTokenState>();
  readonly pageTokens = new Map<string, PageState>();

  constructor(private readonly rt: Runtime) {
    this.addCalendar(rt.ownerEmail, rt.ownerEmail, { primary: true });
  }

  // ---- calendars ------------------------------------------------------------------------------

  addCalendar(id: string, summary: string, options: { owned?: boolean; primary?: boolean; timeZone?: string; description?: string } = {}): StoredCalendar {
    const calendar: StoredCalendar = {
      id,
      summary,
      description: options.description ?? '',
      timeZone: options.timeZone ?? this.rt.timeZone,
      owned: options.owned ?? true,
      primary: options.primary ?? false,
    };
    this.calendars.set(id, calendar);
    if (!this.events.has(id)) this.events.set(id, new Map());
    return calendar;
  }

  /** 'primary' is the owner's calendar (Calendar API keyword); undefined when unknown. */
  calendar(id: string): StoredCalendar | undefined {
    if (id === 'primary') return this.primaryCalendar();
    return this.calendars.get(id);
  }

  primaryCalendar(): StoredCalendar {
    for (const c of this.calendars.values()) if (c.primary) return c;
    throw new Error('No primary calendar');
  }

  /** The address that is "self" on this calendar: the owner on the primary, the calendar id elsewhere. */
  selfEmail(calendar: StoredCalendar): string {
    return calendar.primary ? this.rt.ownerEmail : calendar.id;
  }

  // ---- events ---------------------------------------------------------------------------------

  eventsOf(calendarId: string): StoredEvent[] {
    return [...(this.events.get(calendarId)?.values() ?? [])];
  }

  event(calendarId: string, id: string): StoredEvent | undefined {
    return this.events.get(calendarId)?.get(id);
  }

  hasId(calendarId: string, id: string): boolean {
    return this.events.get(calendarId)?.has(id) ?? false;
  }

  /** A fresh, deterministic 26-character base32hex id. */
  newId(): string {
    for (;;) {
      this.idCounter += 1;
      const digest = createHash('sha256').update(`${this.rt.scriptId}:event:${this.idCounter}`).digest();
      let id = '';
      for (let i = 0; i < 26; i++) id += BASE32HEX[digest[i] & 31];
      let taken = false;
      for (const events of this.events.values()) if (events.has(id)) taken = true;
      if (!taken) return id;
    }
  }

  /** Adds an event (already validated) and records the change. */
  insert(event: Omit<StoredEvent, 'created' | 'updated' | 'sequence' | 'etagN' | 'changeSeq'>): StoredEvent {
    const now = this.rt.clock.now();
    const stored: StoredEvent = { ...event, created: now, updated: now, sequence: 0, etagN: 0, changeSeq: 0 };
    this.events.get(event.calendarId)?.set(event.id, stored);
    this.changed(stored, false);
    return stored;
  }

  /** Records a change: bumps updated, etag, the change sequence (and sequence when significant). */
  changed(event: StoredEvent, significant: boolean): void {
    event.updated = this.rt.clock.now();
    event.etagN = ++this.etagN;
    event.changeSeq = ++this.seq;
    if (significant) event.sequence += 1;
    this.rt.emit('calendarChanged', event.calendarId);
  }

  setTime(event: StoredEvent, start: EventTime, startMs: number, end: EventTime, endMs: number): void {
    event.start = start;
    event.end = end;
    event.startMs = startMs;
    event.endMs = endMs;
  }

  /** Hard delete: the event becomes a tombstone (status cancelled) for get and incremental sync. */
  remove(event: StoredEvent): void {
    event.status = 'cancelled';
    event.deleted = true;
    this.changed(event, true);
  }

  cancel(event: StoredEvent): void {
    event.status = 'cancelled';
    this.changed(event, true);
  }

  isGone(event: StoredEvent): boolean {
    return event.deleted || event.status === 'cancelled';
  }

  // ---- sync and page tokens -------------------------------------------------------------------

  get currentSeq(): number {
    return this.seq;
  }

  /** A token for "changes after `seq` on this calendar"; the same state gives back the same token. */
  syncTokenFor(calendarId: string, seq: number): string {
    for (const [token, s] of this.syncTokens) if (s.calendarId === calendarId && s.seq === seq && s.generation === this.generation) return token;
    const token = `C${Buffer.from(`sync:${++this.tokenCounter}:${seq}`).toString('base64').replace(/=+$/, '')}EAAYAQ==`;
    this.syncTokens.set(token, { calendarId, seq, generation: this.generation });
    prune(this.syncTokens, MAX_SYNC_TOKENS);
    return token;
  }

  /** The change sequence a sync token stands for, or undefined when it is unknown, stale or for another calendar. */
  syncTokenSeq(calendarId: string, token: string): number | undefined {
    const s = this.syncTokens.get(token);
    if (!s || s.generation !== this.generation || s.calendarId !== calendarId) return undefined;
    return s.seq;
  }

  invalidateSyncTokens(): void {
    this.generation += 1;
    this.syncTokens.clear();
  }

  newPageToken(state: PageState): string {
    const token = `EjQK${Buffer.from(`page:${++this.tokenCounter}`).toString('base64').replace(/=+$/, '')}`;
    this.pageTokens.set(token, state);
    prune(this.pageTokens, MAX_PAGE_TOKENS);
    return token;
  }

  // ---- API representation ---------------------------------------------------------------------

  etag(event: StoredEvent): string {
    return `"${3180000000000000 + event.etagN}"`;
  }

  /** The Events resource as the API returns it, written in `timeZone` (default: the calendar's). */
  toResource(event: StoredEvent, timeZone?: string): GoogleAppsScript.Calendar.Schema.Event & Record<string, unknown> {
    if (event.deleted) return { kind: 'calendar#event', etag: this.etag(event), id: event.id, status: 'cancelled' };
    const calendar = this.calendars.get(event.calendarId);
    const tz = timeZone ?? calendar?.timeZone ?? this.rt.timeZone;
    const self = calendar ? this.selfEmail(calendar) : this.rt.ownerEmail;
    const eid = Buffer.from(`${event.id} ${event.calendarId}`).toString('base64url');
    const resource: Record<string, unknown> = {
      kind: 'calendar#event',
      etag: this.etag(event),
      id: event.id,
      status: event.status,
      htmlLink: `https://www.google.com/calendar/event?eid=${eid}`,
      created: formatUtc(event.created),
      updated: formatUtc(event.updated),
    };
    if (event.summary !== undefined) resource.summary = event.summary;
    if (event.description !== undefined) resource.description = event.description;
    if (event.location !== undefined) resource.location = event.location;
    resource.creator = { email: event.creator, ...(event.creator === this.rt.ownerEmail ? { self: true } : {}) };
    const organizer: Record<string, unknown> = { email: event.organizer };
    if (calendar && !calendar.primary && event.organizer === calendar.id) organizer.displayName = calendar.summary;
    if (event.organizer === self) organizer.self = true;
    resource.organizer = organizer;
    resource.start = this.timeResource(event.start, tz);
    resource.end = this.timeResource(event.end, tz);
    resource.iCalUID = `${event.id}@google.com`;
    resource.sequence = event.sequence;
    if (event.attendees.length) {
      resource.attendees = event.attendees.map((a) => ({
        email: a.email,
        ...(a.displayName !== undefined ? { displayName: a.displayName } : {}),
        ...(a.email === event.organizer ? { organizer: true } : {}),
        ...(a.email === self ? { self: true } : {}),
        ...(a.optional ? { optional: true } : {}),
        responseStatus: a.responseStatus,
        ...(a.comment !== undefined ? { comment: a.comment } : {}),
        ...(a.additionalGuests ? { additionalGuests: a.additionalGuests } : {}),
      }));
    }
    if (event.hangoutLink) resource.hangoutLink = event.hangoutLink;
    if (event.conferenceData) resource.conferenceData = structuredClone(event.conferenceData);
    Object.assign(resource, structuredClone(event.extra));
    if (!('reminders' in resource)) resource.reminders = { useDefault: true };
    if (!('eventType' in resource)) resource.eventType = 'default';
    return resource;
  }

  private timeResource(time: EventTime, tz: string): Record<string, string> {
    if (time.kind === 'date') return { date: time.date };
    return { dateTime: formatDateTime(time.ms, tz), ...(time.timeZone ? { timeZone: time.timeZone } : {}) };
  }

  /** Wall-clock helpers for CalendarApp: an all-day date's midnight in the calendar's zone. */
  allDayMs(date: string, calendarId: string): number {
    return parseDate(date, this.calendars.get(calendarId)?.timeZone ?? this.rt.timeZone);
  }

  dateOf(ms: number, calendarId: string): string {
    return formatDate(ms, this.calendars.get(calendarId)?.timeZone ?? this.rt.timeZone);
  }

  // ---- persistence ----------------------------------------------------------------------------

  save(): unknown {
    return {
      calendars: [...this.calendars.values()],
      events: [...this.events.values()].flatMap((m) => [...m.values()]),
      seq: this.seq,
      etagN: this.etagN,
      idCounter: this.idCounter,
      tokenCounter: this.tokenCounter,
      generation: this.generation,
      syncTokens: [...this.syncTokens.entries()],
      pageTokens: [...this.pageTokens.entries()],
    };
  }

  load(data: unknown): void {
    if (!data || typeof data !== 'object') return;
    const d = data as {
      calendars: StoredCalendar[];
      events: StoredEvent[];
      seq: number;
      etagN: number;
      idCounter: number;
      tokenCounter: number;
      generation: number;
      syncTokens: Array<[string, SyncTokenState]>;
      pageTokens: Array<[string, PageState]>;
    };
    this.calendars.clear();
    this.events.clear();
    for (const c of d.calendars) this.addCalendar(c.id, c.summary, c);
    for (const e of d.events) this.events.get(e.calendarId)?.set(e.id, e);
    this.seq = d.seq;
    this.etagN = d.etagN;
    this.idCounter = d.idCounter;
    this.tokenCounter = d.tokenCounter;
    this.generation = d.generation;
    this.syncTokens.clear();
    for (const [k, v] of d.syncTokens) this.syncTokens.set(k, v);
    this.pageTokens.clear();
    for (const [k, v] of d.pageTokens) this.pageTokens.set(k, v);
  }
}
