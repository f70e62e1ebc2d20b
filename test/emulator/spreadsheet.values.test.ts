// Values stored in cells and read back: types, parsing of what the script writes, display, limits.
// Reference pages: developers.google.com/apps-script/reference/spreadsheet/range (getValues, setValues,
// setValue, getDisplayValues, getFormulas, setNumberFormat), …/data-validation-builder.
import { Runtime, isDate } from '../../emulator/src/runtime';
import { SpreadsheetService } from '../../emulator/src/spreadsheet';

function setup() {
  const rt = new Runtime();
  const service = new SpreadsheetService(rt);
  const app = service.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('Feuille 1') as GoogleAppsScript.Spreadsheet.Sheet;
  return { rt, service, app, ss, sheet };
}

describe('Range.getValues / setValues (reference: Range)', () => {
  test('values keep their type: number, boolean, Date, string; an empty cell reads as ""', () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2026, 10, 21, 9, 30));
    sheet.getRange('A1:D1').setValues([[12.5, true, when, 'cours']]);
    const [row] = sheet.getRange('A1:E1').getValues();
    expect(row[0]).toBe(12.5);
    expect(row[1]).toBe(true);
    expect(isDate(row[2])).toBe(true);
    expect((row[2] as Date).getTime()).toBe(when.getTime());
    expect(row[3]).toBe('cours');
    expect(row[4]).toBe('');
  });

  test('getValues returns fresh arrays: mutating them never changes the sheet', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('avant');
    const values = sheet.getRange('A1').getValues();
    values[0][0] = 'après';
    expect(sheet.getRange('A1').getValue()).toBe('avant');
  });

  test('a Date written is stored as a copy: changing the original Date later does not change the cell', () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2026, 0, 5, 8));
    sheet.getRange('A1').setValue(when);
    when.setUTCFullYear(2030);
    expect((sheet.getRange('A1').getValue() as Date).getUTCFullYear()).toBe(2026);
  });

  test('null and undefined are written as empty cells', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['x', 'y']]);
    sheet.getRange('A1:B1').setValues([[null, undefined]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', '']]);
    expect(sheet.getLastRow()).toBe(0);
  });

  test('a plain object is written as its Java string (numbers as doubles), an array as a Java list', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([[{ a: 1, b: 'x', c: 2.5 }, ['p', 'q']]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['{a=1.0, b=x, c=2.5}', '[p, q]']]);
  });

  test('a string starting with "=" becomes a formula: getFormulas shows it, getValues gives "" (not evaluated)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['=SUM(C1:C3)', '=42']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=SUM(C1:C3)', '=42']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', 42]]);
    expect(sheet.getRange('A1').getFormula()).toBe('=SUM(C1:C3)');
    expect(sheet.getLastColumn()).toBe(2);
  });

  test('numeric strings become numbers, so an id like "00123" loses its zeros', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['42', '3.5', '00123', '12,5']]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[42, 3.5, 123, 12.5]]);
  });

  test('"TRUE"/"false" (and VRAI/FAUX in the French spreadsheet) become booleans', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['TRUE', 'false', 'Vrai', 'vraiment']]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[true, false, true, 'vraiment']]);
  });

  test('under the plain-text format "@" strings are kept as typed', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setNumberFormat('@');
    sheet.getRange('A1:A2').setValues([['00123'], ['=1+1']]);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['00123'], ['=1+1']]);
    expect(sheet.getRange('A2').getFormula()).toBe('');
  });

  test('a leading apostrophe stores the rest as literal text (no formula, no number)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([["'00123", '\'=HYPERLINK("x")']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['00123', '=HYPERLINK("x")']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
  });

  test('an ISO date string becomes a Date at midnight in the spreadsheet time zone', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('2026-11-21');
    const v = sheet.getRange('A1').getValue() as Date;
    expect(isDate(v)).toBe(true);
    expect(v.toISOString()).toBe('2026-11-20T23:00:00.000Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('21/11/2026');
  });

  test('a time of day becomes a Date on 1899-12-30; an amount in euros a number with a currency format', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['10:30', '12,50 €']]);
    const time = sheet.getRange('A1').getValue() as Date;
    expect(isDate(time)).toBe(true);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['10:30:00', '12,50 €']]);
    expect(sheet.getRange('B1').getValue()).toBe(12.5);
  });

  test("a string over 50,000 characters is refused with Sheets' message; 50,000 exactly is fine", () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('x'.repeat(50000));
    expect(() => sheet.getRange('A2').setValue('x'.repeat(50001))).toThrow('Your input contains more than the maximum of 50000 characters in a single cell.');
    expect(sheet.getRange('A2').getValue()).toBe('');
  });

  test('setValues with too few rows fails with the real message', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B2').setValues([['a', 'b']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
  });

  test('setValues with a row of the wrong width fails with the real message and writes nothing', () => {
    const { sheet } = setup();
    expect(() =>
      sheet.getRange('A1:C2').setValues([
        ['a', 'b', 'c'],
        ['d', 'e'],
      ]),
    ).toThrow('The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.');
    expect(sheet.getLastRow()).toBe(0);
  });

  test('setValues given a one-dimensional array is a signature error', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B1').setValues(['a', 'b'] as unknown as unknown[][])).toThrow(
      "The parameters (String[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });

  test('errors are Apps Script exceptions: name "Exception"', () => {
    const { sheet } = setup();
    let caught: unknown;
    try {
      sheet.getRange(0, 1);
    } catch (e) {
      caught = e;
    }
    expect((caught as Error).name).toBe('Exception');
    expect(String(caught)).toBe('Exception: The starting row of the range is too small.');
  });

  test('setValue on a multi-cell range writes every cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue(0);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  test('clearContent keeps formats; clear removes them', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1');
    range.setNumberFormat('0.00').setValue(2);
    range.clearContent();
    expect(range.getNumberFormat()).toBe('0.00');
    expect(range.getValue()).toBe('');
    range.clear();
    expect(range.getNumberFormat()).toBe('0.###############');
  });
});

