// How Sheets shows values: the spreadsheet's locale (decimal separator, TRUE/FALSE words, default date
// patterns) and time zone, and a small interpreter of number-format patterns ('#,##0.00 €', 'dd/MM/yyyy').
// "Formatting is based on the spreadsheet's locale" (developers.google.com/sheets/api/reference/rest/v4/ValueRenderOption).

export interface LocaleInfo {
  tag: string;
  decimal: string;
  group: string;
  trueText: string;
  falseText: string;
  datePattern: string;
  dateTimePattern: string;
  timePattern: string;
  /** Day-first (dd/MM/yyyy) or month-first (M/d/yyyy) when a typed date is parsed. */
  dayFirst: boolean;
}

const LOCALES: Record<string, LocaleInfo> = {
  fr_FR: {
    tag: 'fr-FR',
    decimal: ',',
    group: '\u202f',
    trueText: 'VRAI',
    falseText: 'FAUX',
    datePattern: 'dd/MM/yyyy',
    dateTimePattern: 'dd/MM/yyyy HH:mm:ss',
    timePattern: 'HH:mm:ss',
    dayFirst: true,
  },
  en_US: {
    tag: 'en-US',
    decimal: '.',
    group: ',',
    trueText: 'TRUE',
    falseText: 'FALSE',
    datePattern: 'M/d/yyyy',
    dateTimePattern: 'M/d/yyyy H:mm:ss',
    timePattern: 'h:mm:ss am/pm',
    dayFirst: false,
  },
  en_GB: {
    tag: 'en-GB',
    decimal: '.',
    group: ',',
    trueText: 'TRUE',
    falseText: 'FALSE',
    datePattern: 'dd/MM/yyyy',
    dateTimePattern: 'dd/MM/yyyy HH:mm:ss',
    timePattern: 'HH:mm:ss',
    dayFirst: true,
  },
};

export function localeInfo(locale: string): LocaleInfo {
  return LOCALES[locale] ?? (locale.startsWith('fr') ? LOCALES.fr_FR : LOCALES.en_US);
}

/** What a new cell reports as its number format (the "Automatic" format). */
export const AUTOMATIC_FORMAT = '0.###############';

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
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
      weekday: 'short',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const partsCache = new Map<string, LocalParts>();

/** The wall-clock fields of an instant in a time zone (cached: Intl is slow and sheets repeat dates). */
export function localParts(ms: number, timeZone: string): LocalParts {
  const key = `${timeZone}|${ms}`;
  const hit = partsCache.get(key);
  if (hit) return hit;
  if (partsCache.size > 50000) partsCache.clear();
  const parts = computeParts(ms, timeZone);
  partsCache.set(key, parts);
  return parts;
}

function computeParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, string> = {};
  for (const p of partFormatter(timeZone).formatToParts(new Date(ms))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(out.weekday),
  };
}

/** The instant at which the wall clock of `timeZone` shows the given local time. */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const p = localParts(guess, timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
    if (seen === wall) break;
    guess += wall - seen;
  }
  return guess;
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86400000;

/** Sheets stores a date as days since 1899-12-30 on the spreadsheet's wall clock. */
export function dateToSerial(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - SERIAL_EPOCH) / DAY_MS;
}

export function serialToDate(serial: number, timeZone: string): number {
  const wall = new Date(Math.round(SERIAL_EPOCH + serial * DAY_MS));
  return zonedTime(
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
    timeZone,
  );
}

