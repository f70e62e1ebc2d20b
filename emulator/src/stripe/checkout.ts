// Checkout Sessions: creation with Stripe's validation, expiry, completion by the customer
// (card or SEPA debit, with the objects and events Stripe creates), delayed payment outcome.
import { invalid, refused } from './errors';
import * as shapes from './objects';
import { DAY_S, DEFAULT_METHODS, isDelayed, Json, JsonObject, PaymentMethodKind } from './objects';
import { ParsedObject } from './schema';
import { clone, Origin, StoredObject, StripeStore } from './store';
import { applyDiscount, discountShares, redeem, sessionDiscount, typedPromotionCode } from './discounts';

const NOBODY = { id: null, idempotency_key: null };

/** Minimum charge amounts (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts), for the currencies Carnet may use. */
const MINIMUM: Record<string, number> = { eur: 50, usd: 50, chf: 50, cad: 50, gbp: 30 };

export function money(amount: number, currency: string): string {
  const symbol: Record<string, string> = { eur: '€', usd: '$', gbp: '£' };
  const s = symbol[currency];
  return s ? `${s}${(amount / 100).toFixed(2)}` : `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

function isUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface PlannedItem {
  /** An existing price, or the `price_data` of one to create once the whole request is known valid. */
  price: StoredObject | null;
  priceData: ParsedObject | null;
  path: string;
  currency: string;
  unitAmount: number;
  quantity: number;
  metadata: JsonObject;
  description: string;
}

/** Checks every line item before anything is created (a refused request leaves no trace). */
function planItems(store: StripeStore, items: ParsedObject[], livemode: boolean): PlannedItem[] {
  return items.map((item, i) => {
    const path = `line_items[${i}]`;
    if (item.price && item.price_data) throw invalid('You may only specify one of these parameters: price, price_data.', path);
    if (typeof item.price !== 'string' && !item.price_data) throw invalid(`You must specify either \`price\` or \`price_data\` in \`${path}\`.`, path);
    if (typeof item.quantity !== 'number') throw invalid(`Quantity is required. Add \`quantity\` to \`${path}\``, `${path}[quantity]`);
    const metadata = (item.metadata as JsonObject | undefined) ?? {};
    if (typeof item.price === 'string') {
      const price = store.get('price', item.price, livemode, `${path}[price]`);
      if (price.data.active !== true) throw invalid('The price specified is inactive. This field only accepts active prices.', `${path}[price]`);
      if (price.data.type === 'recurring') {
        throw invalid(
          'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
          `${path}[price]`,
        );
      }
      const product = store.find(String(price.data.product));
      return {
        price,
        priceData: null,
        path,
        currency: String(price.data.currency),
        unitAmount: Number(price.data.unit_amount),
        quantity: item.quantity,
        metadata,
        description: String(product?.data.name ?? ''),
      };
    }
    const data = item.price_data as ParsedObject;
    const dataPath = `${path}[price_data]`;
    if (typeof data.unit_amount !== 'number')
      throw invalid(`Missing required param: ${dataPath}[unit_amount].`, `${dataPath}[unit_amount]`, 'parameter_missing');
    let description: string;
    if (typeof data.product === 'string') description = String(store.get('product', data.product, livemode, `${dataPath}[product]`).data.name);
    else if (data.product_data) description = String((data.product_data as ParsedObject).name);
    else throw invalid(`Missing required param: ${dataPath}[product_data].`, `${dataPath}[product_data]`, 'parameter_missing');
    if (data.recurring) {
      throw invalid(
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
        `${dataPath}[recurring]`,
      );
    }
    return {
      price: null,
      priceData: data,
      path,
      currency: String(data.currency),
      unitAmount: data.unit_amount,
      quantity: item.quantity,
      metadata,
      description,
    };
  });
}

