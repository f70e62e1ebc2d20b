import { EVENT_RETENTION_MS, HOLD_LIMIT_MS, MAX_DELAY_MS, isAbandoned, retryDelayMs } from '../../src/domain/retry';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

describe('retryDelayMs', () => {
  it('doubles from 10 minutes and stops growing at 6 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelayMs(n) / MINUTE)).toEqual([10, 20, 40, 80, 160, 320, 360, 360, 360]);
    expect(MAX_DELAY_MS).toBe(360 * MINUTE);
  });

  it('treats 0 previous failures as the first delay', () => {
    expect(retryDelayMs(0)).toBe(10 * MINUTE);
  });

  it('tries about 120 times over the 30 days Stripe keeps an event, not 5 times in 2.5 hours', () => {
    let total = 0;
    let tries = 0;
    for (let attempts = 1; total < EVENT_RETENTION_MS; attempts++, tries++) total += retryDelayMs(attempts);
    expect(tries).toBeGreaterThan(100);
  });
});

describe('isAbandoned', () => {
  it('gives up only when the next try would come after Stripe stops keeping the event (30 days)', () => {
    const created = Date.UTC(2026, 10, 21);
    const sixHours = 6 * 60 * MINUTE;
    expect(isAbandoned(created, created + 29 * DAY, sixHours)).toBe(false);
    expect(isAbandoned(created, created + 30 * DAY - sixHours - MINUTE, sixHours)).toBe(false);
    expect(isAbandoned(created, created + 30 * DAY - sixHours, sixHours)).toBe(true);
  });
});

describe('HOLD_LIMIT_MS', () => {
  it('holds an event that waits for its payment for 3 days', () => {
    expect(HOLD_LIMIT_MS).toBe(3 * DAY);
  });
});
