// Payments in: every Stripe event verified and applied exactly once, by webhook or by polling.
import { Emulator } from '../../emulator/src';
import { addLessonPack, addRow, client, eventRow, install, records, runBackstop, snapshot, deliverAndSettle, aMinuteLater } from './harness';

function pay(emu: Emulator, price: string, email = 'alice@example.com', quantity = 1) {
  return emu.stripe.pay({ lineItems: [{ price, quantity }], email, name: 'Alice Dupont' });
}

describe('a paid Checkout for a lesson pack', () => {
  test('adds Crédits × quantity to the balance, one ledger row, one payment, the client, and marks the event processed', () => {
    const emu = install();
    const { price } = addLessonPack(emu, 'PACK10', 10, 30000);
    const { event, session } = pay(emu, price, 'Alice@Example.COM', 2);
    const answer = deliverAndSettle(emu, String(event.id));

    expect(answer.status).toBe(200);
    expect(client(emu, 'alice@example.com')).toMatchObject({ Nom: 'Alice Dupont', Solde: 20 });
    const ledger = records(emu, 'Crédits');
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ 'E-mail': 'alice@example.com', Variation: 20, Solde: 20, Référence: session.id });
    const payments = records(emu, 'Paiements');
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ 'E-mail': 'alice@example.com', Montant: 600, Statut: 'payé', 'Session Stripe': session.id });
    expect(payments[0]['Date']).toBeInstanceOf(Date);
    expect(eventRow(emu, String(event.id))).toMatchObject({ Type: 'checkout.session.completed', Statut: 'traité', Tentatives: 0 });
  });

  test('credits with a validity carry their expiry date in the ledger', () => {
    const emu = install();
    const { price } = addLessonPack(emu, 'PACK5', 5, 15000, { 'Validité (jours)': 90 });
    deliverAndSettle(emu, String(pay(emu, price).event.id));
    const expiry = records(emu, 'Crédits')[0]['Expiration'] as Date;
    expect(expiry).toBeInstanceOf(Date);
    // 21 November 2026 + 90 days = 19 February 2027.
    expect(expiry.toISOString().slice(0, 10)).toBe('2027-02-19');
  });

  test('matches a line item by its Stripe product id as well as its price id', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Pack 3' });
    const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: 9000 });
    addRow(emu, 'Produits', { Code: 'P3', Nom: 'Pack 3 cours', Type: 'cours', 'Prix TTC': 90, Crédits: 3, Stripe: String(product.id) });
    deliverAndSettle(emu, String(pay(emu, String(price.id)).event.id));
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(3);
  });

  test('a second purchase by the same client adds to the same row', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    deliverAndSettle(emu, String(pay(emu, price).event.id));
    deliverAndSettle(emu, String(pay(emu, price, 'ALICE@example.com').event.id));
    expect(records(emu, 'Clients')).toHaveLength(1);
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(20);
    expect(records(emu, 'Crédits').map((r) => r['Solde'])).toEqual([10, 20]);
  });

  test('a balance edited by hand is kept: an adjustment row keeps the ledger true', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    deliverAndSettle(emu, String(pay(emu, price).event.id));
    emu.spreadsheet.setCell('Clients', 'C2', 12);
    deliverAndSettle(emu, String(pay(emu, price).event.id));
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(22);
    expect(records(emu, 'Crédits').map((r) => [r['Variation'], r['Solde']])).toEqual([
      [10, 10],
      [2, 12],
      [10, 22],
    ]);
  });

  test('a name from Stripe that looks like a formula is stored as text', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'eve@example.com', name: '=HYPERLINK("http://evil","x")' });
    deliverAndSettle(emu, String(event.id));
    expect(client(emu, 'eve@example.com')?.['Nom']).toBe('=HYPERLINK("http://evil","x")');
    expect(emu.spreadsheet.formulas('Clients').flat().filter(Boolean)).toEqual([]);
  });
});

