// Turning Events resources written by a script (insert/patch/update bodies) into stored fields.
// Error messages are the API's (400 invalid/required): "Missing end time.", "Invalid start time.",
// "Missing time zone definition for start time.", "Start and end times must either both be date or
// both be dateTime.", "The specified time range is empty.", "Invalid attendee email."
import { createHash } from 'node:crypto';
import {
  EVENT_STATUSES,
  EventStatus,
  EventTime,
  InvalidInput,
  RESPONSE_STATUSES,
  ResponseStatus,
  StoredAttendee,
  StoredEvent,
  isEmail,
  parseEventTime,
} from './store';
import { formatUtc } from './time';

/** Writable fields kept verbatim in `extra` (no behaviour attached in the emulator). */
export const EXTRA_FIELDS = [
  'colorId',
  'transparency',
  'visibility',
  'reminders',
  'extendedProperties',
  'guestsCanInviteOthers',
  'guestsCanModify',
  'guestsCanSeeOtherGuests',
  'anyoneCanAddSelf',
  'source',
  'attachments',
  'recurrence',
  'eventType',
  'endTimeUnspecified',
] as const;

/** The writable fields of an event, as parsed from a resource: the stored event's own fields. */
export type EventFields = Pick<StoredEvent, 'status' | 'summary' | 'description' | 'location' | 'start' | 'end' | 'startMs' | 'endMs' | 'attendees' | 'extra'>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.prototype.toString.call(value) === '[object Object]';
}

/** A JSON-safe copy of a value coming from the script's realm (drops functions and undefined). */
export function jsonCopy<T = unknown>(value: unknown): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

/** Patch semantics: objects merge recursively, arrays and scalars replace, null clears. */
export function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = mergePatch(out[key] as Record<string, unknown>, value);
    else out[key] = value;
  }
  return out;
}

/** The writable part of a stored event, in the shape a script would send back. */
export function writableView(event: StoredEvent): Record<string, unknown> {
  const time = (t: EventTime) => (t.kind === 'date' ? { date: t.date } : { dateTime: formatUtc(t.ms), ...(t.timeZone ? { timeZone: t.timeZone } : {}) });
  const view: Record<string, unknown> = {
    status: event.status,
    start: time(event.start),
    end: time(event.end),
    attendees: event.attendees.map((a) => ({ ...a })),
    ...jsonCopy<Record<string, unknown>>(event.extra),
  };
  if (event.summary !== undefined) view.summary = event.summary;
  if (event.description !== undefined) view.description = event.description;
  if (event.location !== undefined) view.location = event.location;
  return view;
}

function optionalText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function parseTime(value: unknown, which: 'start' | 'end', calendarTz: string) {
  if (isPlainObject(value) && value.date != null && value.dateTime != null) throw new InvalidInput(`Invalid ${which} time.`);
  return parseEventTime(value, which, calendarTz);
}

export function parseAttendees(value: unknown): StoredAttendee[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InvalidInput('Invalid Value');
  return value.map((raw: unknown) => {
    if (!isPlainObject(raw) || typeof raw.email !== 'string' || !isEmail(raw.email.trim())) throw new InvalidInput('Invalid attendee email.');
    const status = raw.responseStatus === undefined || raw.responseStatus === null ? 'needsAction' : String(raw.responseStatus);
    if (!RESPONSE_STATUSES.includes(status as ResponseStatus)) throw new InvalidInput('Invalid Value');
    const attendee: StoredAttendee = { email: raw.email.trim(), responseStatus: status as ResponseStatus };
    if (raw.displayName != null) attendee.displayName = String(raw.displayName);
    if (raw.optional === true) attendee.optional = true;
    if (raw.comment != null) attendee.comment = String(raw.comment);
    if (typeof raw.additionalGuests === 'number' && raw.additionalGuests > 0) attendee.additionalGuests = raw.additionalGuests;
    return attendee;
  });
}

/** Validates a whole resource (insert/update, or a merged patch) into stored fields. */
export function parseFields(resource: Record<string, unknown>, calendarTz: string): EventFields {
  const start = parseTime(resource.start, 'start', calendarTz);
  const end = parseTime(resource.end, 'end', calendarTz);
  if (start.time.kind !== end.time.kind) throw new InvalidInput('Start and end times must either both be date or both be dateTime.');
  if (end.ms < start.ms || (start.time.kind === 'date' && end.ms === start.ms)) throw new InvalidInput('The specified time range is empty.');
  const status = resource.status === undefined || resource.status === null ? 'confirmed' : String(resource.status);
  if (!EVENT_STATUSES.includes(status as EventStatus)) throw new InvalidInput('Invalid Value');
  const extra: Record<string, unknown> = {};
  for (const key of EXTRA_FIELDS) {
    if (resource[key] === undefined || resource[key] === null) continue;
    extra[key] = key === 'colorId' ? String(resource[key]) : jsonCopy(resource[key]);
  }
  return {
    status: status as EventStatus,
    summary: optionalText(resource.summary),
    description: optionalText(resource.description),
    location: optionalText(resource.location),
    start: start.time,
    end: end.time,
    startMs: start.ms,
    endMs: end.ms,
    attendees: parseAttendees(resource.attendees),
    extra,
  };
}

/** A Google Meet conference as Calendar attaches it ("abc-defg-hij"), derived from the event id. */
export function meetConference(eventId: string, requestId?: string): { hangoutLink: string; conferenceData: Record<string, unknown> } {
  const digest = createHash('sha256').update(`meet:${eventId}`).digest();
  const letters = Array.from(digest.subarray(0, 10), (b) => String.fromCharCode(97 + (b % 26))).join('');
  const code = `${letters.slice(0, 3)}-${letters.slice(3, 7)}-${letters.slice(7, 10)}`;
  const uri = `https://meet.google.com/${code}`;
  return {
    hangoutLink: uri,
    conferenceData: {
      ...(requestId ? { createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'success' } } } : {}),
      entryPoints: [{ entryPointType: 'video', uri, label: uri.replace('https://', '') }],
      conferenceSolution: {
        key: { type: 'hangoutsMeet' },
        name: 'Google Meet',
        iconUri: 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
      },
      conferenceId: code,
    },
  };
}
