// FakeStripe's test helpers play the customer, the bank and the dashboard; each must create the
// objects and emit the events Stripe would (docs.stripe.com/checkout/fulfillment,
// docs.stripe.com/api/events/types, shapes from shared/stripe-fixtures/*.json).
import { Runtime } from '../../emulator/src/runtime';
import { FakeStripe } from '../../emulator/src/stripe';
import { FakeUrlFetchApp, UrlFetchService } from '../../emulator/src/urlfetch';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

function setup() {
  const rt = new Runtime();
  const stripe = new FakeStripe(rt);
  // Timestamps here are compared with the script's clock: no skew (stripe-fidelity.test.ts has it).
  stripe.setClockSkew(0);
  const urlFetch = new UrlFetchService(rt, stripe);
  const app = urlFetch.globals().UrlFetchApp as FakeUrlFetchApp;
  const get = (path: string, key = 'sk_test_emulator'): { code: number; body: J } => {
    const res = app.fetch(`https://api.stripe.com${path}`, { headers: { Authorization: `Bearer ${key}` }, muteHttpExceptions: true });
    return { code: res.getResponseCode(), body: JSON.parse(res.getContentText()) };
  };
  const price = String(stripe.createPrice({ product: String(stripe.createProduct({ name: 'Cours' }).id), unitAmount: 4000 }).id);
  const open = (extra: Record<string, unknown> = {}) =>
    stripe.createCheckoutSession({ mode: 'payment', line_items: [{ price, quantity: 2 }], customer_email: 'eleve@example.com', ...extra });
  return { rt, stripe, get, price, open, now: () => Math.floor(rt.clock.now() / 1000) };
}

const typesSince = (stripe: FakeStripe, n: number) =>
  stripe
    .events()
    .slice(n)
    .map((e) => e.type);

