// Spreadsheet and Sheet: the bound workbook, tabs, ranges by A1 and by coordinates, rows, protection,
// active sheet, persistence, size. Reference pages: developers.google.com/apps-script/reference/spreadsheet/
// spreadsheet-app, …/spreadsheet, …/sheet, …/range, …/protection.
import { Runtime, decodeValue } from '../../emulator/src/runtime';
import { SpreadsheetService } from '../../emulator/src/spreadsheet';

function setup() {
  const rt = new Runtime();
  const service = new SpreadsheetService(rt);
  const app = service.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0];
  return { rt, service, app, ss, sheet };
}

describe('the bound spreadsheet (reference: SpreadsheetApp.getActiveSpreadsheet, Spreadsheet)', () => {
  test('is "Carnet" with one 1000 × 26 sheet "Feuille 1", French locale, Paris time', () => {
    const { ss, sheet } = setup();
    expect(ss.getName()).toBe('Carnet');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Feuille 1']);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Paris');
    expect(ss.getSpreadsheetLocale()).toBe('fr_FR');
    expect(sheet.getSheetId()).toBe(0);
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
  });

  test('getActive and openById give the same spreadsheet; an unknown id throws', () => {
    const { app, ss } = setup();
    expect(app.getActive().getId()).toBe(ss.getId());
    expect(app.openById(ss.getId()).getName()).toBe('Carnet');
    expect(app.openByUrl(ss.getUrl()).getId()).toBe(ss.getId());
    expect(() => app.openById('nope')).toThrow('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
  });

  test('getSheetByName returns null when absent and ignores case', () => {
    const { ss } = setup();
    expect(ss.getSheetByName('Clients')).toBeNull();
    expect(ss.getSheetByName('feuille 1')?.getName()).toBe('Feuille 1');
  });

  test('insertSheet(name) adds a sheet after the active one and makes it active', () => {
    const { ss } = setup();
    ss.insertSheet('Clients');
    ss.insertSheet('Paiements');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Feuille 1', 'Clients', 'Paiements']);
    expect(ss.getActiveSheet().getName()).toBe('Paiements');
    ss.insertSheet('Réglages', 0);
    expect(ss.getSheets()[0].getName()).toBe('Réglages');
    expect(ss.getSheetByName('Clients')?.getIndex()).toBe(3);
  });

  test('insertSheet() without a name uses the French default "Feuille N"', () => {
    const { ss } = setup();
    expect(ss.insertSheet().getName()).toBe('Feuille 2');
  });

  test('insertSheet with an existing name throws the real message', () => {
    const { ss } = setup();
    ss.insertSheet('Clients');
    expect(() => ss.insertSheet('Clients')).toThrow('A sheet with the name "Clients" already exists. Please enter another name.');
    expect(() => ss.getSheetByName('Feuille 1')?.setName('clients')).toThrow('A sheet with the name "clients" already exists. Please enter another name.');
  });

  test('deleteSheet removes a sheet; the last one cannot be deleted', () => {
    const { ss } = setup();
    const clients = ss.insertSheet('Clients');
    ss.deleteSheet(clients);
    expect(ss.getSheetByName('Clients')).toBeNull();
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow();
  });

  test('toast is recorded with its title and timeout', () => {
    const { ss, service } = setup();
    ss.toast('Paiement enregistré', 'Carnet', 5);
    expect(service.toasts()).toEqual([expect.objectContaining({ message: 'Paiement enregistré', title: 'Carnet', timeoutSeconds: 5 })]);
  });

  test('Spreadsheet.getRange reads "Sheet name!A1" notation, quoted names included', () => {
    const { ss } = setup();
    const clients = ss.insertSheet('Mes clients');
    clients.getRange('B2').setValue('x');
    expect(ss.getRange("'Mes clients'!B2").getValue()).toBe('x');
    expect(ss.getRange("'Mes clients'!B2").getSheet().getName()).toBe('Mes clients');
    expect(() => ss.getRange('Inconnu!A1')).toThrow('Range not found');
  });
});

