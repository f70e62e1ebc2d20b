// The local server over real HTTP on a free port, with the built bundle (dist/) and a temporary
// state folder: first start, /exec as Stripe calls it, persistence, and the bad starts.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type LocalServer } from '../../local/server';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-local-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function start(stateDir: string, extra: Parameters<typeof startServer>[0] = {}): Promise<LocalServer> {
  return startServer({ port: 0, stateDir, quiet: true, tickMs: 0, ...extra });
}

interface ConsoleState {
  webAppUrl: string;
  tabs: Array<{ name: string; rows: string[][] }>;
}

async function json(url: string, init?: RequestInit): Promise<ConsoleState> {
  const res = await fetch(url, init);
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as ConsoleState;
}

function tab(state: ConsoleState, name: string): string[][] {
  const found = state.tabs.find((t) => t.name === name);
  if (!found) throw new Error(`no tab ${name}`);
  return found.rows;
}

describe('a first start', () => {
  let server: LocalServer;
  let stateDir: string;
  beforeAll(async () => {
    stateDir = tempDir();
    server = await start(stateDir);
  });
  afterAll(() => server.close());

  test('runs setup: every tab exists, the example products are there, the web app URL carries the token', async () => {
    const state = await json(`${server.url}/api/state`);
    expect(state.tabs.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['Paramètres', 'Produits', 'Clients', 'Crédits', 'Paiements', 'Factures', 'Journal']));
    expect(tab(state, 'Produits').slice(1).map((r) => r[0])).toEqual(['PACK10', 'HARMO', 'GUIDE']);
    const token = server.emulator.properties.scriptStore().get('WEBHOOK_TOKEN');
    expect(token).toMatch(/^[0-9a-f]{32,}$/);
    expect(state.webAppUrl).toBe(`${server.url}/exec?token=${token}`);
    expect(server.emulator.script.triggers().map((t) => t.handler)).toEqual(expect.arrayContaining(['carnetBackstop']));
  });

  test('a Stripe event POSTed to /exec (body = the event, token in the URL) becomes a client, credits, an invoice and its e-mail', async () => {
    const emu = server.emulator;
    const price = String(emu.spreadsheet.records('Produits').find((r) => r.Code === 'PACK10')?.Stripe);
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice Dupont' });
    const token = emu.properties.scriptStore().get('WEBHOOK_TOKEN');
    const res = await fetch(`${server.url}/exec?token=${token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event), redirect: 'manual' });
    // HtmlService answer: 200, as Apps Script gives it (ContentService would be a 302).
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const state = await json(`${server.url}/api/state`);
    expect(tab(state, 'Clients').slice(1).map((r) => r[tab(state, 'Clients')[0].indexOf('E-mail')])).toEqual(['alice@example.com']);
    const invoices = tab(state, 'Factures');
    expect(invoices.slice(1).map((r) => r[0])).toEqual([expect.stringMatching(/^F-\d{4}-0001$/)]);
    const mail = emu.mail.sentTo('alice@example.com');
    expect(mail).toHaveLength(1);
    expect(mail[0].attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
  });

  test('a POST with a wrong token changes nothing but a Journal line', async () => {
    const emu = server.emulator;
    const before = emu.spreadsheet.records('Paiements').length;
    const journal = emu.spreadsheet.records('Journal').length;
    const { event } = emu.stripe.pay({ lineItems: [{ unitAmount: 1000, name: 'X', quantity: 1 }], email: 'bob@example.com' });
    const res = await fetch(`${server.url}/exec?token=nope`, { method: 'POST', body: JSON.stringify(event) });
    expect(res.status).toBe(200);
    expect(emu.spreadsheet.records('Paiements')).toHaveLength(before);
    expect(emu.spreadsheet.records('Journal').length).toBe(journal + 1);
  });

  test('GET /exec runs doGet with the query string as e.parameter', async () => {
    const res = await fetch(`${server.url}/exec?download=unknown-token`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).not.toBe('');
  });

  test('a restart on the same folder keeps everything (state saved after every execution)', async () => {
    const again = await start(tempDirCopy(stateDir));
    try {
      expect(again.emulator.spreadsheet.records('Factures')).toHaveLength(1);
      expect(again.emulator.mail.outbox().length).toBe(server.emulator.mail.outbox().length);
      expect(again.emulator.properties.scriptStore().get('WEBHOOK_TOKEN')).toBe(server.emulator.properties.scriptStore().get('WEBHOOK_TOKEN'));
    } finally {
      await again.close();
    }
  });
});

/** A copy of a state folder (two servers must not write the same one). */
function tempDirCopy(from: string): string {
  const to = tempDir();
  mkdirSync(join(to, 'state'), { recursive: true });
  for (const file of readdirSync(join(from, 'state')) as string[]) writeFileSync(join(to, 'state', file), readFileSync(join(from, 'state', file)));
  return to;
}

describe('bad starts get a clear French answer and change nothing', () => {
  test('a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(start(tempDir(), { port })).rejects.toThrow(`Le port ${port} est déjà utilisé`);
    } finally {
      blocker.close();
    }
  });

  test('a corrupt state: refused, the file left as it was, --reset offered; --reset moves it aside and starts fresh', async () => {
    const stateDir = tempDir();
    const first = await start(stateDir);
    await first.close();
    const file = join(stateDir, 'state', 'spreadsheet.json');
    writeFileSync(file, '{"books": [tronqué');
    await expect(start(stateDir)).rejects.toThrow(/état local enregistré est illisible[\s\S]*spreadsheet\.json[\s\S]*npm start -- --reset/);
    expect(readFileSync(file, 'utf8')).toBe('{"books": [tronqué');
    const fresh = await start(stateDir, { reset: true });
    try {
      expect(fresh.emulator.spreadsheet.sheetNames()).toContain('Factures');
      const aside = readdirSync(stateDir).filter((n: string) => n.startsWith('state-before-reset-'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(stateDir, aside[0], 'spreadsheet.json'), 'utf8')).toBe('{"books": [tronqué');
    } finally {
      await fresh.close();
    }
  });

  test('a missing build', async () => {
    await expect(start(tempDir(), { bundleDir: tempDir() })).rejects.toThrow(/Pas de build : .*Code\.js est introuvable\. Lancez npm run build/);
  });

  test('a live Stripe key is refused before anything starts', async () => {
    const stateDir = tempDir();
    await expect(start(stateDir, { stripeKey: 'sk_live_abc' })).rejects.toThrow('Clé Stripe de production refusée');
    await expect(start(stateDir, { stripeKey: 'rk_live_abc' })).rejects.toThrow('Clé Stripe de production refusée');
    expect(readdirSync(stateDir)).toEqual([]);
  });
});
