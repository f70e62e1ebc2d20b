// The plan steps that bookings add (see domain/plan.ts): the `Réservations` row keyed by event id,
// and a calendar event cancelled because it was booked without credit.
import type { Step } from '../domain/plan';
import { asText } from '../domain/values';
import { errorText } from '../domain/problem';
import { bookingText } from '../i18n/bookingText';
import type { Workbook } from './workbook';
import type { KnownRows } from './planRunner';
import type { Record_ } from './table';
import { journal } from './journal';
import { now } from './clock';

type BookingStep = Extract<Step, { kind: 'upsertBooking' | 'declineEvent' }>;

export function applyBookingStep(book: Workbook, step: BookingStep, known: KnownRows): void {
  switch (step.kind) {
    case 'upsertBooking': {
      const bookings = book.table('bookings');
      const row = known.booking !== undefined ? known.booking : bookings.findRow('Événement', step.event);
      if (row) bookings.update(row, step.values as Record_<'bookings'>);
      else known.booking = bookings.append({ ...step.createOnly, ...step.values, Événement: step.event } as Record_<'bookings'>);
      return;
    }
    case 'declineEvent':
      declineEvent(book, step, known);
      return;
  }
}

function declineEvent(book: Workbook, step: Extract<Step, { kind: 'declineEvent' }>, known: KnownRows): void {
  const text = bookingText(book.settings.locale);
  const bookings = book.table('bookings');
  const row = known.booking !== undefined && known.booking !== null ? known.booking : bookings.findRow('Événement', step.event);
  const email = row ? asText(bookings.read(row)['E-mail']) : step.event;
  try {
    if (typeof Calendar === 'undefined' || !Calendar?.Events) throw new Error(text.calendarServiceMissing);
    Calendar.Events.remove(step.calendarId, step.event, { sendUpdates: 'all' });
  } catch (error) {
    const message = errorText(error);
    // Already gone (a replay, or the booker cancelled first): the refusal holds.
    if (!/Resource has been deleted|Not Found/i.test(message)) {
      journal(book, 'warning', text.bookingRefuseFailed(email, message));
      return;
    }
  }
  if (row) bookings.update(row, { Statut: step.status, 'Mis à jour': now() });
  journal(book, 'info', text.bookingRefused(email));
}
