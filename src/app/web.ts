// doGet: the pages the web app shows to visitors. Nothing here reveals or changes data, except that a
// valid download token is counted when its file is given (app/delivery/downloads.ts).
import { senderName } from '../domain/settings';
import type { Locale } from '../i18n/locale';
import { requestText } from '../i18n/requestText';
import { Workbook } from '../gas/workbook';
import { politePage } from '../gas/pages';
import { downloadPage } from './delivery/downloads';
import { learnWebAppUrl } from '../gas/webAppUrl';

export function handleGet(e: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  let locale: Locale = 'fr';
  let business = 'Carnet';
  let contact = '';
  try {
    const settings = Workbook.active().settings;
    locale = settings.locale;
    business = senderName(settings);
    contact = settings.businessEmail;
  } catch {
    // Before setup: French, no name.
  }
  try {
    learnWebAppUrl();
  } catch (error) {
    // A page is never refused for this: the next visit or webhook learns the address.
    console.error(`doGet: web app URL not remembered (${String(error)})`);
  }
  // An ebook's personal link: the file for a valid token, one polite refusal for anything else.
  if (e?.parameter?.d !== undefined) return downloadPage(String(e.parameter.d), { business, locale, contact });
  const text = requestText(locale);
  const page = String(e?.parameter?.page ?? '');
  if (page === 'merci') return politePage(business, text.pageThanksTitle, text.pageThanks, locale);
  if (page === 'annule') return politePage(business, text.pageCancelTitle, text.pageCancel, locale);
  return politePage(business, business, '', locale);
}
