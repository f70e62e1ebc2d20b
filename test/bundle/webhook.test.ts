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

  // Issue 11, point 7: a client has paid; the admin can fix the cause; it must fix itself.
  test('redeliveries never count; one e-mail per cause and a daily reminder; never abandoned; applied within 10 minutes of the fix', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Pack mystère' });
    const price = String(emu.stripe.createPrice({ product: String(product.id), unitAmount: 5000 }).id);
    const first = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice' }).event;
    // Stripe redelivers (the 302 counts as a failure): five more times within minutes.
    for (let i = 0; i < 6; i++) {
      emu.deliverWebhook(String(first.id));
      emu.rt.clock.advance(30 * 1000);
    }
    expect(eventRow(emu, String(first.id))).toMatchObject({ Statut: 'en échec', Tentatives: 1 });
    // A second client buys the same unknown product: same cause, no second e-mail.
    const second = emu.stripe.pay({ lineItems: [{ price, quantity: 2 }], email: 'bob@example.com', name: 'Bob' }).event;
    emu.deliverWebhook(String(second.id));
    // Alerts wait in Envois for the next run that sends e-mails.
    runBackstop(emu);
    const failureMails = () => emu.mail.outbox().filter((m) => m.subject === 'Carnet : un événement Stripe attend une correction');
    expect(failureMails()).toHaveLength(1);
    expect(failureMails()[0].to).toEqual(['prof@example.com']);
    expect(failureMails()[0].body).toContain(`Produit inconnu pour le prix ${price}`);

    // A day and a half of retries with back-off: still waiting, never abandoned, one reminder a day.
    // (37 hours: the try due after about 36 hours has run, the next one is 6 hours later.)
    emu.advance(37 * 60 * 60 * 1000);
    for (const e of [first, second]) expect(eventRow(emu, String(e.id))).toMatchObject({ Statut: 'en échec' });
    expect(Number(eventRow(emu, String(first.id))?.['Tentatives'])).toBeGreaterThan(5);
    expect(failureMails()).toHaveLength(1);
    const reminders = emu.mail.outbox().filter((m) => m.subject.startsWith('Carnet : 2 événement(s) Stripe attendent toujours'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].body).toContain('2 événement(s) : Produit inconnu');
    // The next try is hours away, but adding the product is enough: the next backstop run applies both.
    expect((eventRow(emu, String(first.id))?.['Prochain essai'] as Date).getTime() - emu.rt.clock.now()).toBeGreaterThan(60 * 60 * 1000);
    addRow(emu, 'Produits', { Code: 'MYST', Nom: 'Pack mystère', Type: 'cours', 'Prix TTC': 50, Crédits: 4, Stripe: price });
    runBackstop(emu);
    for (const e of [first, second]) expect(eventRow(emu, String(e.id))).toMatchObject({ Statut: 'traité' });
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(4);
    expect(client(emu, 'bob@example.com')?.['Solde']).toBe(8);
  });

  // Review item 3: re-reading Produits before saying a product is unknown is no edit by the admin.
  test('one failing event does not make every other failed event skip its back-off', () => {
    const emu = install();
    const unknown = () => {
      const product = emu.stripe.createProduct({ name: 'Pack mystère' });
      return String(emu.stripe.createPrice({ product: String(product.id), unitAmount: 5000 }).id);
    };
    const first = emu.stripe.pay({ lineItems: [{ price: unknown(), quantity: 1 }], email: 'alice@example.com' }).event;
    emu.deliverWebhook(String(first.id));
    emu.rt.clock.advance(60 * 1000);
    const second = emu.stripe.pay({ lineItems: [{ price: unknown(), quantity: 1 }], email: 'bob@example.com' }).event;
    emu.deliverWebhook(String(second.id));
    // Two hours of backstop runs: tries at 0, +10, +30 and +70 minutes (the next is at +150), no more.
    emu.advance(2 * 60 * 60 * 1000);
    for (const e of [first, second]) expect(eventRow(emu, String(e.id))).toMatchObject({ Statut: 'en échec', Tentatives: 4 });
  });

  test('a product just added is never unknown because of the settings cache, even when no edit trigger ran', () => {
    const emu = install();
    const { price: known } = addLessonPack(emu);
    // A first event fills the cache with the catalogue.
    emu.deliverWebhook(String(emu.stripe.pay({ lineItems: [{ price: known, quantity: 1 }], email: 'alice@example.com' }).event.id));
    // A row written without the onEdit trigger (another script, the API, an import).
    const product = emu.stripe.createProduct({ name: 'Atelier' });
    const price = String(emu.stripe.createPrice({ product: String(product.id), unitAmount: 4000 }).id);
    const row = emu.spreadsheet.values('Produits').length + 1;
    emu.spreadsheet.setCell('Produits', `A${row}:G${row}`, [['ATELIER', 'Atelier', 'cours', 40, 2, '', price]]);
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'bob@example.com' });
    emu.deliverWebhook(String(event.id));
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'traité' });
    expect(client(emu, 'bob@example.com')?.['Solde']).toBe(2);
  });

  test('an event Stripe no longer keeps (30 days) is abandonné, with one e-mail naming it', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Inconnu' });
    const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: 5000 });
    const { event } = emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    emu.deliverWebhook(String(event.id));
    // The last try that Stripe's 30 days allow: the next one would come too late.
    emu.rt.clock.advance(30 * 24 * 60 * 60 * 1000 - 15 * 60 * 1000);
    runBackstop(emu);
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'abandonné' });
    // Its own e-mail (or, when other alerts wait with it, a digest that names it).
    const alerts = emu.mail
      .sentTo('prof@example.com')
      .filter((m) => m.subject.includes(String(event.id)) || m.body.includes(`${String(event.id)} n’a pas pu être traité`));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].body).toContain(`30 jours de traiter l’événement Stripe ${String(event.id)}`);
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
    runBackstop(emu);
    const alerts = emu.mail.outbox().filter((m) => m.subject.includes('litige'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].body).toContain('300,00');
  });
});

