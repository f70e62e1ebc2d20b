// The Sheets advanced service's values.batchGet over the SpreadsheetApp model. Reference pages:
// developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet (valueRanges in the
// order asked), developers.google.com/sheets/api/samples/reading ("Empty trailing rows and columns are
// omitted"), ValueRenderOption / DateTimeRenderOption. Error texts: "Unable to parse range: …", and
// "Range (Mass!151154:151354) exceeds grid limits. Max rows: 151000, max columns: 26"
// (airbytehq/airbyte#1740).
import { Runtime } from '../../emulator/src/runtime';
import { SpreadsheetService } from '../../emulator/src/spreadsheet';
import { READS_PER_MINUTE, sheetsAdvancedService } from '../../emulator/src/sheetsApi';

function setup() {
  const rt = new Runtime();
  const spreadsheets = new SpreadsheetService(rt);
  const Sheets = sheetsAdvancedService(rt, spreadsheets);
  spreadsheets.addSheet('Crédits', [
    ['Date', 'E-mail', 'Variation', 'Payé'],
    ['2026-11-21', 'ana@example.com', 5, true],
    ['', 'bob@example.com', -1, ''],
  ]);
  return { rt, spreadsheets, Sheets, id: spreadsheets.spreadsheetId };
}

describe('Sheets.Spreadsheets.Values.batchGet', () => {
  test('one call answers every range, in the order asked, trailing empty cells and rows left out', () => {
    const { rt, Sheets, id } = setup();
    const before = rt.accounting.total('Sheets');
    const got = Sheets.Spreadsheets.Values.batchGet(id, {
      ranges: ["'Crédits'!1:1", "'Crédits'!3:4", "'Crédits'!5:5"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(rt.accounting.total('Sheets') - before).toBe(1);
    expect(got.spreadsheetId).toBe(id);
    expect(got.valueRanges.map((v) => v.values)).toEqual([[['Date', 'E-mail', 'Variation', 'Payé']], [['', 'bob@example.com', -1]], undefined]);
    expect(got.valueRanges[0].range).toBe("'Crédits'!A1:Z1");
  });

  test('UNFORMATTED_VALUE gives numbers, booleans and dates as serial numbers; FORMATTED_VALUE what the cell shows', () => {
    const { Sheets, id } = setup();
    const raw = Sheets.Spreadsheets.Values.batchGet(id, { ranges: ["'Crédits'!A2:D2"], valueRenderOption: 'UNFORMATTED_VALUE' }).valueRanges[0].values;
    expect(raw).toEqual([[46347, 'ana@example.com', 5, true]]);
    const shown = Sheets.Spreadsheets.Values.batchGet(id, { ranges: ["'Crédits'!A2:D2"] }).valueRanges[0].values;
    expect(shown?.[0][1]).toBe('ana@example.com');
    expect(shown?.[0][2]).toBe('5');
    expect(shown?.[0][3]).toBe('VRAI'); // the spreadsheet's locale is fr_FR
  });

  test('a bare sheet name reads the whole sheet', () => {
    const { Sheets, id } = setup();
    expect(Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['Crédits'], valueRenderOption: 'UNFORMATTED_VALUE' }).valueRanges[0].values).toHaveLength(3);
  });

  test('a range of no sheet, or past the grid, fails the whole call with the API text', () => {
    const { Sheets, id } = setup();
    expect(() => Sheets.Spreadsheets.Values.batchGet(id, { ranges: ["'Crédits'!1:1", "'Inconnu'!1:1"] })).toThrow(
      "API call to sheets.spreadsheets.values.batchGet failed with error: Unable to parse range: 'Inconnu'!1:1",
    );
    expect(() => Sheets.Spreadsheets.Values.batchGet(id, { ranges: ["'Crédits'!1000:1001"] })).toThrow(
      "API call to sheets.spreadsheets.values.batchGet failed with error: Range ('Crédits'!1000:1001) exceeds grid limits. Max rows: 1000, max columns: 26",
    );
    expect(() => Sheets.Spreadsheets.Values.batchGet('1unknown', { ranges: ['Crédits'] })).toThrow('Requested entity was not found.');
  });

  test('60 read requests a minute per user; the 61st is refused with the quota text, and a minute later they go again', () => {
    const { rt, Sheets, id } = setup();
    const read = () => Sheets.Spreadsheets.Values.batchGet(id, { ranges: ["'Crédits'!1:1"] });
    for (let i = 0; i < READS_PER_MINUTE; i++) read();
    expect(read).toThrow("Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'");
    rt.clock.set(rt.clock.now() + 60000);
    expect(read().valueRanges[0].values).toEqual([['Date', 'E-mail', 'Variation', 'Payé']]);
  });
});
