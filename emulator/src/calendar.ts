// CalendarApp and the Calendar advanced service over ONE store (emulator/src/calendar/*), plus the
// test API that plays the outside world: appointment-schedule bookings, cancellations, moves.
//
// Test API (Node side, never counted as calls):
//   addCalendar(id, name, {owned?, timeZone?, description?})
//   book({calendarId?, title, start, end, attendees, meet?, description?}) → Events resource
//   cancel(calendarId, eventId)          the booker cancels: status "cancelled", data kept
//   deleteEvent(calendarId, eventId)     hard delete: a tombstone, still "cancelled" to incremental sync
//   move(calendarId, eventId, start, end), decline(calendarId, eventId, email)
//   patchEvent(calendarId, eventId, fields) summary/description/location/status changes
//   events(calendarId), event(calendarId, eventId)   Events resources as the API would return them
//   invalidateSyncTokens()                every outstanding sync token now fails with 410
// Every change, by the script or by the test API, bumps `updated`, shows in the next incremental
// sync and emits rt.emit('calendarChanged', calendarId).
import type { Runtime } from './runtime';
import { advancedService } from './calendar/advanced';
import { EventType, FakeCalendarApp, GuestStatus } from './calendar/app';
import { meetConference } from './calendar/resource';
import { CalendarStore, EventStatus, ResponseStatus, StoredAttendee, StoredCalendar, StoredEvent } from './calendar/store';

export { GuestStatus, EventType };

export interface BookingInput {
  calendarId?: string;
  title: string;
  start: Date;
  end: Date;
  attendees: Array<{ email: string; displayName?: string; responseStatus?: ResponseStatus }>;
  meet?: boolean;
  description?: string;
}

type EventResource = GoogleAppsScript.Calendar.Schema.Event & Record<string, unknown>;

export class CalendarService {
  readonly store: CalendarStore;

  constructor(readonly rt: Runtime) {
    this.store = new CalendarStore(rt);
    rt.registerState('calendar', this);
  }

  globals(): Record<string, unknown> {
    return {
      CalendarApp: new FakeCalendarApp({ rt: this.rt, store: this.store }),
      Calendar: advancedService(this.rt, this.store),
    };
  }

  save(): unknown {
    return this.store.save();
  }

  load(data: unknown): void {
    this.store.load(data);
  }

  // ---- test API -------------------------------------------------------------------------------

  addCalendar(id: string, name: string, options: { owned?: boolean; timeZone?: string; description?: string } = {}): { id: string; name: string } {
    const c = this.store.addCalendar(id, name, options);
    return { id: c.id, name: c.summary };
  }

  /** An appointment-schedule booking: organizer = the owner (accepted), the booker(s) among the attendees. */
  book(input: BookingInput): EventResource {
    const calendar = this.calendar(input.calendarId ?? 'primary');
    const self = this.store.selfEmail(calendar);
    const start = input.start.getTime();
    const end = input.end.getTime();
    if (!(end > start)) throw new Error('book(): end must be after start');
    const attendees: StoredAttendee[] = [{ email: self, responseStatus: 'accepted' }];
    for (const a of input.attendees) {
      attendees.push({ email: a.email, responseStatus: a.responseStatus ?? 'accepted', ...(a.displayName ? { displayName: a.displayName } : {}) });
    }
    const id = this.store.newId();
    const event = this.store.insert({
      id,
      calendarId: calendar.id,
      status: 'confirmed',
      deleted: false,
      summary: input.title,
      ...(input.description !== undefined ? { description: input.description } : {}),
      start: { kind: 'dateTime', ms: start, timeZone: calendar.timeZone },
      end: { kind: 'dateTime', ms: end, timeZone: calendar.timeZone },
      startMs: start,
      endMs: end,
      attendees,
      creator: this.rt.ownerEmail,
      organizer: self,
      extra: {},
      ...(input.meet ? meetConference(id) : {}),
    });
    return this.store.toResource(event);
  }

  /** The booker cancels: the event turns "cancelled" (its data stays readable with get/showDeleted). */
  cancel(calendarId: string, eventId: string): EventResource {
    const event = this.event_(calendarId, eventId);
    this.store.cancel(event);
    return this.store.toResource(event);
  }

  /** Hard delete: only a tombstone {id, status: "cancelled"} remains for get and incremental sync. */
  deleteEvent(calendarId: string, eventId: string): void {
    this.store.remove(this.event_(calendarId, eventId));
  }

  move(calendarId: string, eventId: string, start: Date, end: Date): EventResource {
    const event = this.event_(calendarId, eventId);
    const tz = event.start.kind === 'dateTime' ? event.start.timeZone : undefined;
    const zone = tz ? { timeZone: tz } : {};
    this.store.setTime(
      event,
      { kind: 'dateTime', ms: start.getTime(), ...zone },
      start.getTime(),
      { kind: 'dateTime', ms: end.getTime(), ...zone },
      end.getTime(),
    );
    this.store.changed(event, true);
    return this.store.toResource(event);
  }

  /** A guest declines (responseStatus "declined"); the event itself stays confirmed. */
  decline(calendarId: string, eventId: string, email: string): EventResource {
    const event = this.event_(calendarId, eventId);
    const attendee = event.attendees.find((a) => a.email.toLowerCase() === email.toLowerCase());
    if (!attendee) throw new Error(`decline(): ${email} is not a guest of ${eventId}`);
    attendee.responseStatus = 'declined';
    this.store.changed(event, false);
    return this.store.toResource(event);
  }

  patchEvent(calendarId: string, eventId: string, fields: { summary?: string; description?: string; location?: string; status?: EventStatus }): EventResource {
    const event = this.event_(calendarId, eventId);
    Object.assign(event, fields);
    this.store.changed(event, fields.status !== undefined);
    return this.store.toResource(event);
  }

  events(calendarId = 'primary'): EventResource[] {
    const calendar = this.calendar(calendarId);
    return this.store.eventsOf(calendar.id).map((e) => this.store.toResource(e));
  }

  event(calendarId: string, eventId: string): EventResource | undefined {
    const calendar = this.calendar(calendarId);
    const event = this.store.event(calendar.id, eventId);
    return event ? this.store.toResource(event) : undefined;
  }

  invalidateSyncTokens(): void {
    this.store.invalidateSyncTokens();
  }

  private calendar(id: string): StoredCalendar {
    const calendar = this.store.calendar(id);
    if (!calendar) throw new Error(`Unknown calendar ${id}`);
    return calendar;
  }

  private event_(calendarId: string, eventId: string): StoredEvent {
    const calendar = this.calendar(calendarId);
    const event = this.store.event(calendar.id, eventId.replace(/@google\.com$/, ''));
    if (!event) throw new Error(`Unknown event ${eventId} on ${calendarId}`);
    return event;
  }
}
