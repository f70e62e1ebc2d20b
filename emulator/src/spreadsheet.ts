// SpreadsheetApp: the spreadsheet the script is bound to ("Carnet", one sheet "Feuille 1", 1000 × 26,
// locale fr_FR, time zone Europe/Paris), its sheets, ranges, text finders and UI.
// Writes are parsed like typed input ('=…' formula, "'…" literal, '42' number, '2026-11-21' date…);
// formulas are NOT evaluated (they read as '' unless a bare literal, or set by setComputedValue).
// Display values follow the spreadsheet's locale: 12.5 shows "12,5" here (setLocale('en_US') for "12.5").
//
// Test API (Node side, not counted as calls):
//   values(sheet) / displayValues(sheet) / formulas(sheet): the block from A1 to the last row/column with content
//   records(sheet): rows 2… keyed by the row-1 headers
//   sheetNames(), sheetInfo(sheet), cell(sheet, a1)
//   setCell(sheet, a1, value | value[][]): the admin typing in the sheet (same parsing and validation as setValue)
//   setComputedValue(sheet, a1, value): what a formula cell shows
//   setArrayResult(sheet, a1, values[][]): what an array formula (ARRAYFORMULA) at a1 fills, "" included
//   addSheet(name, values?), addSpreadsheet(name), viewSheet(name), setLocale(locale), setTimeZone(tz)
//   menus(), dialogs(), sidebars(), toasts(), alerts(), queueUiResponse(...answers), setUiContext(rule)
//   spreadsheetId, spreadsheetUrl
import { conforms } from './conformance';
import { Execution, Runtime, isDate } from './runtime';
import { GridRect, parseA1 } from './spreadsheet/a1';
import { FakeSpreadsheet } from './spreadsheet/book';
import { FakeDataValidationBuilder } from './spreadsheet/builders';
import { Cell, CellEnv, Stored, displayCell, patchCell, readCell } from './spreadsheet/cells';
import * as enums from './spreadsheet/enums';
import { gasError } from './spreadsheet/errors';
import { localeInfo } from './spreadsheet/format';
import type { AlertRecord, DialogRecord, MenuRecord, SpreadsheetHost, ToastRecord, UiAnswer } from './spreadsheet/host';
import { BookModel, ProtectionData, SheetModel } from './spreadsheet/model';
import { FakeRange } from './spreadsheet/range';
import { FakeSheet } from './spreadsheet/sheet';
import { FakeUi } from './spreadsheet/ui';

export type { AlertRecord, DialogRecord, MenuRecord, ToastRecord, UiAnswer } from './spreadsheet/host';

/** Whether SpreadsheetApp.getUi() works in an execution (a menu click or onOpen: yes; a web app: no). */
export type UiContextRule = (execution: Execution | undefined) => boolean;

const defaultUiContext: UiContextRule = (execution) =>
  !execution || (execution.identity.kind !== 'anonymous' && execution.functionName !== 'doGet' && execution.functionName !== 'doPost');

const BOUND_ID = '1CarnetEmulatedSpreadsheet000000000000000000';

interface Activation {
  sheetId: number;
  rect: GridRect | null;
}

class FakeSpreadsheetApp {
  readonly ProtectionType = enums.ProtectionType;
  readonly BorderStyle = enums.BorderStyle;
  readonly DataValidationCriteria = enums.DataValidationCriteria;
  readonly Dimension = enums.Dimension;
  readonly Direction = enums.Direction;
  readonly WrapStrategy = enums.WrapStrategy;
  readonly SheetType = enums.SheetType;
  readonly TextDirection = enums.TextDirection;
  readonly CopyPasteType = enums.CopyPasteType;

  constructor(private readonly service: SpreadsheetService) {}