/** Creates the price (and product) Stripe makes for `price_data`: inactive, for this session only. */
function inlinePrice(store: StripeStore, data: ParsedObject, livemode: boolean): StoredObject {
  const now = store.now();
  let productId: string;
  if (typeof data.product === 'string') productId = data.product;
  else {
    const pd = data.product_data as ParsedObject;
    const product = shapes.product({
      id: store.ids.id('prod', 14),
      created: now,
      livemode,
      name: String(pd.name),
      active: false,
      description: typeof pd.description === 'string' ? pd.description : null,
      metadata: (pd.metadata as JsonObject | undefined) ?? {},
      images: Array.isArray(pd.images) ? (pd.images as Json[]) : [],
    });
    productId = store.insert('product', livemode, product, { inline: true }).id;
  }
  const price = shapes.price({
    id: store.ids.id('price'),
    created: now,
    livemode,
    currency: String(data.currency),
    unitAmount: Number(data.unit_amount),
    product: productId,
    active: false,
    taxBehavior: typeof data.tax_behavior === 'string' ? data.tax_behavior : null,
  });
  return store.insert('price', livemode, price, { inline: true });
}

/** POST /v1/checkout/sessions (mode=payment). */
export function createSession(store: StripeStore, params: ParsedObject, origin: Origin, paymentLink: StoredObject | null = null): StoredObject {
  const livemode = origin.livemode;
  if (params.mode === undefined || params.mode === null) throw invalid('Missing required param: mode.', 'mode', 'parameter_missing');
  if (params.mode === 'subscription') {
    throw invalid('You must provide at least one recurring price in `subscription` mode when using prices.', 'line_items');
  }
  if (params.mode !== 'payment') throw invalid(`Emulator: Checkout in ${String(params.mode)} mode is not emulated.`, 'mode');
  const items = params.line_items as ParsedObject[] | undefined | null;
  if (!items || items.length === 0) throw invalid('Missing required param: line_items.', 'line_items', 'parameter_missing');
  if (params.customer && params.customer_email) throw invalid('You may only specify one of these parameters: customer, customer_email.', 'customer_email');
  if (typeof params.customer_email === 'string' && !EMAIL.test(params.customer_email)) {
    throw invalid(`Invalid email address: ${params.customer_email}`, 'customer_email', 'email_invalid');
  }
  for (const key of ['success_url', 'cancel_url'] as const) {
    const url = params[key];
    if (typeof url === 'string' && !isUrl(url)) throw invalid('Not a valid URL', key, 'url_invalid');
  }
  const now = store.now();
  if (typeof params.expires_at === 'number') {
    if (params.expires_at < now + 30 * 60)
      throw invalid('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', 'expires_at');
    if (params.expires_at > now + DAY_S) throw invalid('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', 'expires_at');
  }
  if (typeof params.customer === 'string') store.get('customer', params.customer, livemode, 'customer');

  const planned = planItems(store, items, livemode);
  const currency = planned[0].currency;
  if (planned.some((r) => r.currency !== currency)) {
    throw invalid('Checkout does not support multiple currencies. All line items must have the same currency.', 'line_items');
  }
  const amount = planned.reduce((sum, r) => sum + r.unitAmount * r.quantity, 0);
  const discount = sessionDiscount(store, params, livemode);
  if (discount && typeof discount.coupon.data.amount_off === 'number' && discount.coupon.data.currency !== currency)
    throw refused(`The coupon ${discount.coupon.id} is in ${String(discount.coupon.data.currency)}, this Checkout Session in ${currency}.`, 'discounts');
  const off = discount
    ? discountShares(
        planned.map((r) => r.unitAmount * r.quantity),
        discount.coupon.data,
      ).reduce((s, x) => s + x, 0)
    : 0;
  // The minimum applies to what is due once discounted; a total of 0 is a no-cost order (docs.stripe.com/payments/checkout/no-cost-orders).
  const due = amount - off;
  const minimum = MINIMUM[currency];
  if (minimum !== undefined && due > 0 && due < minimum) {
    throw invalid(`The Checkout Session's total amount due must add up to at least ${money(minimum, currency)} ${currency}`, 'line_items');
  }

  const id = `${livemode ? 'cs_live_' : 'cs_test_'}a1${store.ids.chars(56)}`;
  const sessionParams = clone(params as JsonObject);
  if (!Array.isArray(sessionParams.payment_method_types)) sessionParams.payment_method_types = [...DEFAULT_METHODS];
  const session = shapes.checkoutSession({
    id,
    created: now,
    livemode,
    expiresAt: typeof params.expires_at === 'number' ? params.expires_at : now + DAY_S,
    url: `https://checkout.stripe.com/c/pay/${id}#fid${store.ids.chars(40)}`,
    currency,
    amount,
    params: sessionParams,
    paymentLink: paymentLink?.id ?? null,
  });
  const lineItems = planned.map((r) => {
    const price = r.price ?? inlinePrice(store, r.priceData as ParsedObject, livemode);
    return shapes.lineItem({ id: store.ids.id('li'), price: clone(price.data), quantity: r.quantity, description: r.description, metadata: r.metadata });
  });
  const intentData = (params.payment_intent_data as JsonObject | undefined) ?? (paymentLink?.hidden.paymentIntentData as JsonObject | undefined) ?? {};
  const stored = store.insert('checkout.session', livemode, session, { lineItems, paymentIntentData: clone(intentData), collection: collectionOf(params) });
  if (discount) applyDiscount(store, stored, discount);
  return stored;
}

