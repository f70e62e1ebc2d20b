// A1 notation: 'A1', 'A1:C3', 'A:A', '2:2', 'A2:C' (to the last row), with an optional sheet prefix
// ('Feuille 1'!A1:B2 or Sheet1!A1). Anything else is "Range not found", as Apps Script says.
import { gasError } from './errors';

export interface GridRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ParsedA1 {
  sheetName: string | null;
  /** Resolved against the sheet's size: open ends ('A:A', 'A2:C') reach its last row/column. */
  resolve(maxRows: number, maxColumns: number): GridRect & { wholeColumns: boolean; wholeRows: boolean };
}

export function columnLetters(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellA1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

export function rectA1(rect: GridRect, wholeColumns = false, wholeRows = false): string {
  const lastRow = rect.row + rect.numRows - 1;
  const lastColumn = rect.column + rect.numColumns - 1;
  if (wholeColumns) return `${columnLetters(rect.column)}:${columnLetters(lastColumn)}`;
  if (wholeRows) return `${rect.row}:${lastRow}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return cellA1(rect.row, rect.column);
  return `${cellA1(rect.row, rect.column)}:${cellA1(lastRow, lastColumn)}`;
}

interface Ref {
  row: number | null;
  column: number | null;
}

const REF = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parseRef(text: string): Ref | null {
  const m = REF.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const row = m[2] ? Number(m[2]) : null;
  if (row === 0) return null;
  return { row, column: m[1] ? columnNumber(m[1]) : null };
}

function splitSheet(notation: string): { sheetName: string | null; ref: string } {
  const bang = notation.lastIndexOf('!');
  if (bang < 0) return { sheetName: null, ref: notation };
  let name = notation.slice(0, bang);
  if (name.length >= 2 && name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, ref: notation.slice(bang + 1) };
}

export function parseA1(notation: string): ParsedA1 {
  const notFound = () => gasError('Range not found');
  if (typeof notation !== 'string' || notation.trim() === '') throw notFound();
  const { sheetName, ref } = splitSheet(notation.trim());
  const parts = ref.split(':');
  if (parts.length > 2) throw notFound();
  const a = parseRef(parts[0]);
  const b = parts.length === 2 ? parseRef(parts[1]) : a;
  if (!a || !b) throw notFound();
  // A lone column ('A') or row ('2') is not a range in Apps Script.
  if (parts.length === 1 && (a.row === null || a.column === null)) throw notFound();
  // 'A:2' or '2:A' mixes a whole column with a whole row.
  if ((a.column === null && b.row === null) || (a.row === null && b.column === null)) throw notFound();
  return {
    sheetName,
    resolve(maxRows, maxColumns) {
      const wholeColumns = a.row === null && b.row === null;
      const wholeRows = a.column === null && b.column === null;
      const r1 = a.row ?? 1;
      const r2 = b.row ?? maxRows;
      const c1 = a.column ?? 1;
      const c2 = b.column ?? maxColumns;
      const top = Math.min(r1, r2);
      const left = Math.min(c1, c2);
      return {
        row: top,
        column: left,
        numRows: Math.max(r1, r2) - top + 1,
        numColumns: Math.max(c1, c2) - left + 1,
        wholeColumns,
        wholeRows,
      };
    },
  };
}
