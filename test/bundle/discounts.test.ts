// Issue 15, point 5: what was paid, compared with the catalogue. A coupon, a promotion code, another
// price of the same Stripe product: the invoice, the `Paiements` and `Recettes` tabs say what Stripe
// actually charged; credits are granted for the catalogue's price only; the admin is told of any
// difference. References: docs.stripe.com/payments/checkout/discounts, docs.stripe.com/payments/checkout/no-cost-orders
// (a 100 % discount: `payment_status` "no_payment_required", no PaymentIntent), docs.stripe.com/api/checkout/sessions/line_items
// (`amount_subtotal`, `amount_discount`, `amount_total`); CGI art. 242 nonies A (reductions appear on the invoice).
import type { Emulator } from '../../emulator/src';
import { addLessonPack, addRow, client, COLLECT, deliverAndSettle, install, journal, records, runBackstop, eventRow } from './harness';
import { euros, flat, lineItem, numbers, pdfOf } from './invoices-helpers';

const ALICE = 'alice@example.com';
const ADDRESS = { line1: '8 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' };
const STANDARD_VAT = { 'Régime de TVA': 'standard', 'N° de TVA intracommunautaire': 'FR40123456789' };

function deliverSince(emu: Emulator, from: number): void {
  for (const e of emu.stripe.events().slice(from)) deliverAndSettle(emu, String(e.id));
}

function payment(emu: Emulator): Record<string, unknown> {
  const rows = records(emu, 'Paiements');
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe('a 100 % coupon: a no-cost order', () => {
  test('recorded once: credits granted, an invoice at 0 € that shows the price and the reduction, 0 € in Paiements and Recettes, the admin told', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const coupon = emu.stripe.createCoupon({ percentOff: 100, name: 'Offert' });
    const { session, event } = emu.stripe.pay({
      lineItems: [{ price, quantity: 1 }],
      email: ALICE,
      name: 'Alice Dupont',
      address: ADDRESS,
      session: { ...COLLECT, discounts: [{ coupon: coupon.id }] },
    });
    expect(session).toMatchObject({ payment_status: 'no_payment_required', payment_intent: null, amount_total: 0 });
    deliverAndSettle(emu, String(event.id));
    // Delivered again, and the backstop passing: still one of everything.
    deliverAndSettle(emu, String(event.id));
    runBackstop(emu);

    expect(client(emu, ALICE)?.['Solde']).toBe(10);
    expect(records(emu, 'Crédits').map((r) => r['Variation'])).toEqual([10]);
    expect(payment(emu)).toMatchObject({ Montant: 0, Statut: 'payé', 'Paiement Stripe': '', Crédits: 10, Facture: 'F-2026-0001' });
    expect(records(emu, 'Recettes')).toEqual([
      expect.objectContaining({ Référence: 'F-2026-0001', Montant: 0, 'Mode de règlement': 'Aucun (total de 0 €)', Pièce: String(session.id) }),
    ]);
    expect(numbers(emu)).toEqual(['F-2026-0001']);
    const text = pdfOf(emu, 'F-2026-0001');
    expect(lineItem(text, 'Pack 10 cours')).toBe('Pack 10 cours 1 300,00 € — 300,00 €');
    expect(lineItem(text, 'Remise « Offert »')).toBe('Remise « Offert » 1 -300,00 € — -300,00 €');
    expect(text.split('\n')).toContain('Total TTC 0,00 €');
    expect(flat(text)).toContain('Aucun paiement : total de 0 € (commande du 21 novembre 2026)');
    expect(flat(text)).not.toMatch(/carte bancaire|Payée le/);
    const flags = journal(emu).filter((l) => l.startsWith('Montant différent du catalogue'));
    expect(flags).toEqual([
      `Montant différent du catalogue pour le paiement de ${ALICE} (session ${String(session.id)}) : 1 × Pack 10 cours payé 0,00 € au lieu de 300,00 € (remise « Offert » de 300,00 €). Les crédits et accès du produit ont été accordés ; la facture montre la remise.`.replace(
        / €/g,
        '\u00A0€',
      ),
    ]);
  });
});

