// Payment requests from the sheet: one Checkout Session per request, a reminder after 1 hour, expiry,
// and a Stripe Payment Link per product.
import { Emulator } from '../../emulator/src';
import { addLessonPack, addRow, client, install, journal, records, runBackstop, deliverAndSettle } from './harness';
import { attachmentText, flat, lineItem, mailsOf, pdfOf } from './invoices-helpers';

const HOUR = 3600 * 1000;

interface RequestResult {
  session: string;
  url: string;
  expiresAt: string;
  created: boolean;
}

function request(emu: Emulator, input: unknown): RequestResult {
  return emu.run<RequestResult>('carnetCreatePaymentRequest', [input]);
}

function setup(): Emulator {
  const emu = install();
  addLessonPack(emu, 'PACK10', 10, 30000);
  addRow(emu, 'Produits', { Code: 'ESSAI', Nom: 'Cours d’essai', Type: 'cours', 'Prix TTC': 25, Crédits: 1 });
  return emu;
}

const ALICE = {
  email: 'Alice@Example.com',
  name: 'Alice Dupont',
  items: [
    { code: 'PACK10', quantity: 1 },
    { code: 'essai', quantity: 2 },
  ],
  requestId: 'req-1',
};

describe('a payment request', () => {
  test('creates one Checkout Session, one pending row with the link, and e-mails the link, the amount and the deadline', () => {
    const emu = setup();
    const result = request(emu, ALICE);
    expect(result.created).toBe(true);
    const session = emu.stripe.object(result.session) as Record<string, unknown>;
    expect(session).toMatchObject({
      mode: 'payment',
      customer_email: 'alice@example.com',
      locale: 'fr',
      metadata: { carnet_request: 'req-1', product_codes: 'PACK10,ESSAI' },
    });
    // 24 hours by default, minus the 5-minute margin that keeps it inside Stripe's bound on Stripe's clock.
    const validity = Number(session.expires_at) * 1000 - emu.rt.clock.now();
    expect(validity).toBeLessThanOrEqual(24 * HOUR - 5 * 60 * 1000);
    expect(validity).toBeGreaterThan(24 * HOUR - 6 * 60 * 1000);
    const rows = records(emu, 'Paiements');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'E-mail': 'alice@example.com',
      Statut: 'en attente',
      Montant: 350,
      'Session Stripe': result.session,
      'Lien de paiement': result.url,
      Relances: 0,
    });
    const mails = emu.mail.sentTo('alice@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].body).toContain(result.url);
    expect(mails[0].body).toMatch(/350,00\s€/);
    expect(mails[0].body).toContain('valable jusqu’au 22 novembre 2026 à 09:55');
    expect(mails[0].name).toBe('Claire Martin');
  });

  test('a double submit (same request id) makes one session, one row and one e-mail', () => {
    const emu = setup();
    const first = request(emu, ALICE);
    const second = request(emu, ALICE);
    expect(second.session).toBe(first.session);
    expect(second.created).toBe(false);
    expect(emu.stripe.objects('checkout.session')).toHaveLength(1);
    expect(records(emu, 'Paiements')).toHaveLength(1);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    expect(
      emu.stripe
        .requests()
        .filter((r) => r.method === 'POST')
        .every((r) => r.headers['idempotency-key'] === 'carnet-request-req-1'),
    ).toBe(true);
  });

  test('without a request id, the same request twice within minutes still makes one session', () => {
    const emu = setup();
    const { requestId: _omit, ...input } = ALICE;
    const first = request(emu, input);
    emu.advance(60 * 1000);
    expect(request(emu, input).session).toBe(first.session);
    expect(emu.stripe.objects('checkout.session')).toHaveLength(1);
  });

  test('when paid, the pending row becomes paid (no second row) and the credits are granted', () => {
    const emu = setup();
    const { session } = request(emu, ALICE);
    const { event } = emu.stripe.completeCheckout(session, { email: 'alice@example.com', name: 'Alice Dupont' });
    deliverAndSettle(emu, String(event.id));
    const rows = records(emu, 'Paiements');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Statut: 'payé', 'Session Stripe': session, Facture: 'F-2026-0001' });
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(12);
  });

  test.each([
    ['an invalid e-mail', { ...ALICE, email: 'alice@' }, /Adresse e-mail invalide : « alice@ »/],
    ['no product', { ...ALICE, items: [] }, /Choisissez au moins un produit/],
    ['an unknown product', { ...ALICE, items: [{ code: 'NOPE', quantity: 1 }] }, /Produit « NOPE » introuvable/],
    ['quantity 0', { ...ALICE, items: [{ code: 'PACK10', quantity: 0 }] }, /Quantité « 0 » invalide pour PACK10/],
    ['a negative quantity', { ...ALICE, items: [{ code: 'PACK10', quantity: -2 }] }, /Quantité « -2 » invalide/],
    ['a fractional quantity', { ...ALICE, items: [{ code: 'PACK10', quantity: 1.5 }] }, /Quantité « 1.5 » invalide/],
  ])('%s: a clear French message, nothing created', (_label, input, message) => {
    const emu = setup();
    expect(() => request(emu, input)).toThrow(message);
    expect(emu.stripe.objects('checkout.session')).toHaveLength(0);
    expect(records(emu, 'Paiements')).toHaveLength(0);
    expect(emu.mail.outbox()).toHaveLength(0);
  });

  test('an inactive product is refused', () => {
    const emu = setup();
    addRow(emu, 'Produits', { Code: 'OLD', Nom: 'Ancien pack', Type: 'cours', 'Prix TTC': 100, Crédits: 3, Actif: 'non' });
    expect(() => request(emu, { ...ALICE, items: [{ code: 'OLD', quantity: 1 }] })).toThrow(/« OLD » est désactivé/);
  });

  test('a Stripe error: a French message, no row, no e-mail; a new submission then works', () => {
    const emu = setup();
    emu.stripe.failNext(1, 500);
    expect(() => request(emu, ALICE)).toThrow(/Stripe a refusé la demande/);
    expect(records(emu, 'Paiements')).toHaveLength(0);
    expect(emu.mail.outbox()).toHaveLength(0);
    expect(request(emu, { ...ALICE, requestId: 'req-2' }).created).toBe(true);
  });

  test('an anonymous visitor cannot create a request', () => {
    const emu = setup();
    expect(() => emu.run('carnetCreatePaymentRequest', [ALICE], 'anonymous')).toThrow(/Accès refusé/);
    expect(emu.stripe.objects('checkout.session')).toHaveLength(0);
  });
});

