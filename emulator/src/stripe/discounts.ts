// Coupons, promotion codes and the discounts Checkout applies with them (docs.stripe.com/payments/checkout/discounts,
// docs.stripe.com/api/coupons, docs.stripe.com/api/promotion_codes). Shapes follow github.com/stripe/openapi
// openapi/fixtures3.json (`coupon`, `promotion_code`, `discount`) at the fake's API version: a promotion code
// names its coupon under `promotion.coupon`, a discount under `source.coupon` (API 2025-09-30 and later).
import { invalid, refused } from './errors';
import type { Json, JsonObject } from './objects';
import type { ParsedObject } from './schema';
import { type Origin, type StoredObject, StripeStore } from './store';

export function coupon(c: {
  id: string;
  created: number;
  livemode: boolean;
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  duration: string;
  durationInMonths: number | null;
  maxRedemptions: number | null;
  redeemBy: number | null;
  name: string | null;
  metadata: JsonObject;
}): JsonObject {
  return {
    id: c.id,
    object: 'coupon',
    amount_off: c.amountOff,
    created: c.created,
    currency: c.currency,
    duration: c.duration,
    duration_in_months: c.durationInMonths,
    livemode: c.livemode,
    max_redemptions: c.maxRedemptions,
    metadata: c.metadata,
    name: c.name,
    percent_off: c.percentOff,
    redeem_by: c.redeemBy,
    times_redeemed: 0,
    valid: true,
  };
}

export function promotionCode(p: {
  id: string;
  created: number;
  livemode: boolean;
  code: string;
  coupon: string;
  active: boolean;
  maxRedemptions: number | null;
  expiresAt: number | null;
  metadata: JsonObject;
}): JsonObject {
  return {
    id: p.id,
    object: 'promotion_code',
    active: p.active,
    code: p.code,
    created: p.created,
    customer: null,
    customer_account: null,
    expires_at: p.expiresAt,
    livemode: p.livemode,
    max_redemptions: p.maxRedemptions,
    metadata: p.metadata,
    promotion: { coupon: p.coupon, type: 'coupon' },
    restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
    times_redeemed: 0,
  };
}

/** A discount: one coupon or promotion code applied to one Checkout Session (fixture `discount`). */
function discountObject(d: { id: string; session: string; coupon: string; promotionCode: string | null; start: number }): JsonObject {
  return {
    id: d.id,
    object: 'discount',
    checkout_session: d.session,
    customer: null,
    customer_account: null,
    end: null,
    invoice: null,
    invoice_item: null,
    promotion_code: d.promotionCode,
    source: { coupon: d.coupon, type: 'coupon' },
    start: d.start,
    subscription: null,
    subscription_item: null,
  };
}

/** POST /v1/coupons. The checks' wording is the fake's own (Stripe's exact texts for them are not published). */
export function createCoupon(store: StripeStore, p: ParsedObject, origin: Origin): StoredObject {
  const percent = typeof p.percent_off === 'number' ? p.percent_off : null;
  const amount = typeof p.amount_off === 'number' ? p.amount_off : null;
  if ((percent === null) === (amount === null)) throw invalid('Coupons must specify exactly one of `percent_off` or `amount_off`.', 'percent_off');
  if (percent !== null && !(percent > 0 && percent <= 100)) throw invalid('percent_off must be greater than 0 and at most 100.', 'percent_off');
  if (amount !== null && typeof p.currency !== 'string') throw invalid('You must specify a currency when creating an amount_off coupon.', 'currency');
  const id = typeof p.id === 'string' ? p.id : store.ids.chars(8);
  if (store.find(id)) throw invalid('Coupon already exists.', 'id', 'resource_already_exists');
  const data = coupon({
    id,
    created: store.now(),
    livemode: origin.livemode,
    percentOff: percent,
    amountOff: amount,
    currency: amount !== null ? String(p.currency).toLowerCase() : null,
    duration: typeof p.duration === 'string' ? p.duration : 'once',
    durationInMonths: typeof p.duration_in_months === 'number' ? p.duration_in_months : null,
    maxRedemptions: typeof p.max_redemptions === 'number' ? p.max_redemptions : null,
    redeemBy: typeof p.redeem_by === 'number' ? p.redeem_by : null,
    name: typeof p.name === 'string' ? p.name : null,
    metadata: (p.metadata as JsonObject | undefined) ?? {},
  });
  const stored = store.insert('coupon', origin.livemode, data);
  store.emit('coupon.created', stored, origin);
  return stored;
}

