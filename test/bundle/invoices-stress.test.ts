// 200 payments and refunds, interleaved, delivered once, twice, never (left to the polling backstop) or
// by runs killed half-way: the invoice and credit-note series stay gapless, every payment has exactly
// one invoice, every refund exactly one credit note, and no document is e-mailed twice.
import type { Emulator } from '../../emulator/src';
import { addRow, COLLECT, install, records, runBackstop } from './harness';
import { invoiceRows, mailsOf, pdfOf, docTitle } from './invoices-helpers';

/** Deterministic choices (mulberry32): a failure replays identically. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Product {
  price: string;
  cents: number;
  credits: number;
}

interface Sale {
  session: string;
  paymentIntent: string;
  email: string;
  totalCents: number;
  credits: number;
  refundedCents: number;
}

function addProducts(emu: Emulator): Product[] {
  const rows = [
    { Code: 'PACK10', Nom: 'Pack 10 cours', Type: 'cours', cents: 30000, Crédits: 10 },
    { Code: 'PACK5', Nom: 'Pack 5 cours', Type: 'cours', cents: 15000, Crédits: 5, 'Validité (jours)': 90 },
    { Code: 'PIANO', Nom: 'Cours de piano (1 h)', Type: 'cours', cents: 4999, Crédits: 1 },
    { Code: 'ANNEE', Nom: 'Formation annuelle', Type: 'formation', cents: 123456 },
  ] as const;
  return rows.map((row) => {
    const product = emu.stripe.createProduct({ name: row.Nom });
    const price = String(emu.stripe.createPrice({ product: String(product.id), unitAmount: row.cents }).id);
    const { cents, ...cells } = row;
    addRow(emu, 'Produits', { ...cells, 'Prix TTC': cents / 100, Stripe: price });
    return { price, cents, credits: 'Crédits' in row ? row.Crédits : 0 };
  });
}

const CLIENTS = Array.from({ length: 12 }, (_, i) => ({
  email: `eleve${i}@example.com`,
  name: `Élève ${i}`,
  ...(i % 4 === 0 ? { company: `Société ${i} SAS`, taxIds: [{ type: 'eu_vat', value: `FR${String(10000000000 + i)}` }] } : {}),
}));

/** Every number of a series, in sheet order, must be PREFIX-2026-0001 … PREFIX-2026-n. */
function expectGapless(found: string[], prefix: string, n: number): void {
  expect(found).toEqual(Array.from({ length: n }, (_, i) => `${prefix}-2026-${String(i + 1).padStart(4, '0')}`));
}

