// Invoices and credit notes end to end, on the built bundle: what the teacher, her client and her
// accountant would read in the PDF, the e-mail, the `Factures` and `Recettes` tabs and the CSV export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { Emulator } from '../../emulator/src';
import { addLessonPack, addRow, client, COLLECT, install, journal, records, runBackstop, setSetting, deliverAndSettle, aMinuteLater } from './harness';
import { ADMIN, allValues, attachmentText, euros, flat, invoiceRow, jumpTo, lineItem, mailsOf, numbers, pdfOf, plain, utc, docTitle } from './invoices-helpers';

const BUSINESS_CLIENT = { company: 'ACME SAS', taxIds: [{ type: 'eu_vat', value: 'FR12345678901' }] };
const ADDRESS = { line1: '8 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' };
const STANDARD_VAT = { 'Régime de TVA': 'standard', 'N° de TVA intracommunautaire': 'FR40123456789' };

/** A Stripe Price for a catalogue row of the `Produits` tab. */
function addProduct(
  emu: Emulator,
  row: {
    Code: string;
    Nom: string;
    Type: 'cours' | 'formation' | 'ebook';
    cents: number;
    Crédits?: number;
    'Taux de TVA'?: number;
    'Validité (jours)'?: number;
  },
): string {
  const product = emu.stripe.createProduct({ name: row.Nom });
  const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: row.cents });
  const { cents, ...cells } = row;
  addRow(emu, 'Produits', { ...cells, 'Prix TTC': cents / 100, Stripe: String(price.id), 'Lien de réservation': 'https://calendar.app.google/piano' });
  return String(price.id);
}

function payAndDeliver(emu: Emulator, lineItems: Array<{ price: string; quantity: number }>, customer: Record<string, unknown> = {}) {
  const outcome = emu.stripe.pay({ lineItems, email: 'alice@example.com', name: 'Alice Dupont', address: ADDRESS, session: COLLECT, ...customer });
  deliverAndSettle(emu, String(outcome.event.id));
  return outcome;
}

describe('mandatory mentions, read back from the PDF', () => {
  const cases = [
    { vat: 'franchise', business: false },
    { vat: 'franchise', business: true },
    { vat: 'standard', business: false },
    { vat: 'standard', business: true },
  ] as const;

  test.each(cases)('%o', ({ vat, business }) => {
    const emu = install({ settings: vat === 'standard' ? STANDARD_VAT : {} });
    const price = addProduct(emu, {
      Code: 'PIANO',
      Nom: 'Cours de piano (1 h)',
      Type: 'cours',
      cents: 4999,
      Crédits: 1,
      ...(vat === 'standard' ? { 'Taux de TVA': 20 } : {}),
    });
    // Paid on Saturday 21 November, recorded on Monday 23 November (the webhook came late).
    const { session, event } = emu.stripe.pay({
      lineItems: [{ price, quantity: 3 }],
      email: 'alice@example.com',
      name: 'Alice Dupont',
      address: ADDRESS,
      session: COLLECT,
      ...(business ? BUSINESS_CLIENT : {}),
    });
    jumpTo(emu, utc(2026, 11, 23, 9));
    deliverAndSettle(emu, String(event.id));

    expect(records(emu, 'Paiements')[0]['Facture']).toBe('F-2026-0001');
    const text = pdfOf(emu, 'F-2026-0001');
    const lines = text.split('\n');
    const all = flat(text);
    expect(docTitle(text)).toBe('Facture F-2026-0001');
    // The seller: « Prénom Nom » followed by "EI", address, SIRET, in this order; under standard VAT, her VAT number.
    const seller = ['Claire Martin EI', '12 rue des Lilas, 75011 Paris', 'SIRET : 123 456 789 00012'].map((l) => lines.indexOf(l));
    expect(seller.every((i) => i >= 0)).toBe(true);
    if (vat === 'standard') expect(lines).toContain('N° TVA : FR40123456789');
    else expect(text).not.toContain('FR40123456789');
    expect(seller).toEqual([...seller].sort((a, b) => a - b));
    expect(all).toContain('Date d’émission : 23 novembre 2026');
    expect(all).toContain('Date de la vente : 21 novembre 2026');
    // The client.
    expect(lines).toContain('Alice Dupont');
    expect(lines).toContain('8 place Bellecour, 69002 Lyon');
    expect(lines).toContain('alice@example.com');
    if (business) expect(lines).toEqual(expect.arrayContaining(['ACME SAS', 'N° TVA : FR12345678901']));
    else expect(text).not.toMatch(/ACME|FR12345678901|N° TVA : $/m);
    // A private client has no company or VAT line: no label is left without its value.
    expect(lines.filter((l) => /:$/.test(l.trim()))).toEqual([]);
    // The line: designation, quantity, unit price HT, VAT, total HT; then the totals.
    const paymentIntent = String(session.payment_intent);
    if (vat === 'franchise') {
      expect(lineItem(text, 'Cours de piano (1 h)')).toBe('Cours de piano (1 h) 3 49,99 € — 149,97 €');
      expect(lines).toContain('Total HT 149,97 €');
      // No VAT, rather than a VAT of 0 €: the mention says why.
      expect(lines.filter((l) => /^TVA \S*\d/.test(l))).toEqual([]);
      expect(all).toContain('TVA non applicable, art. 293 B du CGI');
    } else {
      // 149,97 € TTC at 20 %: 124,975 → 124,98 € HT (half away from zero), 24,99 € VAT; unit HT 41,658 → 41,66 €.
      expect(lineItem(text, 'Cours de piano (1 h)')).toBe('Cours de piano (1 h) 3 41,66 € 20 % 124,98 €');
      expect(lines).toContain('Total HT 124,98 €');
      expect(lines).toContain('TVA 24,99 €');
      expect(all).toContain('TVA 20 % : 24,99 € sur 124,98 € HT');
      expect(text).not.toContain('293 B');
    }
    expect(lines).toContain('Total TTC 149,97 €');
    // The method the client used (the charge's) in words, and a reference they recognise; the Stripe id
    // stays in the sheet, not on the client's document.
    expect(lines).toContain('Payée le 21 novembre 2026 par carte bancaire via Stripe — référence Visa •••• 4242');
    expect(text).not.toContain(paymentIntent);
    if (business) {
      expect(all).toContain("Pénalités de retard : 3 fois le taux d'intérêt légal");
      expect(all).toContain('Indemnité forfaitaire pour frais de recouvrement : 40 €');
      expect(all).toContain('Escompte pour paiement anticipé : néant');
    } else {
      expect(text).not.toMatch(/Pénalités|40 €|recouvrement/);
    }
    // No placeholder left unfilled.
    expect(text).not.toMatch(/\{\{|\}\}/);
    // The sheet says the same as the PDF.
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({
      Type: 'Facture',
      'E-mail': 'alice@example.com',
      'Montant TTC': 149.97,
      'Montant HT': vat === 'franchise' ? 149.97 : 124.98,
      TVA: vat === 'franchise' ? 0 : 24.99,
      Client: business ? 'ACME SAS' : 'Alice Dupont',
      'Référence paiement': paymentIntent,
      Statut: 'envoyée',
    });
  });

  test('standard VAT with several rates: every line computed to the cent, totals equal the sum of the lines', () => {
    const emu = install({ settings: STANDARD_VAT });
    const piano = addProduct(emu, { Code: 'PIANO', Nom: 'Cours de piano (1 h)', Type: 'cours', cents: 4999, Crédits: 1, 'Taux de TVA': 20 });
    const book = addProduct(emu, { Code: 'SOLFEGE', Nom: 'Méthode de solfège', Type: 'formation', cents: 1200, 'Taux de TVA': 5.5 });
    const year = addProduct(emu, { Code: 'ANNEE', Nom: 'Formation annuelle', Type: 'formation', cents: 123456, 'Taux de TVA': 20 });
    payAndDeliver(emu, [
      { price: piano, quantity: 3 },
      { price: book, quantity: 1 },
      { price: year, quantity: 1 },
    ]);

    const text = pdfOf(emu, 'F-2026-0001');
    const all = flat(text);
    // Expected by hand: HT = TTC / (1 + rate), rounded half away from zero; VAT = TTC - HT.
    const expected = [
      { name: 'Cours de piano (1 h)', cells: '3 41,66 € 20 % 124,98 €', ht: 12498, vat: 2499 },
      { name: 'Méthode de solfège', cells: '1 11,37 € 5,5 % 11,37 €', ht: 1137, vat: 63 },
      { name: 'Formation annuelle', cells: '1 1 028,80 € 20 % 1 028,80 €', ht: 102880, vat: 20576 },
    ];
    for (const line of expected) expect(lineItem(text, line.name)).toBe(`${line.name} ${line.cells}`);
    const ht = expected.reduce((s, l) => s + l.ht, 0);
    const vat = expected.reduce((s, l) => s + l.vat, 0);
    expect(ht + vat).toBe(139653);
    expect(all).toContain(`Total HT ${euros(ht)}`);
    expect(all).toContain(`TVA ${euros(vat)}`);
    expect(all).toContain('Total TTC 1 396,53 €');
    expect(all).toContain('TVA 20 % : 230,75 € sur 1 153,78 € HT');
    expect(all).toContain('TVA 5,5 % : 0,63 € sur 11,37 € HT');
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ 'Montant TTC': 1396.53, 'Montant HT': 1165.15, TVA: 231.38 });
    // What Stripe charged is what the invoice says.
    expect(records(emu, 'Paiements')[0]['Montant']).toBe(1396.53);
  });
});

