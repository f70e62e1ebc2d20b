// The Calendar advanced service (Calendar API v3 as Apps Script exposes it): Events.list/get/insert/
// patch/update/remove, Calendars.get, CalendarList.list/get. Plain JSON objects in and out.
//
// References:
// - developers.google.com/calendar/api/v3/reference/events/list: maxResults default 250, at most
//   2500, "may be less than this value, or none at all, even if there are more events"; nextSyncToken
//   only when no further page; showDeleted default false; timeMin/timeMax are RFC 3339 with offset.
// - developers.google.com/calendar/api/guides/sync: incremental sync with syncToken; "If the syncToken
//   expires, the server will respond with a 410 GONE response code" ("Sync token is no longer valid, a
//   full sync is required."); a syncToken cannot be combined with iCalUID, orderBy, q, timeMin,
//   timeMax, updatedMin, and showDeleted=false (400 "Sync token cannot be used with other request
//   restrictions.", reason syncTokenWithRequestRestrictions — qiita.com/shiraily/items/6762046f041551c269da).
// - developers.google.com/calendar/api/v3/reference/events: "The get method always returns
//   [cancelled events]"; conferenceDataVersion 0 "ignores conference data in the event's body".
// - developers.google.com/apps-script/advanced/calendar: If-Match header on writes.
import { conforms } from '../conformance';
import { isDate, Runtime } from '../runtime';
import { apiError } from './errors';
import { EventFields, jsonCopy, meetConference, mergePatch, parseFields, writableView } from './resource';
import { CalendarStore, InvalidInput, PageState, StoredCalendar, StoredEvent } from './store';
import { formatUtc, isValidTimeZone, parseDateTime } from './time';

const DEFAULT_PAGE = 250;
const MAX_PAGE = 2500;
const SYNC_RESTRICTED = ['iCalUID', 'orderBy', 'privateExtendedProperty', 'q', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin'];

type Args = Record<string, unknown>;

/**
 * A copy of the script's argument object. A Date stays a non-string marker: the API wants RFC 3339
 * strings, and whether Apps Script would serialize a Date acceptably is unverified (so: refused).
 */
function copyArg(value: unknown): unknown {
  if (isDate(value)) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(copyArg);
  if (value && typeof value === 'object') {
    const out: Args = {};
    for (const [k, v] of Object.entries(value as Args)) if (v !== undefined && typeof v !== 'function') out[k] = copyArg(v);
    return out;
  }
  return value;
}

function args(value: unknown): Args {
  return value && typeof value === 'object' && !Array.isArray(value) ? (copyArg(value) as Args) : {};
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) if (k.toLowerCase() === name.toLowerCase()) return String(v);
  return undefined;
}

/** Shared plumbing: call accounting, calendar lookup, error wrapping. */
class Api {
  constructor(
    readonly rt: Runtime,
    readonly store: CalendarStore,
  ) {}

  call(method: string): void {
    this.rt.call('Calendar', method);
  }

  /** Runs `fn`, turning input problems into the API's GoogleJsonResponseException. */
  guard<T>(method: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof InvalidInput) throw apiError(method, error.message);
      throw error;
    }
  }

  calendar(method: string, calendarId: unknown): StoredCalendar {
    const calendar = typeof calendarId === 'string' ? this.store.calendar(calendarId) : undefined;
    if (!calendar) throw apiError(method, 'Not Found');
    return calendar;
  }

  event(method: string, calendar: StoredCalendar, eventId: unknown): StoredEvent {
    const event = typeof eventId === 'string' ? this.store.event(calendar.id, eventId) : undefined;
    if (!event) throw apiError(method, 'Not Found');
    return event;
  }

  checkIfMatch(method: string, event: StoredEvent, headers: unknown): void {
    const wanted = header(headers, 'If-Match');
    if (wanted !== undefined && wanted !== this.store.etag(event)) throw apiError(method, 'Precondition Failed');
  }

  responseTimeZone(method: string, a: Args, calendar: StoredCalendar): string {
    if (a.timeZone === undefined || a.timeZone === null) return calendar.timeZone;
    const tz = String(a.timeZone);
    if (!isValidTimeZone(tz)) throw apiError(method, 'Invalid time zone definition.');
    return tz;
  }
}

export class FakeEventsCollection {
  constructor(private readonly api: Api) {}

