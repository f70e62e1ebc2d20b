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
  /** What this line was charged (after any discount). */
  amountCents: number;
  /** Before the discount (Stripe's unit price × quantity), and the discount taken from it. */
  subtotalCents: number;
  discountCents: number;
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
  /** The promotion code typed, or the coupon's name (or id) given; '' without a discount. */
  discountName: string;
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
    const amounts = lineAmounts(item);
    if (codes[i] === FREE_LINE_CODE) {
      // A free amount of Carnet's own request: its label is the line's description, its price what Stripe charged.
      const label = (item.description ?? '').trim() || text.purchaseFreeLine;
      return { product: freeLineProduct(label, item.price?.unit_amount ?? amounts.subtotalCents), quantity, ...amounts, description: label };
    }
    const priceId = item.price?.id ?? '';
    const productId = idOf(item.price?.product ?? null);
    const byPrice = findByStripeId(products, priceId);
    const byProduct = byPrice ? undefined : findByStripeId(products, productId);
    const product = byPrice ?? byProduct ?? (codes[i] ? findByCode(products, codes[i]) : undefined);
    if (!product) {
      const what =
        [priceId && text.purchasePriceRef(priceId), productId && text.purchaseProductRef(productId)].filter(Boolean).join(' / ') ||
        text.purchaseItemRef(item.description ?? '');
      throw new PurchaseError(text.purchaseUnknownProduct(what));
    }
    // The row names the product, not this price: only the catalogue's price sells the row's pack. Another
    // price of the same product (a cheaper one made in the Dashboard…) waits until the admin says which row sells it.
    const unit = item.price?.unit_amount;
    if (byProduct && typeof unit === 'number' && unit !== product.priceCents) {
      throw new PurchaseError(text.purchaseOtherPrice(priceId, unit, productId, product.name, product.priceCents));
    }
    return { product, quantity, ...amounts, description: product.name };
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
    discountName: discountName(session),
  };
}

/** A line's amounts: before the discount, the discount, and what was charged (items older than discounts: no discount). */
function lineAmounts(item: LineItem): { subtotalCents: number; discountCents: number; amountCents: number } {
  const subtotal = typeof item.amount_subtotal === 'number' ? item.amount_subtotal : item.amount_total;
  const discount = typeof item.amount_discount === 'number' ? item.amount_discount : subtotal - item.amount_total;
  return { subtotalCents: subtotal, discountCents: Math.max(0, discount), amountCents: item.amount_total };
}

/** The name a client knows the discount by: the promotion code they typed, else the coupon's name, else its id. */
export function discountName(session: CheckoutSession): string {
  const d = (session.discounts ?? [])[0];
  if (!d) return '';
  if (d.promotion_code) return typeof d.promotion_code === 'string' ? '' : d.promotion_code.code;
  if (d.coupon) return typeof d.coupon === 'string' ? d.coupon : (d.coupon.name ?? '').trim() || d.coupon.id;
  return '';
}

/** A line's price in the catalogue, for its quantity; null for a free amount (no catalogue price). */
export function cataloguePrice(line: PurchaseLine): number | null {
  return line.product.type === 'libre' ? null : line.product.priceCents * line.quantity;
}

/** The lines whose charged amount is not the catalogue's price (a discount, a price changed since): the admin is told. */
export function offCatalogueLines(purchase: Purchase): PurchaseLine[] {
  return purchase.lines.filter((l) => {
    const price = cataloguePrice(l);
    return price !== null && price !== l.amountCents;
  });
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
