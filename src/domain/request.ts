// Payment requests made from the sheet: checking what the admin typed, the Checkout Session to ask
// Stripe for, and when a pending request is reminded.
import { findByCode, freeLineProduct, type Product } from './catalogue';
import { isValidEmail, normalizeEmail } from './email';
import { ProblemError } from './problem';
import type { RequestText } from '../i18n/requestText';
import type { Locale } from '../i18n/locale';
import { METADATA_MAX_KEYS, METADATA_MAX_VALUE } from './stripe';

/** A catalogue product, or a free amount: `label` and `amount` in euros (a number, or text such as "45,00"). */
export type RequestItemInput = { code: string; quantity: number } | { label: string; amount: number | string };

export interface RequestInput {
  email: string;
  name?: string;
  items: RequestItemInput[];
  /** Made once per form submission by the caller: a double click sends the same id, hence one session. */
  requestId?: string;
}

export interface ValidRequest {
  email: string;
  name: string;
  lines: Array<{ product: Product; quantity: number }>;
  amountCents: number;
}

export const MAX_QUANTITY = 100;
/** Checkout takes at most 100 line items per session. */
export const MAX_LINES = 100;
export const MAX_LABEL = 200;
/** Stripe's card minimum. */
export const MIN_FREE_AMOUNT_CENTS = 50;
/** A sane ceiling for one lesson-sized line typed by hand (a typo such as 4500 instead of 45,00 stays possible, 450 000 does not). */
export const MAX_FREE_AMOUNT_CENTS = 1_000_000;

