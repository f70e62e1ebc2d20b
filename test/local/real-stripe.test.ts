// The HTTP transport of real Stripe test mode (STRIPE_SECRET_KEY=sk_test_…: the emulator's UrlFetchApp
// makes real, synchronous HTTP(S) requests), checked against a Stripe stand-in, not Stripe: no internet
// here, so STRIPE_API_BASE points the requests at a small echo server in another process (the emulator
// blocks while it waits, as Apps Script does, so the server cannot live in this one). It answers every
// request with an empty list: what is tested is what goes out and what comes back, not Stripe's answers.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../local/server';
import { httpSync } from '../../local/stripe';

// Answers every request with a Stripe-like list and reports what it received on stdout.
const STRIPE_STANDIN = `
const http = require('http');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    process.stdout.write(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization || '', body }) + '\\n');
    if (req.url.startsWith('/v1/teapot')) { res.writeHead(418, { 'Content-Type': 'application/json' }); return res.end('{"error":{"message":"teapot"}}'); }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Request-Id': 'req_local' });
    res.end(JSON.stringify({ object: 'list', data: [], has_more: false, url: req.url.split('?')[0] }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('PORT ' + server.address().port + '\\n'));
`;

let child: ChildProcess;
let base = '';
const received: Array<{ method: string; url: string; auth: string; body: string }> = [];
let onReceived: (() => void) | null = null;
const dirs: string[] = [];

beforeAll(async () => {
  child = spawn(process.execPath, ['-e', STRIPE_STANDIN], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('PORT ')) resolve(`http://127.0.0.1:${line.slice(5)}`);
        else {
          received.push(JSON.parse(line));
          onReceived?.();
        }
      }
    });
  });
});

afterAll(() => {
  child?.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Waits until the stand-in's stdout reports a request that passes `test` (a synchronous request blocks this process, so its line arrives after). */
function receivedWhere(from: number, test: (call: (typeof received)[number]) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!received.slice(from).some(test)) return;
      onReceived = null;
      resolve();
    };
    onReceived = check;
    check();
  });
}

describe('HTTP transport to a Stripe stand-in (an echo server, not Stripe)', () => {
  test('one synchronous exchange: method, path, query, headers and body go out; status and body come back', async () => {
    const before = received.length;
    const answer = httpSync(
      { method: 'POST', url: 'https://api.stripe.com/v1/checkout/sessions?expand[]=x', headers: { Authorization: 'Bearer sk_test_123' }, body: 'mode=payment' },
      base,
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).url).toBe('/v1/checkout/sessions');
    expect(answer.headers['request-id']).toBe('req_local');
    await receivedWhere(before, (c) => c.url.startsWith('/v1/checkout/sessions'));
    expect(received.at(-1)).toEqual({ method: 'POST', url: '/v1/checkout/sessions?expand[]=x', auth: 'Bearer sk_test_123', body: 'mode=payment' });
    expect(httpSync({ method: 'GET', url: 'https://api.stripe.com/v1/teapot', headers: {}, body: '' }, base).status).toBe(418);
    await receivedWhere(before, (c) => c.url === '/v1/teapot');
    expect(received.at(-1)).toEqual(expect.objectContaining({ method: 'GET', url: '/v1/teapot' }));
  });

  test('no server there: the error Apps Script gives for an unreachable address', () => {
    expect(() => httpSync({ method: 'GET', url: 'https://api.stripe.com/v1/events', headers: {}, body: '' }, 'http://127.0.0.1:1')).toThrow(
      'Address unavailable: https://api.stripe.com/v1/events',
    );
  });

  test('npm start with a test key: setup checks the key against the real API (here the stand-in); the shop says to pay on Stripe', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'carnet-real-'));
    dirs.push(stateDir);
    const previous = process.env.STRIPE_API_BASE;
    process.env.STRIPE_API_BASE = base;
    const before = received.length;
    const server = await startServer({ port: 0, stateDir, quiet: true, tickMs: 0, stripeKey: 'sk_test_local' });
    try {
      await receivedWhere(before, (c) => c.url.startsWith('/v1/events'));
      const calls = received.slice(before);
      expect(calls.find((c) => c.url.startsWith('/v1/events'))).toEqual(
        expect.objectContaining({ method: 'GET', url: expect.stringMatching(/^\/v1\/events\?limit=1/), auth: 'Bearer sk_test_local' }),
      );
      expect(server.emulator.properties.scriptStore().get('STRIPE_SECRET_KEY')).toBe('sk_test_local');
      const res = await fetch(`${server.url}/api/shop/pay`, { method: 'POST', body: JSON.stringify({ code: 'PACK10', email: 'a@b.fr', name: 'A' }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/vraie clé Stripe de test.*lien de paiement/);
    } finally {
      await server.close();
      if (previous === undefined) delete process.env.STRIPE_API_BASE;
      else process.env.STRIPE_API_BASE = previous;
    }
  });
});
