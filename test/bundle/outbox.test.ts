// Issue 15, point 8: every e-mail is a queued row of `Envois`, sent by priority while the daily
// recipient quota allows (100 a day on a consumer account: developers.google.com/apps-script/guides/services/quotas),
// never lost, sent when the quota is back; the admin's alerts leave as one digest.
import { Emulator } from '../../emulator/src';
import { addLessonPack, addRow, install, journal, records, runBackstop } from './harness';

const ADMIN = 'prof@example.com';

function requestPayment(emu: Emulator, email: string): void {
  emu.run('carnetCreatePaymentRequest', [{ email, name: 'Client Test', items: [{ code: 'PACK10', quantity: 1 }] }]);
}

function outbox(emu: Emulator, to?: string): Array<Record<string, unknown>> {
  return records(emu, 'Envois').filter((r) => !to || r['À'] === to);
}

function unknownProductPayment(emu: Emulator, email: string, name: string): string {
  const product = emu.stripe.createProduct({ name });
  const price = String(emu.stripe.createPrice({ product: String(product.id), unitAmount: 5000 }).id);
  const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email, name: 'Client' });
  emu.deliverWebhook(String(event.id));
  return price;
}

describe('the outbox', () => {
  test('a payment request e-mail leaves at once and is recorded in Envois as sent', () => {
    const emu = install();
    addLessonPack(emu, 'PACK10', 10, 30000);
    requestPayment(emu, 'alice@example.com');
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    expect(outbox(emu, 'alice@example.com')).toEqual([
      expect.objectContaining({ Priorité: 2, Statut: 'envoyé', Objet: 'Votre lien de paiement — Claire Martin', 'Envoyé le': expect.any(Date) }),
    ]);
  });

  test('with fewer than 26 recipients left today, reminders wait for tomorrow while confirmations still leave', () => {
    const emu = install();
    addLessonPack(emu, 'PACK10', 10, 30000);
    for (const who of ['a', 'b', 'c']) requestPayment(emu, `${who}@example.com`);
    expect(emu.mail.outbox()).toHaveLength(3);
    // The day is busy: 24 recipients left (the reserve for confirmations and invoices is 25).
    emu.mail.setDailyQuota(3 + 24);
    emu.advance(70 * 60 * 1000);
    const reminders = outbox(emu).filter((r) => /Rappel/.test(String(r['Objet'])));
    expect(reminders.map((r) => [r['Priorité'], r['Statut']])).toEqual([
      [3, 'à envoyer'],
      [3, 'à envoyer'],
      [3, 'à envoyer'],
    ]);
    expect(emu.mail.outbox().filter((m) => /Rappel/.test(m.subject))).toHaveLength(0);
    // A confirmation still goes: a new request is sent at once.
    requestPayment(emu, 'd@example.com');
    expect(emu.mail.sentTo('d@example.com')).toHaveLength(1);
    // Tomorrow the quota is back: the reminders leave, each once.
    emu.mail.setDailyQuota(100);
    runBackstop(emu);
    runBackstop(emu);
    for (const who of ['a', 'b', 'c']) expect(emu.mail.sentTo(`${who}@example.com`).filter((m) => /Rappel/.test(m.subject))).toHaveLength(1);
    expect(outbox(emu).every((r) => r['Statut'] === 'envoyé')).toBe(true);
  });

  test('no e-mail is lost to the quota: alerts and confirmations wait, then leave alerts first, the admin reading one digest', () => {
    const emu = install();
    addLessonPack(emu, 'PACK10', 10, 30000);
    emu.mail.setDailyQuota(0);
    requestPayment(emu, 'alice@example.com');
    // Two payments of products missing from Produits: two causes, two alerts for the admin.
    const first = unknownProductPayment(emu, 'bob@example.com', 'Stage d’été');
    const second = unknownProductPayment(emu, 'carla@example.com', 'Masterclass');
    runBackstop(emu);
    expect(emu.mail.outbox()).toHaveLength(0);
    expect(outbox(emu).map((r) => r['Statut'])).toEqual(['à envoyer', 'à envoyer', 'à envoyer']);
    // Said once a day, not at every run.
    expect(journal(emu).filter((l) => /attend(ent)? le quota d’envoi du jour/.test(l))).toHaveLength(1);

    // One recipient left tomorrow morning: the alerts go first, as one e-mail.
    emu.mail.setDailyQuota(1);
    runBackstop(emu);
    expect(emu.mail.outbox().map((m) => m.to)).toEqual([[ADMIN]]);
    const digest = emu.mail.sentTo(ADMIN)[0];
    expect(digest.subject).toBe('Carnet : un événement Stripe attend une correction (+ 1 autre alerte)');
    expect(digest.body).toContain('2 points demandent votre attention');
    expect(digest.body).toContain(`Produit inconnu pour le prix ${first}`);
    expect(digest.body).toContain(`Produit inconnu pour le prix ${second}`);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(0);

    emu.mail.setDailyQuota(100);
    runBackstop(emu);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    expect(emu.mail.sentTo(ADMIN)).toHaveLength(1);
    expect(outbox(emu).map((r) => r['Statut'])).toEqual(['envoyé', 'envoyé', 'envoyé']);
  });

  test('a run killed between « envoi en cours » and the send leaves the e-mail « envoi incertain »: never sent twice, the admin told', () => {
    const emu = install();
    addLessonPack(emu, 'PACK10', 10, 30000);
    emu.mail.setDailyQuota(0);
    requestPayment(emu, 'alice@example.com');
    emu.mail.setDailyQuota(100);
    // The execution dies as the e-mail is handed to MailApp: no later call of that run happens.
    const dies = () => {
      emu.rt.faults.add({ target: '*', nth: 1, times: Infinity, action: new Error('Exceeded maximum execution time') });
    };
    emu.rt.faults.add({ target: 'MailApp.sendEmail', nth: 1, action: dies });
    runBackstop(emu);
    emu.rt.faults.clear();
    emu.triggerFailures.splice(0);
    expect(outbox(emu, 'alice@example.com').map((r) => r['Statut'])).toEqual(['envoi en cours']);
    runBackstop(emu);
    runBackstop(emu);
    expect(outbox(emu, 'alice@example.com').map((r) => r['Statut'])).toEqual(['envoi incertain']);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(0);
    expect(journal(emu)).toContainEqual(expect.stringMatching(/^1 e-mail de l’onglet Envois a été interrompu pendant l’envoi/));
  });

  test('an address MailApp refuses is « non envoyé » with the reason, said once in the Journal; the others still leave', () => {
    const emu = install();
    addLessonPack(emu, 'PACK10', 10, 30000);
    addRow(emu, 'Envois', {
      Clé: 'main:1',
      Date: new Date(emu.rt.clock.now()),
      Priorité: 2,
      À: 'pas-une-adresse',
      Objet: 'Test',
      Statut: 'à envoyer',
      Contenu: JSON.stringify([{ text: 'Bonjour' }]),
    });
    requestPayment(emu, 'alice@example.com');
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    const refused = outbox(emu, 'pas-une-adresse')[0];
    expect(refused).toMatchObject({ Statut: 'non envoyé', Erreur: expect.stringContaining('Invalid email') });
    runBackstop(emu);
    expect(journal(emu).filter((l) => l.startsWith('E-mail non envoyé à pas-une-adresse'))).toHaveLength(1);
  });

  test('an installation older than Envois gets the tab when the first e-mail is queued', () => {
    const emu = install();
    addLessonPack(emu, 'PACK10', 10, 30000);
    const active = (emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActive();
    active.deleteSheet(active.getSheetByName('Envois') as GoogleAppsScript.Spreadsheet.Sheet);
    requestPayment(emu, 'alice@example.com');
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    expect(emu.spreadsheet.values('Envois')[0]).toEqual(['Clé', 'Date', 'Priorité', 'À', 'Objet', 'Statut', 'Envoyé le', 'Erreur', 'Contenu']);
  });
});
