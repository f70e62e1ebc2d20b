// One tab of the spreadsheet seen as a table: columns found by header name (the admin may reorder
// them or add their own), rows found with a text finder (never a scan), writes limited to the cells
// that change, strings neutralised so that nothing from outside becomes a formula.
import { HEADERS, TABS, type CellValue, type Header, type Row, type TabKey } from '../domain/schema';
import { safeCell } from '../domain/sheetText';

export class SchemaError extends Error {}

export type Record_<K extends TabKey> = Row<K>;

/** Where a tab's last keyed row was left (its row and key), and its last row with any content, saved between executions (gas/layout.ts). */
export interface LastKeyed {
  row: number;
  key: string;
  /** The last row with content (a checkbox or array formula column of the admin's may reach below the keyed rows). */
  lastRow: number;
  /** The key column then, to check that nothing was typed below (absent in layouts saved by an earlier version). */
  column?: number;
}

export class Table<K extends TabKey> {
  private columns: Map<string, number> | null = null;
  private width = 0;
  /** The last keyed row, when a read of this execution confirmed it (gas/layout.ts); null: ask the sheet. */
  private lastKeyed: LastKeyed | null = null;
  /** A saved last keyed row was checked this execution (confirmed or not): not read again. */
  private lastKeyedAsked = false;
  /** Look-ups and rows read ahead by someone else this execution (gas/layout.ts), until the tab is written. */
  private readonly foundAhead = new Map<string, number | null>();
  private readonly rowsAhead = new Map<number, Record<string, CellValue>>();

  constructor(
    readonly key: K,
    private readonly sheet: GoogleAppsScript.Spreadsheet.Sheet,
    private readonly describeMissing: (header: string) => string,
  ) {}

  get name(): string {
    return TABS[this.key];
  }

  /** Header → 1-based column, read once per execution (row 1 in one read, without asking its width first). */
  private headerMap(): Map<string, number> {
    if (!this.columns) this.useHeaders(this.sheet.getRange('1:1').getValues()[0]);
    return this.columns as Map<string, number>;
  }

  /** True when the header row is already known in this execution. */
  get headersKnown(): boolean {
    return this.columns !== null;
  }

  /** The header row, read by someone else (several tabs' headers in one call: gas/layout.ts). */
  primeHeaders(row: unknown[]): void {
    this.useHeaders(row);
  }

  /**
   * Confirms a saved last keyed row from cells read by someone else: it holds if that row still has its
   * key in the key column (rows inserted, deleted or sorted above it move it) and, when the last row with
   * content is further down (an admin's checkbox or formula column), the key column below it is still
   * empty down to there (`below`: those cells; a row typed there by hand must not be written over).
   * Otherwise the sheet is asked, once. Headers must be known.
   */
  confirmLastKeyed(saved: LastKeyed, keyHeader: Header<K>, cells: readonly unknown[], below: readonly unknown[][] | null): void {
    this.lastKeyedAsked = true;
    const col = this.columns?.get(keyHeader);
    const lastRow = Math.max(saved.row, saved.lastRow || 0);
    const clearBelow = lastRow === saved.row || (below !== null && saved.column === col && below.every((r) => String(r[0] ?? '') === ''));
    const holds = col !== undefined && String(cells[col - 1] ?? '') === saved.key && clearBelow;
    this.lastKeyed = holds ? { row: saved.row, key: saved.key, lastRow, column: col } : null;
  }

  /**
   * The result of findRow(header, value) and the row's record, found and read by someone else (gas/layout.ts),
   * served until this tab is next written. Headers must be known.
   */
  primeFound(header: Header<K>, value: string, found: { row: number; record: Record<string, CellValue> } | null): void {
    this.foundAhead.set(aheadKey(header, value), found ? found.row : null);
    if (found) this.rowsAhead.set(found.row, found.record);
  }

  /** The column of `header` when the headers are known, without reading them. */
  knownColumn(header: Header<K>): number | undefined {
    return this.columns?.get(header);
  }

  /** A row as a record keyed by header, from cells read by someone else. Headers must be known. */
  recordOf(cells: readonly unknown[]): Record<string, CellValue> {
    const record: Record<string, CellValue> = {};
    for (const [header, col] of this.columns ?? []) record[header] = (cells[col - 1] ?? '') as CellValue;
    return record;
  }

  private forgetAhead(): void {
    this.foundAhead.clear();
    this.rowsAhead.clear();
  }

