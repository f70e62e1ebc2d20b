// The Stripe REST API through UrlFetchApp: form encoding with Stripe's bracket notation (UrlFetchApp
// would turn nested objects into "[object Object]"), an Idempotency-Key on every POST, retries with
// backoff on 429 and 5xx, Stripe's error JSON turned into StripeApiError.
import { errorText } from '../domain/problem';

const API = 'https://api.stripe.com';
const RETRIES = 2;

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

export class StripeApi {
  constructor(private readonly key: string) {}

  get<T>(path: string, params: Params = {}): T {
    const query = formEncode(params);
    return this.request<T>('get', `${path}${query ? `?${query}` : ''}`);
  }

  post<T>(path: string, params: Params, idempotencyKey: string): T {
    return this.request<T>('post', path, formEncode(params), idempotencyKey);
  }

  private request<T>(method: 'get' | 'post', path: string, payload?: string, idempotencyKey?: string): T {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.key}` };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
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
  const key = PropertiesService.getScriptProperties().getProperty('STRIPE_SECRET_KEY');
  return key && key.trim() ? key.trim() : null;
}