  private call(method: string): void {
    this.service.call(method);
  }
  private bound(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.service, this.service.boundBook());
  }

  getActive(): FakeSpreadsheet {
    this.call('getActive');
    return this.bound();
  }
  getActiveSpreadsheet(): FakeSpreadsheet {
    this.call('getActiveSpreadsheet');
    return this.bound();
  }
  getActiveSheet(): FakeSheet {
    this.call('getActiveSheet');
    const book = this.service.boundBook();
    return new FakeSheet(this.service, book, this.service.activeSheet(book));
  }
  getActiveRange(): FakeRange {
    this.call('getActiveRange');
    const book = this.service.boundBook();
    return new FakeRange(this.service, book, this.service.activeSheet(book), this.service.activeRect(book) ?? { row: 1, column: 1, numRows: 1, numColumns: 1 });
  }
  getCurrentCell(): FakeRange {
    this.call('getCurrentCell');
    const book = this.service.boundBook();
    const rect = this.service.activeRect(book);
    return new FakeRange(this.service, book, this.service.activeSheet(book), { row: rect?.row ?? 1, column: rect?.column ?? 1, numRows: 1, numColumns: 1 });
  }
  setActiveSheet(sheet: unknown, _restoreSelection?: boolean): FakeSheet {
    this.call('setActiveSheet');
    const s = sheet as FakeSheet;
    this.service.activate(s.book, s.model, null);
    return s;
  }
  setActiveRange(range: unknown): FakeRange {
    this.call('setActiveRange');
    const r = range as FakeRange;
    this.service.activate(r.book, r.sheet, r.rect);
    return r;
  }
  /** Throws for an id that is not a spreadsheet the emulator knows. */
  openById(id: string): FakeSpreadsheet {
    this.call('openById');
    const book = this.service.book(String(id));
    if (!book) throw gasError('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return new FakeSpreadsheet(this.service, book);
  }
  openByUrl(url: string): FakeSpreadsheet {
    this.call('openByUrl');
    const id = /\/d\/([A-Za-z0-9_-]+)/.exec(String(url))?.[1];
    const book = id ? this.service.book(id) : undefined;
    if (!book) throw gasError('Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
    return new FakeSpreadsheet(this.service, book);
  }
  /** "Cannot call SpreadsheetApp.getUi() from this context." outside the spreadsheet's UI (web app, trigger). */
  getUi(): FakeUi {
    this.call('getUi');
    if (!this.service.uiAvailable()) throw gasError('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.service.ui;
  }
  flush(): void {
    this.call('flush');
  }
  newDataValidation(): FakeDataValidationBuilder {
    this.call('newDataValidation');
    return new FakeDataValidationBuilder(this.service);
  }
}

conforms<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  FakeSpreadsheetApp,
  | 'getActive'
  | 'getActiveSpreadsheet'
  | 'getActiveSheet'
  | 'getActiveRange'
  | 'getCurrentCell'
  | 'setActiveSheet'
  | 'setActiveRange'
  | 'openById'
  | 'openByUrl'
  | 'getUi'
  | 'flush'
  | 'newDataValidation'
>(true);

interface SavedSheet {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  columnWidths: Array<[number, number]>;
  rowHeights: Array<[number, number]>;
  hiddenColumns: number[];
  hiddenRows: number[];
  merges: GridRect[];
  protections: ProtectionData[];
  cells: Array<[number, number, Cell]>;
}

interface SavedBook {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  viewSheetId: number;
  nextSheetId: number;
  sheets: SavedSheet[];
}

export class SpreadsheetService implements SpreadsheetHost {
  private books: BookModel[] = [];
  private readonly activations = new Map<string, Activation>();
  private uiRule: UiContextRule = defaultUiContext;
  private readonly answers: UiAnswer[] = [];
  readonly toastLog: ToastRecord[] = [];
  readonly menuLog: MenuRecord[] = [];
  readonly dialogLog: DialogRecord[] = [];
  readonly alertLog: AlertRecord[] = [];
  readonly ui: FakeUi;
  private readonly app: FakeSpreadsheetApp;

  constructor(readonly rt: Runtime) {
    rt.registerState('spreadsheet', this);
    this.ui = new FakeUi(this);
    this.app = new FakeSpreadsheetApp(this);
    this.books.push(this.newBook(BOUND_ID, 'Carnet'));
    rt.on('executionEnded', (execution) => {
      const suffix = `|${(execution as Execution).id}`;
      for (const key of [...this.activations.keys()]) if (key.endsWith(suffix)) this.activations.delete(key);
    });
  }

  private newBook(id: string, name: string): BookModel {
    const book = new BookModel(id, name, 'fr_FR', this.rt.timeZone);
    book.addSheet('Feuille 1', 0, 1000, 26, 0);
    return book;
  }

  globals(): Record<string, unknown> {
    return { SpreadsheetApp: this.app };
  }

  // --- SpreadsheetHost ------------------------------------------------------------------------

  call(method: string): void {
    this.rt.call('SpreadsheetApp', method);
  }
  env(book: BookModel): CellEnv {
    return { locale: localeInfo(book.locale), timeZone: book.timeZone, key: `${book.locale}|${book.timeZone}` };
  }
  newDate(ms: number): Date {
    return this.rt.newDate(ms);
  }
  book(id: string): BookModel | undefined {
    return this.books.find((b) => b.id === id);
  }
  boundBook(): BookModel {
    return this.books[0];
  }
  uiAvailable(): boolean {
    return this.uiRule(this.rt.execution);
  }
  private activationKey(book: BookModel): string {
    return `${book.id}|${this.rt.execution?.id ?? 0}`;
  }
  /** The sheet activated in this execution; else the one on the user's screen (UI context) or the first. */
  activeSheet(book: BookModel): SheetModel {
    const activation = this.activations.get(this.activationKey(book));
    const fromActivation = activation ? book.byId(activation.sheetId) : undefined;
    if (fromActivation) return fromActivation;
    const viewed = this.uiAvailable() ? book.byId(book.viewSheetId) : undefined;
    return viewed ?? book.sheets[0];
  }
  activeRect(book: BookModel): GridRect | null {
    const activation = this.activations.get(this.activationKey(book));
    return activation && book.byId(activation.sheetId) ? activation.rect : null;
  }
  activate(book: BookModel, sheet: SheetModel, rect: GridRect | null): void {
    this.activations.set(this.activationKey(book), { sheetId: sheet.id, rect });
  }
  sheetOf(book: BookModel, sheet: SheetModel): unknown {
    return new FakeSheet(this, book, sheet);
  }
  spreadsheetOf(book: BookModel): unknown {
    return new FakeSpreadsheet(this, book);
  }
  rangeOf(book: BookModel, sheet: SheetModel, rect: GridRect): unknown {
    return new FakeRange(this, book, sheet, rect);
  }
  nextUiAnswer(): UiAnswer | undefined {
    return this.answers.shift();
  }

  // --- test API -------------------------------------------------------------------------------

  get spreadsheetId(): string {
    return this.boundBook().id;
  }
  get spreadsheetUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.spreadsheetId}/edit`;
  }

  private sheetModel(sheetName: string): SheetModel {
    const sheet = this.boundBook().byName(sheetName);
    if (!sheet) throw new Error(`No sheet named "${sheetName}" (sheets: ${this.sheetNames().join(', ')})`);
    return sheet;
  }

  private block<T>(sheetName: string, fn: (cell: Cell | undefined) => T): T[][] {
    const sheet = this.sheetModel(sheetName);
    const rows = sheet.lastRow();
    const columns = sheet.lastColumn();
    const out: T[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: T[] = [];
      for (let c = 1; c <= columns; c++) line.push(fn(sheet.get(r, c)));
      out.push(line);
    }
    return out;
  }

  /** Values from A1 to the last row and column with content, as getValues() returns them (Dates as Node Dates). */
  values(sheetName: string): Stored[][] {
    const env = this.env(this.boundBook());
    return this.block(sheetName, (cell) => readCell(cell, env, (ms) => new Date(ms)));
  }
  displayValues(sheetName: string): string[][] {
    const env = this.env(this.boundBook());
    return this.block(sheetName, (cell) => displayCell(cell, env));
  }
  formulas(sheetName: string): string[][] {
    return this.block(sheetName, (cell) => cell?.f ?? '');
  }
  /** Rows 2… as objects keyed by the headers of row 1 (columns without a header are left out). */
  records(sheetName: string): Array<Record<string, Stored>> {
    const [headers = [], ...rows] = this.values(sheetName);
    return rows.map((row) => {
      const record: Record<string, Stored> = {};
      headers.forEach((h, i) => {
        if (h !== '') record[String(h)] = row[i];
      });
      return record;
    });
  }
  sheetNames(): string[] {
    return this.boundBook().sheets.map((s) => s.name);
  }
  sheetInfo(sheetName: string): {
    id: number;
    maxRows: number;
    maxColumns: number;
    lastRow: number;
    lastColumn: number;
    frozenRows: number;
    frozenColumns: number;
    hidden: boolean;
    protections: ProtectionData[];
    merges: GridRect[];
    hiddenColumns: number[];
    columnWidths: Record<number, number>;
  } {
    const s = this.sheetModel(sheetName);
    return {
      id: s.id,
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
      lastRow: s.lastRow(),
      lastColumn: s.lastColumn(),
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      hidden: s.hidden,
      protections: s.protections.map((p) => ({ ...p, editors: [...p.editors] })),
      merges: s.merges.map((m) => ({ ...m })),
      hiddenColumns: [...s.hiddenColumns].sort((a, b) => a - b),
      columnWidths: Object.fromEntries(s.columnWidths),
    };
  }
  /** Everything stored in one cell (value as getValue() returns it, formula, format, note, style, rule). */
  cell(
    sheetName: string,
    a1: string,
  ): { value: Stored; display: string; formula: string; format: string | null; note: string; style: Record<string, unknown>; rule: Cell['rule'] | null } {
    const sheet = this.sheetModel(sheetName);
    const rect = parseA1(a1).resolve(sheet.maxRows, sheet.maxColumns);
    const cell = sheet.get(rect.row, rect.column);
    const env = this.env(this.boundBook());
    return {
      value: readCell(cell, env, (ms) => new Date(ms)),
      display: displayCell(cell, env),
      formula: cell?.f ?? '',
      format: cell?.fmt ?? null,
      note: cell?.note ?? '',
      style: { ...(cell?.style ?? {}) },
      rule: cell?.rule ?? null,
    };
  }
  /** The admin editing by hand: same storage rules as setValue (or setValues for a 2D array), not counted. */
  setCell(sheetName: string, a1: string, value: unknown): void {
    const sheet = this.sheetModel(sheetName);
    const r = parseA1(a1).resolve(sheet.maxRows, sheet.maxColumns);
    const grid = Array.isArray(value) && value.every(Array.isArray) ? (value as unknown[][]) : null;
    const rect = grid ? { row: r.row, column: r.column, numRows: grid.length, numColumns: Math.max(1, ...grid.map((g) => g.length)) } : r;
    // Typing past the edge of the grid: the admin would add rows/columns first.
    const lastRow = rect.row + rect.numRows - 1;
    const lastColumn = rect.column + rect.numColumns - 1;
    if (lastRow > sheet.maxRows) sheet.insertRows(sheet.maxRows + 1, lastRow - sheet.maxRows, null);
    if (lastColumn > sheet.maxColumns) sheet.insertColumns(sheet.maxColumns + 1, lastColumn - sheet.maxColumns);
    const range = new FakeRange(this, this.boundBook(), sheet, rect);
    const values = grid ?? Array.from({ length: rect.numRows }, () => new Array<unknown>(rect.numColumns).fill(value));
    range.storeValues(
      values.map((row) => Array.from({ length: rect.numColumns }, (_, j) => row[j] ?? '')),
      false,
    );
  }
  /** The value a formula cell shows (the emulator does not evaluate formulas). */
  setComputedValue(sheetName: string, a1: string, value: Stored): void {
    const sheet = this.sheetModel(sheetName);
    const rect = parseA1(a1).resolve(sheet.maxRows, sheet.maxColumns);
    const cell = sheet.get(rect.row, rect.column);
    if (cell?.f === undefined) throw new Error(`${sheetName}!${a1} holds no formula`);
    sheet.set(rect.row, rect.column, patchCell(cell, { v: isDate(value) ? new Date(value.getTime()) : value }));
  }
  /**
   * What an array formula at `a1` shows in the block it fills (values[0][0] is its own cell). Those
   * cells count as content even when they show "": getLastRow() and appendRow() then land below them
   * (issue 15, point 12; "Note that the full column is computed even for rows without [data]",
   * glideapps.com/docs/arrayformula).
   */
  setArrayResult(sheetName: string, a1: string, values: Stored[][]): void {
    const sheet = this.sheetModel(sheetName);
    const rect = parseA1(a1).resolve(sheet.maxRows, sheet.maxColumns);
    const anchor = sheet.get(rect.row, rect.column);
    if (anchor?.f === undefined) throw new Error(`${sheetName}!${a1} holds no formula`);
    values.forEach((line, i) =>
      line.forEach((value, j) => {
        const v = isDate(value) ? new Date(value.getTime()) : value;
        if (i === 0 && j === 0) sheet.set(rect.row, rect.column, patchCell(anchor, { v }));
        else sheet.set(rect.row + i, rect.column + j, patchCell(sheet.get(rect.row + i, rect.column + j), { v, spill: true }));
      }),
    );
  }
  /** A tab added by hand (at the end), optionally filled from A1. */
  addSheet(name: string, values?: unknown[][]): void {
    const book = this.boundBook();
    if (book.byName(name)) throw new Error(`Sheet "${name}" already exists`);
    book.addSheet(name, book.sheets.length);
    if (values?.length) this.setCell(name, 'A1', values);
  }
  /** Another spreadsheet the script may open by id; returns its id. */
  addSpreadsheet(name: string): string {
    const id = `1${name.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}${String(this.books.length).padStart(3, '0')}`.padEnd(44, 'x');
    this.books.push(this.newBook(id, name));
    return id;
  }
  /** The tab the user has on screen: what getActiveSheet() returns in a UI context. */
  viewSheet(sheetName: string): void {
    this.boundBook().viewSheetId = this.sheetModel(sheetName).id;
  }
  setLocale(locale: string): void {
    this.boundBook().locale = locale;
  }
  setTimeZone(timeZone: string): void {
    this.boundBook().timeZone = timeZone;
  }
  /** Replaces the rule that decides where getUi() works (default: not in doGet/doPost nor for anonymous users). */
  setUiContext(rule: UiContextRule): void {
    this.uiRule = rule;
  }
  /** Answers for the next alerts/prompts, in order: 'YES', or { button: 'OK', text: 'Dupont' }. */
  queueUiResponse(...answers: Array<UiAnswer | NonNullable<UiAnswer['button']>>): void {
    for (const a of answers) this.answers.push(typeof a === 'string' ? { button: a } : { ...a });
  }
  /** Menus added to the UI (a menu added again under the same caption replaces the previous one). */
  menus(): MenuRecord[] {
    return JSON.parse(JSON.stringify(this.menuLog)) as MenuRecord[];
  }
  /** Sidebars and dialogs shown, in order (kind 'sidebar' | 'modal' | 'modeless'). */
  dialogs(): DialogRecord[] {
    return [...this.dialogLog];
  }
  sidebars(): DialogRecord[] {
    return this.dialogLog.filter((d) => d.kind === 'sidebar');
  }
  toasts(): ToastRecord[] {
    return this.toastLog.map((t) => ({ ...t }));
  }
  /** Alerts and prompts shown, with the answer each got. */
  alerts(): AlertRecord[] {
    return this.alertLog.map((a) => ({ ...a, answer: { ...a.answer } }));
  }

  // --- persistence ----------------------------------------------------------------------------

  save(): unknown {
    const books: SavedBook[] = this.books.map((book) => ({
      id: book.id,
      name: book.name,
      locale: book.locale,
      timeZone: book.timeZone,
      viewSheetId: book.viewSheetId,
      nextSheetId: book.getNextSheetId(),
      sheets: book.sheets.map((s) => {
        const cells: Array<[number, number, Cell]> = [];
        s.forEachCell((r, c, cell) => cells.push([r, c, saveCell(cell)]));
        return {
          id: s.id,
          name: s.name,
          maxRows: s.maxRows,
          maxColumns: s.maxColumns,
          frozenRows: s.frozenRows,
          frozenColumns: s.frozenColumns,
          hidden: s.hidden,
          tabColor: s.tabColor,
          columnWidths: [...s.columnWidths],
          rowHeights: [...s.rowHeights],
          hiddenColumns: [...s.hiddenColumns],
          hiddenRows: [...s.hiddenRows],
          merges: s.merges,
          protections: s.protections,
          cells,
        };
      }),
    }));
    return { books };
  }

  load(data: unknown): void {
    const saved = (data as { books?: SavedBook[] } | null)?.books;
    if (!saved?.length) return;
    this.books = saved.map((b) => {
      const book = new BookModel(b.id, b.name, b.locale, b.timeZone);
      book.viewSheetId = b.viewSheetId;
      book.setNextSheetId(b.nextSheetId);
      for (const s of b.sheets) {
        const sheet = book.addSheet(s.name, book.sheets.length, s.maxRows, s.maxColumns, s.id);
        Object.assign(sheet, {
          frozenRows: s.frozenRows,
          frozenColumns: s.frozenColumns,
          hidden: s.hidden,
          tabColor: s.tabColor,
          merges: s.merges,
          protections: s.protections,
        });
        s.columnWidths.forEach(([k, v]) => sheet.columnWidths.set(k, v));
        s.rowHeights.forEach(([k, v]) => sheet.rowHeights.set(k, v));
        s.hiddenColumns.forEach((c) => sheet.hiddenColumns.add(c));
        s.hiddenRows.forEach((r) => sheet.hiddenRows.add(r));
        for (const [r, c, cell] of s.cells) sheet.set(r, c, cell);
      }
      return book;
    });
    // Rules that point at a range were saved as {sheetId, rect}: turn them back into ranges.
    for (const book of this.books) {
      for (const sheet of book.sheets) {
        sheet.forEachCell((r, c, cell) => {
          const ref = cell.rule?.criteria === 'VALUE_IN_RANGE' ? (cell.rule.args[0] as SavedRangeRef) : null;
          const target = ref?.$range ? book.byId(ref.$range.sheetId) : undefined;
          if (cell.rule && ref?.$range && target) {
            const range = new FakeRange(this, book, target, ref.$range.rect);
            sheet.set(r, c, { ...cell, rule: { ...cell.rule, args: [range, ...cell.rule.args.slice(1)] } });
          }
        });
      }
    }
    this.activations.clear();
  }
}

interface SavedRangeRef {
  $range?: { sheetId: number; rect: GridRect };
}

function saveCell(cell: Cell): Cell {
  const range = cell.rule?.criteria === 'VALUE_IN_RANGE' ? cell.rule.args[0] : null;
  if (cell.rule && range instanceof FakeRange) {
    return { ...cell, rule: { ...cell.rule, args: [{ $range: { sheetId: range.sheet.id, rect: range.rect } }, ...cell.rule.args.slice(1)] } };
  }
  return cell;
}
