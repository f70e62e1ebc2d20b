// The Calendar advanced service, for what plans do to the booking calendar.
import { errorText } from '../domain/problem';

export type Removal = { ok: true } | { ok: false; error: string };

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