  list(calendarId: string, optionalArgs?: object, _headers?: object): GoogleAppsScript.Calendar.Schema.Events {
    const method = 'events.list';
    this.api.call('Events.list');
    const { store } = this.api;
    const calendar = this.api.calendar(method, calendarId);
    const a = args(optionalArgs);
    const tz = this.api.responseTimeZone(method, a, calendar);
    const max = this.pageSize(method, a.maxResults);
    let page: PageState;
    if (a.pageToken !== undefined && a.pageToken !== null) {
      const state = store.pageTokens.get(String(a.pageToken));
      if (!state || state.calendarId !== calendar.id || state.queryKey !== queryKey(a)) throw apiError(method, 'Invalid Value');
      page = state;
    } else if (a.syncToken !== undefined && a.syncToken !== null) {
      page = this.incremental(method, calendar, a, tz);
    } else {
      page = this.full(method, calendar, a, tz);
    }
    const ids = page.ids.slice(page.offset, page.offset + max);
    const items = ids.flatMap((id) => {
      const event = store.event(calendar.id, id);
      return event ? [store.toResource(event, page.timeZone)] : [];
    });
    const result: GoogleAppsScript.Calendar.Schema.Events & Record<string, unknown> = {
      kind: 'calendar#events',
      etag: `"p${store.currentSeq}"`,
      summary: calendar.summary,
      description: calendar.description,
      updated: formatUtc(this.lastUpdated(calendar)),
      timeZone: calendar.timeZone,
      accessRole: calendar.owned ? 'owner' : 'reader',
      defaultReminders: [],
      items,
    };
    // A full page always points to a next page, even an empty one: the API never promises full pages.
    if (ids.length === max) {
      result.nextPageToken = store.newPageToken({ ...page, offset: page.offset + max });
    } else {
      result.nextSyncToken = store.syncTokenFor(calendar.id, page.syncSeq);
    }
    return result;
  }

  private pageSize(method: string, value: unknown): number {
    if (value === undefined || value === null) return DEFAULT_PAGE;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw apiError(method, 'Invalid Value');
    return Math.min(n, MAX_PAGE);
  }

  private lastUpdated(calendar: StoredCalendar): number {
    return this.api.store.eventsOf(calendar.id).reduce((m, e) => Math.max(m, e.updated), 0) || this.api.rt.clock.now();
  }

  private incremental(method: string, calendar: StoredCalendar, a: Args, tz: string): PageState {
    const { store } = this.api;
    if (SYNC_RESTRICTED.some((k) => a[k] !== undefined && a[k] !== null) || a.showDeleted === false) {
      throw apiError(method, 'Sync token cannot be used with other request restrictions.');
    }
    const since = store.syncTokenSeq(calendar.id, String(a.syncToken));
    if (since === undefined) throw apiError(method, 'Sync token is no longer valid, a full sync is required.');
    const changed = store
      .eventsOf(calendar.id)
      .filter((e) => e.changeSeq > since)
      .sort((x, y) => x.changeSeq - y.changeSeq);
    return { calendarId: calendar.id, queryKey: queryKey(a), ids: changed.map((e) => e.id), offset: 0, syncSeq: store.currentSeq, timeZone: tz };
  }

  private instant(method: string, value: unknown): number | undefined {
    if (value === undefined || value === null) return undefined;
    const parsed = typeof value === 'string' ? parseDateTime(value) : { ok: false as const };
    // RFC 3339 "with mandatory time zone offset"; a Date object or a local time is a bad request.
    if (!parsed.ok || !parsed.hasOffset) throw apiError(method, 'Bad Request');
    return parsed.ms;
  }

  private full(method: string, calendar: StoredCalendar, a: Args, tz: string): PageState {
    const { store } = this.api;
    const timeMin = this.instant(method, a.timeMin);
    const timeMax = this.instant(method, a.timeMax);
    const updatedMin = this.instant(method, a.updatedMin);
    if (timeMin !== undefined && timeMax !== undefined && timeMin >= timeMax) throw apiError(method, 'Bad Request');
    const orderBy = a.orderBy === undefined || a.orderBy === null ? undefined : String(a.orderBy);
    if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw apiError(method, 'Invalid Value');
    if (orderBy === 'startTime' && a.singleEvents !== true) {
      throw apiError(method, 'The requested ordering is not available for the particular query.');
    }
    const showDeleted = a.showDeleted === true || updatedMin !== undefined;
    const terms = typeof a.q === 'string' ? a.q.toLowerCase().split(/\s+/).filter(Boolean) : [];
    const iCalUID = a.iCalUID === undefined || a.iCalUID === null ? undefined : String(a.iCalUID);
    const events = store.eventsOf(calendar.id).filter((e) => {
      if (!showDeleted && store.isGone(e)) return false;
      if (timeMin !== undefined && !(e.endMs > timeMin)) return false;
      if (timeMax !== undefined && !(e.startMs < timeMax)) return false;
      if (updatedMin !== undefined && e.updated < updatedMin) return false;
      if (iCalUID !== undefined && `${e.id}@google.com` !== iCalUID) return false;
      if (terms.length && !(e.deleted ? false : terms.every((t) => searchText(e).includes(t)))) return false;
      return true;
    });
    if (orderBy === 'startTime') events.sort((x, y) => x.startMs - y.startMs || x.endMs - y.endMs);
    if (orderBy === 'updated') events.sort((x, y) => x.updated - y.updated || x.changeSeq - y.changeSeq);
    return { calendarId: calendar.id, queryKey: queryKey(a), ids: events.map((e) => e.id), offset: 0, syncSeq: store.currentSeq, timeZone: tz };
  }

