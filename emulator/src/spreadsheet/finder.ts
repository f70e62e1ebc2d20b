// TextFinder: runs server-side, so a search costs one call and no cells read, whatever the size.
// Matches are found row by row, left to right, sheet after sheet, on the DISPLAYED text (or the
// formula text with matchFormulaText), case-insensitively and as a substring by default.
// developers.google.com/apps-script/reference/spreadsheet/text-finder
import { conforms } from '../conformance';
import type { GridRect } from './a1';
import { Cell, displayCell, writeInput } from './cells';
import type { SpreadsheetHost } from './host';
import type { BookModel, SheetModel } from './model';

export interface SearchArea {
  sheet: SheetModel;
  /** null: the whole sheet. */
  rect: GridRect | null;
}

interface Position {
  area: number;
  row: number;
  column: number;
}

interface Match extends Position {
  sheet: SheetModel;
  cell: Cell;
}

function before(a: Position, b: Position): boolean {
  return a.area !== b.area ? a.area < b.area : a.row !== b.row ? a.row < b.row : a.column < b.column;
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class FakeTextFinder {
  private matchCaseOn = false;
  private entireCell = false;
  private regex = false;
  private formulaText = false;
  private noDiacritics = false;
  private current: Position | null = null;

  constructor(
    private readonly host: SpreadsheetHost,
    private readonly book: BookModel,
    private readonly findText: string,
    private readonly areas: SearchArea[] | (() => SearchArea[]),
  ) {}

  private call(method: string): void {
    this.host.call(`TextFinder.${method}`);
  }

  private pattern(global: boolean): RegExp {
    let source = this.regex ? this.findText : escapeRegExp(this.noDiacritics ? stripDiacritics(this.findText) : this.findText);
    if (this.entireCell) source = `^(?:${source})$`;
    return new RegExp(source, `${this.matchCaseOn ? '' : 'i'}${global ? 'g' : ''}`);
  }

  private textOf(cell: Cell): string {
    if (this.formulaText && cell.f !== undefined) return cell.f;
    return displayCell(cell, this.host.env(this.book));
  }

  private comparable(text: string): string {
    return this.noDiacritics ? stripDiacritics(text) : text;
  }

  private matches(): Match[] {
    const areas = typeof this.areas === 'function' ? this.areas() : this.areas;
    const re = this.pattern(false);
    const out: Match[] = [];
    areas.forEach(({ sheet, rect }, area) => {
      const top = rect?.row ?? 1;
      const left = rect?.column ?? 1;
      const bottom = Math.min(rect ? rect.row + rect.numRows - 1 : sheet.maxRows, sheet.lastRow());
      const right = Math.min(rect ? rect.column + rect.numColumns - 1 : sheet.maxColumns, sheet.lastColumn());
      for (let row = top; row <= bottom; row++) {
        const cells = sheet.rows[row - 1];
        if (!cells) continue;
        for (let column = left; column <= right; column++) {
          const cell = cells[column - 1];
          if (!cell) continue;
          const text = this.textOf(cell);
          if (text !== '' && re.test(this.comparable(text))) out.push({ area, row, column, sheet, cell });
        }
      }
    });
    return out;
  }

  private rangeAt(m: Match): unknown {
    return this.host.rangeOf(this.book, m.sheet, { row: m.row, column: m.column, numRows: 1, numColumns: 1 });
  }

  findAll(): unknown[] {
    this.call('findAll');
    return this.matches().map((m) => this.rangeAt(m));
  }
  findNext(): unknown {
    this.call('findNext');
    const next = this.matches().find((m) => !this.current || before(this.current, m));
    if (!next) return null;
    this.current = { area: next.area, row: next.row, column: next.column };
    return this.rangeAt(next);
  }
  findPrevious(): unknown {
    this.call('findPrevious');
    if (!this.current) return null;
    const current = this.current;
    const previous = this.matches()
      .filter((m) => before(m, current))
      .pop();
    if (!previous) return null;
    this.current = { area: previous.area, row: previous.row, column: previous.column };
    return this.rangeAt(previous);
  }
  getCurrentMatch(): unknown {
    this.call('getCurrentMatch');
    const current = this.current;
    if (!current) return null;
    const m = this.matches().find((x) => x.area === current.area && x.row === current.row && x.column === current.column);
    return m ? this.rangeAt(m) : null;
  }
  ignoreDiacritics(ignoreDiacritics: boolean): FakeTextFinder {
    this.call('ignoreDiacritics');
    this.noDiacritics = !!ignoreDiacritics;
    return this;
  }
  matchCase(matchCase: boolean): FakeTextFinder {
    this.call('matchCase');
    this.matchCaseOn = !!matchCase;
    return this;
  }
  matchEntireCell(matchEntireCell: boolean): FakeTextFinder {
    this.call('matchEntireCell');
    this.entireCell = !!matchEntireCell;
    return this;
  }
  matchFormulaText(matchFormulaText: boolean): FakeTextFinder {
    this.call('matchFormulaText');
    this.formulaText = !!matchFormulaText;
    return this;
  }
  useRegularExpression(useRegEx: boolean): FakeTextFinder {
    this.call('useRegularExpression');
    this.regex = !!useRegEx;
    return this;
  }
  /** The search goes on right after the top-left cell of `startRange`. */
  startFrom(startRange: unknown): FakeTextFinder {
    this.call('startFrom');
    const { sheet, rect } = startRange as { sheet: SheetModel; rect: GridRect };
    const areas = typeof this.areas === 'function' ? this.areas() : this.areas;
    const area = Math.max(
      0,
      areas.findIndex((a) => a.sheet === sheet),
    );
    this.current = { area, row: rect.row, column: rect.column };
    return this;
  }
  /** Replaces in every matching cell; returns the number of cells changed. */
  replaceAllWith(replaceText: string): number {
    this.call('replaceAllWith');
    return this.replaceIn(this.matches(), String(replaceText)).cells;
  }
  /** Replaces in the current match; returns the number of occurrences replaced. */
  replaceWith(replaceText: string): number {
    this.call('replaceWith');
    const current = this.current;
    if (!current) return 0;
    const m = this.matches().filter((x) => x.area === current.area && x.row === current.row && x.column === current.column);
    return this.replaceIn(m, String(replaceText)).occurrences;
  }

  private replaceIn(matches: Match[], replacement: string): { cells: number; occurrences: number } {
    const env = this.host.env(this.book);
    const re = this.pattern(true);
    let cells = 0;
    let occurrences = 0;
    for (const m of matches) {
      // Formula results are never rewritten; formula text only with matchFormulaText.
      if (m.cell.f !== undefined && !this.formulaText) continue;
      const text = this.comparable(this.textOf(m.cell));
      let n = 0;
      const replaced = text.replace(re, (...args) => {
        n += 1;
        return this.regex ? expandGroups(replacement, args) : replacement;
      });
      if (n === 0 || replaced === text) continue;
      m.sheet.set(m.row, m.column, writeInput(replaced, m.cell, env));
      cells += 1;
      occurrences += n;
    }
    this.host.rt.accounting.cellsWritten += cells;
    return { cells, occurrences };
  }
}

/** $1…$9 in a regular-expression replacement. */
function expandGroups(replacement: string, args: unknown[]): string {
  const groups = args.slice(1, -2);
  return replacement.replace(/\$(\d)/g, (_, d: string) => String(groups[Number(d) - 1] ?? ''));
}

conforms<
  GoogleAppsScript.Spreadsheet.TextFinder,
  FakeTextFinder,
  | 'findAll'
  | 'findNext'
  | 'findPrevious'
  | 'getCurrentMatch'
  | 'ignoreDiacritics'
  | 'matchCase'
  | 'matchEntireCell'
  | 'matchFormulaText'
  | 'useRegularExpression'
  | 'startFrom'
  | 'replaceAllWith'
  | 'replaceWith'
>(true);