describe('the e-mail to the client', () => {
  test('one message, in French, from the business, with the PDF, the credits and the booking link', () => {
    const emu = install();
    addLessonPack(emu, 'PACK10', 10, 30000);
    const price = String(records(emu, 'Produits')[0]['Stripe']);
    payAndDeliver(emu, [{ price, quantity: 1 }]);

    const mails = emu.mail.sentTo('alice@example.com');
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.to).toEqual(['alice@example.com']);
    expect(mail.name).toBe('Claire Martin');
    expect(mail.replyTo).toBe('claire@example.fr');
    expect(mail.subject).toBe('Facture F-2026-0001 — Claire Martin');
    expect(mail.body).toContain('Bonjour Alice,');
    expect(plain(mail.body)).toContain('votre facture F-2026-0001, d’un montant de 300,00 €, réglée');
    expect(mail.body).toContain('Votre compte est crédité de 10 crédits de cours ; votre solde est de 10 crédits.');
    expect(mail.body).toContain('Réservez vos cours ici :\nhttps://calendar.app.google/reserver');
    expect(mail.body).toMatch(/Claire Martin$/);
    expect(mail.htmlBody).toContain('<a href="https://calendar.app.google/reserver">https://calendar.app.google/reserver</a>');
    // The attachment is the PDF kept in Drive, byte for byte.
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].name).toBe('Facture F-2026-0001 - Alice Dupont.pdf');
    expect(mail.attachments[0].contentType).toBe('application/pdf');
    const fileId = String(invoiceRow(emu, 'F-2026-0001')['Fichier']);
    expect(Buffer.from(mail.attachments[0].bytes).equals(Buffer.from(emu.drive.bytes(fileId)))).toBe(true);
    expect(docTitle(attachmentText(mail))).toBe('Facture F-2026-0001');
    expect(emu.drive.file(fileId)).toMatchObject({ name: 'Facture F-2026-0001 - Alice Dupont.pdf', mimeType: 'application/pdf', trashed: false });
    // The sheet links to it; the intermediate Google Doc is in the trash.
    expect(String(invoiceRow(emu, 'F-2026-0001')['PDF'])).toContain(fileId);
    expect(
      emu.drive
        .files()
        .filter((f) => f.name.startsWith('Facture F-2026-0001') && f.mimeType !== 'application/pdf')
        .every((f) => f.trashed),
    ).toBe(true);
    expect(invoiceRow(emu, 'F-2026-0001')['Envoyée le']).toBeInstanceOf(Date);
    expect(journal(emu)).toContain('F-2026-0001 envoyée à alice@example.com.');
  });

  test('values are escaped in the HTML body and printed literally in the PDF', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const evil = '<script>alert(1)</script>';
    payAndDeliver(emu, [{ price, quantity: 1 }], { name: evil, company: 'Dupont & "Fils" <SARL>' });

    const [mail] = emu.mail.sentTo('alice@example.com');
    expect(mail.htmlBody).not.toContain('<script>');
    expect(mail.htmlBody).toContain('Bonjour &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(mail.body).toContain(`Bonjour ${evil},`);
    const lines = attachmentText(mail).split('\n');
    expect(lines).toContain(evil);
    expect(lines.map((l) => l.trim())).toContain('Dupont & "Fils" <SARL>');
    // A file name cannot hold < > / " : the name in Drive and in the e-mail avoids them.
    expect(mail.attachments[0].name).toMatch(/^Facture F-2026-0001 - [^<>/"]+\.pdf$/);
  });
});

