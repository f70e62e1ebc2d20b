// Discounts in the fake Stripe's Checkout, as real Checkout applies them. References:
// docs.stripe.com/payments/checkout/discounts (coupons in `discounts`, `allow_promotion_codes`),
// docs.stripe.com/payments/checkout/no-cost-orders (100 % off: no payment method, no PaymentIntent, a Customer is made),
// docs.stripe.com/api/checkout/sessions/object (`amount_subtotal`, `amount_total`, `discounts`, `total_details.amount_discount`,
// `payment_status` "no_payment_required"), docs.stripe.com/api/checkout/sessions/line_items (an item's `amount_subtotal`,
// `amount_discount`, `amount_total`; its `discounts` only when expanded), docs.stripe.com/api/coupons and
// docs.stripe.com/api/promotion_codes (`promotion.coupon`), docs.stripe.com/api/discounts/object (`source.coupon`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Runtime } from '../../emulator/src/runtime';
import { encodeForm, FakeStripe } from '../../emulator/src/stripe';
import { FakeUrlFetchApp, UrlFetchService } from '../../emulator/src/urlfetch';
import type { JsonObject } from '../../emulator/src/stripe/objects';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

function fixture(name: string): JsonObject {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'stripe', `${name}.json`), 'utf8')) as JsonObject;
}

/** Every field of the fixture is in the fake's object and the fake adds none (one level: these objects are flat). */
function sameFields(fake: JsonObject, real: JsonObject): void {
  expect(Object.keys(fake).sort()).toEqual(Object.keys(real).sort());
  for (const [k, v] of Object.entries(real)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length)
      expect(Object.keys(fake[k] as JsonObject).sort()).toEqual(Object.keys(v).sort());
  }
}

function setup() {
  const rt = new Runtime();
  const stripe = new FakeStripe(rt);
  const app = new UrlFetchService(rt, stripe).globals().UrlFetchApp as FakeUrlFetchApp;
  const call = (method: 'get' | 'post', path: string, params?: Record<string, unknown>) => {
    const res = app.fetch(`https://api.stripe.com${path}`, {
      method,
      payload: params && method === 'post' ? encodeForm(params) : undefined,
      headers: { Authorization: 'Bearer sk_test_emulator' },
      muteHttpExceptions: true,
    });
    return { code: res.getResponseCode(), body: JSON.parse(res.getContentText()) as J };
  };
  const get = (path: string, params: Record<string, unknown> = {}) =>
    call('get', `${path}${params && Object.keys(params).length ? `?${encodeForm(params)}` : ''}`);
  const pack = stripe.createPrice({ product: String(stripe.createProduct({ name: 'Pack 10 cours' }).id), unitAmount: 30000 });
  const single = stripe.createPrice({ product: String(stripe.createProduct({ name: 'Cours' }).id), unitAmount: 4000 });
  return { stripe, call, get, pack: String(pack.id), single: String(single.id) };
}

describe('coupons and promotion codes', () => {
  test('POST /v1/coupons and /v1/promotion_codes make objects of the fixtures’ shape', () => {
    const { call } = setup();
    const coupon = call('post', '/v1/coupons', { percent_off: 12.5, duration: 'once', name: 'Rentrée' });
    expect(coupon.code).toBe(200);
    expect(coupon.body).toMatchObject({
      object: 'coupon',
      percent_off: 12.5,
      amount_off: null,
      currency: null,
      name: 'Rentrée',
      valid: true,
      times_redeemed: 0,
    });
    sameFields(coupon.body, fixture('coupon'));
    const promo = call('post', '/v1/promotion_codes', { promotion: { type: 'coupon', coupon: coupon.body.id }, code: 'RENTREE' });
    expect(promo.code).toBe(200);
    expect(promo.body).toMatchObject({ object: 'promotion_code', code: 'RENTREE', active: true, promotion: { type: 'coupon', coupon: coupon.body.id } });
    sameFields(promo.body, fixture('promotion_code'));
  });

  test('bad coupons are refused before anything is created', () => {
    const { call, stripe } = setup();
    expect(call('post', '/v1/coupons', { percent_off: 'abc' }).body.error.message).toBe('Invalid decimal: abc');
    expect(call('post', '/v1/coupons', { amount_off: 500 }).code).toBe(400);
    expect(call('post', '/v1/coupons', { percent_off: 120 }).code).toBe(400);
    expect(call('post', '/v1/coupons', {}).code).toBe(400);
    expect(call('post', '/v1/promotion_codes', { promotion: { type: 'coupon', coupon: 'NOPE' } }).body.error).toMatchObject({ code: 'resource_missing' });
    expect(stripe.objects('coupon')).toEqual([]);
  });
});

