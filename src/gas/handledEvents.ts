// Stripe redelivers an event until it sees a 2xx, and counts every Apps Script answer as failed (the
// 302 of the web app): most deliveries are repeats. An event whose records are written is remembered
// in the script cache for 6 hours, so that a repeat is answered after one cache read — no Stripe
// fetch, no lock, no sheet. Best-effort: an evicted entry only means the full path runs (the inbox
// still says the event is done), and the backstop never looks here.
const PREFIX = 'carnet:handled:';
/** CacheService keeps a value at most 6 hours. */
const TTL_SECONDS = 21600;

export function rememberHandled(eventId: string): void {
  CacheService.getScriptCache().put(PREFIX + eventId, '1', TTL_SECONDS);
}

export function wasHandled(eventId: string): boolean {
  return CacheService.getScriptCache().get(PREFIX + eventId) !== null;
}