/** Expiry (API call, or the clock passing `expires_at`): status expired, no URL, `checkout.session.expired`. */
export function expireSession(store: StripeStore, session: StoredObject, origin: Origin, at?: number): JsonObject {
  if (session.data.status !== 'open') {
    throw refused(`Only Checkout Sessions with a status in ['open'] can be expired. This Checkout Session has a status of ${String(session.data.status)}.`);
  }
  const previous = store.update(session, { status: 'expired', url: null });
  return store.emit('checkout.session.expired', session, origin, previous, at);
}

/** Expires every open session whose `expires_at` has passed (Stripe does it on time; the fake, when next looked at). */
export function sweepExpired(store: StripeStore): void {
  const now = store.now();
  for (const session of store.all('checkout.session')) {
    const expiresAt = Number(session.data.expires_at);
    if (session.data.status === 'open' && expiresAt <= now) {
      expireSession(store, session, { livemode: session.livemode, request: NOBODY }, expiresAt);
    }
  }
}

export interface CustomerInfo {
  email?: string;
  name?: string;
  phone?: string;
  address?: { line1?: string; line2?: string; postal_code?: string; city?: string; state?: string; country?: string };
  taxIds?: Array<{ type: string; value: string }>;
  company?: string;
  paymentMethod?: PaymentMethodKind;
  /** The receipt number Stripe gives a charge when it e-mails a receipt (e.g. "1234-5678"). */
  receiptNumber?: string;
  /** A promotion code typed on the payment page (the session must allow promotion codes). */
  promotionCode?: string;
}

/**
 * What the customer typed that the session asked for, and only that (docs.stripe.com/api/checkout/sessions/create):
 * the full billing address with `billing_address_collection: required` (else just the country card
 * payments need), tax ids with `tax_id_collection[enabled]`, a business name with
 * `name_collection[business][enabled]`.
 */
function collected(session: StoredObject, info: CustomerInfo): { address: JsonObject | null; businessName: string | null; taxIds: JsonObject[] } {
  const params = session.hidden.collection as JsonObject | undefined;
  const full = params?.billing_address_collection === 'required';
  const given = (info.address as JsonObject | undefined) ?? { country: 'FR' };
  const address = shapes.address(full ? given : { country: typeof given.country === 'string' ? given.country : 'FR' });
  const taxIds =
    (params?.tax_id_collection as JsonObject | undefined)?.enabled === true ? (info.taxIds ?? []).map((t) => ({ type: t.type, value: t.value })) : [];
  const business = ((params?.name_collection as JsonObject | undefined)?.business as JsonObject | undefined)?.enabled === true;
  return { address, businessName: business ? (info.company ?? null) : null, taxIds };
}

/** The collection parameters a session was created with (kept beside it, as the payment page uses them). */
export function collectionOf(params: ParsedObject | JsonObject): JsonObject {
  return clone({
    billing_address_collection: (params.billing_address_collection as Json | undefined) ?? null,
    tax_id_collection: (params.tax_id_collection as Json | undefined) ?? null,
    name_collection: (params.name_collection as Json | undefined) ?? null,
  } as JsonObject);
}

export interface Outcome {
  session: JsonObject;
  event: JsonObject;
}

