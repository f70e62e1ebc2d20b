// One tab of the spreadsheet seen as a table: columns found by header name (the admin may reorder
// them or add their own), rows found with a text finder (never a scan), writes limited to the cells
// that change, strings neutralised so that nothing from outside becomes a formula.
import { HEADERS, TABS, type CellValue, type Header, type TabKey } from '../domain/schema';
import { safeCell } from '../domain/sheetText';

export class SchemaError extends Error {}

export type Record_<K extends TabKey> = Partial<Record<Header<K>, CellValue>>;

export class Table<K extends TabKey> {
  private columns: Map<string, number> | null = null;
  private width = 0;

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

  private columnRange(header: Header<K>): GoogleAppsScript.Spreadsheet.Range {
    const letter = columnLetter(this.column(header));
    return this.sheet.getRange(`${letter}2:${letter}`);
  }

  /** One row's values keyed by header (custom columns included). */
  read(row: number): Record<string, CellValue> {
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
    const cells = (Object.entries(record) as Array<[Header<K>, CellValue | undefined]>)
      .filter(([, v]) => v !== undefined)
      .map(([header, value]) => ({ col: this.column(header), value: safeCell(value as CellValue) }))
      .sort((a, b) => a.col - b.col);
    let i = 0;
    while (i < cells.length) {
      let j = i;
      while (j + 1 < cells.length && cells[j + 1].col === cells[j].col + 1) j++;
      const run = cells.slice(i, j + 1);
      this.sheet.getRange(row, run[0].col, 1, run.length).setValues([run.map((c) => c.value)]);
      i = j + 1;
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
