// The shop and the console's JSON over real HTTP: a purchase made in the shop goes through the fake
// Stripe and the webhook to an invoice in the outbox; bookings, refunds, disputes, the clock; bad input.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type LocalServer } from '../../local/server';

let server: LocalServer;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'carnet-shop-'));
  server = await startServer({ port: 0, stateDir, quiet: true, tickMs: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(stateDir, { recursive: true, force: true });
});

interface Answer {
  ok: boolean;
  error?: string;
  deliveries?: Array<{ type: string; status: number }>;
  paymentIntent?: string;
  eventId?: string;
  now?: number;
}

async function post(path: string, body: unknown): Promise<{ status: number; answer: Answer }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, answer: (await res.json()) as Answer };
}

async function get<T>(path: string): Promise<T> {
  return (await (await fetch(`${server.url}${path}`)).json()) as T;
}

interface State {
  now: number;
  tabs: Array<{ name: string; rows: string[][] }>;
  outbox: Array<{ to: string[]; subject: string; attachments: Array<{ name: string; url: string; contentType: string }> }>;
  drive: Array<{ path: string; url: string; folder: boolean }>;
  calendar: { events: Array<{ id: string; status: string; attendees: Array<{ email: string }> }> };
  triggers: { installed: Array<{ handler: string; nextRun: number | null }> };
}

function records(state: State, name: string): Array<Record<string, string>> {
  const rows = state.tabs.find((t) => t.name === name)?.rows ?? [];
  return rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i]])));
}

let paymentIntent = '';

test('a purchase in the shop: the checkout.session.completed event reaches /exec, and the console shows the payment, the invoice and its PDF', async () => {
  const { status, answer } = await post('/api/shop/pay', { code: 'PACK10', email: 'alice@example.com', name: 'Alice Dupont' });
  expect(status).toBe(200);
  expect(answer.deliveries).toEqual([{ event: expect.stringMatching(/^evt_/), type: 'checkout.session.completed', status: 200 }]);
  paymentIntent = String(answer.paymentIntent);
  // The invoice and its e-mail come from the documents run, a minute later on the console's clock.
  expect((await post('/api/clock', { ms: 60 * 1000 })).status).toBe(200);
  const state = await get<State>('/api/state');
  expect(records(state, 'Paiements')).toEqual([
    expect.objectContaining({ 'E-mail': 'alice@example.com', Statut: 'payé', Facture: expect.stringMatching(/^F-\d{4}-0001$/) }),
  ]);
  expect(records(state, 'Clients')).toEqual([expect.objectContaining({ 'E-mail': 'alice@example.com', Solde: '10' })]);
  const invoiceMail = state.outbox.find((m) => m.to.includes('alice@example.com') && m.attachments.length);
  expect(invoiceMail?.attachments[0]).toEqual(
    expect.objectContaining({ contentType: 'application/pdf', name: expect.stringMatching(/^Facture F-\d{4}-0001/) }),
  );
  const pdf = await fetch(`${server.url}${invoiceMail?.attachments[0].url}`);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  expect(pdf.headers.get('content-disposition')).toMatch(/^inline;/);
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
  const inDrive = state.drive.find((f) => /\/Carnet\/Factures\/\d{4}\/Facture F-/.test(f.path));
  expect(inDrive).toBeDefined();
  expect((await fetch(`${server.url}${inDrive?.url}`)).headers.get('content-type')).toBe('application/pdf');
});

test('a booking made as the client uses a credit; cancelling it more than 24 h ahead gives it back', async () => {
  const start = new Date(server.emulator.rt.clock.now() + 3 * 24 * 3600 * 1000).toISOString();
  const booked = await post('/api/shop/book', { email: 'alice@example.com', name: 'Alice Dupont', start });
  expect(booked.status).toBe(200);
  let state = await get<State>('/api/state');
  expect(records(state, 'Réservations')).toEqual([expect.objectContaining({ 'E-mail': 'alice@example.com', Statut: 'réservé' })]);
  expect(records(state, 'Clients')[0].Solde).toBe('9');
  expect(state.calendar.events.map((e) => e.id)).toContain(booked.answer.eventId);
  expect((await post('/api/shop/cancel', { eventId: booked.answer.eventId })).status).toBe(200);
  state = await get<State>('/api/state');
  expect(records(state, 'Réservations')[0].Statut).toBe('annulé');
  expect(records(state, 'Clients')[0].Solde).toBe('10');
});

