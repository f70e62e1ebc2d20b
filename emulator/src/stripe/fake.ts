// FakeStripe: a stateful, in-memory Stripe account that UrlFetchApp talks to, plus a Node-side
// test API that plays the customer, the bank and the dashboard (each action creates the objects and
// emits the events Stripe would, stamped with the virtual clock).
//
// Test API (not Apps Script; no rt.call accounting):
//   addKey(key) / expireKey(key) / removeKey(key)    valid secret keys (default: sk_test_emulator)
//   failNext(count, 429 | 500)                        the next API requests fail (a 500 is saved under its Idempotency-Key)
//   setClockSkew(ms)                                  Stripe's clock minus Apps Script's (default +2 s: Stripe is a little ahead)
//   createCheckoutSession(params, { livemode? })      as POST /v1/checkout/sessions (params in API shape)
//   completeCheckout(id, { email, name, phone, address, taxIds, company, paymentMethod, receiptNumber })
//                                                     the session keeps only what it asked to collect
//   succeedAsyncPayment(id) / failAsyncPayment(id)    outcome of a SEPA debit
//   pay({ lineItems, email, name, currency, metadata, paymentMethod, livemode, session })  create + complete
//                                                     (`session`: more creation params, e.g. what to collect)
//   buyPaymentLink(linkId, customer)                  a purchase through a payment link
//   expireSession(id)                                 checkout.session.expired
//   refund(paymentIntentOrCharge, amount?, { pending? }) refund.created + charge.refunded
//   failRefund(id, reason?) / succeedRefund(id)      outcome of a pending refund (refund.failed / refund.updated…)
//   openDispute(chargeOrIntent, { reason, amount }) / closeDispute(id, 'won' | 'lost' | 'warning_closed')
//   createProduct({ name, id?, metadata? }) / createPrice({ product, unitAmount, currency })
//   createCoupon({ percentOff | amountOff, currency?, name?, id? }) / createPromotionCode({ coupon, code })
//                                                     a session takes one with `discounts: [{ coupon }]` or
//                                                     `[{ promotion_code }]`; with `allow_promotion_codes: true`
//                                                     the customer types one: completeCheckout(id, { promotionCode })
//                                                     (a total of 0: payment_status no_payment_required, no PaymentIntent)
//   addWebhookEndpoint(url, enabledEvents?)           counts in events' pending_webhooks
//   disableWebhookEndpoint(id)                        status 'disabled', as after failed deliveries
//   events() (oldest first) / getEvent(id) / requests() / objects(type) / object(id)
import type { Runtime } from '../runtime';
import { RequestLogEntry, StripeApi, StripeHttpRequest, StripeHttpResponse } from './api';
import { createPrice as createPriceObject, createProduct as createProductObject, createWebhookEndpoint, sessionFromLink } from './catalog';
import { completeSession, createSession, CustomerInfo, expireSession, failAsync, Outcome, succeedAsync, sweepExpired } from './checkout';
import { encodeForm, parseForm } from './form';
import { JsonObject } from './objects';
import { CHECKOUT_CREATE, COUPON_CREATE, PROMOTION_CODE_CREATE } from './params';
import { createCoupon as createCouponObject, createPromotionCode as createPromotionCodeObject } from './discounts';
import {
  closeDispute,
  createRefund,
  DisputeOutcome,
  DisputeReason,
  failRefund,
  openDispute,
  RefundFailureReason,
  RefundOptions,
  RefundOutcome,
  succeedRefund,
} from './payments';
import { Schema, validateParams } from './schema';
import { clone, Origin, StripeStore } from './store';

export interface PayLineItem {
  /** An existing Price; without it the item is sold with `price_data` (`unitAmount`, `name` or `product`). */
  price?: string;
  product?: string;
  quantity: number;
  unitAmount?: number;
  name?: string;
}

export interface PayOptions extends Omit<CustomerInfo, 'email'> {
  lineItems: PayLineItem[];
  email: string;
  currency?: string;
  metadata?: Record<string, string>;
  livemode?: boolean;
  /** More POST /v1/checkout/sessions parameters (`billing_address_collection`, `tax_id_collection`…). */
  session?: Record<string, unknown>;
}

/** Stripe's servers and Apps Script's do not share a clock, and a request takes time to arrive: Stripe's "now" is a little later. */
const DEFAULT_SKEW_MS = 2000;

const HELPER = { id: null, idempotency_key: null };

export class FakeStripe {
  readonly store: StripeStore;
  private readonly api: StripeApi;

  private skewMs = DEFAULT_SKEW_MS;

