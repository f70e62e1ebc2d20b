// Every refund and dispute outcome Stripe can produce, and what each records: a refund that fails
// after its credit note (docs.stripe.com/refunds#failed-refunds), disputes won, lost or closed as an
// inquiry, money withheld and given back (docs.stripe.com/disputes/how-disputes-work); access withdrawn
// by a full refund; and all of it with polling alone, no webhook endpoint at all.
import type { Emulator } from '../../emulator/src';
import { addLessonPack, addRow, client, eventRow, install, journal, records, runBackstop, deliverAndSettle } from './harness';
import { flat, invoiceRow, numbers, pdfOf } from './invoices-helpers';

const ALICE = 'alice@example.com';
const WEB_APP = 'https://script.google.com/macros/s/carnet-emulated-deployment/exec';

function deliverAll(emu: Emulator, since: number): void {
  for (const event of emu.stripe.events().slice(since)) deliverAndSettle(emu, String(event.id));
}

function paidPack(emu: Emulator, credits = 10, cents = 30000) {
  const { price } = addLessonPack(emu, 'PACK', credits, cents);
  const outcome = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: ALICE, name: 'Alice Dupont' });
  deliverAndSettle(emu, String(outcome.event.id));
  return { pi: String(outcome.session.payment_intent), session: String(outcome.session.id) };
}

function buyTrainingAndEbook(emu: Emulator) {
  emu.rt.webAppUrl = WEB_APP;
  const folder = emu.drive.seedFolder('Formation harmonie');
  const ebook = emu.drive.seedFile('Guide.pdf', '%PDF-1.7 guide', 'application/pdf');
  const training = emu.stripe.createPrice({ product: String(emu.stripe.createProduct({ name: 'Harmonie' }).id), unitAmount: 20000 });
  const book = emu.stripe.createPrice({ product: String(emu.stripe.createProduct({ name: 'Guide' }).id), unitAmount: 1000 });
  addRow(emu, 'Produits', {
    Code: 'HARMO',
    Nom: 'Formation harmonie',
    Type: 'formation',
    'Prix TTC': 200,
    Stripe: String(training.id),
    "Lien d'accès": 'https://example.com/harmonie',
    "Code d'accès": 'DO-RE',
    Fichier: folder,
  });
  addRow(emu, 'Produits', { Code: 'GUIDE', Nom: 'Guide du piano', Type: 'ebook', 'Prix TTC': 10, Stripe: String(book.id), Fichier: ebook });
  const outcome = emu.stripe.pay({
    lineItems: [
      { price: String(training.id), quantity: 1 },
      { price: String(book.id), quantity: 1 },
    ],
    email: ALICE,
    name: 'Alice Dupont',
  });
  deliverAndSettle(emu, String(outcome.event.id));
  expect(emu.drive.file(folder)?.viewers).toEqual([ALICE]);
  const token = /\?d=([A-Za-z0-9_-]+)/.exec(emu.mail.sentTo(ALICE)[0].body)?.[1] ?? '';
  return { folder, pi: String(outcome.session.payment_intent), token };
}

