// Invoices when something is wrong: the sheet edited by hand, the template gone or broken, the
// e-mail quota used up, a PDF deleted. The money is always recorded; the document follows once the
// cause is fixed, with the number it was given (or the next one, never a gap or a duplicate).
import type { Emulator } from '../../emulator/src';
import { addLessonPack, addRow, client, eventRow, install, journal, records, runBackstop, setSetting, START, deliverAndSettle, aMinuteLater } from './harness';
import { adminMails, flat, invoiceRow, invoiceRows, jumpTo, mailsOf, numbers, pdfOf, setByHeader, setting, sheetRowOf, docTitle } from './invoices-helpers';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function pay(emu: Emulator, price: string, who: string, amount?: { quantity: number }) {
  const outcome = emu.stripe.pay({
    lineItems: [{ price, quantity: amount?.quantity ?? 1 }],
    email: `${who}@example.com`,
    name: who[0].toUpperCase() + who.slice(1),
  });
  deliverAndSettle(emu, String(outcome.event.id));
  return outcome;
}

function payment(emu: Emulator, who: string): Record<string, unknown> {
  const found = records(emu, 'Paiements').find((r) => r['E-mail'] === `${who}@example.com`);
  if (!found) throw new Error(`No payment from ${who}`);
  return found;
}

function receipt(emu: Emulator, paymentIntent: string): Record<string, unknown> | undefined {
  return records(emu, 'Recettes').find((r) => r['Pièce'] === paymentIntent);
}

/** DocumentApp as the admin's own editor would use it on the template (outside any execution of Carnet). */
function templateBody(emu: Emulator): GoogleAppsScript.Document.Body {
  const DocumentApp = emu.globals().DocumentApp as GoogleAppsScript.Document.DocumentApp;
  return DocumentApp.openById(String(setting(emu, 'Modèle de facture'))).getBody();
}

