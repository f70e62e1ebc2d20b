// What the admin sees in the spreadsheet besides the tabs: the Carnet menu, alerts, the sidebar and dialogs.

/** The spreadsheet's UI; throws when called from anywhere but the spreadsheet (a trigger, a web page). */
export function spreadsheetUi(): GoogleAppsScript.Base.Ui {
  return SpreadsheetApp.getUi();
}

/** A modal message with an OK button. */
export function alertOk(title: string, message: string): void {
  SpreadsheetApp.getUi().alert(title, message, SpreadsheetApp.getUi().ButtonSet.OK);
}