describe('a free amount in a payment request', () => {
  const LESSON = 'Cours particulier du 3 décembre';
  const MIXED = {
    email: 'alice@example.com',
    name: 'Alice Dupont',
    items: [
      { code: 'PACK10', quantity: 1 },
      { label: LESSON, amount: '45,00' },
    ],
    requestId: 'req-free',
  };

  test('paid with a product: one price_data line under its label, credits only for the product, invoice, e-mail and register show both lines', () => {
    const emu = install({ settings: { 'Régime de TVA': 'standard', 'N° de TVA intracommunautaire': 'FR40123456789' } });
    addLessonPack(emu, 'PACK10', 10, 30000, { 'Taux de TVA': 5.5 });
    const { session } = request(emu, MIXED);
    const created = emu.stripe.object(session) as Record<string, unknown>;
    expect(created).toMatchObject({ amount_total: 34500, metadata: { carnet_request: 'req-free', product_codes: 'PACK10,*' } });
    const pending = records(emu, 'Paiements')[0];
    expect(pending).toMatchObject({ Montant: 345, Statut: 'en attente', Produits: `1 × Pack 10 cours, 1 × ${LESSON}` });
    const requestMail = emu.mail.sentTo('alice@example.com')[0];
    expect(requestMail.body).toContain(`1 × ${LESSON}`);
    expect(requestMail.body).toMatch(/345,00\s€/);

    const { event } = emu.stripe.completeCheckout(session, { email: 'alice@example.com', name: 'Alice Dupont' });
    deliverAndSettle(emu, String(event.id));
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé', Facture: 'F-2026-0001' });
    // Only the pack grants lessons; the free amount is neither a credit nor a delivery.
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(10);
    expect(records(emu, 'Crédits').map((r) => r['Variation'])).toEqual([10]);
    expect(records(emu, 'Téléchargements')).toHaveLength(0);
    // The invoice: the pack at its own 5,5 %, the free amount under its label at the default 20 %.
    const text = pdfOf(emu, 'F-2026-0001');
    expect(lineItem(text, LESSON)).toBe(`${LESSON} 1 37,50 € 20 % 37,50 €`);
    expect(lineItem(text, 'Pack 10 cours')).toMatch(/^Pack 10 cours 1 284,36 € 5,5 % 284,36 €$/);
    expect(flat(text)).toContain('TVA 20 % : 7,50 € sur 37,50 € HT');
    const invoiceMail = mailsOf(emu, 'F-2026-0001')[0];
    expect(lineItem(attachmentText(invoiceMail), LESSON)).toBe(`${LESSON} 1 37,50 € 20 % 37,50 €`);
    expect(invoiceMail.body).toMatch(/d’un montant de 345,00\s€/);
    expect(invoiceMail.body).toMatch(/crédité de 10 crédits de cours/);
    expect(records(emu, 'Recettes')).toEqual([expect.objectContaining({ Référence: 'F-2026-0001', Nature: `1 × Pack 10 cours, 1 × ${LESSON}`, Montant: 345 })]);
    expect(journal(emu).filter((l) => /inconnu/i.test(l))).toEqual([]);
  });

  test('a free amount alone, typed as a number: paid, invoiced, no credit, no lesson paragraph', () => {
    const emu = install();
    const { session } = request(emu, { email: 'bob@example.com', items: [{ label: 'Stage du samedi', amount: 12.5 }] });
    const { event } = emu.stripe.completeCheckout(session, { email: 'bob@example.com', name: 'Bob Martin' });
    deliverAndSettle(emu, String(event.id));
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé', Montant: 12.5, Facture: 'F-2026-0001' });
    expect(client(emu, 'bob@example.com')?.['Solde'] ?? 0).toBe(0);
    expect(records(emu, 'Crédits')).toHaveLength(0);
    expect(lineItem(pdfOf(emu, 'F-2026-0001'), 'Stage du samedi')).toBe('Stage du samedi 1 12,50 € — 12,50 €');
    expect(mailsOf(emu, 'F-2026-0001')[0].body).not.toMatch(/crédit/);
  });

  test.each([
    ['amount 0', { label: LESSON, amount: 0 }, /Montant libre « Cours particulier du 3 décembre » : montant « 0 » invalide/],
    ['a negative amount', { label: LESSON, amount: -45 }, /montant « -45 » invalide/],
    ['an amount under 0,50 €', { label: LESSON, amount: '0,49' }, /montant « 0,49 » invalide \(un montant en euros de 0,50 €/],
    ['text as amount', { label: LESSON, amount: 'quarante-cinq' }, /montant « quarante-cinq » invalide/],
    ['three decimals', { label: LESSON, amount: '45,001' }, /montant « 45,001 » invalide/],
    ['an amount over the maximum', { label: LESSON, amount: 10000.01 }, /invalide .*10\s000 €/],
    ['an empty label', { label: '  ', amount: 45 }, /Montant libre : le libellé doit compter de 1 à 200 caractères/],
    ['a label too long', { label: 'x'.repeat(201), amount: 45 }, /le libellé doit compter de 1 à 200 caractères/],
  ])('%s: a clear French message, nothing created', (_label, item, message) => {
    const emu = setup();
    expect(() => request(emu, { ...MIXED, items: [{ code: 'PACK10', quantity: 1 }, item] })).toThrow(message);
    expect(emu.stripe.objects('checkout.session')).toHaveLength(0);
    expect(records(emu, 'Paiements')).toHaveLength(0);
    expect(emu.mail.outbox()).toHaveLength(0);
  });

  test('an expired request with a free amount is renewed with the same label and amount', () => {
    const emu = setup();
    const { session } = request(emu, MIXED);
    const { event } = emu.stripe.expireSession(session);
    deliverAndSettle(emu, String(event.id));
    const renewed = emu.run<RequestResult>('carnetRenewPaymentRequest', [session]);
    const again = emu.stripe.object(renewed.session) as Record<string, unknown>;
    expect(again).toMatchObject({ amount_total: 34500, metadata: { product_codes: 'PACK10,*' } });
    expect(records(emu, 'Paiements').find((r) => r['Session Stripe'] === renewed.session)).toMatchObject({ Produits: `1 × Pack 10 cours, 1 × ${LESSON}` });
  });
});

describe('reminders', () => {
  test('one reminder at 1 h 01, none at 59 min, with the same link and the time left', () => {
    const emu = setup();
    const { url } = request(emu, ALICE);
    emu.advance(59 * 60 * 1000);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    emu.advance(2 * 60 * 1000 + 10 * 60 * 1000);
    const mails = emu.mail.sentTo('alice@example.com');
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toMatch(/Rappel/);
    expect(mails[1].body).toContain(url);
    expect(mails[1].body).toMatch(/encore 2\d h \d\d min/);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Relances: 1 });
    emu.advance(5 * HOUR);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(2);
  });

  test('no reminder once paid, even before the webhook arrives (Stripe is asked just before sending)', () => {
    const emu = setup();
    const { session } = request(emu, ALICE);
    emu.stripe.completeCheckout(session, { email: 'alice@example.com', name: 'Alice Dupont' });
    emu.rt.latencyMs = {};
    // The backstop may apply the payment by polling; either way no reminder goes out.
    emu.advance(2 * HOUR);
    expect(emu.mail.sentTo('alice@example.com').filter((m) => /Rappel/.test(m.subject))).toHaveLength(0);
  });

  test('an optional second reminder when the setting is filled', () => {
    const emu = setup();
    const rows = emu.spreadsheet.values('Paramètres');
    emu.edit('Paramètres', `B${rows.findIndex((r) => r[0] === 'Seconde relance après (heures)') + 1}`, 6);
    request(emu, ALICE);
    emu.advance(7 * HOUR);
    expect(emu.mail.sentTo('alice@example.com').filter((m) => /Rappel/.test(m.subject))).toHaveLength(2);
    emu.advance(10 * HOUR);
    expect(emu.mail.sentTo('alice@example.com').filter((m) => /Rappel/.test(m.subject))).toHaveLength(2);
  });
});

