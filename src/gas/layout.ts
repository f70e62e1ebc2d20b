// What an execution must know of the tabs before writing to them, in one Sheets API call instead of
// two or three reads per tab: each tab's header row, the row where its keyed rows ended when Carnet
// last wrote to it (saved in a Script Property with the write-ahead copy, confirmed by reading that
// row again: rows added, deleted or sorted by hand are noticed and the sheet is asked instead), and
// Paramètres/Produits when the script cache has lost them. Anything the call cannot confirm is read
// tab by tab as before (gas/table.ts): this only saves round trips, it never decides alone.
import { KEY_HEADER, TABS, type CellValue, type KeyedTab, type TabKey } from '../domain/schema';
import type { LastKeyed, Table } from './table';
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
export function primeLayout(book: Workbook, tabs: readonly TabKey[]): void {
  const saved = savedLayout();
  const ranges: string[] = [];
  const uses: Array<(values: unknown[][]) => void> = [];
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
    if (last && !table.lastKeyedKnown && Number.isInteger(last.row) && last.row >= 1) {
      const keyed = table as unknown as Table<KeyedTab>;
      read(`${name}!${last.row}:${last.row}`, (values) => keyed.confirmLastKeyed(last, KEY_HEADER[key as KeyedTab] as never, values[0] ?? []));
      // Rows between it and the last row with content are written without inserting rows: that row must still
      // be in the grid (rows deleted by hand make the whole call fail, and the tabs are then read one by one).
      if (last.lastRow > last.row) read(`${name}!${last.lastRow}:${last.lastRow}`, () => undefined);
    }
  }
  const config = book.configLoaded ? null : readCachedConfig();
  if (config) book.useConfig(config);
  else if (!book.configLoaded) {
    const blocks: { settings: CellValue[][] | null; products: CellValue[][] | null } = { settings: null, products: null };
    for (const key of ['settings', 'products'] as const) {
      if (book.spreadsheet.getSheetByName(TABS[key])) read(quotedTab(TABS[key]), (values) => (blocks[key] = rectangular(values)));
    }
    uses.push(() => book.useConfig(keepConfig(blocks)));
  }
  const got = readRanges(book.spreadsheet.getId(), ranges);
  if (!got) return;
  uses.forEach((use, i) => use(got[i] ?? []));
}

/** The API leaves out trailing empty cells; getDataRange().getValues() gives every row the same width. */
function rectangular(values: unknown[][]): CellValue[][] {
  const width = Math.max(0, ...values.map((row) => row.length));
  return values.map((row) => Array.from({ length: width }, (_, i) => (row[i] ?? '') as CellValue));
}