/** POST /v1/promotion_codes: a customer-facing code (`code`, case-insensitive) for a coupon (`promotion[coupon]`). */
export function createPromotionCode(store: StripeStore, p: ParsedObject, origin: Origin): StoredObject {
  const promotion = (p.promotion as ParsedObject | undefined) ?? {};
  const couponId = String(promotion.coupon ?? '');
  store.get('coupon', couponId, origin.livemode, 'promotion[coupon]');
  const code = typeof p.code === 'string' ? p.code : store.ids.chars(8).toUpperCase();
  const taken = store.all('promotion_code', origin.livemode).some((o) => o.data.active === true && String(o.data.code).toLowerCase() === code.toLowerCase());
  if (taken) throw invalid('An active promotion code with `code` already exists.', 'code');
  const data = promotionCode({
    id: store.ids.id('promo'),
    created: store.now(),
    livemode: origin.livemode,
    code,
    coupon: couponId,
    active: p.active !== false,
    maxRedemptions: typeof p.max_redemptions === 'number' ? p.max_redemptions : null,
    expiresAt: typeof p.expires_at === 'number' ? p.expires_at : null,
    metadata: (p.metadata as JsonObject | undefined) ?? {},
  });
  const stored = store.insert('promotion_code', origin.livemode, data);
  store.emit('promotion_code.created', stored, origin);
  return stored;
}

/** What a session's discount is made of: the coupon, and the promotion code the customer typed (or null). */
export interface AppliedDiscount {
  coupon: StoredObject;
  promotionCode: StoredObject | null;
}

function usable(store: StripeStore, c: StoredObject, param: string): StoredObject {
  const max = c.data.max_redemptions;
  const redeemBy = c.data.redeem_by;
  if (c.data.valid !== true || (typeof max === 'number' && Number(c.data.times_redeemed) >= max) || (typeof redeemBy === 'number' && redeemBy < store.now()))
    throw refused(`This coupon is no longer valid: ${c.id}`, param);
  return c;
}

function promotionUsable(store: StripeStore, promo: StoredObject, param: string): AppliedDiscount {
  const max = promo.data.max_redemptions;
  const expires = promo.data.expires_at;
  if (
    promo.data.active !== true ||
    (typeof max === 'number' && Number(promo.data.times_redeemed) >= max) ||
    (typeof expires === 'number' && expires < store.now())
  )
    throw refused(`This promotion code cannot be redeemed: ${String(promo.data.code)}`, param);
  const couponId = String((promo.data.promotion as JsonObject).coupon);
  return { coupon: usable(store, store.get('coupon', couponId, promo.livemode, param), param), promotionCode: promo };
}

/**
 * The `discounts` parameter of a session (one coupon or one promotion code; Checkout in payment mode
 * takes one), refused with `allow_promotion_codes` (docs.stripe.com/api/checkout/sessions/create#create_checkout_session-discounts).
 */
export function sessionDiscount(store: StripeStore, params: ParsedObject, livemode: boolean): AppliedDiscount | null {
  const list = params.discounts as ParsedObject[] | undefined | null;
  if (!list || list.length === 0) return null;
  if (params.allow_promotion_codes === true) throw invalid('You may only specify one of these parameters: allow_promotion_codes, discounts.', 'discounts');
  if (list.length > 1) throw invalid('You may only specify one discount in `payment` mode.', 'discounts');
  const one = list[0];
  if (typeof one.coupon === 'string' && typeof one.promotion_code === 'string')
    throw invalid('You may only specify one of these parameters: coupon, promotion_code.', 'discounts[0]');
  if (typeof one.coupon === 'string')
    return { coupon: usable(store, store.get('coupon', one.coupon, livemode, 'discounts[0][coupon]'), 'discounts[0][coupon]'), promotionCode: null };
  if (typeof one.promotion_code === 'string')
    return promotionUsable(store, store.get('promotion_code', one.promotion_code, livemode, 'discounts[0][promotion_code]'), 'discounts[0][promotion_code]');
  throw invalid('Missing required param: discounts[0][coupon].', 'discounts[0][coupon]', 'parameter_missing');
}

