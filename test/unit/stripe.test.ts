import {
  HANDLED_EVENT_TYPES,
  eventSubject,
  idOf,
  isEventId,
  isHandled,
  isLiveKey,
  isPlausibleKey,
  paymentUsed,
  type StripeEvent,
} from '../../src/domain/stripe';
import { paymentMethodName } from '../../src/i18n/invoiceText';

/** The envelope of shared/stripe-fixtures/event.json around the object a scenario needs. */
function event(type: string, object: Record<string, unknown>): StripeEvent {
  return { id: 'evt_1Pgc76B7WZ01zgkWwyRHS12y', type, created: 1234567890, livemode: false, data: { object } };
}

describe('isHandled', () => {
  it.each([
    'checkout.session.completed',
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
    'checkout.session.expired',
    'charge.refunded',
    'refund.updated',
    'refund.failed',
    'charge.refund.updated',
    'charge.dispute.created',
    'charge.dispute.closed',
    'charge.dispute.funds_withdrawn',
    'charge.dispute.funds_reinstated',
  ])('handles %s', (type) => {
    expect(isHandled(type)).toBe(true);
    expect(HANDLED_EVENT_TYPES).toContain(type);
  });

  it.each([
    'plan.created',
    'charge.succeeded',
    'payment_intent.succeeded',
    'checkout.session',
    'CHECKOUT.SESSION.COMPLETED',
    'checkout.session.completed ',
    '',
  ])('ignores %p', (type) => {
    expect(isHandled(type)).toBe(false);
  });

  it('polls exactly the handled types', () => {
    expect(HANDLED_EVENT_TYPES).toHaveLength(12);
    // GET /v1/events takes at most 20 types (docs.stripe.com/api/events/list#list_events-types).
    expect(HANDLED_EVENT_TYPES.length).toBeLessThanOrEqual(20);
  });
});

describe('idOf', () => {
  it('reads an id given as a string or as an expanded object', () => {
    expect(idOf('pi_1PgafyB7WZ01zgkWSjxsAJo3')).toBe('pi_1PgafyB7WZ01zgkWSjxsAJo3');
    expect(idOf({ id: 'cus_NffrFeUfNV2Hib' })).toBe('cus_NffrFeUfNV2Hib');
  });

  it('is empty for a missing reference', () => {
    expect(idOf(null)).toBe('');
    expect(idOf(undefined)).toBe('');
    expect(idOf('')).toBe('');
  });
});