describe('values printed literally', () => {
  test('$, \\, {{numero}} and accents in a client name and address are printed as typed', () => {
    const emu = install();
    const price = addProduct(emu, { Code: 'EVEIL', Nom: 'Éveil musical — été « 5–7 ans »', Type: 'cours', cents: 12000, Crédits: 4 });
    const name = 'Zoé \\ 12 $5 {{numero}} $1 \\1 $&';
    payAndDeliver(emu, [{ price, quantity: 1 }], {
      name,
      address: { line1: '3 $0 rue des Œillets \\n', line2: 'Bât. {{foo}}', postal_code: '75011', city: 'Paris' },
    });

    const text = pdfOf(emu, 'F-2026-0001');
    const lines = text.split('\n');
    expect(docTitle(text)).toBe('Facture F-2026-0001');
    expect(lines).toContain(name);
    expect(flat(text)).toContain('3 $0 rue des Œillets \\n, Bât. {{foo}}, 75011 Paris');
    expect(lineItem(text, 'Éveil musical — été « 5–7 ans »')).toBe('Éveil musical — été « 5–7 ans » 1 120,00 € — 120,00 €');
    expect(flat(text).match(/\{\{\w+\}\}/g)).toEqual(['{{numero}}', '{{foo}}']);
    expect(lines.join('\n')).not.toMatch(/[\u27e6\u27e7]/);
    expect(invoiceRow(emu, 'F-2026-0001')['Client']).toBe(name);
    expect(emu.mail.sentTo('alice@example.com')[0].body).toContain('Bonjour Zoé,');
  });
});

