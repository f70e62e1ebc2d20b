// `npm run demo`: a business week replayed on a fresh state, through the local server's own HTTP
// endpoints (the shop, the clock, /run, /exec), then printed: every tab as a table, the e-mails, the
// PDFs written under .local/demo/pdf/, and a one-screen summary.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, type LocalServer } from './server';

/** Monday 23 November 2026, 09:00 in Paris. */
export const DEMO_START = Date.UTC(2026, 10, 23, 8, 0, 0);
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export interface DemoSummary {
  payments: number;
  paidTotal: number;
  invoices: string[];
  creditNotes: string[];
  creditsOutstanding: number;
  emails: number;
  bookings: Record<string, number>;
  downloads: number;
  paymentRequest: string;
  failedEvents: string[];
  pdfs: string[];
  serviceCalls: number;
  perEvent: { count: number; meanCalls: number; maxCalls: number; meanModeledMs: number; maxModeledMs: number };
}

interface Answer {
  ok: boolean;
  error?: string;
  paymentIntent?: string;
  eventId?: string;
  value?: unknown;
}

export async function runDemo(options: { dir?: string; print?: (line: string) => void } = {}): Promise<DemoSummary> {
  const dir = resolve(options.dir ?? join('.local', 'demo'));
  const print = options.print ?? ((line: string) => console.log(line));
  rmSync(dir, { recursive: true, force: true });
  const server = await startServer({ port: 0, stateDir: dir, quiet: true, tickMs: 0, start: DEMO_START, realClock: false, stripeKey: '' });
  try {
    return await week(server, dir, print);
  } finally {
    await server.close();
  }
}

