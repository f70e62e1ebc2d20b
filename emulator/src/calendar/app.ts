// CalendarApp: the built-in Calendar service, over the same store as the advanced service.
//
// References (developers.google.com/apps-script/reference/calendar/…):
// - calendar-app#getCalendarById(String): null when the calendar does not exist or is not accessible;
//   getOwnedCalendarById: null unless the user owns it.
// - calendar#getEvents(Date,Date,Object): events that start, end or span the range; options start,
//   max, author, search, statusFilters. Cancelled events are not returned.
// - calendar-event#getId(): "Gets the unique iCalUID of the event. Note that the iCalUID and the event
//   id used by the Calendar v3 API and Calendar advanced service are not identical and cannot be used
//   interchangeably." → getId() is "<api id>@google.com".
// - calendar-event#getGuestList(): guests "not including the event owner"; getMyStatus(): "Always
//   returns GuestStatus.OWNER if the effective user is the owner of the event."
// - Enums are objects (CalendarApp.GuestStatus.YES), not strings: `status === 'YES'` is false.
import { conforms } from '../conformance';
import { isDate, Runtime } from '../runtime';
import { serviceError, signatureError } from './errors';
import { searchText } from './advanced';
import { CalendarStore, isEmail, ResponseStatus, StoredAttendee, StoredCalendar, StoredEvent } from './store';

/** An Apps Script enum value: compares by identity, prints as its name. */
export class AppsScriptEnum {
  constructor(
    private readonly label: string,
    private readonly index: number,
  ) {}
  name(): string {
    return this.label;
  }
  ordinal(): number {
    return this.index;
  }
  toString(): string {
    return this.label;
  }
  toJSON(): string {
    return this.label;
  }
}

function makeEnum<K extends string>(names: readonly K[]): Readonly<Record<K, AppsScriptEnum>> {
  const out = {} as Record<K, AppsScriptEnum>;
  names.forEach((n, i) => (out[n] = new AppsScriptEnum(n, i)));
  return Object.freeze(out);
}

export const GuestStatus = makeEnum(['INVITED', 'MAYBE', 'NO', 'OWNER', 'YES'] as const);
export const EventType = makeEnum(['DEFAULT', 'BIRTHDAY', 'FOCUS_TIME', 'FROM_GMAIL', 'OUT_OF_OFFICE', 'WORKING_LOCATION'] as const);

const RESPONSE_TO_STATUS: Record<ResponseStatus, AppsScriptEnum> = {
  needsAction: GuestStatus.INVITED,
  tentative: GuestStatus.MAYBE,
  declined: GuestStatus.NO,
  accepted: GuestStatus.YES,
};

interface Ctx {
  rt: Runtime;
  store: CalendarStore;
}

function call(ctx: Ctx, method: string): void {
  ctx.rt.call('CalendarApp', method);
}

function requireDates(args: unknown[], count: number, method: string): number[] {
  const dates = args.slice(0, count);
  if (!dates.every(isDate))
    throw signatureError(
      args.filter((a) => a !== undefined),
      method,
    );
  return dates.map((d) => (d as Date).getTime());
}

export class FakeEventGuest {
  constructor(
    private readonly ctx: Ctx,
    private readonly attendee: StoredAttendee,
    private readonly isOrganizer: boolean,
  ) {}
  getEmail(): string {
    call(this.ctx, 'EventGuest.getEmail');
    return this.attendee.email;
  }
  getGuestStatus(): AppsScriptEnum {
    call(this.ctx, 'EventGuest.getGuestStatus');
    return this.isOrganizer ? GuestStatus.OWNER : RESPONSE_TO_STATUS[this.attendee.responseStatus];
  }
  /** "the guest's email address if the name isn't available" */
  getName(): string {
    call(this.ctx, 'EventGuest.getName');
    return this.attendee.displayName ?? this.attendee.email;
  }
  getAdditionalGuests(): number {
    call(this.ctx, 'EventGuest.getAdditionalGuests');
    return this.attendee.additionalGuests ?? 0;
  }
}

export class FakeCalendarEvent {
  constructor(
    private readonly ctx: Ctx,
    private readonly calendarId: string,
    private readonly eventId: string,
  ) {}

  private get ev(): StoredEvent {
    const event = this.ctx.store.event(this.calendarId, this.eventId);
    if (!event) throw serviceError('Event not found');
    return event;
  }

  private changed(significant = false): this {
    this.ctx.store.changed(this.ev, significant);
    return this;
  }

