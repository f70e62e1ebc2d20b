// Which Stripe the local run talks to. Default: the emulator's fake Stripe. With STRIPE_SECRET_KEY=sk_test_…
// the emulator's UrlFetchApp makes real HTTPS requests to Stripe's test mode, synchronously as Apps
// Script's UrlFetchApp does (a child process does the request; the script waits for it).
// STRIPE_API_BASE overrides https://api.stripe.com (tests point it at a local server).
import { spawnSync } from 'node:child_process';
import type { Emulator } from '../emulator/src';
import type { StripeHttpRequest, StripeHttpResponse } from '../emulator/src/stripe/api';
import { LocalError } from './state';

/** The key the fake Stripe accepts. */
export const FAKE_STRIPE_KEY = 'sk_test_emulator';
/** Apps Script's UrlFetchApp gives up after about 60 s. */
const TIMEOUT_MS = 60_000;

/** 'fake' without a key, 'real' with a test key; a live key or anything else is refused with a clear message. */
export function checkStripeKey(key: string | undefined): 'fake' | 'real' {
  if (!key) return 'fake';
  if (/^(sk|rk)_live_/.test(key)) {
    throw new LocalError(
      'Clé Stripe de production refusée : npm start est fait pour essayer, pas pour encaisser. Utilisez une clé de test (sk_test_… ou rk_test_…), ou retirez STRIPE_SECRET_KEY pour le Stripe simulé.',
    );
  }
  if (/^(sk|rk)_test_/.test(key)) return 'real';
  throw new LocalError('STRIPE_SECRET_KEY ne ressemble pas à une clé Stripe (sk_test_… ou rk_test_… attendu). Retirez-la pour utiliser le Stripe simulé.');
}

export function useRealStripe(emu: Emulator, base = process.env.STRIPE_API_BASE ?? 'https://api.stripe.com'): void {
  emu.urlFetch.setStripeTransport((request) => httpSync(request, base));
}

// Runs in a child Node process: one request, the answer as JSON on stdout.
const CHILD = `
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const url = new URL(input.url);
const lib = url.protocol === 'http:' ? require('http') : require('https');
const req = lib.request(url, { method: input.method, headers: input.headers, timeout: input.timeout }, (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })));
});
req.on('timeout', () => { req.destroy(); process.stdout.write(JSON.stringify({ error: 'timeout' })); });
req.on('error', (e) => { if (!process.stdout.writableEnded) process.stdout.write(JSON.stringify({ error: e.code || e.message })); });
if (input.body) req.write(input.body);
req.end();
`;

/** One synchronous HTTP(S) exchange; network failures throw as Apps Script's UrlFetchApp does. */
export function httpSync(request: StripeHttpRequest, base: string): StripeHttpResponse {
  const original = new URL(request.url);
  const target = new URL(original.pathname + original.search, base);
  const headers: Record<string, string> = { ...request.headers };
  if (request.body) headers['Content-Length'] = String(Buffer.byteLength(request.body));
  const input = JSON.stringify({ url: target.toString(), method: request.method, headers, body: request.body, timeout: TIMEOUT_MS });
  const child = spawnSync(process.execPath, ['-e', CHILD], { input, encoding: 'utf8', timeout: TIMEOUT_MS + 5000 });
  const out = child.stdout
    ? (JSON.parse(child.stdout || '{}') as { status?: number; headers?: Record<string, string | string[]>; body?: string; error?: string })
    : {};
  if (out.error === 'timeout') throw exception(`Timeout: ${request.url}`);
  if (out.error || typeof out.status !== 'number') throw exception(`Address unavailable: ${request.url}`);
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.headers ?? {})) flat[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return { status: out.status, headers: flat, body: out.body ?? '' };
}

function exception(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}
