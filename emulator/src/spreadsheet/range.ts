// Range: a rectangle of one sheet. Values keep their type (number, boolean, Date, string; '' when
// empty) and are always fresh copies. developers.google.com/apps-script/reference/spreadsheet/range
import { conforms } from '../conformance';
import { GridRect, parseA1, rectA1 } from './a1';
import { FakeProtection, FakeDataValidation, rejects, ruleOf, validationError, validationFor } from './builders';
import { Cell, Stored, StyleValue, displayCell, hasContent, numberFormatOf, patchCell, readCell, writeInput } from './cells';
import { gasError, signatureError } from './errors';
import { isDate } from '../runtime';
import { AUTOMATIC_FORMAT } from './format';
import type { SpreadsheetHost } from './host';
import type { BookModel, SheetModel } from './model';
import { FakeTextFinder } from './finder';

/** Checks and builds a range the way Sheet.getRange(row, column, numRows, numColumns) does. */
export function checkedRect(sheet: SheetModel, row: number, column: number, numRows: number, numColumns: number): GridRect {
  const args = [row, column, numRows, numColumns];
  if (args.some((n) => !Number.isFinite(n))) throw signatureError(args, 'SpreadsheetApp.Sheet.getRange');
  if (row < 1) throw gasError('The starting row of the range is too small.');
  if (column < 1) throw gasError('The starting column of the range is too small.');
  if (numRows < 1) throw gasError('The number of rows in the range must be at least 1.');
  if (numColumns < 1) throw gasError('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns) {
    throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return { row, column, numRows, numColumns };
}

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  lightgray: '#d3d3d3',
  lightgrey: '#d3d3d3',
};

function color(value: string | null): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim().toLowerCase();
  if (NAMED_COLORS[s]) return NAMED_COLORS[s];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : s;
}

/** A range from A1 notation; a sheet prefix picks another sheet of the workbook. */
export function rangeFromA1(host: SpreadsheetHost, book: BookModel, notation: string, defaultSheet: SheetModel): FakeRange {
  const parsed = parseA1(notation);
  const sheet = parsed.sheetName !== null ? book.byName(parsed.sheetName) : defaultSheet;
  if (!sheet) throw gasError('Range not found');
  const r = parsed.resolve(sheet.maxRows, sheet.maxColumns);
  if (r.row + r.numRows - 1 > sheet.maxRows || r.column + r.numColumns - 1 > sheet.maxColumns) throw gasError('Range not found');
  const rect = { row: r.row, column: r.column, numRows: r.numRows, numColumns: r.numColumns };
  return new FakeRange(host, book, sheet, rect, r.wholeColumns, r.wholeRows);
}

export class FakeRange {
  constructor(
    private readonly host: SpreadsheetHost,
    readonly book: BookModel,
    readonly sheet: SheetModel,
    readonly rect: GridRect,
    private readonly wholeColumns = false,
    private readonly wholeRows = false,
  ) {}

  private call(method: string): void {
    this.host.call(`Range.${method}`);
  }

  private get lastRowIndex(): number {
    return this.rect.row + this.rect.numRows - 1;
  }

  private get lastColumnIndex(): number {
    return this.rect.column + this.rect.numColumns - 1;
  }

  private sheetFake(): unknown {
    return this.host.sheetOf(this.book, this.sheet);
  }

  /** Runs fn over every cell, row by row. */
  private each(fn: (row: number, column: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.rect.numRows; i++) {
      for (let j = 0; j < this.rect.numColumns; j++) fn(this.rect.row + i, this.rect.column + j, i, j);
    }
  }

  private grid<T>(fn: (cell: Cell | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.rect.numRows; i++) {
      const cells = this.sheet.rows[this.rect.row - 1 + i];
      const line: T[] = new Array<T>(this.rect.numColumns);
      for (let j = 0; j < this.rect.numColumns; j++) line[j] = fn(cells?.[this.rect.column - 1 + j]);
      out.push(line);
    }
    return out;
  }

  private patchAll(patch: (cell: Cell | undefined, i: number, j: number) => Cell | undefined): void {
    this.each((r, c, i, j) => this.sheet.set(r, c, patch(this.sheet.get(r, c), i, j)));
  }

  private countRead(n = this.rect.numRows * this.rect.numColumns): void {
    this.host.rt.accounting.cellsRead += n;
  }