  private ownedByMe(): boolean {
    const calendar = this.ctx.store.calendars.get(this.calendarId);
    const e = this.ev;
    return e.organizer === this.ctx.rt.ownerEmail || (!!calendar && calendar.owned && e.organizer === this.ctx.store.selfEmail(calendar));
  }

  getId(): string {
    call(this.ctx, 'CalendarEvent.getId');
    return `${this.eventId}@google.com`;
  }
  getTitle(): string {
    call(this.ctx, 'CalendarEvent.getTitle');
    return this.ev.summary ?? '';
  }
  getDescription(): string {
    call(this.ctx, 'CalendarEvent.getDescription');
    return this.ev.description ?? '';
  }
  getLocation(): string {
    call(this.ctx, 'CalendarEvent.getLocation');
    return this.ev.location ?? '';
  }
  getStartTime(): Date {
    call(this.ctx, 'CalendarEvent.getStartTime');
    return this.ctx.rt.newDate(this.ev.startMs);
  }
  getEndTime(): Date {
    call(this.ctx, 'CalendarEvent.getEndTime');
    return this.ctx.rt.newDate(this.ev.endMs);
  }
  isAllDayEvent(): boolean {
    call(this.ctx, 'CalendarEvent.isAllDayEvent');
    return this.ev.start.kind === 'date';
  }
  getDateCreated(): Date {
    call(this.ctx, 'CalendarEvent.getDateCreated');
    return this.ctx.rt.newDate(this.ev.created);
  }
  getLastUpdated(): Date {
    call(this.ctx, 'CalendarEvent.getLastUpdated');
    return this.ctx.rt.newDate(this.ev.updated);
  }
  getCreators(): string[] {
    call(this.ctx, 'CalendarEvent.getCreators');
    return [this.ev.creator];
  }
  getOriginalCalendarId(): string {
    call(this.ctx, 'CalendarEvent.getOriginalCalendarId');
    return this.calendarId;
  }
  getEventType(): AppsScriptEnum {
    call(this.ctx, 'CalendarEvent.getEventType');
    return EventType.DEFAULT;
  }
  isOwnedByMe(): boolean {
    call(this.ctx, 'CalendarEvent.isOwnedByMe');
    return this.ownedByMe();
  }
  getGuestList(includeOwner?: boolean): FakeEventGuest[] {
    call(this.ctx, 'CalendarEvent.getGuestList');
    const e = this.ev;
    return e.attendees
      .filter((a) => includeOwner === true || a.email !== e.organizer)
      .map((a) => new FakeEventGuest(this.ctx, { ...a }, a.email === e.organizer));
  }
  getGuestByEmail(email: string): FakeEventGuest | null {
    call(this.ctx, 'CalendarEvent.getGuestByEmail');
    const e = this.ev;
    const a = e.attendees.find((x) => x.email.toLowerCase() === String(email).toLowerCase());
    return a ? new FakeEventGuest(this.ctx, { ...a }, a.email === e.organizer) : null;
  }
  getMyStatus(): AppsScriptEnum | null {
    call(this.ctx, 'CalendarEvent.getMyStatus');
    if (this.ownedByMe()) return GuestStatus.OWNER;
    const me = this.ev.attendees.find((a) => a.email === this.ctx.rt.ownerEmail);
    return me ? RESPONSE_TO_STATUS[me.responseStatus] : null;
  }
  deleteEvent(): void {
    call(this.ctx, 'CalendarEvent.deleteEvent');
    if (!this.ctx.store.isGone(this.ev)) this.ctx.store.remove(this.ev);
  }
  setTime(startTime: GoogleAppsScript.Base.Date, endTime: GoogleAppsScript.Base.Date): FakeCalendarEvent {
    call(this.ctx, 'CalendarEvent.setTime');
    const [start, end] = requireDates([startTime, endTime], 2, 'CalendarApp.CalendarEvent.setTime');
    if (end < start) throw serviceError('Event start date must be before event end date.');
    const e = this.ev;
    const timeZone = e.start.kind === 'dateTime' ? e.start.timeZone : undefined;
    const tz = timeZone ? { timeZone } : {};
    this.ctx.store.setTime(e, { kind: 'dateTime', ms: start, ...tz }, start, { kind: 'dateTime', ms: end, ...tz }, end);
    return this.changed(true);
  }
  setTitle(title: string): FakeCalendarEvent {
    call(this.ctx, 'CalendarEvent.setTitle');
    this.ev.summary = String(title);
    return this.changed();
  }
  setDescription(description: string): FakeCalendarEvent {
    call(this.ctx, 'CalendarEvent.setDescription');
    this.ev.description = String(description);
    return this.changed();
  }
  setLocation(location: string): FakeCalendarEvent {
    call(this.ctx, 'CalendarEvent.setLocation');
    this.ev.location = String(location);
    return this.changed();
  }
  addGuest(email: string): FakeCalendarEvent {
    call(this.ctx, 'CalendarEvent.addGuest');
    const address = String(email).trim();
    if (!isEmail(address)) throw serviceError(`Invalid argument: ${email}`);
    const e = this.ev;
    if (e.attendees.some((a) => a.email.toLowerCase() === address.toLowerCase())) return this;
    e.attendees.push({ email: address, responseStatus: 'needsAction' });
    return this.changed();
  }
  removeGuest(email: string): FakeCalendarEvent {
    call(this.ctx, 'CalendarEvent.removeGuest');
    const e = this.ev;
    const before = e.attendees.length;
    e.attendees = e.attendees.filter((a) => a.email.toLowerCase() !== String(email).trim().toLowerCase());
    return e.attendees.length === before ? this : this.changed();
  }
}