describe('the Factures tab edited by hand', () => {
  test('the last invoice row deleted: the payment is recorded without a number, one alert; once restored, the next number is issued', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'alice');
    const row = sheetRowOf(emu, 'F-2026-0001');
    setByHeader(emu, 'Factures', row, 'Numéro', '');

    const bob = pay(emu, price, 'bob');
    // The money and the credits are recorded; the invoice waits.
    expect(client(emu, 'bob@example.com')?.['Solde']).toBe(10);
    expect(payment(emu, 'bob')).toMatchObject({ Statut: 'payé', Crédits: 10, Montant: 300, Facture: 'à émettre' });
    expect(receipt(emu, String(bob.session.payment_intent))).toMatchObject({ Référence: 'à émettre', Montant: 300 });
    expect(eventRow(emu, String(bob.event.id))).toMatchObject({ Statut: 'traité' });
    expect(invoiceRows(emu)).toHaveLength(1);
    expect(emu.mail.sentTo('bob@example.com')).toHaveLength(0);
    // The journal says why, in French; the admin gets one e-mail.
    const why = journal(emu).filter((m) => m.startsWith('Facture non émise pour le paiement de bob@example.com'));
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(/Numérotation suspendue : le compteur indique F-2026-0001 .* F-2026-0001 est introuvable dans l’onglet Factures/);
    // The alert waits in Envois for the next run that sends e-mails.
    runBackstop(emu);
    expect(adminMails(emu)).toHaveLength(1);
    expect(adminMails(emu)[0].subject).toBe('Carnet : émission des factures suspendue');
    expect(adminMails(emu)[0].body).toContain('F-2026-0001 est introuvable');

    // While it stays broken: more payments are recorded, the backstop retries, no new alert, no number.
    pay(emu, price, 'carla');
    runBackstop(emu);
    runBackstop(emu);
    expect(payment(emu, 'carla')['Facture']).toBe('à émettre');
    expect(numbers(emu)).toEqual([]);
    expect(adminMails(emu)).toHaveLength(1);

    // The next morning the admin restores the cell; the backstop issues both invoices, in payment order.
    jumpTo(emu, START + DAY);
    setByHeader(emu, 'Factures', row, 'Numéro', 'F-2026-0001');
    runBackstop(emu);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002', 'F-2026-0003']);
    expect(records(emu, 'Paiements').map((r) => [r['E-mail'], r['Facture']])).toEqual([
      ['alice@example.com', 'F-2026-0001'],
      ['bob@example.com', 'F-2026-0002'],
      ['carla@example.com', 'F-2026-0003'],
    ]);
    expect(receipt(emu, String(bob.session.payment_intent))?.['Référence']).toBe('F-2026-0002');
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ 'E-mail': 'bob@example.com', 'Montant TTC': 300, Statut: 'envoyée' });
    const text = flat(pdfOf(emu, 'F-2026-0002'));
    expect(text).toContain('Date d’émission : 22 novembre 2026');
    expect(text).toContain('Date de la vente : 21 novembre 2026');
    expect(emu.mail.sentTo('bob@example.com')).toHaveLength(1);
    expect(mailsOf(emu, 'F-2026-0002')[0].attachments[0].name).toBe('Facture F-2026-0002 - Bob.pdf');
    expect(emu.mail.sentTo('carla@example.com')).toHaveLength(1);
    expect(journal(emu)).toContain('F-2026-0002 émise pour bob@example.com.');
    // Nothing more afterwards.
    runBackstop(emu);
    runBackstop(emu);
    expect(numbers(emu)).toHaveLength(3);
    expect(emu.mail.sentTo('bob@example.com')).toHaveLength(1);
    expect(adminMails(emu)).toHaveLength(1);
    expect(client(emu, 'bob@example.com')?.['Solde']).toBe(10);
  });

  test('a row typed by hand with the next number: no duplicate is issued; once removed, the number goes to the payment', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'alice');
    const typed = addRow(emu, 'Factures', { Numéro: 'F-2026-0002', Type: 'Facture', 'E-mail': 'cash@example.com', 'Montant TTC': 45 });

    pay(emu, price, 'bob');
    expect(payment(emu, 'bob')).toMatchObject({ Statut: 'payé', Crédits: 10, Facture: 'à émettre' });
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002']);
    expect(journal(emu).find((m) => m.startsWith('Facture non émise pour le paiement de bob@example.com'))).toMatch(
      /le prochain numéro, F-2026-0002, existe déjà dans l’onglet Factures/,
    );
    runBackstop(emu);
    expect(adminMails(emu)).toHaveLength(1);
    runBackstop(emu);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002']);
    expect(adminMails(emu)).toHaveLength(1);

    setByHeader(emu, 'Factures', typed, 'Numéro', '');
    runBackstop(emu);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002']);
    expect(invoiceRow(emu, 'F-2026-0002')['E-mail']).toBe('bob@example.com');
    expect(payment(emu, 'bob')['Facture']).toBe('F-2026-0002');
    expect(mailsOf(emu, 'F-2026-0002').map((m) => m.to)).toEqual([['bob@example.com']]);
    pay(emu, price, 'carla');
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002', 'F-2026-0003']);
  });

  test('the business identity incomplete (no SIRET): the payment is recorded, the journal says what is missing; filled in, the invoice follows', () => {
    const emu = install();
    setSetting(emu, 'SIRET', '');
    const { price } = addLessonPack(emu);
    pay(emu, price, 'alice');
    expect(payment(emu, 'alice')['Facture']).toBe('à émettre');
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(10);
    const why = journal(emu).find((m) => m.startsWith('Facture non émise pour le paiement de alice@example.com'));
    expect(why).toMatch(/SIREN\/SIRET du vendeur manquant/);
    // The document has no number yet: the message must not show a made-up one.
    expect(why).not.toMatch(/facture X\b/);
    runBackstop(emu);
    expect(adminMails(emu)).toHaveLength(1);

    setSetting(emu, 'SIRET', '12345678900012');
    runBackstop(emu);
    expect(numbers(emu)).toEqual(['F-2026-0001']);
    expect(flat(pdfOf(emu, 'F-2026-0001'))).toContain('SIRET : 123 456 789 00012');
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
  });

  // BUG in src/app/stripe/payments.ts (applyRefunds → originalInvoice): a refund of a payment whose invoice is
  // still "à émettre" fails like an error (retried after 10, 20, 40, 80 min, abandoned at the 5th try),
  // although the Journal promises "l'avoir sera émis quand la facture le sera". If the admin fixes the
  // numbering more than ~2.5 hours later, the refund is never applied: no credit note, credits not taken
  // back. It should be held (like a refund before its payment) until the invoice exists.
  // Remove `.failing` once fixed.
  test('a refund while the invoice waits for its number gets its credit note once the numbering is fixed, even hours later', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'alice');
    const row = sheetRowOf(emu, 'F-2026-0001');
    setByHeader(emu, 'Factures', row, 'Numéro', '');
    const bob = pay(emu, price, 'bob');
    const refund = emu.stripe.refund(String(bob.session.payment_intent));
    deliverAndSettle(emu, String(refund.event.id));
    // The admin sees the alert in the evening.
    emu.advance(6 * 60 * 60 * 1000);
    setByHeader(emu, 'Factures', row, 'Numéro', 'F-2026-0001');
    runBackstop(emu);
    emu.advance(3 * 60 * 60 * 1000);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002', 'A-2026-0001']);
    expect(invoiceRow(emu, 'A-2026-0001')["Facture d'origine"]).toBe('F-2026-0002');
    expect(client(emu, 'bob@example.com')?.['Solde']).toBe(0);
  });
});