describe('exactly once', () => {
  test('the same event delivered 5 times, by webhook and by polling interleaved, has the effect of one', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event } = pay(emu, price);
    deliverAndSettle(emu, String(event.id));
    runBackstop(emu);
    deliverAndSettle(emu, String(event.id));
    runBackstop(emu);
    deliverAndSettle(emu, String(event.id));
    expect(records(emu, 'Clients')).toHaveLength(1);
    expect(records(emu, 'Crédits')).toHaveLength(1);
    expect(records(emu, 'Paiements')).toHaveLength(1);
    expect(records(emu, 'Factures')).toHaveLength(1);
    expect(records(emu, 'Événements').filter((r) => r['ID'] === event.id)).toHaveLength(1);
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(10);
  });

  test('an event whose webhook never came is applied by the polling backstop', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event } = pay(emu, price);
    runBackstop(emu);
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(10);
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'traité', Source: 'rattrapage' });
  });

  test('10 deliveries of different events contending for the lock: all applied, none doubled', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const events = Array.from({ length: 10 }, (_, i) => String(pay(emu, price, `client${i}@example.com`).event.id));
    // Each delivery starts while the previous one holds the lock (nested executions).
    let next = 1;
    emu.rt.faults.add({
      target: 'LockService',
      nth: 1,
      times: Infinity,
      action: () => {
        if (next < events.length && emu.lock.scriptLockHolder() !== null) emu.deliverWebhook(events[next++]);
      },
    });
    emu.deliverWebhook(events[0]);
    emu.rt.faults.clear();
    runBackstop(emu);
    for (let i = 0; i < 10; i++) expect(client(emu, `client${i}@example.com`)?.['Solde']).toBe(10);
    expect(records(emu, 'Crédits')).toHaveLength(10);
    expect(records(emu, 'Paiements')).toHaveLength(10);
    expect(records(emu, 'Événements').map((r) => r['Statut'])).toEqual(Array(10).fill('traité'));
  });

  test('the lock not obtained in time: the event stays reçu, no exception, and the backstop applies it', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event } = pay(emu, price);
    const release = emu.lock.holdScriptLock();
    expect(() => emu.deliverWebhook(String(event.id))).not.toThrow();
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'reçu' });
    expect(client(emu, 'alice@example.com')).toBeUndefined();
    release();
    runBackstop(emu);
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'traité' });
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(10);
  });

  test('a refund that arrives before its payment is held, then applied after it, never dropped', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event: paid, session } = pay(emu, price);
    const { event: refunded } = emu.stripe.refund(String(session.payment_intent));
    deliverAndSettle(emu, String(refunded.id));
    expect(eventRow(emu, String(refunded.id))).toMatchObject({ Statut: 'reçu' });
    deliverAndSettle(emu, String(paid.id));
    expect(eventRow(emu, String(refunded.id))).toMatchObject({ Statut: 'traité' });
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'remboursé', Remboursé: 300 });
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(0);
  });
});

describe('a run killed at any service call', () => {
  /** The records after a payment whose webhook and documents run both completed (e-mail sent). */
  function cleanRun() {
    const clean = install();
    const { event } = pay(clean, addLessonPack(clean).price);
    const before = clean.rt.faults.log.length;
    clean.deliverWebhook(String(event.id));
    const webhookCalls = clean.rt.faults.log.length - before;
    aMinuteLater(clean);
    const documentsCalls = clean.rt.faults.log.length - before - webhookCalls;
    return { expected: snapshot(clean), webhookCalls, documentsCalls };
  }

  /** After the runs the test killed and the backstop: the state of a clean run, the e-mail sent once or marked "envoi incertain". */
  function expectFinished(emu: Emulator, k: number, expected: Record<string, unknown[]>) {
    const state = snapshot(emu);
    const invoiceMails = emu.mail.sentTo('alice@example.com').length;
    const invoice = state['Factures'][0] as Record<string, unknown>;
    if (invoice?.['Statut'] === 'envoi incertain') {
      // Killed between "sending" and "sent": Carnet cannot know whether the e-mail left, so it never resends.
      expect(invoiceMails).toBeLessThanOrEqual(1);
      expect(invoice['Erreur']).toMatch(/ne le renvoie pas/);
      Object.assign(invoice, { Statut: 'envoyée', Erreur: '' });
    } else {
      expect({ k, invoiceMails }).toEqual({ k, invoiceMails: 1 });
    }
    expect({ k, state }).toEqual({ k, state: expected });
  }

  test('the webhook killed: finished by the next run, the records equal those of one clean run', () => {
    const { expected, webhookCalls } = cleanRun();
    expect(webhookCalls).toBeGreaterThan(20);
    for (let k = 1; k <= webhookCalls; k++) {
      const emu = install();
      const { event: e } = pay(emu, addLessonPack(emu).price);
      // From the k-th call on, every call fails: the execution is dead.
      emu.rt.faults.add({ target: '*', nth: k, times: Infinity, action: new Error(`killed at call ${k}`) });
      try {
        emu.deliverWebhook(String(e.id));
      } catch {
        // The execution died.
      }
      emu.rt.faults.clear();
      runBackstop(emu);
      expectFinished(emu, k, expected);
    }
  });

  test('the documents run killed: nothing lost, nothing doubled; the backstop finishes it', () => {
    const { expected, documentsCalls } = cleanRun();
    expect(documentsCalls).toBeGreaterThan(10);
    for (let k = 1; k <= documentsCalls; k++) {
      const emu = install();
      const { event: e } = pay(emu, addLessonPack(emu).price);
      emu.deliverWebhook(String(e.id));
      emu.rt.faults.add({ target: '*', nth: k, times: Infinity, action: new Error(`killed at call ${k}`) });
      aMinuteLater(emu);
      emu.rt.faults.clear();
      expect(emu.triggerFailures.map((f) => f.handler)).toEqual(['carnetDocuments']);
      runBackstop(emu);
      expectFinished(emu, k, expected);
      // No documents trigger left behind.
      expect(emu.script.triggers().filter((t) => t.handler === 'carnetDocuments' && t.nextRun !== null)).toEqual([]);
    }
  });
});