describe('Sheet.getRange (reference: Sheet.getRange)', () => {
  test('A1 notation forms: cell, block, whole column, whole row, open-ended column', () => {
    const { sheet } = setup();
    const a = sheet.getRange('B3');
    expect([a.getRow(), a.getColumn(), a.getNumRows(), a.getNumColumns()]).toEqual([3, 2, 1, 1]);
    const block = sheet.getRange('A1:C3');
    expect([block.getLastRow(), block.getLastColumn(), block.getA1Notation()]).toEqual([3, 3, 'A1:C3']);
    const column = sheet.getRange('A:A');
    expect([column.getNumRows(), column.getA1Notation()]).toEqual([1000, 'A:A']);
    const row = sheet.getRange('2:2');
    expect([row.getRow(), row.getNumColumns(), row.getA1Notation()]).toEqual([2, 26, '2:2']);
    expect(sheet.getRange('B2:C').getNumRows()).toBe(999);
  });

  test('a lone column or nonsense is "Range not found"; a cell past the grid too', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A')).toThrow('Range not found');
    expect(() => sheet.getRange('hello world')).toThrow('Range not found');
    expect(() => sheet.getRange('A1001')).toThrow('Range not found');
  });

  test('row/column numbers are checked like Apps Script does', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => sheet.getRange(1000, 1, 2)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 27)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
  });

  test('arguments of the wrong type are a signature error', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(null as unknown as number, 1)).toThrow(
      "The parameters (null,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  test('offset and getCell move inside the grid', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:C3');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(r.getCell(2, 2).getA1Notation()).toBe('C3');
    expect(() => r.getCell(3, 1)).toThrow('Cell reference out of range');
  });
});

describe('last row and column, data range (reference: Sheet.getLastRow, getDataRange)', () => {
  test('0 on an empty sheet, and getDataRange is A1', () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
  });

  test('the last row/column holding content; formats alone do not count; clearing moves them back', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.getRange('B5').setValue(1);
    sheet.getRange('A20:Z20').setBackground('#ff0000');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C5');
    sheet.getRange('B5').clearContent();
    sheet.getRange('C1').setValue('');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([1, 2]);
  });
});

describe('cells that look empty but are content (issue 15, point 12)', () => {
  // Sheets counts an unchecked checkbox (FALSE) and the "" an array formula fills as content: an admin's
  // checkbox or ARRAYFORMULA column makes getLastRow()/appendRow() reach the bottom of the grid
  // (reference: Sheet.getLastRow "the position of the last row that has content"; Range.insertCheckboxes
  // "Sets the value of all cells in the range to false"; glideapps.com/docs/arrayformula: the full column
  // is computed even for rows without data, and counts as rows).
  test('an unchecked checkbox column down the grid: getLastRow, getDataRange and appendRow go to its bottom', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValues([
      ['Clé', 'Vu'],
      ['k1', ''],
    ]);
    sheet.getRange('B2:B1000').insertCheckboxes();
    expect(sheet.getLastRow()).toBe(1000);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B1000');
    sheet.appendRow(['k2']);
    expect(sheet.getRange('A1001').getValue()).toBe('k2');
  });

  test('the "" results of an array formula count too; writing over one of them makes it an ordinary cell', () => {
    const { service, sheet } = setup();
    sheet.getRange('A1:A2').setValues([['Clé'], ['k1']]);
    sheet.getRange('C2').setFormula('=ARRAYFORMULA(IF(A2:A="";"";"x"))');
    service.setArrayResult('Feuille 1', 'C2', [['x'], ...Array.from({ length: 998 }, () => [''])]);
    expect(sheet.getLastRow()).toBe(1000);
    expect(sheet.getRange('C500').getValue()).toBe('');
    sheet.getRange('C1000').setValue('');
    expect(sheet.getLastRow()).toBe(999);
  });
});

