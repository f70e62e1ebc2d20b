// A payment request's deadline, remembered for the retries of the same request: Stripe compares a retried
// request's parameters with the first one under its Idempotency-Key, deadline included.
const SECONDS = 6 * 3600;

/** The deadline (Unix seconds) first chosen for `requestId` in the last 6 hours, else `choose()`'s, remembered. */
export function requestDeadline(requestId: string, choose: () => number): number {
  const cache = CacheService.getScriptCache();
  const cacheKey = `carnet-request-expiry-${requestId}`;
  const expiresAt = Number(cache.get(cacheKey)) || choose();
  cache.put(cacheKey, String(expiresAt), SECONDS);
  return expiresAt;
}
