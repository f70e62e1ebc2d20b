// Two executions at once (issue 15, point 14): the writes Carnet makes outside the script lock — the
// webhook's inbox row when the lock is busy (Inbox.addUnverified) and the Journal — stay safe when
// another execution runs in the middle of one. `emu.interleave` suspends the first execution at a
// chosen call and runs the second there; a lock held by the suspended one makes the other's
// tryLock(5000) wait 5 s and fail, as on Google when the holder keeps it that long
// (developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)).
import type { Emulator } from '../../emulator/src';
import { addLessonPack, client, install, journal, records, runBackstop } from './harness';

const PAY = (emu: Emulator, price: string, email: string) => String(emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email, name: email }).event.id);

/** Every inbox row names an event once, with that event's own type: no row written over by another execution. */
function expectInboxIntact(emu: Emulator, ids: string[]): void {
  const rows = records(emu, 'Événements');
  for (const id of ids) {
    const mine = rows.filter((r) => r['ID'] === id);
    expect(mine.filter((r) => r['Statut'] === 'traité')).toHaveLength(1);
    // A second row for the same id is only ever a duplicate the backstop set aside.
    for (const r of mine.filter((r) => r['Statut'] !== 'traité')) expect(r['Statut']).toBe('ignoré');
    for (const r of mine) if (r['Type']) expect(r['Type']).toBe(emu.stripe.getEvent(id).type);
  }
  expect(rows.every((r) => ids.includes(String(r['ID'])))).toBe(true);
}

/** The Spreadsheet calls one paid-checkout delivery makes (to visit each of them in turn). */
function spreadsheetCallsOfOneDelivery(): number {
  const emu = install();
  const { price } = addLessonPack(emu);
  const id = PAY(emu, price, 'a@example.com');
  emu.rt.accounting.reset();
  emu.deliverWebhook(id);
  return emu.rt.accounting.total('SpreadsheetApp');
}

describe('a second delivery arriving in the middle of the first', () => {
  const calls = spreadsheetCallsOfOneDelivery();

  test(`at each of the first delivery's ${calls} Spreadsheet calls: both payments recorded exactly once after the backstop, no inbox row overwritten, no Journal row lost`, () => {
    let busy = 0;
    for (let nth = 1; nth <= calls; nth++) {
      const emu = install();
      const { price } = addLessonPack(emu);
      const first = PAY(emu, price, 'a@example.com');
      const second = PAY(emu, price, 'b@example.com');
      const journalBefore = journal(emu).length;
      const b = emu.interleave('doPost', { nth, target: 'SpreadsheetApp' }, () => emu.deliverWebhook(second));
      emu.deliverWebhook(first);
      expect(b.fired()).toBe(true);
      const lockWasBusy = emu.lock.waits.length > 0;
      if (lockWasBusy) {
        busy++;
        // The second delivery waited 5 s, left its event in the inbox and said so in the Journal.
        expect(records(emu, 'Événements').find((r) => r['ID'] === second)).toMatchObject({ Statut: 'reçu' });
        expect(journal(emu).filter((m) => m.includes(second))).toHaveLength(1);
      }
      const journalAfterDeliveries = journal(emu);
      runBackstop(emu);
      expect([nth, client(emu, 'a@example.com')?.['Solde'], client(emu, 'b@example.com')?.['Solde']]).toEqual([nth, 10, 10]);
      expect(records(emu, 'Paiements')).toHaveLength(2);
      expect(records(emu, 'Crédits')).toHaveLength(2);
      expect(records(emu, 'Factures')).toHaveLength(2);
      expectInboxIntact(emu, [first, second]);
      // Every Journal line written so far is still there, in order, and complete.
      expect(journal(emu).slice(0, journalAfterDeliveries.length)).toEqual(journalAfterDeliveries);
      expect(journalAfterDeliveries.length).toBeGreaterThanOrEqual(journalBefore + (lockWasBusy ? 1 : 0));
      expect(records(emu, 'Journal').every((r) => r['Date'] !== '' && r['Niveau'] !== '' && r['Message'] !== '')).toBe(true);
      expect(emu.mail.outbox().filter((m) => m.attachments?.length)).toHaveLength(2);
    }
    // Most of the first delivery's calls happen under the lock: the busy path was really exercised.
    expect(busy).toBeGreaterThan(calls / 2);
  });
});

