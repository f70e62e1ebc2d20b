// The web app's pages: one look (business name, title, body) for every answer to a visitor.
import { escapeHtml } from '../domain/html';
import type { Locale } from '../i18n/locale';
import { htmlOutput } from './html';

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222;line-height:1.5}h1{font-size:1.4rem}';

/** A page with the business's name and a title; `style` and `body` (HTML, already escaped) come after them. */
export function htmlPage(business: string, title: string, locale: Locale, style: string, body: string): GoogleAppsScript.HTML.HtmlOutput {
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}${style}</style>
</head><body><p class="who">${escapeHtml(business)}</p><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return htmlOutput(html).setTitle(`${title} — ${business}`);
}

/** A short page with a title and a message (none when empty). */
export function politePage(business: string, title: string, message: string, locale: Locale): GoogleAppsScript.HTML.HtmlOutput {
  return htmlPage(business, title, locale, '.who{color:#666}', message ? `<p>${escapeHtml(message)}</p>` : '');
}
