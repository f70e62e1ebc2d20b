// Sheet: one tab of the workbook. developers.google.com/apps-script/reference/spreadsheet/sheet
import { conforms } from '../conformance';
import { isDate } from '../runtime';
import type { GridRect } from './a1';
import { FakeProtection } from './builders';
import { patchCell } from './cells';
import { SheetType, enumName } from './enums';
import { gasError, signatureError } from './errors';
import { FakeTextFinder } from './finder';
import type { SpreadsheetHost } from './host';
import type { BookModel, ProtectionData, SheetModel } from './model';
import { FakeRange, checkedRect, rangeFromA1 } from './range';

const rowsOutOfBounds = () => gasError('Those rows are out of bounds.');
const columnsOutOfBounds = () => gasError('Those columns are out of bounds.');

export function duplicateNameError(name: string): Error {
  return gasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
}

export class FakeSheet {
  constructor(
    private readonly host: SpreadsheetHost,
    readonly book: BookModel,
    readonly model: SheetModel,
  ) {}

  private call(method: string): void {
    this.host.call(`Sheet.${method}`);
  }

  private range(rect: GridRect): FakeRange {
    return new FakeRange(this.host, this.book, this.model, rect);
  }

  private checkRows(start: number, count = 1): void {
    if (!(start >= 1) || !(count >= 1) || start + count - 1 > this.model.maxRows) throw rowsOutOfBounds();
  }

  private checkColumns(start: number, count = 1): void {
    if (!(start >= 1) || !(count >= 1) || start + count - 1 > this.model.maxColumns) throw columnsOutOfBounds();
  }

  private contentRect(): GridRect {
    return { row: 1, column: 1, numRows: Math.max(1, this.model.lastRow()), numColumns: Math.max(1, this.model.lastColumn()) };
  }

  // --- identity -------------------------------------------------------------------------------

  getName(): string {
    this.call('getName');
    return this.model.name;
  }
  getSheetName(): string {
    this.call('getSheetName');
    return this.model.name;
  }
  setName(name: string): FakeSheet {
    this.call('setName');
    const wanted = String(name);
    const other = this.book.byName(wanted);
    if (other && other !== this.model) throw duplicateNameError(wanted);
    this.model.name = wanted;
    return this;
  }
  getSheetId(): number {
    this.call('getSheetId');
    return this.model.id;
  }
  getIndex(): number {
    this.call('getIndex');
    return this.book.sheets.indexOf(this.model) + 1;
  }
  getParent(): unknown {
    this.call('getParent');
    return this.host.spreadsheetOf(this.book);
  }
  getType(): unknown {
    this.call('getType');
    return SheetType.GRID;
  }
  activate(): FakeSheet {
    this.call('activate');
    this.host.activate(this.book, this.model, null);
    return this;
  }