describe('the invoice template', () => {
  test('the template trashed: the number is kept, the row waits "à générer" with a French error; a new template renders it with the same number', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const templateId = String(setting(emu, 'Modèle de facture'));
    emu.drive.record(templateId)!.trashed = true;

    pay(emu, price, 'alice');
    expect(payment(emu, 'alice')['Facture']).toBe('F-2026-0001');
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(10);
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ Statut: 'à générer', Fichier: '', PDF: '' });
    const error = String(invoiceRow(emu, 'F-2026-0001')['Erreur']);
    expect(error).toMatch(/^Le modèle de facture est introuvable \(paramètre « Modèle de facture »\) : relancez l’installation/);
    expect(journal(emu)).toContain(`F-2026-0001 : PDF non généré (${error}). Nouvel essai automatique après correction, avec le même numéro.`);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(0);
    runBackstop(emu);
    runBackstop(emu);
    expect(invoiceRows(emu)).toHaveLength(1);
    expect(invoiceRow(emu, 'F-2026-0001')['Statut']).toBe('à générer');
    expect(journal(emu).filter((m) => m.startsWith('F-2026-0001 : PDF non généré'))).toHaveLength(1);

    emu.run('setup');
    const newTemplate = String(setting(emu, 'Modèle de facture'));
    expect(newTemplate).not.toBe(templateId);
    runBackstop(emu);
    expect(numbers(emu)).toEqual(['F-2026-0001']);
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ Statut: 'envoyée', Erreur: '' });
    expect(docTitle(pdfOf(emu, 'F-2026-0001'))).toBe('Facture F-2026-0001');
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    pay(emu, price, 'bob');
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002']);
  });

  test('a template with an unknown placeholder: a clear error naming it; fixed, the same number is rendered', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    templateBody(emu).appendParagraph('Remise fidélité : {{foo}}');

    pay(emu, price, 'alice');
    const row = invoiceRow(emu, 'F-2026-0001');
    expect(row['Statut']).toBe('à générer');
    expect(row['Erreur']).toBe('Le modèle de facture est inutilisable : le modèle contient des champs inconnus : {{foo}}.');
    expect(journal(emu).some((m) => m.startsWith('F-2026-0001 : PDF non généré') && m.includes('{{foo}}'))).toBe(true);
    // The failed copy does not linger in Drive.
    expect(emu.drive.files().filter((f) => f.name.startsWith('Facture F-2026-0001') && !f.trashed)).toEqual([]);

    templateBody(emu).replaceText('\\{\\{foo\\}\\}', 'aucune');
    runBackstop(emu);
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ Statut: 'envoyée', Erreur: '' });
    expect(pdfOf(emu, 'F-2026-0001').split('\n')).toContain('Remise fidélité : aucune');
    expect(numbers(emu)).toEqual(['F-2026-0001']);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
  });

  test('a template without the line-item table: a clear error', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    templateBody(emu)
      .getTables()
      .find((t) => t.getText().includes('{{ligne_designation}}'))
      ?.removeFromParent();
    pay(emu, price, 'alice');
    expect(invoiceRow(emu, 'F-2026-0001')['Erreur']).toBe(
      'Le modèle de facture est inutilisable : pas de ligne modèle contenant {{ligne_designation}} dans un tableau.',
    );
  });
});

