// doGet: the pages the web app shows to visitors. Nothing here reveals or changes data, except that a
// valid download token is counted when its file is given (app/downloads.ts).
import { escapeHtml } from '../domain/html';
import { requestText } from '../i18n/requestText';
import { Workbook } from '../gas/workbook';
import { downloadPage } from './downloads';

export function handleGet(e: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  let locale: 'fr' | 'en' = 'fr';
  let business = 'Carnet';
  let contact = '';
  try {
    const settings = Workbook.active().settings;
    locale = settings.locale;
    business = settings.businessName || business;
    contact = settings.businessEmail;
  } catch {
    // Before setup: French, no name.
  }
  // An ebook's personal link: the file for a valid token, one polite refusal for anything else.
  if (e?.parameter?.d !== undefined) return downloadPage(String(e.parameter.d), { business, locale, contact });
  const text = requestText(locale);
  const page = String(e?.parameter?.page ?? '');
  if (page === 'merci') return politePage(business, text.pageThanksTitle, text.pageThanks, locale);
  if (page === 'annule') return politePage(business, text.pageCancelTitle, text.pageCancel, locale);
  return politePage(business, business, '', locale);
}

export function politePage(business: string, title: string, message: string, locale: 'fr' | 'en'): GoogleAppsScript.HTML.HtmlOutput {
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222;line-height:1.5}h1{font-size:1.4rem}.who{color:#666}</style>
</head><body><p class="who">${escapeHtml(business)}</p><h1>${escapeHtml(title)}</h1>${message ? `<p>${escapeHtml(message)}</p>` : ''}</body></html>`;
  return HtmlService.createHtmlOutput(html).setTitle(`${title} — ${business}`);
}