  private countWritten(n = this.rect.numRows * this.rect.numColumns): void {
    this.host.rt.accounting.cellsWritten += n;
  }

  /** The same dimension checks as setValues, for every 2D setter. */
  private checkGrid(values: unknown, method: string): unknown[][] {
    if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
      throw signatureError([values], `SpreadsheetApp.Range.${method}`);
    }
    if (values.length !== this.rect.numRows) {
      throw gasError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.rect.numRows}.`,
      );
    }
    for (const row of values as unknown[][]) {
      if (row.length !== this.rect.numColumns) {
        throw gasError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.rect.numColumns}.`,
        );
      }
    }
    return values as unknown[][];
  }

  /** Parses every input first (limits, validation), then stores: a refused write changes nothing. */
  private writeBlock(input: (i: number, j: number) => unknown, counted = true): void {
    const env = this.host.env(this.book);
    const next: Array<Array<Cell | undefined>> = [];
    const readRange = (range: unknown) => (range instanceof FakeRange ? range.rawValues() : null);
    for (let i = 0; i < this.rect.numRows; i++) {
      const line: Array<Cell | undefined> = [];
      for (let j = 0; j < this.rect.numColumns; j++) {
        const row = this.rect.row + i;
        const column = this.rect.column + j;
        const cell = writeInput(input(i, j), this.sheet.get(row, column), env);
        if (
          cell?.rule &&
          cell.f === undefined &&
          rejects(
            cell.rule,
            readCell(cell, env, (ms) => new Date(ms)),
            readRange,
          )
        ) {
          throw validationError(row, column);
        }
        line.push(cell);
      }
      next.push(line);
    }
    next.forEach((line, i) => line.forEach((cell, j) => this.sheet.set(this.rect.row + i, this.rect.column + j, cell)));
    if (counted) this.countWritten();
  }

  /** Internal (not an Apps Script method): writes without counting a call, for appendRow. */
  storeValues(values: unknown[][], counted = true): void {
    this.writeBlock((i, j) => values[i][j], counted);
  }

  /** Values without bookkeeping (used by validation rules that read a range). */
  rawValues(): Stored[] {
    const env = this.host.env(this.book);
    return this.grid((cell) => readCell(cell, env, (ms) => new Date(ms))).flat();
  }

  // --- position -----------------------------------------------------------------------------

  getRow(): number {
    this.call('getRow');
    return this.rect.row;
  }
  getRowIndex(): number {
    this.call('getRowIndex');
    return this.rect.row;
  }
  getColumn(): number {
    this.call('getColumn');
    return this.rect.column;
  }
  getNumRows(): number {
    this.call('getNumRows');
    return this.rect.numRows;
  }
  getNumColumns(): number {
    this.call('getNumColumns');
    return this.rect.numColumns;
  }
  getHeight(): number {
    this.call('getHeight');
    return this.rect.numRows;
  }
  getWidth(): number {
    this.call('getWidth');
    return this.rect.numColumns;
  }
  getLastRow(): number {
    this.call('getLastRow');
    return this.lastRowIndex;
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return this.lastColumnIndex;
  }
  getGridId(): number {
    this.call('getGridId');
    return this.sheet.id;
  }
  getA1Notation(): string {
    this.call('getA1Notation');
    return rectA1(this.rect, this.wholeColumns, this.wholeRows);
  }
  getSheet(): unknown {
    this.call('getSheet');
    return this.sheetFake();
  }
  getCell(row: number, column: number): FakeRange {
    this.call('getCell');
    if (row < 1 || column < 1 || row > this.rect.numRows || column > this.rect.numColumns) throw gasError('Cell reference out of range');
    return new FakeRange(this.host, this.book, this.sheet, { row: this.rect.row + row - 1, column: this.rect.column + column - 1, numRows: 1, numColumns: 1 });
  }
  /**
   * "Starting at the cell in the first column and row of the range, returns the next cell in the given
   * direction that is the edge of a contiguous range of cells with data in them or the cell at the edge
   * of the spreadsheet in that direction. This is equivalent to typing Ctrl+[arrow key] in the editor."
   * (developers.google.com/apps-script/reference/spreadsheet/range#getnextdatacelldirection). A FALSE
   * checkbox or a formula's "" counts as data, as it does for getLastRow().
   */
  getNextDataCell(direction: unknown): FakeRange {
    this.call('getNextDataCell');
    const name = String(direction);
    const vertical = name === 'UP' || name === 'DOWN';
    if (!vertical && name !== 'PREVIOUS' && name !== 'NEXT') throw signatureError([direction], 'SpreadsheetApp.Range.getNextDataCell');
    const step = name === 'UP' || name === 'PREVIOUS' ? -1 : 1;
    const limit = vertical ? this.sheet.maxRows : this.sheet.maxColumns;
    const at = (i: number) => hasContent(vertical ? this.sheet.get(i, this.rect.column) : this.sheet.get(this.rect.row, i));
    const inside = (i: number) => i >= 1 && i <= limit;
    let pos = vertical ? this.rect.row : this.rect.column;
    if (inside(pos + step) && at(pos) && at(pos + step)) {
      // Inside a block: to its far edge.
      while (inside(pos + step) && at(pos + step)) pos += step;
    } else {
      // On an empty cell or a block's edge: to the next cell with data, or the sheet's edge.
      while (inside(pos + step)) {
        pos += step;
        if (at(pos)) break;
      }
    }
    const rect = vertical ? { row: pos, column: this.rect.column, numRows: 1, numColumns: 1 } : { row: this.rect.row, column: pos, numRows: 1, numColumns: 1 };
    return new FakeRange(this.host, this.book, this.sheet, rect);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    this.call('offset');
    const rect = checkedRect(
      this.sheet,
      this.rect.row + rowOffset,
      this.rect.column + columnOffset,
      numRows ?? this.rect.numRows,
      numColumns ?? this.rect.numColumns,
    );
    return new FakeRange(this.host, this.book, this.sheet, rect);
  }
  activate(): FakeRange {
    this.call('activate');
    this.host.activate(this.book, this.sheet, this.rect);
    return this;
  }
  activateAsCurrentCell(): FakeRange {
    this.call('activateAsCurrentCell');
    this.host.activate(this.book, this.sheet, this.rect);
    return this;
  }
  isBlank(): boolean {
    this.call('isBlank');
    return this.grid((cell) => !cell || (cell.v === '' && cell.f === undefined)).every((line) => line.every(Boolean));
  }

  // --- values -------------------------------------------------------------------------------

  getValues(): Stored[][] {
    this.call('getValues');
    const env = this.host.env(this.book);
    const newDate = (ms: number) => this.host.newDate(ms);
    this.countRead();
    return this.grid((cell) => readCell(cell, env, newDate));
  }
  getValue(): Stored {
    this.call('getValue');
    this.countRead(1);
    return readCell(this.sheet.get(this.rect.row, this.rect.column), this.host.env(this.book), (ms) => this.host.newDate(ms));
  }
  getDisplayValues(): string[][] {
    this.call('getDisplayValues');
    const env = this.host.env(this.book);
    this.countRead();
    return this.grid((cell) => displayCell(cell, env));
  }
  getDisplayValue(): string {
    this.call('getDisplayValue');
    this.countRead(1);
    return displayCell(this.sheet.get(this.rect.row, this.rect.column), this.host.env(this.book));
  }
  getFormulas(): string[][] {
    this.call('getFormulas');
    this.countRead();
    return this.grid((cell) => cell?.f ?? '');
  }
  getFormula(): string {
    this.call('getFormula');
    this.countRead(1);
    return this.sheet.get(this.rect.row, this.rect.column)?.f ?? '';
  }
  setValues(values: unknown[][]): FakeRange {
    this.call('setValues');
    const grid = this.checkGrid(values, 'setValues');
    this.writeBlock((i, j) => grid[i][j]);
    return this;
  }
  /** Writes the value into every cell of the range. */
  setValue(value: unknown): FakeRange {
    this.call('setValue');
    this.writeBlock(() => value);
    return this;
  }
  setFormula(formula: string): FakeRange {
    this.call('setFormula');
    this.writeBlock(() => formula);
    return this;
  }
  setFormulas(formulas: string[][]): FakeRange {
    this.call('setFormulas');
    const grid = this.checkGrid(formulas, 'setFormulas');
    this.writeBlock((i, j) => grid[i][j]);
    return this;
  }
  clearContent(): FakeRange {
    this.call('clearContent');
    this.patchAll((cell) => patchCell(cell, { v: '', f: undefined }));
    this.countWritten();
    return this;
  }
  /** Without options: contents and formats (notes and validation rules stay). */
  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; skipFilteredRows?: boolean }): FakeRange {
    this.call('clear');
    const o = options ?? {};
    const some = !!(o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly);
    const contents = !some || !!o.contentsOnly;
    const formats = !some || !!o.formatOnly;
    this.patchAll((cell) =>
      patchCell(cell, {
        ...(contents ? { v: '', f: undefined } : {}),
        ...(formats ? { fmt: undefined, style: undefined } : {}),
        ...(o.commentsOnly ? { note: undefined } : {}),
        ...(o.validationsOnly ? { rule: undefined } : {}),
      }),
    );
    if (contents) this.countWritten();
    return this;
  }
  clearFormat(): FakeRange {
    this.call('clearFormat');
    this.patchAll((cell) => patchCell(cell, { fmt: undefined, style: undefined }));
    return this;
  }

  // --- number formats, notes, styles ---------------------------------------------------------

  setNumberFormat(numberFormat: string): FakeRange {
    this.call('setNumberFormat');
    const fmt = String(numberFormat);
    this.patchAll((cell) => patchCell(cell, { fmt }));
    return this;
  }
  setNumberFormats(numberFormats: string[][]): FakeRange {
    this.call('setNumberFormats');
    const grid = this.checkGrid(numberFormats, 'setNumberFormats');
    this.patchAll((cell, i, j) => patchCell(cell, { fmt: String(grid[i][j]) }));
    return this;
  }
  getNumberFormat(): string {
    this.call('getNumberFormat');
    return numberFormatOf(this.sheet.get(this.rect.row, this.rect.column));
  }
  getNumberFormats(): string[][] {
    this.call('getNumberFormats');
    return this.grid((cell) => cell?.fmt ?? AUTOMATIC_FORMAT);
  }
  setNote(note: string | null): FakeRange {
    this.call('setNote');
    const text = note === null || note === undefined || note === '' ? undefined : String(note);
    this.patchAll((cell) => patchCell(cell, { note: text }));
    return this;
  }
  setNotes(notes: Array<Array<string | null>>): FakeRange {
    this.call('setNotes');
    const grid = this.checkGrid(notes, 'setNotes');
    this.patchAll((cell, i, j) => patchCell(cell, { note: grid[i][j] ? String(grid[i][j]) : undefined }));
    return this;
  }
  getNote(): string {
    this.call('getNote');
    return this.sheet.get(this.rect.row, this.rect.column)?.note ?? '';
  }
  getNotes(): string[][] {
    this.call('getNotes');
    return this.grid((cell) => cell?.note ?? '');
  }
  clearNote(): FakeRange {
    this.call('clearNote');
    this.patchAll((cell) => patchCell(cell, { note: undefined }));
    return this;
  }

  private setStyle(method: string, key: string, value: StyleValue): FakeRange {
    this.call(method);
    this.patchAll((cell) => patchCell(cell, { style: withStyle(cell, key, value) }));
    return this;
  }
  private setStyles(method: string, key: string, values: unknown, map: (v: unknown) => StyleValue = (v) => v as StyleValue): FakeRange {
    this.call(method);
    const grid = this.checkGrid(values, method);
    this.patchAll((cell, i, j) => patchCell(cell, { style: withStyle(cell, key, map(grid[i][j])) }));
    return this;
  }
  private styleOf(cell: Cell | undefined, key: string, fallback: StyleValue): StyleValue {
    const v = cell?.style?.[key];
    return v === undefined || v === null ? fallback : v;
  }

  setBackground(color_: string | null): FakeRange {
    return this.setStyle('setBackground', 'background', color(color_));
  }
  setBackgrounds(colors: Array<Array<string | null>>): FakeRange {
    return this.setStyles('setBackgrounds', 'background', colors, (v) => color(v as string | null));
  }
  setBackgroundRGB(red: number, green: number, blue: number): FakeRange {
    const hex = `#${[red, green, blue].map((n) => Math.max(0, Math.min(255, n)).toString(16).padStart(2, '0')).join('')}`;
    return this.setStyle('setBackgroundRGB', 'background', hex);
  }
  getBackground(): string {
    this.call('getBackground');
    return String(this.styleOf(this.sheet.get(this.rect.row, this.rect.column), 'background', '#ffffff'));
  }
  getBackgrounds(): string[][] {
    this.call('getBackgrounds');
    return this.grid((cell) => String(this.styleOf(cell, 'background', '#ffffff')));
  }
  setFontColor(color_: string | null): FakeRange {
    return this.setStyle('setFontColor', 'fontColor', color(color_));
  }
  setFontColors(colors: unknown[][]): FakeRange {
    return this.setStyles('setFontColors', 'fontColor', colors, (v) => color(v as string | null));
  }
  setFontWeight(fontWeight: string | null): FakeRange {
    return this.setStyle('setFontWeight', 'fontWeight', fontWeight);
  }
  setFontWeights(fontWeights: Array<Array<string | null>>): FakeRange {
    return this.setStyles('setFontWeights', 'fontWeight', fontWeights);
  }
  getFontWeight(): string {
    this.call('getFontWeight');
    return String(this.styleOf(this.sheet.get(this.rect.row, this.rect.column), 'fontWeight', 'normal'));
  }
  getFontWeights(): string[][] {
    this.call('getFontWeights');
    return this.grid((cell) => String(this.styleOf(cell, 'fontWeight', 'normal')));
  }
  setFontStyle(fontStyle: string | null): FakeRange {
    return this.setStyle('setFontStyle', 'fontStyle', fontStyle);
  }
  setFontSize(size: number): FakeRange {
    return this.setStyle('setFontSize', 'fontSize', size);
  }
  getFontSize(): number {
    this.call('getFontSize');
    return Number(this.styleOf(this.sheet.get(this.rect.row, this.rect.column), 'fontSize', 10));
  }
  setFontFamily(fontFamily: string | null): FakeRange {
    return this.setStyle('setFontFamily', 'fontFamily', fontFamily);
  }
  setFontLine(fontLine: string | null): FakeRange {
    return this.setStyle('setFontLine', 'fontLine', fontLine);
  }
  setHorizontalAlignment(alignment: string | null): FakeRange {
    return this.setStyle('setHorizontalAlignment', 'horizontalAlignment', alignment);
  }
  setHorizontalAlignments(alignments: Array<Array<string | null>>): FakeRange {
    return this.setStyles('setHorizontalAlignments', 'horizontalAlignment', alignments);
  }
  setVerticalAlignment(alignment: string | null): FakeRange {
    return this.setStyle('setVerticalAlignment', 'verticalAlignment', alignment);
  }
  setWrap(isWrapEnabled: boolean): FakeRange {
    return this.setStyle('setWrap', 'wrap', !!isWrapEnabled);
  }
  setWraps(isWrapEnabled: boolean[][]): FakeRange {
    return this.setStyles('setWraps', 'wrap', isWrapEnabled, (v) => !!v);
  }
  setWrapStrategy(strategy: unknown): FakeRange {
    return this.setStyle('setWrapStrategy', 'wrapStrategy', String(strategy));
  }
  setTextRotation(degrees: unknown): FakeRange {
    return this.setStyle('setTextRotation', 'textRotation', typeof degrees === 'number' ? degrees : String(degrees));
  }
  setShowHyperlink(showHyperlink: boolean): FakeRange {
    return this.setStyle('setShowHyperlink', 'showHyperlink', !!showHyperlink);
  }
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    color_?: string | null,
    style?: unknown,
  ): FakeRange {
    const summary = JSON.stringify({ top, left, bottom, right, vertical, horizontal, color: color_ ?? null, style: style ? String(style) : null });
    return this.setStyle('setBorder', 'border', summary);
  }

  // --- validation, checkboxes, merges -------------------------------------------------------

  setDataValidation(rule: unknown): FakeRange {
    this.call('setDataValidation');
    const data = ruleOf(rule, 'SpreadsheetApp.Range.setDataValidation') ?? undefined;
    this.patchAll((cell) => patchCell(cell, { rule: data }));
    return this;
  }
  setDataValidations(rules: unknown[][]): FakeRange {
    this.call('setDataValidations');
    const grid = this.checkGrid(rules, 'setDataValidations');
    this.patchAll((cell, i, j) => patchCell(cell, { rule: ruleOf(grid[i][j], 'SpreadsheetApp.Range.setDataValidations') ?? undefined }));
    return this;
  }
  getDataValidation(): FakeDataValidation | null {
    this.call('getDataValidation');
    return validationFor(this.host, this.sheet.get(this.rect.row, this.rect.column)?.rule);
  }
  getDataValidations(): Array<Array<FakeDataValidation | null>> {
    this.call('getDataValidations');
    return this.grid((cell) => validationFor(this.host, cell?.rule));
  }
  clearDataValidations(): FakeRange {
    this.call('clearDataValidations');
    this.patchAll((cell) => patchCell(cell, { rule: undefined }));
    return this;
  }
  /** "Sets the value of all cells in the range to false" (Range.insertCheckboxes). */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): FakeRange {
    this.call('insertCheckboxes');
    const args = checkedValue === undefined ? [] : uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue];
    const rule = { criteria: 'CHECKBOX', args, allowInvalid: true, helpText: null };
    const unchecked = args.length === 2 ? args[1] : args.length === 1 ? '' : false;
    this.patchAll((cell) => patchCell(cell, { rule, v: unchecked as Stored, f: undefined }));
    this.countWritten();
    return this;
  }
  removeCheckboxes(): FakeRange {
    this.call('removeCheckboxes');
    this.patchAll((cell) => (cell?.rule?.criteria === 'CHECKBOX' ? patchCell(cell, { rule: undefined, v: '' }) : cell));
    return this;
  }
  check(): FakeRange {
    this.call('check');
    this.patchAll((cell) => (cell?.rule?.criteria === 'CHECKBOX' ? patchCell(cell, { v: (cell.rule.args[0] as Stored) ?? true }) : cell));
    return this;
  }
  uncheck(): FakeRange {
    this.call('uncheck');
    this.patchAll((cell) =>
      cell?.rule?.criteria === 'CHECKBOX' ? patchCell(cell, { v: cell.rule.args.length === 0 ? false : ((cell.rule.args[1] as Stored) ?? '') }) : cell,
    );
    return this;
  }
  isChecked(): boolean | null {
    this.call('isChecked');
    const states = this.grid((cell) => (cell?.rule?.criteria === 'CHECKBOX' ? cell.v === (cell.rule.args[0] ?? true) : null)).flat();
    if (states.some((s) => s === null)) return null;
    return states.every((s) => s === states[0]) ? (states[0] as boolean) : null;
  }
  merge(): FakeRange {
    this.call('merge');
    this.sheet.merges.push({ ...this.rect });
    return this;
  }
  mergeAcross(): FakeRange {
    this.call('mergeAcross');
    for (let i = 0; i < this.rect.numRows; i++)
      this.sheet.merges.push({ row: this.rect.row + i, column: this.rect.column, numRows: 1, numColumns: this.rect.numColumns });
    return this;
  }
  mergeVertically(): FakeRange {
    this.call('mergeVertically');
    for (let j = 0; j < this.rect.numColumns; j++)
      this.sheet.merges.push({ row: this.rect.row, column: this.rect.column + j, numRows: this.rect.numRows, numColumns: 1 });
    return this;
  }
  breakApart(): FakeRange {
    this.call('breakApart');
    this.sheet.merges = this.sheet.merges.filter((m) => !overlaps(m, this.rect));
    return this;
  }
  isPartOfMerge(): boolean {
    this.call('isPartOfMerge');
    return this.sheet.merges.some((m) => overlaps(m, this.rect));
  }
  getMergedRanges(): FakeRange[] {
    this.call('getMergedRanges');
    return this.sheet.merges.filter((m) => overlaps(m, this.rect)).map((m) => new FakeRange(this.host, this.book, this.sheet, { ...m }));
  }

  // --- search, protection, sort -------------------------------------------------------------

  createTextFinder(findText: string): FakeTextFinder {
    this.call('createTextFinder');
    return new FakeTextFinder(this.host, this.book, findText, [{ sheet: this.sheet, rect: { ...this.rect } }]);
  }
  protect(): FakeProtection {
    this.call('protect');
    const data = {
      kind: 'RANGE' as const,
      rect: { ...this.rect },
      description: '',
      warningOnly: false,
      editors: [this.host.rt.ownerEmail],
      domainEdit: false,
      unprotected: [],
    };
    this.sheet.protections.push(data);
    return new FakeProtection(this.host, this.sheet, data, (rect) => new FakeRange(this.host, this.book, this.sheet, rect ?? this.rect));
  }
  /** Sorts the rows of the range: numbers and dates, then text, then booleans; blanks always last. */
  sort(sortSpecObj: unknown): FakeRange {
    this.call('sort');
    return this.sortWithoutCall(sortSpecObj);
  }

  /** Internal: Sheet.sort() shares the ordering. */
  sortWithoutCall(sortSpecObj: unknown): FakeRange {
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) => {
      const spec = typeof s === 'number' ? { column: s, ascending: true } : (s as { column: number; ascending?: boolean });
      if (typeof spec?.column !== 'number' || spec.column < this.rect.column || spec.column > this.lastColumnIndex) {
        throw gasError(`The sort column must be within the range's columns (${this.rect.column} to ${this.lastColumnIndex}).`);
      }
      return { index: spec.column - this.rect.column, ascending: spec.ascending !== false };
    });
    const rows = this.grid((cell) => cell);
    const env = this.host.env(this.book);
    const key = (cell: Cell | undefined) => readCell(cell, env, (ms) => new Date(ms));
    rows.sort((a, b) => {
      for (const { index, ascending } of specs) {
        const d = compareForSort(key(a[index]), key(b[index]), ascending);
        if (d !== 0) return d;
      }
      return 0;
    });
    rows.forEach((line, i) => line.forEach((cell, j) => this.sheet.set(this.rect.row + i, this.rect.column + j, cell)));
    return this;
  }
}

