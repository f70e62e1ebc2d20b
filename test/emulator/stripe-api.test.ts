// The fake Stripe API as a script reaches it: UrlFetchApp → https://api.stripe.com/v1/….
// References: docs.stripe.com/api (authentication, errors, pagination, idempotent requests, events,
// checkout/sessions, refunds, customers, products, prices, payment_links, webhook_endpoints),
// docs.stripe.com/error-low-level (what an Idempotency-Key saves).
import { Runtime } from '../../emulator/src/runtime';
import { encodeForm, FakeStripe } from '../../emulator/src/stripe';
import { FakeUrlFetchApp, UrlFetchService } from '../../emulator/src/urlfetch';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

const KEY = 'sk_test_emulator';
const DAY_MS = 24 * 60 * 60 * 1000;

function setup() {
  const rt = new Runtime();
  const stripe = new FakeStripe(rt);
  // Timestamps here are compared with the script's clock: no skew (stripe-fidelity.test.ts has it).
  stripe.setClockSkew(0);
  const urlFetch = new UrlFetchService(rt, stripe);
  const app = urlFetch.globals().UrlFetchApp as FakeUrlFetchApp;
  const call = (
    method: 'get' | 'post' | 'delete',
    path: string,
    params?: Record<string, unknown> | string,
    options: { headers?: Record<string, string>; key?: string | null } = {},
  ) => {
    const auth: Record<string, string> = options.key === null ? {} : { Authorization: `Bearer ${options.key ?? KEY}` };
    const res = app.fetch(`https://api.stripe.com${path}`, {
      method,
      payload: typeof params === 'object' ? encodeForm(params) : params,
      headers: { ...auth, ...options.headers },
      muteHttpExceptions: true,
    });
    return { code: res.getResponseCode(), body: JSON.parse(res.getContentText()) as J, headers: res.getHeaders() as Record<string, string> };
  };
  const product = stripe.createProduct({ name: 'Cours particulier' });
  const price = stripe.createPrice({ product: String(product.id), unitAmount: 4000 });
  const session = (extra: Record<string, unknown> = {}) =>
    call('post', '/v1/checkout/sessions', { mode: 'payment', line_items: [{ price: price.id, quantity: 1 }], ...extra });
  return { rt, stripe, urlFetch, app, call, price: String(price.id), product: String(product.id), session };
}

describe('authentication (docs.stripe.com/api/authentication)', () => {
  test('no Authorization header: 401 "You did not provide an API key."', () => {
    const { call } = setup();
    const res = call('get', '/v1/events', undefined, { key: null });
    expect(res.code).toBe(401);
    expect(res.body.error.type).toBe('invalid_request_error');
    expect(res.body.error.message).toMatch(/^You did not provide an API key\. You need to provide your API key in the Authorization header, using Bearer auth/);
  });

  test('an unknown key: 401 "Invalid API Key provided" with all but the last four characters masked', () => {
    const { call } = setup();
    const res = call('get', '/v1/events', undefined, { key: 'sk_test_wrongkey1234' });
    expect(res.code).toBe(401);
    expect(res.body).toEqual({ error: { message: 'Invalid API Key provided: sk_test_********1234', type: 'invalid_request_error' } });
  });

  test('Basic auth with the key as user name works as Bearer does', () => {
    const { app } = setup();
    const basic = Buffer.from(`${KEY}:`).toString('base64');
    const res = app.fetch('https://api.stripe.com/v1/events', { headers: { Authorization: `Basic ${basic}` } });
    expect(res.getResponseCode()).toBe(200);
  });

  test('a rolled (expired) key: 401 "Expired API Key provided" with code api_key_expired', () => {
    const { stripe, call } = setup();
    stripe.addKey('sk_test_oldkey');
    stripe.expireKey('sk_test_oldkey');
    const res = call('get', '/v1/events', undefined, { key: 'sk_test_oldkey' });
    expect(res.code).toBe(401);
    expect(res.body.error.message).toBe('Expired API Key provided: sk_test_**dkey');
    expect(res.body.error.code).toBe('api_key_expired');
  });

  test('restricted keys work; livemode follows the key prefix', () => {
    const { stripe, call } = setup();
    stripe.addKey('rk_test_carnet');
    stripe.addKey('sk_live_carnet');
    const test = call('post', '/v1/customers', { email: 'a@example.com' }, { key: 'rk_test_carnet' });
    const live = call('post', '/v1/customers', { email: 'b@example.com' }, { key: 'sk_live_carnet' });
    expect(test.body.livemode).toBe(false);
    expect(live.body.livemode).toBe(true);
  });

  test('a test key never sees a live object: 404 with Stripe\'s "similar object exists in live mode" hint', () => {
    const { stripe, call } = setup();
    stripe.addKey('sk_live_carnet');
    const live = call('post', '/v1/customers', { email: 'b@example.com' }, { key: 'sk_live_carnet' });
    const res = call('get', `/v1/customers/${live.body.id}`);
    expect(res.code).toBe(404);
    expect(res.body.error.code).toBe('resource_missing');
    expect(res.body.error.message).toBe(
      `No such customer: '${live.body.id}'; a similar object exists in live mode, but a test mode key was used to make this request.`,
    );
  });
});

