// TextFinder on Sheet, Range and Spreadsheet. Reference page:
// developers.google.com/apps-script/reference/spreadsheet/text-finder
import { Runtime } from '../../emulator/src/runtime';
import { SpreadsheetService } from '../../emulator/src/spreadsheet';

function setup() {
  const rt = new Runtime();
  const service = new SpreadsheetService(rt);
  const app = service.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0];
  sheet.getRange('A1:C4').setValues([
    ['Email', 'Nom', 'Solde'],
    ['anne@example.com', 'Anne Émond', 12.5],
    ['bob@example.com', 'Bob', 3],
    ['ANNE@example.org', 'anne', '=C2+1'],
  ]);
  return { rt, service, app, ss, sheet };
}

const a1s = (ranges: GoogleAppsScript.Spreadsheet.Range[]) => ranges.map((r) => r.getA1Notation());

describe('TextFinder (reference: TextFinder)', () => {
  test('by default: case-insensitive substring, row by row then left to right', () => {
    const { sheet } = setup();
    expect(a1s(sheet.createTextFinder('anne').findAll())).toEqual(['A2', 'B2', 'A4', 'B4']);
  });

  test('findNext walks the matches in order and returns null at the end', () => {
    const { sheet } = setup();
    const finder = sheet.createTextFinder('example.com');
    expect(finder.findNext()?.getA1Notation()).toBe('A2');
    expect(finder.findNext()?.getA1Notation()).toBe('A3');
    expect(finder.findNext()).toBeNull();
    expect(finder.getCurrentMatch()?.getA1Notation()).toBe('A3');
    expect(finder.findPrevious()?.getA1Notation()).toBe('A2');
  });

  test('matchCase and matchEntireCell narrow the search', () => {
    const { sheet } = setup();
    expect(a1s(sheet.createTextFinder('ANNE').matchCase(true).findAll())).toEqual(['A4']);
    expect(a1s(sheet.createTextFinder('anne').matchEntireCell(true).findAll())).toEqual(['B4']);
    expect(sheet.createTextFinder('anne@example.com').matchEntireCell(true).findNext()?.getRow()).toBe(2);
  });

  test('useRegularExpression and ignoreDiacritics', () => {
    const { sheet } = setup();
    expect(a1s(sheet.createTextFinder('^[ab]\\w+@example\\.com$').useRegularExpression(true).findAll())).toEqual(['A2', 'A3']);
    expect(a1s(sheet.createTextFinder('emond').findAll())).toEqual([]);
    expect(a1s(sheet.createTextFinder('emond').ignoreDiacritics(true).findAll())).toEqual(['B2']);
  });

  test('searches the displayed text: 12.5 is found as "12,5" in the French spreadsheet', () => {
    const { sheet } = setup();
    expect(a1s(sheet.createTextFinder('12,5').findAll())).toEqual(['C2']);
    expect(sheet.createTextFinder('12.5').findNext()).toBeNull();
  });

  test('formula text is searched only with matchFormulaText', () => {
    const { sheet } = setup();
    expect(sheet.createTextFinder('C2+1').findNext()).toBeNull();
    expect(sheet.createTextFinder('C2+1').matchFormulaText(true).findNext()?.getA1Notation()).toBe('C4');
  });

  test('a Range finder stays in its range; a Spreadsheet finder goes through every sheet in order', () => {
    const { ss, sheet } = setup();
    expect(a1s(sheet.getRange('A3:C4').createTextFinder('example').findAll())).toEqual(['A3', 'A4']);
    ss.insertSheet('Autre').getRange('D9').setValue('bob@example.com');
    const found = ss.createTextFinder('bob@').findAll();
    expect(found.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual(['Feuille 1!A3', 'Autre!D9']);
  });

  test('startFrom resumes the search after the given cell', () => {
    const { sheet } = setup();
    const finder = sheet.createTextFinder('example').startFrom(sheet.getRange('A3'));
    expect(finder.findNext()?.getA1Notation()).toBe('A4');
  });

  test('replaceAllWith replaces in every matching cell and returns the number of cells changed', () => {
    const { sheet } = setup();
    expect(sheet.createTextFinder('example').replaceAllWith('exemple')).toBe(3);
    expect(sheet.getRange('A2:A4').getValues().flat()).toEqual(['anne@exemple.com', 'bob@exemple.com', 'ANNE@exemple.org']);
    expect(sheet.getRange('C4').getFormula()).toBe('=C2+1');
  });

  test('a search costs one call and no cells read, whatever the size of the sheet', () => {
    const { rt, sheet } = setup();
    const finder = sheet.createTextFinder('bob');
    rt.accounting.reset();
    finder.findNext();
    finder.findAll();
    const snap = rt.accounting.snapshot();
    expect(snap.calls).toEqual({ 'SpreadsheetApp.TextFinder.findNext': 1, 'SpreadsheetApp.TextFinder.findAll': 1 });
    expect(snap.cellsRead).toBe(0);
  });
});