  constructor(readonly rt: Runtime) {
    const now = () => rt.clock.now() + this.skewMs;
    this.store = new StripeStore(now);
    this.api = new StripeApi(this.store, now);
    rt.registerState('stripe', this);
  }

  /** One HTTP request to https://api.stripe.com (called by UrlFetchApp). */
  handle(request: StripeHttpRequest): StripeHttpResponse {
    return this.api.handle(request);
  }

  // ---- keys and failures -------------------------------------------------------------------

  /** Stripe's clock minus the script's, in ms (positive: Stripe is ahead). Timestamps Stripe makes (`created`, events) use it. */
  setClockSkew(ms: number): void {
    this.skewMs = ms;
  }

  addKey(key: string): void {
    this.api.addKey(key);
  }

  expireKey(key: string): void {
    this.api.expireKey(key);
  }

  removeKey(key: string): void {
    this.api.removeKey(key);
  }

  /** The next `count` API requests answer `status` (429: rate limited, before anything runs; 500: while running). */
  failNext(count: number, status: 429 | 500): void {
    this.api.failNext(count, status);
  }

  // ---- the customer, the bank, the dashboard -----------------------------------------------

  private origin(livemode = false): Origin {
    return { livemode, request: HELPER };
  }

  private params(params: Record<string, unknown>, fields: Record<string, Schema>): ReturnType<typeof validateParams> {
    return validateParams(parseForm(encodeForm(params)), fields);
  }

  createCheckoutSession(params: Record<string, unknown>, options: { livemode?: boolean } = {}): JsonObject {
    sweepExpired(this.store);
    return clone(createSession(this.store, this.params(params, CHECKOUT_CREATE), this.origin(options.livemode)).data);
  }

  completeCheckout(sessionId: string, customer: CustomerInfo = {}): Outcome {
    sweepExpired(this.store);
    const session = this.store.find(sessionId);
    if (!session || session.type !== 'checkout.session') throw new Error(`FakeStripe: no Checkout Session ${sessionId}`);
    return completeSession(this.store, session, customer);
  }

  succeedAsyncPayment(sessionId: string): Outcome {
    return succeedAsync(this.store, sessionId);
  }

  failAsyncPayment(sessionId: string): Outcome {
    return failAsync(this.store, sessionId);
  }

  /** Shortcut: a Checkout Session created and paid at once. */
  pay(options: PayOptions): Outcome {
    const currency = options.currency ?? 'eur';
    const lineItems = options.lineItems.map((item) =>
      item.price
        ? { price: item.price, quantity: item.quantity }
        : {
            price_data: {
              currency,
              unit_amount: item.unitAmount,
              ...(item.product ? { product: item.product } : { product_data: { name: item.name ?? 'Article' } }),
            },
            quantity: item.quantity,
          },
    );
    const session = this.createCheckoutSession(
      {
        mode: 'payment',
        line_items: lineItems,
        customer_email: options.email,
        metadata: options.metadata,
        success_url: 'https://example.com/merci',
        ...options.session,
      },
      { livemode: options.livemode },
    );
    return this.completeCheckout(String(session.id), options);
  }

  buyPaymentLink(linkId: string, customer: CustomerInfo = {}): Outcome {
    const link = this.store.find(linkId);
    if (!link || link.type !== 'payment_link') throw new Error(`FakeStripe: no payment link ${linkId}`);
    return completeSession(this.store, sessionFromLink(this.store, link), customer);
  }

  expireSession(sessionId: string): Outcome {
    const session = this.store.find(sessionId);
    if (!session || session.type !== 'checkout.session') throw new Error(`FakeStripe: no Checkout Session ${sessionId}`);
    const event = expireSession(this.store, session, this.origin(session.livemode));
    return { session: clone(session.data), event };
  }

  refund(paymentIntentOrCharge: string, amount?: number, options: RefundOptions = {}): RefundOutcome {
    const target = this.store.find(paymentIntentOrCharge);
    if (!target) throw new Error(`FakeStripe: no charge or PaymentIntent ${paymentIntentOrCharge}`);
    const input = paymentIntentOrCharge.startsWith('pi_') ? { payment_intent: paymentIntentOrCharge } : { charge: paymentIntentOrCharge };
    return createRefund(this.store, { ...input, amount: amount ?? null }, this.origin(target.livemode), options);
  }

  failRefund(refundId: string, reason?: RefundFailureReason): { refund: JsonObject; event: JsonObject } {
    return failRefund(this.store, refundId, reason);
  }

  succeedRefund(refundId: string): { refund: JsonObject; event: JsonObject } {
    return succeedRefund(this.store, refundId);
  }