describe('the e-mail quota', () => {
  test('used up: the invoice is issued and its PDF made, sent once the next day, never twice; resend sends the same PDF', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    emu.mail.setDailyQuota(1);
    pay(emu, price, 'alice');
    pay(emu, price, 'bob');

    expect(invoiceRow(emu, 'F-2026-0001')['Statut']).toBe('envoyée');
    const waiting = invoiceRow(emu, 'F-2026-0002');
    expect(waiting).toMatchObject({ Statut: 'à envoyer', Erreur: 'quota d’e-mails du jour épuisé' });
    expect(docTitle(pdfOf(emu, 'F-2026-0002'))).toBe('Facture F-2026-0002');
    expect(journal(emu)).toContain('F-2026-0002 : e-mail non envoyé (quota d’e-mails du jour épuisé). Nouvel essai automatique.');
    expect(emu.mail.sentTo('bob@example.com')).toHaveLength(0);
    for (let i = 0; i < 3; i++) runBackstop(emu);
    expect(emu.mail.sentTo('bob@example.com')).toHaveLength(0);

    // Only one line in the journal for it, however many runs.
    expect(journal(emu).filter((m) => m.startsWith('F-2026-0002 : e-mail non envoyé'))).toHaveLength(1);
    // The next day the quota is back (24 hours after the first e-mail): the backstop sends it, once.
    jumpTo(emu, START + DAY + HOUR);
    runBackstop(emu);
    const mails = emu.mail.sentTo('bob@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Facture F-2026-0002 — Claire Martin');
    expect(invoiceRow(emu, 'F-2026-0002')).toMatchObject({ Statut: 'envoyée', Erreur: '', Fichier: waiting['Fichier'] });
    for (let i = 0; i < 5; i++) runBackstop(emu);
    expect(emu.mail.sentTo('bob@example.com')).toHaveLength(1);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);

    // Resend (a Workspace account now: more quota): same number, same PDF bytes, no new file.
    emu.mail.setDailyQuota(1500);
    const pdfs = emu.drive.files().filter((f) => f.mimeType === 'application/pdf').length;
    expect(emu.run('carnetResendInvoice', ['F-2026-0001'])).toEqual({ sentTo: 'alice@example.com' });
    const [first, again] = emu.mail.sentTo('alice@example.com');
    expect(again.subject).toBe(first.subject);
    expect(again.attachments[0].name).toBe('Facture F-2026-0001 - Alice.pdf');
    expect(Buffer.from(again.attachments[0].bytes).equals(Buffer.from(first.attachments[0].bytes))).toBe(true);
    expect(emu.drive.files().filter((f) => f.mimeType === 'application/pdf')).toHaveLength(pdfs);
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002']);
    expect(invoiceRow(emu, 'F-2026-0001')['Statut']).toBe('envoyée');
    runBackstop(emu);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(2);
  });

  test('resend: an unknown number or an exhausted quota gives a French error', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'alice');
    expect(() => emu.run('carnetResendInvoice', ['F-2026-0099'])).toThrow('Aucune pièce F-2026-0099 dans l’onglet Factures.');
    emu.mail.setDailyQuota(1);
    expect(() => emu.run('carnetResendInvoice', ['F-2026-0001'])).toThrow('quota d’e-mails du jour épuisé');
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    expect(invoiceRow(emu, 'F-2026-0001')['Statut']).toBe('envoyée');
  });
});

