// CalendarApp over the same store as the advanced service. References:
// - developers.google.com/apps-script/reference/calendar/calendar-app
// - developers.google.com/apps-script/reference/calendar/calendar (getEvents, createEvent, getEventById)
// - developers.google.com/apps-script/reference/calendar/calendar-event (getId = iCalUID, getGuestList, getMyStatus)
// - developers.google.com/apps-script/reference/calendar/guest-status
import { CalendarService } from '../../emulator/src/calendar';
import type { FakeEventsCollection } from '../../emulator/src/calendar/advanced';
import type { FakeCalendarApp } from '../../emulator/src/calendar/app';
import { Runtime } from '../../emulator/src/runtime';

const OWNER = 'prof@example.com';
const at = (iso: string) => new Date(iso);

function setup() {
  const rt = new Runtime();
  const calendar = new CalendarService(rt);
  const g = calendar.globals() as { CalendarApp: FakeCalendarApp; Calendar: { Events: FakeEventsCollection } };
  return { rt, calendar, CalendarApp: g.CalendarApp, Events: g.Calendar.Events };
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('calendars (calendar-app)', () => {
  test('the default calendar is the owner primary calendar, id = the owner e-mail', () => {
    const { CalendarApp } = setup();
    const cal = CalendarApp.getDefaultCalendar();
    expect(cal.getId()).toBe(OWNER);
    expect(cal.isMyPrimaryCalendar()).toBe(true);
    expect(cal.getTimeZone()).toBe('Europe/Paris');
  });

  test('getCalendarById returns null for an unknown id (and for the API keyword "primary")', () => {
    const { calendar, CalendarApp } = setup();
    expect(CalendarApp.getCalendarById('nobody@example.org')).toBeNull();
    expect(CalendarApp.getCalendarById('primary')).toBeNull();
    calendar.addCalendar('cours@group.calendar.google.com', 'Cours');
    expect(CalendarApp.getCalendarById('cours@group.calendar.google.com')?.getName()).toBe('Cours');
  });

  test('getAllOwnedCalendars / getOwnedCalendarById leave out calendars the user does not own', () => {
    const { calendar, CalendarApp } = setup();
    calendar.addCalendar('cours@group.calendar.google.com', 'Cours');
    calendar.addCalendar('fr.french#holiday@group.v.calendar.google.com', 'Jours fériés', { owned: false });
    expect(CalendarApp.getAllOwnedCalendars().map((c) => c.getId())).toEqual([OWNER, 'cours@group.calendar.google.com']);
    expect(CalendarApp.getAllCalendars()).toHaveLength(3);
    expect(CalendarApp.getOwnedCalendarById('fr.french#holiday@group.v.calendar.google.com')).toBeNull();
    expect(CalendarApp.getCalendarById('fr.french#holiday@group.v.calendar.google.com')?.isOwnedByMe()).toBe(false);
  });
});

describe('events (calendar#createEvent, calendar-event)', () => {
  test('createEvent returns a CalendarEvent; getId() is the iCalUID "<api id>@google.com", not the advanced service id', () => {
    const { CalendarApp, Events } = setup();
    const e = CalendarApp.getDefaultCalendar().createEvent('Cours', at('2026-12-01T09:00:00Z'), at('2026-12-01T10:00:00Z'), {
      description: 'niveau B1',
      location: 'Zoom',
    });
    const iCalId = e.getId();
    expect(iCalId).toMatch(/^[a-v0-9]{26}@google\.com$/);
    const apiId = iCalId.replace('@google.com', '');
    const viaApi = Events.get('primary', apiId);
    expect(viaApi.iCalUID).toBe(iCalId);
    expect(viaApi.id).not.toBe(iCalId);
    expect(errorOf(() => Events.get('primary', iCalId)).message).toBe('API call to calendar.events.get failed with error: Not Found');
    expect(e.getTitle()).toBe('Cours');
    expect(e.getDescription()).toBe('niveau B1');
    expect(e.getLocation()).toBe('Zoom');
    expect(e.getStartTime().getTime()).toBe(at('2026-12-01T09:00:00Z').getTime());
    expect(e.getEndTime().getTime()).toBe(at('2026-12-01T10:00:00Z').getTime());
  });

  test('getEventById finds by iCalUID only; the bare API id gives null', () => {
    const { calendar, CalendarApp } = setup();
    const booked = calendar.book({
      title: 'Cours',
      start: at('2026-12-01T09:00:00Z'),
      end: at('2026-12-01T10:00:00Z'),
      attendees: [{ email: 'e@example.org' }],
    });
    expect(CalendarApp.getEventById(`${booked.id}@google.com`)?.getTitle()).toBe('Cours');
    expect(CalendarApp.getEventById(booked.id as string)).toBeNull();
    expect(CalendarApp.getDefaultCalendar().getEventById(`${booked.id}@google.com`)?.getTitle()).toBe('Cours');
  });

  test('createEvent with non-Date times throws the overload mismatch message', () => {
    const { CalendarApp } = setup();
    expect(errorOf(() => CalendarApp.getDefaultCalendar().createEvent('Cours', '2026-12-01' as unknown as Date, '2026-12-02' as unknown as Date)).message).toBe(
      "The parameters (String,String,String) don't match the method signature for CalendarApp.Calendar.createEvent.",
    );
  });

  test('an end before the start throws "Event start date must be before event end date."', () => {
    const { CalendarApp } = setup();
    expect(() => CalendarApp.createEvent('x', at('2026-12-01T10:00:00Z'), at('2026-12-01T09:00:00Z'))).toThrow(
      'Event start date must be before event end date.',
    );
  });

  test('guests option invites guests: getGuestList() shows them INVITED; GuestStatus values are enum objects, not strings', () => {
    const { CalendarApp } = setup();
    const e = CalendarApp.createEvent('Cours', at('2026-12-01T09:00:00Z'), at('2026-12-01T10:00:00Z'), { guests: 'a@example.org, b@example.org' });
    const guests = e.getGuestList();
    expect(guests.map((g) => g.getEmail())).toEqual(['a@example.org', 'b@example.org']);
    const status = guests[0].getGuestStatus();
    expect(status).toBe(CalendarApp.GuestStatus.INVITED);
    expect(status as unknown).not.toBe('INVITED');
    expect(String(status)).toBe('INVITED');
    expect(guests[0].getName()).toBe('a@example.org');
  });

  test('a booking: getGuestList() leaves out the owner, getGuestList(true) shows the owner as OWNER; getMyStatus() is OWNER', () => {
    const { calendar, CalendarApp } = setup();
    const b = calendar.book({
      title: 'Cours',
      start: at('2026-12-01T09:00:00Z'),
      end: at('2026-12-01T10:00:00Z'),
      attendees: [{ email: 'eleve@example.org' }],
    });
    const e = CalendarApp.getEventById(`${b.id}@google.com`);
    if (!e) throw new Error('not found');
    expect(e.getGuestList().map((g) => [g.getEmail(), String(g.getGuestStatus())])).toEqual([['eleve@example.org', 'YES']]);
    expect(e.getGuestList(true).map((g) => [g.getEmail(), String(g.getGuestStatus())])).toEqual([
      [OWNER, 'OWNER'],
      ['eleve@example.org', 'YES'],
    ]);
    expect(e.getMyStatus()).toBe(CalendarApp.GuestStatus.OWNER);
    expect(e.isOwnedByMe()).toBe(true);
    expect(e.getCreators()).toEqual([OWNER]);
    calendar.decline('primary', b.id as string, 'eleve@example.org');
    expect(e.getGuestByEmail('eleve@example.org')?.getGuestStatus()).toBe(CalendarApp.GuestStatus.NO);
  });

  test('getEvents returns events that start, end or span the range, sorted by start, without cancelled ones', () => {
    const { calendar, CalendarApp } = setup();
    const mk = (title: string, s: string, e: string) => calendar.book({ title, start: at(s), end: at(e), attendees: [] });
    mk('après', '2026-12-01T12:00:00Z', '2026-12-01T13:00:00Z');
    mk('chevauche début', '2026-12-01T08:30:00Z', '2026-12-01T09:30:00Z');
    mk('englobe', '2026-12-01T07:00:00Z', '2026-12-01T15:00:00Z');
    mk('avant', '2026-12-01T07:00:00Z', '2026-12-01T08:00:00Z');
    mk('dedans', '2026-12-01T10:00:00Z', '2026-12-01T10:30:00Z');
    const cancelled = mk('annulé', '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z');
    calendar.cancel('primary', cancelled.id as string);
    const titles = CalendarApp.getDefaultCalendar()
      .getEvents(at('2026-12-01T09:00:00Z'), at('2026-12-01T12:00:00Z'))
      .map((e) => e.getTitle());
    expect(titles).toEqual(['englobe', 'chevauche début', 'dedans']);
  });

  test('getEvents options: search, max', () => {
    const { calendar, CalendarApp } = setup();
    calendar.book({ title: 'Cours', start: at('2026-12-01T09:00:00Z'), end: at('2026-12-01T10:00:00Z'), attendees: [{ email: 'alice@example.org' }] });
    calendar.book({ title: 'Cours', start: at('2026-12-01T11:00:00Z'), end: at('2026-12-01T12:00:00Z'), attendees: [{ email: 'bob@example.org' }] });
    const range = [at('2026-12-01T00:00:00Z'), at('2026-12-02T00:00:00Z')] as const;
    expect(CalendarApp.getEvents(...range, { search: 'bob@example.org' }).map((e) => e.getGuestList()[0].getEmail())).toEqual(['bob@example.org']);
    expect(CalendarApp.getEvents(...range, { max: 1 })).toHaveLength(1);
  });

  test('deleteEvent: the event disappears from CalendarApp and shows as cancelled to the advanced service', () => {
    const { CalendarApp, Events } = setup();
    const e = CalendarApp.createEvent('x', at('2026-12-01T09:00:00Z'), at('2026-12-01T10:00:00Z'));
    const apiId = e.getId().replace('@google.com', '');
    e.deleteEvent();
    expect(CalendarApp.getEventById(e.getId())).toBeNull();
    expect(Events.get('primary', apiId).status).toBe('cancelled');
  });

  test('setTime / setTitle / addGuest change the shared store and bump updated', () => {
    const { rt, CalendarApp, Events } = setup();
    const e = CalendarApp.createEvent('x', at('2026-12-01T09:00:00Z'), at('2026-12-01T10:00:00Z'));
    const apiId = e.getId().replace('@google.com', '');
    const before = Events.get('primary', apiId);
    rt.clock.advance(60_000);
    e.setTime(at('2026-12-02T09:00:00Z'), at('2026-12-02T10:00:00Z')).setTitle('y').addGuest('g@example.org');
    const after = Events.get('primary', apiId);
    expect(after.start?.dateTime).toBe('2026-12-02T10:00:00+01:00');
    expect(after.summary).toBe('y');
    expect(after.attendees?.map((a) => a.email)).toEqual(['g@example.org']);
    expect(after.updated).not.toBe(before.updated);
    expect(after.sequence).toBe(1);
    expect(() => e.setTime(at('2026-12-02T10:00:00Z'), at('2026-12-02T09:00:00Z'))).toThrow('Event start date must be before event end date.');
  });

  test('a change through CalendarApp appears in the next incremental sync and emits calendarChanged', () => {
    const { rt, CalendarApp, Events } = setup();
    const token = Events.list('primary').nextSyncToken;
    const seen: unknown[] = [];
    rt.on('calendarChanged', (id) => seen.push(id));
    const e = CalendarApp.createEvent('x', at('2026-12-01T09:00:00Z'), at('2026-12-01T10:00:00Z'));
    expect(Events.list('primary', { syncToken: token }).items?.map((i) => i.iCalUID)).toEqual([e.getId()]);
    expect(seen).toEqual([OWNER]);
  });

  test('calls are counted as CalendarApp.<Class>.<method>', () => {
    const { rt, CalendarApp } = setup();
    CalendarApp.getDefaultCalendar().getEvents(at('2026-12-01T00:00:00Z'), at('2026-12-02T00:00:00Z'));
    expect(rt.accounting.total('CalendarApp.getDefaultCalendar')).toBe(1);
    expect(rt.accounting.total('CalendarApp.Calendar.getEvents')).toBe(1);
  });
});

describe('test API', () => {
  test('book({meet: true}) adds a Meet link and conferenceData like a booking with video', () => {
    const { calendar } = setup();
    const b = calendar.book({
      title: 'Cours',
      start: at('2026-12-01T09:00:00Z'),
      end: at('2026-12-01T10:00:00Z'),
      attendees: [{ email: 'e@example.org' }],
      meet: true,
    });
    expect(b.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(b.conferenceData?.entryPoints?.[0]).toMatchObject({ entryPointType: 'video', uri: b.hangoutLink });
    expect(b.organizer).toEqual({ email: OWNER, self: true });
  });

  test('events() lists every stored event, cancelled ones included', () => {
    const { calendar } = setup();
    const b = calendar.book({ title: 'Cours', start: at('2026-12-01T09:00:00Z'), end: at('2026-12-01T10:00:00Z'), attendees: [] });
    calendar.deleteEvent('primary', b.id as string);
    expect(calendar.events().map((e) => e.status)).toEqual(['cancelled']);
  });
});