  get(calendarId: string, eventId: string, optionalArgs?: object, _headers?: object): GoogleAppsScript.Calendar.Schema.Event {
    const method = 'events.get';
    this.api.call('Events.get');
    const calendar = this.api.calendar(method, calendarId);
    const event = this.api.event(method, calendar, eventId);
    return this.api.store.toResource(event, this.api.responseTimeZone(method, args(optionalArgs), calendar));
  }

  insert(resource: unknown, calendarId: string, optionalArgs?: object, _headers?: object): GoogleAppsScript.Calendar.Schema.Event {
    const method = 'events.insert';
    this.api.call('Events.insert');
    const { store } = this.api;
    const calendar = this.api.calendar(method, calendarId);
    const body = args(resource);
    const a = args(optionalArgs);
    return this.api.guard(method, () => {
      let id: string;
      if (body.id !== undefined && body.id !== null) {
        id = String(body.id);
        if (!/^[a-v0-9]{5,1024}$/.test(id)) throw new InvalidInput('Invalid resource id value.');
        if (store.hasId(calendar.id, id)) throw apiError(method, 'The requested identifier already exists.');
      } else {
        id = store.newId();
      }
      const fields = parseFields(body, calendar.timeZone);
      const self = store.selfEmail(calendar);
      const conference = conferenceFields(id, body, a) ?? {};
      const event = store.insert({ id, calendarId: calendar.id, deleted: false, creator: this.api.rt.ownerEmail, organizer: self, ...fields, ...conference });
      return store.toResource(event);
    });
  }

  patch(resource: unknown, calendarId: string, eventId: string, optionalArgs?: object, headers?: object): GoogleAppsScript.Calendar.Schema.Event {
    this.api.call('Events.patch');
    return this.write('events.patch', resource, calendarId, eventId, optionalArgs, headers, true);
  }

  update(resource: unknown, calendarId: string, eventId: string, optionalArgs?: object, headers?: object): GoogleAppsScript.Calendar.Schema.Event {
    this.api.call('Events.update');
    return this.write('events.update', resource, calendarId, eventId, optionalArgs, headers, false);
  }

  private write(method: string, resource: unknown, calendarId: string, eventId: string, optionalArgs: unknown, headers: unknown, isPatch: boolean) {
    const { store } = this.api;
    const calendar = this.api.calendar(method, calendarId);
    const event = this.api.event(method, calendar, eventId);
    if (event.deleted) throw apiError(method, 'Not Found');
    this.api.checkIfMatch(method, event, headers);
    const body = args(resource);
    const a = args(optionalArgs);
    return this.api.guard(method, () => {
      const merged = isPatch ? mergePatch(writableView(event), body) : body;
      const fields: EventFields = parseFields(merged, calendar.timeZone);
      const significant = fields.startMs !== event.startMs || fields.endMs !== event.endMs || fields.status !== event.status;
      Object.assign(event, fields, conferenceFields(event.id, body, a) ?? {});
      store.changed(event, significant);
      return store.toResource(event);
    });
  }

  remove(calendarId: string, eventId: string, _optionalArgs?: object, headers?: object): void {
    const method = 'events.delete';
    this.api.call('Events.remove');
    const calendar = this.api.calendar(method, calendarId);
    const event = this.api.event(method, calendar, eventId);
    if (this.api.store.isGone(event)) throw apiError(method, 'Resource has been deleted');
    this.api.checkIfMatch(method, event, headers);
    this.api.store.remove(event);
  }
}

