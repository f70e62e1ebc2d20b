// Spreadsheet: the workbook. developers.google.com/apps-script/reference/spreadsheet/spreadsheet
import { conforms } from '../conformance';
import { FakeUser } from './builders';
import { gasError } from './errors';
import { FakeTextFinder } from './finder';
import type { SpreadsheetHost } from './host';
import type { BookModel, SheetModel } from './model';
import { FakeRange, rangeFromA1 } from './range';
import { FakeSheet, duplicateNameError } from './sheet';

type SheetOptions = { template?: unknown };

export class FakeSpreadsheet {
  constructor(
    private readonly host: SpreadsheetHost,
    readonly book: BookModel,
  ) {}

  private call(method: string): void {
    this.host.call(`Spreadsheet.${method}`);
  }

  private sheet(model: SheetModel): FakeSheet {
    return new FakeSheet(this.host, this.book, model);
  }

  private active(): FakeSheet {
    return this.sheet(this.host.activeSheet(this.book));
  }

  /** A new sheet's default name: "Feuille 2" in a French spreadsheet, "Sheet2" in an English one. */
  private defaultSheetName(): string {
    const french = this.book.locale.startsWith('fr');
    for (let n = this.book.sheets.length + 1; ; n++) {
      const name = french ? `Feuille ${n}` : `Sheet${n}`;
      if (!this.book.byName(name)) return name;
    }
  }