describe('completeCheckout (card)', () => {
  test('the session becomes complete and paid; PaymentIntent and charge succeed', () => {
    const { stripe, open, get } = setup();
    const session = open();
    const { session: done } = stripe.completeCheckout(String(session.id), {
      email: 'eleve@example.com',
      name: 'Élève Un',
      phone: '+33600000000',
      address: { city: 'Lyon', postal_code: '69001', country: 'FR' },
    });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', url: null, amount_total: 8000 });
    // The session asked for no address: only the country comes back (docs.stripe.com/api/checkout/sessions/create#create_checkout_session-billing_address_collection).
    expect(done.customer_details).toMatchObject({
      email: 'eleve@example.com',
      name: 'Élève Un',
      phone: '+33600000000',
      address: { city: null, country: 'FR', line1: null },
      tax_ids: [],
    });
    const pi = get(`/v1/payment_intents/${done.payment_intent}`).body;
    expect(pi).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 8000, amount_received: 8000, currency: 'eur' });
    const charge = get(`/v1/charges/${pi.latest_charge}`).body;
    expect(charge).toMatchObject({
      status: 'succeeded',
      paid: true,
      captured: true,
      amount_refunded: 0,
      payment_method_details: { type: 'card' },
      billing_details: { email: 'eleve@example.com', name: 'Élève Un' },
    });
    expect(charge.balance_transaction).toMatch(/^txn_/);
  });

  test("events, in Stripe's order: payment_intent.created, charge.succeeded, payment_intent.succeeded, checkout.session.completed", () => {
    const { stripe, open } = setup();
    const before = stripe.events().length;
    stripe.completeCheckout(String(open().id), {});
    expect(typesSince(stripe, before)).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded', 'checkout.session.completed']);
  });

  test('the returned event has the envelope of a real webhook and no line items in data.object', () => {
    const { stripe, open, now } = setup();
    stripe.addWebhookEndpoint('https://example.com/exec', ['checkout.session.completed']);
    const { event } = stripe.completeCheckout(String(open({ metadata: { product_code: 'C10' } }).id), {});
    const e = event as J;
    expect(e).toMatchObject({
      object: 'event',
      type: 'checkout.session.completed',
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: { object: 'checkout.session', metadata: { product_code: 'C10' }, payment_status: 'paid' } },
    });
    expect(e.id).toMatch(/^evt_[0-9A-Za-z]+$/);
    expect(e.api_version).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(e.data.object.line_items).toBeUndefined();
    expect(stripe.getEvent(e.id)).toEqual(e);
  });

  test('in payment mode no Customer is created unless customer_creation=always (customer stays null)', () => {
    const { stripe, open } = setup();
    const guest = stripe.completeCheckout(String(open().id), {}).session;
    expect(guest.customer).toBeNull();
    expect(stripe.objects('customer')).toHaveLength(0);
    const before = stripe.events().length;
    const kept = stripe.completeCheckout(String(open({ customer_creation: 'always' }).id), { name: 'Élève' }).session;
    expect(kept.customer).toMatch(/^cus_/);
    expect(stripe.objects('customer')[0]).toMatchObject({ email: 'eleve@example.com', name: 'Élève' });
    expect(typesSince(stripe, before)[0]).toBe('customer.created');
  });

  test('session metadata stays on the session; payment_intent_data[metadata] goes to the PaymentIntent', () => {
    const { stripe, open, get } = setup();
    const done = stripe.completeCheckout(
      String(open({ metadata: { product_code: 'C10' }, payment_intent_data: { metadata: { origin: 'carnet' } } }).id),
      {},
    ).session;
    const pi = get(`/v1/payment_intents/${done.payment_intent}`).body;
    expect(pi.metadata).toEqual({ origin: 'carnet' });
  });

  test('address, tax ids and company name are reported in customer_details when the session asked for them', () => {
    const { stripe, open } = setup();
    const customer = {
      company: 'ACME SARL',
      taxIds: [{ type: 'eu_vat', value: 'FR12345678901' }],
      address: { line1: '1 rue A', city: 'Lyon', postal_code: '69001', country: 'FR' },
    };
    const asked = open({
      billing_address_collection: 'required',
      tax_id_collection: { enabled: true },
      name_collection: { business: { enabled: true, optional: true } },
    });
    expect(asked).toMatchObject({
      billing_address_collection: 'required',
      tax_id_collection: { enabled: true, required: 'never' },
      name_collection: { business: { enabled: true, optional: true }, individual: { enabled: false, optional: false } },
    });
    const done = stripe.completeCheckout(String(asked.id), customer).session;
    expect(done.customer_details).toMatchObject({
      business_name: 'ACME SARL',
      tax_ids: [{ type: 'eu_vat', value: 'FR12345678901' }],
      address: { line1: '1 rue A', city: 'Lyon' },
    });
    expect(done.collected_information).toMatchObject({ business_name: 'ACME SARL' });
  });

  test('a session that asked for nothing returns no company, no tax id and only the country', () => {
    const { stripe, open } = setup();
    const done = stripe.completeCheckout(String(open().id), {
      company: 'ACME SARL',
      taxIds: [{ type: 'eu_vat', value: 'FR12345678901' }],
      address: { line1: '1 rue A', city: 'Lyon', country: 'FR' },
    }).session;
    expect(done.customer_details).toMatchObject({ business_name: null, tax_ids: [], address: { line1: null, city: null, country: 'FR' } });
  });

  test('name_collection is checked as Stripe does', () => {
    const { open } = setup();
    expect(() => open({ name_collection: { business: { optional: true } } })).toThrow('Missing required param: name_collection[business][enabled].');
    expect(() => open({ name_collection: { company: { enabled: true } } })).toThrow('Received unknown parameter: name_collection[company]');
  });

  test('a session that is not open cannot be completed', () => {
    const { stripe, open } = setup();
    const id = String(open().id);
    stripe.expireSession(id);
    expect(() => stripe.completeCheckout(id, {})).toThrow(`FakeStripe: ${id} is expired, it cannot be completed`);
  });
});

describe('delayed payment (SEPA debit)', () => {
  test('complete with sepa_debit: paid later — unpaid session, processing PaymentIntent, pending charge', () => {
    const { stripe, open, get } = setup();
    const before = stripe.events().length;
    const { session } = stripe.completeCheckout(String(open().id), { paymentMethod: 'sepa_debit' });
    expect(session).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    expect(typesSince(stripe, before)).toEqual(['payment_intent.created', 'payment_intent.processing', 'charge.pending', 'checkout.session.completed']);
    const pi = get(`/v1/payment_intents/${session.payment_intent}`).body;
    expect(pi.status).toBe('processing');
    expect(get(`/v1/charges/${pi.latest_charge}`).body).toMatchObject({
      status: 'pending',
      balance_transaction: null,
      payment_method_details: { type: 'sepa_debit' },
    });
  });

  test('succeedAsyncPayment: checkout.session.async_payment_succeeded, session paid', () => {
    const { stripe, open } = setup();
    const id = String(open().id);
    stripe.completeCheckout(id, { paymentMethod: 'sepa_debit' });
    const before = stripe.events().length;
    const { session, event } = stripe.succeedAsyncPayment(id);
    expect(session.payment_status).toBe('paid');
    expect(event.type).toBe('checkout.session.async_payment_succeeded');
    expect(typesSince(stripe, before)).toEqual(['charge.succeeded', 'payment_intent.succeeded', 'checkout.session.async_payment_succeeded']);
  });

  test('failAsyncPayment: checkout.session.async_payment_failed, session still unpaid', () => {
    const { stripe, open } = setup();
    const id = String(open().id);
    stripe.completeCheckout(id, { paymentMethod: 'sepa_debit' });
    const { session, event } = stripe.failAsyncPayment(id);
    expect(session.payment_status).toBe('unpaid');
    expect(event.type).toBe('checkout.session.async_payment_failed');
    expect(stripe.objects('charge')[0]).toMatchObject({ status: 'failed', failure_code: 'insufficient_funds' });
  });

  test('a card payment has no delayed outcome to report', () => {
    const { stripe, open } = setup();
    const id = String(open().id);
    stripe.completeCheckout(id, {});
    expect(() => stripe.succeedAsyncPayment(id)).toThrow(/no delayed payment waiting/);
  });

  test('a session restricted to card payments cannot be paid by SEPA debit', () => {
    const { stripe, open } = setup();
    const id = String(open({ payment_method_types: ['card'] }).id);
    expect(() => stripe.completeCheckout(id, { paymentMethod: 'sepa_debit' })).toThrow(/accepts card, not sepa_debit/);
  });
});