  /** True when this execution knows the last keyed row, or already checked a saved one: no need to read it. */
  get lastKeyedSettled(): boolean {
    return this.lastKeyed !== null || this.lastKeyedAsked;
  }

  /** After writing new rows: the last one written is now the last keyed row. */
  keyedRowsWritten(last: LastKeyed): void {
    this.lastKeyed = { ...last };
  }

  /** True when this key is known to be in the tab's last keyed row (no search needed to know it exists). */
  lastKeyIs(key: string): boolean {
    return this.lastKeyed !== null && this.lastKeyed.key === key;
  }

  private useHeaders(row: unknown[]): void {
    const map = new Map<string, number>();
    let width = 0;
    row.forEach((h, i) => {
      const name = String(h).trim();
      if (!name) return;
      width = i + 1;
      if (!map.has(name)) map.set(name, i + 1);
    });
    this.columns = map;
    this.width = width;
  }

  column(header: Header<K>): number {
    const col = this.headerMap().get(header);
    if (!col) throw new SchemaError(this.describeMissing(header));
    return col;
  }

  hasColumn(header: Header<K>): boolean {
    return this.headerMap().has(header);
  }

  /** First data row whose cell in `header` is exactly `value`, or null. One text-finder search. */
  findRow(header: Header<K>, value: string): number | null {
    if (!value) return null;
    const ahead = this.foundAhead.get(aheadKey(header, value));
    if (ahead !== undefined) return ahead;
    // Case-insensitive (one call less): keys are lower-cased e-mails, or random Stripe and Carnet ids that never differ by case alone.
    const found = this.columnRange(header).createTextFinder(value).matchEntireCell(true).findNext();
    return found ? found.getRow() : null;
  }

  /** Every data row whose cell in `header` is exactly `value`, top to bottom. */
  findRows(header: Header<K>, value: string): number[] {
    if (!value) return [];
    return this.columnRange(header)
      .createTextFinder(value)
      .matchEntireCell(true)
      .findAll()
      .map((r) => r.getRow());
  }

  /**
   * Data rows whose cell in `header` is exactly one of `keys` (case-insensitive, as findRow), top to
   * bottom: one text-finder search for them all (a regular expression of the keys, escaped).
   */
  findRowsOfKeys(header: Header<K>, keys: readonly string[]): number[] {
    const wanted = keys.filter(Boolean);
    if (!wanted.length) return [];
    const pattern = anyOf(wanted);
    return this.columnRange(header)
      .createTextFinder(pattern)
      .useRegularExpression(true)
      .matchEntireCell(true)
      .findAll()
      .map((r) => r.getRow());
  }

  /**
   * Data rows whose cell in one of `headers` is exactly one of `keys` (case-insensitive), with the header
   * it was found under: one text-finder search over the columns from the first header to the last.
   */
  findKeysInColumns(headers: ReadonlyArray<Header<K>>, keys: readonly string[]): Array<{ row: number; header: Header<K> }> {
    const wanted = keys.filter(Boolean);
    if (!wanted.length || !headers.length) return [];
    const byColumn = new Map(headers.map((h) => [this.column(h), h] as const));
    const first = Math.min(...byColumn.keys());
    const last = Math.max(...byColumn.keys());
    const pattern = anyOf(wanted);
    return this.sheet
      .getRange(`${columnLetter(first)}2:${columnLetter(last)}`)
      .createTextFinder(pattern)
      .useRegularExpression(true)
      .matchEntireCell(true)
      .findAll()
      .flatMap((r) => {
        const header = byColumn.get(r.getColumn());
        return header ? [{ row: r.getRow(), header }] : [];
      });
  }

  /** Data rows whose cell in `header` matches the regular expression `pattern` (RE2, anywhere in the cell). */
  findRowsMatching(header: Header<K>, pattern: string): number[] {
    return this.columnRange(header)
      .createTextFinder(pattern)
      .useRegularExpression(true)
      .findAll()
      .map((r) => r.getRow());
  }

  /** The last row with content (the header row when there is no data). */
  lastRow(): number {
    return this.sheet.getLastRow();
  }