/** The code a customer types on the payment page (case-insensitive), for a session that allows promotion codes. */
export function typedPromotionCode(store: StripeStore, session: StoredObject, code: string): AppliedDiscount {
  if (session.data.allow_promotion_codes !== true) throw new Error(`FakeStripe: ${session.id} does not allow promotion codes (allow_promotion_codes)`);
  const promo = store
    .all('promotion_code', session.livemode)
    .find((o) => o.data.active === true && String(o.data.code).toLowerCase() === code.trim().toLowerCase());
  if (!promo) throw new Error(`FakeStripe: the Checkout page says "This code is invalid." (${code})`);
  return promotionUsable(store, promo, 'promotion_code');
}

/**
 * Amounts of each line once discounted: a percentage is taken from each line (rounded to the cent),
 * a fixed amount is shared between lines in proportion to their subtotals (the last cents to the
 * largest remainders) and never exceeds the subtotal.
 */
export function discountShares(subtotals: number[], c: JsonObject): number[] {
  const total = subtotals.reduce((s, x) => s + x, 0);
  if (typeof c.percent_off === 'number') return subtotals.map((s) => Math.round((s * (c.percent_off as number)) / 100));
  const off = Math.min(Number(c.amount_off), total);
  if (total === 0) return subtotals.map(() => 0);
  const exact = subtotals.map((s) => (off * s) / total);
  const shares = exact.map(Math.floor);
  let left = off - shares.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] += 1;
    left -= 1;
  }
  return shares;
}

/**
 * Applies a discount to a session and its line items: each item's `amount_discount`/`amount_total`,
 * its `discounts` (kept aside: the field is only returned when expanded), the session's `discounts`,
 * `amount_total` and `total_details.amount_discount`.
 */
export function applyDiscount(store: StripeStore, session: StoredObject, applied: AppliedDiscount): void {
  const items = session.hidden.lineItems as JsonObject[];
  const c = applied.coupon.data;
  if (typeof c.amount_off === 'number' && c.currency !== session.data.currency)
    throw refused(`The coupon ${applied.coupon.id} is in ${String(c.currency)}, this Checkout Session in ${String(session.data.currency)}.`, 'discounts');
  const shares = discountShares(
    items.map((i) => Number(i.amount_subtotal)),
    c,
  );
  const discount = discountObject({
    id: store.ids.id('di'),
    session: session.id,
    coupon: applied.coupon.id,
    promotionCode: applied.promotionCode?.id ?? null,
    start: store.now(),
  });
  const byItem: JsonObject = {};
  items.forEach((item, i) => {
    item.amount_discount = shares[i];
    item.amount_total = Number(item.amount_subtotal) - shares[i];
    byItem[String(item.id)] = shares[i] > 0 ? [{ amount: shares[i], discount }] : [];
  });
  session.hidden.itemDiscounts = byItem;
  const off = shares.reduce((s, x) => s + x, 0);
  store.update(session, {
    amount_total: Number(session.data.amount_subtotal) - off,
    discounts: [{ coupon: applied.promotionCode ? null : applied.coupon.id, promotion_code: applied.promotionCode?.id ?? null } as Json],
    total_details: { ...(session.data.total_details as JsonObject), amount_discount: off },
  });
}

/** Counts a redemption once the session completes (coupon and promotion code). */
export function redeem(store: StripeStore, session: StoredObject): void {
  for (const d of (session.data.discounts as JsonObject[] | null) ?? []) {
    const promo = typeof d.promotion_code === 'string' ? store.find(d.promotion_code) : undefined;
    const couponId = promo ? String((promo.data.promotion as JsonObject).coupon) : typeof d.coupon === 'string' ? d.coupon : null;
    const c = couponId ? store.find(couponId) : undefined;
    if (promo) store.update(promo, { times_redeemed: Number(promo.data.times_redeemed) + 1 });
    if (c) store.update(c, { times_redeemed: Number(c.data.times_redeemed) + 1 });
  }
}

/** A line item's `discounts` (only when expanded: `expand[]=line_items.data.discounts`, or `data.discounts` on /line_items). */
export function itemDiscounts(store: StripeStore, itemId: string): Json | undefined {
  for (const session of store.all('checkout.session')) {
    const items = session.hidden.lineItems as JsonObject[] | undefined;
    if (!items?.some((i) => i.id === itemId)) continue;
    const byItem = session.hidden.itemDiscounts as JsonObject | undefined;
    return (byItem?.[itemId] as Json | undefined) ?? [];
  }
  return undefined;
}
