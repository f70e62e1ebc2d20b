// The local server over real HTTP on a free port, with the built bundle (dist/) and a temporary
// state folder: first start, /exec as Stripe calls it, persistence, and the bad starts.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type LocalServer } from '../../local/server';
import { execEvent } from '../../local/web';

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
    expect(state.tabs.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['Paramètres', 'Produits', 'Clients', 'Crédits', 'Paiements', 'Factures', 'Journal']),
    );
    expect(
      tab(state, 'Produits')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['PACK10', 'HARMO', 'GUIDE']);
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
    const res = await fetch(`${server.url}/exec?token=${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
      redirect: 'manual',
    });
    // HtmlService answer: 200, as Apps Script gives it (ContentService would be a 302).
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    // The invoice and its e-mail come from the documents run, a minute later on the console's clock.
    await fetch(`${server.url}/api/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ms: 60 * 1000 }) });
    const state = await json(`${server.url}/api/state`);
    expect(
      tab(state, 'Clients')
        .slice(1)
        .map((r) => r[tab(state, 'Clients')[0].indexOf('E-mail')]),
    ).toEqual(['alice@example.com']);
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

/** One raw HTTP request (fetch would not let a test set Host). */
function raw(server: LocalServer, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('only the local pages may drive the server (another site, DNS rebinding)', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await start(tempDir());
  });
  afterAll(() => server.close());
  const own = () => ({ Host: `localhost:${server.port}` });
  const saveKey = JSON.stringify({ args: ['sk_test_stolen'] });

  test('a foreign page POSTing text/plain to /run (no preflight) is refused and the key is not saved', async () => {
    const before = server.emulator.properties.scriptStore().get('STRIPE_SECRET_KEY');
    const res = await raw(server, '/run/carnetUiSaveStripeKey', { ...own(), Origin: 'https://evil.example', 'Content-Type': 'text/plain' }, saveKey);
    expect(res.status).toBe(403);
    expect(res.text).toContain("elle vient d'une autre page (https://evil.example)");
    expect(server.emulator.properties.scriptStore().get('STRIPE_SECRET_KEY')).toBe(before);
  });

  test('a cross-site navigation to /ui/<fn> (no Origin on a GET) runs nothing', async () => {
    const res = await raw(server, '/ui/carnetMenuSetup', { ...own(), 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(res.text).toContain("vient d'un autre site");
  });

  test('a page of another local port (same-site) cannot pay in the shop', async () => {
    const payments = server.emulator.spreadsheet.records('Paiements').length;
    const events = server.emulator.stripe.events().length;
    const res = await raw(
      server,
      '/api/shop/pay',
      { ...own(), Origin: 'http://localhost:3000', 'Sec-Fetch-Site': 'same-site' },
      JSON.stringify({ code: 'PACK10', email: 'a@b.fr', name: 'A' }),
    );
    expect(res.status).toBe(403);
    expect(server.emulator.spreadsheet.records('Paiements')).toHaveLength(payments);
    expect(server.emulator.stripe.events()).toHaveLength(events);
  });

  test('DNS rebinding: a foreign Host is refused on every route, /exec included', async () => {
    for (const path of ['/api/state', '/', '/exec?download=x']) {
      const res = await raw(server, path, { Host: `evil.example:${server.port}` });
      expect(res.status).toBe(403);
      expect(res.text).toContain(`ne répond qu'à http://localhost:${server.port}`);
    }
    expect((await raw(server, '/api/state', { Host: `localhost:${server.port + 1}` })).status).toBe(403);
  });

  test('its own pages still work: same Origin on localhost or 127.0.0.1, and /exec from anywhere (Stripe, a client)', async () => {
    const run = await raw(
      server,
      '/run/carnetUiSaveStripeKey',
      { Host: `127.0.0.1:${server.port}`, Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
      JSON.stringify({ args: ['nonsense'] }),
    );
    expect(run.status).toBe(200);
    expect(JSON.parse(run.text)).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
    expect((await raw(server, '/api/state', { ...own(), 'Sec-Fetch-Site': 'none' })).status).toBe(200);
    const exec = await raw(server, '/exec?download=unknown', { ...own(), Origin: 'https://checkout.stripe.com', 'Sec-Fetch-Site': 'cross-site' });
    expect(exec.status).toBe(200);
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

describe('the web app event and the real clock', () => {
  test('/exec builds e as Apps Script does: repeated names, pathInfo, a form body as parameters, postData', () => {
    const e = execEvent(
      new URL('http://localhost/exec/a/b?x=1&x=2&y=%C3%A9'),
      '/a/b',
      Buffer.from('z=3&x=4'),
      'application/x-www-form-urlencoded; charset=UTF-8',
    );
    expect(e).toEqual({
      parameter: { x: '1', y: 'é', z: '3' },
      parameters: { x: ['1', '2', '4'], y: ['é'], z: ['3'] },
      queryString: 'x=1&x=2&y=%C3%A9',
      pathInfo: 'a/b',
      contextPath: '',
      contentLength: 7,
      postData: { contents: 'z=3&x=4', type: 'application/x-www-form-urlencoded', length: 7, name: 'postData' },
    });
    expect(execEvent(new URL('http://localhost/exec'), '', null, undefined)).toEqual({
      parameter: {},
      parameters: {},
      queryString: '',
      pathInfo: undefined,
      contextPath: '',
      contentLength: -1,
    });
  });

  test('a state left two hours ago: at start the virtual clock catches up with the real one and the backstop runs', async () => {
    const stateDir = tempDir();
    const first = await start(stateDir, { start: Date.now() - 2 * 3600 * 1000, realClock: false });
    await first.close();
    const again = await start(stateDir);
    try {
      expect(again.emulator.rt.clock.now()).toBeGreaterThanOrEqual(Date.now() - 1000);
      expect(again.emulator.script.triggers().find((t) => t.handler === 'carnetBackstop')?.nextRun).toBeGreaterThan(Date.now() - 1000);
      // Only the backstop calls Stripe at start (it polls events): onOpen and restoring do not.
      expect(again.emulator.rt.accounting.total('UrlFetchApp')).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
  });
});
