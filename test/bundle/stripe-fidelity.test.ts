// What real Stripe does that a kind fake would hide: the API version, Stripe's own clock for
// `expires_at`, lists in pages of 10, metadata limits, sessions that return only what they asked to
// collect, and the payment method actually used (read from the charge).
import { Emulator } from '../../emulator/src';
import { addLessonPack, addRow, client, install, records, deliverAndSettle } from './harness';
import { flat, invoiceRow, pdfOf } from './invoices-helpers';

const HOUR = 3600 * 1000;
const PINNED = '2026-03-25.dahlia';
const ADDRESS = { line1: '3 rue des Tilleuls', postal_code: '69003', city: 'Lyon', country: 'FR' };

function request(emu: Emulator, input: unknown): { session: string; url: string; expiresAt: string; created: boolean } {
  return emu.run('carnetCreatePaymentRequest', [input]);
}

function invoiceText(emu: Emulator, number: string): string {
  return flat(pdfOf(emu, number));
}

describe('Stripe-Version (docs.stripe.com/api/versioning)', () => {
  test('every request Carnet makes pins the API version the fake is written against', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    deliverAndSettle(emu, String(emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com' }).event.id));
    const sent = emu.stripe.requests();
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.map((r) => r.headers['stripe-version'])).toEqual(sent.map(() => PINNED));
  });

  test('the fake refuses a version that does not exist, with Stripe’s message', () => {
    const emu = install();
    const answer = emu.stripe.handle({
      method: 'GET',
      url: 'https://api.stripe.com/v1/events',
      headers: { Authorization: 'Bearer sk_test_emulator', 'Stripe-Version': '2026-3-25' },
      body: '',
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toMatchObject({ type: 'invalid_request_error', message: 'Invalid Stripe API version: 2026-3-25' });
  });
});

describe('expires_at is judged on Stripe’s clock (docs.stripe.com/api/checkout/sessions/create#create_checkout_session-expires_at)', () => {
  test.each([
    ['0,5', 'Stripe’s clock 2 s ahead', 2000],
    ['24', 'Stripe’s clock 2 s behind', -2000],
  ])('a validity of %s h works with %s', (hours, _what, skew) => {
    const emu = install({ settings: { 'Validité des liens de paiement (heures)': hours } });
    addLessonPack(emu, 'PACK10', 10, 30000);
    emu.stripe.setClockSkew(skew);
    const result = request(emu, { email: 'alice@example.com', items: [{ code: 'PACK10', quantity: 1 }] });
    const session = emu.stripe.object(result.session) as Record<string, number>;
    const validity = (session.expires_at - session.created) * 1000;
    expect(validity).toBeGreaterThanOrEqual(0.5 * HOUR);
    expect(validity).toBeLessThanOrEqual(24 * HOUR);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'en attente', 'Session Stripe': result.session });
  });

  test('the fake refuses a deadline under 30 minutes after its own creation time, with Stripe’s message', () => {
    const emu = install();
    emu.stripe.setClockSkew(2000);
    const product = emu.stripe.createProduct({ name: 'X' });
    const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: 1000 });
    const scriptNow = Math.floor(emu.rt.clock.now() / 1000);
    expect(() => emu.stripe.createCheckoutSession({ mode: 'payment', line_items: [{ price: price.id, quantity: 1 }], expires_at: scriptNow + 1800 })).toThrow(
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
    );
  });
});