describe('numbering', () => {
  function refundEvent(emu: Emulator, paymentIntent: string, amount?: number): string {
    return String(emu.stripe.refund(paymentIntent, amount).event.id);
  }

  test('two payments take F-2026-0001 and F-2026-0002; a refund takes A-2026-0001 and cites its invoice', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const first = payAndDeliver(emu, [{ price, quantity: 1 }]);
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob Martin' });
    expect(records(emu, 'Paiements').map((r) => r['Facture'])).toEqual(['F-2026-0001', 'F-2026-0002']);
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(10);

    const refund = emu.stripe.refund(String(first.session.payment_intent));
    deliverAndSettle(emu, String(refund.event.id));

    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002', 'A-2026-0001']);
    expect(invoiceRow(emu, 'A-2026-0001')).toMatchObject({
      Type: 'Avoir',
      'E-mail': 'alice@example.com',
      'Montant TTC': -300,
      'Montant HT': -300,
      "Facture d'origine": 'F-2026-0001',
      'Référence paiement': refund.refund.id,
      Statut: 'envoyée',
    });
    const text = pdfOf(emu, 'A-2026-0001');
    const all = flat(text);
    expect(docTitle(text)).toBe('Avoir A-2026-0001');
    expect(all).toContain('Cet avoir annule la facture F-2026-0001 du 21 novembre 2026.');
    // The credit note's sale is the one it cancels.
    expect(all).toContain('Date de la vente : 21 novembre 2026');
    expect(lineItem(text, 'Pack 10 cours')).toBe('Pack 10 cours 1 -300,00 € — -300,00 €');
    expect(all).toContain('Total TTC -300,00 €');
    expect(all).toContain('Remboursement du 21 novembre 2026 par carte bancaire via Stripe — référence Visa •••• 4242');
    expect(text).not.toContain(String(refund.refund.id));
    expect(all).toContain('TVA non applicable, art. 293 B du CGI');
    const [mail] = mailsOf(emu, 'A-2026-0001');
    expect(mail.to).toEqual(['alice@example.com']);
    expect(mail.subject).toBe('Avoir A-2026-0001 — Claire Martin');
    // What was refunded, the credits taken back and the balance left, the credit note, when the bank shows it.
    expect(plain(mail.body)).toContain(
      'Nous vous avons remboursé 300,00 € (totalité de la facture F-2026-0001 du 21 novembre 2026). Vous trouverez ci-joint l’avoir A-2026-0001.',
    );
    expect(mail.body).toContain('Ce remboursement retire 10 crédits de cours de votre compte ; votre solde est maintenant de 0 crédit.');
    expect(mail.body).toContain('sur votre relevé bancaire sous 5 à 10 jours ouvrés');
    expect(mail.attachments[0].name).toBe('Avoir A-2026-0001 - Alice Dupont.pdf');
    // The invoice is never touched: it stays, and the credits go back.
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ 'Montant TTC': 300, Statut: 'envoyée' });
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(0);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'remboursé', Remboursé: 300, Facture: 'F-2026-0001' });
    // The refund delivered again changes nothing.
    deliverAndSettle(emu, String(refund.event.id));
    runBackstop(emu);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002', 'A-2026-0001']);
    expect(mailsOf(emu, 'A-2026-0001')).toHaveLength(1);
  });

  test('two partial refunds: two credit notes, credits taken back in proportion, rounded down', () => {
    const emu = install();
    const { price } = addLessonPack(emu, 'PACK10', 10, 30000);
    const { session } = payAndDeliver(emu, [{ price, quantity: 1 }]);
    const pi = String(session.payment_intent);

    deliverAndSettle(emu, refundEvent(emu, pi, 10000));
    // 100 € of 300 €: 10 × 1/3 = 3,33 → 3 credits.
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(7);
    deliverAndSettle(emu, refundEvent(emu, pi, 5000));
    // 150 € of 300 €: 5 credits in all, 2 more.
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(5);

    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001', 'A-2026-0002']);
    expect(invoiceRow(emu, 'A-2026-0001')).toMatchObject({ 'Montant TTC': -100, "Facture d'origine": 'F-2026-0001' });
    expect(invoiceRow(emu, 'A-2026-0002')).toMatchObject({ 'Montant TTC': -50, "Facture d'origine": 'F-2026-0001' });
    const text = pdfOf(emu, 'A-2026-0002');
    expect(lineItem(text, 'Remboursement partiel sur la facture F-2026-0001')).toBe('Remboursement partiel sur la facture F-2026-0001 1 -50,00 € — -50,00 €');
    expect(flat(text)).toContain('Total TTC -50,00 €');
    expect(flat(text)).toContain('Cet avoir annule partiellement la facture F-2026-0001 du 21 novembre 2026.');
    expect(records(emu, 'Crédits').map((r) => r['Variation'])).toEqual([10, -3, -2]);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'remboursé partiellement', Remboursé: 150, 'Crédits retirés': 5 });
    expect(mailsOf(emu, 'A-2026-0001')).toHaveLength(1);
    expect(mailsOf(emu, 'A-2026-0002')).toHaveLength(1);
  });

  test('two refunds that arrive together in one event give two credit notes, in order', () => {
    const emu = install();
    const { price } = addLessonPack(emu, 'PACK3', 3, 9000);
    const { session } = payAndDeliver(emu, [{ price, quantity: 1 }]);
    const pi = String(session.payment_intent);
    const first = refundEvent(emu, pi, 5000);
    emu.rt.clock.advance(60 * 1000);
    const second = refundEvent(emu, pi, 4000);
    deliverAndSettle(emu, second);
    deliverAndSettle(emu, first);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001', 'A-2026-0002']);
    expect([invoiceRow(emu, 'A-2026-0001')['Montant TTC'], invoiceRow(emu, 'A-2026-0002')['Montant TTC']]).toEqual([-50, -40]);
    // 50 € of 90 € → 1 credit (1,67 rounded down); then all of it → the other 2.
    expect(records(emu, 'Crédits').map((r) => r['Variation'])).toEqual([3, -1, -2]);
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(0);
  });

  // BUG in src/app/stripe/payments.ts (applyRefunds): refunds are sorted by `created` (whole seconds) after
  // Stripe's newest-first list, so two refunds made in the same second get their credit notes in
  // reverse order (A-…-0001 for the later refund). Reversing the list before the stable sort would
  // number them chronologically. Remove `.failing` once fixed.
  test('two refunds made in the same second are numbered in the order they were made', () => {
    const emu = install();
    const { price } = addLessonPack(emu, 'PACK3', 3, 9000);
    const { session } = payAndDeliver(emu, [{ price, quantity: 1 }]);
    const pi = String(session.payment_intent);
    const first = emu.stripe.refund(pi, 5000);
    const second = emu.stripe.refund(pi, 4000);
    expect(second.refund.created).toBe(first.refund.created);
    deliverAndSettle(emu, String(second.event.id));
    expect(invoiceRow(emu, 'A-2026-0001')['Référence paiement']).toBe(first.refund.id);
    expect(invoiceRow(emu, 'A-2026-0002')['Référence paiement']).toBe(second.refund.id);
  });

  test('credits already used are not taken back: the balance never goes below zero', () => {
    const emu = install();
    const { price } = addLessonPack(emu, 'PACK10', 10, 30000);
    const { session } = payAndDeliver(emu, [{ price, quantity: 1 }]);
    // Eight lessons taken: the balance is 2.
    emu.spreadsheet.setCell('Clients', 'C2', 2);
    const pi = String(session.payment_intent);
    deliverAndSettle(emu, refundEvent(emu, pi, 15000));
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(0);
    deliverAndSettle(emu, refundEvent(emu, pi));
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(0);
    expect(records(emu, 'Crédits').map((r) => r['Solde'])).toEqual([10, 2, 0]);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001', 'A-2026-0002']);
    expect(invoiceRow(emu, 'A-2026-0002')['Montant TTC']).toBe(-150);
  });

  test('the yearly series restarts on 1 January in Paris, and a 2027 credit note cites its 2026 invoice', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const first = payAndDeliver(emu, [{ price, quantity: 1 }]);
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob Martin' });
    // 31 December 2026, 23:30 UTC: already 1 January 2027, 00:30, in Paris.
    jumpTo(emu, utc(2026, 12, 31, 23, 30));
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'carla@example.com', name: 'Carla Petit' });
    deliverAndSettle(emu, String(emu.stripe.refund(String(first.session.payment_intent)).event.id));
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'dan@example.com', name: 'Dan Roux' });

    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002', 'F-2027-0001', 'A-2027-0001', 'F-2027-0002']);
    const all = flat(pdfOf(emu, 'F-2027-0001'));
    expect(all).toContain('Date d’émission : 1er janvier 2027');
    expect(all).toContain('Date de la vente : 1er janvier 2027');
    expect(flat(pdfOf(emu, 'A-2027-0001'))).toContain('Cet avoir annule la facture F-2026-0001 du 21 novembre 2026.');
    // Each year's PDFs in their own folder.
    const folder2027 = emu.drive.files().find((f) => f.name === '2027');
    const pdf = emu.drive.file(String(invoiceRow(emu, 'F-2027-0001')['Fichier']));
    expect(pdf?.parents).toEqual([folder2027?.id]);
    runBackstop(emu);
    expect(numbers(emu)).toHaveLength(5);
  });
});