describe('eventSubject', () => {
  it('is the Checkout Session for checkout events', () => {
    const session = {
      id: 'cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY',
      object: 'checkout.session',
      payment_intent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3',
    };
    expect(eventSubject(event('checkout.session.completed', session))).toBe(session.id);
    expect(eventSubject(event('checkout.session.expired', { ...session, payment_intent: null }))).toBe(session.id);
  });

  it('is the payment intent of a refunded charge, so that the refund finds its payment', () => {
    const charge = { id: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', object: 'charge', payment_intent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3' };
    expect(eventSubject(event('charge.refunded', charge))).toBe('pi_1PgafyB7WZ01zgkWSjxsAJo3');
    expect(eventSubject(event('charge.refunded', { ...charge, payment_intent: { id: 'pi_expanded' } }))).toBe('pi_expanded');
  });

  it('is the payment intent of a dispute', () => {
    const dispute = { id: 'dp_1PgafuB7WZ01zgkW1AmXWqNd', object: 'dispute', charge: 'ch_1', payment_intent: 'pi_disputed' };
    expect(eventSubject(event('charge.dispute.created', dispute))).toBe('pi_disputed');
  });

  it('falls back to the charge itself when it has no payment intent (as in charge.json)', () => {
    expect(eventSubject(event('charge.refunded', { id: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', object: 'charge', payment_intent: null }))).toBe(
      'ch_1PgafuB7WZ01zgkWXYmPNZs8',
    );
  });

  it('is empty when the object has no id', () => {
    expect(eventSubject(event('checkout.session.completed', {}))).toBe('');
  });
});

describe('isLiveKey', () => {
  it.each(['sk_live_51H8abcDEF', 'rk_live_51H8abcDEF'])('%s is live', (key) => {
    expect(isLiveKey(key)).toBe(true);
  });

  it.each(['sk_test_51H8abcDEF', 'rk_test_51H8abcDEF', 'pk_live_51H8abcDEF', 'whsec_live_x', 'xsk_live_1', ''])('%p is not live', (key) => {
    expect(isLiveKey(key)).toBe(false);
  });
});

describe('isPlausibleKey', () => {
  it.each(['sk_test_51H8abcDEF123', 'sk_live_51H8abcDEF123', 'rk_test_51H8abc', 'rk_live_51H8abc', '  sk_test_51H8abc\n'])('accepts %j', (key) => {
    expect(isPlausibleKey(key)).toBe(true);
  });

  it.each([
    '',
    'sk_test_',
    'pk_test_51H8abc',
    'pk_live_51H8abc',
    'whsec_51H8abc',
    'sk_prod_51H8abc',
    'sk_test_51H8 abc',
    'sk_test_51H8-abc',
    'Bearer sk_test_51H8abc',
    'sk_test_51H8abc\nX-Injected: 1',
  ])('refuses %j', (key) => {
    expect(isPlausibleKey(key)).toBe(false);
  });
});

describe('isEventId', () => {
  it('accepts a Stripe event id', () => {
    expect(isEventId('evt_1Pgc76B7WZ01zgkWwyRHS12y')).toBe(true);
    expect(isEventId('evt_1')).toBe(true);
    expect(isEventId(`evt_${'a'.repeat(255)}`)).toBe(true);
  });

  it.each([
    'evt_',
    'evt_1Pgc76B7/../../v1/charges',
    'evt_1Pgc76B7?expand[]=data',
    'evt_1Pgc76B7#x',
    'evt_1Pgc76B7%2F..',
    'evt_1Pgc76B7&limit=100',
    'evt_1Pgc76B7 ',
    ' evt_1Pgc76B7',
    'evt_1Pgc76B7\n',
    'evt_1Pgc76B7\u0000',
    'evt_1Pgc76B7é',
    'EVT_1Pgc76B7',
    'ch_1PgafuB7WZ01zgkWXYmPNZs8',
    '../evt_1',
    `evt_${'a'.repeat(256)}`,
  ])('refuses %j', (id) => {
    expect(isEventId(id)).toBe(false);
  });

  it.each([null, undefined, 42, { id: 'evt_1' }, ['evt_1'], true])('refuses the non-string %p', (id) => {
    expect(isEventId(id)).toBe(false);
  });
});

describe('paymentUsed: what the latest charge says (docs.stripe.com/api/charges/object#charge_object-payment_method_details)', () => {
  const card = {
    id: 'ch_1',
    object: 'charge' as const,
    amount: 1000,
    amount_refunded: 0,
    currency: 'eur',
    payment_intent: 'pi_1',
    receipt_number: null,
    payment_method_details: { type: 'card', card: { brand: 'mastercard', last4: '4444' } },
  };

  it('names a card by brand and last 4 digits', () => {
    expect(paymentUsed(card)).toEqual({ method: 'card', reference: 'Mastercard •••• 4444' });
  });

  it('prefers the receipt number Stripe gave', () => {
    expect(paymentUsed({ ...card, receipt_number: '1849-2203' })).toEqual({ method: 'card', reference: '1849-2203' });
  });

  it('a SEPA debit by the IBAN’s last 4; a wallet by its type, with no reference of its own', () => {
    expect(paymentUsed({ ...card, payment_method_details: { type: 'sepa_debit', sepa_debit: { last4: '3000' } } })).toEqual({
      method: 'sepa_debit',
      reference: 'IBAN •••• 3000',
    });
    expect(paymentUsed({ ...card, payment_method_details: { type: 'paypal', paypal: { payer_email: 'a@b.c' } } })).toEqual({ method: 'paypal', reference: '' });
    expect(paymentUsed({ ...card, payment_method_details: { type: 'paypal', paypal: { transaction_id: '7VX12345AB678901C' } } })).toEqual({
      method: 'paypal',
      reference: '7VX12345AB678901C',
    });
  });

  it('nothing without a charge', () => {
    expect(paymentUsed(null)).toBeNull();
  });
});

describe('paymentMethodName', () => {
  it('in French and English; an unknown type as Stripe writes it', () => {
    expect(['card', 'sepa_debit', 'paypal', 'link', 'customer_balance'].map((t) => paymentMethodName('fr', t))).toEqual([
      'carte bancaire',
      'prélèvement SEPA',
      'PayPal',
      'Link',
      'virement',
    ]);
    expect(['card', 'sepa_debit'].map((t) => paymentMethodName('en', t))).toEqual(['card', 'SEPA Direct Debit']);
    expect(paymentMethodName('fr', 'wechat_pay')).toBe('wechat pay');
  });
});
