// What an execution must know of the tabs before writing to them, in one Sheets API call instead of
// two or three reads per tab: each tab's header row, the row where its keyed rows ended when Carnet
// last wrote to it (saved in a Script Property with the write-ahead copy, confirmed by reading that
// row again: rows added, deleted or sorted by hand are noticed and the sheet is asked instead), and
// Paramètres/Produits when the script cache has lost them. Anything the call cannot confirm is read
// tab by tab as before (gas/table.ts): this only saves round trips, it never decides alone.
import { serialToInstant } from '../domain/localDate';
import { DATE_HEADERS, KEY_HEADER, TABS, type CellValue, type KeyedTab, type TabKey } from '../domain/schema';
import { formatInZone } from './clock';
import { scriptTimeZone } from './session';
import { columnLetter, type LastKeyed, type Table } from './table';
import type { Workbook } from './workbook';
import { quotedTab, readRanges } from './sheetsApi';
import { PROPERTY, readProperty } from './scriptProperties';
import { readCachedConfig, keepConfig } from './configCache';

export type SavedLayout = Partial<Record<KeyedTab, LastKeyed>>;

/** The last keyed row of each tab as Carnet left it (Script Properties: the snapshot under the lock). */
export function savedLayout(): SavedLayout {
  const raw = readProperty(PROPERTY.layout);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as SavedLayout;
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** The property value once these tabs' new last keyed rows are known: saved with the plan that writes them. */
export function layoutProperty(written: SavedLayout): Record<string, string> {
  if (Object.keys(written).length === 0) return {};
  return { [PROPERTY.layout]: JSON.stringify({ ...savedLayout(), ...written }) };
}

/**
 * Primes the tables of `tabs` (headers, confirmed last keyed row) and the settings and catalogue, in one
 * call. Call under the script lock, before the first read of these tabs.
 */
export function primeLayout(book: Workbook, tabs: readonly TabKey[], lookAhead: readonly LookAhead[] = []): void {
  const saved = savedLayout();
  const ranges: string[] = [];
  const uses: Array<(values: unknown[][]) => void> = [];
  /** What needs every range read first (the headers, for the look-ups). */
  const then: Array<() => void> = [];
  /** The saved last rows, confirmed or not: also when the call fails, so that the same run does not ask again. */
  const confirms: Array<() => void> = [];
  const read = (range: string, use: (values: unknown[][]) => void) => {
    ranges.push(range);
    uses.push(use);
  };
  for (const key of tabs) {
    if (!book.spreadsheet.getSheetByName(TABS[key])) continue;
    const table = book.table(key);
    const name = quotedTab(TABS[key]);
    if (!table.headersKnown) read(`${name}!1:1`, (values) => table.primeHeaders(values[0] ?? []));
    const last = key in KEY_HEADER ? saved[key as KeyedTab] : undefined;
    if (last && !table.lastKeyedSettled && Number.isInteger(last.row) && last.row >= 1) {
      const keyed = table as unknown as Table<KeyedTab>;
      const keyHeader = KEY_HEADER[key as KeyedTab] as never;
      let row: unknown[] = [];
      let below: unknown[][] | null = null;
      read(`${name}!${last.row}:${last.row}`, (values) => (row = values[0] ?? []));
      // Below it, rows that hold only the admin's checkboxes or formula results are written over without
      // inserting rows (as the slow way does): the key column must still be empty down to the last row with
      // content, or a row typed there by hand would be lost. That range also proves the grid still reaches it
      // (rows deleted by hand make the whole call fail, and the tabs are then read one by one).
      if (last.lastRow > last.row && last.column) {
        const letter = columnLetter(last.column);
        read(`${name}!${letter}${last.row + 1}:${letter}${last.lastRow}`, (values) => (below = values));
      }
      confirms.push(() => keyed.confirmLastKeyed(last, keyHeader, row, below));
    }
  }
  const cached = book.configLoaded ? null : readCachedConfig();
  if (cached) book.useConfig(cached);
  if (!book.configLoaded) {
    const blocks: { settings: CellValue[][] | null; products: CellValue[][] | null } = { settings: null, products: null };
    for (const key of ['settings', 'products'] as const) {
      if (book.spreadsheet.getSheetByName(TABS[key])) read(quotedTab(TABS[key]), (values) => (blocks[key] = rectangular(values)));
    }
    then.push(() => book.useConfig(keepConfig(blocks)));
  }
  for (const look of lookAhead) then.push(findAhead(book, look, read));
  const got = readRanges(book.spreadsheet.getId(), ranges);
  if (got) uses.forEach((use, i) => use(got[i] ?? []));
  for (const confirm of confirms) confirm();
  if (got) for (const job of then) job();
}

/** A row to find by its key before the one call, so that its cells come with it (the client of a payment). */
export interface LookAhead {
  tab: TabKey;
  header: string;
  value: string;
}

/**
 * Searches the whole tab for the key now (its columns are known only after the call), asks the call for
 * the rows found, and returns what to do once it answered: the match in the key column, if any, is
 * given to the table as findRow's answer and its row as read's (dates turned back into dates).
 */
function findAhead(book: Workbook, look: LookAhead, read: (range: string, use: (values: unknown[][]) => void) => void): () => void {
  const sheet = look.value ? book.spreadsheet.getSheetByName(TABS[look.tab]) : null;
  if (!sheet) return () => undefined;
  const cells = sheet
    .createTextFinder(look.value)
    .matchEntireCell(true)
    .findAll()
    .map((range) => ({ row: range.getRow(), column: range.getColumn() }))
    .filter((cell) => cell.row >= 2);
  const rows = new Map<number, unknown[]>();
  // A key is in one row; a few more matches (the same text in another column) are read too, never many.
  for (const row of [...new Set(cells.map((c) => c.row))].slice(0, MAX_ROWS_AHEAD))
    read(`${quotedTab(TABS[look.tab])}!${row}:${row}`, (values) => rows.set(row, values[0] ?? []));
  return () => {
    const table = book.table(look.tab) as unknown as Table<TabKey>;
    const column = table.knownColumn(look.header as never);
    if (column === undefined) return;
    const match = cells.find((cell) => cell.column === column && rows.has(cell.row));
    if (!match && cells.some((cell) => cell.column === column)) return; // found but not read: left to findRow
    const record = match ? withDates(look.tab, table.recordOf(rows.get(match.row) ?? [])) : null;
    table.primeFound(look.header as never, look.value, match && record ? { row: match.row, record } : null);
  };
}

const MAX_ROWS_AHEAD = 3;

/** The API gives dates as serial numbers (days since 1899-12-30, in the spreadsheet's wall time): back to dates, as getValues gives them. */
function withDates(tab: TabKey, record: Record<string, CellValue>): Record<string, CellValue> {
  // The script's time zone (appsscript.json: Europe/Paris), read without a call, stands for the spreadsheet's;
  // were the admin to give the spreadsheet another one, these dates would read shifted by the difference. No
  // use of a prefetched row reads them today: `Créé le` is written once, `Mis à jour` overwritten.
  const zone = scriptTimeZone();
  for (const header of DATE_HEADERS[tab] ?? []) {
    const value = record[header];
    if (typeof value === 'number' && Number.isFinite(value)) record[header] = new Date(serialToInstant(value, (t) => wallClockMs(new Date(t), zone) - t));
  }
  return record;
}

/** The wall-clock time of `date` in `zone`, as if it were UTC (ms). */
function wallClockMs(date: Date, zone: string): number {
  return Date.parse(`${formatInZone(date, zone, "yyyy-MM-dd'T'HH:mm:ss.SSS")}Z`);
}

/** The API leaves out trailing empty cells; getDataRange().getValues() gives every row the same width. */
function rectangular(values: unknown[][]): CellValue[][] {
  const width = Math.max(0, ...values.map((row) => row.length));
  return values.map((row) => Array.from({ length: width }, (_, i) => (row[i] ?? '') as CellValue));
}
