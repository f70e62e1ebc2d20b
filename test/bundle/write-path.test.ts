// The write path (issue 13): one executor applies a plan with every read before its first write
// (Apps Script sends consecutive writes with no read between them as one batch:
// developers.google.com/apps-script/guides/support/best-practices, "Use batch operations"), and a
// calendar sync writes a page of changes as one plan.
import type { Emulator } from '../../emulator/src';
import { addLessonPack, install } from './harness';

const READS =
  /SpreadsheetApp\.(Range\.(getValues|getValue|getDisplayValues|getNextDataCell)|Sheet\.(getLastRow|getDataRange)|TextFinder\.(findNext|findAll|findPrevious))$/;
const WRITES = /SpreadsheetApp\.(Range\.(setValues|setValue)|Sheet\.(appendRow|insertRowsAfter))$/;

function callsDuring(emu: Emulator, work: () => void): string[] {
  const start = emu.rt.faults.log.length;
  work();
  return emu.rt.faults.log.slice(start);
}

describe('one executor: all reads, then all writes', () => {
  test('a new client paying: between the plan saved and forgotten, no sheet read follows a sheet write', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 2 }], email: 'alice@example.com', name: 'Alice' });
    const log = callsDuring(emu, () => emu.deliverWebhook(String(event.id)));
    const forgotten = log.indexOf('PropertiesService.Properties.deleteProperty');
    expect(forgotten).toBeGreaterThan(0);
    const plan = log.slice(0, forgotten);
    const firstWrite = plan.findIndex((k) => WRITES.test(k));
    expect(firstWrite).toBeGreaterThan(0);
    expect(plan.slice(firstWrite).filter((k) => READS.test(k))).toEqual([]);
    // The copy is saved once, with the invoice counter, before the first write.
    const saves = plan.filter((k) => /PropertiesService\.Properties\.setPropert(y|ies)$/.test(k));
    expect(saves).toEqual(['PropertiesService.Properties.setProperties']);
    expect(plan.indexOf('PropertiesService.Properties.setProperties')).toBeLessThan(firstWrite);
    // The records are all there, once.
    expect(emu.spreadsheet.records('Crédits')).toHaveLength(1);
    expect(emu.spreadsheet.records('Paiements')).toHaveLength(1);
    expect(emu.spreadsheet.records('Factures')).toHaveLength(1);
    expect(emu.spreadsheet.records('Recettes')).toHaveLength(1);
    expect(emu.spreadsheet.records('Événements').map((r) => r['Statut'])).toEqual(['traité']);
  });
});

describe('a calendar sync writes a page of changes as one plan', () => {
  test('three clients booking: one copy saved, the e-mails marked sent in one save, one removal; three bookings, three confirmations', () => {
    const emu = install();
    const { price } = addLessonPack(emu, 'PACK5', 5, 15000);
    const clients = ['alice@example.com', 'bruno@example.com', 'chloe@example.com'];
    for (const email of clients) emu.deliverWebhook(String(emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email, name: email }).event.id));
    emu.mail.clearOutbox();
    const start = Date.UTC(2026, 10, 24, 9);
    clients.forEach((email, i) =>
      emu.calendar.book({
        title: 'Cours',
        start: new Date(start + i * 3600000),
        end: new Date(start + (i + 1) * 3600000),
        attendees: [{ email }],
      }),
    );
    const log = callsDuring(emu, () => emu.advance(1000));
    const planWrites = log.filter((k) => k === 'PropertiesService.Properties.deleteProperty');
    expect(planWrites).toHaveLength(1);
    expect(emu.spreadsheet.records('Réservations').map((r) => [r['E-mail'], r['Statut']])).toEqual(clients.map((e) => [e, 'réservé']));
    expect(emu.spreadsheet.records('Clients').map((r) => r['Solde'])).toEqual([4, 4, 4]);
    for (const email of clients) expect(emu.mail.sentTo(email)).toHaveLength(1);
  });
});