describe('the receipts register (livre des recettes)', () => {
  function november(emu: Emulator) {
    const { price } = addLessonPack(emu, 'PACK10', 10, 30000);
    const year = addProduct(emu, { Code: 'ANNEE', Nom: 'Formation annuelle', Type: 'formation', cents: 123456 });
    const a = payAndDeliver(emu, [{ price, quantity: 1 }]);
    payAndDeliver(emu, [{ price: year, quantity: 1 }], { email: 'bob@example.com', name: 'Bob Martin', ...BUSINESS_CLIENT });
    const refund = emu.stripe.refund(String(a.session.payment_intent), 10000);
    deliverAndSettle(emu, String(refund.event.id));
    // 30 November, 23:30 UTC: 1 December in Paris, so December's receipts.
    jumpTo(emu, utc(2026, 11, 30, 23, 30));
    payAndDeliver(emu, [{ price, quantity: 2 }], { email: 'carla@example.com', name: 'Carla Petit' });
    return { refund };
  }

  test('one line per payment and per refund, with the document number, the nature and the payment method', () => {
    const emu = install();
    const { refund } = november(emu);
    const rows = records(emu, 'Recettes');
    expect(rows.map((r) => [r['Référence'], r['Client'], r['Nature'], r['Montant'], r['Mode de règlement']])).toEqual([
      ['F-2026-0001', 'Alice Dupont', '1 × Pack 10 cours', 300, 'Carte bancaire (Stripe)'],
      ['F-2026-0002', 'ACME SAS', '1 × Formation annuelle', 1234.56, 'Carte bancaire (Stripe)'],
      ['A-2026-0001', 'Alice Dupont', 'Remboursement (F-2026-0001)', -100, 'Carte bancaire (Stripe)'],
      ['F-2026-0003', 'Carla Petit', '2 × Pack 10 cours', 600, 'Carte bancaire (Stripe)'],
    ]);
    for (const row of rows) expect(row['Date']).toBeInstanceOf(Date);
    expect(rows[2]['Pièce']).toBe(refund.refund.id);
  });

  test('the CSV export of a month: semicolons, decimal comma, DD/MM/YYYY, totals that match', () => {
    const emu = install();
    november(emu);
    const before = emu.drive.files().length;
    const result = emu.run<{ name: string; rows: number; totalCents: number; url: string }>('carnetExportReceipts', ['2026-11-01', '2026-11-30']);
    expect(result).toMatchObject({ name: 'Recettes 2026-11-01 au 2026-11-30.csv', rows: 3, totalCents: 143456 });
    const files = emu.drive.files();
    expect(files).toHaveLength(before + 2); // the Recettes folder and the file
    const file = files.find((f) => f.name === result.name);
    const folder = files.find((f) => f.name === 'Recettes');
    const root = files.find((f) => f.name === 'Carnet');
    expect(file?.parents).toEqual([folder?.id]);
    expect(folder?.parents).toEqual([root?.id]);
    expect(result.url).toContain(String(file?.id));
    const csv = Buffer.from(emu.drive.bytes(String(file?.id))).toString('utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      'Date;Référence;Client;Nature;Montant;Mode de règlement',
      '21/11/2026;F-2026-0001;Alice Dupont;1 × Pack 10 cours;300,00;Carte bancaire (Stripe)',
      '21/11/2026;F-2026-0002;ACME SAS;1 × Formation annuelle;1234,56;Carte bancaire (Stripe)',
      '21/11/2026;A-2026-0001;Alice Dupont;Remboursement (F-2026-0001);-100,00;Carte bancaire (Stripe)',
      '',
    ]);
    const total = lines.slice(1, -1).reduce((s, l) => s + Math.round(Number(l.split(';')[4].replace(',', '.')) * 100), 0);
    expect(total).toBe(result.totalCents);

    const december = emu.run<{ rows: number; totalCents: number }>('carnetExportReceipts', ['2026-12-01', '2026-12-31']);
    expect(december).toMatchObject({ rows: 1, totalCents: 60000 });
  });

  test('B2C e-reporting of a month: totals per day and VAT regime of the sales to private clients, as CSV beside the register', () => {
    const emu = install();
    november(emu);
    const result = emu.run<{ name: string; rows: number; totalCents: number }>('carnetExportEReporting', ['2026-11']);
    // The business client's invoice is e-invoiced, not e-reported; 1 December's sale is December's.
    expect(result).toMatchObject({ name: 'E-reporting B2C 2026-11.csv', rows: 1, totalCents: 20000 });
    const file = emu.drive.files().find((f) => f.name === result.name);
    expect(file?.parents).toEqual([emu.drive.files().find((f) => f.name === 'Recettes')?.id]);
    expect(
      Buffer.from(emu.drive.bytes(String(file?.id)))
        .toString('utf8')
        .slice(1)
        .split('\r\n'),
    ).toEqual(['Date;Régime de TVA;Taux;Pièces;Total HT;TVA;Total TTC', '21/11/2026;Franchise en base (art. 293 B du CGI);;2;200,00;0,00;200,00', '']);
    expect(emu.run<{ rows: number; totalCents: number }>('carnetExportEReporting', ['2026-12'])).toMatchObject({ rows: 1, totalCents: 60000 });
    const before = emu.drive.files().length;
    for (const bad of ['2026-13', '11/2026', ''])
      expect(() => emu.run('carnetExportEReporting', [bad])).toThrow(/Mois invalide : indiquez-le sous la forme AAAA-MM/);
    expect(emu.drive.files()).toHaveLength(before);
  });

  test('totals by month and quarter, in cents, for the URSSAF declaration', () => {
    const emu = install();
    november(emu);
    const totals = emu.run<{ year: number; months: number[]; quarters: number[]; total: number }>('carnetReceiptTotals', [2026]);
    expect(totals.year).toBe(2026);
    expect(totals.months).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 143456, 60000]);
    expect(totals.quarters).toEqual([0, 0, 0, 203456]);
    expect(totals.total).toBe(203456);
    expect(emu.run<{ total: number }>('carnetReceiptTotals', [2027]).total).toBe(0);
  });

  test.each([
    ['2026-11-30', '2026-11-01'],
    ['30/11/2026', '2026-12-31'],
    ['2026-13-01', '2026-13-31'],
    ['2026-02-30', '2026-03-01'],
    ['', ''],
  ])('a bad period (%s → %s) gives a French error and creates no file', (from, to) => {
    const emu = install();
    november(emu);
    const before = emu.drive.files().length;
    expect(() => emu.run('carnetExportReceipts', [from, to])).toThrow(/Période invalide/);
    expect(emu.drive.files()).toHaveLength(before);
  });

  test('the Drive folder deleted: a French error, no file', () => {
    const emu = install();
    november(emu);
    emu.drive.purge(String(records(emu, 'Paramètres').find((r) => r['Paramètre'] === 'Dossier Drive')?.['Valeur']));
    const before = emu.drive.files().length;
    expect(() => emu.run('carnetExportReceipts', ['2026-11-01', '2026-11-30'])).toThrow(/^Le dossier Drive de Carnet est introuvable/);
    expect(emu.drive.files()).toHaveLength(before);
  });

  test('a bad year for the totals gives a French error', () => {
    const emu = install();
    expect(() => emu.run('carnetReceiptTotals', ['deux mille'])).toThrow(/Période invalide/);
    expect(() => emu.run('carnetReceiptTotals', [1999])).toThrow(/Période invalide/);
  });
});