describe('a refund that fails after its credit note', () => {
  test('a new invoice cancels the credit note, the credits come back, the register gets the money back, the admin is told', () => {
    const emu = install();
    const { pi } = paidPack(emu);
    let n = emu.stripe.events().length;
    const { refund } = emu.stripe.refund(pi, 30000, { pending: true });
    deliverAll(emu, n);
    expect(client(emu, ALICE)?.['Solde']).toBe(0);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001']);

    n = emu.stripe.events().length;
    emu.stripe.failRefund(String(refund.id), 'expired_or_canceled_card');
    expect(
      emu.stripe
        .events()
        .slice(n)
        .map((e) => e.type),
    ).toEqual(['charge.refund.updated', 'refund.updated', 'refund.failed']);
    deliverAll(emu, n);

    // One corrective invoice, numbered in the invoice series, citing the credit note, for the refunded amount.
    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001', 'F-2026-0002']);
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ Type: 'Facture', 'Montant TTC': 300, 'Référence paiement': refund.id });
    // (the PDF's table column wraps the long designation: its amounts come between the two halves)
    expect(flat(pdfOf(emu, 'F-2026-0002'))).toMatch(/Annulation de l’avoir A-2026-0001 .*\(remboursement échoué\) : Pack 10 cours/);
    expect(client(emu, ALICE)?.['Solde']).toBe(10);
    const ledger = records(emu, 'Crédits').map((r) => [r['Variation'], r['Solde']]);
    expect(ledger).toEqual([
      [10, 10],
      [-10, 0],
      [10, 10],
    ]);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé', Remboursé: 0, Remboursements: '' });
    expect(records(emu, 'Recettes').map((r) => [r['Référence'], r['Montant']])).toEqual([
      ['F-2026-0001', 300],
      ['A-2026-0001', -300],
      ['F-2026-0002', 300],
    ]);
    // The client receives the new invoice with what happened, not a thank-you for a purchase.
    const toClient = emu.mail.sentTo(ALICE).find((m) => m.subject.startsWith('Facture F-2026-0002'));
    expect(toClient?.body).toContain('Le remboursement de 300,00');
    expect(toClient?.body).toContain('n’a pas pu aboutir : la facture F-2026-0002 ci-jointe annule l’avoir A-2026-0001');
    // No cause is named to the client: most failures are not their bank refusing.
    expect(toClient?.body).not.toContain('banque');
    expect(toClient?.body).not.toContain('Merci pour votre achat');
    // The admin's alert waits in Envois for the next run that sends e-mails.
    runBackstop(emu);
    const alert = emu.mail.outbox().filter((m) => m.subject === `Carnet : un remboursement à ${ALICE} a échoué`);
    expect(alert).toHaveLength(1);
    // The admin reads Stripe's reason in words, not its code.
    expect(alert[0].body).toContain('a échoué (motif : carte du client expirée ou annulée)');
    expect(alert[0].body).not.toContain('expired_or_canceled_card');
    // The three events about it have the effect of one.
    for (const e of emu.stripe.events().slice(n)) expect(eventRow(emu, String(e.id))?.['Statut']).toBe('traité');
  });

  // Review item 5: the refund's failure must not close a dispute that is still open.
  test('a refund that fails while the payment is disputed keeps it « litige » until the dispute ends', () => {
    const emu = install();
    const { pi } = paidPack(emu);
    let n = emu.stripe.events().length;
    const { refund } = emu.stripe.refund(pi, 10000, { pending: true });
    const { dispute } = emu.stripe.openDispute(pi);
    deliverAll(emu, n);
    expect(records(emu, 'Paiements')[0]['Statut']).toBe('litige');
    n = emu.stripe.events().length;
    emu.stripe.failRefund(String(refund.id));
    deliverAll(emu, n);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'litige', Remboursé: 0, Remboursements: '' });
    expect(client(emu, ALICE)?.['Solde']).toBe(10);
    n = emu.stripe.events().length;
    emu.stripe.closeDispute(String(dispute.id), 'won');
    deliverAll(emu, n);
    expect(records(emu, 'Paiements')[0]['Statut']).toBe('payé');
  });

  test('setup replaces the old wording that blamed the client’s bank, in both languages, in a Modèles tab left as it was', () => {
    const emu = install();
    const row = records(emu, 'Modèles').findIndex((r) => r['Clé'] === 'facture.annulation') + 2;
    emu.spreadsheet.setCell('Modèles', `B${row}:C${row}`, [
      [
        'Le remboursement de {{montant}} n’a pas pu aboutir (refusé par votre banque) : la facture {{numero}} ci-jointe annule l’avoir {{avoir}}. Nous allons vous contacter pour vous rembourser autrement.',
        'The refund of {{montant}} could not be completed (refused by your bank): the attached invoice {{numero}} cancels credit note {{avoir}}. We will contact you to refund you another way.',
      ],
    ]);
    emu.run('setup');
    const texts = records(emu, 'Modèles').find((r) => r['Clé'] === 'facture.annulation');
    expect(String(texts?.['Français'])).toMatch(/^Le remboursement de \{\{montant\}\} n’a pas pu aboutir : /);
    expect(String(texts?.['English'])).toMatch(/^The refund of \{\{montant\}\} could not be completed: /);
  });

  test('a pending refund that succeeds changes nothing more; a refund that failed before Carnet saw it issues no credit note', () => {
    const emu = install();
    const { pi } = paidPack(emu);
    let n = emu.stripe.events().length;
    const first = emu.stripe.refund(pi, 10000, { pending: true }).refund;
    deliverAll(emu, n);
    n = emu.stripe.events().length;
    emu.stripe.succeedRefund(String(first.id));
    deliverAll(emu, n);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001']);

    // A second refund fails before any of its events is processed: polled late, it never had a credit note.
    n = emu.stripe.events().length;
    const second = emu.stripe.refund(pi, 5000, { pending: true }).refund;
    emu.stripe.failRefund(String(second.id));
    deliverAll(emu, n);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001']);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'remboursé partiellement', Remboursé: 100 });
  });
});