/** The customer pays on the Checkout page: PaymentIntent + Charge (+ Customer when Stripe makes one), then `checkout.session.completed`. */
export function completeSession(store: StripeStore, session: StoredObject, info: CustomerInfo): Outcome {
  if (session.data.status !== 'open') throw new Error(`FakeStripe: ${session.id} is ${String(session.data.status)}, it cannot be completed`);
  const kind: PaymentMethodKind = info.paymentMethod ?? 'card';
  const allowed = session.data.payment_method_types;
  if (Array.isArray(allowed) && !allowed.includes(kind)) {
    throw new Error(`FakeStripe: ${session.id} accepts ${allowed.join(', ')}, not ${kind}`);
  }
  const livemode = session.livemode;
  const origin: Origin = { livemode, request: NOBODY };
  if (info.promotionCode !== undefined) {
    if (((session.data.discounts as Json[] | null) ?? []).length > 0) throw new Error(`FakeStripe: ${session.id} already has a discount`);
    applyDiscount(store, session, typedPromotionCode(store, session, info.promotionCode));
  }
  const now = store.now();
  const existing = typeof session.data.customer === 'string' ? store.find(session.data.customer) : undefined;
  const prefilled = typeof session.data.customer_email === 'string' ? session.data.customer_email : undefined;
  const email = info.email ?? prefilled ?? (existing?.data.email as string | undefined) ?? 'customer@example.com';
  const name = info.name ?? (existing?.data.name as string | undefined) ?? null;
  const phone = info.phone ?? null;
  const { address: addr, businessName, taxIds } = collected(session, info);
  const events: Array<() => void> = [];

  // A no-cost order: Checkout collects no payment method, makes no PaymentIntent, and creates a Customer
  // when the session has none (docs.stripe.com/payments/checkout/no-cost-orders).
  const free = Number(session.data.amount_total) === 0;
  let customerId: string | null = existing?.id ?? null;
  if (!existing && (session.data.customer_creation === 'always' || free)) {
    const c = store.insert(
      'customer',
      livemode,
      shapes.customer({
        id: store.ids.id('cus', 14),
        created: now,
        livemode,
        invoicePrefix: store.ids.chars(8).toUpperCase(),
        email,
        name,
        phone,
        address: addr,
      }),
    );
    customerId = c.id;
    events.push(() => store.emit('customer.created', c, origin));
  }

  const details = {
    address: addr,
    business_name: businessName,
    email,
    individual_name: null,
    name,
    phone,
    tax_exempt: 'none',
    tax_ids: taxIds,
  };
  // The session complete with what the payer gave, its discounts redeemed, the events due, then checkout.session.completed.
  const complete = (fields: JsonObject) => {
    store.update(session, {
      status: 'complete',
      ...fields,
      customer: customerId,
      customer_details: details,
      collected_information: { business_name: businessName, individual_name: null, shipping_details: null },
      url: null,
    });
    redeem(store, session);
    for (const emitOne of events) emitOne();
    return { session: clone(session.data), event: store.emit('checkout.session.completed', session, origin) };
  };
  if (free) return complete({ payment_status: 'no_payment_required' });
  const intentData = session.hidden.paymentIntentData as JsonObject;
  const amount = Number(session.data.amount_total);
  const currency = String(session.data.currency);
  const piId = store.ids.id('pi');
  const chId = store.ids.id('ch');
  const pmId = store.ids.id('pm');
  const paid = !isDelayed(kind);
  const txn = paid ? newChargeTxn(store, chId, amount, currency, livemode) : null;
  const intent = store.insert(
    'payment_intent',
    livemode,
    shapes.paymentIntent({
      id: piId,
      clientSecret: `${piId}_secret_${store.ids.chars(25)}`,
      created: now,
      livemode,
      amount,
      currency,
      customer: customerId,
      paymentMethod: pmId,
      kind,
      status: paid ? 'succeeded' : 'processing',
      latestCharge: chId,
      metadata: (intentData.metadata as JsonObject | undefined) ?? {},
      description: typeof intentData.description === 'string' ? intentData.description : null,
      receiptEmail: typeof intentData.receipt_email === 'string' ? intentData.receipt_email : null,
    }),
  );
  const ch = store.insert(
    'charge',
    livemode,
    shapes.charge({
      id: chId,
      created: now,
      livemode,
      amount,
      currency,
      customer: customerId,
      paymentIntent: piId,
      paymentMethod: pmId,
      kind,
      status: paid ? 'succeeded' : 'pending',
      balanceTransaction: txn,
      billing: { email, name, phone, address: addr },
      fingerprint: store.ids.chars(16),
      mandate: kind === 'sepa_debit' ? store.ids.id('mandate') : null,
      receiptUrl: `https://pay.stripe.com/receipts/payment/${store.ids.chars(96)}`,
      receiptNumber: info.receiptNumber ?? null,
      metadata: (intentData.metadata as JsonObject | undefined) ?? {},
      description: typeof intentData.description === 'string' ? intentData.description : null,
    }),
    { kind },
  );
  events.push(() => store.emit('payment_intent.created', intent, origin));
  if (paid) {
    events.push(() => store.emit('charge.succeeded', ch, origin));
    events.push(() => store.emit('payment_intent.succeeded', intent, origin));
  } else {
    events.push(() => store.emit('payment_intent.processing', intent, origin));
    events.push(() => store.emit('charge.pending', ch, origin));
  }

  return complete({ payment_status: paid ? 'paid' : 'unpaid', payment_intent: piId });
}