describe('the admin functions refuse anyone but the admin', () => {
  test.each([['anonymous'], [{ email: 'intrus@example.com' }]] as const)('%o: resend, export and totals are refused, nothing is sent or written', (who) => {
    const emu = install();
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    const mails = emu.mail.outbox().length;
    const files = emu.drive.files().length;
    const sheet = allValues(emu);

    expect(() => emu.run('carnetResendInvoice', ['F-2026-0001'], who)).toThrow(/Accès refusé/);
    expect(() => emu.run('carnetExportReceipts', ['2026-01-01', '2026-12-31'], who)).toThrow(/Accès refusé/);
    expect(() => emu.run('carnetReceiptTotals', [2026], who)).toThrow(/Accès refusé/);

    expect(emu.mail.outbox()).toHaveLength(mails);
    expect(emu.drive.files()).toHaveLength(files);
    expect(allValues(emu)).toEqual(sheet);
    // The owner may.
    expect(emu.run('carnetResendInvoice', ['F-2026-0001'])).toEqual({ sentTo: 'alice@example.com' });
    expect(emu.mail.outbox()).toHaveLength(mails + 1);
    expect(emu.mail.sentTo(ADMIN)).toHaveLength(0);
  });
});

describe('EN 16931 e-invoice beside the PDF', () => {
  test('a business client’s invoice and credit note get their CII XML in the same folder; a private client’s do not', async () => {
    const emu = install({ settings: { 'Mentions de la facturation électronique': 'oui' } });
    const { price } = addLessonPack(emu);
    const business = payAndDeliver(emu, [{ price, quantity: 1 }], BUSINESS_CLIENT);
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob Martin' });
    deliverAndSettle(emu, String(emu.stripe.refund(String(business.session.payment_intent), 10000).event.id));
    const xmlFiles = emu.drive.files().filter((f) => f.name.endsWith('.xml'));
    expect(xmlFiles.map((f) => f.name).sort()).toEqual(['Avoir A-2026-0001 - ACME SAS.xml', 'Facture F-2026-0001 - ACME SAS.xml']);
    const pdf = emu.drive.file(String(invoiceRow(emu, 'F-2026-0001')['Fichier']));
    for (const f of xmlFiles) expect(f.parents).toEqual(pdf?.parents);
    const xml = Buffer.from(emu.drive.bytes(xmlFiles.find((f) => f.name.startsWith('Facture'))!.id)).toString('utf8');
    expect(xml).toContain('<ram:ID>F-2026-0001</ram:ID>');
    expect(xml).toContain('<ram:ID schemeID="0002">345678901</ram:ID>');
    expect(xml).toContain('<ram:GrandTotalAmount>300.00</ram:GrandTotalAmount>');
    // Valid against the official Factur-X EN 16931 XSD, as test/unit/cii.test.ts checks in detail.
    const dir = 'test/fixtures/factur-x';
    const xsd = (name: string) => ({ fileName: name, contents: readFileSync(join(dir, name), 'utf8') });
    const parts = ['QualifiedDataType', 'ReusableAggregateBusinessInformationEntity', 'UnqualifiedDataType'].map((t) =>
      xsd(`Factur-X_1.07.3_EN16931_urn_un_unece_uncefact_data_standard_${t}_100.xsd`),
    );
    const result = await validateXML({ xml: [{ fileName: 'f.xml', contents: xml }], schema: [xsd('Factur-X_1.07.3_EN16931.xsd')], preload: parts });
    expect(result.errors).toEqual([]);
  });
});

