// Utilities as Apps Script has it (developers.google.com/apps-script/reference/utilities/utilities):
// Java SimpleDateFormat dates in real IANA zones, SIGNED byte arrays, strict base64, sprintf.
// Also the shared helpers of the smaller services: Apps Script enums and wall-time arithmetic.
import { createHash, createHmac, createSign, randomUUID } from 'node:crypto';
import { crc32, deflateRawSync, gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { EmulatedBlob, toSignedBytes, toUint8 } from './blob';
import { conforms } from './conformance';
import { isDate, Runtime } from './runtime';

// ---------------------------------------------------------------- enums

/** An Apps Script enum value: compared by identity, prints as its name (`String(e) === 'CLOCK'`), never equal to a string. */
export interface AppsEnumValue {
  name(): string;
  ordinal(): number;
  toString(): string;
  toJSON(): string;
}

export function appsEnum<K extends string>(names: readonly K[]): Readonly<Record<K, AppsEnumValue>> {
  const out = {} as Record<K, AppsEnumValue>;
  names.forEach((name, i) => {
    out[name] = Object.freeze({ name: () => name, ordinal: () => i, toString: () => name, toJSON: () => name });
  });
  return Object.freeze(out);
}

/** The name of an enum value of `values`, or null when `value` is not one of them (e.g. a plain string). */
export function enumName(values: Readonly<Record<string, AppsEnumValue>>, value: unknown): string | null {
  for (const [name, v] of Object.entries(values)) if (v === value) return name;
  return null;
}

/** Apps Script's type names in "The parameters (String,number) don't match the method signature for …". */
export function gasTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  if (isDate(value)) return 'Date';
  if (Array.isArray(value)) {
    const inner = value.length ? gasTypeName(value[0]) : 'Object';
    return `${inner}[]`;
  }
  return 'Object';
}

export function signatureError(method: string, args: unknown[]): Error {
  return new Error(`The parameters (${args.map(gasTypeName).join(',')}) don't match the method signature for ${method}.`);
}

// ---------------------------------------------------------------- time zones

interface Zone {
  /** IANA id for Intl, or null for a fixed offset. */
  iana: string | null;
  fixedMinutes: number;
  /** Java's short name for a fixed-offset zone. */
  fixedName: string;
}

const zoneCache = new Map<string, Zone>();
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const nameFormatters = new Map<string, Intl.DateTimeFormat>();

/** Java's TimeZone.getTimeZone: IANA ids, "GMT+1"/"GMT+01:00", and GMT for anything unknown. */
function resolveZone(timeZone: string): Zone {
  const cached = zoneCache.get(timeZone);
  if (cached) return cached;
  let zone: Zone;
  const fixed = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i.exec(timeZone);
  if (fixed) {
    const minutes = fixed[1] ? (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) : 0;
    const name = fixed[1] ? `GMT${formatOffset(minutes, true)}` : timeZone.toUpperCase();
    zone = { iana: null, fixedMinutes: minutes, fixedName: name };
  } else {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      zone = { iana: timeZone, fixedMinutes: 0, fixedName: 'GMT' };
    } catch {
      zone = { iana: null, fixedMinutes: 0, fixedName: 'GMT' };
    }
  }
  zoneCache.set(timeZone, zone);
  return zone;
}

