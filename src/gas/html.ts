// HTML answers (HtmlService): the web app's pages and the webhook's reply, the cockpit's sidebar and dialogs.

export function htmlOutput(html: string): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput(html);
}