  getId(): string {
    this.call('getId');
    return this.book.id;
  }
  getName(): string {
    this.call('getName');
    return this.book.name;
  }
  rename(newName: string): void {
    this.call('rename');
    this.book.name = String(newName);
  }
  getUrl(): string {
    this.call('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    this.call('getSpreadsheetTimeZone');
    return this.book.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.call('setSpreadsheetTimeZone');
    this.book.timeZone = String(timezone);
  }
  getSpreadsheetLocale(): string {
    this.call('getSpreadsheetLocale');
    return this.book.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.call('setSpreadsheetLocale');
    this.book.locale = String(locale);
  }
  getOwner(): FakeUser {
    this.call('getOwner');
    return new FakeUser(this.host.rt.ownerEmail);
  }
  getEditors(): FakeUser[] {
    this.call('getEditors');
    return [new FakeUser(this.host.rt.ownerEmail)];
  }

  getSheets(): FakeSheet[] {
    this.call('getSheets');
    return this.book.sheets.map((s) => this.sheet(s));
  }
  getNumSheets(): number {
    this.call('getNumSheets');
    return this.book.sheets.length;
  }
  getSheetByName(name: string): FakeSheet | null {
    this.call('getSheetByName');
    const model = this.book.byName(name);
    return model ? this.sheet(model) : null;
  }
  getSheetById(id: number): FakeSheet | null {
    this.call('getSheetById');
    const model = this.book.byId(Number(id));
    return model ? this.sheet(model) : null;
  }
  /**
   * insertSheet([name][, index][, {template}]): the new sheet goes right after the active one unless an
   * index (0-based) is given, and becomes the active sheet.
   */
  insertSheet(a?: string | number | SheetOptions, b?: number | SheetOptions, c?: SheetOptions): FakeSheet {
    this.call('insertSheet');
    let name: string | undefined;
    let index: number | undefined;
    let options: SheetOptions | undefined;
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') [index, options] = [b, c];
      else options = b;
    } else if (typeof a === 'number') {
      index = a;
      options = b as SheetOptions | undefined;
    } else options = a;
    const sheetName = name ?? this.defaultSheetName();
    if (this.book.byName(sheetName)) throw duplicateNameError(sheetName);
    const position = index ?? this.book.sheets.indexOf(this.host.activeSheet(this.book)) + 1;
    const template = options?.template instanceof FakeSheet ? options.template.model : undefined;
    const model = this.book.addSheet(sheetName, Math.max(0, Math.min(position, this.book.sheets.length)), template?.maxRows, template?.maxColumns);
    if (template) {
      template.forEachCell((r, col, cell) => model.set(r, col, cell));
      model.frozenRows = template.frozenRows;
      model.frozenColumns = template.frozenColumns;
    }
    this.host.activate(this.book, model, null);
    return this.sheet(model);
  }
  deleteSheet(sheet: unknown): void {
    this.call('deleteSheet');
    const model = (sheet as FakeSheet).model;
    if (!this.book.sheets.includes(model)) throw gasError('Sheet not found');
    if (this.book.sheets.length === 1) throw gasError("You can't remove all the sheets in a document.");
    this.book.sheets = this.book.sheets.filter((s) => s !== model);
  }
  getActiveSheet(): FakeSheet {
    this.call('getActiveSheet');
    return this.active();
  }
  setActiveSheet(sheet: unknown, _restoreSelection?: boolean): FakeSheet {
    this.call('setActiveSheet');
    const model = (sheet as FakeSheet).model;
    this.host.activate(this.book, model, null);
    return this.sheet(model);
  }
  moveActiveSheet(pos: number): void {
    this.call('moveActiveSheet');
    const model = this.host.activeSheet(this.book);
    const rest = this.book.sheets.filter((s) => s !== model);
    rest.splice(Math.max(0, Math.min(pos - 1, rest.length)), 0, model);
    this.book.sheets = rest;
  }
  getActiveRange(): FakeRange | null {
    this.call('getActiveRange');
    const sheet = this.host.activeSheet(this.book);
    return new FakeRange(this.host, this.book, sheet, this.host.activeRect(this.book) ?? { row: 1, column: 1, numRows: 1, numColumns: 1 });
  }
  getActiveCell(): FakeRange {
    this.call('getActiveCell');
    const sheet = this.host.activeSheet(this.book);
    const rect = this.host.activeRect(this.book);
    return new FakeRange(this.host, this.book, sheet, { row: rect?.row ?? 1, column: rect?.column ?? 1, numRows: 1, numColumns: 1 });
  }
  /** 'A1:B2' on the active sheet, or 'Sheet name!A1:B2'. */
  getRange(a1Notation: string): FakeRange {
    this.call('getRange');
    return rangeFromA1(this.host, this.book, a1Notation, this.host.activeSheet(this.book));
  }
  getRangeByName(_name: string): FakeRange | null {
    this.call('getRangeByName');
    return null;
  }
  getDataRange(): FakeRange {
    this.call('getDataRange');
    const sheet = this.host.activeSheet(this.book);
    return new FakeRange(this.host, this.book, sheet, {
      row: 1,
      column: 1,
      numRows: Math.max(1, sheet.lastRow()),
      numColumns: Math.max(1, sheet.lastColumn()),
    });
  }
  getLastRow(): number {
    this.call('getLastRow');
    return this.host.activeSheet(this.book).lastRow();
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return this.host.activeSheet(this.book).lastColumn();
  }
  appendRow(rowContents: unknown[]): FakeSheet {
    this.call('appendRow');
    return this.active().appendValues(rowContents);
  }
  createTextFinder(findText: string): FakeTextFinder {
    this.call('createTextFinder');
    return new FakeTextFinder(this.host, this.book, findText, () => this.book.sheets.map((sheet) => ({ sheet, rect: null })));
  }
  /** Recorded for tests (SpreadsheetService.toasts()); a toast shown to nobody is not an error. */
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.call('toast');
    this.host.toastLog.push({
      spreadsheetId: this.book.id,
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? null,
      at: this.host.rt.clock.now(),
    });
  }
}

conforms<
  GoogleAppsScript.Spreadsheet.Spreadsheet,
  FakeSpreadsheet,
  | 'getId'
  | 'getName'
  | 'rename'
  | 'getUrl'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
  | 'getSpreadsheetLocale'
  | 'setSpreadsheetLocale'
  | 'getOwner'
  | 'getEditors'
  | 'getSheets'
  | 'getNumSheets'
  | 'getSheetByName'
  | 'getSheetById'
  | 'insertSheet'
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'moveActiveSheet'
  | 'getActiveRange'
  | 'getActiveCell'
  | 'getRange'
  | 'getRangeByName'
  | 'getDataRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'appendRow'
  | 'createTextFinder'
  | 'toast'
>(true);
