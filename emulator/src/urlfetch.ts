// UrlFetchApp as Apps Script has it (developers.google.com/apps-script/reference/url-fetch/url-fetch-app,
// .../http-response). The only reachable host is https://api.stripe.com, served by FakeStripe; any
// other host throws "Emulator: no network access to <host>" so that a stray call is visible.
//
// Test API: log() — every request sent (url, method, headers, payload, status);
//           setDailyQuota(n) — the daily UrlFetch quota (default 20,000: consumer accounts);
//           setStripeTransport(handler) — requests to api.stripe.com go to `handler` (synchronous, e.g.
//           real HTTPS to Stripe's test mode for `npm start`) instead of FakeStripe; null restores it.
import { EmulatedBlob, toSignedBytes } from './blob';
import { conforms } from './conformance';
import type { Runtime } from './runtime';
import type { FakeStripe } from './stripe';
import type { StripeHttpRequest, StripeHttpResponse } from './stripe/api';

type Options = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type Request = GoogleAppsScript.URL_Fetch.URLFetchRequest;

const METHODS = ['get', 'delete', 'patch', 'post', 'put'];
const FORM = 'application/x-www-form-urlencoded';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest server response quoted whole in the "Request failed" message (observed: 147 characters + "..."). */
const QUOTED_RESPONSE = 150;

/** Apps Script's service errors print as "Exception: …". */
function exception(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}

function invalidAttribute(what: string): Error {
  return exception(`Attribute provided with invalid value: ${what}`);
}

function isBlobLike(value: unknown): value is { getBytes(): number[]; getContentType(): string | null; getName(): string | null } {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as { getBytes?: unknown }).getBytes === 'function' &&
    typeof (value as { getContentType?: unknown }).getContentType === 'function'
  );
}

