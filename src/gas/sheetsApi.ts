// The Sheets API (advanced service `Sheets`, enabled in appsscript.json; the `drive` scope Carnet
// already has covers it): only for what SpreadsheetApp cannot do in one round trip, reading ranges of
// several tabs at once (values.batchGet).

/**
 * The values of each range (rows, trailing empty cells and rows left out: values.batchGet), numbers and
 * booleans as such, dates as serial numbers; null when the service is missing or the call fails (the
 * caller then reads tab by tab). Flushes first: the API does not see writes Apps Script holds back.
 */
export function readRanges(spreadsheetId: string, ranges: readonly string[]): unknown[][][] | null {
  if (ranges.length === 0) return [];
  if (typeof Sheets === 'undefined' || !Sheets?.Spreadsheets?.Values) return null;
  SpreadsheetApp.flush();
  try {
    const got = Sheets.Spreadsheets.Values.batchGet(spreadsheetId, {
      ranges: [...ranges],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
    return (got.valueRanges ?? []).map((range) => (range.values ?? []) as unknown[][]);
  } catch (error) {
    // A saved row past the grid (rows deleted by hand), a quota: the tabs are read one by one instead.
    console.warn(`Sheets.Spreadsheets.Values.batchGet: ${String((error as Error)?.message ?? error)}`);
    return null;
  }
}

/** A tab's name as A1 notation wants it. */
export function quotedTab(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
