// The Sheets advanced service (Sheets API v4 as Apps Script exposes it), reduced to what Carnet uses:
// Sheets.Spreadsheets.Values.batchGet(spreadsheetId, { ranges, valueRenderOption, dateTimeRenderOption,
// majorDimension }), over the same workbook as SpreadsheetApp. Counted as service `Sheets`.
//
// References:
// - developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet: the response is
//   { spreadsheetId, valueRanges: ValueRange[] } "in the same order as the requested ranges";
//   ValueRange { range, majorDimension, values } (ValueRange reference).
// - developers.google.com/sheets/api/samples/reading: "Empty trailing rows and columns are omitted";
//   a range with no values has no `values` field.
// - ValueRenderOption: FORMATTED_VALUE (default: what the cell shows, as text), UNFORMATTED_VALUE
//   (numbers and booleans as such; dates as serial numbers with dateTimeRenderOption SERIAL_NUMBER, the
//   default), FORMULA.
// - Errors as Apps Script shows them (GoogleJsonResponseException "API call to
//   sheets.spreadsheets.values.batchGet failed with error: …"): "Unable to parse range: X" for a range
//   naming no sheet of the spreadsheet; "Range (Mass!151154:151354) exceeds grid limits. Max rows:
//   151000, max columns: 26" for a range past the grid (airbytehq/airbyte#1740, burnash/gspread#371);
//   "Requested entity was not found." for an unknown spreadsheet id.
// - Quota (developers.google.com/sheets/api/limits): 60 read requests per minute per user; past it the
//   API answers 429 "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute
//   per user' of service 'sheets.googleapis.com' for consumer 'project_number:…'." (the text of many
//   public reports, e.g. AutomaApp/automa#1844). Every execution here runs as the owner: one budget.
//
// Choices (not verified against a live account, documented): the returned `range` is the requested one
// clipped to the grid, the sheet name quoted as SpreadsheetApp's getA1Notation would; FORMULA and
// COLUMNS are refused as "emulator: not emulated" rather than answered wrongly. Like the real service,
// a batchGet does not see SpreadsheetApp writes that Apps Script still holds back: the emulator applies
// writes at once, so callers must flush first (Carnet does) — the bench counts that flush.
import { parseA1, rectA1 } from './spreadsheet/a1';
import { displayCell, readCell } from './spreadsheet/cells';
import { dateToSerial } from './spreadsheet/format';
import type { SpreadsheetService } from './spreadsheet';
import type { Runtime } from './runtime';
import { isDate } from './runtime';

export function sheetsApiError(method: string, message: string): Error {
  const error = new Error(`API call to sheets.spreadsheets.values.${method} failed with error: ${message}`);
  error.name = 'GoogleJsonResponseException';
  return error;
}

type Rendered = string | number | boolean;

interface BatchGetOptions {
  ranges?: string | string[];
  valueRenderOption?: 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
  dateTimeRenderOption?: 'SERIAL_NUMBER' | 'FORMATTED_STRING';
  majorDimension?: 'ROWS' | 'COLUMNS';
}

interface ValueRange {
  range: string;
  majorDimension: 'ROWS';
  values?: Rendered[][];
}