  openDispute(chargeOrIntent: string, options: { reason?: DisputeReason; amount?: number } = {}): { dispute: JsonObject; event: JsonObject } {
    return openDispute(this.store, chargeOrIntent, options);
  }

  closeDispute(disputeId: string, outcome: DisputeOutcome): { dispute: JsonObject; event: JsonObject } {
    return closeDispute(this.store, disputeId, outcome);
  }

  createProduct(options: { name: string; id?: string; metadata?: Record<string, string>; livemode?: boolean }): JsonObject {
    const { livemode, ...params } = options;
    return clone(createProductObject(this.store, params, this.origin(livemode)).data);
  }

  /** A coupon made in the Dashboard: `percentOff` (e.g. 100, 12.5) or `amountOff` in cents (with the currency). */
  createCoupon(options: { percentOff?: number; amountOff?: number; currency?: string; name?: string; id?: string; livemode?: boolean }): JsonObject {
    const params = {
      ...(options.percentOff !== undefined ? { percent_off: options.percentOff } : {}),
      ...(options.amountOff !== undefined ? { amount_off: options.amountOff, currency: options.currency ?? 'eur' } : {}),
      ...(options.name ? { name: options.name } : {}),
      ...(options.id ? { id: options.id } : {}),
    };
    return clone(createCouponObject(this.store, this.params(params, COUPON_CREATE), this.origin(options.livemode)).data);
  }

  /** A customer-facing promotion code for a coupon (typed on the payment page of a session with `allow_promotion_codes`). */
  createPromotionCode(options: { coupon: string; code: string; livemode?: boolean }): JsonObject {
    const params = { promotion: { type: 'coupon', coupon: options.coupon }, code: options.code };
    return clone(createPromotionCodeObject(this.store, this.params(params, PROMOTION_CODE_CREATE), this.origin(options.livemode)).data);
  }

  createPrice(options: { product: string; unitAmount: number; currency?: string; livemode?: boolean }): JsonObject {
    const params = { product: options.product, unit_amount: options.unitAmount, currency: options.currency ?? 'eur' };
    return clone(createPriceObject(this.store, params, this.origin(options.livemode)).data);
  }

  /** A webhook endpoint configured in the dashboard: matching events count it in `pending_webhooks`. */
  addWebhookEndpoint(url: string, enabledEvents: string[] = ['*'], livemode = false): { endpoint: JsonObject; secret: string } {
    const { stored, secret } = createWebhookEndpoint(this.store, { url, enabled_events: enabledEvents }, this.origin(livemode));
    return { endpoint: clone(stored.data), secret };
  }

  /**
   * What Stripe does to an endpoint whose deliveries keep failing (an Apps Script web app answers
   * with a 302): its `status` becomes `disabled` (docs.stripe.com/webhooks#disable-an-endpoint).
   */
  disableWebhookEndpoint(id: string): JsonObject {
    const endpoint = this.store.find(id);
    if (!endpoint || endpoint.type !== 'webhook_endpoint') throw new Error(`FakeStripe: no webhook endpoint ${id}`);
    this.store.update(endpoint, { status: 'disabled' });
    return clone(endpoint.data);
  }

  // ---- inspection ----------------------------------------------------------------------------

  /** Every event ever emitted (past retention too), oldest first. */
  events(): JsonObject[] {
    sweepExpired(this.store);
    return this.store
      .all('event')
      .sort((a, b) => a.created - b.created || a.seq - b.seq)
      .map((e) => clone(e.data));
  }

  /** An event by id (whatever its age; webhooks deliver it without a retrieval). */
  getEvent(id: string): JsonObject {
    sweepExpired(this.store);
    const event = this.store.find(id);
    if (!event || event.type !== 'event') throw new Error(`FakeStripe: no event ${id}`);
    return clone(event.data);
  }

  requests(): RequestLogEntry[] {
    return this.api.requests();
  }

  /** Every stored object of a type ('checkout.session', 'payment_intent', 'charge', 'refund', 'customer'…), both modes, oldest first. */
  objects(type: string): JsonObject[] {
    sweepExpired(this.store);
    return this.store.all(type).map((o) => clone(o.data));
  }

  object(id: string): JsonObject | undefined {
    sweepExpired(this.store);
    const found = this.store.find(id);
    return found ? clone(found.data) : undefined;
  }

  save(): unknown {
    return { store: this.store.save(), api: this.api.save() };
  }

  load(data: unknown): void {
    const state = data as { store: unknown; api: unknown } | null;
    this.store.load(state?.store ?? null);
    this.api.load(state?.api ?? null);
  }
}
