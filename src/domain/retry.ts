// When a failed event is tried again, and when Carnet gives up on it. A failure is nearly always
// something the admin can fix (a product missing from Produits, a setting): Carnet keeps trying for
// as long as Stripe keeps the event, and only tries run by the backstop count (never redeliveries).

const FIRST_DELAY_MS = 10 * 60 * 1000;
/** Back-off stops growing at 6 hours: a cause fixed at night is seen by morning at the latest. */
export const MAX_DELAY_MS = 6 * 60 * 60 * 1000;
/** Stripe keeps events retrievable for 30 days (docs.stripe.com/api/events). */
export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Delay before the next try after `attempts` failures: 10 min, 20 min, 40 min… then every 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, Math.min(20, attempts - 1)));
}

/** Given up when the next try would come after Stripe stops keeping the event (it could not be fetched again). */
export function isAbandoned(eventCreatedMs: number, nowMs: number, nextDelayMs: number): boolean {
  return nowMs + nextDelayMs >= eventCreatedMs + EVENT_RETENTION_MS;
}

/** An event that waits for another (a refund before its payment) is held this long before it counts as failing. */
export const HOLD_LIMIT_MS = 3 * 24 * 60 * 60 * 1000;
