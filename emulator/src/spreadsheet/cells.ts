// What a cell holds and how a written value becomes one. Writes are parsed as if typed by the user
// (Sheets' USER_ENTERED rules): '=…' is a formula, "'…" is literal text, '42' and '3.5' become
// numbers, '2026-11-21' a date, unless the cell is formatted as plain text ('@').
import { isDate } from '../runtime';
import { gasError } from './errors';
import {
  AUTOMATIC_FORMAT,
  LocaleInfo,
  automaticNumber,
  dateToSerial,
  formatDate,
  formatNumber,
  isDateFormat,
  isNumberFormat,
  isTextFormat,
  localParts,
  serialToDate,
  zonedTime,
} from './format';

export type Stored = string | number | boolean | Date;
export type StyleValue = string | number | boolean | null;

export interface ValidationRule {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

/** Immutable: every change makes a new Cell, so caches keyed by the object stay right. */
export interface Cell {
  readonly v: Stored;
  readonly f?: string;
  readonly fmt?: string;
  readonly note?: string;
  readonly rule?: ValidationRule;
  readonly style?: Readonly<Record<string, StyleValue>>;
  /** Part of an array formula's result (ARRAYFORMULA written above it): content even when it shows "". */
  readonly spill?: true;
}

export interface CellEnv {
  locale: LocaleInfo;
  timeZone: string;
  /** Identifies locale + time zone for the display cache. */
  key: string;
}

/** Sheets refuses more than 50,000 characters in one cell (developers.google.com/apps-script/guides/services/quotas). */
export const MAX_CELL_CHARS = 50000;

/**
 * Whether Sheets counts the cell as content (getLastRow, appendRow, getDataRange): a formula, a value,
 * a FALSE checkbox, and a cell an array formula fills, even with "" (issue 15, point 12).
 */
export function hasContent(cell: Cell | undefined): boolean {
  return !!cell && (cell.f !== undefined || cell.v !== '' || cell.spill === true);
}

/** A copy of `old` with `patch` applied; undefined values remove a property; a cell left with nothing is undefined. */
export function patchCell(old: Cell | undefined, patch: { [K in keyof Cell]?: Cell[K] | undefined }): Cell | undefined {
  const next: Record<string, unknown> = { v: '', ...old };
  for (const [k, value] of Object.entries(patch)) {
    if (value === undefined) delete next[k];
    else next[k] = value;
  }
  if (next.v === undefined) next.v = '';
  const bare = next.v === '' && Object.keys(next).length === 1;
  return bare ? undefined : (next as unknown as Cell);
}

function tooLong(): Error {
  return gasError(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
}

/** The cell after the script writes `input` into it (formats, notes and validation are kept). */
export function writeInput(input: unknown, old: Cell | undefined, env: CellEnv): Cell | undefined {
  const parsed = parseInput(input, old?.fmt, env);
  const fmt = parsed.fmt ?? old?.fmt;
  if (old && (old.note !== undefined || old.rule !== undefined || old.style !== undefined)) {
    return patchCell(old, { v: parsed.v, f: parsed.f, fmt, spill: undefined });
  }
  // Fast path for the common case (a bare cell): no copying of properties.
  if (parsed.v === '' && parsed.f === undefined && fmt === undefined) return undefined;
  const cell: { v: Stored; f?: string; fmt?: string } = { v: parsed.v };
  if (parsed.f !== undefined) cell.f = parsed.f;
  if (fmt !== undefined) cell.fmt = fmt;
  return cell;
}

interface Parsed {
  v: Stored;
  f?: string;
  fmt?: string;
}

function parseInput(input: unknown, fmt: string | undefined, env: CellEnv): Parsed {
  if (input === null || input === undefined) return { v: '' };
  if (typeof input === 'string') return parseText(input, fmt, env);
  if (typeof input === 'number') return Number.isFinite(input) ? { v: input } : { v: String(input) };
  if (typeof input === 'boolean') return { v: input };
  if (isDate(input)) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) return { v: '' };
    return { v: new Date(ms), fmt: fmt ? undefined : autoDateFormat(ms, env) };
  }
  return parseText(objectText(input), fmt, env);
}

/** Date-only when the time is midnight on the spreadsheet's clock, date and time otherwise. */
function autoDateFormat(ms: number, env: CellEnv): string {
  const p = localParts(ms, env.timeZone);
  const midnight = p.hour === 0 && p.minute === 0 && p.second === 0 && p.millisecond === 0;
  return midnight ? env.locale.datePattern : env.locale.dateTimePattern;
}

/**
 * Apps Script hands objects to Sheets as Java maps and lists, so a cell shows their Java string:
 * `{a=1.0, b=x}` (numbers are Java doubles), `[p, q]`. A class instance shows its fields, not its toString().
 */