async function week(server: LocalServer, dir: string, print: (line: string) => void): Promise<DemoSummary> {
  const emu = server.emulator;
  const perEvent: Array<{ calls: number; ms: number }> = [];
  let started: { calls: number; at: number } | null = null;
  emu.rt.on('executionStarted', (e) => {
    if ((e as { functionName: string }).functionName === 'doPost') started = { calls: emu.rt.accounting.total(), at: emu.rt.clock.now() };
  });
  emu.rt.on('executionEnded', (e) => {
    if ((e as { functionName: string }).functionName === 'doPost' && started)
      perEvent.push({ calls: emu.rt.accounting.total() - started.calls, ms: emu.rt.clock.now() - started.at });
    started = null;
  });

  const post = async (path: string, body: unknown): Promise<Answer> => {
    const answer = (await (
      await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    ).json()) as Answer;
    if (!answer.ok) throw new Error(`${path} : ${answer.error ?? JSON.stringify(answer)}`);
    return answer;
  };
  const at = (day: number, hour: number, minute = 0) => DEMO_START + day * DAY + (hour - 9) * HOUR + minute * 60 * 1000;
  const until = async (target: number, what: string) => {
    const ms = target - emu.rt.clock.now();
    if (ms > 0) await post('/api/clock', { ms });
    print(
      `— ${new Date(emu.rt.clock.now()).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })} : ${what}`,
    );
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  print('Carnet — une semaine d’activité rejouée sur l’émulateur');
  await until(at(0, 9), 'Alice achète un pack de 10 cours, Bruno une formation, Chloé un ebook');
  await post('/api/shop/pay', { code: 'PACK10', email: 'alice@example.com', name: 'Alice Dupont' });
  const bruno = await post('/api/shop/pay', { code: 'HARMO', email: 'bruno@example.com', name: 'Bruno Petit' });
  const chloe = await post('/api/shop/pay', { code: 'GUIDE', email: 'chloe@example.com', name: 'Chloé Bernard' });

  await until(at(0, 9, 30), 'Chloé télécharge son ebook deux fois (lien personnel de son e-mail)');
  const link = /https?:\/\/\S+\?d=[\w-]+/.exec(
    emu.mail
      .sentTo('chloe@example.com')
      .map((m) => m.body)
      .join('\n'),
  )?.[0];
  if (!link) throw new Error('Pas de lien de téléchargement dans l’e-mail de Chloé');
  for (let i = 0; i < 2; i++) {
    const res = await fetch(link);
    if (res.status !== 200) throw new Error(`Téléchargement refusé (${res.status})`);
    await res.arrayBuffer();
  }

  await until(at(0, 10), 'demande de paiement envoyée à Emma (pack de 10 cours)');
  // As the sidebar will: google.script.run.carnetCreatePaymentRequest(...) → POST /run/<name>.
  await post('/run/carnetCreatePaymentRequest', { args: [{ email: 'emma@example.com', name: 'Emma Leroy', items: [{ code: 'PACK10', quantity: 1 }] }] });

  await until(at(0, 10, 5), 'Alice réserve trois cours (mardi, mercredi, jeudi 10 h) ; David, sans crédit, réserve mercredi 14 h');
  await post('/api/shop/book', { email: 'alice@example.com', name: 'Alice Dupont', start: iso(at(1, 10)) });
  await post('/api/shop/book', { email: 'alice@example.com', name: 'Alice Dupont', start: iso(at(2, 10)) });
  const thursday = await post('/api/shop/book', { email: 'alice@example.com', name: 'Alice Dupont', start: iso(at(3, 10)) });
  await post('/api/shop/book', { email: 'david@example.com', name: 'David Moreau', start: iso(at(2, 14)) });

  await until(at(0, 11, 15), 'une heure sans paiement : Emma est relancée');
  await until(at(1, 10, 30), '24 heures sans paiement : la demande d’Emma expire');

  await until(at(1, 15), 'Bruno est remboursé de sa formation (avoir)');
  await post('/api/shop/refund', { paymentIntent: bruno.paymentIntent });

  await until(at(3, 8), 'Alice annule le cours de jeudi 10 h, deux heures avant (annulation tardive)');
  await post('/api/shop/cancel', { eventId: thursday.eventId });

  await until(at(4, 12), 'la banque de Chloé ouvre un litige');
  await post('/api/shop/dispute', { paymentIntent: chloe.paymentIntent });

  await until(at(6, 20), 'fin de la semaine');

  // ---- what the week left -------------------------------------------------------------------
  print('');
  for (const name of emu.spreadsheet.sheetNames()) {
    const rows = emu.spreadsheet.displayValues(name);
    if (!rows.length || (rows.length === 1 && rows[0].every((c) => c === ''))) continue;
    print(`## ${name} (${rows.length - 1} ligne${rows.length - 1 > 1 ? 's' : ''})`);
    for (const line of textTable(rows)) print(line);
    print('');
  }

  const mail = emu.mail.outbox();
  print(`## E-mails envoyés (${mail.length})`);
  for (const m of mail) {
    const when = new Date(m.sentAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
    print(
      `${when}  → ${[...m.to, ...m.cc, ...m.bcc].join(', ')}  « ${m.subject} »${m.attachments.length ? `  [${m.attachments.map((a) => a.name).join(', ')}]` : ''}`,
    );
  }

  const pdfDir = join(dir, 'pdf');
  mkdirSync(pdfDir, { recursive: true });
  const pdfs = new Set<string>();
  for (const f of emu.drive.files()) {
    if (f.trashed || f.mimeType !== 'application/pdf') continue;
    const name = f.name.replace(/[/\\]/g, '_');
    writeFileSync(join(pdfDir, name), emu.drive.bytes(f.id));
    pdfs.add(name);
  }
  for (const m of mail) {
    for (const a of m.attachments) {
      if (a.contentType !== 'application/pdf' || !a.name || pdfs.has(a.name)) continue;
      writeFileSync(join(pdfDir, a.name), a.bytes);
      pdfs.add(a.name);
    }
  }
  print('');
  print(`## PDF écrits dans ${pdfDir}`);
  for (const name of [...pdfs].sort()) print(`  ${name}`);

  const records = (tab: string) => emu.spreadsheet.records(tab);
  const paid = records('Paiements').filter((r) => r['Paiement Stripe']);
  const invoices = records('Factures').map((r) => String(r['Numéro']));
  const statuses: Record<string, number> = {};
  for (const r of records('Réservations')) statuses[String(r.Statut)] = (statuses[String(r.Statut)] ?? 0) + 1;
  const requestRow = records('Paiements').find((r) => r['E-mail'] === 'emma@example.com');
  const calls = perEvent.map((e) => e.calls);
  const times = perEvent.map((e) => e.ms);
  const summary: DemoSummary = {
    payments: paid.length,
    paidTotal: paid.reduce((sum, r) => sum + Number(r.Montant), 0),
    invoices: invoices.filter((n) => !n.startsWith('A-')),
    creditNotes: invoices.filter((n) => n.startsWith('A-')),
    creditsOutstanding: records('Clients').reduce((sum, r) => sum + Number(r.Solde || 0), 0),
    emails: mail.length,
    bookings: statuses,
    downloads: records('Téléchargements').reduce((sum, r) => sum + Number(r['Téléchargements'] || 0), 0),
    paymentRequest: `${String(requestRow?.Statut ?? 'absente')}${requestRow?.Relances ? `, ${String(requestRow.Relances)} relance(s)` : ''}`,
    failedEvents: records('Événements')
      .filter((r) => r.Statut !== 'traité')
      .map((r) => `${String(r.ID)} ${String(r.Type)} : ${String(r.Statut)} ${String(r.Erreur)}`),
    pdfs: [...pdfs].sort(),
    serviceCalls: emu.rt.accounting.total(),
    perEvent: {
      count: perEvent.length,
      meanCalls: Math.round(mean(calls)),
      maxCalls: Math.max(0, ...calls),
      meanModeledMs: Math.round(mean(times)),
      maxModeledMs: Math.max(0, ...times),
    },
  };

  print('');
  print('══ Résumé de la semaine ══════════════════════════════════════════════');
  print(`Paiements             ${summary.payments} (${summary.paidTotal.toFixed(2).replace('.', ',')} € encaissés)`);
  print(`Factures              ${summary.invoices.join(', ')}`);
  print(`Avoirs                ${summary.creditNotes.join(', ') || 'aucun'}`);
  print(`Crédits restants      ${summary.creditsOutstanding}`);
  print(
    `Réservations          ${Object.entries(summary.bookings)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  print(`Téléchargements       ${summary.downloads}`);
  print(`Demande de paiement   ${summary.paymentRequest}`);
  print(`E-mails envoyés       ${summary.emails}`);
  print(`PDF                   ${summary.pdfs.length} (dans ${pdfDir})`);
  print(`Événements en échec   ${summary.failedEvents.length ? summary.failedEvents.join(' ; ') : 'aucun'}`);
  print(`Appels de services    ${summary.serviceCalls} au total`);
  print(
    `Par événement Stripe  ${summary.perEvent.count} reçus : ${summary.perEvent.meanCalls} appels en moyenne (max ${summary.perEvent.maxCalls}), ${(summary.perEvent.meanModeledMs / 1000).toFixed(1)} s modélisées (max ${(summary.perEvent.maxModeledMs / 1000).toFixed(1)} s)`,
  );
  print('════════════════════════════════════════════════════════════════════');
  return summary;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Rows as a fixed-width text table, each cell cut at 28 characters. */
export function textTable(rows: string[][], width = 28): string[] {
  const cut = (c: string) => {
    const flat = c.replace(/\s+/g, ' ');
    return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
  };
  const cells = rows.map((r) => r.map(cut));
  const columns = Math.max(...cells.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    widths
      .map((w, i) => (r[i] ?? '').padEnd(w))
      .join(' │ ')
      .trimEnd();
  const out = [line(cells[0]), widths.map((w) => '─'.repeat(w)).join('─┼─')];
  for (const r of cells.slice(1)) out.push(line(r));
  return out;
}

if (require.main === module) {
  runDemo().then(
    (summary) => process.exit(summary.failedEvents.length ? 1 : 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
