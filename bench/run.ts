// npm run bench: what one event costs (service calls, cells moved, CPU time) with 1,000 and 10,000
// rows of history, on the emulator. Cost must not grow with the history.
import { Emulator } from '../emulator/src';
import { install, addLessonPack, aMinuteLater } from '../test/bundle/harness';
import { seed } from './seed';

function history(emu: Emulator, n: number): void {
  const day = new Date(Date.UTC(2026, 0, 1, 12));
  const pad = (i: number) => String(i).padStart(4, '0');
  const upTo = (count: number, row: (i: number) => Record<string, unknown>) => Array.from({ length: count }, (_, i) => row(i + 1));
  seed(
    emu,
    'Clients',
    upTo(n, (i) => ({
      'E-mail': `client${i}@example.com`,
      Nom: `Client ${i}`,
      Solde: 5,
      Lots: JSON.stringify([{ ref: `cs_old${i}`, remaining: 5, expires: null }]),
    })),
  );
  seed(
    emu,
    'Crédits',
    upTo(n, (i) => ({
      Date: day,
      'E-mail': `client${i}@example.com`,
      Variation: 5,
      Solde: 5,
      Motif: 'Achat',
      Référence: `cs_old${i}`,
      Opération: `cs_old${i}:0`,
    })),
  );
  seed(
    emu,
    'Paiements',
    upTo(n, (i) => ({
      Date: day,
      'E-mail': `client${i}@example.com`,
      Montant: 150,
      Statut: 'payé',
      'Session Stripe': `cs_old${i}`,
      'Paiement Stripe': `pi_old${i}`,
      Facture: `F-2026-${pad(i)}`,
    })),
  );
  seed(
    emu,
    'Factures',
    upTo(n, (i) => ({ Numéro: `F-2026-${pad(i)}`, Date: day, Type: 'Facture', 'E-mail': `client${i}@example.com`, 'Montant TTC': 150, Statut: 'envoyée' })),
  );
  seed(
    emu,
    'Recettes',
    upTo(n, (i) => ({
      Date: day,
      Référence: `F-2026-${pad(i)}`,
      Client: `Client ${i}`,
      Nature: 'Pack',
      Montant: 150,
      'Mode de règlement': 'Carte bancaire (Stripe)',
      Pièce: `pi_old${i}`,
    })),
  );
  seed(
    emu,
    'Événements',
    upTo(n, (i) => ({ ID: `evt_old${i}`, Type: 'checkout.session.completed', Statut: 'traité', Tentatives: 0 })),
  );
  emu.properties.scriptStore().set('CARNET_COUNTER_F', JSON.stringify({ year: 2026, seq: n }));
}

interface Measure {
  spreadsheetCalls: number;
  recordsCalls: number;
  cellsRead: number;
  cellsWritten: number;
  otherCalls: string;
  cpuMs: number;
}

/** Measures one execution; `recordsCalls` = Spreadsheet calls before the first Drive/Docs call (records, invoice number, register). */
function measure(emu: Emulator, execution: () => void): Measure {
  emu.rt.accounting.reset();
  const logStart = emu.rt.faults.log.length;
  const cpu = process.cpuUsage();
  execution();
  const used = process.cpuUsage(cpu);
  const log = emu.rt.faults.log.slice(logStart);
  const firstDoc = log.findIndex((k) => k.startsWith('DriveApp') || k.startsWith('DocumentApp') || k.startsWith('Docs'));
  const snap = emu.rt.accounting.snapshot();
  const byService = new Map<string, number>();
  for (const [key, n] of Object.entries(snap.calls)) byService.set(key.split('.')[0], (byService.get(key.split('.')[0]) ?? 0) + n);
  return {
    spreadsheetCalls: byService.get('SpreadsheetApp') ?? 0,
    recordsCalls: log.slice(0, firstDoc < 0 ? log.length : firstDoc).filter((k) => k.startsWith('SpreadsheetApp')).length,
    cellsRead: snap.cellsRead,
    cellsWritten: snap.cellsWritten,
    otherCalls: [...byService]
      .filter(([s]) => s !== 'SpreadsheetApp')
      .map(([s, n]) => `${s} ${n}`)
      .join(', '),
    cpuMs: Math.round((used.user + used.system) / 1000),
  };
}

/** One paid checkout: its doPost, then its documents run a minute later (the one-off carnetDocuments trigger). */
function payment(emu: Emulator, price: string, email: string): { webhook: Measure; documents: Measure } {
  const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email, name: 'Nouvelle Cliente' });
  const webhook = measure(emu, () => emu.deliverWebhook(String(event.id)));
  const documents = measure(emu, () => aMinuteLater(emu));
  return { webhook, documents };
}

function run(): void {
  const webhooks: Array<Record<string, unknown>> = [];
  const documents: Array<Record<string, unknown>> = [];
  for (const n of [1000, 10000]) {
    const emu = install();
    const { price } = addLessonPack(emu);
    history(emu, n);
    // The first event reads the settings and the catalogue; the next ones find them in the script cache.
    const cases = [
      ['new client, cold cache', payment(emu, price, 'premiere@example.com')],
      ['new client', payment(emu, price, 'nouvelle@example.com')],
      ['existing client', payment(emu, price, `client${Math.floor(n / 2)}@example.com`)],
    ] as const;
    for (const [name, measured] of cases) {
      webhooks.push({ history: n, case: name, ...measured.webhook });
      documents.push({ history: n, case: name, ...measured.documents });
    }
  }
  console.log('\nOne paid checkout, doPost (verify → records → invoice number), per size of history:\n');
  console.table(webhooks);
  console.log('\nIts documents run a minute later (carnetDocuments: invoice PDF → e-mail):\n');
  console.table(documents);
}

run();
