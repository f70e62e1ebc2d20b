// The webhook URL is public (every return URL and ebook e-mail shows it), so a wrong token must cost
// almost nothing: the token is compared from the script cache (no Properties read once warm, so a flood
// cannot spend the owner's daily Properties quota), and refusals are journalled once an hour with the
// count of those in between, instead of one Journal row each.
import { now } from './clock';
import { PROPERTY, readProperty } from './scriptProperties';

const TOKEN_CACHE_KEY = 'carnet:webhook-token:v1';
const REFUSALS_CACHE_KEY = 'carnet:webhook-refusals:v1';
/** CacheService keeps a value at most 6 hours. */
const MAX_TTL_SECONDS = 21600;
const HOUR_MS = 60 * 60 * 1000;
/** Generated tokens are 43 characters: anything far longer is refused without being compared. */
export const MAX_TOKEN_LENGTH = 256;

/** The expected token, '' before setup. */
export function expectedToken(): string {
  const cache = CacheService.getScriptCache();
  const cached = cache.get(TOKEN_CACHE_KEY);
  if (cached) return cached;
  const token = readProperty(PROPERTY.webhookToken) ?? '';
  if (token) cache.put(TOKEN_CACHE_KEY, token, MAX_TTL_SECONDS);
  return token;
}

/** A new token for setup(): 2 UUIDs, 244 random bits, URL-safe. */
export function newWebhookToken(): string {
  return (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, '');
}

/** Setup (or the wizard) changed the token: the next delivery reads it again. */
export function forgetToken(): void {
  CacheService.getScriptCache().remove(TOKEN_CACHE_KEY);
}

/**
 * Counts one refused delivery. Returns the number of refusals since the last journalled one when this
 * one should be journalled (the first of the hour), null when it is only counted.
 */
export function countRefusal(): number | null {
  const cache = CacheService.getScriptCache();
  const raw = cache.get(REFUSALS_CACHE_KEY);
  const burst = raw ? (JSON.parse(raw) as { since: number; silenced: number }) : null;
  const at = now().getTime();
  if (burst && at - burst.since < HOUR_MS) {
    cache.put(REFUSALS_CACHE_KEY, JSON.stringify({ since: burst.since, silenced: burst.silenced + 1 }), MAX_TTL_SECONDS);
    return null;
  }
  cache.put(REFUSALS_CACHE_KEY, JSON.stringify({ since: at, silenced: 0 }), MAX_TTL_SECONDS);
  return burst ? burst.silenced : 0;
}