/** Java's URLEncoder, which encodes form fields: letters, digits and `.-*_` kept, space as `+`. */
function formEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `escaping: true` (the default): characters a URL may not hold are percent-encoded. */
function escapeUrl(url: string): string {
  let out = '';
  for (const ch of url) {
    if (/[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]/.test(ch)) out += ch;
    else out += Array.from(Buffer.from(ch, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out.replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
}

interface Prepared {
  url: string;
  method: string;
  headers: Record<string, string>;
  contentType: string;
  payload: Uint8Array | null;
  muteHttpExceptions: boolean;
  followRedirects: boolean;
  validateHttpsCertificates: boolean;
}

interface Exchange {
  response: FakeHTTPResponse;
  status: number;
  text: string;
}

export interface FetchLogEntry {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: string | null;
  status: number | null;
  at: number;
}

function encodePayload(payload: unknown, options: Options): { bytes: Uint8Array | null; contentType: string } {
  const explicit = typeof options.contentType === 'string' ? options.contentType : null;
  if (payload === undefined || payload === null) return { bytes: null, contentType: explicit ?? FORM };
  if (typeof payload === 'string') return { bytes: new Uint8Array(Buffer.from(payload, 'utf8')), contentType: explicit ?? FORM };
  if (isBlobLike(payload)) {
    return { bytes: new Uint8Array(payload.getBytes().map((b) => b & 0xff)), contentType: explicit ?? payload.getContentType() ?? 'application/octet-stream' };
  }
  if (Array.isArray(payload)) {
    // A byte array is a payload; any other array is refused.
    if (!payload.every((b) => typeof b === 'number')) throw invalidAttribute('payload');
    return { bytes: new Uint8Array(payload.map((b: number) => b & 0xff)), contentType: explicit ?? FORM };
  }
  if (typeof payload === 'object') {
    const entries = Object.entries(payload as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.some(([, v]) => isBlobLike(v))) return multipart(entries);
    // Each value is turned into a string as is: a nested object becomes "[object Object]", an array "a,b".
    // Apps Script has no bracket notation: Stripe's `metadata[k]` keys must be spelled out by the caller.
    const body = entries.map(([k, v]) => `${formEncode(k)}=${formEncode(String(v))}`).join('&');
    return { bytes: new Uint8Array(Buffer.from(body, 'utf8')), contentType: explicit ?? FORM };
  }
  return { bytes: new Uint8Array(Buffer.from(String(payload), 'utf8')), contentType: explicit ?? FORM };
}

function multipart(entries: Array<[string, unknown]>): { bytes: Uint8Array; contentType: string } {
  const boundary = '----=_Part_0_emulated';
  const parts: Buffer[] = [];
  for (const [name, value] of entries) {
    if (isBlobLike(value)) {
      const fileName = value.getName() ?? name;
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: ${value.getContentType() ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      parts.push(Buffer.from(value.getBytes().map((b) => b & 0xff)));
      parts.push(Buffer.from('\r\n'));
    } else {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${String(value)}\r\n`));
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { bytes: new Uint8Array(Buffer.concat(parts)), contentType: `multipart/form-data; boundary=${boundary}` };
}

function prepare(url: unknown, params: unknown): Prepared {
  const options = (params && typeof params === 'object' ? params : {}) as Options;
  if (typeof url !== 'string') throw exception(`Invalid argument: ${String(url)}`);
  const method = String(options.method ?? 'get').toLowerCase();
  if (!METHODS.includes(method)) throw invalidAttribute('method');
  const headers: Record<string, string> = {};
  const given = options.headers && typeof options.headers === 'object' ? (options.headers as Record<string, unknown>) : {};
  for (const [name, value] of Object.entries(given)) {
    if (value === null || value === undefined) throw invalidAttribute('Header:null');
    // UrlFetchApp sets these itself.
    if (/^(host|content-length)$/i.test(name)) throw invalidAttribute(`Header:${name}`);
    headers[name] = String(value);
  }
  if (/\s/.test(url)) throw exception(`Invalid argument: ${url}`);
  const finalUrl = options.escaping === false ? url : escapeUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(finalUrl);
  } catch {
    throw exception(`Invalid argument: ${url}`);
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) throw exception(`Invalid argument: ${url}`);
  const { bytes, contentType } = encodePayload(options.payload, options);
  return {
    url: finalUrl,
    method,
    headers,
    contentType,
    payload: bytes,
    muteHttpExceptions: options.muteHttpExceptions === true,
    followRedirects: options.followRedirects !== false,
    validateHttpsCertificates: options.validateHttpsCertificates !== false,
  };
}

export class FakeHTTPResponse {
  constructor(
    private readonly rt: Runtime,
    private readonly status: number,
    private readonly headers: Record<string, string>,
    private readonly bytes: Uint8Array,
  ) {}

  private touch(method: string): void {
    this.rt.call('HTTPResponse', method);
  }

  getResponseCode(): number {
    this.touch('getResponseCode');
    return this.status;
  }

  getContentText(charset?: string): string {
    this.touch('getContentText');
    return this.decode(charset);
  }

  private decode(charset?: string): string {
    const declared = /charset=([^;]+)/i.exec(this.headers['Content-Type'] ?? '')?.[1];
    const name = (charset ?? declared ?? 'UTF-8').trim().toLowerCase().replace(/[-_]/g, '');
    return Buffer.from(this.bytes).toString(name === 'iso88591' || name === 'latin1' ? 'latin1' : 'utf8');
  }

  /** Signed bytes (-128..127), like Java's byte[]. */
  getContent(): number[] {
    this.touch('getContent');
    return toSignedBytes(this.bytes);
  }

  getHeaders(): Record<string, string> {
    this.touch('getHeaders');
    return { ...this.headers };
  }

  /** Multi-valued headers come as arrays; the fake's headers all have one value. */
  getAllHeaders(): Record<string, string | string[]> {
    this.touch('getAllHeaders');
    return { ...this.headers };
  }

  getBlob(): EmulatedBlob {
    this.touch('getBlob');
    const type = (this.headers['Content-Type'] ?? 'application/octet-stream').split(';')[0].trim();
    return new EmulatedBlob(this.rt, this.bytes, type);
  }

  getAs(contentType: string): EmulatedBlob {
    this.touch('getAs');
    const type = (this.headers['Content-Type'] ?? 'application/octet-stream').split(';')[0].trim();
    return new EmulatedBlob(this.rt, this.bytes, type).getAs(contentType);
  }

  /** `String(response)` and `JSON.parse(response)` read the content, as in Apps Script. */
  toString(): string {
    return this.decode();
  }
}

conforms<
  GoogleAppsScript.URL_Fetch.HTTPResponse,
  FakeHTTPResponse,
  'getAllHeaders' | 'getAs' | 'getBlob' | 'getContent' | 'getContentText' | 'getHeaders' | 'getResponseCode'
>(true);

export class FakeUrlFetchApp {
  constructor(private readonly service: UrlFetchService) {}

  fetch(url: string, params?: Options): FakeHTTPResponse {
    this.service.rt.call('UrlFetchApp', 'fetch');
    const prepared = prepare(url, params);
    return this.service.check(prepared, this.service.send(prepared));
  }

  /** Sent together (one round trip of latency); the first failure throws once all have been sent. */
  fetchAll(requests: Array<Request | string>): FakeHTTPResponse[] {
    this.service.rt.call('UrlFetchApp', 'fetchAll');
    if (!Array.isArray(requests)) throw exception(`Invalid argument: ${String(requests)}`);
    const prepared = requests.map((r) => (typeof r === 'string' ? prepare(r, {}) : prepare(r?.url, r)));
    const responses = prepared.map((p) => this.service.send(p));
    return responses.map((res, i) => this.service.check(prepared[i], res));
  }

  /** The request fetch() would send (developers.google.com/apps-script/reference/url-fetch/url-fetch-app#getRequest(String,Object)). */
  getRequest(url: string, params?: Options): Record<string, unknown> {
    this.service.rt.call('UrlFetchApp', 'getRequest');
    const p = prepare(url, params);
    return {
      url: p.url,
      method: p.method,
      contentType: p.contentType,
      payload: p.payload ? Buffer.from(p.payload).toString('utf8') : '',
      headers: { ...p.headers },
      followRedirects: p.followRedirects,
      validateHttpsCertificates: p.validateHttpsCertificates,
      useIntranet: false,
      ...(p.muteHttpExceptions ? { muteHttpExceptions: true } : {}),
    };
  }

  toString(): string {
    return 'UrlFetchApp';
  }
}

conforms<GoogleAppsScript.URL_Fetch.UrlFetchApp, FakeUrlFetchApp, 'fetch' | 'fetchAll' | 'getRequest'>(true);

export class UrlFetchService {
  private readonly app = new FakeUrlFetchApp(this);
  private sent: FetchLogEntry[] = [];
  private quota = { day: -1, count: 0, limit: 20000 };
  private stripeTransport: ((request: StripeHttpRequest) => StripeHttpResponse) | null = null;

  constructor(
    readonly rt: Runtime,
    readonly stripe: FakeStripe,
  ) {
    rt.registerState('urlfetch', this);
  }

  globals(): Record<string, unknown> {
    return { UrlFetchApp: this.app };
  }

  /** One HTTP exchange: counted against the daily quota, routed to FakeStripe or refused. */
  send(p: Prepared): Exchange {
    const day = Math.floor(this.rt.clock.now() / DAY_MS);
    if (day !== this.quota.day) this.quota = { ...this.quota, day, count: 0 };
    if (this.quota.count >= this.quota.limit) throw exception('Service invoked too many times for one day: urlfetch.');
    this.quota.count += 1;
    const url = new URL(p.url);
    const payload = p.payload ? Buffer.from(p.payload).toString('utf8') : null;
    const entry: FetchLogEntry = { url: p.url, method: p.method, headers: { ...p.headers }, payload, status: null, at: this.rt.clock.now() };
    this.sent.push(entry);
    if (url.protocol !== 'https:' || url.hostname !== 'api.stripe.com') throw new Error(`Emulator: no network access to ${url.host}`);
    const headers: Record<string, string> = {
      'User-Agent': `Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: ${this.rt.scriptId})`,
      ...p.headers,
    };
    if (p.payload) headers['Content-Type'] = p.contentType;
    const request = { method: p.method.toUpperCase(), url: p.url, headers, body: payload ?? '' };
    const res = this.stripeTransport ? this.stripeTransport(request) : this.stripe.handle(request);
    entry.status = res.status;
    const bytes = new Uint8Array(Buffer.from(res.body, 'utf8'));
    const response = new FakeHTTPResponse(this.rt, res.status, { ...res.headers, 'Content-Length': String(bytes.length) }, bytes);
    return { response, status: res.status, text: res.body };
  }

  /** Without muteHttpExceptions, a code ≥ 400 throws, quoting the start of the response. */
  check(p: Prepared, { response, status, text }: Exchange): FakeHTTPResponse {
    if (status < 400 || p.muteHttpExceptions) return response;
    const quoted = text.length > QUOTED_RESPONSE ? `${text.slice(0, QUOTED_RESPONSE - 3)}...` : text;
    const origin = new URL(p.url).origin;
    throw exception(
      `Request failed for ${origin} returned code ${status}. Truncated server response: ${quoted} (use muteHttpExceptions option to examine full response)`,
    );
  }

  // ---- test API ----

  log(): FetchLogEntry[] {
    return this.sent.map((e) => ({ ...e, headers: { ...e.headers } }));
  }

  setDailyQuota(limit: number): void {
    this.quota.limit = limit;
  }

  setStripeTransport(handler: ((request: StripeHttpRequest) => StripeHttpResponse) | null): void {
    this.stripeTransport = handler;
  }

  save(): unknown {
    return { sent: this.sent, quota: this.quota };
  }

  load(data: unknown): void {
    const state = data as { sent: FetchLogEntry[]; quota: { day: number; count: number; limit: number } } | null;
    if (!state) return;
    this.sent = state.sent;
    this.quota = state.quota;
  }
}
