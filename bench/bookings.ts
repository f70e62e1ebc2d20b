// The bench's calendar scenario: one sync of 100 calendar changes (50 new bookings, 30 cancellations,
// 20 moves) with 1,000 or 10,000 clients and their history, every call traced (bench/run.ts prints it).
import { Emulator } from '../emulator/src';
import type { TracedCall } from '../emulator/src/runtime';
import { seed } from './seed';

const START = Date.UTC(2026, 10, 21, 9, 0, 0);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface SyncRun {
  /** Every call of the sync's execution(s), traced. */
  calls: TracedCall[];
  cellsRead: number;
  cellsWritten: number;
  /** Booking statuses after the sync, and trigger failures if any: shows the sync did its work. */
  checks: string;
}

/** One sync of 100 calendar changes with `clients` clients (and their history), traced. */
export function syncOf100Changes(clients: number): SyncRun {
  const emu = new Emulator({ start: START }).loadBundle('dist');
  emu.properties.scriptStore().set('STRIPE_SECRET_KEY', 'sk_test_emulator');
  emu.run('setup');
  emu.mail.setDailyQuota(100000);
  const email = (i: number) => `client${i}@example.com`;
  const lots = JSON.stringify([{ ref: 'cs_seed', remaining: 20, expires: '2027-06-30' }]);
  const seededAt = new Date(START - 30 * DAY);
  seed(
    emu,
    'Clients',
    Array.from({ length: clients }, (_, i) => ({ 'E-mail': email(i), Nom: `Client ${i}`, Solde: 20, Lots: lots, 'Créé le': seededAt, 'Mis à jour': seededAt })),
  );
  // History: one purchase per client in the ledger and two past lessons each in Réservations.
  seed(
    emu,
    'Crédits',
    Array.from({ length: clients }, (_, i) => ({
      Date: seededAt,
      'E-mail': email(i),
      Variation: 20,
      Solde: 20,
      Motif: 'Achat : Pack 20 cours',
      Référence: 'cs_seed',
      Opération: `cs_seed:${i}`,
    })),
  );
  seed(
    emu,
    'Réservations',
    Array.from({ length: 2 * clients }, (_, i) => ({
      Événement: `old${i}`,
      'E-mail': email(i % clients),
      Début: new Date(START - (i % 20) * DAY),
      Fin: new Date(START - (i % 20) * DAY + HOUR),
      Statut: 'réservé',
      Crédit: 1,
    })),
  );
  // Clients spread over the whole tab.
  const who = (n: number) => email(Math.floor((n * clients) / 100) % clients);
  const book = (n: number) =>
    String(
      emu.calendar.book({
        title: 'Cours de français',
        start: new Date(START + 3 * DAY + n * HOUR),
        end: new Date(START + 3 * DAY + (n + 1) * HOUR),
        attendees: [{ email: who(n) }],
        meet: true,
      }).id,
    );

  // 50 bookings first (not measured), then 100 changes: 50 new bookings, 30 cancellations, 20 moves.
  const first = Array.from({ length: 50 }, (_, n) => book(n));
  emu.fireCalendarTriggers();
  for (let n = 0; n < 50; n++) book(50 + n);
  for (let n = 0; n < 30; n++) emu.calendar.cancel('primary', first[n]);
  for (let n = 30; n < 50; n++) emu.calendar.move('primary', first[n], new Date(START + 10 * DAY + n * HOUR), new Date(START + 10 * DAY + (n + 1) * HOUR));

  emu.rt.accounting.startTrace();
  emu.rt.accounting.reset();
  emu.fireCalendarTriggers();
  const acc = emu.rt.accounting;

  const bookings = emu.spreadsheet.records('Réservations').slice(2 * clients);
  const statuses = bookings.reduce<Record<string, number>>((m, r) => ({ ...m, [String(r['Statut'])]: (m[String(r['Statut'])] ?? 0) + 1 }), {});
  const failures = emu.triggerFailures.length;
  return {
    calls: acc.trace ?? [],
    cellsRead: acc.cellsRead,
    cellsWritten: acc.cellsWritten,
    checks: `${JSON.stringify(statuses)}${failures ? `, ${failures} trigger failure(s)` : ''}`,
  };
}