describe('legal identity: « Prénom Nom EI » and the trade name', () => {
  test('an installation from before « Prénom et nom »: invoices keep the name; setup() copies it over, says so, and it is printed once', () => {
    const emu = install();
    // As it was: no « Prénom et nom » row, the name typed in « Nom commercial ».
    const rows = emu.spreadsheet.values('Paramètres');
    const legal = rows.findIndex((r) => r[0] === 'Prénom et nom') + 1;
    emu.spreadsheet.setCell('Paramètres', `A${legal}`, 'Ancienne ligne');
    setSetting(emu, 'Nom commercial', 'Claire Martin');
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    expect(
      pdfOf(emu, 'F-2026-0001')
        .split('\n')
        .filter((l) => /Claire Martin/.test(l)),
    ).toEqual(['Claire Martin EI']);

    emu.run('setup');
    expect(records(emu, 'Paramètres').find((r) => r['Paramètre'] === 'Prénom et nom')?.['Valeur']).toBe('Claire Martin');
    expect(records(emu, 'Paramètres').find((r) => r['Paramètre'] === 'Nom commercial')?.['Valeur']).toBe('Claire Martin');
    expect(journal(emu).filter((l) => l.includes('recopié de « Nom commercial »'))).toHaveLength(1);
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob Martin' });
    expect(
      pdfOf(emu, 'F-2026-0002')
        .split('\n')
        .filter((l) => /Claire Martin/.test(l)),
    ).toEqual(['Claire Martin EI']);
    // Run again, setup() changes nothing and says nothing more.
    emu.run('setup');
    expect(journal(emu).filter((l) => l.includes('recopié de « Nom commercial »'))).toHaveLength(1);
  });

  test('a trade name is printed beside « Prénom Nom EI » and signs the e-mail; no legal name: the invoice waits with a clear French message', () => {
    const emu = install({ settings: { 'Nom commercial': 'Atelier Piano Claire' } });
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    const lines = pdfOf(emu, 'F-2026-0001').split('\n');
    expect(lines.indexOf('Atelier Piano Claire')).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf('Claire Martin EI')).toBeGreaterThan(lines.indexOf('Atelier Piano Claire'));
    expect(lines.join('\n')).not.toContain('Atelier Piano Claire EI');
    const [mail] = mailsOf(emu, 'F-2026-0001');
    expect(mail.name).toBe('Atelier Piano Claire');

    setSetting(emu, 'Prénom et nom', '');
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob Martin' });
    expect(records(emu, 'Paiements')[1]['Facture']).toBe('à émettre');
    expect(journal(emu).some((l) => l.includes('nom du vendeur manquant'))).toBe(true);
  });
});