// Issue 13: Stripe redelivers (it counts the web app's answers as failed), so repeats are the common case.
describe('a repeat of an event already recorded', () => {
  test('is answered after one cache read: no Stripe fetch, no lock, no sheet; the records stay single', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    emu.deliverWebhook(String(event.id));
    emu.rt.accounting.reset();
    expect(emu.deliverWebhook(String(event.id)).status).toBe(200);
    expect(emu.rt.accounting.total('UrlFetchApp')).toBe(0);
    expect(emu.rt.accounting.total('LockService')).toBe(0);
    expect(emu.rt.accounting.total('SpreadsheetApp')).toBeLessThanOrEqual(2);
    expect(records(emu, 'Paiements')).toHaveLength(1);
    expect(records(emu, 'Crédits')).toHaveLength(1);
  });

  test('a failed event is not remembered: once fixed, the backstop applies it, and only then are repeats answered from the cache', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Pack mystère' });
    const price = String(emu.stripe.createPrice({ product: String(product.id), unitAmount: 5000 }).id);
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    emu.deliverWebhook(String(event.id));
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'en échec' });
    addRow(emu, 'Produits', { Code: 'MYST', Nom: 'Pack mystère', Type: 'cours', 'Prix TTC': 50, Crédits: 4, Stripe: price });
    runBackstop(emu);
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'traité' });
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(4);
    // The backstop's path does not fill the cache: the next repeat takes the full path once (the inbox says done), then is remembered.
    emu.deliverWebhook(String(event.id));
    emu.rt.accounting.reset();
    emu.deliverWebhook(String(event.id));
    expect(emu.rt.accounting.total('UrlFetchApp')).toBe(0);
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(4);
  });
});
