// The Calendar advanced service. References:
// - Events resource: developers.google.com/calendar/api/v3/reference/events
// - Events.list: developers.google.com/calendar/api/v3/reference/events/list
// - Incremental sync: developers.google.com/calendar/api/guides/sync
// - Apps Script wrapping: "GoogleJsonResponseException: API call to calendar.events.list failed with error: …"
//   (hk21702/YA-GCal-Notion-Sync-Script#45, DjMuffinTops/Google-Calendar-API-to-Discord-Webhook#6)
import { CalendarService } from '../../emulator/src/calendar';
import type { FakeCalendarListCollection, FakeCalendarsCollection, FakeEventsCollection } from '../../emulator/src/calendar/advanced';
import { Runtime } from '../../emulator/src/runtime';

type Event = GoogleAppsScript.Calendar.Schema.Event;
type Events = GoogleAppsScript.Calendar.Schema.Events;
const OWNER = 'prof@example.com';
const HOUR = 3600 * 1000;
const at = (iso: string) => new Date(iso);

function setup() {
  const rt = new Runtime();
  const calendar = new CalendarService(rt);
  const Calendar = calendar.globals().Calendar as {
    Events: FakeEventsCollection;
    Calendars: FakeCalendarsCollection;
    CalendarList: FakeCalendarListCollection;
  };
  return { rt, calendar, Calendar, Events: Calendar.Events };
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

function book(calendar: CalendarService, n: number, email = `client${n}@example.org`) {
  const start = at(`2026-12-0${1 + (n % 9)}T09:00:00Z`);
  return calendar.book({ title: 'Cours de français', start, end: new Date(start.getTime() + HOUR), attendees: [{ email }] });
}

/** Pages through Events.list like a sync routine; returns the pages. */
function allPages(Events: FakeEventsCollection, calendarId: string, args: Record<string, unknown>): Events[] {
  const pages: Events[] = [];
  let pageToken: string | undefined;
  do {
    const page = Events.list(calendarId, { ...args, ...(pageToken ? { pageToken } : {}) });
    pages.push(page);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return pages;
}

describe('Events.insert / get (events resource)', () => {
  test('insert returns an API-shaped event: base32hex id, iCalUID, RFC 3339 times, organizer self', () => {
    const { rt, Events } = setup();
    const created = Events.insert(
      { summary: 'Cours', start: { dateTime: '2026-12-01T10:00:00+01:00' }, end: { dateTime: '2026-12-01T11:00:00+01:00' } },
      'primary',
    ) as Event & Record<string, unknown>;
    expect(created.id).toMatch(/^[a-v0-9]{26}$/);
    expect(created.iCalUID).toBe(`${created.id}@google.com`);
    expect(created).toMatchObject({ kind: 'calendar#event', status: 'confirmed', summary: 'Cours', eventType: 'default', sequence: 0 });
    expect(created.start).toEqual({ dateTime: '2026-12-01T10:00:00+01:00' });
    expect(created.created).toBe(new Date(rt.clock.now()).toISOString());
    expect(created.updated).toBe(created.created);
    expect(created.organizer).toEqual({ email: OWNER, self: true });
    expect(created.creator).toEqual({ email: OWNER, self: true });
    expect(typeof created.etag).toBe('string');
    expect(created.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
  });

  test('dateTime comes back written in the calendar time zone (Europe/Paris) whatever the input offset', () => {
    const { Events } = setup();
    const e = Events.insert({ start: { dateTime: '2026-07-01T08:00:00Z' }, end: { dateTime: '2026-07-01T09:00:00Z' } }, 'primary');
    expect(e.start?.dateTime).toBe('2026-07-01T10:00:00+02:00');
    const got = Events.get('primary', e.id as string, { timeZone: 'UTC' });
    expect(got.start?.dateTime).toBe('2026-07-01T08:00:00Z');
  });

  test('a local dateTime needs start.timeZone: "Missing time zone definition for start time."', () => {
    const { Events } = setup();
    const error = errorOf(() => Events.insert({ start: { dateTime: '2026-12-01T10:00:00' }, end: { dateTime: '2026-12-01T11:00:00+01:00' } }, 'primary'));
    expect(error.message).toBe('API call to calendar.events.insert failed with error: Missing time zone definition for start time.');
    expect(error.name).toBe('GoogleJsonResponseException');
    const ok = Events.insert(
      { start: { dateTime: '2026-12-01T10:00:00', timeZone: 'America/New_York' }, end: { dateTime: '2026-12-01T11:00:00', timeZone: 'America/New_York' } },
      'primary',
    );
    expect(ok.start).toEqual({ dateTime: '2026-12-01T16:00:00+01:00', timeZone: 'America/New_York' });
  });

  test('insert validation errors: missing end, mixed date/dateTime, empty range', () => {
    const { Events } = setup();
    const msg = (r: object) => errorOf(() => Events.insert(r, 'primary')).message.replace('API call to calendar.events.insert failed with error: ', '');
    expect(msg({ start: { dateTime: '2026-12-01T10:00:00Z' } })).toBe('Missing end time.');
    expect(msg({ start: { date: '2026-12-01' }, end: { dateTime: '2026-12-01T11:00:00Z' } })).toBe(
      'Start and end times must either both be date or both be dateTime.',
    );
    expect(msg({ start: { dateTime: '2026-12-01T10:00:00Z' }, end: { dateTime: '2026-12-01T09:00:00Z' } })).toBe('The specified time range is empty.');
    expect(msg({ start: { dateTime: 'demain' }, end: { dateTime: '2026-12-01T09:00:00Z' } })).toBe('Invalid start time.');
    // a Date object is not an RFC 3339 string (unverified how Apps Script would serialize it: refused)
    expect(msg({ start: { dateTime: new Date() }, end: { dateTime: '2026-12-01T09:00:00Z' } })).toBe('Invalid start time.');
    expect(msg({ start: { dateTime: '2026-12-01T10:00:00Z' }, end: { dateTime: '2026-12-01T11:00:00Z' }, attendees: [{ email: 'nope' }] })).toBe(
      'Invalid attendee email.',
    );
  });

  test('conferenceData.createRequest makes a Meet link only with conferenceDataVersion: 1', () => {
    const { Events } = setup();
    const body = {
      start: { dateTime: '2026-12-01T10:00:00Z' },
      end: { dateTime: '2026-12-01T11:00:00Z' },
      conferenceData: { createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    };
    expect(Events.insert(body, 'primary').hangoutLink).toBeUndefined();
    const withMeet = Events.insert(body, 'primary', { conferenceDataVersion: 1 });
    expect(withMeet.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(withMeet.conferenceData?.entryPoints?.[0]).toMatchObject({ entryPointType: 'video', uri: withMeet.hangoutLink });
  });

  test('get of an unknown event or calendar: "API call to calendar.events.get failed with error: Not Found"', () => {
    const { Events } = setup();
    expect(errorOf(() => Events.get('primary', 'abcdef0123')).message).toBe('API call to calendar.events.get failed with error: Not Found');
    expect(errorOf(() => Events.list('nobody@example.org')).message).toBe('API call to calendar.events.list failed with error: Not Found');
  });

  test('attendees carry responseStatus (default needsAction), self and organizer flags', () => {
    const { calendar, Events } = setup();
    const booked = calendar.book({
      title: 'Cours',
      start: at('2026-12-01T09:00:00Z'),
      end: at('2026-12-01T10:00:00Z'),
      attendees: [{ email: 'eleve@example.org' }],
    });
    expect(Events.get('primary', booked.id as string).attendees).toEqual([
      { email: OWNER, organizer: true, self: true, responseStatus: 'accepted' },
      { email: 'eleve@example.org', responseStatus: 'accepted' },
    ]);
    const inserted = Events.insert(
      { start: { dateTime: '2026-12-01T10:00:00Z' }, end: { dateTime: '2026-12-01T11:00:00Z' }, attendees: [{ email: 'x@example.org' }] },
      'primary',
    );
    expect(inserted.attendees).toEqual([{ email: 'x@example.org', responseStatus: 'needsAction' }]);
  });

  test('values handed back are copies', () => {
    const { Events } = setup();
    const e = Events.insert({ summary: 'A', start: { dateTime: '2026-12-01T10:00:00Z' }, end: { dateTime: '2026-12-01T11:00:00Z' } }, 'primary');
    (e as Record<string, unknown>).summary = 'changed';
    expect(Events.get('primary', e.id as string).summary).toBe('A');
  });
});

describe('Events.patch / update / remove', () => {
  test('patch merges (start kept), bumps updated and etag, and raises sequence on a time change', () => {
    const { rt, Events } = setup();
    const e = Events.insert({ summary: 'A', start: { dateTime: '2026-12-01T10:00:00Z' }, end: { dateTime: '2026-12-01T11:00:00Z' } }, 'primary');
    rt.clock.advance(60_000);
    const p = Events.patch({ summary: 'B' }, 'primary', e.id as string);
    expect(p.summary).toBe('B');
    expect(p.start).toEqual(e.start);
    expect(p.updated).not.toBe(e.updated);
    expect(p.etag).not.toBe(e.etag);
    expect(p.sequence).toBe(0);
    const moved = Events.patch({ end: { dateTime: '2026-12-01T12:00:00Z' } }, 'primary', e.id as string);
    expect(moved.sequence).toBe(1);
  });

  test('update replaces the whole event: fields left out are cleared', () => {
    const { Events } = setup();
    const e = Events.insert(
      { summary: 'A', description: 'd', start: { dateTime: '2026-12-01T10:00:00Z' }, end: { dateTime: '2026-12-01T11:00:00Z' } },
      'primary',
    );
    const u = Events.update({ summary: 'A2', start: e.start, end: e.end }, 'primary', e.id as string);
    expect(u.summary).toBe('A2');
    expect(u.description).toBeUndefined();
  });

  test('If-Match with a stale etag: "Precondition Failed"', () => {
    const { Events } = setup();
    const e = Events.insert({ summary: 'A', start: { dateTime: '2026-12-01T10:00:00Z' }, end: { dateTime: '2026-12-01T11:00:00Z' } }, 'primary');
    Events.patch({ summary: 'B' }, 'primary', e.id as string);
    expect(errorOf(() => Events.patch({ summary: 'C' }, 'primary', e.id as string, {}, { 'If-Match': e.etag })).message).toBe(
      'API call to calendar.events.patch failed with error: Precondition Failed',
    );
  });

  test('remove leaves a cancelled tombstone that get still returns; a second remove: "Resource has been deleted"', () => {
    const { Events } = setup();
    const e = Events.insert({ summary: 'A', start: { dateTime: '2026-12-01T10:00:00Z' }, end: { dateTime: '2026-12-01T11:00:00Z' } }, 'primary');
    Events.remove('primary', e.id as string);
    const gone = Events.get('primary', e.id as string) as Record<string, unknown>;
    expect(gone.status).toBe('cancelled');
    expect(gone.id).toBe(e.id);
    expect(gone.summary).toBeUndefined();
    expect(errorOf(() => Events.remove('primary', e.id as string)).message).toBe(
      'API call to calendar.events.delete failed with error: Resource has been deleted',
    );
  });
});

describe('Events.list: full sync and paging (events/list)', () => {
  test('pages of maxResults; nextPageToken on every page but the last, nextSyncToken only on the last', () => {
    const { calendar, Events } = setup();
    for (let i = 0; i < 5; i++) book(calendar, i);
    const pages = allPages(Events, 'primary', { maxResults: 2 });
    expect(pages.map((p) => p.items?.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => Boolean(p.nextPageToken))).toEqual([true, true, false]);
    expect(pages.map((p) => Boolean(p.nextSyncToken))).toEqual([false, false, true]);
    expect(pages[0].kind).toBe('calendar#events');
    expect(new Set(pages.flatMap((p) => p.items?.map((e) => e.id))).size).toBe(5);
  });

  test('a full last page may be followed by an empty page that carries the sync token ("may be less … or none at all")', () => {
    const { calendar, Events } = setup();
    for (let i = 0; i < 4; i++) book(calendar, i);
    const pages = allPages(Events, 'primary', { maxResults: 2 });
    expect(pages.map((p) => p.items?.length)).toEqual([2, 2, 0]);
    expect(pages[2].nextSyncToken).toBeTruthy();
  });

  test('maxResults defaults to 250', () => {
    const { calendar, Events } = setup();
    for (let i = 0; i < 251; i++) book(calendar, i);
    const first = Events.list('primary');
    expect(first.items).toHaveLength(250);
    expect(first.nextPageToken).toBeTruthy();
    expect(first.nextSyncToken).toBeUndefined();
  });

  test('maxResults below 1 is "Invalid Value"; a page token reused with other parameters is refused', () => {
    const { calendar, Events } = setup();
    for (let i = 0; i < 3; i++) book(calendar, i);
    expect(errorOf(() => Events.list('primary', { maxResults: 0 })).message).toBe('API call to calendar.events.list failed with error: Invalid Value');
    const first = Events.list('primary', { maxResults: 1, q: 'Cours' });
    expect(errorOf(() => Events.list('primary', { maxResults: 1, pageToken: first.nextPageToken })).message).toBe(
      'API call to calendar.events.list failed with error: Invalid Value',
    );
  });

  test('cancelled events are left out unless showDeleted', () => {
    const { calendar, Events } = setup();
    const a = book(calendar, 1);
    book(calendar, 2);
    calendar.cancel('primary', a.id as string);
    expect(Events.list('primary').items?.map((e) => e.id)).not.toContain(a.id);
    const withDeleted = Events.list('primary', { showDeleted: true }).items ?? [];
    expect(withDeleted.find((e) => e.id === a.id)?.status).toBe('cancelled');
  });

  test('timeMin/timeMax bound end/start; they must be RFC 3339 strings with an offset (a Date is a Bad Request)', () => {
    const { calendar, Events } = setup();
    calendar.book({ title: 'tôt', start: at('2026-12-01T08:00:00Z'), end: at('2026-12-01T09:00:00Z'), attendees: [] });
    calendar.book({ title: 'tard', start: at('2026-12-01T10:00:00Z'), end: at('2026-12-01T11:00:00Z'), attendees: [] });
    const items = Events.list('primary', { timeMin: '2026-12-01T09:00:00Z', timeMax: '2026-12-01T12:00:00+01:00' }).items ?? [];
    expect(items.map((e) => e.summary)).toEqual(['tard']);
    expect(errorOf(() => Events.list('primary', { timeMin: new Date() })).message).toBe('API call to calendar.events.list failed with error: Bad Request');
    expect(errorOf(() => Events.list('primary', { timeMin: '2026-12-01T09:00:00' })).message).toBe(
      'API call to calendar.events.list failed with error: Bad Request',
    );
  });

  test('orderBy startTime needs singleEvents: true', () => {
    const { calendar, Events } = setup();
    calendar.book({ title: 'second', start: at('2026-12-02T08:00:00Z'), end: at('2026-12-02T09:00:00Z'), attendees: [] });
    calendar.book({ title: 'first', start: at('2026-12-01T08:00:00Z'), end: at('2026-12-01T09:00:00Z'), attendees: [] });
    expect(errorOf(() => Events.list('primary', { orderBy: 'startTime' })).message).toBe(
      'API call to calendar.events.list failed with error: The requested ordering is not available for the particular query.',
    );
    expect(Events.list('primary', { orderBy: 'startTime', singleEvents: true }).items?.map((e) => e.summary)).toEqual(['first', 'second']);
  });

  test('q searches summary, description, location and attendees', () => {
    const { calendar, Events } = setup();
    book(calendar, 1, 'alice@example.org');
    book(calendar, 2, 'bob@example.org');
    expect(Events.list('primary', { q: 'alice@example.org' }).items?.map((e) => e.attendees?.[1].email)).toEqual(['alice@example.org']);
  });
});

describe('Events.list: incremental sync (guides/sync)', () => {
  function fullSync(Events: FakeEventsCollection): string {
    const pages = allPages(Events, 'primary', { maxResults: 2 });
    return pages[pages.length - 1].nextSyncToken as string;
  }

  test('returns only what changed since the token: a new booking, then nothing', () => {
    const { calendar, Events } = setup();
    book(calendar, 1);
    const token = fullSync(Events);
    const fresh = book(calendar, 2);
    const delta = Events.list('primary', { syncToken: token });
    expect(delta.items?.map((e) => e.id)).toEqual([fresh.id]);
    expect(delta.nextSyncToken).toBeTruthy();
    const none = Events.list('primary', { syncToken: delta.nextSyncToken });
    expect(none.items).toEqual([]);
    expect(none.nextSyncToken).toBeTruthy();
  });

  test('a booking the booker cancels comes back with status "cancelled"', () => {
    const { calendar, Events } = setup();
    const b = book(calendar, 1);
    const token = fullSync(Events);
    calendar.cancel('primary', b.id as string);
    const items = Events.list('primary', { syncToken: token }).items ?? [];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: b.id, status: 'cancelled' });
  });

  test('a deleted event comes back as cancelled with little else (only the id is guaranteed)', () => {
    const { calendar, Events } = setup();
    const b = book(calendar, 1);
    const token = fullSync(Events);
    calendar.deleteEvent('primary', b.id as string);
    const [gone] = Events.list('primary', { syncToken: token }).items ?? [];
    expect(gone).toMatchObject({ id: b.id, status: 'cancelled' });
    expect(gone.summary).toBeUndefined();
    expect(gone.attendees).toBeUndefined();
    expect(gone.start).toBeUndefined();
  });

  test('changes made by the script (insert, patch, remove) show up too', () => {
    const { Events } = setup();
    const token = fullSync(Events);
    const e = Events.insert({ summary: 'A', start: { dateTime: '2026-12-01T10:00:00Z' }, end: { dateTime: '2026-12-01T11:00:00Z' } }, 'primary');
    const d1 = Events.list('primary', { syncToken: token });
    expect(d1.items?.map((x) => x.id)).toEqual([e.id]);
    Events.patch({ summary: 'B' }, 'primary', e.id as string);
    expect(Events.list('primary', { syncToken: d1.nextSyncToken }).items?.map((x) => x.summary)).toEqual(['B']);
  });

  test('a moved or declined booking shows up with its new time / responseStatus', () => {
    const { calendar, Events } = setup();
    const b = book(calendar, 1, 'eleve@example.org');
    const token = fullSync(Events);
    calendar.move('primary', b.id as string, at('2026-12-10T14:00:00Z'), at('2026-12-10T15:00:00Z'));
    calendar.decline('primary', b.id as string, 'eleve@example.org');
    const [e] = Events.list('primary', { syncToken: token }).items ?? [];
    expect(e.start?.dateTime).toBe('2026-12-10T15:00:00+01:00');
    expect(e.attendees?.find((a) => a.email === 'eleve@example.org')?.responseStatus).toBe('declined');
    expect(e.status).toBe('confirmed');
  });

  test('incremental results page too, nextSyncToken on the last page only', () => {
    const { calendar, Events } = setup();
    const token = fullSync(Events);
    for (let i = 0; i < 3; i++) book(calendar, i);
    const pages = allPages(Events, 'primary', { syncToken: token, maxResults: 2 });
    expect(pages.map((p) => p.items?.length)).toEqual([2, 1]);
    expect(pages.map((p) => Boolean(p.nextSyncToken))).toEqual([false, true]);
  });

  test('a garbage or invalidated token fails with "Sync token is no longer valid, a full sync is required." (410)', () => {
    const { calendar, Events } = setup();
    const garbage = errorOf(() => Events.list('primary', { syncToken: 'not-a-token' }));
    expect(garbage.message).toBe('API call to calendar.events.list failed with error: Sync token is no longer valid, a full sync is required.');
    expect(garbage.name).toBe('GoogleJsonResponseException');
    const token = fullSync(Events);
    calendar.invalidateSyncTokens();
    expect(errorOf(() => Events.list('primary', { syncToken: token })).message).toContain('Sync token is no longer valid, a full sync is required.');
    expect(fullSync(Events)).toBeTruthy();
  });

  test('a sync token cannot be combined with timeMin, q, orderBy, updatedMin or showDeleted=false', () => {
    const { Events } = setup();
    const token = fullSync(Events);
    for (const extra of [
      { timeMin: '2026-12-01T00:00:00Z' },
      { q: 'x' },
      { orderBy: 'updated' },
      { updatedMin: '2026-12-01T00:00:00Z' },
      { showDeleted: false },
    ]) {
      expect(errorOf(() => Events.list('primary', { syncToken: token, ...extra })).message).toBe(
        'API call to calendar.events.list failed with error: Sync token cannot be used with other request restrictions.',
      );
    }
  });

  test('a token of one calendar is not valid on another', () => {
    const { calendar, Events } = setup();
    calendar.addCalendar('cours@group.calendar.google.com', 'Cours');
    const token = fullSync(Events);
    expect(errorOf(() => Events.list('cours@group.calendar.google.com', { syncToken: token })).message).toContain('Sync token is no longer valid');
  });

  test('sync tokens survive save()/load()', () => {
    const { rt, calendar, Events } = setup();
    book(calendar, 1);
    const token = fullSync(Events);
    const saved = JSON.parse(JSON.stringify(rt.saveState('calendar')));
    const rt2 = new Runtime({ start: rt.clock.now() });
    const calendar2 = new CalendarService(rt2);
    rt2.loadState('calendar', saved);
    const b = book(calendar2, 2);
    const Events2 = (calendar2.globals().Calendar as { Events: FakeEventsCollection }).Events;
    expect(Events2.list('primary', { syncToken: token }).items?.map((e) => e.id)).toEqual([b.id]);
  });

  test('every change emits calendarChanged with the calendar id (what fires calendar triggers)', () => {
    const { rt, calendar, Events } = setup();
    const seen: unknown[] = [];
    rt.on('calendarChanged', (id) => seen.push(id));
    const b = book(calendar, 1);
    Events.patch({ summary: 'x' }, 'primary', b.id as string);
    calendar.cancel('primary', b.id as string);
    expect(seen).toEqual([OWNER, OWNER, OWNER]);
  });
});

describe('Calendars.get / CalendarList.list', () => {
  test('"primary" is the owner calendar; CalendarList lists it with primary: true', () => {
    const { calendar, Calendar } = setup();
    calendar.addCalendar('cours@group.calendar.google.com', 'Cours');
    expect(Calendar.Calendars.get('primary')).toMatchObject({ kind: 'calendar#calendar', id: OWNER, timeZone: 'Europe/Paris' });
    const items = Calendar.CalendarList.list().items ?? [];
    expect(items.map((c) => [c.id, c.primary ?? false, c.accessRole])).toEqual([
      [OWNER, true, 'owner'],
      ['cours@group.calendar.google.com', false, 'owner'],
    ]);
    expect(errorOf(() => Calendar.Calendars.get('nobody@example.org')).message).toBe('API call to calendar.calendars.get failed with error: Not Found');
  });

  test('calls are counted per method', () => {
    const { rt, Events } = setup();
    Events.list('primary');
    Events.list('primary');
    expect(rt.accounting.total('Calendar.Events.list')).toBe(2);
  });
});
