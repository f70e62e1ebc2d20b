import { HOLD_LIMIT_MS, MAX_ATTEMPTS, isAbandoned, retryDelayMs } from '../../src/domain/retry';
import { messages } from '../../src/i18n/messages';

const MINUTE = 60 * 1000;

describe('retryDelayMs', () => {
  it('waits 10, 20, 40 then 80 minutes after the 1st, 2nd, 3rd and 4th failure', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n) / MINUTE)).toEqual([10, 20, 40, 80]);
  });

  it('waits 10 minutes before any failure was counted', () => {
    expect(retryDelayMs(0)).toBe(10 * MINUTE);
  });

  it('gives up within 2 h 30 of waiting', () => {
    let total = 0;
    for (let attempts = 1; !isAbandoned(attempts); attempts++) total += retryDelayMs(attempts);
    expect(total).toBe(150 * MINUTE);
  });
});

describe('isAbandoned', () => {
  it('abandons an event at its 5th failure, not before', () => {
    expect(MAX_ATTEMPTS).toBe(5);
    expect([0, 1, 2, 3, 4].map(isAbandoned)).toEqual([false, false, false, false, false]);
    expect(isAbandoned(5)).toBe(true);
    expect(isAbandoned(6)).toBe(true);
  });

  it('agrees with what the admin is told', () => {
    expect(messages('fr').eventAbandoned('evt_x', 'e')).toContain(`après ${MAX_ATTEMPTS} échecs`);
    expect(messages('fr').abandonedMailBody('evt_x', 't', 'e')).toContain(`${MAX_ATTEMPTS} fois`);
    expect(messages('en').eventAbandoned('evt_x', 'e')).toContain(`after ${MAX_ATTEMPTS} failures`);
  });
});

describe('HOLD_LIMIT_MS', () => {
  it('holds a refund waiting for its payment for 3 days, within Stripe’s 30-day event retention', () => {
    expect(HOLD_LIMIT_MS).toBe(3 * 24 * 60 * MINUTE);
  });
});
