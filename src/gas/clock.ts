// Time as the business sees it: calendar dates in the script's time zone (Europe/Paris).
import { formatDateLong, parseIsoDate } from '../domain/localDate';
import type { Locale } from '../i18n/locale';
import { messages } from '../i18n/messages';
import { scriptTimeZone } from './session';

export function now(): Date {
  return new Date();
}

/** `date` written with a Java SimpleDateFormat `pattern` (`yyyy-MM-dd`, `H`, `u`…) in `timeZone`. */
export function formatInZone(date: Date, timeZone: string, pattern: string): string {
  return Utilities.formatDate(date, timeZone, pattern);
}

/** `date` written with `pattern` in the script's time zone. */
export function formatLocal(date: Date, pattern: string): string {
  return Utilities.formatDate(date, scriptTimeZone(), pattern);
}

export function isoDay(date: Date): string {
  return formatLocal(date, 'yyyy-MM-dd');
}

/** "21 novembre 2026 à 10:00" in the script's time zone. */
export function formatMoment(date: Date, locale: Locale): string {
  const tz = scriptTimeZone();
  const day = formatDateLong(parseIsoDate(formatInZone(date, tz, 'yyyy-MM-dd')), locale);
  return messages(locale).dateAtTime(day, formatInZone(date, tz, 'HH:mm'));
}