describe('expiry', () => {
  test('checkout.session.expired: row expiré, the client is told a new link can be sent; one call makes the new link', () => {
    const emu = setup();
    const { session } = request(emu, ALICE);
    const { event } = emu.stripe.expireSession(session);
    deliverAndSettle(emu, String(event.id));
    deliverAndSettle(emu, String(event.id));
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'expiré' });
    // The e-mail was queued with the event's records; the next run that sends e-mails sends it.
    runBackstop(emu);
    const expired = emu.mail.sentTo('alice@example.com').filter((m) => /expiré/.test(m.subject));
    expect(expired).toHaveLength(1);
    expect(expired[0].body).toContain('nouveau');

    const renewed = emu.run<RequestResult>('carnetRenewPaymentRequest', [session]);
    expect(renewed.session).not.toBe(session);
    const rows = records(emu, 'Paiements');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ Statut: 'en attente', Montant: 350, 'Session Stripe': renewed.session });
    expect(journal(emu).some((l) => l.includes('expiré'))).toBe(true);
  });

  test('the backstop sees the deadline passed without any webhook: expiré, one e-mail, no reminder after', () => {
    const emu = setup();
    emu.rt.latencyMs = {};
    request(emu, { ...ALICE, items: [{ code: 'ESSAI', quantity: 1 }] });
    emu.advance(25 * HOUR);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'expiré' });
    const mails = emu.mail.sentTo('alice@example.com');
    expect(mails.filter((m) => /expiré/.test(m.subject))).toHaveLength(1);
    expect(mails.filter((m) => /Rappel/.test(m.subject))).toHaveLength(1);
  });

  test('a paid request cannot be renewed', () => {
    const emu = setup();
    const { session } = request(emu, ALICE);
    deliverAndSettle(emu, String(emu.stripe.completeCheckout(session, { email: 'alice@example.com' }).event.id));
    expect(() => emu.run('carnetRenewPaymentRequest', [session])).toThrow(/seule une demande expirée/);
  });
});