describe('Stripe delivering the same event again in the middle of its first delivery', () => {
  const calls = spreadsheetCallsOfOneDelivery();

  test(`at each of the first delivery's ${calls} Spreadsheet calls: the payment is applied once, its invoice sent once, the extra inbox row set aside`, () => {
    for (let nth = 1; nth <= calls; nth++) {
      const emu = install();
      const { price } = addLessonPack(emu);
      const id = PAY(emu, price, 'a@example.com');
      const b = emu.interleave('doPost', { nth, target: 'SpreadsheetApp' }, () => emu.deliverWebhook(id));
      emu.deliverWebhook(id);
      expect(b.fired()).toBe(true);
      runBackstop(emu);
      expect([nth, client(emu, 'a@example.com')?.['Solde']]).toEqual([nth, 10]);
      expect([nth, records(emu, 'Paiements').length, records(emu, 'Crédits').length, records(emu, 'Factures').length]).toEqual([nth, 1, 1, 1]);
      expect([nth, emu.mail.outbox().filter((m) => m.attachments?.length).length]).toEqual([nth, 1]);
      expectInboxIntact(emu, [id]);
    }
  });
});

describe("Stripe's retry of a missed webhook arriving while the backstop applies the event it polled", () => {
  const backstopRun = (emu: Emulator) => emu.run('carnetBackstop', [{ triggerUid: emu.script.triggers().find((t) => t.handler === 'carnetBackstop')?.uid }]);
  const setUp = () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    return { emu, id: PAY(emu, price, 'a@example.com') };
  };
  const calls = (() => {
    const { emu } = setUp();
    emu.rt.accounting.reset();
    backstopRun(emu);
    return emu.rt.accounting.total('SpreadsheetApp');
  })();

  test(`at each of the backstop's ${calls} Spreadsheet calls: the payment is applied once and its invoice sent once`, () => {
    for (let nth = 1; nth <= calls; nth++) {
      const { emu, id } = setUp();
      const b = emu.interleave('carnetBackstop', { nth, target: 'SpreadsheetApp' }, () => emu.deliverWebhook(id));
      backstopRun(emu);
      expect(b.fired()).toBe(true);
      runBackstop(emu);
      expect([nth, client(emu, 'a@example.com')?.['Solde'], records(emu, 'Crédits').length, records(emu, 'Factures').length]).toEqual([nth, 10, 1, 1]);
      expect([nth, emu.mail.outbox().filter((m) => m.attachments?.length).length]).toEqual([nth, 1]);
      expectInboxIntact(emu, [id]);
    }
  });
});

describe('the same event delivered twice at once while another run holds the lock', () => {
  test('both deliveries append a row (outside the lock); the backstop applies the event once and sets the second row aside', () => {
    {
      // The second delivery runs between the first one's inbox search (nothing found) and its append.
      const target = 'SpreadsheetApp.Sheet.appendRow';
      const emu = install();
      const { price } = addLessonPack(emu);
      const id = PAY(emu, price, 'a@example.com');
      const release = emu.lock.holdScriptLock();
      const b = emu.interleave('doPost', { nth: 1, target }, () => emu.deliverWebhook(id));
      emu.deliverWebhook(id);
      release();
      expect(b.fired()).toBe(true);
      expect(records(emu, 'Événements').filter((r) => r['ID'] === id)).toHaveLength(2);
      runBackstop(emu);
      expect(client(emu, 'a@example.com')?.['Solde']).toBe(10);
      expect(records(emu, 'Paiements')).toHaveLength(1);
      expect(records(emu, 'Événements').map((r) => r['Statut'])).toEqual(['traité', 'ignoré']);
    }
  });
});