describe('a coupon given to a session (`discounts`)', () => {
  test('amounts before and after the discount, on the session and on each line item', () => {
    const { call, get, stripe, pack, single } = setup();
    const coupon = stripe.createCoupon({ amountOff: 1001, name: '10,01 € offerts' });
    const created = call('post', '/v1/checkout/sessions', {
      mode: 'payment',
      line_items: [
        { price: pack, quantity: 1 },
        { price: single, quantity: 2 },
      ],
      discounts: [{ coupon: coupon.id }],
    });
    expect(created.code).toBe(200);
    const s = created.body;
    expect([s.amount_subtotal, s.amount_total, s.total_details.amount_discount]).toEqual([38000, 36999, 1001]);
    expect(s.discounts).toEqual([{ coupon: coupon.id, promotion_code: null }]);
    const items = get(`/v1/checkout/sessions/${s.id}/line_items`).body.data;
    // A fixed amount is shared in proportion to the lines, to the cent: 300/380 and 80/380 of 10,01 €.
    expect(items.map((i: J) => [i.amount_subtotal, i.amount_discount, i.amount_total])).toEqual([
      [30000, 790, 29210],
      [8000, 211, 7789],
    ]);
    // `discounts` is not returned unless expanded.
    expect('discounts' in items[0]).toBe(false);
    const expanded = get(`/v1/checkout/sessions/${s.id}/line_items`, { expand: ['data.discounts'] }).body.data;
    expect(expanded[0].discounts).toEqual([
      {
        amount: 790,
        discount: expect.objectContaining({ object: 'discount', checkout_session: s.id, promotion_code: null, source: { coupon: coupon.id, type: 'coupon' } }),
      },
    ]);
    sameFields(expanded[0].discounts[0].discount, fixture('discount'));
    const viaSession = get(`/v1/checkout/sessions/${s.id}`, { expand: ['line_items.data.discounts', 'discounts.coupon'] }).body;
    expect(viaSession.line_items.data[1].discounts[0].amount).toBe(211);
    expect(viaSession.discounts[0].coupon).toMatchObject({ object: 'coupon', id: coupon.id, amount_off: 1001 });
  });

  test('discounts and allow_promotion_codes together: refused', () => {
    const { call, stripe, pack } = setup();
    const coupon = stripe.createCoupon({ percentOff: 10 });
    const res = call('post', '/v1/checkout/sessions', {
      mode: 'payment',
      line_items: [{ price: pack, quantity: 1 }],
      discounts: [{ coupon: coupon.id }],
      allow_promotion_codes: true,
    });
    expect(res.code).toBe(400);
    expect(res.body.error.message).toBe('You may only specify one of these parameters: allow_promotion_codes, discounts.');
    expect(stripe.objects('checkout.session')).toEqual([]);
  });

  test('an unknown coupon: 404 resource_missing', () => {
    const { call, pack } = setup();
    const res = call('post', '/v1/checkout/sessions', { mode: 'payment', line_items: [{ price: pack, quantity: 1 }], discounts: [{ coupon: 'NOPE' }] });
    expect(res.code).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'resource_missing', param: 'discounts[0][coupon]', message: "No such coupon: 'NOPE'" });
  });

  test('100 % off: a no-cost order — no_payment_required, no PaymentIntent, no charge, a Customer made', () => {
    const { stripe, pack } = setup();
    const coupon = stripe.createCoupon({ percentOff: 100, name: 'Offert' });
    const { session, event } = stripe.pay({
      lineItems: [{ price: pack, quantity: 1 }],
      email: 'alice@example.com',
      session: { discounts: [{ coupon: coupon.id }] },
    });
    expect(event.type).toBe('checkout.session.completed');
    expect(session).toMatchObject({ status: 'complete', payment_status: 'no_payment_required', payment_intent: null, amount_subtotal: 30000, amount_total: 0 });
    expect(session.total_details).toMatchObject({ amount_discount: 30000 });
    expect(String(session.customer)).toMatch(/^cus_/);
    expect(stripe.objects('payment_intent')).toEqual([]);
    expect(stripe.objects('charge')).toEqual([]);
    const types = stripe.events().map((e) => e.type);
    expect(types.slice(types.indexOf('coupon.created'))).toEqual(['coupon.created', 'customer.created', 'checkout.session.completed']);
    expect(stripe.object(String(coupon.id))?.times_redeemed).toBe(1);
  });
});

describe('a promotion code typed by the customer (`allow_promotion_codes`)', () => {
  test('20 %: the charge is for the discounted total; the session names the promotion code', () => {
    const { stripe, get, pack } = setup();
    const coupon = stripe.createCoupon({ percentOff: 20 });
    const promo = stripe.createPromotionCode({ coupon: String(coupon.id), code: 'PRINTEMPS' });
    const { session } = stripe.pay({
      lineItems: [{ price: pack, quantity: 1 }],
      email: 'alice@example.com',
      session: { allow_promotion_codes: true },
      promotionCode: 'printemps',
    });
    expect(session).toMatchObject({
      payment_status: 'paid',
      amount_subtotal: 30000,
      amount_total: 24000,
      discounts: [{ coupon: null, promotion_code: promo.id }],
    });
    expect(stripe.object(String(session.payment_intent))?.amount).toBe(24000);
    const full = get(`/v1/checkout/sessions/${String(session.id)}`, { expand: ['line_items', 'discounts.promotion_code'] }).body;
    expect(full.line_items.data[0]).toMatchObject({ amount_subtotal: 30000, amount_discount: 6000, amount_total: 24000 });
    expect(full.discounts[0].promotion_code).toMatchObject({ object: 'promotion_code', code: 'PRINTEMPS', times_redeemed: 1 });
  });

  test('a session that does not allow promotion codes, or a code that does not exist: the page refuses it', () => {
    const { stripe, pack } = setup();
    stripe.createPromotionCode({ coupon: String(stripe.createCoupon({ percentOff: 20 }).id), code: 'PRINTEMPS' });
    const closed = stripe.createCheckoutSession({ mode: 'payment', line_items: [{ price: pack, quantity: 1 }] });
    expect(() => stripe.completeCheckout(String(closed.id), { promotionCode: 'PRINTEMPS' })).toThrow('does not allow promotion codes');
    const open = stripe.createCheckoutSession({ mode: 'payment', line_items: [{ price: pack, quantity: 1 }], allow_promotion_codes: true });
    expect(() => stripe.completeCheckout(String(open.id), { promotionCode: 'HIVER' })).toThrow('This code is invalid.');
  });
});