export interface WallTime {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 1 = Monday … 7 = Sunday (ISO, like the trigger event's day-of-week) */
  isoWeekday: number;
  offsetMinutes: number;
}

const WEEKDAYS_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The wall-clock fields of instant `ms` in `timeZone` (Intl does the zone rules, summer time included). */
export function wallTime(ms: number, timeZone: string): WallTime {
  const zone = resolveZone(timeZone);
  if (!zone.iana) {
    const d = new Date(ms + zone.fixedMinutes * 60000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      isoWeekday: ((d.getUTCDay() + 6) % 7) + 1,
      offsetMinutes: zone.fixedMinutes,
    };
  }
  let fmt = partsFormatters.get(zone.iana);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone.iana,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    partsFormatters.set(zone.iana, fmt);
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(new Date(ms))) p[part.type] = part.value;
  const year = p.era === 'BC' ? 1 - Number(p.year) : Number(p.year);
  const [month, day, hour, minute, second] = [p.month, p.day, p.hour, p.minute, p.second].map(Number);
  const millisecond = ((ms % 1000) + 1000) % 1000;
  const utcOfWall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const wallDate = new Date(utcOfWall);
  wallDate.setUTCFullYear(year);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    isoWeekday: WEEKDAYS_SHORT.indexOf(p.weekday) + 1,
    offsetMinutes: Math.round((wallDate.getTime() - ms) / 60000),
  };
}

/**
 * The instant whose wall time in `timeZone` is the given one. A wall time skipped by the spring-forward
 * change (02:30 on 2026-03-29 in Paris) moves forward by the gap, as java.util.Calendar does.
 */
export function zonedTimeToUtc(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const first = asUtc - wallTime(asUtc, timeZone).offsetMinutes * 60000;
  const second_ = asUtc - wallTime(first, timeZone).offsetMinutes * 60000;
  const w = wallTime(second_, timeZone);
  if (w.hour === hour && w.minute === minute && w.day === day) return second_;
  const w1 = wallTime(first, timeZone);
  if (w1.hour === hour && w1.minute === minute && w1.day === day) return first;
  // In the gap: keep the offset in force before it, which lands after the change.
  return Math.max(first, second_);
}

