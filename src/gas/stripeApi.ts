// The Stripe REST API through UrlFetchApp: form encoding with Stripe's bracket notation (UrlFetchApp
// would turn nested objects into "[object Object]"), the pinned Stripe-Version on every request, an
// Idempotency-Key on every POST, retries with backoff on 429 and 5xx, Stripe's error JSON turned into
// StripeApiError, and lists read to their end.
import { errorText } from '../domain/problem';
import { isLiveKey, STRIPE_API_VERSION, type StripeList } from '../domain/stripe';
import { PROPERTY, readProperty } from './scriptProperties';

const API = 'https://api.stripe.com';
const RETRIES = 2;
/** 100 pages of 100: far more than any list Carnet reads (a session has at most 100 line items). */
const MAX_PAGES = 100;

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  get isNotFound(): boolean {
    return this.status === 404;
  }
  get isRetryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export type Params = Record<string, unknown>;

/** `{ a: { b: [1] } }` → `a[b][0]=1`, as Stripe expects. */
export function formEncode(params: Params): string {
  const pairs: string[] = [];
  const visit = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((v, i) => visit(`${key}[${i}]`, v));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value as Params)) visit(`${key}[${k}]`, v);
    else pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  };
  for (const [k, v] of Object.entries(params)) visit(k, v);
  return pairs.join('&');
}

export interface GetRequest {
  path: string;
  params?: Params;
}

/** A GET request as the key of its answer: the path with its encoded query. */
export const requestTarget = ({ path, params = {} }: GetRequest) => {
  const query = formEncode(params);
  return `${path}${query ? `?${query}` : ''}`;
};

export class StripeApi {
  /** Answers fetched ahead (prefetch), each served once to the get() that asks for it. */
  private readonly ahead = new Map<string, string>();

  constructor(private readonly key: string) {}

  get<T>(path: string, params: Params = {}): T {
    const url = requestTarget({ path, params });
    const body = this.ahead.get(url);
    if (body !== undefined) {
      this.ahead.delete(url);
      return JSON.parse(body) as T;
    }
    return this.request<T>('get', url);
  }

  /**
   * Sends these GETs together (UrlFetchApp.fetchAll: one round trip for all) and keeps the successful
   * answers for the get() calls that will ask for them; a failed one is simply asked again then, with
   * the usual retries and errors.
   */
  prefetch(requests: readonly GetRequest[]): void {
    const urls = requests.map(requestTarget);
    let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
    try {
      responses = UrlFetchApp.fetchAll(urls.map((url) => ({ url: `${API}${url}`, method: 'get' as const, headers: this.headers(), muteHttpExceptions: true })));
    } catch {
      return;
    }
    responses.forEach((response, i) => {
      if (response.getResponseCode() < 400) this.ahead.set(urls[i], response.getContentText());
    });
  }

  /** A prefetched answer not used yet (to keep for another execution: gas/verifiedAnswers.ts). */
  answerAhead(request: GetRequest): string | undefined {
    return this.ahead.get(requestTarget(request));
  }

  /** Answers fetched by another execution, by request (requestTarget), served once each like prefetched ones. */
  useAnswers(answers: Record<string, string>): void {
    for (const [url, body] of Object.entries(answers)) this.ahead.set(url, body);
  }

  /** Drops the answers not used: they belong to the event they were fetched for, never to the next one. */
  forgetAnswers(): void {
    this.ahead.clear();
  }

  /** True for a live key: answers kept for later are kept per mode. */
  get live(): boolean {
    return isLiveKey(this.key);
  }

  private headers(idempotencyKey?: string): Record<string, string> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.key}`, 'Stripe-Version': STRIPE_API_VERSION };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    return headers;
  }

  /**
   * Every item of a list, page after page (`has_more`, `starting_after`); `first` is a page already
   * read (an expanded list such as a session's `line_items`), continued from its last item.
   */
  list<T extends { id: string }>(path: string, params: Params = {}, first?: StripeList<T>): T[] {
    const items: T[] = first ? [...first.data] : [];
    let more = first ? first.has_more : true;
    for (let page = 0; more && page < MAX_PAGES; page++) {
      const last = items[items.length - 1];
      const next = this.get<StripeList<T>>(path, { ...params, limit: 100, ...(last ? { starting_after: last.id } : {}) });
      items.push(...next.data);
      more = next.has_more && next.data.length > 0;
    }
    return items;
  }

  post<T>(path: string, params: Params, idempotencyKey: string): T {
    return this.request<T>('post', path, formEncode(params), idempotencyKey);
  }

  private request<T>(method: 'get' | 'post', path: string, payload?: string, idempotencyKey?: string): T {
    const headers = this.headers(idempotencyKey);
    let lastError: StripeApiError | null = null;
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (attempt > 0) Utilities.sleep(500 * 2 ** attempt);
      let status: number;
      let body: string;
      try {
        const response = UrlFetchApp.fetch(`${API}${path}`, {
          method,
          headers,
          muteHttpExceptions: true,
          ...(payload !== undefined ? { payload, contentType: 'application/x-www-form-urlencoded' } : {}),
        });
        status = response.getResponseCode();
        body = response.getContentText();
      } catch (error) {
        lastError = new StripeApiError(0, 'network_error', '', errorText(error));
        continue;
      }
      if (status < 400) return JSON.parse(body) as T;
      lastError = toError(status, body);
      // Stripe saves a 5xx answer under its Idempotency-Key and replays it: retrying a POST with the same key cannot help.
      if (!lastError.isRetryable || (idempotencyKey && status >= 500)) break;
    }
    throw lastError as StripeApiError;
  }
}

function toError(status: number, body: string): StripeApiError {
  try {
    const e = (JSON.parse(body) as { error?: { type?: string; code?: string; message?: string } }).error ?? {};
    return new StripeApiError(status, e.type ?? 'api_error', e.code ?? '', e.message ?? `HTTP ${status}`);
  } catch {
    return new StripeApiError(status, 'api_error', '', `HTTP ${status}`);
  }
}

/** The Stripe key from Script Properties (never from the sheet), or null. */
export function stripeKey(): string | null {
  const key = readProperty(PROPERTY.stripeKey);
  return key && key.trim() ? key.trim() : null;
}