describe('the end of a dispute', () => {
  function disputed(emu: Emulator) {
    const { pi } = paidPack(emu);
    const n = emu.stripe.events().length;
    const { dispute } = emu.stripe.openDispute(pi, { reason: 'fraudulent' });
    deliverAll(emu, n);
    expect(records(emu, 'Paiements')[0]['Statut']).toBe('litige');
    expect(String(client(emu, ALICE)?.['Litige'])).toContain(String(dispute.id));
    expect(journal(emu)).toContainEqual(expect.stringMatching(/^Stripe a retenu 300,00\s€ sur votre solde/));
    // The admin's alert about the dispute leaves with the next run that sends e-mails.
    runBackstop(emu);
    return String(dispute.id);
  }

  test('won: the money is back, the alert is closed, nothing in the register', () => {
    const emu = install();
    const id = disputed(emu);
    const n = emu.stripe.events().length;
    emu.stripe.closeDispute(id, 'won');
    expect(
      emu.stripe
        .events()
        .slice(n)
        .map((e) => e.type),
    ).toEqual(['charge.dispute.funds_reinstated', 'charge.dispute.closed']);
    deliverAll(emu, n);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé', Litige: `${id} : gagné` });
    expect(client(emu, ALICE)).toMatchObject({ Litige: '', Solde: 10 });
    expect(records(emu, 'Recettes')).toHaveLength(1);
    expect(journal(emu)).toContainEqual(expect.stringMatching(/^Stripe a rendu 300,00\s€ à votre solde/));
    expect(journal(emu)).toContainEqual(expect.stringMatching(/^Litige gagné/));
  });

  test('lost: a negative line in the receipts register, unused credits taken back, the payment litige perdu', () => {
    const emu = install();
    const id = disputed(emu);
    const n = emu.stripe.events().length;
    emu.stripe.closeDispute(id, 'lost');
    deliverAll(emu, n);
    deliverAll(emu, n); // twice: one effect
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'litige perdu', Litige: `${id} : perdu` });
    expect(records(emu, 'Recettes').map((r) => [r['Référence'], r['Nature'], r['Montant'], r['Pièce']])).toEqual([
      ['F-2026-0001', '1 × Pack 10 cours', 300, expect.stringMatching(/^pi_/)],
      ['F-2026-0001', 'Litige perdu (F-2026-0001)', -300, id],
    ]);
    expect(client(emu, ALICE)?.['Solde']).toBe(0);
    expect(records(emu, 'Crédits').map((r) => [r['Variation'], r['Motif']])).toEqual([
      [10, expect.any(String)],
      [-10, 'Litige perdu'],
    ]);
    // No credit note: the business did not refund, the bank took the money back.
    expect(numbers(emu)).toEqual(['F-2026-0001']);
  });

  test('an inquiry closed without chargeback (warning_closed) closes the alert', () => {
    const emu = install();
    const id = disputed(emu);
    const n = emu.stripe.events().length;
    emu.stripe.closeDispute(id, 'warning_closed');
    deliverAll(emu, n);
    runBackstop(emu);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé', Litige: `${id} : clos sans litige` });
    expect(client(emu, ALICE)?.['Litige']).toBe('');
    // An inquiry was never a dispute: the admin's e-mail does not say « litige … clos sans litige ».
    const closing = emu.mail
      .sentTo('prof@example.com')
      .map((m) => m.subject)
      .filter((s) => s.includes('clos'));
    expect(closing).toEqual([`Carnet : demande de la banque de ${ALICE} close`]);
  });
});