describe('getNextDataCell (reference: Range.getNextDataCell, "equivalent to typing Ctrl+[arrow key]")', () => {
  test('from an empty cell, the next cell with data; inside a block, its far edge; at the edge, the sheet edge', () => {
    const { app, sheet } = setup();
    sheet.getRange('A1:A3').setValues([['h'], ['a'], ['b']]);
    sheet.getRange('A10').setValue('c');
    const up = app.Direction.UP;
    expect(sheet.getRange('A9').getNextDataCell(up).getRow()).toBe(3);
    expect(sheet.getRange('A1000').getNextDataCell(up).getRow()).toBe(10);
    expect(sheet.getRange('A3').getNextDataCell(up).getRow()).toBe(1);
    expect(sheet.getRange('A10').getNextDataCell(up).getRow()).toBe(3);
    expect(sheet.getRange('A1').getNextDataCell(app.Direction.DOWN).getRow()).toBe(3);
    expect(sheet.getRange('A10').getNextDataCell(app.Direction.DOWN).getRow()).toBe(1000);
    expect(sheet.getRange('A1').getNextDataCell(app.Direction.NEXT).getColumn()).toBe(26);
    expect(sheet.getRange('B7').getNextDataCell(app.Direction.PREVIOUS).getA1Notation()).toBe('A7');
  });
});

describe('appendRow, insert and delete rows (reference: Sheet.appendRow, insertRows…, deleteRows)', () => {
  test('appendRow writes after the last row with content and returns the sheet', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['Nom', 'Crédits']]);
    sheet.getRange('A3').setValue('Dupont');
    const returned = sheet.appendRow(['Durand', '=B3+1', '5']);
    expect(returned.getName()).toBe('Feuille 1');
    expect(sheet.getRange('A4:C4').getValues()).toEqual([['Durand', '', 5]]);
    expect(sheet.getRange('B4').getFormula()).toBe('=B3+1');
  });

  test('appendRow grows a full grid by a row (and columns when the row is wider)', () => {
    const { ss } = setup();
    const sheet = ss.insertSheet('Petit');
    sheet.deleteRows(3, 998);
    sheet.getRange('A1:A2').setValues([['a'], ['b']]);
    sheet.appendRow(Array.from({ length: 30 }, (_, i) => i));
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getLastRow()]).toEqual([3, 30, 3]);
  });

  test('insertRowAfter/insertRowBefore/insertRows shift the data down and grow the grid', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['1'], ['2'], ['3']]);
    sheet.insertRowAfter(1);
    sheet.insertRowBefore(1);
    sheet.insertRows(3, 2);
    expect(
      sheet
        .getRange('A1:A7')
        .getValues()
        .map((r) => r[0]),
    ).toEqual(['', 1, '', '', '', 2, 3]);
    expect(sheet.getMaxRows()).toBe(1004);
  });

  test('deleteRow/deleteRows shift the data up and shrink the grid', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A5').setValues([[1], [2], [3], [4], [5]]);
    sheet.deleteRow(2);
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[1], [5], ['']]);
    expect([sheet.getLastRow(), sheet.getMaxRows()]).toEqual([2, 997]);
  });

  test('deleting outside the grid, or every non-frozen row, throws the real messages', () => {
    const { sheet } = setup();
    expect(() => sheet.deleteRows(999, 5)).toThrow('Those rows are out of bounds.');
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(() => sheet.deleteRows(2, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
  });

  test('clear and clearContents empty the sheet', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:B2')
      .setValues([
        [1, 2],
        [3, 4],
      ])
      .setFontWeight('bold');
    sheet.clearContents();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
    sheet.clear();
    expect(sheet.getRange('A1').getFontWeight()).toBe('normal');
  });
});

