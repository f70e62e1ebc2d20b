/**
 * A calendar date in the business time zone. The Apps Script adapter computes it from the clock and
 * the spreadsheet's time zone; the domain never reads the clock, so an invoice date cannot shift by
 * a day because of the server's zone.
 */
import { fillText, invoiceText } from '../i18n/invoiceText';
import { type Locale } from '../i18n/locale';

export type LocalDate = { year: number; month: number; day: number };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Years 1..9999: what an ISO date with a four-digit year can hold. */
export function isValidLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'object' || value === null) return false;
  const { year, month, day } = value as Record<string, unknown>;
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    (year as number) >= 1 &&
    (year as number) <= 9999 &&
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= daysInMonth(year as number, month as number)
  );
}

export function assertLocalDate(value: unknown, what = 'date'): asserts value is LocalDate {
  if (!isValidLocalDate(value)) throw new Error(`Date invalide (${what}) : ${JSON.stringify(value)}.`);
}

/** Strict "YYYY-MM-DD"; throws on anything else, including 2026-02-30. */
export function parseIsoDate(text: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === 'string' ? text.trim() : '');
  if (!m) throw new Error(`Date invalide : « ${String(text)} » (format attendu AAAA-MM-JJ).`);
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isValidLocalDate(date)) throw new Error(`Date invalide : « ${text} » n'existe pas dans le calendrier.`);
  return date;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function toIsoDate(d: LocalDate): string {
  assertLocalDate(d);
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil):
// pure integer arithmetic, no Date object and no time zone involved.
function toDayNumber(d: LocalDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (d.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(days: number): LocalDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(d: LocalDate, n: number): LocalDate {
  assertLocalDate(d);
  if (!Number.isSafeInteger(n)) throw new Error(`Nombre de jours invalide : ${String(n)}.`);
  const result = fromDayNumber(toDayNumber(d) + n);
  assertLocalDate(result, 'résultat hors de la plage 0001-9999');
  return result;
}

/** "2026-01-31" plus 30 days is "2026-03-02". */
export function addDaysToIso(iso: string, n: number): string {
  return toIsoDate(addDays(parseIsoDate(iso), n));
}

/** Negative when a is before b, 0 when equal, positive after. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  assertLocalDate(a);
  assertLocalDate(b);
  return toDayNumber(a) - toDayNumber(b);
}

/** fr: "21 novembre 2026", "1er janvier 2027"; en: "21 November 2026". */
export function formatDateLong(d: LocalDate, locale: Locale = 'fr'): string {
  assertLocalDate(d);
  const text = invoiceText(locale);
  return fillText(text.dateLong, {
    day: d.day === 1 ? text.firstDay : String(d.day),
    month: text.months[d.month - 1],
    year: String(d.year),
  });
}

/** fr: "21/11/2026"; en: ISO "2026-11-21", unambiguous for both US and UK readers. */
export function formatDateShort(d: LocalDate, locale: Locale = 'fr'): string {
  assertLocalDate(d);
  if (locale === 'en') return toIsoDate(d);
  return `${pad(d.day, 2)}/${pad(d.month, 2)}/${pad(d.year, 4)}`;
}

const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const SERIAL_DAY_MS = 86400000;

/**
 * A spreadsheet date serial (days since 1899-12-30, in the spreadsheet's wall time) as an instant (ms), given
 * the zone's offset at an instant (ms, wall time minus UTC). The offset is asked twice: a serial near a
 * daylight-saving change needs the offset at the instant found, not at its wall time read as UTC.
 */
export function serialToInstant(serial: number, offsetAt: (instantMs: number) => number): number {
  const wall = Math.round(SERIAL_EPOCH_MS + serial * SERIAL_DAY_MS);
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}