  /**
   * The last row whose `header` cell has a value (1: the header row alone), and the last row with any
   * content. Not getLastRow() alone: a checkbox column (FALSE) or an ARRAYFORMULA ("" results) that the
   * admin added counts as content down to the bottom of the grid (issue 15, point 12). Two reads when
   * the last row is keyed (the last row, its key cell), three when not (then Ctrl+↑ from that empty cell).
   */
  lastKeyedRow(header: Header<K>): { row: number; lastRow: number } {
    // Confirmed this execution: new rows are inserted right after it (nothing below is overwritten).
    if (this.lastKeyed) return { row: this.lastKeyed.row, lastRow: Math.max(this.lastKeyed.row, this.lastKeyed.lastRow) };
    const col = this.column(header);
    const lastRow = Math.max(1, this.sheet.getLastRow());
    if (lastRow === 1) return { row: 1, lastRow };
    const cell = this.sheet.getRange(lastRow, col);
    if (cell.getValue() !== '') return { row: lastRow, lastRow };
    return { row: cell.getNextDataCell(SpreadsheetApp.Direction.UP).getRow(), lastRow };
  }

  /** Carnet's own columns of this tab (schema.ts), 1-based and sorted; the admin's columns are never written. */
  private ownColumns(): number[] {
    const map = this.headerMap();
    return (HEADERS[this.key] as readonly string[])
      .map((h) => map.get(h))
      .filter((c): c is number => c !== undefined)
      .sort((a, b) => a - b);
  }

  /**
   * Writes new rows from `first` on (the rows after the last keyed row), adding rows after `lastRow`
   * (the last with any content) when they go past it: one setValues per run of adjacent Carnet columns for all the rows together. The admin's own
   * columns are not written (they may hold a formula or a checkbox on every row).
   */
  writeNewRows(first: number, records: ReadonlyArray<Row<K>>, lastRow: number): void {
    if (records.length === 0) return;
    this.forgetAhead();
    // A write that fails halfway must not leave a last row the next plan would trust (keyedRowsWritten sets it after).
    this.lastKeyed = null;
    const map = this.headerMap();
    for (const record of records) for (const header of Object.keys(record)) if (!map.has(header)) throw new SchemaError(this.describeMissing(header));
    // Rows past the last one with content are added (a write, no read of the grid's size): the empty rows
    // below, if any, stay as they were, as many as before.
    const last = first + records.length - 1;
    if (last > lastRow) this.sheet.insertRowsAfter(lastRow, last - lastRow);
    const byColumn = new Map<number, string>();
    for (const [header, col] of map) byColumn.set(col, header);
    for (const run of runs(this.ownColumns())) {
      const block = records.map((record) =>
        run.map((col) => {
          const value = (record as Record<string, CellValue | undefined>)[byColumn.get(col) as string];
          return value === undefined ? '' : safeCell(value);
        }),
      );
      this.sheet.getRange(first, run[0], records.length, run.length).setValues(block);
    }
  }

  private columnRange(header: Header<K>): GoogleAppsScript.Spreadsheet.Range {
    const letter = columnLetter(this.column(header));
    return this.sheet.getRange(`${letter}2:${letter}`);
  }

  /** One row's values keyed by header (custom columns included). */
  read(row: number): Record<string, CellValue> {
    const ahead = this.rowsAhead.get(row);
    if (ahead) return { ...ahead };
    const map = this.headerMap();
    const values = this.sheet.getRange(row, 1, 1, Math.max(this.width, 1)).getValues()[0];
    const record: Record<string, CellValue> = {};
    for (const [header, col] of map) record[header] = values[col - 1] as CellValue;
    return record;
  }

  /** The rows `first`..`last` in one read, keyed by header (custom columns included). */
  readBlock(first: number, last: number): Array<Record<string, CellValue>> {
    const map = this.headerMap();
    const values = this.sheet.getRange(first, 1, last - first + 1, Math.max(this.width, 1)).getValues();
    return values.map((cells) => {
      const record: Record<string, CellValue> = {};
      for (const [header, col] of map) record[header] = cells[col - 1] as CellValue;
      return record;
    });
  }

  /**
   * The given rows keyed by row number, read in at most `maxReads` blocks (see rowBlocks): rows close
   * together (a sync's newest bookings) cost one small read; rows spread over the tab cost at most
   * `maxReads` reads whatever their number, the cells read growing with their span instead.
   */
  readRows(rows: readonly number[], maxReads: number, mergeGap = 50): Map<number, Record<string, CellValue>> {
    const out = new Map<number, Record<string, CellValue>>();
    for (const { first, last, rows: inBlock } of rowBlocks(rows, maxReads, mergeGap)) {
      const block = this.readBlock(first, last);
      for (const row of inBlock) out.set(row, block[row - first]);
    }
    return out;
  }

  /** Every data row, for the small tabs (settings, products); never for tabs that grow with history. Headers come in the same read. */
  readAll(): Array<{ row: number; values: Record<string, CellValue> }> {
    const block = this.sheet.getDataRange().getValues() as CellValue[][];
    this.useHeaders(block[0] ?? []);
    return blockRecords(block);
  }