describe('Range.getDisplayValues (reference: Range; formatting follows the spreadsheet locale, fr_FR)', () => {
  test('numbers show with a decimal comma and booleans as VRAI/FAUX in the French spreadsheet', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([[12.5, 1000000, true]]);
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['12,5', '1000000', 'VRAI']]);
  });

  test('an English locale shows 12.5 as "12.5"', () => {
    const { sheet, service } = setup();
    service.setLocale('en_US');
    sheet.getRange('A1').setValue(12.5);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('12.5');
  });

  test('a Date shows as dd/MM/yyyy HH:mm:ss on the Paris clock, date only at midnight', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([[new Date(Date.UTC(2026, 10, 21, 9, 5, 7)), new Date(Date.UTC(2026, 10, 20, 23, 0, 0))]]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['21/11/2026 10:05:07', '21/11/2026']]);
    expect(sheet.getRange('A1').getNumberFormat()).toBe('dd/MM/yyyy HH:mm:ss');
  });

  test('a currency format is applied: #,##0.00 € shows 1 234,50 € (narrow no-break space)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('#,##0.00 €').setValue(1234.5);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('1\u202f234,50 €');
    expect(sheet.getRange('A1').getValue()).toBe(1234.5);
  });

  test('a date format makes a number read back as a Date; a number format makes a Date read back as a serial number', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('dd/MM/yyyy').setValue(46347);
    expect(isDate(sheet.getRange('A1').getValue())).toBe(true);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('21/11/2026');
    sheet.getRange('B1').setValue(new Date(Date.UTC(2026, 10, 20, 23)));
    sheet.getRange('B1').setNumberFormat('0');
    expect(sheet.getRange('B1').getValue()).toBe(46347);
  });
});

describe('Data validation (reference: DataValidationBuilder, Range.setDataValidation)', () => {
  test("a rule that rejects invalid input refuses a value outside the list, with Sheets' message", () => {
    const { app, sheet } = setup();
    const rule = app.newDataValidation().requireValueInList(['carte', 'virement']).setAllowInvalid(false).build();
    sheet.getRange('B2:B10').setDataValidation(rule);
    sheet.getRange('B2').setValue('carte');
    expect(() => sheet.getRange('B3').setValue('chèque')).toThrow('The data you entered in cell B3 violates the data validation rules set on this cell.');
    expect(sheet.getRange('B3').getValue()).toBe('');
  });

  test('a new rule only warns (allowInvalid defaults to true): the value is written', () => {
    const { app, sheet } = setup();
    const rule = app.newDataValidation().requireValueInList(['a', 'b']).build();
    expect(rule.getAllowInvalid()).toBe(true);
    sheet.getRange('A1').setDataValidation(rule).setValue('z');
    expect(sheet.getRange('A1').getValue()).toBe('z');
    expect(sheet.getRange('A1').getDataValidation()?.getCriteriaValues()).toEqual([['a', 'b'], true]);
  });

  test('insertCheckboxes sets the cells to false and check() ticks them', () => {
    const { sheet } = setup();
    const range = sheet.getRange('C1:C2').insertCheckboxes();
    expect(range.getValues()).toEqual([[false], [false]]);
    sheet.getRange('C1').check();
    expect(sheet.getRange('C1').isChecked()).toBe(true);
    expect(String(sheet.getRange('C1').getDataValidation()?.getCriteriaType())).toBe('CHECKBOX');
  });
});

describe('Accounting (emulator rule: every method is a call; cells read and written are counted)', () => {
  test('getValues counts one call and rows × columns cells read; setValues counts cells written', () => {
    const { rt, sheet } = setup();
    rt.accounting.reset();
    sheet.getRange(1, 1, 3, 4).setValues([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ]);
    sheet.getRange(1, 1, 3, 4).getValues();
    const snap = rt.accounting.snapshot();
    expect(snap.calls['SpreadsheetApp.Range.getValues']).toBe(1);
    expect(snap.calls['SpreadsheetApp.Sheet.getRange']).toBe(2);
    expect(snap.cellsRead).toBe(12);
    expect(snap.cellsWritten).toBe(12);
  });

  test('each call spends the service latency on the virtual clock', () => {
    const { rt, sheet } = setup();
    const before = rt.clock.now();
    sheet.getRange('A1').getValue();
    expect(rt.clock.now() - before).toBe(40);
  });
});