describe('a run killed while the e-mail leaves', () => {
  test('is never sent again automatically: marked "envoi incertain" with a French explanation; resend sends it', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    // The e-mail leaves, then the execution dies at its very next call.
    emu.rt.faults.add({
      target: 'MailApp.sendEmail',
      nth: 1,
      action: () => emu.rt.faults.add({ target: '*', nth: 2, times: Infinity, action: new Error('killed') }),
    });
    emu.deliverWebhook(String(event.id));
    // The documents run, a minute later, is the one that dies.
    aMinuteLater(emu);
    expect(emu.triggerFailures.map((f) => [f.handler, f.error.message])).toEqual([['carnetDocuments', 'killed']]);
    emu.rt.faults.clear();
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    expect(invoiceRow(emu, 'F-2026-0001')['Statut']).toBe('envoi en cours');

    runBackstop(emu);
    const row = invoiceRow(emu, 'F-2026-0001');
    expect(row['Statut']).toBe('envoi incertain');
    expect(row['Erreur']).toBe(
      'F-2026-0001 : une exécution s’est interrompue pendant l’envoi de l’e-mail. Pour ne jamais l’envoyer deux fois, Carnet ne le renvoie pas : vérifiez avec le client et utilisez « Renvoyer la facture » si besoin.',
    );
    expect(journal(emu)).toContain(row['Erreur']);
    for (let i = 0; i < 3; i++) runBackstop(emu);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    expect(client(emu, 'alice@example.com')?.['Solde']).toBe(10);

    emu.run('carnetResendInvoice', ['F-2026-0001']);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(2);
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ Statut: 'envoyée', Erreur: '' });
    runBackstop(emu);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(2);
    expect(numbers(emu)).toEqual(['F-2026-0001']);
  });
});

describe('a PDF deleted from Drive', () => {
  test('before its e-mail left: it is made again, same number, and the other pending e-mails are not blocked', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    emu.mail.setDailyQuota(0);
    pay(emu, price, 'alice');
    pay(emu, price, 'bob');
    expect(invoiceRows(emu).map((r) => r['Statut'])).toEqual(['à envoyer', 'à envoyer']);
    // The admin empties the Drive trash with the first PDF in it.
    emu.drive.purge(String(invoiceRow(emu, 'F-2026-0001')['Fichier']));
    emu.mail.setDailyQuota(100);
    runBackstop(emu);

    expect(emu.triggerFailures).toEqual([]);
    expect(invoiceRows(emu).map((r) => r['Statut'])).toEqual(['envoyée', 'envoyée']);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    expect(emu.mail.sentTo('bob@example.com')).toHaveLength(1);
    expect(docTitle(pdfOf(emu, 'F-2026-0001'))).toBe('Facture F-2026-0001');
    expect(numbers(emu)).toEqual(['F-2026-0001', 'F-2026-0002']);
  });

  test('after it was sent: resend makes it again from the data frozen at issue', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'alice');
    const before = pdfOf(emu, 'F-2026-0001');
    emu.drive.purge(String(invoiceRow(emu, 'F-2026-0001')['Fichier']));
    // A later change of the business address does not rewrite an issued invoice.
    setSetting(emu, 'Adresse', '1 avenue Nouvelle, 75012 Paris');
    expect(emu.run('carnetResendInvoice', ['F-2026-0001'])).toEqual({ sentTo: 'alice@example.com' });
    expect(pdfOf(emu, 'F-2026-0001')).toBe(before);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(2);
  });
});