describe('layout, visibility, protection (reference: Sheet, Protection)', () => {
  test('format calls are accepted and recorded', () => {
    const { sheet, service } = setup();
    sheet.setColumnWidth(2, 180);
    sheet.autoResizeColumns(1, 3);
    sheet.hideColumns(4);
    sheet.getRange('A1:C1').setFontWeight('bold').setBackground('#EEE').setHorizontalAlignment('center').setWrap(true);
    sheet.getRange('A1').setNote('En-tête').merge();
    expect(sheet.getColumnWidth(2)).toBe(180);
    expect(sheet.isColumnHiddenByUser(4)).toBe(true);
    expect(sheet.getRange('B1').getBackground()).toBe('#eeeeee');
    expect(sheet.getRange('A1').getNote()).toBe('En-tête');
    expect(service.cell('Feuille 1', 'C1').style).toEqual({ fontWeight: 'bold', background: '#eeeeee', horizontalAlignment: 'center', wrap: true });
    expect(() => sheet.setColumnWidth(27, 10)).toThrow('Those columns are out of bounds.');
  });

  test('hideSheet/showSheet; the only visible sheet cannot be hidden', () => {
    const { ss, sheet } = setup();
    expect(() => sheet.hideSheet()).toThrow();
    const other = ss.insertSheet('Journal');
    other.hideSheet();
    expect(other.isSheetHidden()).toBe(true);
    other.showSheet();
    expect(other.isSheetHidden()).toBe(false);
  });

  test('protect() returns a Protection whose settings stick; a second protect() returns the same protection', () => {
    const { app, sheet } = setup();
    const p = sheet.protect().setDescription('Journal: ne pas modifier').setWarningOnly(true);
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['prof@example.com']);
    const again = sheet.protect();
    expect(again.getDescription()).toBe('Journal: ne pas modifier');
    expect(again.isWarningOnly()).toBe(true);
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(String(again.getProtectionType())).toBe('SHEET');
    sheet.getRange('A1:B2').protect();
    expect(sheet.getProtections(app.ProtectionType.RANGE)[0].getRange().getA1Notation()).toBe('A1:B2');
  });
});

describe('active sheet (reference: Spreadsheet.getActiveSheet, setActiveSheet, Range.activate)', () => {
  test('activation lasts for the execution; a new execution starts on the first sheet', () => {
    const { rt, app, ss } = setup();
    ss.insertSheet('Clients');
    const run = rt.beginExecution({ kind: 'owner' }, 'menuAction');
    ss.setActiveSheet(ss.getSheetByName('Feuille 1') as GoogleAppsScript.Spreadsheet.Sheet);
    ss.getSheetByName('Clients')?.getRange('B2').activate();
    expect(app.getActiveSheet().getName()).toBe('Clients');
    expect(app.getActiveRange().getA1Notation()).toBe('B2');
    rt.endExecution(run);
    const next = rt.beginExecution({ kind: 'anonymous' }, 'doPost');
    expect(app.getActiveSpreadsheet().getActiveSheet().getName()).toBe('Feuille 1');
    rt.endExecution(next);
  });

  test('in a UI context, the active sheet is the one the user has on screen', () => {
    const { rt, app, ss, service } = setup();
    ss.insertSheet('Clients');
    service.viewSheet('Clients');
    const run = rt.beginExecution({ kind: 'owner' }, 'onOpen');
    expect(app.getActiveSheet().getName()).toBe('Clients');
    rt.endExecution(run);
  });
});

