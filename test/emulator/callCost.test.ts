// What a call costs on the platform (emulator/src/callCost.ts): round trips, Spreadsheet writes
// batched until the next read or flush (spreadsheet-app#flush; best practices, "Use batch
// operations"), handle calls that cost none. The bench and the accounting share this table.
import { classifyCall, WriteBatcher } from '../../emulator/src/callCost';
import { Runtime } from '../../emulator/src/runtime';

describe('classifyCall', () => {
  test.each([
    ['SpreadsheetApp.Range.getValues', 'roundTrip'],
    ['SpreadsheetApp.Sheet.getLastRow', 'roundTrip'],
    ['SpreadsheetApp.TextFinder.findNext', 'roundTrip'],
    ['SpreadsheetApp.TextFinder.findAll', 'roundTrip'],
    ['SpreadsheetApp.Range.setValues', 'write'],
    ['SpreadsheetApp.Sheet.appendRow', 'write'],
    ['SpreadsheetApp.Sheet.deleteRows', 'write'],
    ['SpreadsheetApp.Sheet.insertRowsAfter', 'write'],
    ['SpreadsheetApp.flush', 'write'],
    ['SpreadsheetApp.getActive', 'handle'],
    ['SpreadsheetApp.Spreadsheet.getSheetByName', 'handle'],
    ['SpreadsheetApp.Sheet.getRange', 'handle'],
    ['SpreadsheetApp.Sheet.getDataRange', 'handle'],
    ['SpreadsheetApp.Range.createTextFinder', 'handle'],
    ['SpreadsheetApp.TextFinder.matchEntireCell', 'handle'],
    ['SpreadsheetApp.Range.getRow', 'handle'],
    ['PropertiesService.getScriptProperties', 'handle'],
    ['PropertiesService.Properties.getProperty', 'roundTrip'],
    ['PropertiesService.Properties.setProperty', 'roundTrip'],
    ['CacheService.getScriptCache', 'handle'],
    ['CacheService.Cache.get', 'roundTrip'],
    ['LockService.getScriptLock', 'handle'],
    ['LockService.Lock.tryLock', 'roundTrip'],
    ['UrlFetchApp.fetch', 'roundTrip'],
    ['HTTPResponse.getContentText', 'handle'],
    ['MailApp.sendEmail', 'roundTrip'],
    ['DriveApp.File.getAs', 'roundTrip'],
    ['DriveApp.File.getId', 'handle'],
    ['DocumentApp.Body.replaceText', 'roundTrip'],
    ['DocumentApp.Paragraph.getParent', 'handle'],
    ['DocumentApp.Body.findText', 'handle'],
    ['DocumentApp.Document.saveAndClose', 'roundTrip'],
    ['DocumentApp.TableCell.asTABLE_CELL', 'handle'],
    ['Calendar.Events.list', 'roundTrip'],
    ['ScriptApp.newTrigger', 'handle'],
    ['ScriptApp.ClockTriggerBuilder.after', 'handle'],
    ['ScriptApp.ClockTriggerBuilder.create', 'roundTrip'],
    ['ScriptApp.getProjectTriggers', 'roundTrip'],
    ['Utilities.formatDate', 'handle'],
    ['Session.getScriptTimeZone', 'handle'],
  ])('%s is a %s', (key, kind) => expect(classifyCall(key)).toBe(kind));
});

describe('WriteBatcher: consecutive Spreadsheet writes travel as one round trip', () => {
  const charge = (keys: string[], execution = 1, batcher = new WriteBatcher()) => keys.map((k) => batcher.charge(`SpreadsheetApp.${k}`, execution));

  test('three writes in a row: one round trip, two batched', () => {
    expect(charge(['Sheet.appendRow', 'Range.setValues', 'Sheet.appendRow'])).toEqual(['roundTrip', 'batched', 'batched']);
  });

  test('a read between writes closes the batch: the next write opens another', () => {
    expect(charge(['Range.setValues', 'Range.getValues', 'Range.setValues', 'Range.setValues'])).toEqual(['roundTrip', 'roundTrip', 'roundTrip', 'batched']);
  });

  test('flush closes the batch and costs nothing more; a flush with nothing pending is free too', () => {
    expect(charge(['flush', 'Sheet.appendRow', 'flush', 'Sheet.appendRow'])).toEqual(['handle', 'roundTrip', 'handle', 'roundTrip']);
  });

  test('handle calls do not close a batch; calls to other services neither', () => {
    const batcher = new WriteBatcher();
    expect(charge(['Range.setValues', 'Sheet.getRange'], 1, batcher)).toEqual(['roundTrip', 'handle']);
    expect(batcher.charge('PropertiesService.Properties.setProperty', 1)).toBe('roundTrip');
    expect(charge(['Range.setValues'], 1, batcher)).toEqual(['batched']);
  });

  test('each execution has its own batch: interleaved executions never share one', () => {
    const batcher = new WriteBatcher();
    expect(charge(['Sheet.appendRow'], 1, batcher)).toEqual(['roundTrip']);
    expect(charge(['Sheet.appendRow'], 2, batcher)).toEqual(['roundTrip']);
    expect(charge(['Sheet.appendRow'], 1, batcher)).toEqual(['batched']);
    batcher.end(1);
    expect(charge(['Sheet.appendRow'], 1, batcher)).toEqual(['roundTrip']);
  });
});

describe('Accounting', () => {
  test('counts calls, round trips and handle calls per service, and traces them per execution when asked', () => {
    const rt = new Runtime();
    rt.accounting.startTrace();
    const a = rt.beginExecution({ kind: 'owner' }, 'doPost');
    for (const m of ['Spreadsheet.getSheetByName', 'Sheet.getRange', 'Range.getValues', 'Sheet.appendRow', 'Range.setValues']) rt.call('SpreadsheetApp', m);
    rt.endExecution(a);
    const b = rt.beginExecution({ kind: 'owner' }, 'carnetBackstop');
    rt.call('SpreadsheetApp', 'Sheet.appendRow');
    rt.endExecution(b);
    expect(rt.accounting.total('SpreadsheetApp')).toBe(6);
    expect(rt.accounting.roundTrips('SpreadsheetApp')).toBe(3);
    expect(rt.accounting.handleCalls('SpreadsheetApp')).toBe(3);
    expect(rt.accounting.trace?.map((c) => `${c.functionName} ${c.cost}`)).toEqual([
      'doPost handle',
      'doPost handle',
      'doPost roundTrip',
      'doPost roundTrip',
      'doPost batched',
      'carnetBackstop roundTrip',
    ]);
  });
});