  // --- ranges -----------------------------------------------------------------------------------

  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    this.call('getRange');
    const args = [rowOrA1, column, numRows, numColumns];
    while (args.length && args[args.length - 1] === undefined) args.pop();
    if (args.length === 1 && typeof rowOrA1 === 'string') return rangeFromA1(this.host, this.book, rowOrA1, this.model);
    if (args.length < 2 || args.some((a) => typeof a !== 'number')) throw signatureError(args, 'SpreadsheetApp.Sheet.getRange');
    return this.range(checkedRect(this.model, rowOrA1 as number, column as number, numRows ?? 1, numColumns ?? 1));
  }
  getDataRange(): FakeRange {
    this.call('getDataRange');
    return this.range(this.contentRect());
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    this.call('getSheetValues');
    const range = this.range(checkedRect(this.model, startRow, startColumn, numRows, numColumns));
    this.host.rt.accounting.cellsRead += numRows * numColumns;
    return range.rawValues().reduce<unknown[][]>((rows, v, i) => {
      if (i % numColumns === 0) rows.push([]);
      rows[rows.length - 1].push(isDate(v) ? this.host.newDate(v.getTime()) : v);
      return rows;
    }, []);
  }
  getLastRow(): number {
    this.call('getLastRow');
    return this.model.lastRow();
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return this.model.lastColumn();
  }
  getMaxRows(): number {
    this.call('getMaxRows');
    return this.model.maxRows;
  }
  getMaxColumns(): number {
    this.call('getMaxColumns');
    return this.model.maxColumns;
  }
  getActiveRange(): FakeRange | null {
    this.call('getActiveRange');
    const rect = this.host.activeSheet(this.book) === this.model ? this.host.activeRect(this.book) : null;
    return this.range(rect ?? { row: 1, column: 1, numRows: 1, numColumns: 1 });
  }
  getActiveCell(): FakeRange {
    this.call('getActiveCell');
    const rect = this.host.activeSheet(this.book) === this.model ? this.host.activeRect(this.book) : null;
    return this.range({ row: rect?.row ?? 1, column: rect?.column ?? 1, numRows: 1, numColumns: 1 });
  }
  getCurrentCell(): FakeRange | null {
    this.call('getCurrentCell');
    const rect = this.host.activeSheet(this.book) === this.model ? this.host.activeRect(this.book) : null;
    return this.range({ row: rect?.row ?? 1, column: rect?.column ?? 1, numRows: 1, numColumns: 1 });
  }
  setActiveRange(range: unknown): unknown {
    this.call('setActiveRange');
    this.host.activate(this.book, this.model, (range as FakeRange).rect);
    return range;
  }
  setActiveSelection(range: unknown): unknown {
    this.call('setActiveSelection');
    const r = typeof range === 'string' ? rangeFromA1(this.host, this.book, range, this.model) : (range as FakeRange);
    this.host.activate(this.book, this.model, r.rect);
    return r;
  }
  setCurrentCell(cell: unknown): unknown {
    this.call('setCurrentCell');
    this.host.activate(this.book, this.model, (cell as FakeRange).rect);
    return cell;
  }
  createTextFinder(findText: string): FakeTextFinder {
    this.call('createTextFinder');
    return new FakeTextFinder(this.host, this.book, findText, [{ sheet: this.model, rect: null }]);
  }

  // --- rows and columns ---------------------------------------------------------------------

  /** Writes after the last row with content, adding rows (and columns) when the grid is full. */
  appendRow(rowContents: unknown[]): FakeSheet {
    this.call('appendRow');
    return this.appendValues(rowContents);
  }

  /** Internal: appendRow without counting a call (Spreadsheet.appendRow delegates here). */
  appendValues(rowContents: unknown[]): FakeSheet {
    if (!Array.isArray(rowContents)) throw signatureError([rowContents], 'SpreadsheetApp.Sheet.appendRow');
    const row = this.model.lastRow() + 1;
    if (row > this.model.maxRows) this.model.insertRows(this.model.maxRows + 1, row - this.model.maxRows, this.model.maxRows);
    if (rowContents.length > this.model.maxColumns) this.model.insertColumns(this.model.maxColumns + 1, rowContents.length - this.model.maxColumns);
    if (rowContents.length) this.range({ row, column: 1, numRows: 1, numColumns: rowContents.length }).storeValues([rowContents]);
    return this;
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.call('insertRows');
    this.checkRows(rowIndex);
    this.model.insertRows(rowIndex, numRows, rowIndex > 1 ? rowIndex - 1 : null);
  }
  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    this.call('insertRowsBefore');
    this.checkRows(beforePosition);
    this.model.insertRows(beforePosition, howMany, beforePosition > 1 ? beforePosition - 1 : null);
    return this;
  }
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.call('insertRowsAfter');
    this.checkRows(afterPosition);
    this.model.insertRows(afterPosition + 1, howMany, afterPosition);
    return this;
  }
  insertRowBefore(beforePosition: number): FakeSheet {
    this.call('insertRowBefore');
    this.checkRows(beforePosition);
    this.model.insertRows(beforePosition, 1, beforePosition > 1 ? beforePosition - 1 : null);
    return this;
  }
  insertRowAfter(afterPosition: number): FakeSheet {
    this.call('insertRowAfter');
    this.checkRows(afterPosition);
    this.model.insertRows(afterPosition + 1, 1, afterPosition);
    return this;
  }
  private removeRows(start: number, count: number): void {
    this.checkRows(start, count);
    if (this.model.maxRows - count <= this.model.frozenRows) throw gasError('Sorry, it is not possible to delete all non-frozen rows.');
    this.host.rt.accounting.cellsWritten += count * Math.max(1, this.model.lastColumn());
    this.model.deleteRows(start, count);
  }
  deleteRow(rowPosition: number): FakeSheet {
    this.call('deleteRow');
    this.removeRows(rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.call('deleteRows');
    this.removeRows(rowPosition, howMany);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.call('insertColumns');
    this.checkColumns(columnIndex);
    this.model.insertColumns(columnIndex, numColumns);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    this.call('insertColumnsBefore');
    this.checkColumns(beforePosition);
    this.model.insertColumns(beforePosition, howMany);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.call('insertColumnsAfter');
    this.checkColumns(afterPosition);
    this.model.insertColumns(afterPosition + 1, howMany);
    return this;
  }
  insertColumnBefore(beforePosition: number): FakeSheet {
    this.call('insertColumnBefore');
    this.checkColumns(beforePosition);
    this.model.insertColumns(beforePosition, 1);
    return this;
  }
  insertColumnAfter(afterPosition: number): FakeSheet {
    this.call('insertColumnAfter');
    this.checkColumns(afterPosition);
    this.model.insertColumns(afterPosition + 1, 1);
    return this;
  }
  private removeColumns(start: number, count: number): void {
    this.checkColumns(start, count);
    if (this.model.maxColumns - count <= this.model.frozenColumns) throw gasError('Sorry, it is not possible to delete all non-frozen columns.');
    this.host.rt.accounting.cellsWritten += count * Math.max(1, this.model.lastRow());
    this.model.deleteColumns(start, count);
  }
  deleteColumn(columnPosition: number): FakeSheet {
    this.call('deleteColumn');
    this.removeColumns(columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.call('deleteColumns');
    this.removeColumns(columnPosition, howMany);
  }

  // --- clearing -----------------------------------------------------------------------------

  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): FakeSheet {
    this.call('clear');
    const contents = !options?.formatOnly || !!options?.contentsOnly;
    const formats = !options?.contentsOnly || !!options?.formatOnly;
    if (contents) this.host.rt.accounting.cellsWritten += this.model.lastRow() * this.model.lastColumn();
    this.model.forEachCell((r, c, cell) =>
      this.model.set(r, c, patchCell(cell, { ...(contents ? { v: '', f: undefined } : {}), ...(formats ? { fmt: undefined, style: undefined } : {}) })),
    );
    return this;
  }
  clearContents(): FakeSheet {
    this.call('clearContents');
    this.host.rt.accounting.cellsWritten += this.model.lastRow() * this.model.lastColumn();
    this.model.forEachCell((r, c, cell) => this.model.set(r, c, patchCell(cell, { v: '', f: undefined })));
    return this;
  }
  clearFormats(): FakeSheet {
    this.call('clearFormats');
    this.model.forEachCell((r, c, cell) => this.model.set(r, c, patchCell(cell, { fmt: undefined, style: undefined })));
    return this;
  }
  clearNotes(): FakeSheet {
    this.call('clearNotes');
    this.model.forEachCell((r, c, cell) => this.model.set(r, c, patchCell(cell, { note: undefined })));
    return this;
  }

  // --- layout -------------------------------------------------------------------------------

  setFrozenRows(rows: number): void {
    this.call('setFrozenRows');
    if (!(rows >= 0) || rows > this.model.maxRows) throw rowsOutOfBounds();
    this.model.frozenRows = rows;
  }
  getFrozenRows(): number {
    this.call('getFrozenRows');
    return this.model.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this.call('setFrozenColumns');
    if (!(columns >= 0) || columns > this.model.maxColumns) throw columnsOutOfBounds();
    this.model.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    this.call('getFrozenColumns');
    return this.model.frozenColumns;
  }
  autoResizeColumns(startColumn: number, numColumns: number): FakeSheet {
    this.call('autoResizeColumns');
    this.checkColumns(startColumn, numColumns);
    return this;
  }
  autoResizeColumn(columnPosition: number): FakeSheet {
    this.call('autoResizeColumn');
    this.checkColumns(columnPosition);
    return this;
  }
  autoResizeRows(startRow: number, numRows: number): FakeSheet {
    this.call('autoResizeRows');
    this.checkRows(startRow, numRows);
    return this;
  }
  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    this.call('setColumnWidth');
    this.checkColumns(columnPosition);
    this.model.columnWidths.set(columnPosition, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    this.call('setColumnWidths');
    this.checkColumns(startColumn, numColumns);
    for (let c = startColumn; c < startColumn + numColumns; c++) this.model.columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    this.call('getColumnWidth');
    this.checkColumns(columnPosition);
    return this.model.columnWidths.get(columnPosition) ?? 100;
  }
  setRowHeight(rowPosition: number, height: number): FakeSheet {
    this.call('setRowHeight');
    this.checkRows(rowPosition);
    this.model.rowHeights.set(rowPosition, height);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): FakeSheet {
    this.call('setRowHeights');
    this.checkRows(startRow, numRows);
    for (let r = startRow; r < startRow + numRows; r++) this.model.rowHeights.set(r, height);
    return this;
  }
  getRowHeight(rowPosition: number): number {
    this.call('getRowHeight');
    this.checkRows(rowPosition);
    return this.model.rowHeights.get(rowPosition) ?? 21;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.call('hideColumns');
    this.checkColumns(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.model.hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.call('showColumns');
    this.checkColumns(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.model.hiddenColumns.delete(c);
  }
  hideColumn(column: unknown): void {
    this.call('hideColumn');
    const { rect } = column as FakeRange;
    for (let c = rect.column; c < rect.column + rect.numColumns; c++) this.model.hiddenColumns.add(c);
  }
  unhideColumn(column: unknown): void {
    this.call('unhideColumn');
    const { rect } = column as FakeRange;
    for (let c = rect.column; c < rect.column + rect.numColumns; c++) this.model.hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    this.call('isColumnHiddenByUser');
    return this.model.hiddenColumns.has(columnPosition);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this.call('hideRows');
    this.checkRows(rowIndex, numRows);
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.model.hiddenRows.add(r);
  }
  showRows(rowIndex: number, numRows = 1): void {
    this.call('showRows');
    this.checkRows(rowIndex, numRows);
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.model.hiddenRows.delete(r);
  }
  hideRow(row: unknown): void {
    this.call('hideRow');
    const { rect } = row as FakeRange;
    for (let r = rect.row; r < rect.row + rect.numRows; r++) this.model.hiddenRows.add(r);
  }
  unhideRow(row: unknown): void {
    this.call('unhideRow');
    const { rect } = row as FakeRange;
    for (let r = rect.row; r < rect.row + rect.numRows; r++) this.model.hiddenRows.delete(r);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    this.call('isRowHiddenByUser');
    return this.model.hiddenRows.has(rowPosition);
  }
  hideSheet(): FakeSheet {
    this.call('hideSheet');
    const visible = this.book.sheets.filter((s) => !s.hidden);
    if (!this.model.hidden && visible.length <= 1) throw gasError("You can't hide all the sheets in a document.");
    this.model.hidden = true;
    return this;
  }
  showSheet(): FakeSheet {
    this.call('showSheet');
    this.model.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.call('isSheetHidden');
    return this.model.hidden;
  }
  setTabColor(color: string | null): FakeSheet {
    this.call('setTabColor');
    this.model.tabColor = color === null || color === undefined ? null : String(color);
    return this;
  }
  getTabColor(): string | null {
    this.call('getTabColor');
    return this.model.tabColor;
  }
  /** Sorts the rows under the frozen ones by one column. */
  sort(columnPosition: number, ascending = true): FakeSheet {
    this.call('sort');
    const top = this.model.frozenRows + 1;
    const last = this.model.lastRow();
    if (last >= top) {
      const rect = { row: top, column: 1, numRows: last - top + 1, numColumns: Math.max(this.model.lastColumn(), columnPosition) };
      this.range(rect).sortWithoutCall([{ column: columnPosition, ascending }]);
    }
    return this;
  }

  // --- protection ---------------------------------------------------------------------------

  /** "If the sheet is already protected, this method returns an object representing the existing protection settings." */
  protect(): FakeProtection {
    this.call('protect');
    let data = this.model.protections.find((p) => p.kind === 'SHEET');
    if (!data) {
      data = { kind: 'SHEET', rect: null, description: '', warningOnly: false, editors: [this.host.rt.ownerEmail], domainEdit: false, unprotected: [] };
      this.model.protections.push(data);
    }
    return this.protection(data);
  }
  getProtections(type: unknown): FakeProtection[] {
    this.call('getProtections');
    const kind = enumName(type);
    return this.model.protections.filter((p) => p.kind === kind).map((p) => this.protection(p));
  }
  private protection(data: ProtectionData): FakeProtection {
    return new FakeProtection(this.host, this.model, data, (rect) =>
      this.range(rect ?? { row: 1, column: 1, numRows: this.model.maxRows, numColumns: this.model.maxColumns }),
    );
  }
}

conforms<
  GoogleAppsScript.Spreadsheet.Sheet,
  FakeSheet,
  | 'getName'
  | 'getSheetName'
  | 'setName'
  | 'getSheetId'
  | 'getIndex'
  | 'getParent'
  | 'getType'
  | 'activate'
  | 'getRange'
  | 'getDataRange'
  | 'getSheetValues'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'getActiveRange'
  | 'getActiveCell'
  | 'getCurrentCell'
  | 'setActiveRange'
  | 'setActiveSelection'
  | 'setCurrentCell'
  | 'createTextFinder'
  | 'appendRow'
  | 'insertRows'
  | 'insertRowsBefore'
  | 'insertRowsAfter'
  | 'insertRowBefore'
  | 'insertRowAfter'
  | 'deleteRow'
  | 'deleteRows'
  | 'insertColumns'
  | 'insertColumnsBefore'
  | 'insertColumnsAfter'
  | 'insertColumnBefore'
  | 'insertColumnAfter'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'clearNotes'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'setFrozenColumns'
  | 'getFrozenColumns'
  | 'autoResizeColumns'
  | 'autoResizeColumn'
  | 'autoResizeRows'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'getColumnWidth'
  | 'setRowHeight'
  | 'setRowHeights'
  | 'getRowHeight'
  | 'hideColumns'
  | 'showColumns'
  | 'hideColumn'
  | 'unhideColumn'
  | 'isColumnHiddenByUser'
  | 'hideRows'
  | 'showRows'
  | 'hideRow'
  | 'unhideRow'
  | 'isRowHiddenByUser'
  | 'hideSheet'
  | 'showSheet'
  | 'isSheetHidden'
  | 'setTabColor'
  | 'getTabColor'
  | 'sort'
  | 'protect'
  | 'getProtections'
>(true);
