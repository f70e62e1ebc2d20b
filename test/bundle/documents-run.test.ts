// The webhook answers fast: doPost records the payment and returns; the invoice PDF and e-mail are made
// by a one-off trigger (carnetDocuments) a minute later, at most one pending at a time, deleted by its
// own run; the 10-minute backstop remains the safety net. Quotas: "Triggers: 20 / user / script"
// (developers.google.com/apps-script/guides/services/quotas).
import type { Emulator } from '../../emulator/src';
import { TOO_MANY_TRIGGERS } from '../../emulator/src/script';
import { addLessonPack, aMinuteLater, DOCUMENTS_TRIGGER_AFTER_MS, install, records, runBackstop } from './harness';
import { invoiceRow, mailsOf } from './invoices-helpers';

const documentsTriggers = (emu: Emulator) => emu.script.triggers().filter((t) => t.handler === 'carnetDocuments');
const pendingDocumentsTriggers = (emu: Emulator) => documentsTriggers(emu).filter((t) => t.nextRun !== null);

function pay(emu: Emulator, price: string, email: string) {
  return String(emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email, name: email.split('@')[0] }).event.id);
}

describe('the webhook answers without making documents', () => {
  test('doPost of a paid checkout records it and makes no DocumentApp, Docs, Drive or Mail call; the invoice is e-mailed within a minute', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const id = pay(emu, price, 'alice@example.com');
    emu.rt.accounting.reset();
    const deliveredAt = emu.rt.clock.now();
    expect(emu.deliverWebhook(id).status).toBe(200);
    for (const service of ['DocumentApp', 'Docs', 'DriveApp', 'MailApp', 'GmailApp'])
      expect({ service, calls: emu.rt.accounting.total(service) }).toEqual({ service, calls: 0 });
    // The money is recorded and the number given; the document waits for its run.
    expect(records(emu, 'Paiements')).toHaveLength(1);
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ Statut: 'à générer' });
    expect(emu.mail.outbox()).toHaveLength(0);
    expect(pendingDocumentsTriggers(emu)).toHaveLength(1);

    aMinuteLater(emu);
    const [mail] = mailsOf(emu, 'F-2026-0001');
    expect(mail.attachments[0].name).toBe('Facture F-2026-0001 - alice.pdf');
    // The run starts when its trigger fires, 15 s after the payment; the e-mail leaves within that run, seconds later.
    expect(mail.sentAt - deliveredAt).toBeGreaterThanOrEqual(DOCUMENTS_TRIGGER_AFTER_MS);
    expect(mail.sentAt - deliveredAt).toBeLessThan(DOCUMENTS_TRIGGER_AFTER_MS + 10 * 1000);
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ Statut: 'envoyée' });
    // Its own run deleted the trigger (a fired one-off trigger would still count towards the 20).
    expect(documentsTriggers(emu)).toEqual([]);
    expect(emu.triggerFailures).toEqual([]);
  });

  test('a burst of 30 payments: never more than one pending documents trigger; a minute after the last, all 30 invoices are e-mailed once', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const ids = Array.from({ length: 30 }, (_, i) => pay(emu, price, `client${i}@example.com`));
    let most = 0;
    for (const id of ids) {
      emu.deliverWebhook(id);
      most = Math.max(most, pendingDocumentsTriggers(emu).length);
      expect(emu.script.triggers().length).toBeLessThanOrEqual(20);
    }
    expect(most).toBe(1);
    aMinuteLater(emu);
    const sent = records(emu, 'Factures').map((r) => [r['Numéro'], r['Statut'], mailsOf(emu, String(r['Numéro'])).length]);
    expect(sent).toHaveLength(30);
    expect(sent.every(([, status, mails]) => status === 'envoyée' && mails === 1)).toBe(true);
    expect(documentsTriggers(emu)).toEqual([]);
    // The next payment schedules a new run.
    emu.deliverWebhook(pay(emu, price, 'late@example.com'));
    expect(pendingDocumentsTriggers(emu)).toHaveLength(1);
  });

  test('the trigger cannot be made (too many triggers): the payment is recorded, nothing is lost, the backstop sends the invoice once', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    emu.rt.faults.add({ target: 'ScriptApp.ClockTriggerBuilder.create', nth: 1, times: Infinity, action: new Error(TOO_MANY_TRIGGERS) });
    expect(emu.deliverWebhook(pay(emu, price, 'alice@example.com')).status).toBe(200);
    expect(records(emu, 'Paiements')).toHaveLength(1);
    expect(documentsTriggers(emu)).toEqual([]);
    aMinuteLater(emu);
    expect(emu.mail.outbox()).toHaveLength(0);
    expect(invoiceRow(emu, 'F-2026-0001')).toMatchObject({ Statut: 'à générer' });
    runBackstop(emu);
    expect(mailsOf(emu, 'F-2026-0001')).toHaveLength(1);
    runBackstop(emu);
    expect(mailsOf(emu, 'F-2026-0001')).toHaveLength(1);
    expect(emu.triggerFailures).toEqual([]);
  });

  test('the documents run waits when another run holds the lock, and comes back a minute later', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    emu.deliverWebhook(pay(emu, price, 'alice@example.com'));
    const release = emu.lock.holdScriptLock();
    aMinuteLater(emu);
    expect(emu.mail.outbox()).toHaveLength(0);
    expect(pendingDocumentsTriggers(emu)).toHaveLength(1);
    release();
    aMinuteLater(emu);
    expect(mailsOf(emu, 'F-2026-0001')).toHaveLength(1);
    expect(documentsTriggers(emu)).toEqual([]);
  });

  test('carnetDocuments is refused to anyone but its own trigger or the admin', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    emu.deliverWebhook(pay(emu, price, 'alice@example.com'));
    expect(() => emu.run('carnetDocuments', [{ triggerUid: 'guessed' }], 'anonymous')).toThrow('Accès refusé.');
    expect(() => emu.run('carnetDocuments', [{}], { email: 'stranger@example.com' })).toThrow('Accès refusé.');
    expect(emu.mail.outbox()).toHaveLength(0);
    // The admin may run it by hand (from the editor): the documents go at once.
    emu.run('carnetDocuments', [{}]);
    expect(mailsOf(emu, 'F-2026-0001')).toHaveLength(1);
  });
});

