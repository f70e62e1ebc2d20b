// A webhook that cannot get the script lock leaves its event in the inbox for the documents run (a
// burst of payments). It has already fetched the event and its session from Stripe: those answers are
// kept in the script cache for that run, which then applies the event without fetching it again.
// Best-effort: an answer evicted, too big for the cache, older than 10 minutes or of the other Stripe
// mode (the key was changed meanwhile) is simply fetched again; a cache failure never stops the caller.
import { utf8Length } from '../domain/values';

const PREFIX = 'carnet:verified:';
const TTL_SECONDS = 10 * 60;
/** CacheService refuses values over 100 KB. */
const MAX_BYTES = 90 * 1024;

/** Stripe answers by request (StripeApi's requestTarget). */
export type Answers = Record<string, string>;

const cacheKey = (eventId: string, live: boolean) => `${PREFIX}${live ? 'live' : 'test'}:${eventId}`;

export function keepVerifiedAnswers(eventId: string, live: boolean, answers: Answers): void {
  try {
    const json = JSON.stringify(answers);
    if (utf8Length(json) <= MAX_BYTES) CacheService.getScriptCache().put(cacheKey(eventId, live), json, TTL_SECONDS);
  } catch (error) {
    console.warn(`Stripe answers not kept for ${eventId}: ${String((error as Error)?.message ?? error)}`);
  }
}

/** The answers a webhook kept for this event in this mode, once (they are removed), or null. */
export function takeVerifiedAnswers(eventId: string, live: boolean): Answers | null {
  try {
    const cache = CacheService.getScriptCache();
    const raw = cache.get(cacheKey(eventId, live));
    if (!raw) return null;
    cache.remove(cacheKey(eventId, live));
    return JSON.parse(raw) as Answers;
  } catch (error) {
    console.warn(`Stripe answers kept for ${eventId} not read: ${String((error as Error)?.message ?? error)}`);
    return null;
  }
}