test.each([20261121, 7, 42])(
  'seed %i: 200 payments and refunds, some delivered twice, some never, some killed mid-way: gapless series, one document each, none e-mailed twice',
  (seed) => {
    const emu = install();
    // Calls cost no virtual time: only the test moves the clock.
    emu.rt.latencyMs = {};
    // 200+ documents in a day: a Workspace account's e-mail quota (the quota itself is tested elsewhere).
    emu.mail.setDailyQuota(1500);
    const next = random(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const products = addProducts(emu);
    const sales: Sale[] = [];
    let kills = 0;

    const deliver = (eventId: string) => {
      const how = next();
      if (how < 0.15) return; // the webhook never comes: the backstop polls it
      if (how < 0.35) {
        emu.deliverWebhook(eventId);
        emu.deliverWebhook(eventId);
        return;
      }
      if (how < 0.55) {
        // The execution dies at its k-th service call; Stripe delivers again later.
        emu.rt.faults.add({ target: '*', nth: 1 + Math.floor(next() * 120), times: Infinity, action: new Error('killed') });
        try {
          emu.deliverWebhook(eventId);
        } catch {
          kills += 1;
        }
        emu.rt.faults.clear();
        if (next() < 0.5) emu.deliverWebhook(eventId);
        return;
      }
      emu.deliverWebhook(eventId);
    };

    for (let i = 0; i < 200; i++) {
      const refundable = sales.filter((s) => s.refundedCents < s.totalCents);
      if (refundable.length > 0 && next() < 0.3) {
        const sale = pick(refundable);
        const left = sale.totalCents - sale.refundedCents;
        const amount = next() < 0.5 ? left : Math.max(1, Math.floor(left * next()));
        const { event } = emu.stripe.refund(sale.paymentIntent, amount);
        sale.refundedCents += amount;
        deliver(String(event.id));
      } else {
        const customer = pick(CLIENTS);
        const chosen = new Set([pick(products), ...(next() < 0.3 ? [pick(products)] : [])]);
        const lineItems = [...chosen].map((p) => ({ price: p.price, quantity: 1 + Math.floor(next() * 3) }));
        const { session, event } = emu.stripe.pay({ lineItems, session: COLLECT, ...customer });
        sales.push({
          session: String(session.id),
          paymentIntent: String(session.payment_intent),
          email: customer.email,
          totalCents: Number(session.amount_total),
          credits: lineItems.reduce((s, l) => s + (products.find((p) => p.price === l.price)?.credits ?? 0) * l.quantity, 0),
          refundedCents: 0,
        });
        deliver(String(event.id));
      }
      // A backstop run killed now and then too.
      if (next() < 0.05) {
        emu.rt.faults.add({ target: '*', nth: 1 + Math.floor(next() * 200), times: Infinity, action: new Error('killed') });
        runBackstop(emu);
        emu.rt.faults.clear();
      }
      // Time passes (the 10-minute backstop fires on the way).
      emu.advance(Math.floor(30_000 + next() * 150_000));
    }
    // Then the backstop runs until nothing is left to do (at least a few times: the last webhooks may never come).
    const busy = () =>
      records(emu, 'Événements').some((r) => !['traité', 'ignoré'].includes(String(r['Statut']))) ||
      invoiceRows(emu).some((r) => ['à générer', 'à envoyer', 'envoi en cours'].includes(String(r['Statut'])));
    for (let runs = 0; runs < 60 && (runs < 3 || busy()); runs++) runBackstop(emu);
    expect(busy()).toBe(false);
    expect(kills).toBeGreaterThan(20);
    // The only backstop runs that failed are the ones the test killed.
    expect(emu.triggerFailures.map((f) => f.error.message).filter((m) => m !== 'killed')).toEqual([]);

    const refunds = emu.stripe.objects('refund');
    const rows = invoiceRows(emu);
    const invoices = rows.filter((r) => r['Type'] === 'Facture');
    const notes = rows.filter((r) => r['Type'] === 'Avoir');
    expect(invoices.length + notes.length).toBe(rows.length);

    // 1. Two gapless series, in sheet order, one document per payment and per refund.
    expectGapless(
      invoices.map((r) => String(r['Numéro'])),
      'F',
      sales.length,
    );
    expectGapless(
      notes.map((r) => String(r['Numéro'])),
      'A',
      refunds.length,
    );

    // 2. Each payment: one row, its Facture column pointing at its own invoice.
    const payments = records(emu, 'Paiements');
    expect(payments).toHaveLength(sales.length);
    const invoiceOf = new Map<string, Record<string, unknown>>();
    for (const sale of sales) {
      const rowsOfSale = payments.filter((p) => p['Session Stripe'] === sale.session);
      expect(rowsOfSale).toHaveLength(1);
      const invoice = invoices.filter((r) => r['Référence paiement'] === sale.paymentIntent);
      expect(invoice).toHaveLength(1);
      expect(rowsOfSale[0]['Facture']).toBe(invoice[0]['Numéro']);
      expect(invoice[0]).toMatchObject({ 'E-mail': sale.email, 'Montant TTC': sale.totalCents / 100 });
      invoiceOf.set(sale.paymentIntent, invoice[0]);
    }

    // 3. Each refund: one credit note citing the invoice of its payment, for its amount.
    for (const refund of refunds) {
      const note = notes.filter((r) => r['Référence paiement'] === refund.id);
      expect(note).toHaveLength(1);
      expect(note[0]["Facture d'origine"]).toBe(invoiceOf.get(String(refund.payment_intent))?.['Numéro']);
      expect(note[0]['Montant TTC']).toBe(-Number(refund.amount) / 100);
    }

    // 4. The receipts register: one line per payment and per refund, adding up to what was kept.
    const receipts = records(emu, 'Recettes');
    expect(receipts).toHaveLength(sales.length + refunds.length);
    const kept = sales.reduce((s, x) => s + x.totalCents - x.refundedCents, 0);
    expect(Math.round(receipts.reduce((s, r) => s + Number(r['Montant']) * 100, 0))).toBe(kept);
    expect(new Set(receipts.map((r) => r['Référence'])).size).toBe(receipts.length);

    // 5. Credits: what was bought, less the share of each refund (rounded down); no credit was used.
    for (const { email } of CLIENTS) {
      const own = sales.filter((s) => s.email === email);
      if (own.length === 0) continue;
      const expected = own.reduce((s, x) => s + x.credits - Math.floor((x.credits * x.refundedCents) / x.totalCents), 0);
      expect({ email, balance: records(emu, 'Clients').find((c) => c['E-mail'] === email)?.['Solde'] }).toEqual({ email, balance: expected });
    }

    // 6. Every document has its PDF; e-mailed once, or (a run killed while sending) marked uncertain and never resent.
    const uncertain: string[] = [];
    for (const row of rows) {
      const number = String(row['Numéro']);
      const sent = mailsOf(emu, number);
      if (row['Statut'] === 'envoi incertain') {
        uncertain.push(number);
        expect(sent.length).toBeLessThanOrEqual(1);
      } else {
        expect({ number, status: row['Statut'], mails: sent.length }).toEqual({ number, status: 'envoyée', mails: 1 });
        expect(sent[0].to).toEqual([row['E-mail']]);
      }
    }
    expect(uncertain.length).toBeLessThan(rows.length / 10);
    for (const number of [invoices[0], invoices[invoices.length - 1], notes[notes.length - 1]].map((r) => String(r['Numéro']))) {
      expect(docTitle(pdfOf(emu, number))).toBe(`${number.startsWith('F') ? 'Facture' : 'Avoir'} ${number}`);
    }
    // One PDF per document in Drive.
    const pdfNames = emu.drive
      .files()
      .filter((f) => f.mimeType === 'application/pdf' && !f.trashed)
      .map((f) => f.name);
    expect(pdfNames).toHaveLength(rows.length);
    expect(new Set(pdfNames).size).toBe(rows.length);

    // Quiet means quiet: more runs change nothing.
    const before = { rows: invoiceRows(emu).length, mails: emu.mail.outbox().length };
    runBackstop(emu);
    runBackstop(emu);
    expect({ rows: invoiceRows(emu).length, mails: emu.mail.outbox().length }).toEqual(before);
  },
);
