// History for the benchmarks: records matched to a tab's headers, written in one setValues through the
// emulator's SpreadsheetApp, before anything is measured.
import type { Emulator } from '../emulator/src';

export function seed(emu: Emulator, tab: string, records: ReadonlyArray<Record<string, unknown>>): void {
  const app = emu.spreadsheet.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sheet = app.getActive().getSheetByName(tab) as GoogleAppsScript.Spreadsheet.Sheet;
  const headers = emu.spreadsheet.values(tab)[0].map(String);
  const values = records.map((r) => headers.map((h) => (r[h] === undefined ? '' : r[h])));
  const missing = values.length + 1 - sheet.getMaxRows();
  if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
  sheet.getRange(2, 1, values.length, headers.length).setValues(values);
}