describe('pay, payment links, expiry', () => {
  test('pay() with an existing price: one paid session, its line items retrievable', () => {
    const { stripe, price, get } = setup();
    const { session, event } = stripe.pay({ lineItems: [{ price, quantity: 3 }], email: 'a@example.com', name: 'A', metadata: { product_code: 'C10' } });
    expect(event.type).toBe('checkout.session.completed');
    expect(session).toMatchObject({ amount_total: 12000, metadata: { product_code: 'C10' }, customer_details: { email: 'a@example.com', name: 'A' } });
    const items = get(`/v1/checkout/sessions/${session.id}/line_items`).body.data;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ quantity: 3, price: { id: price } });
  });

  test('pay() with an ad-hoc item (name, unitAmount) sells it through price_data', () => {
    const { stripe, get } = setup();
    const { session } = stripe.pay({ lineItems: [{ name: 'Ebook', unitAmount: 1500, quantity: 1 }], email: 'a@example.com' });
    const item = get(`/v1/checkout/sessions/${session.id}?expand[]=line_items`).body.line_items.data[0];
    expect(item).toMatchObject({ description: 'Ebook', amount_total: 1500, currency: 'eur', price: { active: false } });
  });

  test('buyPaymentLink(): the session names the link and carries its metadata', () => {
    const { stripe, price, get } = setup();
    const res = JSON.parse(
      stripe.handle({
        method: 'POST',
        url: 'https://api.stripe.com/v1/payment_links',
        headers: { Authorization: 'Bearer sk_test_emulator' },
        body: `line_items[0][price]=${price}&line_items[0][quantity]=1&metadata[product_code]=L1`,
      }).body,
    );
    const { session } = stripe.buyPaymentLink(res.id, { email: 'b@example.com' });
    expect(session).toMatchObject({ payment_link: res.id, metadata: { product_code: 'L1' }, payment_status: 'paid' });
    expect(get(`/v1/checkout/sessions?payment_link=${res.id}`).body.data).toHaveLength(1);
  });

  test('expireSession(): checkout.session.expired', () => {
    const { stripe, open } = setup();
    const { session, event } = stripe.expireSession(String(open().id));
    expect(session.status).toBe('expired');
    expect(event).toMatchObject({ type: 'checkout.session.expired', data: { object: { status: 'expired' }, previous_attributes: { status: 'open' } } });
  });

  test('a session created for a later expiry expires by itself once the clock passes expires_at', () => {
    const { stripe, open, rt, now } = setup();
    const session = open({ expires_at: now() + 3600 });
    rt.clock.advance(3600 * 1000);
    const event = stripe.events().pop() as J;
    expect(event).toMatchObject({ type: 'checkout.session.expired', created: session.expires_at });
  });
});

