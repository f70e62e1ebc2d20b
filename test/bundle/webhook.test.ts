// doPost refuses what is not a genuine Stripe event of this account and mode: no side effect, one
// Journal line in French saying why (never the token or the key), a short neutral answer, no exception.
import { Emulator } from '../../emulator/src';
import { addLessonPack, addRow, client, eventRow, install, journal, records, runBackstop } from './harness';

function token(emu: Emulator): string {
  return emu.properties.scriptStore().get('WEBHOOK_TOKEN') ?? '';
}

function businessRows(emu: Emulator): number {
  return ['Clients', 'Crédits', 'Paiements', 'Factures', 'Recettes', 'Événements'].reduce((n, tab) => n + records(emu, tab).length, 0);
}

function expectRefused(emu: Emulator, send: () => { status: number; content: string }, reason: RegExp): void {
  const linesBefore = journal(emu).length;
  const answer = send();
  expect(answer.status).toBe(200);
  expect(answer.content).toBe('OK');
  expect(businessRows(emu)).toBe(0);
  const lines = journal(emu).slice(linesBefore);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(reason);
  expect(lines[0]).not.toContain(token(emu));
  expect(lines[0]).not.toContain('sk_test');
}

describe('doPost refuses', () => {
  let emu: Emulator;
  let eventId: string;
  beforeEach(() => {
    emu = install();
    const { price } = addLessonPack(emu);
    eventId = String(emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice' }).event.id);
  });

  test('a delivery without the token', () => {
    expectRefused(emu, () => emu.post({}, JSON.stringify({ id: eventId })), /jeton absent ou incorrect/);
  });

  test('a delivery with a wrong token (compared whole, in constant time)', () => {
    const wrong = `${token(emu).slice(0, -1)}x`;
    expectRefused(emu, () => emu.post({ token: wrong }, JSON.stringify({ id: eventId })), /jeton absent ou incorrect/);
  });

  test('an empty body', () => {
    expectRefused(emu, () => emu.post({ token: token(emu) }, ''), /pas un événement Stripe lisible/);
  });

  test('a body that is not JSON', () => {
    expectRefused(emu, () => emu.post({ token: token(emu) }, 'id=evt_123'), /pas un événement Stripe lisible/);
  });

  test('a body without an event id', () => {
    expectRefused(emu, () => emu.post({ token: token(emu) }, JSON.stringify({ type: 'checkout.session.completed' })), /n’a pas d’identifiant/);
  });

  test('a forged event (an id Stripe does not know), even with a convincing body', () => {
    const forged = { ...emu.stripe.getEvent(eventId), id: 'evt_1ForgedForgedForged' };
    expectRefused(emu, () => emu.post({ token: token(emu) }, JSON.stringify(forged)), /Stripe ne connaît pas l’événement evt_1ForgedForgedForged/);
  });

  test('an event of the other mode (a live event while the key is a test key)', () => {
    emu.stripe.addKey('sk_live_emulator');
    const product = emu.stripe.createProduct({ name: 'Live', livemode: true });
    const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: 5000, livemode: true });
    const live = emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: 'bob@example.com', name: 'Bob', livemode: true });
    // A test key cannot even see a live event: Stripe answers 404, which Carnet reports as unknown.
    expectRefused(emu, () => emu.deliverWebhook(String(live.event.id)), /Stripe ne connaît pas|mode réel/);
  });

  test('a test event while the configured key is a live key', () => {
    emu.stripe.addKey('sk_live_emulator');
    emu.properties.scriptStore().set('STRIPE_SECRET_KEY', 'sk_live_emulator');
    expectRefused(emu, () => emu.deliverWebhook(eventId), /Stripe ne connaît pas|mode test/);
  });
});

describe('an event Carnet cannot apply yet', () => {
  test('an unknown product: en échec with what to fix, nothing written, applied on the next retry once fixed', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Pack mystère' });
    const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: 12000 });
    const { event } = emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    emu.deliverWebhook(String(event.id));
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'en échec', Tentatives: 1 });
    expect(String(eventRow(emu, String(event.id))?.['Erreur'])).toContain(`Produit inconnu pour le prix ${price.id}`);
    expect(String(eventRow(emu, String(event.id))?.['Erreur'])).toContain('ajoutez-le à l’onglet Produits');
    expect(journal(emu).some((l) => l.includes('Produit inconnu'))).toBe(true);
    for (const tab of ['Clients', 'Crédits', 'Paiements', 'Factures', 'Recettes']) expect(records(emu, tab)).toEqual([]);

    addRow(emu, 'Produits', { Code: 'MYST', Nom: 'Pack mystère', Type: 'cours', 'Prix TTC': 120, Crédits: 4, Stripe: String(price.id) });
    runBackstop(emu); // the retry is due 10 minutes after the failure
    runBackstop(emu);
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'traité' });
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(4);
  });

  test('a payment in another currency: en échec, nothing written', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Pack USD' });
    const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: 12000, currency: 'usd' });
    addRow(emu, 'Produits', { Code: 'USD', Nom: 'Pack USD', Type: 'cours', 'Prix TTC': 120, Crédits: 4, Stripe: String(price.id) });
    const { event } = emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: 'alice@example.com', name: 'Alice', currency: 'usd' });
    emu.deliverWebhook(String(event.id));
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'en échec' });
    expect(String(eventRow(emu, String(event.id))?.['Erreur'])).toMatch(/en USD alors que Carnet attend des paiements en EUR/);
    expect(records(emu, 'Paiements')).toEqual([]);
  });

  test('after 5 failures the event is abandonné and the admin gets one e-mail naming it and its error', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Inconnu' });
    const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: 5000 });
    const { event } = emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    emu.deliverWebhook(String(event.id));
    // Retries at 10, 20, 40, 80 minutes after each failure.
    for (let i = 0; i < 40; i++) runBackstop(emu);
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'abandonné', Tentatives: 5 });
    const alerts = emu.mail.outbox().filter((m) => m.subject.includes(String(event.id)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].to).toEqual(['prof@example.com']);
    expect(alerts[0].body).toContain('Produit inconnu');
  });

  test('a delayed payment (SEPA): pending first, credits only when it succeeds', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event, session } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice', paymentMethod: 'sepa_debit' });
    emu.deliverWebhook(String(event.id));
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'en attente' });
    expect(client(emu, 'alice@example.com')).toBeUndefined();
    const succeeded = emu.stripe.succeedAsyncPayment(String(session.id));
    emu.deliverWebhook(String(succeeded.event.id));
    expect(records(emu, 'Paiements')).toHaveLength(1);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé' });
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(10);
  });

  test('a delayed payment that fails: échoué, no credit', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event, session } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice', paymentMethod: 'sepa_debit' });
    emu.deliverWebhook(String(event.id));
    emu.deliverWebhook(String(emu.stripe.failAsyncPayment(String(session.id)).event.id));
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'échoué' });
    expect(client(emu, 'alice@example.com')).toBeUndefined();
  });

  test('a dispute: payment and client flagged, admin alerted with the amount and the deadline', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event, session } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    emu.deliverWebhook(String(event.id));
    const dispute = emu.stripe.openDispute(String(session.payment_intent), { reason: 'fraudulent' });
    emu.deliverWebhook(String(dispute.event.id));
    emu.deliverWebhook(String(dispute.event.id));
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'litige' });
    expect(String(client(emu, 'alice@example.com')?.['Litige'])).toMatch(/300,00\s€, réponse avant le \d\d\/\d\d\/2026/);
    const alerts = emu.mail.outbox().filter((m) => m.subject.includes('litige'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].body).toContain('300,00');
  });
});
