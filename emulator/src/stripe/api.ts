// The HTTP face of the fake: authentication, form bodies, idempotency, routing, JSON answers,
// injected failures, and the log of every request that reached "api.stripe.com".
import { createSession, expireSession, sweepExpired } from './checkout';
import {
  createCustomer,
  createPaymentLink,
  createPrice,
  createProduct,
  createWebhookEndpoint,
  updateCustomer,
  updateWebhookEndpoint,
  validateUrl,
} from './catalog';
import { invalid, noSuch, StripeApiError } from './errors';
import { FormObject, parseForm } from './form';
import { API_VERSION, Json, JsonObject, list } from './objects';
import * as P from './params';
import { createRefund } from './payments';
import { createCoupon, createPromotionCode, itemDiscounts } from './discounts';
import { LIST_PARAMS, ParsedObject, Range, S, Schema, validateParams } from './schema';
import { clone, expand, Origin, StoredObject, StripeStore } from './store';

export interface StripeHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface StripeHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  params: FormObject;
  /** Header names lower-cased (HTTP headers are case-insensitive). */
  headers: Record<string, string>;
  status: number;
  at: number;
  requestId: string;
  livemode: boolean | null;
}

interface IdempotencyEntry {
  scope: string;
  fingerprint: string;
  status: number;
  body: string;
  at: number;
  requestId: string;
}

interface PendingFailure {
  status: 429 | 500;
  remaining: number;
}