export function objectText(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return javaDouble(value);
  if (isDate(value)) return String(value);
  if (Array.isArray(value)) return `[${value.map(objectText).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, x]) => `${k}=${objectText(x)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** Java's Double.toString: 1 → "1.0", 1e7 → "1.0E7". */
function javaDouble(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(n);
  if (abs === 0 || (abs >= 1e-3 && abs < 1e7)) return Number.isInteger(n) ? `${n}.0` : String(n);
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

const DOT_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?(\d+,?\d*|,\d+)$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([+-]?\d+(?:[.,]\d+)?)\s?%$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const EUROS = /^(?:([+-]?\d+(?:[.,]\d{1,2})?)\s?€|€\s?([+-]?\d+(?:[.,]\d{1,2})?))$/;

function parseText(text: string, fmt: string | undefined, env: CellEnv): Parsed {
  if (text.length > MAX_CELL_CHARS) throw tooLong();
  if (isTextFormat(fmt)) return { v: text };
  if (text.startsWith("'")) return { v: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { v: formulaPlaceholder(text), f: text };
  const word = text.length <= 5 ? text.toUpperCase() : '';
  if (word === 'TRUE' || word === 'FALSE') return { v: word === 'TRUE' };
  if (word === env.locale.trueText || word === env.locale.falseText) return { v: word === env.locale.trueText };
  if (!/^[\d+\-.,€]/.test(text)) return { v: text };
  const number = parseNumber(text, env.locale);
  if (number !== null) return { v: number };
  const percent = PERCENT.exec(text);
  if (percent) {
    const decimals = /[.,]/.test(percent[1]);
    return { v: Number(percent[1].replace(',', '.')) / 100, fmt: fmt ? undefined : decimals ? '0.00%' : '0%' };
  }
  const euros = EUROS.exec(text);
  if (euros) return { v: Number((euros[1] ?? euros[2]).replace(',', '.')), fmt: fmt ? undefined : '#,##0.00 €' };
  const time = TIME.exec(text);
  if (time && Number(time[1]) < 24 && Number(time[2]) < 60 && Number(time[3] ?? 0) < 60) {
    // A time of day is a date on Sheets' day zero, 1899-12-30, on the spreadsheet's clock.
    const ms = zonedTime(1899, 12, 30, Number(time[1]), Number(time[2]), Number(time[3] ?? 0), 0, env.timeZone);
    return { v: new Date(ms), fmt: fmt ? undefined : env.locale.timePattern };
  }
  const date = parseDate(text, env);
  if (date !== null) return { v: new Date(date.ms), fmt: fmt ? undefined : date.withTime ? env.locale.dateTimePattern : env.locale.datePattern };
  return { v: text };
}

function parseNumber(text: string, locale: LocaleInfo): number | null {
  if (DOT_NUMBER.test(text)) return Number(text);
  if (locale.decimal === ',' && COMMA_NUMBER.test(text)) return Number(text.replace(',', '.'));
  if (locale.decimal === '.' && GROUPED_NUMBER.test(text)) return Number(text.replace(/,/g, ''));
  return null;
}

function parseDate(text: string, env: CellEnv): { ms: number; withTime: boolean } | null {
  let y: number, mo: number, d: number;
  const iso = ISO_DATE.exec(text);
  const slash = iso ? null : SLASH_DATE.exec(text);
  const m = iso ?? slash;
  if (!m) return null;
  if (iso) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if (env.locale.dayFirst) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = m[4] ? Number(m[4]) : 0;
  const mi = m[5] ? Number(m[5]) : 0;
  const s = m[6] ? Number(m[6]) : 0;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return { ms: zonedTime(y, mo, d, h, mi, s, 0, env.timeZone), withTime: m[4] !== undefined };
}

/**
 * Formulas are not evaluated: a formula reads back as '' unless it is a bare literal (=42, ="text",
 * =TRUE). Tests can give a formula cell its computed value with SpreadsheetService.setComputedValue.
 */
export function formulaPlaceholder(formula: string): Stored {
  const body = formula.slice(1).trim();
  if (DOT_NUMBER.test(body)) return Number(body);
  const text = /^"([^"]*)"$/.exec(body);
  if (text) return text[1];
  if (/^(TRUE|FALSE)$/i.test(body)) return body.toUpperCase() === 'TRUE';
  return '';
}

/** The value getValues() returns: a date-formatted number is a Date, a number-formatted date a serial number. */
export function readCell(cell: Cell | undefined, env: CellEnv, newDate: (ms: number) => Date): Stored {
  if (!cell) return '';
  const v = cell.v;
  if (typeof v === 'number' && isDateFormat(cell.fmt)) return newDate(serialToDate(v, env.timeZone));
  if (isDate(v)) return isNumberFormat(cell.fmt) ? dateToSerial(v.getTime(), env.timeZone) : newDate(v.getTime());
  return v;
}

/** The display text is cached on the cell itself, in a non-enumerable slot that copies and saves skip. */
const DISPLAY = Symbol('display');
type Cached = Cell & { [DISPLAY]?: { key: string; text: string } };

/** The text Sheets shows in the cell (getDisplayValues), in the spreadsheet's locale and time zone. */
export function displayCell(cell: Cell | undefined, env: CellEnv): string {
  if (!cell || cell.v === '') return '';
  if (typeof cell.v === 'string') return cell.v;
  const cached = (cell as Cached)[DISPLAY];
  if (cached && cached.key === env.key) return cached.text;
  const text = computeDisplay(cell, env);
  if (cached) cached.key = env.key;
  if (cached) cached.text = text;
  else Object.defineProperty(cell, DISPLAY, { value: { key: env.key, text }, enumerable: false });
  return text;
}

function computeDisplay(cell: Cell, env: CellEnv): string {
  const { v, fmt } = cell;
  const { locale, timeZone } = env;
  if (typeof v === 'boolean') return v ? locale.trueText : locale.falseText;
  if (typeof v === 'number') {
    if (isDateFormat(fmt)) return formatDate(localParts(serialToDate(v, timeZone), timeZone), fmt as string, locale);
    if (isNumberFormat(fmt)) return formatNumber(v, fmt as string, locale);
    return automaticNumber(v, locale);
  }
  const ms = (v as Date).getTime();
  if (isNumberFormat(fmt)) return formatNumber(dateToSerial(ms, timeZone), fmt as string, locale);
  const pattern = isDateFormat(fmt) ? (fmt as string) : locale.dateTimePattern;
  return formatDate(localParts(ms, timeZone), pattern, locale);
}

export function numberFormatOf(cell: Cell | undefined): string {
  return cell?.fmt ?? AUTOMATIC_FORMAT;
}
