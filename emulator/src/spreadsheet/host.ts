// What the fake classes need from the service: bookkeeping, the cell environment of a workbook, the
// active sheet of the current execution, and the records tests read (toasts, menus, dialogs…).
import type { Runtime } from '../runtime';
import type { GridRect } from './a1';
import type { CellEnv } from './cells';
import type { BookModel, SheetModel } from './model';

export interface MenuEntry {
  caption?: string;
  functionName?: string;
  separator?: true;
  submenu?: MenuRecord;
}

export interface MenuRecord {
  caption: string;
  addon: boolean;
  items: MenuEntry[];
}

export interface ToastRecord {
  spreadsheetId: string;
  message: string;
  title: string;
  timeoutSeconds: number | null;
  at: number;
}

export interface DialogRecord {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string | null;
  /** The HtmlOutput the script passed (describe it with the html service). */
  output: unknown;
  at: number;
}

export interface AlertRecord {
  kind: 'alert' | 'prompt';
  title: string | null;
  prompt: string;
  buttons: string;
  answer: { button: string; text?: string };
  at: number;
}

export interface UiAnswer {
  button?: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
  text?: string;
}

export interface SpreadsheetHost {
  readonly rt: Runtime;
  /** rt.call('SpreadsheetApp', method) */
  call(method: string): void;
  env(book: BookModel): CellEnv;
  newDate(ms: number): Date;
  book(id: string): BookModel | undefined;
  activeSheet(book: BookModel): SheetModel;
  activeRect(book: BookModel): GridRect | null;
  activate(book: BookModel, sheet: SheetModel, rect: GridRect | null): void;
  /** The script-facing Sheet / Range objects (new wrappers each time, as in Apps Script). */
  sheetOf(book: BookModel, sheet: SheetModel): unknown;
  spreadsheetOf(book: BookModel): unknown;
  rangeOf(book: BookModel, sheet: SheetModel, rect: GridRect): unknown;
  readonly toastLog: ToastRecord[];
  readonly menuLog: MenuRecord[];
  readonly dialogLog: DialogRecord[];
  readonly alertLog: AlertRecord[];
  nextUiAnswer(): UiAnswer | undefined;
}
