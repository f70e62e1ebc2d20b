// Storage of a workbook. Rows are arrays of cells, held sparsely; per-row and per-column counts of
// cells with content make getLastRow()/getLastColumn() O(1) amortised and row/column deletes cheap.
import { Cell, hasContent } from './cells';
import type { GridRect } from './a1';

export interface ProtectionData {
  kind: 'RANGE' | 'SHEET';
  rect: GridRect | null;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  unprotected: GridRect[];
}

export class SheetModel {
  rows: Array<Array<Cell | undefined> | undefined> = [];
  private rowFill: number[] = [];
  private colFill: number[] = [];
  private lastRowSeen = 0;
  private lastColSeen = 0;
  private lastRowStale = false;
  private lastColStale = false;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly hiddenRows = new Set<number>();
  merges: GridRect[] = [];
  protections: ProtectionData[] = [];

  constructor(
    public id: number,
    public name: string,
    public maxRows: number,
    public maxColumns: number,
  ) {}

  get(row: number, column: number): Cell | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  set(row: number, column: number, cell: Cell | undefined): void {
    let cells = this.rows[row - 1];
    if (!cells) {
      if (!cell) return;
      cells = this.rows[row - 1] = [];
    }
    const before = hasContent(cells[column - 1]);
    const after = hasContent(cell);
    cells[column - 1] = cell;
    if (before === after) return;
    const delta = after ? 1 : -1;
    this.rowFill[row - 1] = (this.rowFill[row - 1] ?? 0) + delta;
    this.colFill[column - 1] = (this.colFill[column - 1] ?? 0) + delta;
    if (after) {
      if (row > this.lastRowSeen) this.lastRowSeen = row;
      if (column > this.lastColSeen) this.lastColSeen = column;
    } else {
      if (row === this.lastRowSeen) this.lastRowStale = true;
      if (column === this.lastColSeen) this.lastColStale = true;
    }
  }

  lastRow(): number {
    if (this.lastRowStale) {
      while (this.lastRowSeen > 0 && !(this.rowFill[this.lastRowSeen - 1] > 0)) this.lastRowSeen--;
      this.lastRowStale = false;
    }
    return this.lastRowSeen;
  }

  lastColumn(): number {
    if (this.lastColStale) {
      while (this.lastColSeen > 0 && !(this.colFill[this.lastColSeen - 1] > 0)) this.lastColSeen--;
      this.lastColStale = false;
    }
    return this.lastColSeen;
  }

  /** Inserts `count` rows before `before`; they take the formats of row `formatFrom` (Sheets copies the neighbour's format). */
  insertRows(before: number, count: number, formatFrom: number | null): void {
    const template = formatFrom ? this.rows[formatFrom - 1] : undefined;
    const fresh = (): Array<Cell | undefined> | undefined => {
      if (!template) return undefined;
      const out: Array<Cell | undefined> = [];
      template.forEach((c, i) => {
        if (c && (c.fmt !== undefined || c.style !== undefined)) out[i] = { v: '', fmt: c.fmt, style: c.style };
      });
      return out.length ? out : undefined;
    };
    if (this.rows.length >= before) {
      const added = Array.from({ length: count }, fresh);
      this.rows = [...this.rows.slice(0, before - 1), ...added, ...this.rows.slice(before - 1)];
      this.rowFill = [...this.rowFill.slice(0, before - 1), ...new Array<number>(count).fill(0), ...this.rowFill.slice(before - 1)];
    } else if (template) {
      for (let i = 0; i < count; i++) this.rows[before - 1 + i] = fresh();
    }
    this.maxRows += count;
    if (this.lastRowSeen >= before) this.lastRowSeen += count;
  }

  deleteRows(start: number, count: number): void {
    for (let r = start; r < start + count; r++) {
      this.rows[r - 1]?.forEach((cell, i) => {
        if (hasContent(cell)) this.colFill[i] -= 1;
      });
    }
    this.rows.splice(start - 1, count);
    this.rowFill.splice(start - 1, count);
    this.maxRows -= count;
    if (this.lastRowSeen >= start + count) this.lastRowSeen -= count;
    else if (this.lastRowSeen >= start) {
      this.lastRowSeen = start - 1;
      this.lastRowStale = true;
    }
    this.lastColStale = true;
  }

  insertColumns(before: number, count: number): void {
    for (const cells of this.rows) {
      if (cells && cells.length >= before) cells.splice(before - 1, 0, ...new Array<Cell | undefined>(count));
    }
    if (this.colFill.length >= before) this.colFill.splice(before - 1, 0, ...new Array<number>(count).fill(0));
    this.maxColumns += count;
    if (this.lastColSeen >= before) this.lastColSeen += count;
  }

  deleteColumns(start: number, count: number): void {
    this.rows.forEach((cells, r) => {
      if (!cells) return;
      for (let c = start; c < start + count; c++) if (hasContent(cells[c - 1])) this.rowFill[r] -= 1;
      cells.splice(start - 1, count);
    });
    this.colFill.splice(start - 1, count);
    this.maxColumns -= count;
    if (this.lastColSeen >= start + count) this.lastColSeen -= count;
    else if (this.lastColSeen >= start) {
      this.lastColSeen = start - 1;
      this.lastColStale = true;
    }
    this.lastRowStale = true;
  }

  /** Every stored cell, row by row (for save and for whole-sheet operations). */
  forEachCell(fn: (row: number, column: number, cell: Cell) => void): void {
    this.rows.forEach((cells, r) => cells?.forEach((cell, c) => cell && fn(r + 1, c + 1, cell)));
  }
}

export class BookModel {
  sheets: SheetModel[] = [];
  private nextSheetId = 1;
  /** The sheet the user has on screen (what getActiveSheet() returns in a UI context). */
  viewSheetId = 0;

  constructor(
    public id: string,
    public name: string,
    public locale: string,
    public timeZone: string,
  ) {}

  addSheet(name: string, index: number, rows = 1000, columns = 26, id = this.newSheetId()): SheetModel {
    const sheet = new SheetModel(id, name, rows, columns);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  /** Sheets after the first (gid 0) get large pseudo-random ids, like real ones. */
  private newSheetId(): number {
    const n = this.nextSheetId++;
    return (Math.imul(n, 2654435761) >>> 1) % 2000000000 || n;
  }

  /** Keeps id generation going after a restore. */
  setNextSheetId(n: number): void {
    this.nextSheetId = n;
  }

  getNextSheetId(): number {
    return this.nextSheetId;
  }

  /** Sheet names are unique regardless of case, and looked up regardless of case. */
  byName(name: string): SheetModel | undefined {
    const wanted = String(name).toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === wanted);
  }

  byId(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }
}
