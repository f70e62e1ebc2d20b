// What one emulated call costs on the real platform, by kind: a round trip to a Google server, a
// Spreadsheet write that Apps Script batches with its neighbours, or a handle call answered inside
// the script's own process. One table for the emulator's accounting, the bench and the tests.
//
// Spreadsheet batching, from Google's own words: "Sometimes, spreadsheet operations are bundled
// together to improve performance, such as when doing multiple calls to a method. If you want to make
// sure that all pending changes are made right away (…) call SpreadsheetApp.flush()"
// (developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush); "Every time you do
// a read, we must first empty (commit) the write cache" (Apps Script team, "Optimizing Spreadsheet
// Operations", googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html; the
// best-practices page, developers.google.com/apps-script/guides/support/best-practices, "Use batch
// operations": alternating read and write commands is slow). So consecutive Spreadsheet writes with no
// read in between travel as one round trip, which opens with the first of them.

export type CallKind = 'roundTrip' | 'write' | 'handle';

/** Spreadsheet calls that only build or inspect an object the script already holds. */
const SPREADSHEET_HANDLES = new Set([
  'getActive',
  'getActiveSpreadsheet',
  'getSheetByName',
  'getSheets',
  'getSheetById',
  'getRange',
  'getDataRange',
  'getCell',
  'offset',
  'getSheet',
  'getParent',
  'getRow',
  'getRowIndex',
  'getColumn',
  'getNumRows',
  'getNumColumns',
  'getA1Notation',
  'getGridId',
  'getName',
  'getSheetName',
  'getSheetId',
  'getIndex',
  'getId',
  'getUrl',
  'getUi',
  'getType',
  'createTextFinder',
  'matchEntireCell',
  'matchCase',
  'matchFormulaText',
  'useRegularExpression',
  'ignoreDiacritics',
  'startFrom',
  'newDataValidation',
  'toast',
]);

/** Verbs of the Spreadsheet calls that change the sheet: batched until the next read or flush. */
const SPREADSHEET_WRITE =
  /^(set|append|insert|delete|clear|copy|move|sort|merge|breakApart|hide|show|unhide|remove|add|protect|autoResize|check|uncheck|rename|replace)/;

/** Services answered inside the script's process (no server behind the call). */
const LOCAL_SERVICES = new Set(['Utilities', 'Session', 'Logger', 'console', 'HtmlService', 'ContentService', 'Blob', 'HTTPResponse']);

/** Handle calls of the other services: getting a service object, reading what an earlier round trip brought back. */
const HANDLES = [
  /^PropertiesService\.get(Script|User|Document)Properties$/,
  /^CacheService\.get(Script|User|Document)Cache$/,
  /^LockService\.get(Script|User|Document)Lock$/,
  /^LockService\.Lock\.hasLock$/,
  /^ScriptApp\.(getService|getScriptId|newTrigger|Service\.|Trigger\.get|[A-Za-z]*TriggerBuilder\.(?!create$))/,
  /^UrlFetchApp\.getRequest$/,
  /^DriveApp\.(File|Folder)\.(getId|getName|getUrl|getMimeType)$/,
  // DocumentApp keeps the opened document in the script: walking and reading its elements costs no
  // round trip (an estimate: Google publishes no per-call figure); opening, changing and saving do.
  /^DocumentApp\.[A-Za-z]+\.(as[A-Z_]+|getType|getText|findText|getParent|getParentTable|getNextSibling|getPreviousSibling|getNumChildren|getChild|getChildIndex|getElement|getBody|getHeader|getFooter|getNumRows|getRow|getCell|getNumCells|getStartOffset|getEndOffsetInclusive|isPartial)$/,
  /^CalendarApp\.(CalendarEvent|EventGuest)\.(get|is)/,
];

/** The kind of one call, by its accounting key `${service}.${method}` (e.g. 'SpreadsheetApp.Range.getValues'). */
export function classifyCall(key: string): CallKind {
  const dot = key.indexOf('.');
  const service = dot < 0 ? key : key.slice(0, dot);
  if (LOCAL_SERVICES.has(service)) return 'handle';
  if (service === 'SpreadsheetApp') {
    const method = key.slice(key.lastIndexOf('.') + 1);
    if (method === 'flush') return 'write';
    if (SPREADSHEET_HANDLES.has(method) || /Builder\./.test(key)) return 'handle';
    return SPREADSHEET_WRITE.test(method) ? 'write' : 'roundTrip';
  }
  return HANDLES.some((re) => re.test(key)) ? 'handle' : 'roundTrip';
}

/** What one call cost, once batching is taken into account. */
export type ChargedCost = 'roundTrip' | 'batched' | 'handle';

/**
 * Spreadsheet write batching per execution: the first write after a read opens a batch and pays
 * its round trip; the writes that follow ride along; a read or a flush closes the batch (a flush
 * with nothing pending costs nothing).
 */
export class WriteBatcher {
  private readonly open = new Set<number>();

  charge(key: string, execution: number): ChargedCost {
    const kind = classifyCall(key);
    if (kind === 'handle') return 'handle';
    if (key.endsWith('.flush')) {
      this.open.delete(execution);
      return 'handle';
    }
    if (kind === 'write') {
      if (this.open.has(execution)) return 'batched';
      this.open.add(execution);
      return 'roundTrip';
    }
    if (key.startsWith('SpreadsheetApp.')) this.open.delete(execution);
    return 'roundTrip';
  }

  /** The execution ended: Apps Script commits what it still holds (already paid when the batch opened). */
  end(execution: number): void {
    this.open.delete(execution);
  }

  reset(): void {
    this.open.clear();
  }
}