describe('refunds and disputes', () => {
  test('refund() in several parts: each emits charge.refunded with the running amount_refunded', () => {
    const { stripe, price } = setup();
    const pi = String(stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'a@example.com' }).session.payment_intent);
    const first = stripe.refund(pi, 1000);
    expect(first.event).toMatchObject({
      type: 'charge.refunded',
      data: { object: { amount_refunded: 1000, refunded: false }, previous_attributes: { amount_refunded: 0 } },
    });
    const rest = stripe.refund(pi);
    expect(rest.refund.amount).toBe(3000);
    expect(rest.event).toMatchObject({
      data: { object: { amount_refunded: 4000, refunded: true }, previous_attributes: { amount_refunded: 1000, refunded: false } },
    });
    expect(() => stripe.refund(pi, 1)).toThrow(/has already been refunded/);
  });

  test('openDispute(): charge.dispute.created with evidence due by the end of a day a week later; the charge is disputed', () => {
    const { stripe, price, now, get } = setup();
    const pi = String(stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'a@example.com' }).session.payment_intent);
    const before = stripe.events().length;
    const { dispute, event } = stripe.openDispute(pi, { reason: 'fraudulent' });
    expect(event.type).toBe('charge.dispute.created');
    expect(dispute).toMatchObject({ object: 'dispute', amount: 4000, currency: 'eur', payment_intent: pi, reason: 'fraudulent', status: 'needs_response' });
    expect(get(`/v1/disputes/${dispute.id}`).body).toMatchObject({ id: dispute.id, charge: stripe.objects('charge')[0].id });
    const dueBy = (dispute.evidence_details as J).due_by;
    expect(dueBy).toBeGreaterThanOrEqual(now() + 7 * 86400);
    expect(dueBy % 86400).toBe(86399);
    expect(typesSince(stripe, before)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn']);
    expect(stripe.objects('charge')[0].disputed).toBe(true);
    expect(() => stripe.refund(pi)).toThrow(/has been charged back; cannot issue a refund/);
  });

  test('closeDispute(): charge.dispute.closed with the outcome', () => {
    const { stripe, price } = setup();
    const pi = String(stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'a@example.com' }).session.payment_intent);
    const { dispute } = stripe.openDispute(pi, { reason: 'product_not_received', amount: 2000 });
    expect(dispute.amount).toBe(2000);
    const { event } = stripe.closeDispute(String(dispute.id), 'won');
    expect(event).toMatchObject({ type: 'charge.dispute.closed', data: { object: { status: 'won' } } });
  });
});

describe('modes, inspection, persistence', () => {
  test('livemode objects and events are invisible to a test key', () => {
    const { stripe, get, price } = setup();
    stripe.addKey('sk_live_carnet');
    const livePrice = String(
      stripe.createPrice({ product: String(stripe.createProduct({ name: 'Live', livemode: true }).id), unitAmount: 4000, livemode: true }).id,
    );
    const { event } = stripe.pay({ lineItems: [{ price: livePrice, quantity: 1 }], email: 'a@example.com', livemode: true });
    expect(event.livemode).toBe(true);
    expect(get(`/v1/events/${event.id}`).code).toBe(404);
    expect(get(`/v1/events/${event.id}`, 'sk_live_carnet').body.livemode).toBe(true);
    expect(() => stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'a@example.com', livemode: true })).toThrow(/similar object exists in test mode/);
  });

  test('events() is oldest first; getEvent() of an unknown id throws; objects(type) lists a type', () => {
    const { stripe, price } = setup();
    stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'a@example.com' });
    const events = stripe.events();
    expect(events[0].type).toBe('product.created');
    expect(events[events.length - 1].type).toBe('checkout.session.completed');
    expect(() => stripe.getEvent('evt_nope')).toThrow('FakeStripe: no event evt_nope');
    expect(stripe.objects('payment_intent')).toHaveLength(1);
  });

  test('save()/load(): objects, events, keys and idempotency keys survive', () => {
    const a = setup();
    a.stripe.addKey('sk_test_saved');
    const paid = a.stripe.pay({ lineItems: [{ price: a.price, quantity: 1 }], email: 'a@example.com' });
    const post = (stripe: FakeStripe) =>
      stripe.handle({
        method: 'POST',
        url: 'https://api.stripe.com/v1/customers',
        headers: { Authorization: 'Bearer sk_test_saved', 'Idempotency-Key': 'c-1' },
        body: 'email=x%40example.com',
      });
    const created = JSON.parse(post(a.stripe).body);
    const snapshot = JSON.parse(JSON.stringify(a.rt.saveState('stripe')));

    const b = setup();
    b.rt.loadState('stripe', snapshot);
    expect(b.stripe.getEvent(String(paid.event.id)).type).toBe('checkout.session.completed');
    const replay = post(b.stripe);
    expect(replay.headers['Idempotent-Replayed']).toBe('true');
    expect(JSON.parse(replay.body).id).toBe(created.id);
    expect(b.get(`/v1/checkout/sessions/${paid.session.id}`).body.status).toBe('complete');
    expect(b.stripe.requests()).toHaveLength(a.stripe.requests().length + 2);
  });
});