describe('a burst of payments', () => {
  test('a webhook that finds the lock busy leaves its event « reçu »: the documents run a minute later records it and e-mails its invoice, no backstop needed', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const id = pay(emu, price, 'bob@example.com');
    // Another execution holds the script lock for longer than the webhook waits (5 s).
    const release = emu.lock.holdScriptLock();
    emu.deliverWebhook(id);
    release();
    expect(records(emu, 'Événements').find((r) => r['ID'] === id)).toMatchObject({ Statut: 'reçu' });
    expect(records(emu, 'Paiements')).toHaveLength(0);
    expect(pendingDocumentsTriggers(emu)).toHaveLength(1);

    aMinuteLater(emu);
    expect(records(emu, 'Événements').find((r) => r['ID'] === id)).toMatchObject({ Statut: 'traité' });
    expect(records(emu, 'Paiements')).toEqual([expect.objectContaining({ 'E-mail': 'bob@example.com', Statut: 'payé', Facture: 'F-2026-0001' })]);
    expect(mailsOf(emu, 'F-2026-0001').map((m) => m.to)).toEqual([['bob@example.com']]);
    // The backstop later finds nothing more to do: one payment, one invoice, one e-mail.
    runBackstop(emu);
    expect(records(emu, 'Paiements')).toHaveLength(1);
    expect(mailsOf(emu, 'F-2026-0001')).toHaveLength(1);
  });

  test('the documents run applies a left event with what its webhook fetched (no second Stripe call); evicted, it fetches it again', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const kept = pay(emu, price, 'bob@example.com');
    const evicted = pay(emu, price, 'carol@example.com');
    const release = emu.lock.holdScriptLock();
    emu.deliverWebhook(kept);
    emu.deliverWebhook(evicted);
    release();
    emu.cache.entries('script').delete(`carnet:verified:test:${evicted}`);
    const fetchedBefore = emu.stripe.requests().length;
    aMinuteLater(emu);
    const fetched = emu.stripe
      .requests()
      .slice(fetchedBefore)
      .map((r) => r.path);
    expect(fetched.filter((path) => path.includes(kept))).toEqual([]);
    expect(fetched.filter((path) => path.includes(evicted))).toHaveLength(1);
    // One session fetched again: the evicted one's.
    expect(fetched.filter((path) => path.startsWith('/v1/checkout/sessions/'))).toHaveLength(1);
    expect(records(emu, 'Paiements').map((r) => r['E-mail'])).toEqual(['bob@example.com', 'carol@example.com']);
    expect(mailsOf(emu, 'F-2026-0001')).toHaveLength(1);
    expect(mailsOf(emu, 'F-2026-0002')).toHaveLength(1);
  });
});