describe('request format and errors (docs.stripe.com/api/errors)', () => {
  test('an unknown URL: 404 "Unrecognized request URL (GET: /v1/nothing)"', () => {
    const { call } = setup();
    const res = call('get', '/v1/nothing');
    expect(res.code).toBe(404);
    expect(res.body.error.message).toBe(
      'Unrecognized request URL (GET: /v1/nothing). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.',
    );
  });

  test('a JSON body is refused: Stripe only reads form-encoded bodies', () => {
    const { app } = setup();
    const res = app.fetch('https://api.stripe.com/v1/customers', {
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify({ email: 'a@example.com' }),
      headers: { Authorization: `Bearer ${KEY}` },
      muteHttpExceptions: true,
    });
    expect(res.getResponseCode()).toBe(400);
    expect(JSON.parse(res.getContentText()).error.message).toMatch(/^Invalid request: unsupported Content-Type application\/json\./);
  });

  test('an unknown parameter: 400 "Received unknown parameter: …" naming it in bracket notation', () => {
    const { session } = setup();
    const res = session({ line_items: [{ price: 'price_x', quantity: 1, colour: 'red' }] });
    expect(res.code).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'parameter_unknown',
      param: 'line_items[0][colour]',
      message: 'Received unknown parameter: line_items[0][colour]',
    });
  });

  test('a nested payload object sent by UrlFetchApp arrives as "[object Object]": 400 "Invalid object" / "Invalid array"', () => {
    const { call, price } = setup();
    const meta = call('post', '/v1/checkout/sessions', `mode=payment&line_items[0][price]=${price}&line_items[0][quantity]=1&metadata=%5Bobject+Object%5D`);
    expect(meta.code).toBe(400);
    expect(meta.body.error).toMatchObject({ message: 'Invalid object', param: 'metadata', type: 'invalid_request_error' });
    const items = call('post', '/v1/checkout/sessions', 'mode=payment&line_items=%5Bobject+Object%5D');
    expect(items.body.error).toMatchObject({ message: 'Invalid array', param: 'line_items' });
  });

  test('a non-integer amount: 400 "Invalid integer: abc"', () => {
    const { call } = setup();
    const res = call('post', '/v1/prices', { currency: 'eur', unit_amount: 'abc', product_data: { name: 'X' } });
    expect(res.body.error).toMatchObject({ code: 'parameter_invalid_integer', message: 'Invalid integer: abc', param: 'unit_amount' });
  });

  test('errors carry a request_log_url pointing at the request in the Dashboard', () => {
    const { call } = setup();
    const res = call('get', '/v1/events/evt_nothing');
    expect(res.body.error.request_log_url).toBe(
      `https://dashboard.stripe.com/test/logs/${res.headers['Request-Id']}?t=${Math.floor(Date.UTC(2026, 10, 21, 9, 0, 0) / 1000)}`,
    );
  });
});