function newChargeTxn(store: StripeStore, chargeId: string, amount: number, currency: string, livemode: boolean): string {
  const txn = shapes.balanceTransaction({
    id: store.ids.id('txn'),
    created: store.now(),
    amount,
    currency,
    source: chargeId,
    type: 'charge',
    fee: shapes.stripeFee(amount),
  });
  return store.insert('balance_transaction', livemode, txn).id;
}

function asyncParts(store: StripeStore, sessionId: string): { session: StoredObject; intent: StoredObject; charge: StoredObject } {
  const session = store.find(sessionId);
  if (!session || session.type !== 'checkout.session') throw new Error(`FakeStripe: no Checkout Session ${sessionId}`);
  const intent = store.find(String(session.data.payment_intent));
  const charge = intent && store.find(String(intent.data.latest_charge));
  if (session.data.status !== 'complete' || session.data.payment_status !== 'unpaid' || !intent || !charge || intent.data.status !== 'processing') {
    throw new Error(`FakeStripe: ${sessionId} has no delayed payment waiting (complete it with paymentMethod 'sepa_debit' first)`);
  }
  return { session, intent, charge };
}

/** The SEPA debit clears: charge and PaymentIntent succeed, `checkout.session.async_payment_succeeded`. */
export function succeedAsync(store: StripeStore, sessionId: string): Outcome {
  const { session, intent, charge } = asyncParts(store, sessionId);
  const origin: Origin = { livemode: session.livemode, request: NOBODY };
  const amount = Number(intent.data.amount);
  const txn = newChargeTxn(store, charge.id, amount, String(intent.data.currency), session.livemode);
  const chargePrev = store.update(charge, { status: 'succeeded', paid: true, balance_transaction: txn });
  store.emit('charge.succeeded', charge, origin, chargePrev);
  const intentPrev = store.update(intent, { status: 'succeeded', amount_received: amount });
  store.emit('payment_intent.succeeded', intent, origin, intentPrev);
  const prev = store.update(session, { payment_status: 'paid' });
  return { session: clone(session.data), event: store.emit('checkout.session.async_payment_succeeded', session, origin, prev) };
}

/** The SEPA debit bounces: charge failed, PaymentIntent back to requires_payment_method, `checkout.session.async_payment_failed`. */
export function failAsync(store: StripeStore, sessionId: string): Outcome {
  const { session, intent, charge } = asyncParts(store, sessionId);
  const origin: Origin = { livemode: session.livemode, request: NOBODY };
  const chargePrev = store.update(charge, {
    status: 'failed',
    paid: false,
    captured: false,
    amount_captured: 0,
    failure_code: 'insufficient_funds',
    failure_message: 'The account has insufficient funds to cover the payment.',
  });
  store.emit('charge.failed', charge, origin, chargePrev);
  const intentPrev = store.update(intent, {
    status: 'requires_payment_method',
    last_payment_error: { code: 'insufficient_funds', message: 'The account has insufficient funds to cover the payment.', type: 'card_error' },
  });
  store.emit('payment_intent.payment_failed', intent, origin, intentPrev);
  return { session: clone(session.data), event: store.emit('checkout.session.async_payment_failed', session, origin) };
}
