// The workbook over the years: Sheets holds at most 10 million cells (every cell of every tab's grid
// counts, empty or not), and the Journal grows every day. Once a day, Carnet's tabs lose the empty
// columns of their default 26-column grid, the Journal keeps its most recent rows (older ones go to a
// yearly CSV file in Drive, written before they leave the sheet, so nothing is lost), and the admin is
// warned when the workbook passes 80 % of the limit.
import { TABS } from '../../domain/schema';
import { csvLine, csvText } from '../../domain/csv';
import { isDate, asText } from '../../domain/values';
import type { Workbook } from '../../gas/workbook';
import { journal } from '../../gas/journal';
import { openFolder } from '../../gas/drive';
import { formatInZone } from '../../gas/clock';
import { scriptTimeZone } from '../../gas/session';
import { queueAlert } from '../../gas/outbox';

/** Sheets' limit for one spreadsheet. */
export const MAX_CELLS = 10_000_000;
const WARN_RATIO = 0.8;
/** The Journal is archived once it has more rows than this, down to JOURNAL_KEEP_ROWS. */
export const JOURNAL_MAX_ROWS = 6000;
export const JOURNAL_KEEP_ROWS = 5000;
const JOURNAL_FOLDER = 'Journal';

export interface MaintenanceReport {
  trimmedColumns: number;
  archivedRows: number;
  cells: number;
}

export function maintainWorkbook(book: Workbook): MaintenanceReport {
  const trimmedColumns = trimCarnetTabs(book);
  const archivedRows = archiveJournal(book);
  const cells = warnCellUsage(book);
  return { trimmedColumns, archivedRows, cells };
}

/** Deletes the columns to the right of the last one that holds anything (headers and the admin's own columns stay). */
export function trimCarnetTabs(book: Workbook): number {
  let trimmed = 0;
  for (const name of Object.values(TABS)) {
    const sheet = book.spreadsheet.getSheetByName(name);
    if (!sheet) continue;
    const used = Math.max(sheet.getLastColumn(), 1);
    const extra = sheet.getMaxColumns() - used;
    if (extra > 0) {
      sheet.deleteColumns(used + 1, extra);
      trimmed += extra;
    }
  }
  return trimmed;
}

function archiveJournal(book: Workbook): number {
  const sheet = book.spreadsheet.getSheetByName(TABS.journal);
  if (!sheet) return 0;
  const rows = sheet.getLastRow() - 1;
  if (rows <= JOURNAL_MAX_ROWS) return 0;
  const folder = openFolder(book.settings.folderId);
  if (!folder) return 0;
  const count = rows - JOURNAL_KEEP_ROWS;
  const width = Math.max(sheet.getLastColumn(), 1);
  const block = sheet.getRange(1, 1, count + 1, width).getValues();
  const headers = block[0].map((h) => String(h).trim());
  const at = (h: string) => headers.indexOf(h);
  // Rows 2… are the oldest only while the tab is in date order; sorted by hand, the newest could leave.
  const newestLeaving = Math.max(0, ...block.slice(1).map((cells) => (isDate(cells[at('Date')]) ? (cells[at('Date')] as Date).getTime() : 0)));
  const firstKept = sheet.getRange(count + 2, at('Date') + 1).getValue();
  if (at('Date') < 0 || !isDate(firstKept) || newestLeaving > firstKept.getTime()) {
    journal(book, 'warning', book.text.journalNotInOrder);
    return 0;
  }
  const byYear = new Map<string, string[]>();
  const tz = scriptTimeZone();
  for (const cells of block.slice(1)) {
    const date = cells[at('Date')];
    const year = isDate(date) ? formatInZone(date, tz, 'yyyy') : 'sans date';
    const when = isDate(date) ? formatInZone(date, tz, 'dd/MM/yyyy HH:mm:ss') : asText(date);
    const line = csvLine([csvText(when), csvText(asText(cells[at('Niveau')])), csvText(asText(cells[at('Message')]))]);
    const lines = byYear.get(year) ?? [];
    lines.push(line);
    byYear.set(year, lines);
  }
  const archive = journalFolder(folder);
  for (const [year, lines] of byYear) appendToCsv(archive, `Journal ${year}.csv`, lines);
  sheet.deleteRows(2, count);
  journal(book, 'info', book.text.journalArchived(count, archive.getUrl()));
  return count;
}

function journalFolder(root: GoogleAppsScript.Drive.Folder): GoogleAppsScript.Drive.Folder {
  const found = root.getFoldersByName(JOURNAL_FOLDER);
  return found.hasNext() ? found.next() : root.createFolder(JOURNAL_FOLDER);
}

function appendToCsv(folder: GoogleAppsScript.Drive.Folder, name: string, lines: string[]): void {
  const found = folder.getFilesByName(name);
  const body = `${lines.join('\r\n')}\r\n`;
  if (found.hasNext()) {
    const file = found.next();
    file.setContent(file.getBlob().getDataAsString() + body);
  } else {
    folder.createFile(name, `\ufeff${csvLine(['Date', 'Niveau', 'Message'])}\r\n${body}`, 'text/csv');
  }
}

/** Every tab's grid, Carnet's and the admin's own; an alert past 80 % of the limit. */
function warnCellUsage(book: Workbook): number {
  let cells = 0;
  for (const sheet of book.spreadsheet.getSheets()) cells += sheet.getMaxRows() * sheet.getMaxColumns();
  if (cells > MAX_CELLS * WARN_RATIO) {
    const percent = Math.round((cells / MAX_CELLS) * 100);
    journal(book, 'warning', book.text.cellsNearLimit(percent));
    queueAlert(book, book.text.cellsNearLimitSubject, book.text.cellsNearLimit(percent));
  }
  return cells;
}