/** Euros typed by the admin ("45", "45,5", "45,00 €", 45) to cents, or null when it is not an amount with at most 2 decimals. */
export function parseEuroAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6 ? Math.round(value * 100) : null;
  if (typeof value !== 'string') return null;
  const text = value.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function freeLine(item: { label?: unknown; amount?: unknown }, text: RequestText): { product: Product; quantity: number } {
  const label = String(item.label ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (label.length < 1 || label.length > MAX_LABEL) throw new ProblemError(text.badFreeLabel(MAX_LABEL));
  const cents = parseEuroAmount(item.amount);
  if (cents === null || cents < MIN_FREE_AMOUNT_CENTS || cents > MAX_FREE_AMOUNT_CENTS) {
    throw new ProblemError(text.badFreeAmount(label, String(item.amount ?? ''), MAX_FREE_AMOUNT_CENTS / 100));
  }
  return { product: freeLineProduct(label, cents), quantity: 1 };
}

export function validateRequest(input: unknown, products: readonly Product[], text: RequestText): ValidRequest {
  const i = (input ?? {}) as Partial<RequestInput>;
  const email = normalizeEmail(i.email);
  if (!isValidEmail(email)) throw new ProblemError(text.badEmail(String(i.email ?? '')));
  const items = Array.isArray(i.items) ? i.items : [];
  if (items.length === 0) throw new ProblemError(text.noItem);
  if (items.length > MAX_LINES) throw new ProblemError(text.tooManyLines(MAX_LINES));
  const lines = items.map((item) => {
    if (item && typeof item === 'object' && ('label' in item || 'amount' in item)) return freeLine(item, text);
    const code = String((item as { code?: unknown })?.code ?? '').trim();
    const product = findByCode(products, code);
    if (!product) throw new ProblemError(text.unknownProduct(code));
    if (!product.active) throw new ProblemError(text.inactiveProduct(code));
    const quantity = Number(item?.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY)
      throw new ProblemError(text.badQuantity(code, String((item as { quantity?: unknown })?.quantity ?? '')));
    if (product.priceCents < 50) throw new ProblemError(text.priceTooLow(code));
    return { product, quantity };
  });
  if (!codesMetadata(lines.map((l) => l.product.code))) throw new ProblemError(text.codesTooLong);
  return { email, name: String(i.name ?? '').trim(), lines, amountCents: lines.reduce((s, l) => s + l.product.priceCents * l.quantity, 0) };
}

export function priceIdOf(product: Product): string | undefined {
  return product.stripeIds.find((id) => id.startsWith('price_'));
}

/**
 * What Checkout asks the client for, so that the invoice's client block is complete: a postal address
 * (required), a company name and a VAT number (optional; when given, the invoice has the B2B
 * mentions). Without these, a real session carries only a country (docs.stripe.com/api/checkout/sessions/create).
 * Payment links take the same parameters.
 */
export const CLIENT_COLLECTION = {
  billing_address_collection: 'required',
  tax_id_collection: { enabled: true, required: 'never' },
  name_collection: { business: { enabled: true, optional: true } },
} as const;

/** Stripe wants `expires_at` 30 min to 24 h after *its* creation time: stay this far inside both bounds (clock skew, latency). */
export const EXPIRY_MARGIN_SECONDS = 5 * 60;
const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 3600;

/** The `expires_at` to send for a link valid `hours` from `nowMs` (Apps Script's clock), kept inside Stripe's bounds with a margin. */
export function requestExpiresAt(nowMs: number, hours: number): number {
  const wanted = Math.round(hours * 3600);
  const seconds = Math.min(MAX_EXPIRY_SECONDS - EXPIRY_MARGIN_SECONDS, Math.max(MIN_EXPIRY_SECONDS + EXPIRY_MARGIN_SECONDS, wanted));
  return Math.floor(nowMs / 1000) + seconds;
}

/** Metadata key of the n-th chunk of product codes: `product_codes`, `product_codes_2`, `product_codes_3`… */
export function productCodesKey(n: number): string {
  return n === 1 ? 'product_codes' : `product_codes_${n}`;
}

/**
 * The product codes in line order, as metadata values of at most 500 characters (Stripe's limit):
 * "CODE1,CODE2…" split between codes over as many keys as needed. Null when they do not fit in the
 * keys left (never with Checkout's 100 line items and sane codes).
 */
export function codesMetadata(codes: readonly string[], keysLeft = METADATA_MAX_KEYS - 1): Record<string, string> | null {
  const chunks: string[] = [];
  for (const code of codes) {
    if (code.length > METADATA_MAX_VALUE) return null;
    const last = chunks.length ? chunks[chunks.length - 1] : null;
    if (last !== null && last.length + 1 + code.length <= METADATA_MAX_VALUE) chunks[chunks.length - 1] = `${last},${code}`;
    else chunks.push(code);
  }
  if (chunks.length > keysLeft) return null;
  return Object.fromEntries(chunks.map((chunk, i) => [productCodesKey(i + 1), chunk]));
}

/** The POST /v1/checkout/sessions parameters (nested; the API client encodes them with brackets). */
export function checkoutParams(
  request: ValidRequest,
  options: { requestId: string; expiresAt: number; successUrl: string; cancelUrl: string; currency: string; locale: Locale },
): Record<string, unknown> {
  return {
    mode: 'payment',
    customer_email: request.email,
    locale: options.locale,
    expires_at: options.expiresAt,
    success_url: options.successUrl,
    cancel_url: options.cancelUrl,
    ...CLIENT_COLLECTION,
    metadata: { carnet_request: options.requestId, ...codesMetadata(request.lines.map((l) => l.product.code)) },
    line_items: request.lines.map(({ product, quantity }) => {
      if (product.type === 'libre')
        return { quantity, price_data: { currency: options.currency, unit_amount: product.priceCents, product_data: { name: product.name } } };
      const price = priceIdOf(product);
      if (price) return { price, quantity };
      return {
        quantity,
        price_data: {
          currency: options.currency,
          unit_amount: product.priceCents,
          product_data: { name: product.name, metadata: { product_code: product.code } },
        },
      };
    }),
  };
}

/** A request id from what was asked, stable for 10 minutes: two clicks on the same form make one session. */
export function defaultRequestId(request: ValidRequest, nowMs: number, digest: (text: string) => string): string {
  const what = `${request.email}|${request.lines
    .map((l) => (l.product.type === 'libre' ? `${l.product.name}=${l.product.priceCents}` : `${l.product.code}x${l.quantity}`))
    .sort()
    .join(',')}|${Math.floor(nowMs / 600000)}`;
  return digest(what);
}

export type ReminderDue = 'first' | 'second' | null;

/** Which reminder is due for a pending request created at `createdMs`, reminded `sent` times, expiring at `expiresMs`. */
export function reminderDue(
  state: { createdMs: number; expiresMs: number; sent: number },
  nowMs: number,
  settings: { reminderAfterHours: number | null; secondReminderAfterHours: number | null },
): ReminderDue {
  if (nowMs >= state.expiresMs) return null;
  const age = nowMs - state.createdMs;
  const hour = 3600 * 1000;
  if (state.sent === 0 && settings.reminderAfterHours !== null && age >= settings.reminderAfterHours * hour) return 'first';
  if (state.sent === 1 && settings.secondReminderAfterHours !== null && age >= settings.secondReminderAfterHours * hour) return 'second';
  return null;
}

/** "3 h 05 min" / "45 min": the time a link stays valid, for the reminder. */
export function timeLeft(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  // The same in both languages.
  return `${h} h ${String(m).padStart(2, '0')} min`;
}