describe('access ends with a full refund', () => {
  test('a partial refund keeps the links and the Drive access, and the Journal says so', () => {
    const emu = install();
    const { folder, pi, token } = buyTrainingAndEbook(emu);
    const n = emu.stripe.events().length;
    emu.stripe.refund(pi, 5000);
    deliverAll(emu, n);
    expect(emu.drive.file(folder)?.viewers).toEqual([ALICE]);
    expect(records(emu, 'Téléchargements')[0]['Révoqué']).toBe('');
    expect(emu.get({ d: token }).content).not.toContain('Lien non valable');
    expect(journal(emu)).toContain(`Remboursement partiel de ${ALICE} : les liens de téléchargement et les accès aux formations sont conservés.`);
  });

  test('a full refund revokes the ebook link and unshares the training; the credit note e-mail says what was withdrawn', () => {
    const emu = install();
    const { folder, pi, token } = buyTrainingAndEbook(emu);
    expect(emu.get({ d: token }).content).not.toContain('Lien non valable');
    const n = emu.stripe.events().length;
    emu.stripe.refund(pi);
    deliverAll(emu, n);
    expect(emu.drive.file(folder)?.viewers).toEqual([]);
    expect(records(emu, 'Téléchargements')[0]['Révoqué']).toBeInstanceOf(Date);
    expect(emu.get({ d: token }).content).toContain('Lien non valable');
    const mail = emu.mail.sentTo(ALICE).find((m) => m.subject.startsWith('Avoir A-2026-0001'));
    expect(mail?.body).toContain('Ce remboursement étant total, l’accès suivant a été retiré : Formation harmonie, Guide du piano.');
    expect(journal(emu)).toContain(`Remboursement total de ${ALICE} : accès retirés (Formation harmonie, Guide du piano).`);
  });
});