test('a partial refund makes a credit note; a dispute is recorded; both events delivered as Stripe would', async () => {
  const refunded = await post('/api/shop/refund', { paymentIntent, amount: '30' });
  expect(refunded.answer.deliveries?.map((d) => [d.type, d.status])).toEqual([['charge.refunded', 200]]);
  const disputed = await post('/api/shop/dispute', { paymentIntent });
  expect(disputed.answer.deliveries?.map((d) => [d.type, d.status])).toEqual([
    ['charge.dispute.created', 200],
    ['charge.dispute.funds_withdrawn', 200],
  ]);
  const state = await get<State>('/api/state');
  expect(records(state, 'Factures').map((r) => r['Numéro'])).toEqual([expect.stringMatching(/^F-/), expect.stringMatching(/^A-\d{4}-0001$/)]);
  expect(records(state, 'Paiements')[0].Statut).toBe('litige');
  expect(records(state, 'Événements').every((r) => r.Statut === 'traité')).toBe(true);
});

test('bad input: a French message, nothing changes', async () => {
  const before = await get<State>('/api/state');
  const cases: Array<[string, unknown, RegExp]> = [
    ['/api/shop/pay', { code: 'NOPE', email: 'a@b.fr', name: 'A' }, /Produit inconnu : NOPE/],
    ['/api/shop/pay', { code: 'PACK10', email: 'pas-une-adresse', name: 'A' }, /Adresse e-mail invalide/],
    ['/api/shop/pay', { code: 'PACK10', email: 'a@b.fr', name: 'A', quantity: 0 }, /quantité doit être un nombre entier/],
    ['/api/shop/refund', { paymentIntent, amount: '1000' }, /pas rembourser plus que le reste du paiement \(270\.00 €\)/],
    ['/api/shop/refund', { paymentIntent: 'pi_inconnu' }, /Paiement inconnu/],
    ['/api/shop/dispute', { paymentIntent }, /déjà l’objet d’un litige/],
    ['/api/shop/book', { email: 'alice@example.com', start: '2001-01-01T10:00:00Z' }, /doit être dans le futur/],
    ['/api/shop/book', { email: 'alice@example.com', start: 'demain' }, /Date de cours illisible/],
    ['/api/shop/cancel', { eventId: 'inconnu' }, /Réservation inconnue/],
    ['/api/clock', { ms: -5 }, /Durée invalide/],
  ];
  for (const [path, body, message] of cases) {
    const { status, answer } = await post(path, body);
    expect([path, status, answer.ok]).toEqual([path, 400, false]);
    expect(answer.error).toMatch(message);
  }
  const bodyless = await fetch(`${server.url}/api/shop/pay`, { method: 'POST', body: '{pas du json' });
  expect(bodyless.status).toBe(400);
  const after = await get<State>('/api/state');
  expect(after.tabs).toEqual(before.tabs);
  expect(after.outbox).toHaveLength(before.outbox.length);
});

test('the clock control moves the virtual time and fires the time-driven triggers that fall due', async () => {
  const before = await get<State>('/api/state');
  const ran: string[] = [];
  server.emulator.rt.on('executionStarted', (e) => ran.push((e as { functionName: string }).functionName));
  const { answer } = await post('/api/clock', { step: '1h' });
  expect(answer.now).toBeGreaterThanOrEqual(before.now + 3600 * 1000);
  // The backstop runs every 10 minutes: six times in an hour.
  expect(ran.filter((f) => f === 'carnetBackstop').length).toBeGreaterThanOrEqual(6);
  const after = await get<State>('/api/state');
  expect(after.now).toBeGreaterThanOrEqual(answer.now as number);
});

test('a payment whose webhook Stripe did not send: the event, POSTed by hand to /exec (as with curl), gives the invoice', async () => {
  const invoicesBefore = (await get<State>('/api/state')).tabs.find((t) => t.name === 'Factures')?.rows.length ?? 0;
  const res = await fetch(`${server.url}/api/shop/pay`, {
    method: 'POST',
    body: JSON.stringify({ code: 'HARMO', email: 'bruno@example.com', name: 'Bruno Petit', deliver: false }),
  });
  const answer = (await res.json()) as Answer & { event: { id: string; type: string } };
  expect(answer.deliveries).toEqual([]);
  expect(answer.event.type).toBe('checkout.session.completed');
  expect((await get<Array<{ id: string }>>('/api/stripe/events'))[0].id).toBe(answer.event.id);
  expect(records(await get<State>('/api/state'), 'Paiements').some((r) => r['E-mail'] === 'bruno@example.com')).toBe(false);
  const token = server.emulator.properties.scriptStore().get('WEBHOOK_TOKEN');
  const delivered = await fetch(`${server.url}/exec?token=${token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(answer.event),
  });
  expect(delivered.status).toBe(200);
  const state = await get<State>('/api/state');
  expect(records(state, 'Paiements').find((r) => r['E-mail'] === 'bruno@example.com')?.Statut).toBe('payé');
  expect(state.tabs.find((t) => t.name === 'Factures')?.rows.length).toBe(invoicesBefore + 1);
});