describe('lists are read to their end, metadata stays within Stripe’s limits (docs.stripe.com/api/pagination, docs.stripe.com/metadata)', () => {
  test('a request of 12 products with long codes is made, paid, invoiced line by line, and renewed with all 12 lines', () => {
    const emu = install();
    const codes = Array.from({ length: 12 }, (_, i) => `ATELIER-DECOUVERTE-DU-PIANO-NIVEAU-${String(i + 1).padStart(2, '0')}-XYZ`);
    for (const code of codes) addRow(emu, 'Produits', { Code: code, Nom: `Atelier ${code.slice(-6)}`, Type: 'formation', 'Prix TTC': 10 });
    expect(codes.join(',').length).toBeGreaterThan(500);
    const items = codes.map((code) => ({ code, quantity: 1 }));
    const first = request(emu, { email: 'alice@example.com', items, requestId: 'big-1' });
    const metadata = (emu.stripe.object(first.session) as { metadata: Record<string, string> }).metadata;
    expect(Object.values(metadata).every((v) => v.length <= 500)).toBe(true);

    // Paid: every line is recognised (the codes are read back from all the metadata keys, the lines from every page).
    emu.stripe.completeCheckout(first.session, { email: 'alice@example.com', name: 'Alice Dupont' });
    const completed = emu.stripe
      .events()
      .filter((e) => e.type === 'checkout.session.completed')
      .pop();
    deliverAndSettle(emu, String(completed?.id));
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé', Montant: 120 });
    expect(String(records(emu, 'Paiements')[0]['Produits']).split(', ')).toHaveLength(12);
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ 'Montant TTC': 120 });

    // A second request expires and is renewed: the new link has the 12 lines, not the first page's 10.
    const second = request(emu, { email: 'bob@example.com', items, requestId: 'big-2' });
    emu.stripe.expireSession(second.session);
    emu.advance(10 * 60 * 1000);
    const renewed = emu.run<{ session: string }>('carnetRenewPaymentRequest', [second.session]);
    const lines = emu.stripe
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions')
      .pop()?.params.line_items as Record<string, unknown>;
    expect(Object.keys(lines)).toHaveLength(12);
    expect(Number((emu.stripe.object(renewed.session) as { amount_total: number }).amount_total)).toBe(12000);
  });
});

describe('requests Stripe would refuse are refused first, in French, with nothing created', () => {
  test('more than 100 lines, or a product code longer than a metadata value', () => {
    const emu = install();
    const long = 'X'.repeat(501);
    addRow(emu, 'Produits', { Code: long, Nom: 'Long', Type: 'formation', 'Prix TTC': 10 });
    for (let i = 0; i < 101; i++) addRow(emu, 'Produits', { Code: `P${i}`, Nom: `P${i}`, Type: 'formation', 'Prix TTC': 10 });
    const before = emu.stripe.requests().length;
    expect(() => request(emu, { email: 'a@example.com', items: Array.from({ length: 101 }, (_, i) => ({ code: `P${i}`, quantity: 1 })) })).toThrow(
      'Une demande de paiement compte au plus 100 produits différents (limite de Stripe Checkout).',
    );
    expect(() => request(emu, { email: 'a@example.com', items: [{ code: long, quantity: 1 }] })).toThrow(
      /codes des produits de cette demande sont trop longs pour Stripe/,
    );
    expect(emu.stripe.requests().length).toBe(before);
    expect(records(emu, 'Paiements')).toEqual([]);
    expect(emu.mail.outbox().filter((m) => m.to.includes('a@example.com'))).toEqual([]);
  });
});