interface GetEventsOptions {
  start?: number;
  max?: number;
  author?: string;
  search?: string;
  statusFilters?: AppsScriptEnum[];
}

export class FakeCalendar {
  constructor(
    private readonly ctx: Ctx,
    readonly calendarId: string,
  ) {}

  private get cal(): StoredCalendar {
    const c = this.ctx.store.calendars.get(this.calendarId);
    if (!c) throw serviceError('Calendar not found');
    return c;
  }

  getId(): string {
    call(this.ctx, 'Calendar.getId');
    return this.cal.id;
  }
  getName(): string {
    call(this.ctx, 'Calendar.getName');
    return this.cal.summary;
  }
  getDescription(): string {
    call(this.ctx, 'Calendar.getDescription');
    return this.cal.description;
  }
  getTimeZone(): string {
    call(this.ctx, 'Calendar.getTimeZone');
    return this.cal.timeZone;
  }
  isMyPrimaryCalendar(): boolean {
    call(this.ctx, 'Calendar.isMyPrimaryCalendar');
    return this.cal.primary;
  }
  isOwnedByMe(): boolean {
    call(this.ctx, 'Calendar.isOwnedByMe');
    return this.cal.owned;
  }
  getEvents(startTime: GoogleAppsScript.Base.Date, endTime: GoogleAppsScript.Base.Date, options?: { [key: string]: unknown }): FakeCalendarEvent[] {
    call(this.ctx, 'Calendar.getEvents');
    return this.findEvents([startTime, endTime, options], 'CalendarApp.Calendar.getEvents');
  }
  getEventsForDay(date: GoogleAppsScript.Base.Date, options?: { [key: string]: unknown }): FakeCalendarEvent[] {
    call(this.ctx, 'Calendar.getEventsForDay');
    return this.eventsForDay([date, options], 'CalendarApp.Calendar.getEventsForDay');
  }
  getEventById(iCalId: string): FakeCalendarEvent | null {
    call(this.ctx, 'Calendar.getEventById');
    return this.eventById(iCalId);
  }
  createEvent(
    title: string,
    startTime: GoogleAppsScript.Base.Date,
    endTime: GoogleAppsScript.Base.Date,
    options?: { [key: string]: unknown },
  ): FakeCalendarEvent {
    call(this.ctx, 'Calendar.createEvent');
    return this.create([title, startTime, endTime, options], 'CalendarApp.Calendar.createEvent');
  }

  // ---- implementations shared with CalendarApp's default-calendar shortcuts (not counted twice) ----

  findEvents(args: unknown[], method: string): FakeCalendarEvent[] {
    const [from, to] = requireDates(args, 2, method);
    const o = (args[2] && typeof args[2] === 'object' ? args[2] : {}) as GetEventsOptions;
    const { store } = this.ctx;
    const terms = typeof o.search === 'string' ? o.search.toLowerCase().split(/\s+/).filter(Boolean) : [];
    const filters = Array.isArray(o.statusFilters) ? o.statusFilters.map(String) : null;
    let events = store
      .eventsOf(this.cal.id)
      .filter((e) => !store.isGone(e))
      // starts in, ends in, or spans the range
      .filter((e) => e.startMs < to && (e.endMs > from || (e.endMs === e.startMs && e.startMs >= from)))
      .filter((e) => !o.author || e.creator.toLowerCase() === String(o.author).toLowerCase())
      .filter((e) => terms.every((t) => searchText(e).includes(t)))
      .sort((x, y) => x.startMs - y.startMs || x.endMs - y.endMs);
    if (filters) {
      events = events.filter((e) => filters.includes(String(this.myStatus(e))));
    }
    const start = typeof o.start === 'number' ? o.start : 0;
    const max = typeof o.max === 'number' ? o.max : events.length;
    return events.slice(start, start + max).map((e) => new FakeCalendarEvent(this.ctx, e.calendarId, e.id));
  }

