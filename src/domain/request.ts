// Payment requests made from the sheet: checking what the admin typed, the Checkout Session to ask
// Stripe for, and when a pending request is reminded.
import { findByCode, type Product } from './catalogue';
import { isValidEmail, normalizeEmail } from './email';
import { ProblemError } from './problem';
import type { RequestText } from '../i18n/requestText';
import type { Locale } from '../i18n/invoiceText';

export interface RequestItemInput {
  code: string;
  quantity: number;
}

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

export function validateRequest(input: unknown, products: readonly Product[], text: RequestText): ValidRequest {
  const i = (input ?? {}) as Partial<RequestInput>;
  const email = normalizeEmail(i.email);
  if (!isValidEmail(email)) throw new ProblemError(text.badEmail(String(i.email ?? '')));
  const items = Array.isArray(i.items) ? i.items : [];
  if (items.length === 0) throw new ProblemError(text.noItem);
  const lines = items.map((item) => {
    const code = String(item?.code ?? '').trim();
    const product = findByCode(products, code);
    if (!product) throw new ProblemError(text.unknownProduct(code));
    if (!product.active) throw new ProblemError(text.inactiveProduct(code));
    const quantity = Number(item?.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) throw new ProblemError(text.badQuantity(code, String(item?.quantity ?? '')));
    if (product.priceCents < 50) throw new ProblemError(text.priceTooLow(code));
    return { product, quantity };
  });
  return { email, name: String(i.name ?? '').trim(), lines, amountCents: lines.reduce((s, l) => s + l.product.priceCents * l.quantity, 0) };
}

export function priceIdOf(product: Product): string | undefined {
  return product.stripeIds.find((id) => id.startsWith('price_'));
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
    metadata: { carnet_request: options.requestId, product_codes: request.lines.map((l) => l.product.code).join(',') },
    line_items: request.lines.map(({ product, quantity }) => {
      const price = priceIdOf(product);
      if (price) return { price, quantity };
      return {
        quantity,
        price_data: { currency: options.currency, unit_amount: product.priceCents, product_data: { name: product.name, metadata: { product_code: product.code } } },
      };
    }),
  };
}

/** A request id from what was asked, stable for 10 minutes: two clicks on the same form make one session. */
export function defaultRequestId(request: ValidRequest, nowMs: number, digest: (text: string) => string): string {
  const what = `${request.email}|${request.lines.map((l) => `${l.product.code}x${l.quantity}`).sort().join(',')}|${Math.floor(nowMs / 600000)}`;
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
