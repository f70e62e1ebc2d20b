// What a paid Checkout Session bought, checked against the catalogue. Every refusal is a French
// message that tells the admin what to fix; the event is then retried once it is fixed.
import { findByCode, findByStripeId, FREE_LINE_CODE, freeLineProduct, type Product } from './catalogue';
import { normalizeEmail } from './email';
import { idOf, type CheckoutSession, type LineItem, type StripeAddress } from './stripe';
import type { Messages } from '../i18n/messages';
import { ProblemError } from './problem';

export interface PurchaseLine {
  product: Product;
  quantity: number;
  amountCents: number;
  description: string;
}

export interface Purchase {
  sessionId: string;
  paymentIntent: string;
  email: string;
  name: string;
  phone: string;
  customerId: string;
  company: string;
  taxId: string;
  address: string;
  amountCents: number;
  currency: string;
  lines: PurchaseLine[];
}

export class PurchaseError extends ProblemError {}

/**
 * Carnet's own payment requests name their products in metadata, in line order: `product_codes` =
 * "CODE1,CODE2", continued in `product_codes_2`, `product_codes_3`… (a value holds 500 characters at most).
 */
export function metadataCodes(session: CheckoutSession): string[] {
  const m = session.metadata ?? {};
  const chunks: string[] = [];
  if (m.product_codes) {
    for (let n = 1; n === 1 || m[`product_codes_${n}`]; n++) chunks.push(n === 1 ? m.product_codes : m[`product_codes_${n}`]);
  } else if (m.product_code) chunks.push(m.product_code);
  return chunks
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function formatAddress(a: StripeAddress | null | undefined): string {
  if (!a) return '';
  const city = [a.postal_code, a.city].filter(Boolean).join(' ');
  return [a.line1, a.line2, city, a.state, a.country && a.country !== 'FR' ? a.country : ''].filter(Boolean).join(', ');
}

/** The payer's address, normalised: the one typed at checkout, else the one the session was made for. */
export function sessionEmail(session: CheckoutSession): string {
  return normalizeEmail(session.customer_details?.email ?? session.customer_email);
}

export function readPurchase(
  session: CheckoutSession,
  lineItems: readonly LineItem[],
  products: readonly Product[],
  currency: string,
  text: Messages,
): Purchase {
  const details = session.customer_details ?? {};
  const email = sessionEmail(session);
  if (!email) {
    throw new PurchaseError(text.purchaseNoEmail(session.id));
  }
  const sessionCurrency = (session.currency ?? '').toLowerCase();
  if (sessionCurrency !== currency.toLowerCase()) {
    throw new PurchaseError(text.purchaseCurrency(session.id, sessionCurrency.toUpperCase(), currency.toUpperCase()));
  }
  if (lineItems.length === 0) {
    throw new PurchaseError(text.purchaseEmpty(session.id));
  }
  const codes = metadataCodes(session);
  const lines = lineItems.map((item, i): PurchaseLine => {
    const quantity = item.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity <= 0) throw new PurchaseError(text.purchaseBadQuantity(session.id, String(quantity)));
    if (codes[i] === FREE_LINE_CODE) {
      // A free amount of Carnet's own request: its label is the line's description, its price what Stripe charged.
      const label = (item.description ?? '').trim() || text.purchaseFreeLine;
      return { product: freeLineProduct(label, item.price?.unit_amount ?? item.amount_total), quantity, amountCents: item.amount_total, description: label };
    }
    const priceId = item.price?.id ?? '';
    const productId = idOf(item.price?.product ?? null);
    const product = findByStripeId(products, priceId, productId) ?? (codes[i] ? findByCode(products, codes[i]) : undefined);
    if (!product) {
      const what =
        [priceId && `le prix ${priceId}`, productId && `le produit ${productId}`].filter(Boolean).join(' / ') || `l'article « ${item.description ?? ''} »`;
      throw new PurchaseError(text.purchaseUnknownProduct(what));
    }
    return { product, quantity, amountCents: item.amount_total, description: product.name };
  });
  return {
    sessionId: session.id,
    paymentIntent: idOf(session.payment_intent),
    email,
    name: (details.name ?? '').trim(),
    phone: (details.phone ?? '').trim(),
    customerId: idOf(session.customer),
    company: (details.business_name ?? '').trim(),
    taxId: (details.tax_ids ?? [])
      .map((t) => t.value ?? '')
      .filter(Boolean)
      .join(', '),
    address: formatAddress(details.address),
    amountCents: session.amount_total ?? lineItems.reduce((s, l) => s + l.amount_total, 0),
    currency: sessionCurrency,
    lines,
  };
}

/** Credits one line grants: lessons only. */
export function lineCredits(line: PurchaseLine): number {
  return line.product.type === 'cours' ? line.product.credits * line.quantity : 0;
}

/** Credits a purchase grants, per line of type cours. */
export function creditLines(purchase: Purchase): Array<{ index: number; line: PurchaseLine; credits: number }> {
  return purchase.lines.map((line, index) => ({ index, line, credits: lineCredits(line) })).filter((x) => x.credits > 0);
}

interface Described {
  quantity: number;
  product: { name: string };
}

/** "2 × Pack 10 cours": one line of a purchase or a payment request. */
export function describeLine(line: Described): string {
  return `${line.quantity} × ${line.product.name}`;
}

export function describeLines(order: { lines: readonly Described[] }): string {
  return order.lines.map(describeLine).join(', ');
}