describe('access comes back when the full refund fails', () => {
  // Review item 4: the client paid after all; what the full refund withdrew is theirs again.
  test('the ebook link works again, the training is shared again, and the cancelling invoice e-mail says so', () => {
    const emu = install();
    const { folder, pi, token } = buyTrainingAndEbook(emu);
    let n = emu.stripe.events().length;
    const { refund } = emu.stripe.refund(pi, 21000, { pending: true });
    deliverAll(emu, n);
    expect(emu.drive.file(folder)?.viewers).toEqual([]);
    expect(emu.get({ d: token }).content).toContain('Lien non valable');

    n = emu.stripe.events().length;
    emu.stripe.failRefund(String(refund.id), 'expired_or_canceled_card');
    deliverAll(emu, n);
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé', Remboursé: 0 });
    expect(emu.drive.file(folder)?.viewers).toEqual([ALICE]);
    expect(records(emu, 'Téléchargements')[0]['Révoqué']).toBe('');
    expect(emu.get({ d: token }).content).not.toContain('Lien non valable');
    const mail = emu.mail.sentTo(ALICE).find((m) => m.subject.startsWith('Facture F-2026-0002'));
    expect(mail?.body).toContain('L’accès retiré lors de ce remboursement vous est rendu : Formation harmonie, Guide du piano.');
  });

  test('a link the admin revoked before the refund stays revoked; a partial refund that fails gives back nothing it did not take', () => {
    const emu = install();
    const { folder, pi, token } = buyTrainingAndEbook(emu);
    emu.run('carnetRevokeDownload', [token]);
    emu.rt.clock.advance(60 * 1000);
    let n = emu.stripe.events().length;
    const { refund: partial } = emu.stripe.refund(pi, 5000, { pending: true });
    deliverAll(emu, n);
    n = emu.stripe.events().length;
    emu.stripe.failRefund(String(partial.id));
    deliverAll(emu, n);
    expect(emu.mail.sentTo(ALICE).find((m) => m.subject.startsWith('Facture F-2026-0002'))?.body).not.toContain('vous est rendu');

    n = emu.stripe.events().length;
    const { refund: full } = emu.stripe.refund(pi, 21000, { pending: true });
    deliverAll(emu, n);
    n = emu.stripe.events().length;
    emu.stripe.failRefund(String(full.id));
    deliverAll(emu, n);
    expect(emu.drive.file(folder)?.viewers).toEqual([ALICE]);
    expect(records(emu, 'Téléchargements')[0]['Révoqué']).toBeInstanceOf(Date);
    expect(emu.get({ d: token }).content).toContain('Lien non valable');
  });
});

describe('access another purchase still pays for stays', () => {
  test('the same training bought twice, one purchase fully refunded: the Drive access stays', () => {
    const emu = install();
    const folder = emu.drive.seedFolder('Formation harmonie');
    const price = emu.stripe.createPrice({ product: String(emu.stripe.createProduct({ name: 'Harmonie' }).id), unitAmount: 20000 });
    addRow(emu, 'Produits', { Code: 'HARMO', Nom: 'Formation harmonie', Type: 'formation', 'Prix TTC': 200, Stripe: String(price.id), Fichier: folder });
    const first = emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: ALICE, name: 'Alice' });
    deliverAndSettle(emu, String(first.event.id));
    deliverAndSettle(emu, String(emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: ALICE, name: 'Alice' }).event.id));
    const n = emu.stripe.events().length;
    emu.stripe.refund(String(first.session.payment_intent));
    deliverAll(emu, n);
    expect(records(emu, 'Paiements').map((r) => r['Statut'])).toEqual(['remboursé', 'payé']);
    expect(emu.drive.file(folder)?.viewers).toEqual([ALICE]);
  });
});

describe('polling only: no webhook endpoint at all', () => {
  test('a payment, a failed refund and a lost dispute are each recorded within one backstop run (10 minutes)', () => {
    const emu = install();
    const { price } = addLessonPack(emu, 'PACK', 10, 30000);
    const { session } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: ALICE, name: 'Alice' });
    runBackstop(emu);
    expect(client(emu, ALICE)?.['Solde']).toBe(10);
    const pi = String(session.payment_intent);
    const { refund } = emu.stripe.refund(pi, 10000, { pending: true });
    runBackstop(emu);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001']);
    emu.stripe.failRefund(String(refund.id));
    runBackstop(emu);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'A-2026-0001', 'F-2026-0002']);
    const { dispute } = emu.stripe.openDispute(pi);
    emu.rt.clock.advance(60 * 1000);
    emu.stripe.closeDispute(String(dispute.id), 'lost');
    runBackstop(emu);
    expect(records(emu, 'Paiements')[0]['Statut']).toBe('litige perdu');
    expect(records(emu, 'Événements').every((r) => r['Source'] === 'rattrapage' && r['Statut'] === 'traité')).toBe(true);
  });
});
