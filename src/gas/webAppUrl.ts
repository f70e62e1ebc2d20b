// The web app's public address. ScriptApp.getService().getUrl() is reported to give the /dev test URL
// (owner and editors only: Stripe and clients would get a 401) when called from the editor, a menu or
// some triggers, and the deployed /exec URL only while the web app itself runs. So Carnet keeps the
// /exec URL in a Script Property: learnt the first time doGet or doPost runs, or pasted by the admin
// in the setup wizard; payment-request return pages, ebook links and the webhook URL use only that.
import { ProblemError } from '../domain/problem';
import { webAppUrlProblem, type WebAppUrlProblem } from '../domain/webAppUrl';
import { PROPERTY, readProperty, writeProperty } from './scriptProperties';

const KNOWN_CACHE_KEY = 'carnet:web-app-url:v1';
const KNOWN_SECONDS = 21600;

/** The deployed /exec URL, or '' while Carnet does not know it. */
export function webAppUrl(): string {
  return readProperty(PROPERTY.webAppUrl) ?? '';
}

/**
 * In doGet and doPost, the URL the web app runs at is its /exec URL: remembered the first time (and when
 * the deployment changes). One cache read once known.
 */
export function learnWebAppUrl(): void {
  const url = ScriptApp.getService().getUrl() ?? '';
  if (!url || webAppUrlProblem(url) !== null) return;
  const cache = CacheService.getScriptCache();
  if (cache.get(KNOWN_CACHE_KEY) === url) return;
  if (readProperty(PROPERTY.webAppUrl) !== url) writeProperty(PROPERTY.webAppUrl, url);
  cache.put(KNOWN_CACHE_KEY, url, KNOWN_SECONDS);
}

/** The admin pasted the URL (setup wizard): a /dev or malformed one is refused with `messages`. */
export function saveWebAppUrl(url: string, messages: Record<WebAppUrlProblem, string>): string {
  const clean = url.trim();
  const problem = webAppUrlProblem(clean);
  if (problem) throw new ProblemError(messages[problem]);
  writeProperty(PROPERTY.webAppUrl, clean);
  CacheService.getScriptCache().put(KNOWN_CACHE_KEY, clean, KNOWN_SECONDS);
  return clean;
}
