// doGet: the pages the web app shows to visitors. Nothing here reveals or changes data without a valid token.
export function handleGet(_e: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput('<!doctype html><meta charset="utf-8"><title>Carnet</title><p>Carnet</p>').setTitle('Carnet');
}