  private myStatus(e: StoredEvent): AppsScriptEnum | null {
    const calendar = this.cal;
    if (e.organizer === this.ctx.rt.ownerEmail || (calendar.owned && e.organizer === this.ctx.store.selfEmail(calendar))) return GuestStatus.OWNER;
    const me = e.attendees.find((a) => a.email === this.ctx.rt.ownerEmail);
    return me ? RESPONSE_TO_STATUS[me.responseStatus] : null;
  }

  eventsForDay(args: unknown[], method: string): FakeCalendarEvent[] {
    const [day] = requireDates(args, 1, method);
    const date = this.ctx.store.dateOf(day, this.cal.id);
    const from = this.ctx.store.allDayMs(date, this.cal.id);
    const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    const to = this.ctx.store.allDayMs(next, this.cal.id);
    return this.findEvents([this.ctx.rt.newDate(from), this.ctx.rt.newDate(to), args[1]], method);
  }

  eventById(iCalId: unknown): FakeCalendarEvent | null {
    const id = String(iCalId);
    const event = this.ctx.store.eventsOf(this.cal.id).find((e) => `${e.id}@google.com` === id && !this.ctx.store.isGone(e));
    return event ? new FakeCalendarEvent(this.ctx, event.calendarId, event.id) : null;
  }

  create(args: unknown[], method: string): FakeCalendarEvent {
    const [title, startTime, endTime] = args;
    if (title === undefined || title === null || !isDate(startTime) || !isDate(endTime))
      throw signatureError(
        args.filter((a) => a !== undefined),
        method,
      );
    const [start, end] = [startTime.getTime(), endTime.getTime()];
    if (end < start) throw serviceError('Event start date must be before event end date.');
    const o = (args[3] && typeof args[3] === 'object' ? args[3] : {}) as { description?: unknown; location?: unknown; guests?: unknown };
    const attendees: StoredAttendee[] = [];
    for (const raw of o.guests === undefined || o.guests === null ? [] : String(o.guests).split(',')) {
      const email = raw.trim();
      if (!email) continue;
      if (!isEmail(email)) throw serviceError(`Invalid argument: ${email}`);
      attendees.push({ email, responseStatus: 'needsAction' });
    }
    const { store, rt } = this.ctx;
    const calendar = this.cal;
    const event = store.insert({
      id: store.newId(),
      calendarId: calendar.id,
      status: 'confirmed',
      deleted: false,
      summary: String(title),
      ...(o.description !== undefined && o.description !== null ? { description: String(o.description) } : {}),
      ...(o.location !== undefined && o.location !== null ? { location: String(o.location) } : {}),
      start: { kind: 'dateTime', ms: start, timeZone: calendar.timeZone },
      end: { kind: 'dateTime', ms: end, timeZone: calendar.timeZone },
      startMs: start,
      endMs: end,
      attendees,
      creator: rt.ownerEmail,
      organizer: store.selfEmail(calendar),
      extra: {},
    });
    return new FakeCalendarEvent(this.ctx, event.calendarId, event.id);
  }
}

export class FakeCalendarApp {
  readonly GuestStatus = GuestStatus;
  readonly EventType = EventType;

  constructor(private readonly ctx: Ctx) {}

  private calendarFor(c: StoredCalendar): FakeCalendar {
    return new FakeCalendar(this.ctx, c.id);
  }

  private get primary(): FakeCalendar {
    return this.calendarFor(this.ctx.store.primaryCalendar());
  }