/** Numbers under the Automatic format: up to 10 decimals, scientific notation past 1e15. */
export function automaticNumber(n: number, locale: LocaleInfo): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs < 1e15 && abs >= 1e-4) {
    // Most numbers print exactly within 10 decimals: no rounding needed.
    const plain = String(n);
    const dot = plain.indexOf('.');
    if (dot < 0) return plain;
    if (plain.length - dot - 1 <= 10) return locale.decimal === '.' ? plain : plain.replace('.', locale.decimal);
  }
  let text: string;
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-10)) {
    const [mantissa, exponent] = n.toExponential().split('e');
    const e = Number(exponent);
    text = `${trimZeros(Number(mantissa).toFixed(9))}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  } else {
    text = trimZeros(n.toFixed(10));
    if (text === '-0') text = '0';
  }
  return text.replace('.', locale.decimal);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

type Token = { kind: 'lit'; text: string } | { kind: 'date'; text: string } | { kind: 'ampm'; text: string } | { kind: 'num'; text: string };

const tokenCache = new Map<string, Token[]>();

/** Tokens of one format section (memoised: every read of a formatted cell asks). */
function tokenize(section: string): Token[] {
  let tokens = tokenCache.get(section);
  if (!tokens) {
    tokens = scan(section);
    tokenCache.set(section, tokens);
  }
  return tokens;
}

function scan(section: string): Token[] {
  const tokens: Token[] = [];
  const lit = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === 'lit') last.text += text;
    else tokens.push({ kind: 'lit', text });
  };
  let i = 0;
  while (i < section.length) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      lit(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '\\') {
      lit(section[i + 1] ?? '');
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      if (inner.startsWith('$')) lit(inner.slice(1).split('-')[0]);
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '_' || ch === '*') {
      i += 2; // padding directives show nothing in a value read back
    } else if (/^(am\/pm|a\/p)/i.test(section.slice(i))) {
      const m = /^(am\/pm|a\/p)/i.exec(section.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'ampm', text: m[0] });
      i += m[0].length;
    } else if (/[dDmMyYhHsS]/.test(ch)) {
      let j = i;
      while (j < section.length && section[j].toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: 'date', text: section.slice(i, j) });
      i = j;
    } else if (/[0#?.,%]/.test(ch)) {
      let j = i;
      while (j < section.length && /[0#?.,%]/.test(section[j])) j++;
      tokens.push({ kind: 'num', text: section.slice(i, j) });
      i = j;
    } else {
      lit(ch);
      i += 1;
    }
  }
  return tokens;
}

const sectionCache = new Map<string, string[]>();

function splitSections(format: string): string[] {
  let sections = sectionCache.get(format);
  if (!sections) {
    sections = cutSections(format);
    sectionCache.set(format, sections);
  }
  return sections;
}

function cutSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

export function isTextFormat(format: string | undefined): boolean {
  return format === '@';
}

export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === AUTOMATIC_FORMAT || format === '@') return false;
  return tokenize(splitSections(format)[0]).some((t) => t.kind === 'date');
}

/** A pattern other than Automatic, text or date: numbers keep it, dates become serial numbers. */
export function isNumberFormat(format: string | undefined): boolean {
  return !!format && format !== AUTOMATIC_FORMAT && format !== '@' && !isDateFormat(format);
}

export function formatNumber(n: number, format: string, locale: LocaleInfo): string {
  const sections = splitSections(format);
  let section = sections[0];
  let value = n;
  let sign = '';
  if (n < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1];
    value = -n;
  } else if (n === 0 && sections.length > 2 && sections[2] !== '') {
    section = sections[2];
  } else if (n < 0) {
    sign = '-';
    value = -n;
  }
  const tokens = tokenize(section);
  const numTokens = tokens.filter((t) => t.kind === 'num');
  if (!numTokens.length || tokens.some((t) => t.kind === 'date')) return tokens.map((t) => t.text).join('');
  const pattern = numTokens.map((t) => t.text).join('');
  const percents = (pattern.match(/%/g) ?? []).length;
  value *= 100 ** percents;
  const digits = pattern.replace(/%/g, '');
  const dot = digits.indexOf('.');
  const intPattern = dot < 0 ? digits : digits.slice(0, dot);
  const decPattern = dot < 0 ? '' : digits.slice(dot + 1).replace(/,/g, '');
  const maxDec = (decPattern.match(/[0#?]/g) ?? []).length;
  const minDec = (decPattern.match(/0/g) ?? []).length;
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(intPattern);
  let [intText, decText = ''] = value.toFixed(maxDec).split('.');
  decText = decText.replace(/0+$/, '');
  while (decText.length < minDec) decText += '0';
  if (intText === '0' && minInt === 0) intText = '';
  intText = intText.padStart(minInt, '0');
  if (grouping) intText = intText.replace(/\B(?=(\d{3})+(?!\d))/g, locale.group);
  const numberText = decText ? `${intText}${locale.decimal}${decText}` : intText;
  if (sign && Number(value.toFixed(maxDec)) === 0) sign = '';
  let out = '';
  let placed = false;
  for (const t of tokens) {
    if (t.kind === 'num') {
      if (!placed) out += numberText;
      placed = true;
      out += '%'.repeat((t.text.match(/%/g) ?? []).length);
    } else out += t.text;
  }
  return sign + out;
}

function monthName(month: number, style: 'short' | 'long', locale: LocaleInfo): string {
  return new Intl.DateTimeFormat(locale.tag, { month: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

function weekdayName(weekday: number, style: 'short' | 'long', locale: LocaleInfo): string {
  return new Intl.DateTimeFormat(locale.tag, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2000, 0, 2 + weekday)));
}

export function formatDate(p: LocalParts, format: string, locale: LocaleInfo): string {
  const tokens = tokenize(splitSections(format)[0]);
  const twelveHour = tokens.some((t) => t.kind === 'ampm');
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  let out = '';
  tokens.forEach((t, i) => {
    if (t.kind !== 'date') {
      if (t.kind === 'ampm') out += t.text.toLowerCase().startsWith('a/') ? (p.hour < 12 ? 'A' : 'P') : p.hour < 12 ? 'AM' : 'PM';
      else out += t.text;
      return;
    }
    const c = t.text[0];
    const n = t.text.length;
    if (c === 'y' || c === 'Y') out += n <= 2 ? pad(p.year % 100, 2) : String(p.year);
    else if (c === 'd' || c === 'D') {
      if (n <= 2) out += n === 1 ? String(p.day) : pad(p.day, 2);
      else out += weekdayName(p.weekday, n === 3 ? 'short' : 'long', locale);
    } else if (c === 'h' || c === 'H') {
      const h = twelveHour ? ((p.hour + 11) % 12) + 1 : p.hour;
      out += n === 1 ? String(h) : pad(h, 2);
    } else if (c === 's' || c === 'S') out += n === 1 ? String(p.second) : pad(p.second, 2);
    else {
      // 'm' is minutes right after an hour or right before seconds, the month elsewhere; 'M' is always the month.
      const prev = tokens
        .slice(0, i)
        .reverse()
        .find((x) => x.kind === 'date');
      const next = tokens.slice(i + 1).find((x) => x.kind === 'date');
      const minutes = c === 'm' && n <= 2 && ((prev && /h/i.test(prev.text[0])) || (next && /s/i.test(next.text[0])));
      if (minutes) out += n === 1 ? String(p.minute) : pad(p.minute, 2);
      else if (n <= 2) out += n === 1 ? String(p.month) : pad(p.month, 2);
      else out += monthName(p.month, n === 3 ? 'short' : 'long', locale);
    }
  });
  return out;
}