describe('a promotion code of 20 % typed by the client', () => {
  function discountedPack(emu: Emulator) {
    const { price } = addLessonPack(emu, 'PACK10', 10, 30000, { 'Taux de TVA': 20 });
    const coupon = emu.stripe.createCoupon({ percentOff: 20 });
    emu.stripe.createPromotionCode({ coupon: String(coupon.id), code: 'PRINTEMPS' });
    const outcome = emu.stripe.pay({
      lineItems: [{ price, quantity: 1 }],
      email: ALICE,
      name: 'Alice Dupont',
      address: ADDRESS,
      session: { ...COLLECT, allow_promotion_codes: true },
      promotionCode: 'printemps',
    });
    deliverAndSettle(emu, String(outcome.event.id));
    return { pi: String(outcome.session.payment_intent), session: String(outcome.session.id) };
  }

  test('what Stripe charged everywhere: 240 € in Paiements and Recettes, the invoice shows 300 € and the 60 € reduction, VAT on 240 €', () => {
    const emu = install({ settings: STANDARD_VAT });
    const { pi, session } = discountedPack(emu);
    expect(emu.stripe.object(pi)?.amount).toBe(24000);
    expect(client(emu, ALICE)?.['Solde']).toBe(10);
    expect(payment(emu)).toMatchObject({ Montant: 240, 'Paiement Stripe': pi, Crédits: 10 });
    expect(records(emu, 'Recettes')).toEqual([expect.objectContaining({ Montant: 240, Pièce: pi, 'Mode de règlement': 'Carte bancaire (Stripe)' })]);
    expect(records(emu, 'Factures')[0]).toMatchObject({ 'Montant TTC': 240, 'Montant HT': 200, TVA: 40 });
    const text = pdfOf(emu, 'F-2026-0001');
    const lines = text.split('\n');
    // 300 € TTC = 250 € HT; the reduction of 60 € TTC is 50 € HT: 200 € HT and 40 € of VAT on the 240 € charged.
    expect(lineItem(text, 'Pack 10 cours')).toBe('Pack 10 cours 1 250,00 € 20 % 250,00 €');
    expect(lineItem(text, 'Remise « PRINTEMPS »')).toBe('Remise « PRINTEMPS » 1 -50,00 € 20 % -50,00 €');
    expect(lines).toEqual(expect.arrayContaining(['Total HT 200,00 €', 'TVA 40,00 €', 'Total TTC 240,00 €']));
    expect(flat(text)).toContain('TVA 20 % : 40,00 € sur 200,00 € HT');
    expect(journal(emu).filter((l) => l.includes(session) && l.includes('remise « PRINTEMPS » de 60,00\u00A0€'))).toHaveLength(1);
  });

  test('a full refund: the credit note repeats the price and the reduction, totals −240 €, and takes the 10 credits back', () => {
    const emu = install({ settings: STANDARD_VAT });
    const { pi } = discountedPack(emu);
    const n = emu.stripe.events().length;
    emu.stripe.refund(pi);
    deliverSince(emu, n);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001']);
    const text = pdfOf(emu, 'A-2026-0001');
    expect(lineItem(text, 'Pack 10 cours')).toBe('Pack 10 cours 1 -250,00 € 20 % -250,00 €');
    expect(lineItem(text, 'Remise « PRINTEMPS »')).toBe('Remise « PRINTEMPS » 1 50,00 € 20 % 50,00 €');
    expect(text.split('\n')).toContain('Total TTC -240,00 €');
    expect(client(emu, ALICE)?.['Solde']).toBe(0);
    expect(records(emu, 'Recettes').map((r) => r['Montant'])).toEqual([240, -240]);
  });

  test('a partial refund of 120 €: half of what was paid, so half of the credits', () => {
    const emu = install({ settings: STANDARD_VAT });
    const { pi } = discountedPack(emu);
    const n = emu.stripe.events().length;
    emu.stripe.refund(pi, 12000);
    deliverSince(emu, n);
    expect(client(emu, ALICE)?.['Solde']).toBe(5);
    expect(records(emu, 'Factures')[1]).toMatchObject({ Type: 'Avoir', 'Montant TTC': -120 });
    expect(payment(emu)).toMatchObject({ Statut: 'remboursé partiellement', Remboursé: 120, 'Crédits retirés': 5 });
  });
});

