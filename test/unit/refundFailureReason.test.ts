// The admin's e-mail about a failed refund gives Stripe's reason in words, in both languages
// (the codes: docs.stripe.com/api/refunds/object#refund_object-failure_reason, as the fake Stripe lists them).
import { REFUND_FAILURE_REASONS } from '../../emulator/src/stripe/payments';
import { messages } from '../../src/i18n/messages';

describe('refundFailureReason', () => {
  test.each(['fr', 'en'] as const)('every Stripe code, and a canceled refund, has its own words in %s', (locale) => {
    const words = [...REFUND_FAILURE_REASONS, 'canceled'].map((code) => messages(locale).refundFailureReason(code));
    for (const [i, code] of [...REFUND_FAILURE_REASONS, 'canceled'].entries()) expect(words[i]).not.toContain(code);
    expect(new Set(words).size).toBe(words.length);
  });

  test('a code Stripe adds later is shown as is rather than hidden', () => {
    expect(messages('fr').refundFailureReason('new_reason')).toBe('new_reason');
    expect(messages('en').refundFailureReason('constructor')).toBe('constructor');
  });
});