/** conferenceDataVersion=1 honours conferenceData (createRequest → a Meet link); 0 ignores it. */
function conferenceFields(eventId: string, body: Args, a: Args): Pick<StoredEvent, 'hangoutLink' | 'conferenceData'> | null {
  if (Number(a.conferenceDataVersion ?? 0) < 1 || body.conferenceData === undefined) return null;
  const data = body.conferenceData as Record<string, unknown> | null;
  if (data === null) return { hangoutLink: undefined, conferenceData: undefined };
  if (data.createRequest && typeof data.createRequest === 'object') {
    const requestId = (data.createRequest as { requestId?: unknown }).requestId;
    return meetConference(eventId, requestId === undefined ? undefined : String(requestId));
  }
  return { conferenceData: jsonCopy(data) };
}

/** What free-text search (q) looks at: summary, description, location, attendees, organizer. */
export function searchText(e: StoredEvent): string {
  return [e.summary, e.description, e.location, e.organizer, ...e.attendees.flatMap((a) => [a.email, a.displayName])]
    .filter((x): x is string => typeof x === 'string')
    .join('\n')
    .toLowerCase();
}

/** The parameters a page token is bound to (all but pageToken and maxResults). */
function queryKey(a: Args): string {
  const rest = Object.entries(a)
    .filter(([k, v]) => k !== 'pageToken' && k !== 'maxResults' && v !== undefined && v !== null)
    .sort(([x], [y]) => (x < y ? -1 : 1));
  return JSON.stringify(rest);
}

function calendarResource(c: StoredCalendar): GoogleAppsScript.Calendar.Schema.Calendar {
  return {
    kind: 'calendar#calendar',
    etag: `"c${c.id.length}${c.summary.length}"`,
    id: c.id,
    summary: c.summary,
    ...(c.description ? { description: c.description } : {}),
    timeZone: c.timeZone,
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  } as GoogleAppsScript.Calendar.Schema.Calendar;
}

function listEntry(c: StoredCalendar): GoogleAppsScript.Calendar.Schema.CalendarListEntry {
  return {
    kind: 'calendar#calendarListEntry',
    etag: `"l${c.id.length}${c.summary.length}"`,
    id: c.id,
    summary: c.summary,
    ...(c.description ? { description: c.description } : {}),
    timeZone: c.timeZone,
    colorId: '14',
    backgroundColor: '#9fe1e7',
    foregroundColor: '#000000',
    selected: true,
    accessRole: c.owned ? 'owner' : 'reader',
    defaultReminders: [],
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
    ...(c.primary ? { primary: true } : {}),
  };
}

export class FakeCalendarsCollection {
  constructor(private readonly api: Api) {}

  get(calendarId: string, _optionalArgs?: object, _headers?: object): GoogleAppsScript.Calendar.Schema.Calendar {
    this.api.call('Calendars.get');
    return calendarResource(this.api.calendar('calendars.get', calendarId));
  }
}

export class FakeCalendarListCollection {
  constructor(private readonly api: Api) {}

  list(_optionalArgs?: object, _headers?: object): GoogleAppsScript.Calendar.Schema.CalendarList {
    this.api.call('CalendarList.list');
    return {
      kind: 'calendar#calendarList',
      etag: `"cl${this.api.store.calendars.size}"`,
      nextSyncToken: `CL${this.api.store.calendars.size}`,
      items: [...this.api.store.calendars.values()].map(listEntry),
    };
  }

  get(calendarId: string, _optionalArgs?: object, _headers?: object): GoogleAppsScript.Calendar.Schema.CalendarListEntry {
    this.api.call('CalendarList.get');
    return listEntry(this.api.calendar('calendarList.get', calendarId));
  }
}

/** The `Calendar` global: collections plus the newX() builders (plain objects). */
export function advancedService(rt: Runtime, store: CalendarStore): Record<string, unknown> {
  const api = new Api(rt, store);
  const service: Record<string, unknown> = {
    Events: new FakeEventsCollection(api),
    Calendars: new FakeCalendarsCollection(api),
    CalendarList: new FakeCalendarListCollection(api),
  };
  for (const name of [
    'Event',
    'EventDateTime',
    'EventAttendee',
    'ConferenceData',
    'CreateConferenceRequest',
    'ConferenceSolutionKey',
    'EventReminders',
    'EventReminder',
  ]) {
    service[`new${name}`] = () => ({});
  }
  return service;
}

conforms<GoogleAppsScript.Calendar.Collection.EventsCollection, FakeEventsCollection, 'list' | 'get' | 'insert' | 'patch' | 'update' | 'remove'>(true);
conforms<GoogleAppsScript.Calendar.Collection.CalendarsCollection, FakeCalendarsCollection, 'get'>(true);
conforms<GoogleAppsScript.Calendar.Collection.CalendarListCollection, FakeCalendarListCollection, 'list' | 'get'>(true);