describe('a delivery arriving while the first one files a refund that came before its payment', () => {
  /** A held refund, with another checkout paid; `interleaveAt` (a Spreadsheet call number of the refund's delivery) lets the other's delivery run there. */
  function scenario(interleaveAt?: number) {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event: paid, session } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'a@example.com', name: 'A' });
    const { event: refunded } = emu.stripe.refund(String(session.payment_intent));
    const other = PAY(emu, price, 'b@example.com');
    const b = interleaveAt ? emu.interleave('doPost', { nth: interleaveAt, target: 'SpreadsheetApp' }, () => emu.deliverWebhook(other)) : null;
    emu.rt.accounting.startTrace();
    emu.deliverWebhook(String(refunded.id));
    return { emu, paid: String(paid.id), refunded: String(refunded.id), refundType: refunded.type, other, fired: b?.fired() };
  }

  test("the held refund keeps its own inbox row: the other delivery's row (appended without the lock) is not written over", () => {
    // Where the refund's delivery appends its inbox row (under the lock): the other delivery runs just after.
    const dry = scenario();
    const calls = (dry.emu.rt.accounting.trace ?? []).filter((c) => c.functionName === 'doPost' && c.key.startsWith('SpreadsheetApp.'));
    const append = calls.findIndex((c) => c.key === 'SpreadsheetApp.Sheet.appendRow');
    expect(append).toBeGreaterThan(0);
    const { emu, paid, refunded, refundType, other, fired } = scenario(append + 2);
    expect(fired).toBe(true);
    const inbox = records(emu, 'Événements');
    expect(inbox.find((r) => r['ID'] === refunded)).toMatchObject({ Type: refundType, Statut: 'reçu' });
    expect(inbox.find((r) => r['ID'] === other)).toMatchObject({ Statut: 'reçu', Type: '' });
    emu.deliverWebhook(paid);
    runBackstop(emu);
    expectInboxIntact(emu, [paid, refunded, other]);
    expect(client(emu, 'a@example.com')?.['Solde']).toBe(0);
    expect(client(emu, 'b@example.com')?.['Solde']).toBe(10);
  });
});

describe('a delivery arriving while the daily job archives the Journal', () => {
  test('the line the delivery journals (without the lock) survives the deletion of the archived rows; every older line is in the sheet or the CSV', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const start = records(emu, 'Journal').length;
    const old = Array.from({ length: 6100 - start }, (_, i) => [new Date(Date.UTC(2026, 10, 21, 12) + i * 60000), 'info', `ligne ${i}`]);
    emu.spreadsheet.setCell('Journal', `A${start + 2}`, old);
    const before = journal(emu);
    const id = PAY(emu, price, 'a@example.com');
    // The daily job holds the lock; the delivery runs just before it deletes the archived rows.
    const b = emu.interleave('carnetDaily', { nth: 1, target: 'SpreadsheetApp.Sheet.deleteRows' }, () => emu.deliverWebhook(id));
    emu.run('carnetDaily', [{ triggerUid: emu.script.triggers().find((t) => t.handler === 'carnetDaily')?.uid }]);
    expect(b.fired()).toBe(true);
    const after = journal(emu);
    const busy = after.filter((m) => m.includes(id));
    expect(busy).toHaveLength(1);
    const file = emu.drive.files().find((f) => f.name === 'Journal 2026.csv');
    const archived = Buffer.from(emu.drive.bytes(String(file?.id)))
      .toString('utf8')
      .split('\r\n')
      .slice(1, -1)
      .map((l) => l.split(';')[2]);
    // Nothing lost, nothing twice: archived + still in the sheet = every line there was, then the new ones.
    expect([...archived, ...after.slice(0, before.length - archived.length)]).toEqual(before);
    expect(after.slice(before.length - archived.length)).toContain(busy[0]);
    runBackstop(emu);
    expect(client(emu, 'a@example.com')?.['Solde']).toBe(10);
  });
});
