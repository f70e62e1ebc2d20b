// RFC 3339 as the Calendar API speaks it: instants written in a calendar's time zone with its offset
// ("2026-11-21T10:00:00+01:00"), created/updated in UTC with milliseconds, all-day dates "YYYY-MM-DD".

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(ms: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (Paris in winter: 60). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The instant at which the wall clock of `timeZone` reads the given local time. */
export function zonedToInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  let t = guess - offsetMinutes(guess, timeZone) * 60000;
  t = guess - offsetMinutes(t, timeZone) * 60000;
  return t;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** "2026-11-21T10:00:00+01:00": the instant written in `timeZone` (how the API returns dateTime). */
export function formatDateTime(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  const off = offsetMinutes(ms, timeZone);
  const sign = off < 0 ? '-' : '+';
  const zone = off === 0 && timeZone === 'UTC' ? 'Z' : `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${zone}`;
}

/** "2026-11-21T09:00:00.000Z": how the API writes created/updated. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** The local calendar date of an instant in `timeZone`, "YYYY-MM-DD". */
export function formatDate(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export type ParsedDateTime = { ok: true; ms: number; hasOffset: boolean } | { ok: false };

/** Parses an RFC 3339 date-time; without an offset, `timeZone` (if given) places it. */
export function parseDateTime(text: string, timeZone?: string): ParsedDateTime {
  const m = RFC3339.exec(text.trim());
  if (!m) return { ok: false };
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return { ok: false };
  const zone = m[8];
  if (!zone) {
    if (!timeZone) return { ok: true, ms: NaN, hasOffset: false };
    return { ok: true, ms: zonedToInstant(y, mo, d, h, mi, s, timeZone), hasOffset: false };
  }
  let ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60000;
  }
  return { ok: true, ms, hasOffset: true };
}

/** Midnight starting the all-day date "YYYY-MM-DD" in `timeZone`, or NaN if malformed. */
export function parseDate(text: string, timeZone: string): number {
  const m = DATE_ONLY.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  return zonedToInstant(y, mo, d, 0, 0, 0, timeZone);
}