describe('what Checkout collects (docs.stripe.com/api/checkout/sessions/create)', () => {
  test('a payment request asks for the address, the company and the VAT number; a business client gets the B2B invoice', () => {
    const emu = install();
    addLessonPack(emu, 'PACK10', 10, 30000);
    const result = request(emu, { email: 'alice@example.com', items: [{ code: 'PACK10', quantity: 1 }] });
    expect(emu.stripe.object(result.session)).toMatchObject({
      billing_address_collection: 'required',
      tax_id_collection: { enabled: true, required: 'never' },
      name_collection: { business: { enabled: true, optional: true } },
    });
    emu.stripe.completeCheckout(result.session, {
      name: 'Alice Dupont',
      address: ADDRESS,
      company: 'ACME SAS',
      taxIds: [{ type: 'eu_vat', value: 'FR12345678901' }],
    });
    deliverAndSettle(
      emu,
      String(
        emu.stripe
          .events()
          .filter((e) => e.type === 'checkout.session.completed')
          .pop()?.id,
      ),
    );
    expect(client(emu, 'alice@example.com')).toMatchObject({ Société: 'ACME SAS', 'N° TVA': 'FR12345678901', Adresse: '3 rue des Tilleuls, 69003 Lyon' });
    const text = invoiceText(emu, 'F-2026-0001');
    expect(text).toContain('3 rue des Tilleuls, 69003 Lyon');
    expect(text).toContain('ACME SAS');
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement : 40 €');
  });

  test('product payment links ask for the same', () => {
    const emu = install();
    addRow(emu, 'Produits', { Code: 'ESSAI', Nom: 'Cours d’essai', Type: 'cours', 'Prix TTC': 25, Crédits: 1 });
    emu.run('carnetCreateProductLinks');
    const [link] = emu.stripe.objects('payment_link');
    expect(link).toMatchObject({
      billing_address_collection: 'required',
      tax_id_collection: { enabled: true },
      name_collection: { business: { enabled: true, optional: true } },
    });
    const { event } = emu.stripe.buyPaymentLink(String(link.id), { email: 'bob@example.com', name: 'Bob', address: ADDRESS, company: 'Bob SARL' });
    deliverAndSettle(emu, String(event.id));
    expect(client(emu, 'bob@example.com')).toMatchObject({ Société: 'Bob SARL', Adresse: '3 rue des Tilleuls, 69003 Lyon' });
  });

  test('a session that asked for nothing carries only a country: no company, no VAT number, no B2B mentions', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { session, event } = emu.stripe.pay({
      lineItems: [{ price, quantity: 1 }],
      email: 'carla@example.com',
      name: 'Carla',
      address: ADDRESS,
      company: 'ACME SAS',
      taxIds: [{ type: 'eu_vat', value: 'FR1' }],
    });
    expect((session as { customer_details: unknown }).customer_details).toMatchObject({
      address: { line1: null, city: null, postal_code: null, country: 'FR' },
      business_name: null,
      tax_ids: [],
    });
    deliverAndSettle(emu, String(event.id));
    const text = invoiceText(emu, 'F-2026-0001');
    expect(text).not.toMatch(/ACME|Tilleuls|recouvrement/);
  });
});

describe('the payment method actually used (the latest charge’s payment_method_details)', () => {
  test.each([
    ['card', 'Payée le 21 novembre 2026 par carte bancaire via Stripe — référence Visa •••• 4242', 'Carte bancaire (Stripe)'],
    ['paypal', 'Payée le 21 novembre 2026 par PayPal via Stripe — référence ', 'PayPal (Stripe)'],
    ['link', 'Payée le 21 novembre 2026 par Link via Stripe — référence pi_', 'Link (Stripe)'],
  ] as const)('%s, from a session that allowed several methods', (method, printed, register) => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event, session } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', paymentMethod: method });
    expect((session as { payment_method_types: string[] }).payment_method_types.length).toBeGreaterThan(1);
    deliverAndSettle(emu, String(event.id));
    const text = invoiceText(emu, 'F-2026-0001');
    expect(text).toContain(printed);
    const charge = emu.stripe.objects('charge')[0] as { payment_method_details: { paypal?: { transaction_id: string } } };
    if (method === 'paypal') expect(text).toContain(`référence ${charge.payment_method_details.paypal?.transaction_id}`);
    expect(records(emu, 'Recettes')[0]['Mode de règlement']).toBe(register);
    // The sheet keeps Stripe's PaymentIntent whatever the invoice prints.
    expect(String(invoiceRow(emu, 'F-2026-0001')['Référence paiement'])).toMatch(/^pi_/);
  });

  test('SEPA debit, and the receipt number when Stripe gave one; in English for an English invoice', () => {
    const emu = install({ settings: { Langue: 'en' } });
    const { price } = addLessonPack(emu);
    const { session } = emu.stripe.pay({
      lineItems: [{ price, quantity: 1 }],
      email: 'alice@example.com',
      paymentMethod: 'sepa_debit',
      receiptNumber: '1849-2203',
    });
    const { event } = emu.stripe.succeedAsyncPayment(String(session.id));
    deliverAndSettle(emu, String(event.id));
    expect(invoiceText(emu, 'F-2026-0001')).toContain('by SEPA Direct Debit via Stripe — reference 1849-2203');
    expect(records(emu, 'Recettes')[0]['Mode de règlement']).toBe('SEPA Direct Debit (Stripe)');
  });
});