interface KeyState {
  key: string;
  expired: boolean;
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The account's default API version (Dashboard > Developers): what a request without a
 * `Stripe-Version` header gets. Older than the version the fake's objects follow, as an account
 * opened a while ago would be; only a request that pins API_VERSION is answered in the shapes here.
 */
export const ACCOUNT_DEFAULT_VERSION = '2024-06-20';
const VERSION_FORMAT = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

const RESOURCES: Record<string, string> = {
  payment_intents: 'payment_intent',
  charges: 'charge',
  refunds: 'refund',
  disputes: 'dispute',
  customers: 'customer',
  products: 'product',
  prices: 'price',
  payment_links: 'payment_link',
  webhook_endpoints: 'webhook_endpoint',
  coupons: 'coupon',
  promotion_codes: 'promotion_code',
};

/** Stripe's last-four masking: `sk_test_` + one `*` per hidden character + the last four. */
export function maskKey(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  if (rest.length <= 4) return prefix + '*'.repeat(rest.length);
  return prefix + '*'.repeat(rest.length - 4) + rest.slice(-4);
}

export function keyMode(key: string): boolean | null {
  const m = /^(sk|rk)_(test|live)_/.exec(key);
  return m ? m[2] === 'live' : null;
}

interface Ctx {
  store: StripeStore;
  params: FormObject;
  origin: Origin;
  livemode: boolean;
  path: string;
}

type Handler = (ctx: Ctx, match: RegExpExecArray) => JsonObject;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

function validated(ctx: Ctx, fields: Record<string, Schema>, required: readonly string[] = []): ParsedObject {
  return validateParams(ctx.params, fields, required);
}

function expandList(p: ParsedObject): string[] {
  return Array.isArray(p.expand) ? p.expand.map(String) : [];
}

/** Fields Stripe leaves out unless expanded: a session's line items, a charge's refunds. */
function specialExpansion(store: StripeStore, livemode: boolean): (obj: JsonObject, field: string) => Json | undefined {
  return (obj, field) => {
    // A line item's discounts are only returned when expanded (docs.stripe.com/api/checkout/sessions/line_items).
    if (obj.object === 'item' && field === 'discounts' && typeof obj.id === 'string') return itemDiscounts(store, obj.id);
    const stored = typeof obj.id === 'string' ? store.find(obj.id) : undefined;
    if (!stored) return undefined;
    if (obj.object === 'checkout.session' && field === 'line_items') {
      const items = (stored.hidden.lineItems as JsonObject[]) ?? [];
      return list(`/v1/checkout/sessions/${stored.id}/line_items`, clone(items.slice(0, 10)), items.length > 10);
    }
    if (obj.object === 'charge' && field === 'refunds') {
      const refunds = store.all('refund', livemode).filter((r) => r.data.charge === stored.id);
      return store.page(refunds, `/v1/charges/${stored.id}/refunds`, {}, 'refund');
    }
    return undefined;
  };
}

function respond(ctx: Ctx, stored: StoredObject | JsonObject, p: ParsedObject): JsonObject {
  const data = 'seq' in stored ? clone((stored as StoredObject).data) : (stored as JsonObject);
  return expand(ctx.store, data, expandList(p), ctx.livemode, specialExpansion(ctx.store, ctx.livemode));
}

const LIST_KEYS = new Set(['limit', 'starting_after', 'ending_before', 'created', 'expand']);

/** Equality filters of list endpoints (`customer=…`, `ids[]=…`, `customer_details[email]=…`). */
function matches(o: StoredObject, p: ParsedObject): boolean {
  for (const [key, value] of Object.entries(p)) {
    if (LIST_KEYS.has(key) || value === undefined || value === null || key === 'recurring' || key === 'delivery_success') continue;
    if (key === 'ids' && Array.isArray(value)) {
      if (!value.includes(o.id)) return false;
    } else if (key === 'lookup_keys' && Array.isArray(value)) {
      if (!value.includes(o.data.lookup_key as string)) return false;
    } else if (key === 'coupon' && o.type === 'promotion_code') {
      if ((o.data.promotion as JsonObject | null)?.coupon !== value) return false;
    } else if (key === 'customer_details' && typeof value === 'object') {
      const details = o.data.customer_details as JsonObject | null;
      if (details?.email !== (value as ParsedObject).email) return false;
    } else if (o.data[key] !== value) return false;
  }
  return true;
}

function listOf(ctx: Ctx, type: string, p: ParsedObject, url: string, extra: (o: StoredObject) => boolean = () => true): JsonObject {
  const items = ctx.store.all(type, ctx.livemode).filter((o) => o.hidden.inline !== true && matches(o, p) && extra(o));
  const page = ctx.store.page(
    items,
    url,
    {
      limit: p.limit as number | undefined,
      startingAfter: p.starting_after as string | undefined,
      endingBefore: p.ending_before as string | undefined,
      created: p.created as Range | undefined,
    },
    type,
  );
  return expand(ctx.store, page, expandList(p), ctx.livemode, specialExpansion(ctx.store, ctx.livemode));
}

function eventTypeMatches(type: string, pattern: string): boolean {
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

const ROUTES: Route[] = [
  // Events: GET only, 30 days of retention.
  {
    method: 'GET',
    pattern: /^\/v1\/events$/,
    handler: (ctx) => {
      const p = validated(ctx, P.EVENT_LIST);
      if (p.type && p.types) throw invalid('You may only specify one of these parameters: type, types.', 'types');
      const wanted = (p.types as string[] | undefined) ?? (typeof p.type === 'string' ? [p.type] : null);
      return listOf(
        ctx,
        'event',
        { ...p, type: undefined, types: undefined },
        '/v1/events',
        (e) => ctx.store.isRetained(e) && (!wanted || wanted.some((w) => eventTypeMatches(String(e.data.type), w))),
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/events\/([^/]+)$/,
    handler: (ctx, m) => {
      const p = validated(ctx, {});
      const event = ctx.store.get('event', m[1], ctx.livemode);
      // Stripe keeps events retrievable for 30 days.
      if (!ctx.store.isRetained(event)) throw noSuch('event', m[1]);
      return respond(ctx, event, p);
    },
  },
  // Checkout Sessions.
  {
    method: 'POST',
    pattern: /^\/v1\/checkout\/sessions$/,
    handler: (ctx) => {
      const p = validated(ctx, P.CHECKOUT_CREATE);
      if (p.ui_mode && p.ui_mode !== 'hosted_page') throw invalid(`Emulator: ui_mode ${String(p.ui_mode)} is not emulated.`, 'ui_mode');
      const session = createSession(ctx.store, p, ctx.origin);
      if (p.phone_number_collection) session.data.phone_number_collection = { enabled: (p.phone_number_collection as ParsedObject).enabled === true };
      return respond(ctx, session, p);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/checkout\/sessions$/,
    handler: (ctx) => listOf(ctx, 'checkout.session', validated(ctx, P.CHECKOUT_LIST), '/v1/checkout/sessions'),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
    handler: (ctx, m) => {
      const p = validated(ctx, {});
      return respond(ctx, ctx.store.get('checkout.session', m[1], ctx.livemode, 'session'), p);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
    handler: (ctx, m) => {
      const p = validated(ctx, LIST_PARAMS);
      const session = ctx.store.get('checkout.session', m[1], ctx.livemode, 'session');
      const items = (session.hidden.lineItems as JsonObject[]).map((data, i) => ({
        id: String(data.id),
        type: 'item',
        livemode: session.livemode,
        seq: -i,
        created: 0,
        data,
        hidden: {},
      }));
      const page = ctx.store.page(
        items,
        `/v1/checkout/sessions/${session.id}/line_items`,
        {
          limit: p.limit as number | undefined,
          startingAfter: p.starting_after as string | undefined,
          endingBefore: p.ending_before as string | undefined,
        },
        'item',
      );
      return expand(ctx.store, page, expandList(p), ctx.livemode, specialExpansion(ctx.store, ctx.livemode));
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
    handler: (ctx, m) => {
      const p = validated(ctx, {});
      const session = ctx.store.get('checkout.session', m[1], ctx.livemode, 'session');
      expireSession(ctx.store, session, ctx.origin);
      return respond(ctx, session, p);
    },
  },
  // Refunds.
  {
    method: 'POST',
    pattern: /^\/v1\/refunds$/,
    handler: (ctx) => {
      const p = validated(ctx, P.REFUND_CREATE);
      const { refund } = createRefund(ctx.store, p as never, ctx.origin);
      return respond(ctx, refund, p);
    },
  },
  // Coupons and promotion codes (docs.stripe.com/api/coupons/create, docs.stripe.com/api/promotion_codes/create).
  {
    method: 'POST',
    pattern: /^\/v1\/coupons$/,
    handler: (ctx) => {
      const p = validated(ctx, P.COUPON_CREATE);
      return respond(ctx, createCoupon(ctx.store, p, ctx.origin), p);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/promotion_codes$/,
    handler: (ctx) => {
      const p = validated(ctx, P.PROMOTION_CODE_CREATE, ['promotion']);
      return respond(ctx, createPromotionCode(ctx.store, p, ctx.origin), p);
    },
  },
  // Customers, products, prices, payment links, webhook endpoints.
  {
    method: 'POST',
    pattern: /^\/v1\/customers$/,
    handler: (ctx) => {
      const p = validated(ctx, P.CUSTOMER_FIELDS);
      return respond(ctx, createCustomer(ctx.store, p, ctx.origin), p);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/customers\/([^/]+)$/,
    handler: (ctx, m) => {
      const p = validated(ctx, P.CUSTOMER_FIELDS);
      const customer = ctx.store.get('customer', m[1], ctx.livemode, 'customer');
      return respond(ctx, updateCustomer(ctx.store, customer, p, ctx.origin), p);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/products$/,
    handler: (ctx) => {
      const p = validated(ctx, P.PRODUCT_CREATE, ['name']);
      return respond(ctx, createProduct(ctx.store, p, ctx.origin), p);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/prices$/,
    handler: (ctx) => {
      const p = validated(ctx, P.PRICE_CREATE, ['currency']);
      return respond(ctx, createPrice(ctx.store, p, ctx.origin), p);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_links$/,
    handler: (ctx) => {
      const p = validated(ctx, P.PAYMENT_LINK_CREATE, ['line_items']);
      return respond(ctx, createPaymentLink(ctx.store, p, ctx.origin), p);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/webhook_endpoints$/,
    handler: (ctx) => {
      const p = validated(ctx, P.WEBHOOK_CREATE, ['enabled_events', 'url']);
      validateUrl(p.url, 'url');
      const { stored, secret } = createWebhookEndpoint(ctx.store, p, ctx.origin);
      // The signing secret is only ever shown in the creation response.
      return respond(ctx, { ...clone(stored.data), secret }, p);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
    handler: (ctx, m) => {
      const p = validated(ctx, P.WEBHOOK_UPDATE);
      if (p.url !== undefined) validateUrl(p.url, 'url');
      const endpoint = ctx.store.get('webhook_endpoint', m[1], ctx.livemode);
      return respond(ctx, updateWebhookEndpoint(ctx.store, endpoint, p), p);
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
    handler: (ctx, m) => {
      validated(ctx, {});
      const endpoint = ctx.store.get('webhook_endpoint', m[1], ctx.livemode);
      endpoint.hidden.deleted = true;
      return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
    },
  },
  // Lists and retrieval of the other resources.
  {
    method: 'GET',
    pattern: /^\/v1\/(payment_intents|charges|refunds|disputes|customers|products|prices|payment_links|webhook_endpoints|coupons|promotion_codes)$/,
    handler: (ctx, m) => {
      const type = RESOURCES[m[1]];
      return listOf(ctx, type, validated(ctx, P.LISTS[type]), `/v1/${m[1]}`);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/(payment_intents|charges|refunds|disputes|customers|products|prices|payment_links|webhook_endpoints|coupons|promotion_codes)\/([^/]+)$/,
    handler: (ctx, m) => {
      const p = validated(ctx, m[1] === 'payment_intents' ? { client_secret: S.str() } : {});
      const type = RESOURCES[m[1]];
      return respond(ctx, ctx.store.get(type, m[2], ctx.livemode, type === 'payment_intent' ? 'intent' : 'id'), p);
    },
  },
];

export class StripeApi {
  private keys: KeyState[] = [{ key: 'sk_test_emulator', expired: false }];
  private log: RequestLogEntry[] = [];
  private idempotency: IdempotencyEntry[] = [];
  private failures: PendingFailure[] = [];

  constructor(
    private readonly store: StripeStore,
    private readonly nowMs: () => number,
  ) {}

  addKey(key: string): void {
    if (keyMode(key) === null) throw new Error(`FakeStripe: ${key} is not a secret or restricted key (sk_/rk_, test_/live_)`);
    this.keys = this.keys.filter((k) => k.key !== key).concat({ key, expired: false });
  }

  /** A rolled key: Stripe answers "Expired API Key provided". */
  expireKey(key: string): void {
    const found = this.keys.find((k) => k.key === key);
    if (!found) throw new Error(`FakeStripe: unknown key ${maskKey(key)}`);
    found.expired = true;
  }

  removeKey(key: string): void {
    this.keys = this.keys.filter((k) => k.key !== key);
  }

  failNext(count: number, status: 429 | 500): void {
    this.failures.push({ status, remaining: count });
  }

  requests(): RequestLogEntry[] {
    return clone(this.log as unknown as Json) as unknown as RequestLogEntry[];
  }

  handle(req: StripeHttpRequest): StripeHttpResponse {
    sweepExpired(this.store);
    const requestId = `req_${this.store.ids.chars(14)}`;
    const url = new URL(req.url);
    const path = url.pathname;
    const method = req.method.toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
    const entry: RequestLogEntry = { method, path, params: {}, headers, status: 0, at: this.nowMs(), requestId, livemode: null };
    this.log.push(entry);
    const version = headers['stripe-version'];
    const baseHeaders: Record<string, string> = {
      'Content-Type': 'application/json',
      'Request-Id': requestId,
      'Stripe-Version': version ?? ACCOUNT_DEFAULT_VERSION,
      'Cache-Control': 'no-cache, no-store',
      Server: 'nginx',
      'Access-Control-Allow-Origin': '*',
    };
    const answer = (status: number, body: string, extra: Record<string, string> = {}): StripeHttpResponse => {
      entry.status = status;
      return { status, headers: { ...baseHeaders, ...extra }, body };
    };
    // Errors after authentication carry a link to the request in the Dashboard's logs.
    const errorJson = (error: StripeApiError): string => {
      const { type, ...rest } = error.body;
      const logUrl =
        entry.livemode === null
          ? {}
          : { request_log_url: `https://dashboard.stripe.com/${entry.livemode ? '' : 'test/'}logs/${requestId}?t=${Math.floor(entry.at / 1000)}` };
      return json({ error: { ...rest, ...logUrl, type } as unknown as JsonObject });
    };
    const fail = (error: StripeApiError): StripeHttpResponse => answer(error.status, errorJson(error), error.headers);

    // Rate limiting comes first: a 429 is never saved under an Idempotency-Key.
    if (this.takeFailure(429)) {
      return fail(
        new StripeApiError(
          429,
          'invalid_request_error',
          'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
          { code: 'rate_limit', headers: { 'Stripe-Should-Retry': 'true' } },
        ),
      );
    }
    const auth = this.authenticate(headers.authorization);
    if (auth instanceof StripeApiError) return fail(auth);
    const livemode = auth;
    entry.livemode = livemode;
    // Stripe refuses a version that does not exist (github.com/stripe/stripe-java/issues/682); the fake only speaks API_VERSION.
    if (version !== undefined && version !== API_VERSION) {
      if (!VERSION_FORMAT.test(version)) return fail(invalid(`Invalid Stripe API version: ${version}`));
      return fail(invalid(`Emulator: API version ${version} is not emulated (only ${API_VERSION}).`));
    }

    let params: FormObject;
    try {
      params = parseForm(url.search.slice(1));
      if (method === 'POST' && req.body) {
        const type = (headers['content-type'] ?? 'application/x-www-form-urlencoded').split(';')[0].trim().toLowerCase();
        if (type !== 'application/x-www-form-urlencoded') {
          throw invalid(
            `Invalid request: unsupported Content-Type ${headers['content-type']}. If error persists and you need assistance, please contact support@stripe.com.`,
          );
        }
        params = { ...params, ...parseForm(req.body) };
      }
    } catch (error) {
      if (error instanceof StripeApiError) return fail(error);
      throw error;
    }
    entry.params = params;

    const key = method === 'POST' ? headers['idempotency-key'] : undefined;
    if (key !== undefined && key.length > 255) {
      return fail(invalid(`Invalid Idempotency-Key: must be at most 255 characters long, but was ${key.length} characters long.`));
    }
    const keyHeaders: Record<string, string> = key !== undefined ? { 'Idempotency-Key': key, 'Original-Request': requestId } : {};
    const scope = `${livemode ? 'live' : 'test'}:${key}`;
    const fingerprint = JSON.stringify([method, path, sortDeep(params)]);
    if (key !== undefined) {
      this.idempotency = this.idempotency.filter((e) => this.nowMs() - e.at < IDEMPOTENCY_TTL_MS);
      const saved = this.idempotency.find((e) => e.scope === scope);
      if (saved && saved.fingerprint !== fingerprint) {
        return fail(
          new StripeApiError(
            400,
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            { phase: 'validation' },
          ),
        );
      }
      if (saved) return answer(saved.status, saved.body, { 'Idempotency-Key': key, 'Original-Request': saved.requestId, 'Idempotent-Replayed': 'true' });
    }
    const save = (res: StripeHttpResponse): StripeHttpResponse => {
      if (key !== undefined) this.idempotency.push({ scope, fingerprint, status: res.status, body: res.body, at: this.nowMs(), requestId });
      return res;
    };

    const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
    if (!route) {
      return fail(
        new StripeApiError(
          404,
          'invalid_request_error',
          `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
          { phase: 'validation' },
        ),
      );
    }
    // A server error happens while the endpoint runs: it is saved under the key, like any result (docs.stripe.com/error-low-level).
    if (this.takeFailure(500)) {
      const error = new StripeApiError(500, 'api_error', 'An unknown error occurred');
      return save(answer(500, errorJson(error), { ...keyHeaders, 'Stripe-Should-Retry': 'true' }));
    }
    const ctx: Ctx = { store: this.store, params, origin: { livemode, request: { id: requestId, idempotency_key: key ?? null } }, livemode, path };
    try {
      const body = route.handler(ctx, route.pattern.exec(path) as RegExpExecArray);
      return save(answer(200, json(body), keyHeaders));
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      const res = answer(error.status, errorJson(error), { ...keyHeaders, ...error.headers });
      return error.phase === 'execution' ? save(res) : res;
    }
  }

  private takeFailure(status: 429 | 500): boolean {
    const next = this.failures[0];
    if (!next || next.status !== status) return false;
    next.remaining -= 1;
    if (next.remaining <= 0) this.failures.shift();
    return true;
  }

  private authenticate(header: string | undefined): boolean | StripeApiError {
    let key: string | null = null;
    const bearer = /^Bearer\s+(.+)$/i.exec(header ?? '');
    const basic = /^Basic\s+(.+)$/i.exec(header ?? '');
    if (bearer) key = bearer[1].trim();
    else if (basic) key = Buffer.from(basic[1].trim(), 'base64').toString('utf8').split(':')[0];
    const challenge = { 'Www-Authenticate': 'Basic realm="Stripe"' };
    if (!key) {
      return new StripeApiError(
        401,
        'invalid_request_error',
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
        { headers: challenge },
      );
    }
    const known = this.keys.find((k) => k.key === key);
    if (known?.expired)
      return new StripeApiError(401, 'invalid_request_error', `Expired API Key provided: ${maskKey(key)}`, { code: 'api_key_expired', headers: challenge });
    const mode = keyMode(key);
    if (!known || mode === null) return new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${maskKey(key)}`, { headers: challenge });
    return mode;
  }

  save(): unknown {
    return { keys: this.keys, log: this.log, idempotency: this.idempotency, failures: this.failures };
  }

  load(data: unknown): void {
    const state = data as { keys: KeyState[]; log: RequestLogEntry[]; idempotency: IdempotencyEntry[]; failures: PendingFailure[] } | null;
    if (!state) return;
    this.keys = state.keys;
    this.log = state.log;
    this.idempotency = state.idempotency;
    this.failures = state.failures;
  }
}

/** Stripe answers pretty-printed JSON (two-space indent). */
function json(body: JsonObject): string {
  return JSON.stringify(body, null, 2);
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
