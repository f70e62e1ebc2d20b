// A webhook that cannot get the script lock leaves its event in the inbox for the documents run (a
// burst of payments). It has already fetched the event and its session from Stripe: those answers are
// kept in the script cache for that run, which then applies the event without fetching it again.
// Best-effort: an answer evicted, too big for the cache or older than 10 minutes is simply fetched again.
import { utf8Length } from '../domain/values';

const PREFIX = 'carnet:verified:';
const TTL_SECONDS = 10 * 60;
/** CacheService refuses values over 100 KB. */
const MAX_BYTES = 90 * 1024;

/** Stripe answers by request path (StripeApi.answersFetched). */
export type Answers = Record<string, string>;

export function keepVerifiedAnswers(eventId: string, answers: Answers): void {
  const json = JSON.stringify(answers);
  if (utf8Length(json) > MAX_BYTES) return;
  CacheService.getScriptCache().put(PREFIX + eventId, json, TTL_SECONDS);
}

/** The answers a webhook kept for this event, once (they are removed), or null. */
export function takeVerifiedAnswers(eventId: string): Answers | null {
  const cache = CacheService.getScriptCache();
  const raw = cache.get(PREFIX + eventId);
  if (!raw) return null;
  cache.remove(PREFIX + eventId);
  return JSON.parse(raw) as Answers;
}