  /** Appends one row (atomic in Sheets) and returns its row number. */
  append(record: Record_<K>): number {
    this.appendOnly(record);
    return this.lastRow();
  }

  /** Appends one row (atomic in Sheets) when its row number is not needed. */
  appendOnly(record: Record_<K>): void {
    this.lastKeyed = null;
    this.forgetAhead();
    const map = this.headerMap();
    const values: CellValue[] = new Array(Math.max(this.width, 1)).fill('');
    for (const [header, value] of Object.entries(record) as Array<[string, CellValue | undefined]>) {
      const col = map.get(header);
      if (col === undefined) throw new SchemaError(this.describeMissing(header));
      if (value !== undefined) values[col - 1] = safeCell(value);
    }
    this.sheet.appendRow(values);
  }

  /** Writes only the given cells of a row, one range per run of adjacent columns (formulas elsewhere survive). */
  update(row: number, record: Record_<K>): void {
    this.forgetAhead();
    const values = new Map<number, CellValue>();
    for (const [header, value] of Object.entries(record) as Array<[Header<K>, CellValue | undefined]>) {
      if (value !== undefined) values.set(this.column(header), safeCell(value));
    }
    for (const run of runs([...values.keys()].sort((a, b) => a - b))) {
      this.sheet.getRange(row, run[0], 1, run.length).setValues([run.map((col) => values.get(col) as CellValue)]);
    }
  }

  /** Creates the header row of a new tab (setup), adding any missing header at the end of an existing one. */
  ensureHeaders(): string[] {
    const map = this.headerMap();
    const missing = HEADERS[this.key].filter((h) => !map.has(h));
    if (missing.length === 0) return [];
    const start = this.width + 1;
    // Carnet trims its tabs to their columns (maintenance.ts): a header added by a later version needs room.
    const room = this.sheet.getMaxColumns() - this.width;
    if (room < missing.length) this.sheet.insertColumnsAfter(this.sheet.getMaxColumns(), missing.length - room);
    this.sheet.getRange(1, start, 1, missing.length).setValues([missing as string[]]);
    this.columns = null;
    return missing as string[];
  }
}

/** A tab's block (header row first) as records keyed by header (the first column of a repeated header), with their row numbers. */
export function blockRecords(block: readonly CellValue[][]): Array<{ row: number; values: Record<string, CellValue> }> {
  const headers = (block[0] ?? []).map((h) => String(h).trim());
  return block.slice(1).map((cells, i) => {
    const values: Record<string, CellValue> = {};
    headers.forEach((h, c) => {
      if (h && !(h in values)) values[h] = cells[c];
    });
    return { row: i + 2, values };
  });
}

const aheadKey = (header: string, value: string) => `${header}\u0000${value.toLowerCase()}`;

/** A regular expression matching any of these keys as written (RE2, special characters escaped). */
function anyOf(keys: readonly string[]): string {
  return `(${keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
}

/**
 * Data rows (2 and below) grouped into at most `maxReads` blocks, top to bottom: the sorted rows are cut
 * at their widest gaps, and never at a gap of `mergeGap` rows or fewer (reading through it is cheaper).
 */
export function rowBlocks(rows: readonly number[], maxReads: number, mergeGap: number): Array<{ first: number; last: number; rows: number[] }> {
  const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 2).sort((a, b) => a - b);
  const cuts = sorted
    .slice(1)
    .map((row, i) => ({ at: i + 1, size: row - sorted[i] - 1 }))
    .filter((gap) => gap.size > mergeGap)
    .sort((a, b) => b.size - a.size || a.at - b.at)
    .slice(0, Math.max(0, maxReads - 1))
    .map((gap) => gap.at)
    .sort((a, b) => a - b);
  const blocks: Array<{ first: number; last: number; rows: number[] }> = [];
  let start = 0;
  for (const end of [...cuts, sorted.length]) {
    if (end > start) blocks.push({ first: sorted[start], last: sorted[end - 1], rows: sorted.slice(start, end) });
    start = end;
  }
  return blocks;
}

/** Sorted column numbers cut into runs of adjacent ones: [1,2,3,5,6] → [[1,2,3],[5,6]]. */
function runs(columns: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const col of columns) {
    const run = out[out.length - 1];
    if (run && run[run.length - 1] === col - 1) run.push(col);
    else out.push([col]);
  }
  return out;
}

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