describe('the Factures/<year> folder, remembered by id', () => {
  const yearFolders = (emu: Emulator) => emu.drive.files().filter((f) => f.name === '2026' && f.mimeType === 'application/vnd.google-apps.folder');
  const pdfFolder = (emu: Emulator, number: string) => emu.drive.record(String(invoiceRow(emu, number)['Fichier']))!.parents[0];

  test('the second invoice goes into the same folder without a search by name; a trashed or deleted folder is made again', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    const first = pdfFolder(emu, 'F-2026-0001');
    emu.rt.accounting.reset();
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob' });
    expect(pdfFolder(emu, 'F-2026-0002')).toBe(first);
    expect(emu.rt.accounting.total('DriveApp.Folder.getFoldersByName')).toBe(0);

    // The admin trashes the year's folder: the next invoice lands in a new, visible 2026 folder.
    emu.drive.record(first)!.trashed = true;
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'carla@example.com', name: 'Carla' });
    const second = pdfFolder(emu, 'F-2026-0003');
    expect(second).not.toBe(first);
    expect(emu.drive.record(second)).toMatchObject({ name: '2026', trashed: false });
    // Deleted for good (trash emptied): the same.
    emu.drive.purge(second);
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'dan@example.com', name: 'Dan' });
    expect(emu.drive.record(pdfFolder(emu, 'F-2026-0004'))).toMatchObject({ name: '2026', trashed: false });
    expect(yearFolders(emu).filter((f) => !f.trashed)).toHaveLength(1);
    expect(mailsOf(emu, 'F-2026-0004')).toHaveLength(1);
  });

  test('one invoice document run: the template is filled with one Docs get and one batchUpdate, the PDF attached from memory', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    emu.rt.accounting.reset();
    payAndDeliver(emu, [{ price, quantity: 2 }], { email: 'bob@example.com', name: 'Bob' });
    expect(emu.rt.accounting.total('Docs.Documents.get')).toBe(1);
    expect(emu.rt.accounting.total('Docs.Documents.batchUpdate')).toBe(1);
    expect(emu.rt.accounting.total('DocumentApp')).toBe(0);
    expect(emu.rt.accounting.total('DriveApp.File.getBlob')).toBe(0);
    // The folder, the PDF already made and the template's trash in one search; copy, open, export, save, trash.
    expect(emu.rt.accounting.total('Drive.Files.list')).toBe(1);
    expect(emu.rt.accounting.total('DriveApp') + emu.rt.accounting.total('Drive')).toBeLessThanOrEqual(6);
    expect(mailsOf(emu, 'F-2026-0002')[0].attachments[0].name).toBe('Facture F-2026-0002 - Bob.pdf');
  });

  test('the template trashed after an invoice: the search that finds the folder tells, the next one waits with a French error; restored, it is made', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    const templateId = String(records(emu, 'Paramètres').find((r) => r['Paramètre'] === 'Modèle de facture')?.['Valeur']);
    emu.drive.record(templateId)!.trashed = true;
    emu.rt.accounting.reset();
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob' });
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ Statut: 'à générer', Fichier: '' });
    expect(String(invoiceRow(emu, 'F-2026-0002')['Erreur'])).toMatch(/^Le modèle de facture est introuvable/);
    expect(emu.rt.accounting.total('Drive.Files.get') + emu.rt.accounting.total('Drive.Files.copy')).toBe(0);
    expect(emu.drive.files().filter((f) => f.name.startsWith('Facture F-2026-0002'))).toEqual([]);
    emu.drive.record(templateId)!.trashed = false;
    runBackstop(emu);
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ Statut: 'envoyée', Erreur: '' });
    expect(mailsOf(emu, 'F-2026-0002')).toHaveLength(1);
  });

  test('the template renamed and moved: found again by id (one more call), the invoice is made', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    const templateId = String(records(emu, 'Paramètres').find((r) => r['Paramètre'] === 'Modèle de facture')?.['Valeur']);
    const elsewhere = emu.drive.seedFolder('Modèles');
    Object.assign(emu.drive.record(templateId)!, { name: 'Mon modèle', parents: [elsewhere] });
    emu.rt.accounting.reset();
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob' });
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ Statut: 'envoyée', Erreur: '' });
    expect(emu.rt.accounting.total('Drive.Files.get')).toBe(1);
    // Remembered: the next invoice needs no look-up.
    emu.rt.accounting.reset();
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'carla@example.com', name: 'Carla' });
    expect(emu.rt.accounting.total('Drive.Files.get')).toBe(0);
    expect(mailsOf(emu, 'F-2026-0003')).toHaveLength(1);
  });

  test('the template deleted for good after an invoice (trash emptied): the next one waits with the French error', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    emu.drive.purge(String(records(emu, 'Paramètres').find((r) => r['Paramètre'] === 'Modèle de facture')?.['Valeur']));
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob' });
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ Statut: 'à générer', Fichier: '' });
    expect(String(invoiceRow(emu, 'F-2026-0002')['Erreur'])).toMatch(/^Le modèle de facture est introuvable/);
    expect(emu.triggerFailures).toEqual([]);
  });

  test('the year folder renamed by the admin: still found by its id, the next invoice goes into it', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    const first = pdfFolder(emu, 'F-2026-0001');
    emu.drive.record(first)!.name = '2026 (factures)';
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob' });
    expect(pdfFolder(emu, 'F-2026-0002')).toBe(first);
    expect(yearFolders(emu)).toEqual([]);
    expect(mailsOf(emu, 'F-2026-0002')).toHaveLength(1);
  });

  test('Carnet’s Drive folder in the trash: the year folder under it counts as trashed, the admin gets a French error, no file is made', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    const rootId = String(records(emu, 'Paramètres').find((r) => r['Paramètre'] === 'Dossier Drive')?.['Valeur']);
    emu.drive.record(rootId)!.trashed = true;
    const before = emu.drive.files().length;
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob' });
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ Statut: 'à générer', Fichier: '' });
    expect(String(invoiceRow(emu, 'F-2026-0002')['Erreur'])).toMatch(/^Le dossier Drive de Carnet est introuvable/);
    expect(emu.drive.files()).toHaveLength(before);
    expect(mailsOf(emu, 'F-2026-0002')).toHaveLength(0);
  });

  test('a documents run killed at any call is finished by the next one: one PDF, e-mailed at most once, no copy of the template left', () => {
    const setUp = () => {
      const emu = install();
      const { price } = addLessonPack(emu);
      payAndDeliver(emu, [{ price, quantity: 1 }]);
      const outcome = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'bob@example.com', name: 'Bob', address: ADDRESS, session: COLLECT });
      emu.deliverWebhook(String(outcome.event.id));
      return emu;
    };
    const clean = setUp();
    const before = clean.rt.faults.log.length;
    aMinuteLater(clean);
    const calls = clean.rt.faults.log.length - before;
    expect(calls).toBeGreaterThan(20);
    const live = (emu: Emulator) => emu.drive.files().filter((f) => f.name.startsWith('Facture F-2026-0002') && !f.trashed);
    expect(live(clean).map((f) => f.mimeType)).toEqual(['application/pdf']);

    for (let k = 1; k <= calls; k++) {
      const emu = setUp();
      emu.rt.faults.add({ target: '*', nth: k, times: Infinity, action: new Error(`killed at call ${k}`) });
      aMinuteLater(emu);
      emu.rt.faults.clear();
      runBackstop(emu);
      const row = invoiceRow(emu, 'F-2026-0002');
      const mails = mailsOf(emu, 'F-2026-0002').length;
      // Killed while the e-mail left: marked uncertain, never sent twice.
      const done = row['Statut'] === 'envoyée' ? mails === 1 : row['Statut'] === 'envoi incertain' && mails <= 1;
      expect({ k, done, files: live(emu).map((f) => f.mimeType), fichier: row['Fichier'] === live(emu)[0]?.id }).toEqual({
        k,
        done: true,
        files: ['application/pdf'],
        fichier: true,
      });
    }
  });

  test('a run killed after saving the PDF and before writing its row: the next run finds that PDF, no second one, and e-mails it', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    payAndDeliver(emu, [{ price, quantity: 1 }]);
    // Dead from the call after the PDF's save (the copy's trash) on.
    emu.rt.faults.add({
      target: 'DriveApp.File.setTrashed',
      nth: 1,
      action: () => emu.rt.faults.add({ target: '*', nth: 1, times: Infinity, action: new Error('killed') }),
    });
    payAndDeliver(emu, [{ price, quantity: 1 }], { email: 'bob@example.com', name: 'Bob' });
    emu.rt.faults.clear();
    const pdfs = () => emu.drive.files().filter((f) => f.name === 'Facture F-2026-0002 - Bob.pdf' && !f.trashed);
    expect(pdfs()).toHaveLength(1);
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ Statut: 'à générer', Fichier: '' });
    runBackstop(emu);
    expect(pdfs()).toHaveLength(1);
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ Statut: 'envoyée', Fichier: pdfs()[0].id });
    const mails = mailsOf(emu, 'F-2026-0002');
    expect(mails).toHaveLength(1);
    expect(Buffer.from(mails[0].attachments[0].bytes).equals(Buffer.from(emu.drive.bytes(pdfs()[0].id)))).toBe(true);
  });
});
