// The booking calendar: its changes read with the Calendar advanced service, and what plans do to it.
import { errorText } from '../domain/problem';

export type Removal = { ok: true } | { ok: false; error: string };

/** The Calendar advanced service is enabled (an older manifest may lack it). */
export function calendarServiceEnabled(): boolean {
  return typeof Calendar !== 'undefined' && !!Calendar?.Events;
}

/** One page of the calendar's events (Events.list); throws Google's error (an expired sync or page token…). Call once calendarServiceEnabled(). */
export function listCalendarEvents(calendarId: string, args: Record<string, unknown>): GoogleAppsScript.Calendar.Schema.Events {
  return Calendar!.Events.list(calendarId, args);
}

/** The id of the owner's default calendar (their address). */
export function defaultCalendarId(): string {
  return CalendarApp.getDefaultCalendar().getId();
}

/**
 * Cancels an event and tells its guests. An event already gone (a replay, or the booker cancelled
 * first) counts as cancelled; the service missing (`missingService`) or a refusal comes back as text.
 */
export function removeCalendarEvent(calendarId: string, eventId: string, missingService: string): Removal {
  try {
    if (typeof Calendar === 'undefined' || !Calendar?.Events) throw new Error(missingService);
    Calendar.Events.remove(calendarId, eventId, { sendUpdates: 'all' });
    return { ok: true };
  } catch (error) {
    const message = errorText(error);
    return /Resource has been deleted|Not Found/i.test(message) ? { ok: true } : { ok: false, error: message };
  }
}