describe('Checkout Sessions (docs.stripe.com/api/checkout/sessions)', () => {
  test('create: an open session with its hosted URL, no PaymentIntent yet, expiring in 24 h', () => {
    const { session, rt } = setup();
    const res = session({ customer_email: 'eleve@example.com', metadata: { product_code: 'C10' }, locale: 'fr', success_url: 'https://example.com/ok' });
    expect(res.code).toBe(200);
    const s = res.body;
    expect(s.id).toMatch(/^cs_test_a1[0-9A-Za-z]{56}$/);
    expect(s.url).toMatch(new RegExp(`^https://checkout\\.stripe\\.com/c/pay/${s.id}#`));
    expect(s).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      amount_total: 4000,
      currency: 'eur',
      customer_email: 'eleve@example.com',
      customer_details: null,
      metadata: { product_code: 'C10' },
      locale: 'fr',
      mode: 'payment',
      livemode: false,
      created: Math.floor(rt.clock.now() / 1000),
    });
    expect(s.expires_at - s.created).toBe(24 * 60 * 60);
    expect(s.line_items).toBeUndefined();
  });

  test('create with price_data/product_data: the line item is described by the product name', () => {
    const { call, stripe } = setup();
    const res = call('post', '/v1/checkout/sessions', {
      mode: 'payment',
      line_items: [{ price_data: { currency: 'eur', unit_amount: 2500, product_data: { name: 'Carnet 10 cours' } }, quantity: 2 }],
    });
    expect(res.body.amount_total).toBe(5000);
    const items = call('get', `/v1/checkout/sessions/${res.body.id}/line_items`).body;
    expect(items.data[0]).toMatchObject({
      object: 'item',
      description: 'Carnet 10 cours',
      quantity: 2,
      amount_total: 5000,
      price: { unit_amount: 2500, active: false },
    });
    expect(stripe.objects('product').map((p) => p.name)).toContain('Carnet 10 cours');
  });

  test('create without mode: 400 "Missing required param: mode."', () => {
    const { call, price } = setup();
    const res = call('post', '/v1/checkout/sessions', { line_items: [{ price, quantity: 1 }] });
    expect(res.body.error).toMatchObject({ code: 'parameter_missing', param: 'mode', message: 'Missing required param: mode.' });
  });

  test('create without line_items: 400 "Missing required param: line_items."', () => {
    const { call } = setup();
    expect(call('post', '/v1/checkout/sessions', { mode: 'payment' }).body.error.message).toBe('Missing required param: line_items.');
  });

  test('a line item without quantity: 400 "Quantity is required. Add `quantity` to `line_items[0]`"', () => {
    const { session, price } = setup();
    const res = session({ line_items: [{ price }] });
    expect(res.body.error.message).toBe('Quantity is required. Add `quantity` to `line_items[0]`');
  });

  test('an unknown price: 404 "No such price: \'price_…\'" on line_items[0][price], and nothing is created', () => {
    const { session, stripe } = setup();
    const before = stripe.objects('price').length;
    const res = session({
      line_items: [
        { price_data: { currency: 'eur', unit_amount: 100, product_data: { name: 'A' } }, quantity: 1 },
        { price: 'price_missing', quantity: 1 },
      ],
    });
    expect(res.code).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'resource_missing', param: 'line_items[1][price]', message: "No such price: 'price_missing'" });
    expect(stripe.objects('price')).toHaveLength(before);
  });

  test('expires_at must be 30 minutes to 24 hours ahead (the real messages)', () => {
    const { session, rt } = setup();
    const now = Math.floor(rt.clock.now() / 1000);
    expect(session({ expires_at: now + 10 * 60 }).body.error).toMatchObject({
      param: 'expires_at',
      message: 'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
    });
    expect(session({ expires_at: now + 25 * 3600 }).body.error.message).toBe(
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
    );
    expect(session({ expires_at: now + 3600 }).body.expires_at).toBe(now + 3600);
  });

  test('below the minimum charge: 400 "must add up to at least €0.50 eur"', () => {
    const { call } = setup();
    const res = call('post', '/v1/checkout/sessions', {
      mode: 'payment',
      line_items: [{ price_data: { currency: 'eur', unit_amount: 20, product_data: { name: 'A' } }, quantity: 1 }],
    });
    expect(res.body.error.message).toBe("The Checkout Session's total amount due must add up to at least €0.50 eur");
  });

  test('retrieve with expand[]=line_items; the line items page is /v1/checkout/sessions/{id}/line_items', () => {
    const { session, call } = setup();
    const id = session().body.id;
    const s = call('get', `/v1/checkout/sessions/${id}?expand[]=line_items`).body;
    expect(s.line_items).toMatchObject({ object: 'list', has_more: false, url: `/v1/checkout/sessions/${id}/line_items` });
    expect(s.line_items.data[0]).toMatchObject({
      object: 'item',
      quantity: 1,
      description: 'Cours particulier',
      price: { object: 'price', unit_amount: 4000 },
    });
    expect(call('get', `/v1/checkout/sessions/${id}`).body.line_items).toBeUndefined();
  });

  test('an unknown session: 404 "No such checkout.session: \'cs_test_nope\'"', () => {
    const { call } = setup();
    const res = call('get', '/v1/checkout/sessions/cs_test_nope');
    expect(res.code).toBe(404);
    expect(res.body.error.message).toBe("No such checkout.session: 'cs_test_nope'");
  });

  test('expire an open session: status expired, url null, a checkout.session.expired event naming the request', () => {
    const { session, call, stripe } = setup();
    const id = session().body.id;
    const res = call('post', `/v1/checkout/sessions/${id}/expire`, undefined, { headers: { 'Idempotency-Key': 'expire-1' } });
    expect(res.body).toMatchObject({ id, status: 'expired', url: null });
    const event = stripe.events().pop() as J;
    expect(event).toMatchObject({
      type: 'checkout.session.expired',
      request: { id: res.headers['Request-Id'], idempotency_key: 'expire-1' },
      data: { object: { id, status: 'expired' } },
    });
  });

  test('expire a session that is not open: 400 "Only Checkout Sessions with a status in [\'open\'] can be expired."', () => {
    const { session, call } = setup();
    const id = session().body.id;
    call('post', `/v1/checkout/sessions/${id}/expire`);
    const res = call('post', `/v1/checkout/sessions/${id}/expire`);
    expect(res.code).toBe(400);
    expect(res.body.error.message).toBe("Only Checkout Sessions with a status in ['open'] can be expired. This Checkout Session has a status of expired.");
  });

  test('a session left open expires on its own at expires_at (event created at expires_at)', () => {
    const { session, call, rt, stripe } = setup();
    const s = session().body;
    rt.clock.advance(DAY_MS + 60_000);
    expect(call('get', `/v1/checkout/sessions/${s.id}`).body.status).toBe('expired');
    const event = stripe.events().find((e) => e.type === 'checkout.session.expired') as J;
    expect(event.created).toBe(s.expires_at);
    expect(event.request).toEqual({ id: null, idempotency_key: null });
  });

  test('list sessions, filtered by status, newest first', () => {
    const { session, call } = setup();
    const a = session().body.id;
    const b = session().body.id;
    call('post', `/v1/checkout/sessions/${a}/expire`);
    const open = call('get', '/v1/checkout/sessions?status=open').body;
    expect(open).toMatchObject({ object: 'list', url: '/v1/checkout/sessions', has_more: false });
    expect(open.data.map((s: J) => s.id)).toEqual([b]);
    expect(call('get', '/v1/checkout/sessions').body.data.map((s: J) => s.id)).toEqual([b, a]);
  });
});