describe('another price of the same Stripe product', () => {
  test('the row names the product at 300 €: a payment at another price of it grants nothing until the admin says which row sells it', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Pack 10 cours' });
    emu.stripe.createPrice({ product: String(product.id), unitAmount: 30000 });
    addRow(emu, 'Produits', { Code: 'PACK10', Nom: 'Pack 10 cours', Type: 'cours', 'Prix TTC': 300, Crédits: 10, Stripe: String(product.id) });
    const cheap = String(emu.stripe.createPrice({ product: String(product.id), unitAmount: 15000 }).id);
    const { event } = emu.stripe.pay({ lineItems: [{ price: cheap, quantity: 1 }], email: ALICE, name: 'Alice Dupont' });
    deliverAndSettle(emu, String(event.id));

    expect(client(emu, ALICE)).toBeUndefined();
    for (const tab of ['Crédits', 'Paiements', 'Factures', 'Recettes']) expect(records(emu, tab)).toEqual([]);
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'en échec' });
    expect(String(eventRow(emu, String(event.id))?.['Erreur'])).toContain(`Prix non prévu au catalogue : le client a payé le prix ${cheap} (150,00\u00A0€)`);
    expect(journal(emu).some((l) => l.includes('Prix non prévu au catalogue') && l.includes('colonne Stripe'))).toBe(true);
    // The cockpit's to-do list shows it, with what to fix and a retry button.
    const dashboard = emu.run<{ ok: true; value: { todo: Array<Record<string, unknown>> } }>('carnetUiDashboard');
    expect(dashboard.value.todo).toContainEqual(
      expect.objectContaining({ kind: 'event', id: event.id, action: 'retry', detail: expect.stringContaining('Prix non prévu au catalogue') }),
    );

    // The admin decides: that price is a half pack of 5 lessons.
    addRow(emu, 'Produits', { Code: 'DEMI', Nom: 'Demi-pack 5 cours', Type: 'cours', 'Prix TTC': 150, Crédits: 5, Stripe: cheap });
    runBackstop(emu);
    runBackstop(emu);
    expect(eventRow(emu, String(event.id))).toMatchObject({ Statut: 'traité' });
    expect(client(emu, ALICE)?.['Solde']).toBe(5);
    expect(payment(emu)).toMatchObject({ Montant: 150, Produits: '1 × Demi-pack 5 cours' });
    // At its catalogue price: nothing more to tell the admin.
    expect(journal(emu).some((l) => l.startsWith('Montant différent du catalogue'))).toBe(false);
  });

  test('the same product at the catalogue’s price, through another price object: granted as before', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Pack 10 cours' });
    addRow(emu, 'Produits', { Code: 'PACK10', Nom: 'Pack 10 cours', Type: 'cours', 'Prix TTC': 300, Crédits: 10, Stripe: String(product.id) });
    const other = String(emu.stripe.createPrice({ product: String(product.id), unitAmount: 30000 }).id);
    deliverAndSettle(emu, String(emu.stripe.pay({ lineItems: [{ price: other, quantity: 2 }], email: ALICE, name: 'Alice' }).event.id));
    expect(client(emu, ALICE)?.['Solde']).toBe(20);
    expect(euros(Number(payment(emu)['Montant']) * 100)).toBe('600,00 €');
  });
});
