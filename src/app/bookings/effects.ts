// What a plan's booking steps do outside the sheet: a booking refused for lack of credit has its
// calendar event cancelled. A failure is written to the journal, never thrown: the booking's records
// stand either way. (The booking e-mails are queued in `Envois` with the plan.)
import type { PlanEffects } from '../../gas/planRunner';
import { bookingText } from '../../i18n/bookingText';
import { removeCalendarEvent } from '../../gas/calendar';
import { journal } from '../../gas/journal';

export const bookingEffects: PlanEffects = {
  declineEvent(book, step) {
    const text = bookingText(book.settings.locale);
    const removal = removeCalendarEvent(step.calendarId, step.event, text.calendarServiceMissing);
    if (!removal.ok) {
      journal(book, 'warning', text.bookingRefuseFailed(step.email, removal.error));
      return false;
    }
    journal(book, 'info', text.bookingRefused(step.email));
    return true;
  },
};