describe('events (docs.stripe.com/api/events)', () => {
  function withEvents(n: number) {
    const ctx = setup();
    for (let i = 0; i < n; i++) {
      ctx.call('post', '/v1/customers', { email: `c${i}@example.com` });
      ctx.rt.clock.advance(1000);
    }
    return ctx;
  }

  test('retrieve an event by id: the envelope Stripe sends', () => {
    const { call, stripe } = withEvents(1);
    const id = String(stripe.events()[stripe.events().length - 1].id);
    const event = call('get', `/v1/events/${id}`).body;
    expect(event).toMatchObject({ id, object: 'event', type: 'customer.created', livemode: false, pending_webhooks: 0, api_version: expect.any(String) });
    expect(Object.keys(event)).toEqual(['id', 'object', 'api_version', 'created', 'data', 'livemode', 'pending_webhooks', 'request', 'type']);
  });

  test('list: newest first, 10 by default, has_more, url /v1/events', () => {
    const { call } = withEvents(12);
    const page = call('get', '/v1/events').body;
    expect(page).toMatchObject({ object: 'list', url: '/v1/events', has_more: true });
    expect(page.data).toHaveLength(10);
    const created = page.data.map((e: J) => e.created);
    expect(created).toEqual([...created].sort((x: number, y: number) => y - x));
  });

  test('pagination with starting_after and ending_before walks the whole list once', () => {
    // product.created + price.created (set-up) + 4 × customer.created = 6 events, 3 pages of 2
    const { call } = withEvents(4);
    const all = call('get', '/v1/events?limit=100').body.data.map((e: J) => e.id);
    const first = call('get', '/v1/events?limit=2').body;
    const second = call('get', `/v1/events?limit=2&starting_after=${first.data[1].id}`).body;
    const third = call('get', `/v1/events?limit=2&starting_after=${second.data[1].id}`).body;
    expect([...first.data, ...second.data, ...third.data].map((e: J) => e.id)).toEqual(all);
    expect(third.has_more).toBe(false);
    const back = call('get', `/v1/events?limit=2&ending_before=${third.data[0].id}`).body;
    expect(back.data.map((e: J) => e.id)).toEqual(second.data.map((e: J) => e.id));
    expect(back.has_more).toBe(true);
  });

  test('created[gt] returns only later events (the polling backstop)', () => {
    const { call, rt } = withEvents(3);
    const cut = Math.floor(rt.clock.now() / 1000) - 2;
    const page = call('get', `/v1/events?created[gt]=${cut}`).body;
    expect(page.data.length).toBe(1);
    expect(page.data.every((e: J) => e.created > cut)).toBe(true);
  });

  test('types[] and type (with a * wildcard) filter by event type', () => {
    const { call, stripe, session } = setup();
    const s = session().body;
    stripe.completeCheckout(s.id, { email: 'a@example.com' });
    const only = call('get', '/v1/events?types[]=checkout.session.completed&types[]=charge.refunded').body.data;
    expect(only.map((e: J) => e.type)).toEqual(['checkout.session.completed']);
    const wild = call('get', '/v1/events?type=payment_intent.*').body.data.map((e: J) => e.type);
    expect(wild.sort()).toEqual(['payment_intent.created', 'payment_intent.succeeded']);
  });

  test('limit above 100: 400', () => {
    const { call } = setup();
    const res = call('get', '/v1/events?limit=101');
    expect(res.code).toBe(400);
    expect(res.body.error.param).toBe('limit');
  });

  test('an unknown starting_after: 404 resource_missing on that parameter', () => {
    const { call } = setup();
    expect(call('get', '/v1/events?starting_after=evt_unknown').body.error).toMatchObject({ code: 'resource_missing', param: 'starting_after' });
  });

  test('30-day retention: after 30 days an event is 404 and gone from lists (still in the test view)', () => {
    const { call, stripe, rt } = withEvents(1);
    const id = String(stripe.events()[0].id);
    rt.clock.advance(29 * DAY_MS);
    expect(call('get', `/v1/events/${id}`).code).toBe(200);
    rt.clock.advance(2 * DAY_MS);
    const res = call('get', `/v1/events/${id}`);
    expect(res.code).toBe(404);
    expect(res.body.error.message).toBe(`No such event: '${id}'`);
    expect(call('get', '/v1/events').body.data).toEqual([]);
    expect(stripe.getEvent(id).id).toBe(id);
  });
});

