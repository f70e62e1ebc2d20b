// When a failed event is tried again, and when Carnet gives up on it.

export const MAX_ATTEMPTS = 5;
const FIRST_DELAY_MS = 10 * 60 * 1000;

/** Delay before the next try after `attempts` failures: 10 min, 20 min, 40 min, 80 min… */
export function retryDelayMs(attempts: number): number {
  return FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1);
}

export function isAbandoned(attempts: number): boolean {
  return attempts >= MAX_ATTEMPTS;
}

/** An event that waits for another (a refund before its payment) is held this long before it counts as failing. */
export const HOLD_LIMIT_MS = 3 * 24 * 60 * 60 * 1000;