function withStyle(cell: Cell | undefined, key: string, value: StyleValue): Record<string, StyleValue> | undefined {
  const style: Record<string, StyleValue> = { ...(cell?.style ?? {}) };
  if (value === null || value === undefined) delete style[key];
  else style[key] = value;
  return Object.keys(style).length ? style : undefined;
}

function overlaps(a: GridRect, b: GridRect): boolean {
  return a.row <= b.row + b.numRows - 1 && b.row <= a.row + a.numRows - 1 && a.column <= b.column + b.numColumns - 1 && b.column <= a.column + a.numColumns - 1;
}

function sortRank(v: Stored): number {
  if (v === '') return 3;
  if (typeof v === 'number' || isDate(v)) return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

function compareForSort(a: Stored, b: Stored, ascending: boolean): number {
  const ra = sortRank(a);
  const rb = sortRank(b);
  if (ra === 3 || rb === 3) return ra - rb;
  let d: number;
  if (ra !== rb) d = ra - rb;
  else if (ra === 0) d = Number(isDate(a) ? a.getTime() : a) - Number(isDate(b) ? b.getTime() : b);
  else if (ra === 1) d = String(a).localeCompare(String(b), undefined, { sensitivity: 'base' });
  else d = Number(a) - Number(b);
  return ascending ? d : -d;
}

conforms<
  GoogleAppsScript.Spreadsheet.Range,
  FakeRange,
  | 'getRow'
  | 'getRowIndex'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getHeight'
  | 'getWidth'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getGridId'
  | 'getA1Notation'
  | 'getSheet'
  | 'getCell'
  | 'getNextDataCell'
  | 'offset'
  | 'activate'
  | 'activateAsCurrentCell'
  | 'isBlank'
  | 'getValues'
  | 'getValue'
  | 'getDisplayValues'
  | 'getDisplayValue'
  | 'getFormulas'
  | 'getFormula'
  | 'setValues'
  | 'setValue'
  | 'setFormula'
  | 'setFormulas'
  | 'clearContent'
  | 'clear'
  | 'clearFormat'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'setNote'
  | 'setNotes'
  | 'getNote'
  | 'getNotes'
  | 'clearNote'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setBackgroundRGB'
  | 'getBackground'
  | 'getBackgrounds'
  | 'setFontColor'
  | 'setFontColors'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'setFontStyle'
  | 'setFontSize'
  | 'getFontSize'
  | 'setFontFamily'
  | 'setFontLine'
  | 'setHorizontalAlignment'
  | 'setHorizontalAlignments'
  | 'setVerticalAlignment'
  | 'setWrap'
  | 'setWraps'
  | 'setWrapStrategy'
  | 'setTextRotation'
  | 'setShowHyperlink'
  | 'setBorder'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'clearDataValidations'
  | 'insertCheckboxes'
  | 'removeCheckboxes'
  | 'check'
  | 'uncheck'
  | 'isChecked'
  | 'merge'
  | 'mergeAcross'
  | 'mergeVertically'
  | 'breakApart'
  | 'isPartOfMerge'
  | 'getMergedRanges'
  | 'createTextFinder'
  | 'protect'
  | 'sort'
>(true);