describe('product payment links', () => {
  test('creates the Product, Price and Payment Link once for each active product, and writes them back', () => {
    const emu = setup();
    addRow(emu, 'Produits', { Code: 'OLD', Nom: 'Ancien pack', Type: 'cours', 'Prix TTC': 100, Crédits: 3, Actif: 'non' });
    const first = emu.run<{ created: number; kept: number }>('carnetCreateProductLinks');
    expect(first).toMatchObject({ created: 2, kept: 0 });
    const products = records(emu, 'Produits');
    expect(String(products[1]['Stripe'])).toMatch(/^price_/);
    expect(String(products[0]['Lien de paiement'])).toMatch(/^https:\/\//);
    expect(products[2]['Lien de paiement']).toBe('');
    const postsBefore = emu.stripe.requests().filter((r) => r.method === 'POST').length;
    expect(emu.run('carnetCreateProductLinks')).toMatchObject({ created: 0, kept: 2 });
    expect(emu.stripe.requests().filter((r) => r.method === 'POST').length).toBe(postsBefore);
    expect(emu.stripe.objects('payment_link')).toHaveLength(2);
  });

  test('a purchase through a product link is matched like any other', () => {
    const emu = setup();
    emu.run('carnetCreateProductLinks');
    const link = emu.stripe.objects('payment_link').find((l) => (l.metadata as Record<string, string>).product_code === 'ESSAI');
    const { event } = emu.stripe.buyPaymentLink(String(link?.id), { email: 'bob@example.com', name: 'Bob' });
    deliverAndSettle(emu, String(event.id));
    expect(client(emu, 'bob@example.com')?.['Solde']).toBe(1);
  });

  test('the success and cancel pages are polite French pages', () => {
    const emu = setup();
    expect(emu.get({ page: 'merci' }).content).toContain('Votre paiement est bien reçu');
    expect(emu.get({ page: 'annule' }).content).toContain('Le paiement n’a pas été effectué');
  });
});

void runBackstop;