function formatOffset(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}${colon ? ':' : ''}${mm}`;
}

/** Java's zone names: "CET"/"CEST" for Paris, "EST", "GMT", "UTC"; "GMT+09:00" where no abbreviation exists. */
function zoneName(ms: number, timeZone: string, long: boolean): string {
  const zone = resolveZone(timeZone);
  if (!zone.iana) return zone.fixedName;
  const named = (locale: string, style: 'short' | 'long') => {
    const key = `${locale}|${style}|${zone.iana}`;
    let fmt = nameFormatters.get(key);
    if (!fmt) {
      fmt = new Intl.DateTimeFormat(locale, { timeZone: zone.iana ?? 'UTC', timeZoneName: style });
      nameFormatters.set(key, fmt);
    }
    return fmt.formatToParts(new Date(ms)).find((x) => x.type === 'timeZoneName')?.value ?? 'GMT';
  };
  if (long) return named('en-US', 'long');
  for (const locale of ['en-US', 'en-GB']) {
    const name = named(locale, 'short');
    if (!/^GMT[+-]/.test(name)) return name;
  }
  return `GMT${formatOffset(wallTime(ms, timeZone).offsetMinutes, true)}`;
}

// ---------------------------------------------------------------- SimpleDateFormat

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Token = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ kind: 'literal', text: "'" });
        i += 2;
        continue;
      }
      let text = '';
      i += 1;
      while (i < pattern.length) {
        if (pattern[i] === "'" && pattern[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (pattern[i] === "'") {
          i += 1;
          break;
        } else {
          text += pattern[i];
          i += 1;
        }
      }
      tokens.push({ kind: 'literal', text });
    } else if (/[a-zA-Z]/.test(c)) {
      let count = 1;
      while (pattern[i + count] === c) count += 1;
      if (!'GyYMLwWDdFEuaHkKhmsSzZX'.includes(c)) throw new Error(`Illegal pattern character '${c}'`);
      tokens.push({ kind: 'field', letter: c, count });
      i += count;
    } else {
      tokens.push({ kind: 'literal', text: c });
      i += 1;
    }
  }
  return tokens;
}

/** US week rules (weeks start on Sunday, week 1 holds January 1st), as a Java en-US calendar counts them. */
function usWeek(w: WallTime): { weekYear: number; week: number; weekInMonth: number } {
  const dayNumber = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / 86400000);
  const today = dayNumber(w.year, w.month, w.day);
  const sundayIndex = w.isoWeekday % 7; // Sunday = 0
  const weekStart = today - sundayIndex;
  const saturday = new Date((weekStart + 6) * 86400000);
  const weekYear = saturday.getUTCFullYear() > w.year ? w.year + 1 : w.year;
  const jan1 = dayNumber(weekYear, 1, 1);
  const jan1Weekday = new Date(jan1 * 86400000).getUTCDay();
  const week1Start = jan1 - jan1Weekday;
  const first = dayNumber(w.year, w.month, 1);
  const firstWeekStart = first - new Date(first * 86400000).getUTCDay();
  return { weekYear, week: Math.floor((weekStart - week1Start) / 7) + 1, weekInMonth: Math.floor((weekStart - firstWeekStart) / 7) + 1 };
}

function pad(n: number, count: number): string {
  const s = String(Math.abs(n)).padStart(count, '0');
  return n < 0 ? `-${s}` : s;
}

/** java.text.SimpleDateFormat in the en-US locale, which is what Utilities.formatDate uses. */
export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const w = wallTime(ms, timeZone);
  const dayOfYear = Math.floor((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86400000) + 1;
  let out = '';
  for (const token of tokenize(pattern)) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const n = token.count;
    switch (token.letter) {
      case 'G':
        out += w.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        break;
      case 'Y': {
        const y = usWeek(w).weekYear;
        out += n === 2 ? pad(y % 100, 2) : pad(y, n);
        break;
      }
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n);
        break;
      case 'w':
        out += pad(usWeek(w).week, n);
        break;
      case 'W':
        out += pad(usWeek(w).weekInMonth, n);
        break;
      case 'D':
        out += pad(dayOfYear, n);
        break;
      case 'd':
        out += pad(w.day, n);
        break;
      case 'F':
        out += pad(Math.floor((w.day - 1) / 7) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[w.isoWeekday - 1] : DAYS[w.isoWeekday - 1].slice(0, 3);
        break;
      case 'u':
        out += pad(w.isoWeekday, n);
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(w.hour, n);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour, n);
        break;
      case 'K':
        out += pad(w.hour % 12, n);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        break;
      case 'm':
        out += pad(w.minute, n);
        break;
      case 's':
        out += pad(w.second, n);
        break;
      case 'S':
        out += pad(w.millisecond, n);
        break;
      case 'z':
        out += zoneName(ms, timeZone, n >= 4);
        break;
      case 'Z':
        out += formatOffset(w.offsetMinutes, false);
        break;
      case 'X':
        if (w.offsetMinutes === 0) out += 'Z';
        else if (n === 1) out += formatOffset(w.offsetMinutes, false).slice(0, 3);
        else out += formatOffset(w.offsetMinutes, n >= 3);
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------- sprintf

/** Utilities.formatString: sprintf with %s %d %i %f %e %x %o %c %%, flags - + 0 space, width, precision. */
export function sprintf(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifeEgGxXoc%])/g, (_m, flags: string, width?: string, precision?: string, conv?: string) => {
    if (conv === '%') return '%';
    const value = args[next++];
    let body: string;
    const num = Number(value);
    switch (conv) {
      case 's':
        body = precision !== undefined ? String(value).slice(0, Number(precision)) : String(value);
        break;
      case 'd':
      case 'i':
        body = String(Math.trunc(num));
        break;
      case 'f':
        body = num.toFixed(precision !== undefined ? Number(precision) : 6);
        break;
      case 'e':
      case 'E':
        body = num.toExponential(precision !== undefined ? Number(precision) : 6);
        if (conv === 'E') body = body.toUpperCase();
        break;
      case 'g':
      case 'G':
        body = String(num.toPrecision(precision !== undefined ? Number(precision) : 6));
        break;
      case 'x':
        body = Math.trunc(num).toString(16);
        break;
      case 'X':
        body = Math.trunc(num).toString(16).toUpperCase();
        break;
      case 'o':
        body = Math.trunc(num).toString(8);
        break;
      case 'c':
        body = typeof value === 'number' ? String.fromCharCode(value) : String(value).charAt(0);
        break;
      default:
        body = String(value);
    }
    if (conv !== 's' && conv !== 'c' && num >= 0) {
      if (flags.includes('+')) body = `+${body}`;
      else if (flags.includes(' ')) body = ` ${body}`;
    }
    const w = width ? Number(width) : 0;
    if (body.length < w) {
      if (flags.includes('-')) body = body.padEnd(w);
      else if (flags.includes('0') && conv !== 's') {
        const sign = /^[+\- ]/.test(body) ? body[0] : '';
        body = sign + body.slice(sign.length).padStart(w - sign.length, '0');
      } else body = body.padStart(w);
    }
    return body;
  });
}

// ---------------------------------------------------------------- CSV

/** Utilities.parseCsv: RFC 4180 fields, quotes doubled inside quoted fields, CRLF or LF rows. */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < csv.length) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i += 1;
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && csv[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    i += 1;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------- the service

export const Charset = appsEnum(['US_ASCII', 'UTF_8'] as const);
export const DigestAlgorithm = appsEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const);
export const MacAlgorithm = appsEnum(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const);
export const RsaAlgorithm = appsEnum(['RSA_SHA_1', 'RSA_SHA_256'] as const);

const DIGESTS: Record<string, string> = { MD2: 'md2', MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const MACS: Record<string, string> = { HMAC_MD5: 'md5', HMAC_SHA_1: 'sha1', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };

/** Longest Utilities.sleep (developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer)). */
export const MAX_SLEEP_MS = 300000;

type ByteData = string | number[];

/** A string in the given charset (UTF-8 by default; US-ASCII turns every other character into '?', like Java). */
function encodeString(text: string, charset: unknown): Uint8Array {
  if (charset === Charset.US_ASCII) {
    const ascii = Array.from(text, (c) => ((c.codePointAt(0) ?? 0) > 0x7f ? '?' : c)).join('');
    return new Uint8Array(Buffer.from(ascii, 'latin1'));
  }
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

function toBytes(data: unknown, charset?: unknown): Uint8Array {
  if (typeof data === 'string') return encodeString(data, charset);
  if (Array.isArray(data)) return toUint8(data.map(Number));
  if (data instanceof Uint8Array) return new Uint8Array(data);
  return encodeString(String(data), charset);
}

function decodeBase64Strict(encoded: string, webSafe: boolean): number[] {
  const alphabet = webSafe ? /^[A-Za-z0-9\-_]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  // Apps Script's decoder wants the padding: an unpadded string fails (public reports of Gmail bodies).
  if (!alphabet.test(encoded) || encoded.length % 4 !== 0) throw new Error('Could not decode string.');
  return toSignedBytes(new Uint8Array(Buffer.from(encoded, webSafe ? 'base64url' : 'base64')));
}

function blobOf(source: unknown): EmulatedBlob {
  const s = source as { getBlob?: () => unknown };
  const blob = typeof s?.getBlob === 'function' ? s.getBlob() : source;
  if (!(blob instanceof EmulatedBlob)) throw signatureError('Utilities.zip', [source]);
  return blob;
}

export class FakeUtilities {
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly RsaAlgorithm = RsaAlgorithm;

  constructor(private readonly rt: Runtime) {}

  private touch(method: string): void {
    this.rt.call('Utilities', method);
  }

  formatDate(date: GoogleAppsScript.Base.Date | Date, timeZone: string, format: string): string {
    this.touch('formatDate');
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError('Utilities.formatDate', [date, timeZone, format]);
    }
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw new Error('Invalid argument: date');
    return formatJavaDate(ms, timeZone, format);
  }

  formatString(template: string, ...args: unknown[]): string {
    this.touch('formatString');
    return sprintf(String(template), args);
  }

  getUuid(): string {
    this.touch('getUuid');
    return randomUUID();
  }

  computeDigest(algorithm: unknown, value: ByteData, charset?: unknown): number[] {
    this.touch('computeDigest');
    const name = enumName(DigestAlgorithm, algorithm);
    if (!name) throw signatureError('Utilities.computeDigest', charset === undefined ? [algorithm, value] : [algorithm, value, charset]);
    const hash = createHash(DIGESTS[name]).update(toBytes(value, charset)).digest();
    return toSignedBytes(new Uint8Array(hash));
  }

  computeHmacSignature(algorithm: unknown, value: ByteData, key: ByteData, charset?: unknown): number[] {
    this.touch('computeHmacSignature');
    const name = enumName(MacAlgorithm, algorithm);
    if (!name) throw signatureError('Utilities.computeHmacSignature', [algorithm, value, key]);
    return this.hmac(MACS[name], value, key, charset);
  }

  computeHmacSha256Signature(value: ByteData, key: ByteData, charset?: unknown): number[] {
    this.touch('computeHmacSha256Signature');
    return this.hmac('sha256', value, key, charset);
  }

  private hmac(algorithm: string, value: ByteData, key: ByteData, charset: unknown): number[] {
    const mac = createHmac(algorithm, toBytes(key, charset)).update(toBytes(value, charset)).digest();
    return toSignedBytes(new Uint8Array(mac));
  }

  computeRsaSignature(algorithm: unknown, value: string, key: string, charset?: unknown): number[] {
    this.touch('computeRsaSignature');
    const name = enumName(RsaAlgorithm, algorithm);
    if (!name) throw signatureError('Utilities.computeRsaSignature', [algorithm, value, key]);
    return this.rsa(name === 'RSA_SHA_1' ? 'sha1' : 'sha256', value, key, charset);
  }

  computeRsaSha1Signature(value: string, key: string, charset?: unknown): number[] {
    this.touch('computeRsaSha1Signature');
    return this.rsa('sha1', value, key, charset);
  }

  computeRsaSha256Signature(value: string, key: string, charset?: unknown): number[] {
    this.touch('computeRsaSha256Signature');
    return this.rsa('sha256', value, key, charset);
  }

  private rsa(algorithm: string, value: string, key: string, charset: unknown): number[] {
    const signature = createSign(algorithm === 'sha1' ? 'RSA-SHA1' : 'RSA-SHA256')
      .update(toBytes(value, charset))
      .sign(key);
    return toSignedBytes(new Uint8Array(signature));
  }

  base64Encode(data: ByteData, charset?: unknown): string {
    this.touch('base64Encode');
    return Buffer.from(toBytes(data, charset)).toString('base64');
  }

  /** The URL-safe alphabet (- and _), padding kept. */
  base64EncodeWebSafe(data: ByteData, charset?: unknown): string {
    this.touch('base64EncodeWebSafe');
    return Buffer.from(toBytes(data, charset)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string, _charset?: unknown): number[] {
    this.touch('base64Decode');
    return decodeBase64Strict(String(encoded), false);
  }

  base64DecodeWebSafe(encoded: string, _charset?: unknown): number[] {
    this.touch('base64DecodeWebSafe');
    return decodeBase64Strict(String(encoded), true);
  }

  newBlob(data: ByteData, contentType?: string, name?: string): EmulatedBlob {
    this.touch('newBlob');
    return new EmulatedBlob(this.rt, toBytes(data), contentType ?? null, name ?? null);
  }

  parseCsv(csv: string, delimiter?: string): string[][] {
    this.touch('parseCsv');
    return parseCsv(String(csv), delimiter ?? ',');
  }

  /** Spends virtual time: the execution's 6-minute budget counts it, nothing else runs meanwhile. */
  sleep(milliseconds: number): void {
    this.touch('sleep');
    const ms = Number(milliseconds);
    // Documented maximum; the message for a larger value is not published (unverified wording).
    if (!(ms >= 0) || ms > MAX_SLEEP_MS) throw new Error('Invalid argument: milliseconds');
    this.rt.clock.advance(Math.floor(ms));
  }

  gzip(blob: GoogleAppsScript.Base.BlobSource | EmulatedBlob, name?: string): EmulatedBlob {
    this.touch('gzip');
    const source = blobOf(blob);
    const out = gzipSync(source.rawBytes());
    const sourceName = source.getName();
    return new EmulatedBlob(this.rt, new Uint8Array(out), 'application/x-gzip', name ?? (sourceName ? `${sourceName}.gz` : null));
  }

  ungzip(blob: GoogleAppsScript.Base.BlobSource | EmulatedBlob): EmulatedBlob {
    this.touch('ungzip');
    const source = blobOf(blob);
    const name = source.getName();
    return new EmulatedBlob(this.rt, new Uint8Array(gunzipSync(source.rawBytes())), null, name ? name.replace(/\.gz$/, '') : null);
  }

  zip(blobs: Array<GoogleAppsScript.Base.BlobSource | EmulatedBlob>, name?: string): EmulatedBlob {
    this.touch('zip');
    const files = blobs.map((b, i) => {
      const blob = blobOf(b);
      return { name: blob.getName() ?? `file${i}`, data: blob.rawBytes() };
    });
    return new EmulatedBlob(this.rt, writeZip(files), 'application/zip', name ?? 'archive.zip');
  }

  unzip(blob: GoogleAppsScript.Base.BlobSource | EmulatedBlob): EmulatedBlob[] {
    this.touch('unzip');
    return readZip(blobOf(blob).rawBytes()).map((f) => new EmulatedBlob(this.rt, f.data, null, f.name));
  }

  /** Deprecated but still present in the runtime. */
  jsonStringify(obj: unknown): string {
    this.touch('jsonStringify');
    return JSON.stringify(obj);
  }

  jsonParse(jsonString: string): unknown {
    this.touch('jsonParse');
    return JSON.parse(jsonString);
  }
}

conforms<
  GoogleAppsScript.Utilities.Utilities,
  FakeUtilities,
  | 'formatDate'
  | 'formatString'
  | 'getUuid'
  | 'computeDigest'
  | 'computeHmacSignature'
  | 'computeHmacSha256Signature'
  | 'computeRsaSignature'
  | 'computeRsaSha1Signature'
  | 'computeRsaSha256Signature'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'newBlob'
  | 'parseCsv'
  | 'sleep'
  | 'gzip'
  | 'ungzip'
  | 'zip'
  | 'unzip'
>(true);

// ---------------------------------------------------------------- zip (deflate, no Node dependency beyond zlib)

function writeZip(files: Array<{ name: string; data: Uint8Array }>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = deflateRawSync(file.data);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

function readZip(bytes: Uint8Array): Array<{ name: string; data: Uint8Array }> {
  const buf = Buffer.from(bytes);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('Could not unzip the blob: not a zip archive.');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const files: Array<{ name: string; data: Uint8Array }> = [];
  for (let i = 0; i < count; i += 1) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    if (!name.endsWith('/')) files.push({ name, data: new Uint8Array(method === 8 ? inflateRawSync(raw) : raw) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The Utilities global. No state of its own (nothing to save). */
export class UtilitiesService {
  readonly api: FakeUtilities;
  constructor(readonly rt: Runtime) {
    rt.registerState('utilities', this);
    this.api = new FakeUtilities(rt);
  }
  globals(): Record<string, unknown> {
    return { Utilities: this.api };
  }
  save(): unknown {
    return null;
  }
  load(_data: unknown): void {}
}