describe('refunds (docs.stripe.com/api/refunds/create)', () => {
  function paid() {
    const ctx = setup();
    const { session } = ctx.stripe.pay({ lineItems: [{ price: ctx.price, quantity: 2 }], email: 'a@example.com' });
    return { ...ctx, pi: String(session.payment_intent) };
  }

  test('refund a PaymentIntent without amount: the whole charge, refund.created then charge.refunded', () => {
    const { call, pi, stripe } = paid();
    const res = call('post', '/v1/refunds', { payment_intent: pi });
    expect(res.body).toMatchObject({ object: 'refund', amount: 8000, currency: 'eur', payment_intent: pi, status: 'succeeded' });
    const [created, refunded] = stripe.events().slice(-2) as J[];
    expect(created.type).toBe('refund.created');
    expect(refunded.type).toBe('charge.refunded');
    expect(refunded.data.object).toMatchObject({ amount_refunded: 8000, refunded: true });
    expect(refunded.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
    expect(refunded.request.id).toBe(res.headers['Request-Id']);
  });

  test('several partial refunds, then one more than what is left: 400 with the amounts in euros', () => {
    const { call, pi } = paid();
    expect(call('post', '/v1/refunds', { payment_intent: pi, amount: 3000 }).code).toBe(200);
    expect(call('post', '/v1/refunds', { payment_intent: pi, amount: 1000 }).code).toBe(200);
    const res = call('post', '/v1/refunds', { payment_intent: pi, amount: 5000 });
    expect(res.code).toBe(400);
    expect(res.body.error).toMatchObject({ param: 'amount', message: 'Refund amount (€50.00) is greater than unrefunded amount on charge (€40.00)' });
  });

  test('a fully refunded charge: 400 charge_already_refunded', () => {
    const { call, pi } = paid();
    const charge = call('post', '/v1/refunds', { payment_intent: pi }).body.charge;
    const res = call('post', '/v1/refunds', { charge });
    expect(res.body.error).toMatchObject({ code: 'charge_already_refunded', message: `Charge ${charge} has already been refunded.` });
  });

  test('neither charge nor payment_intent: 400', () => {
    const { call } = paid();
    expect(call('post', '/v1/refunds', { amount: 100 }).body.error.message).toBe(
      'One of the following params should be provided for this request: payment_intent or charge.',
    );
  });

  test("retrieve a refund, list refunds of a PaymentIntent, expand a charge's refunds", () => {
    const { call, pi } = paid();
    const refund = call('post', '/v1/refunds', { payment_intent: pi, amount: 500 }).body;
    expect(call('get', `/v1/refunds/${refund.id}`).body.amount).toBe(500);
    expect(call('get', `/v1/refunds?payment_intent=${pi}`).body.data.map((r: J) => r.id)).toEqual([refund.id]);
    const charge = call('get', `/v1/charges/${refund.charge}`).body;
    expect(charge.refunds).toBeUndefined();
    const expanded = call('get', `/v1/charges/${refund.charge}?expand[]=refunds`).body;
    expect(expanded.refunds).toMatchObject({ object: 'list', url: `/v1/charges/${refund.charge}/refunds` });
    expect(expanded.refunds.data[0].id).toBe(refund.id);
  });

  test('retrieve a PaymentIntent with expand[]=latest_charge', () => {
    const { call, pi } = paid();
    const intent = call('get', `/v1/payment_intents/${pi}?expand[]=latest_charge`).body;
    expect(intent).toMatchObject({ object: 'payment_intent', status: 'succeeded', latest_charge: { object: 'charge', payment_intent: pi } });
    expect(call('get', '/v1/payment_intents/pi_nope').body.error).toMatchObject({ message: "No such payment_intent: 'pi_nope'", param: 'intent' });
  });
});

describe('customers, products, prices, payment links, webhook endpoints', () => {
  test('customers: create (customer.created), retrieve, list by email', () => {
    const { call, stripe } = setup();
    const c = call('post', '/v1/customers', { email: 'eleve@example.com', name: 'Élève', metadata: { origin: 'carnet' } }).body;
    expect(c).toMatchObject({ object: 'customer', email: 'eleve@example.com', name: 'Élève', metadata: { origin: 'carnet' } });
    expect(c.id).toMatch(/^cus_[0-9A-Za-z]{14}$/);
    expect(stripe.events().pop()?.type).toBe('customer.created');
    expect(call('get', `/v1/customers/${c.id}`).body.id).toBe(c.id);
    expect(call('get', '/v1/customers?email=eleve@example.com').body.data.map((x: J) => x.id)).toEqual([c.id]);
  });

  test('products: name is required; retrieve and list', () => {
    const { call } = setup();
    expect(call('post', '/v1/products', { description: 'x' }).body.error.message).toBe('Missing required param: name.');
    const p = call('post', '/v1/products', { name: 'Formation', id: 'prod_formation' }).body;
    expect(p).toMatchObject({ id: 'prod_formation', object: 'product', active: true });
    expect(call('get', '/v1/products/prod_formation').body.name).toBe('Formation');
    expect(call('get', '/v1/products?limit=100').body.data.map((x: J) => x.id)).toContain('prod_formation');
  });

  test('prices: create for a product; an unknown product is 404 on `product`', () => {
    const { call, product } = setup();
    const price = call('post', '/v1/prices', { product, unit_amount: 3500, currency: 'eur' }).body;
    expect(price).toMatchObject({ object: 'price', product, unit_amount: 3500, unit_amount_decimal: '3500', type: 'one_time', active: true });
    expect(call('get', `/v1/prices?product=${product}`).body.data.map((x: J) => x.id)).toContain(price.id);
    expect(call('post', '/v1/prices', { product: 'prod_nope', unit_amount: 1, currency: 'eur' }).body.error).toMatchObject({
      param: 'product',
      message: "No such product: 'prod_nope'",
    });
  });

  test('a recurring price in payment mode: 400 (the real message)', () => {
    const { call, product } = setup();
    const monthly = call('post', '/v1/prices', { product, unit_amount: 3500, currency: 'eur', recurring: { interval: 'month' } }).body;
    const res = call('post', '/v1/checkout/sessions', { mode: 'payment', line_items: [{ price: monthly.id, quantity: 1 }] });
    expect(res.body.error.message).toBe(
      'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
    );
  });

  test('payment links: line_items[0][price] and [quantity]; a buy.stripe.com URL', () => {
    const { call, price } = setup();
    const link = call('post', '/v1/payment_links', { line_items: [{ price, quantity: 1 }], metadata: { product_code: 'C1' } }).body;
    expect(link).toMatchObject({ object: 'payment_link', active: true, metadata: { product_code: 'C1' } });
    expect(link.url).toMatch(/^https:\/\/buy\.stripe\.com\/test_[0-9A-Za-z]{14}$/);
    expect(call('get', `/v1/payment_links/${link.id}`).body.id).toBe(link.id);
    expect(call('post', '/v1/payment_links', { line_items: [{ price }] }).body.error.message).toBe('Missing required param: line_items[0][quantity].');
  });

  test('webhook endpoints: the secret only in the creation answer; list; update; delete', () => {
    const { call } = setup();
    const created = call('post', '/v1/webhook_endpoints', {
      url: 'https://script.google.com/macros/s/x/exec?token=t',
      enabled_events: ['checkout.session.completed'],
    }).body;
    expect(created.secret).toMatch(/^whsec_/);
    const got = call('get', `/v1/webhook_endpoints/${created.id}`).body;
    expect(got.secret).toBeUndefined();
    expect(got).toMatchObject({ object: 'webhook_endpoint', status: 'enabled', enabled_events: ['checkout.session.completed'] });
    expect(call('post', `/v1/webhook_endpoints/${created.id}`, { disabled: 'true' }).body.status).toBe('disabled');
    expect(call('get', '/v1/webhook_endpoints').body.data).toHaveLength(1);
    expect(call('delete', `/v1/webhook_endpoints/${created.id}`).body).toEqual({ id: created.id, object: 'webhook_endpoint', deleted: true });
    expect(call('get', `/v1/webhook_endpoints/${created.id}`).code).toBe(404);
  });

  test("an endpoint listening to a type counts in that event's pending_webhooks", () => {
    const { call, stripe } = setup();
    call('post', '/v1/webhook_endpoints', { url: 'https://example.com/hook', enabled_events: ['customer.created'] });
    call('post', '/v1/webhook_endpoints', { url: 'https://example.com/all', enabled_events: ['*'] });
    call('post', '/v1/customers', { email: 'a@example.com' });
    expect(stripe.events().pop()?.pending_webhooks).toBe(2);
  });
});

describe('idempotent requests (docs.stripe.com/api/idempotent_requests, docs.stripe.com/error-low-level)', () => {
  test('same key, same parameters: the saved answer is replayed (same id, Idempotent-Replayed: true), nothing created twice', () => {
    const { call, price, stripe } = setup();
    const params = { mode: 'payment', line_items: [{ price, quantity: 1 }] };
    const one = call('post', '/v1/checkout/sessions', params, { headers: { 'Idempotency-Key': 'order-42' } });
    const two = call('post', '/v1/checkout/sessions', params, { headers: { 'Idempotency-Key': 'order-42' } });
    expect(two.body.id).toBe(one.body.id);
    expect(two.headers['Idempotent-Replayed']).toBe('true');
    expect(two.headers['Original-Request']).toBe(one.headers['Request-Id']);
    expect(one.headers['Idempotent-Replayed']).toBeUndefined();
    expect(stripe.objects('checkout.session')).toHaveLength(1);
  });

  test('same key, different parameters: 400 idempotency_error with the real message', () => {
    const { call, price } = setup();
    call('post', '/v1/checkout/sessions', { mode: 'payment', line_items: [{ price, quantity: 1 }] }, { headers: { 'Idempotency-Key': 'k-1' } });
    const res = call('post', '/v1/checkout/sessions', { mode: 'payment', line_items: [{ price, quantity: 2 }] }, { headers: { 'Idempotency-Key': 'k-1' } });
    expect(res.code).toBe(400);
    expect(res.body.error.type).toBe('idempotency_error');
    expect(res.body.error.message).toBe(
      "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'k-1' if you meant to execute a different request.",
    );
  });

  test('keys expire after 24 hours of virtual time: the same key then creates a new object', () => {
    const { call, price, rt } = setup();
    const params = { mode: 'payment', line_items: [{ price, quantity: 1 }] };
    const one = call('post', '/v1/checkout/sessions', params, { headers: { 'Idempotency-Key': 'daily' } });
    rt.clock.advance(DAY_MS + 1000);
    const two = call('post', '/v1/checkout/sessions', params, { headers: { 'Idempotency-Key': 'daily' } });
    expect(two.body.id).not.toBe(one.body.id);
  });

  test('a request refused for invalid parameters is not saved: the corrected request with the same key goes through', () => {
    const { call, price } = setup();
    const bad = call('post', '/v1/checkout/sessions', { line_items: [{ price, quantity: 1 }] }, { headers: { 'Idempotency-Key': 'k-2' } });
    expect(bad.code).toBe(400);
    const good = call('post', '/v1/checkout/sessions', { mode: 'payment', line_items: [{ price, quantity: 1 }] }, { headers: { 'Idempotency-Key': 'k-2' } });
    expect(good.code).toBe(200);
  });

  test('failNext(1, 500): the 500 is saved under its key and replayed; a new key succeeds', () => {
    const { call, price, stripe } = setup();
    const params = { mode: 'payment', line_items: [{ price, quantity: 1 }] };
    stripe.failNext(1, 500);
    const first = call('post', '/v1/checkout/sessions', params, { headers: { 'Idempotency-Key': 'k-3' } });
    expect(first.code).toBe(500);
    expect(first.body.error.type).toBe('api_error');
    const again = call('post', '/v1/checkout/sessions', params, { headers: { 'Idempotency-Key': 'k-3' } });
    expect(again.code).toBe(500);
    expect(again.headers['Idempotent-Replayed']).toBe('true');
    expect(call('post', '/v1/checkout/sessions', params, { headers: { 'Idempotency-Key': 'k-4' } }).code).toBe(200);
  });

  test('failNext(2, 429): rate limited before the idempotency layer, so the retry with the same key succeeds', () => {
    const { call, price, stripe } = setup();
    const params = { mode: 'payment', line_items: [{ price, quantity: 1 }] };
    stripe.failNext(2, 429);
    const limited = call('post', '/v1/checkout/sessions', params, { headers: { 'Idempotency-Key': 'k-5' } });
    expect(limited.code).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limit', type: 'invalid_request_error' });
    expect(call('get', '/v1/events').code).toBe(429);
    expect(call('post', '/v1/checkout/sessions', params, { headers: { 'Idempotency-Key': 'k-5' } }).code).toBe(200);
  });

  test('requests() logs every call with lower-cased headers: Idempotency-Key presence can be asserted', () => {
    const { call, price, stripe } = setup();
    call('post', '/v1/checkout/sessions', { mode: 'payment', line_items: [{ price, quantity: 1 }] }, { headers: { 'Idempotency-Key': 'k-6' } });
    call('get', '/v1/events');
    const log = stripe.requests();
    expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /v1/checkout/sessions 200', 'GET /v1/events 200']);
    expect(log[0].headers['idempotency-key']).toBe('k-6');
    expect(log[0].params).toMatchObject({ mode: 'payment', line_items: { 0: { price, quantity: '1' } } });
  });
});