  getDefaultCalendar(): FakeCalendar {
    call(this.ctx, 'getDefaultCalendar');
    return this.primary;
  }
  /** null when unknown ("primary" is a Calendar API keyword, not a CalendarApp id). */
  getCalendarById(id: string): FakeCalendar | null {
    call(this.ctx, 'getCalendarById');
    const c = this.ctx.store.calendars.get(String(id));
    return c ? this.calendarFor(c) : null;
  }
  getOwnedCalendarById(id: string): FakeCalendar | null {
    call(this.ctx, 'getOwnedCalendarById');
    const c = this.ctx.store.calendars.get(String(id));
    return c && c.owned ? this.calendarFor(c) : null;
  }
  getAllCalendars(): FakeCalendar[] {
    call(this.ctx, 'getAllCalendars');
    return [...this.ctx.store.calendars.values()].map((c) => this.calendarFor(c));
  }
  getAllOwnedCalendars(): FakeCalendar[] {
    call(this.ctx, 'getAllOwnedCalendars');
    return [...this.ctx.store.calendars.values()].filter((c) => c.owned).map((c) => this.calendarFor(c));
  }
  getCalendarsByName(name: string): FakeCalendar[] {
    call(this.ctx, 'getCalendarsByName');
    return [...this.ctx.store.calendars.values()].filter((c) => c.summary === name).map((c) => this.calendarFor(c));
  }
  getOwnedCalendarsByName(name: string): FakeCalendar[] {
    call(this.ctx, 'getOwnedCalendarsByName');
    return [...this.ctx.store.calendars.values()].filter((c) => c.owned && c.summary === name).map((c) => this.calendarFor(c));
  }

  // The default calendar's methods, available directly on CalendarApp.
  getId(): string {
    call(this.ctx, 'getId');
    return this.ctx.store.primaryCalendar().id;
  }
  getName(): string {
    call(this.ctx, 'getName');
    return this.ctx.store.primaryCalendar().summary;
  }
  getTimeZone(): string {
    call(this.ctx, 'getTimeZone');
    return this.ctx.store.primaryCalendar().timeZone;
  }
  isOwnedByMe(): boolean {
    call(this.ctx, 'isOwnedByMe');
    return true;
  }
  isMyPrimaryCalendar(): boolean {
    call(this.ctx, 'isMyPrimaryCalendar');
    return true;
  }
  getEvents(startTime: GoogleAppsScript.Base.Date, endTime: GoogleAppsScript.Base.Date, options?: { [key: string]: unknown }): FakeCalendarEvent[] {
    call(this.ctx, 'getEvents');
    return this.primary.findEvents([startTime, endTime, options], 'CalendarApp.getEvents');
  }
  getEventsForDay(date: GoogleAppsScript.Base.Date, options?: { [key: string]: unknown }): FakeCalendarEvent[] {
    call(this.ctx, 'getEventsForDay');
    return this.primary.eventsForDay([date, options], 'CalendarApp.getEventsForDay');
  }
  getEventById(iCalId: string): FakeCalendarEvent | null {
    call(this.ctx, 'getEventById');
    return this.primary.eventById(iCalId);
  }
  createEvent(
    title: string,
    startTime: GoogleAppsScript.Base.Date,
    endTime: GoogleAppsScript.Base.Date,
    options?: { [key: string]: unknown },
  ): FakeCalendarEvent {
    call(this.ctx, 'createEvent');
    return this.primary.create([title, startTime, endTime, options], 'CalendarApp.createEvent');
  }
}

type CalendarMethods =
  | 'getId'
  | 'getName'
  | 'getDescription'
  | 'getTimeZone'
  | 'isMyPrimaryCalendar'
  | 'isOwnedByMe'
  | 'getEvents'
  | 'getEventsForDay'
  | 'getEventById'
  | 'createEvent';

conforms<GoogleAppsScript.Calendar.Calendar, FakeCalendar, CalendarMethods>(true);
conforms<
  GoogleAppsScript.Calendar.CalendarApp,
  FakeCalendarApp,
  | Exclude<CalendarMethods, 'getDescription'>
  | 'getDefaultCalendar'
  | 'getCalendarById'
  | 'getOwnedCalendarById'
  | 'getAllCalendars'
  | 'getAllOwnedCalendars'
  | 'getCalendarsByName'
  | 'getOwnedCalendarsByName'
>(true);
conforms<
  GoogleAppsScript.Calendar.CalendarEvent,
  FakeCalendarEvent,
  | 'getId'
  | 'getTitle'
  | 'getDescription'
  | 'getLocation'
  | 'getStartTime'
  | 'getEndTime'
  | 'isAllDayEvent'
  | 'getDateCreated'
  | 'getLastUpdated'
  | 'getCreators'
  | 'getOriginalCalendarId'
  | 'getEventType'
  | 'isOwnedByMe'
  | 'getGuestList'
  | 'getGuestByEmail'
  | 'getMyStatus'
  | 'deleteEvent'
  | 'setTime'
  | 'setTitle'
  | 'setDescription'
  | 'setLocation'
  | 'addGuest'
  | 'removeGuest'
>(true);
conforms<GoogleAppsScript.Calendar.EventGuest, FakeEventGuest, 'getEmail' | 'getGuestStatus' | 'getName' | 'getAdditionalGuests'>(true);
