// Time as the business sees it: calendar dates in the script's time zone (Europe/Paris).
import { formatDateLong, parseIsoDate } from '../domain/localDate';
import type { Locale } from '../i18n/invoiceText';
import { messages } from '../i18n/messages';

export function now(): Date {
  return new Date();
}

export function isoDay(date: Date): string {
  return Utilities.formatDate(date, Session.getScriptTimeZone(), 'yyyy-MM-dd');
}

/** "21 novembre 2026 à 10:00" in the script's time zone. */
export function formatMoment(date: Date, locale: Locale): string {
  const tz = Session.getScriptTimeZone();
  const day = formatDateLong(parseIsoDate(Utilities.formatDate(date, tz, 'yyyy-MM-dd')), locale);
  return messages(locale).dateAtTime(day, Utilities.formatDate(date, tz, 'HH:mm'));
}