function quoteName(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

class FakeSheetsValues {
  constructor(
    private readonly rt: Runtime,
    private readonly spreadsheets: SpreadsheetService,
  ) {}

  batchGet(spreadsheetId: string, options: BatchGetOptions = {}): { spreadsheetId: string; valueRanges: ValueRange[] } {
    this.rt.call('Sheets', 'Spreadsheets.Values.batchGet');
    spendReadQuota(this.rt);
    const book = this.spreadsheets.book(spreadsheetId);
    if (!book) throw sheetsApiError('batchGet', 'Requested entity was not found.');
    const render = options.valueRenderOption ?? 'FORMATTED_VALUE';
    if (render === 'FORMULA' || options.majorDimension === 'COLUMNS') throw new Error('emulator: not emulated (Sheets batchGet FORMULA / COLUMNS)');
    const ranges = options.ranges === undefined ? [] : Array.isArray(options.ranges) ? options.ranges : [options.ranges];
    const env = this.spreadsheets.env(book);
    const valueRanges = ranges.map((notation): ValueRange => {
      const bang = notation.lastIndexOf('!');
      // A bare sheet name is the whole sheet.
      const whole = bang < 0 ? book.byName(notation.replace(/^'(.*)'$/, '$1').replace(/''/g, "'")) : undefined;
      let parsed;
      try {
        parsed = whole ? null : parseA1(notation);
      } catch {
        throw sheetsApiError('batchGet', `Unable to parse range: ${notation}`);
      }
      const sheet = whole ?? (parsed?.sheetName ? book.byName(parsed.sheetName) : book.sheets[0]);
      if (!sheet) throw sheetsApiError('batchGet', `Unable to parse range: ${notation}`);
      const rect = parsed
        ? parsed.resolve(sheet.maxRows, sheet.maxColumns)
        : { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns, wholeColumns: false, wholeRows: false };
      if (rect.row + rect.numRows - 1 > sheet.maxRows || rect.column + rect.numColumns - 1 > sheet.maxColumns) {
        const ref = bang < 0 ? '' : notation.slice(bang + 1);
        throw sheetsApiError(
          'batchGet',
          `Range (${quoteName(sheet.name)}!${ref}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
        );
      }
      const rows: Rendered[][] = [];
      for (let r = 0; r < rect.numRows; r++) {
        const row: Rendered[] = [];
        for (let c = 0; c < rect.numColumns; c++) {
          const cell = sheet.get(rect.row + r, rect.column + c);
          row.push(
            render === 'FORMATTED_VALUE' || options.dateTimeRenderOption === 'FORMATTED_STRING'
              ? formatted(cell, env, render, this.rt)
              : unformatted(cell, env, this.rt),
          );
        }
        while (row.length && row[row.length - 1] === '') row.pop();
        rows.push(row);
      }
      while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
      // Cells moved: what the answer carries (trailing empties are left out of it).
      this.rt.accounting.cellsRead += rows.reduce((n, row) => n + row.length, 0);
      const range = `${quoteName(sheet.name)}!${rectA1(rect, rect.wholeColumns, false)}`;
      return rows.length ? { range, majorDimension: 'ROWS', values: rows } : { range, majorDimension: 'ROWS' };
    });
    return { spreadsheetId, valueRanges };
  }
}

/** Read requests per minute per user (Sheets API limits page). */
export const READS_PER_MINUTE = 60;
const readTimes = new WeakMap<Runtime, number[]>();

/** Counts one read request against the per-minute quota, or refuses it as the API does (a refused request is not counted). */
function spendReadQuota(rt: Runtime): void {
  const at = rt.clock.now();
  const recent = (readTimes.get(rt) ?? []).filter((t) => at - t < 60000);
  if (recent.length >= READS_PER_MINUTE) {
    readTimes.set(rt, recent);
    throw sheetsApiError(
      'batchGet',
      "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
    );
  }
  recent.push(at);
  readTimes.set(rt, recent);
}

function unformatted(cell: Parameters<typeof readCell>[0], env: Parameters<typeof readCell>[1], rt: Runtime): Rendered {
  const value = readCell(cell, env, (ms) => rt.newDate(ms));
  if (isDate(value)) return dateToSerial((value as Date).getTime(), env.timeZone);
  return value as Rendered;
}

function formatted(cell: Parameters<typeof readCell>[0], env: Parameters<typeof displayCell>[1], render: string, rt: Runtime): Rendered {
  // FORMATTED_STRING dates with UNFORMATTED_VALUE: the date as shown, every other value unformatted.
  if (render === 'UNFORMATTED_VALUE') {
    const value = readCell(cell, env, (ms) => rt.newDate(ms));
    return isDate(value) ? displayCell(cell, env) : (value as Rendered);
  }
  return displayCell(cell, env);
}

export function sheetsAdvancedService(rt: Runtime, spreadsheets: SpreadsheetService): { Spreadsheets: { Values: FakeSheetsValues } } {
  return { Spreadsheets: { Values: new FakeSheetsValues(rt, spreadsheets) } };
}
