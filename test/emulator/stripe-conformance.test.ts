// The fake's objects have the shape of Stripe's official fixtures (test/fixtures/stripe/, copied from
// ../shared/stripe-fixtures/, from github.com/stripe/openapi openapi/fixtures3.json), field for field and at every depth where both have
// an object: no field the fixture has is missing, and every field the fixture lacks is listed below
// with the reason a real object of that state has it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Runtime } from '../../emulator/src/runtime';
import { FakeStripe } from '../../emulator/src/stripe/fake';
import type { JsonObject } from '../../emulator/src/stripe/objects';

// In the repository, so that a clone tests alone (CI clones it with nothing beside it).
const FIXTURES = join(__dirname, '..', 'fixtures', 'stripe');

function fixture(name: string): JsonObject {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as JsonObject;
}

/** Fields a real object has that the generated fixture leaves out (paths relative to the object). */
const EXTRA_ALLOWED: Record<string, string[]> = {
  // Present when the session (or link) asked for them (docs.stripe.com/api/checkout/sessions/object).
  'checkout.session': ['name_collection', 'tax_id_collection', 'payment_method_options.card'],
  payment_link: ['name_collection', 'payment_method_options.card'],
  payment_intent: ['payment_method_options.card'],
  // Card charges carry Radar's options and the risk level (docs.stripe.com/api/charges/object#charge_object-outcome-risk_level).
  charge: ['radar_options', 'outcome.risk_level'],
  // A card refund's destination details name the acquirer reference; a failed refund its reason (docs.stripe.com/api/refunds/object).
  refund: [
    'destination_details.card.reference',
    'destination_details.card.reference_status',
    'destination_details.card.reference_type',
    'failure_reason',
    'failure_balance_transaction',
  ],
};

/** Fields of the fixture the fake leaves out on purpose. */
const MISSING_ALLOWED: Record<string, string[]> = {
  // `refunds` has been expandable-only since API version 2022-11-15: a charge does not carry it.
  charge: ['refunds'],
};

function shapeDifferences(type: string, fake: JsonObject, real: JsonObject, path = ''): string[] {
  const out: string[] = [];
  for (const key of Object.keys(real)) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in fake) && !(MISSING_ALLOWED[type] ?? []).includes(at)) out.push(`missing ${at}`);
  }
  for (const key of Object.keys(fake)) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in real)) {
      if (!(EXTRA_ALLOWED[type] ?? []).includes(at)) out.push(`extra ${at}`);
      continue;
    }
    const a = fake[key];
    const b = real[key];
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      // Payment method details differ by type: compare the fake's card with the fixture's card only.
      out.push(...shapeDifferences(type, a, b, at));
    }
  }
  return out;
}

function account() {
  const stripe = new FakeStripe(new Runtime());
  stripe.addWebhookEndpoint('https://script.google.com/macros/s/x/exec?token=t', ['checkout.session.completed']);
  const product = stripe.createProduct({ name: 'Pack 10 cours' });
  const price = stripe.createPrice({ product: String(product.id), unitAmount: 30000 });
  const { session, event } = stripe.pay({
    lineItems: [{ price: String(price.id), quantity: 1 }],
    email: 'alice@example.com',
    name: 'Alice',
    session: {
      billing_address_collection: 'required',
      tax_id_collection: { enabled: true },
      name_collection: { business: { enabled: true, optional: true } },
      customer_creation: 'always',
    },
    address: { line1: '1 rue A', city: 'Lyon', postal_code: '69001', country: 'FR' },
  });
  const pi = String(session.payment_intent);
  const refund = stripe.refund(pi, 1000, { pending: true }).refund;
  stripe.failRefund(String(refund.id));
  stripe.openDispute(pi);
  return { stripe, session, event };
}

describe('the fake Stripe conforms to the official fixtures', () => {
  const { stripe, event } = account();
  const cases: Array<[string, () => JsonObject]> = [
    ['checkout.session', () => stripe.objects('checkout.session')[0]],
    ['payment_intent', () => stripe.objects('payment_intent')[0]],
    ['charge', () => stripe.objects('charge')[0]],
    ['refund', () => stripe.objects('refund')[0]],
    ['dispute', () => stripe.objects('dispute')[0]],
    ['customer', () => stripe.objects('customer')[0]],
    ['product', () => stripe.objects('product')[0]],
    ['price', () => stripe.objects('price')[0]],
    ['balance_transaction', () => stripe.objects('balance_transaction')[0]],
    ['webhook_endpoint', () => stripe.objects('webhook_endpoint')[0]],
  ];

  test.each(cases)('%s', (type, make) => {
    const object = make();
    expect(object).toBeDefined();
    expect(shapeDifferences(type, object, fixture(type))).toEqual([]);
  });

  test('a line item (item.json)', () => {
    const session = stripe.objects('checkout.session')[0];
    const answer = stripe.handle({
      method: 'GET',
      url: `https://api.stripe.com/v1/checkout/sessions/${String(session.id)}/line_items`,
      headers: { Authorization: 'Bearer sk_test_emulator' },
      body: '',
    });
    const item = (JSON.parse(answer.body) as { data: JsonObject[] }).data[0];
    expect(shapeDifferences('item', item, fixture('item'))).toEqual([]);
  });

  test('a payment link', () => {
    const price = stripe.objects('price')[0];
    const answer = stripe.handle({
      method: 'POST',
      url: 'https://api.stripe.com/v1/payment_links',
      headers: { Authorization: 'Bearer sk_test_emulator', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `line_items[0][price]=${String(price.id)}&line_items[0][quantity]=1`,
    });
    expect(answer.status).toBe(200);
    expect(shapeDifferences('payment_link', JSON.parse(answer.body) as JsonObject, fixture('payment_link'))).toEqual([]);
  });

  test('an event envelope (event.json wraps a plan: only the envelope is compared)', () => {
    const { data, ...envelope } = event;
    const { data: realData, ...realEnvelope } = fixture('event');
    expect(shapeDifferences('event', envelope, realEnvelope)).toEqual([]);
    expect(Object.keys(data as JsonObject).sort()).toEqual(
      expect.arrayContaining(Object.keys(realData as JsonObject).filter((k) => k !== 'previous_attributes')),
    );
  });
});
