// What one sync of 100 calendar changes costs, with 1,000 and with 10,000 clients (and their history):
// Spreadsheet calls and cells moved must stay flat, since every row is found with a text finder.
// Run after a build:  TZ=Europe/Paris node --require ./scripts/ts-register.cjs bench/bookings.ts
import { Emulator } from '../emulator/src';
import { seed } from './seed';

const START = Date.UTC(2026, 10, 21, 9, 0, 0);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const SIZES = [1000, 10000];

interface Row {
  clients: number;
  history: number;
  spreadsheetCalls: number;
  cellsRead: number;
  cellsWritten: number;
  calendarCalls: number;
  mails: number;
  propertiesCalls: number;
  seconds: number;
  checks: string;
}

function measure(clients: number): Row {
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

  emu.rt.accounting.reset();
  const before = emu.rt.clock.now();
  emu.fireCalendarTriggers();
  const seconds = (emu.rt.clock.now() - before) / 1000;
  const acc = emu.rt.accounting;

  const bookings = emu.spreadsheet.records('Réservations').slice(2 * clients);
  const statuses = bookings.reduce<Record<string, number>>((m, r) => ({ ...m, [String(r['Statut'])]: (m[String(r['Statut'])] ?? 0) + 1 }), {});
  const failures = emu.triggerFailures.length;
  return {
    clients,
    history: 3 * clients,
    spreadsheetCalls: acc.total('SpreadsheetApp'),
    cellsRead: acc.cellsRead,
    cellsWritten: acc.cellsWritten,
    calendarCalls: acc.total('Calendar'),
    mails: acc.total('MailApp'),
    propertiesCalls: acc.total('PropertiesService'),
    seconds,
    checks: `${JSON.stringify(statuses)}${failures ? `, ${failures} trigger failure(s)` : ''}`,
  };
}

const rows = SIZES.map(measure);
const table: Array<[string, (r: Row) => string]> = [
  ['clients', (r) => r.clients.toLocaleString('en-US')],
  ['history rows', (r) => r.history.toLocaleString('en-US')],
  ['Spreadsheet calls', (r) => String(r.spreadsheetCalls)],
  ['  per change', (r) => (r.spreadsheetCalls / 100).toFixed(1)],
  ['cells read', (r) => String(r.cellsRead)],
  ['cells written', (r) => String(r.cellsWritten)],
  ['Calendar calls', (r) => String(r.calendarCalls)],
  ['MailApp calls', (r) => String(r.mails)],
  ['Properties calls', (r) => String(r.propertiesCalls)],
  ['virtual time (s)', (r) => r.seconds.toFixed(1)],
];
console.log('One sync of 100 calendar changes (50 new bookings, 30 cancellations, 20 moves)\n');
const width = Math.max(...table.map(([label]) => label.length));
for (const [label, cell] of table) console.log(`${label.padEnd(width)}  ${rows.map((r) => cell(r).padStart(10)).join('  ')}`);
console.log(`\nbookings after the sync: ${rows.map((r) => r.checks).join(' | ')}`);
const [small, large] = rows;
const flat = small.spreadsheetCalls === large.spreadsheetCalls && small.cellsRead === large.cellsRead && small.cellsWritten === large.cellsWritten;
console.log(flat ? 'Flat: the same cost with 10× the clients.' : 'NOT FLAT: the cost grows with the number of clients.');
if (!flat) process.exitCode = 1;