describe('test API and persistence (emulator)', () => {
  test('values/records/formulas/sheetNames read the workbook without counting calls', () => {
    const { rt, service, sheet } = setup();
    sheet.appendRow(['Email', 'Solde']);
    sheet.appendRow(['a@example.com', 3]);
    sheet.appendRow(['b@example.com', '=B2*2']);
    rt.accounting.reset();
    expect(service.values('Feuille 1')).toEqual([
      ['Email', 'Solde'],
      ['a@example.com', 3],
      ['b@example.com', ''],
    ]);
    expect(service.records('Feuille 1')).toEqual([
      { Email: 'a@example.com', Solde: 3 },
      { Email: 'b@example.com', Solde: '' },
    ]);
    expect(service.formulas('Feuille 1')[2]).toEqual(['', '=B2*2']);
    expect(service.sheetNames()).toEqual(['Feuille 1']);
    expect(rt.accounting.total('SpreadsheetApp')).toBe(0);
  });

  test('setCell goes through the same parsing as setValue; setComputedValue gives a formula its result', () => {
    const { service, sheet } = setup();
    service.setCell('Feuille 1', 'A1', '00042');
    service.setCell('Feuille 1', 'B1', '=A1*2');
    service.setComputedValue('Feuille 1', 'B1', 84);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[42, 84]]);
    service.addSheet('Clients', [
      ['Nom', 'Email'],
      ['Dupont', 'd@example.com'],
    ]);
    expect(service.records('Clients')).toEqual([{ Nom: 'Dupont', Email: 'd@example.com' }]);
  });

  test('save() and load() restore the whole workbook: values, types, formulas, formats, rules, sheets', () => {
    const { rt, service, app, ss, sheet } = setup();
    ss.insertSheet('Clients').appendRow(['x', new Date(Date.UTC(2026, 1, 3, 10)), true]);
    sheet.getRange('A1').setNumberFormat('0.00').setValue(2);
    sheet.getRange('B1').setFormula('=A1');
    sheet.getRange('C1').setDataValidation(app.newDataValidation().requireValueInRange(sheet.getRange('A1:A3')).setAllowInvalid(false).build());
    sheet.setFrozenRows(1);
    const saved = JSON.parse(JSON.stringify(rt.saveState('spreadsheet')));
    const rt2 = new Runtime();
    const restored = new SpreadsheetService(rt2);
    rt2.loadState('spreadsheet', saved);
    expect(restored.sheetNames()).toEqual(['Feuille 1', 'Clients']);
    expect(restored.values('Clients')[0][1]).toEqual(new Date(Date.UTC(2026, 1, 3, 10)));
    expect(restored.cell('Feuille 1', 'A1')).toMatchObject({ value: 2, format: '0.00', display: '2,00' });
    expect(restored.formulas('Feuille 1')[0][1]).toBe('=A1');
    expect(restored.sheetInfo('Feuille 1').frozenRows).toBe(1);
    const app2 = restored.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    expect(() => app2.getActiveSheet().getRange('C1').setValue(7)).toThrow('violates the data validation rules');
    expect(decodeValue(saved)).toBeTruthy();
    expect(service.values('Feuille 1')[0][0]).toBe(2);
  });
});

describe('size (10,000 rows × 15 columns)', () => {
  // No timed assertion (they fail on a busy machine and prove nothing about Apps Script): correctness at size only.
  test('block reads and writes of 10,000 rows, 500 appendRow/getLastRow pairs and a text finder give the right rows', () => {
    const { sheet } = setup();
    sheet.insertRowsAfter(1000, 10000);
    const rows = Array.from({ length: 10000 }, (_, i) => Array.from({ length: 15 }, (_, j) => (j === 0 ? `cus_${i}` : i * j)));
    sheet.getRange(1, 1, 10000, 15).setValues(rows);
    const all = sheet.getRange(1, 1, 10000, 15).getValues();
    for (let i = 0; i < 500; i++) {
      sheet.appendRow(['cus_new', i]);
      sheet.getLastRow();
    }
    const one = sheet.getRange(5000, 1, 1, 15).getValues();
    expect(sheet.createTextFinder('cus_9999').matchEntireCell(true).findNext()?.getRow()).toBe(10000);
    expect(all).toHaveLength(10000);
    expect(one[0][0]).toBe('cus_4999');
    expect(sheet.getLastRow()).toBe(10500);
  });
});
