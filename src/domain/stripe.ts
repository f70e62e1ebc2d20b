// Reading Stripe objects: which events Carnet handles, and what a Checkout Session bought.
// Only the fields Carnet uses are typed; everything comes from the API copy, never from the webhook body.

/**
 * The Stripe API version Carnet and the emulator's fake Stripe are written against, sent as the
 * `Stripe-Version` header of every request: responses never change shape when the account's default
 * version is upgraded in the Dashboard.
 */
export const STRIPE_API_VERSION = '2026-03-25.dahlia';

/** Stripe's metadata limits (docs.stripe.com/metadata): 50 keys, keys up to 40 characters, values up to 500. */
export const METADATA_MAX_KEYS = 50;
export const METADATA_MAX_VALUE = 500;

export interface StripeEvent {
  id: string;
  type: string;
  created: number;
  livemode: boolean;
  data: { object: Record<string, unknown> & { id?: string; object?: string } };
}

export interface StripeAddress {
  line1?: string | null;
  line2?: string | null;
  postal_code?: string | null;
  city?: string | null;
  state?: string | null;
  country?: string | null;
}

export interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  amount_total: number | null;
  currency: string | null;
  created: number;
  expires_at?: number;
  customer: string | null | { id: string };
  customer_email: string | null;
  customer_details?: {
    email?: string | null;
    name?: string | null;
    phone?: string | null;
    address?: StripeAddress | null;
    business_name?: string | null;
    tax_ids?: Array<{ type: string; value: string | null }> | null;
  } | null;
  metadata?: Record<string, string> | null;
  mode: string;
  /** A PaymentIntent id, or the PaymentIntent when expanded (`payment_intent.latest_charge` to know how the client paid). */
  payment_intent: string | null | PaymentIntent;
  payment_method_types?: string[];
  /** `no_payment_required`: a no-cost order (100 % off): no PaymentIntent, nothing charged. */
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  /** Before discounts; `amount_total` is after them (what is charged). */
  amount_subtotal?: number | null;
  total_details?: { amount_discount?: number | null } | null;
  /** The coupon or promotion code applied (ids, or the objects when expanded: `discounts.coupon`, `discounts.promotion_code`). */
  discounts?: Array<{ coupon?: string | StripeCoupon | null; promotion_code?: string | StripePromotionCode | null }> | null;
  status: 'open' | 'complete' | 'expired' | null;
  url?: string | null;
  line_items?: { data: LineItem[] };
}

export interface StripeCoupon {
  id: string;
  name?: string | null;
  percent_off?: number | null;
  amount_off?: number | null;
}

export interface StripePromotionCode {
  id: string;
  code: string;
}

export interface LineItem {
  id: string;
  /** After discounts: what this line was charged. */
  amount_total: number;
  /** Before discounts (unit price × quantity), and the discount taken from it; absent in data older than both. */
  amount_subtotal?: number;
  amount_discount?: number;
  currency: string;
  description: string | null;
  quantity: number | null;
  price: { id: string; product: string | { id: string }; unit_amount: number | null } | null;
}

export interface PaymentIntent {
  id: string;
  latest_charge?: string | Charge | null;
}

/** The charge's `payment_method_details`: `type` is how the client paid (card, sepa_debit, paypal, link…). */
export interface PaymentMethodDetails {
  type: string;
  card?: { brand?: string | null; last4?: string | null; wallet?: { type?: string | null } | null } | null;
  sepa_debit?: { last4?: string | null } | null;
  paypal?: { payer_email?: string | null; transaction_id?: string | null } | null;
  [other: string]: unknown;
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_refunded: number;
  currency: string;
  payment_intent: string | null | { id: string };
  payment_method_details?: PaymentMethodDetails | null;
  receipt_number?: string | null;
  refunds?: { data: Refund[] } | null;
  billing_details?: { email?: string | null; name?: string | null } | null;
}

export interface Refund {
  id: string;
  object?: 'refund';
  amount: number;
  created: number;
  /** pending, requires_action, succeeded, failed or canceled. */
  status: string | null;
  failure_reason?: string | null;
  charge?: string | null | { id: string };
  payment_intent?: string | null | { id: string };
}

/** A list page (`GET /v1/…`, or an expanded list such as a session's `line_items`). */
export interface StripeList<T> {
  object?: 'list';
  data: T[];
  has_more: boolean;
  url?: string;
}

export interface Dispute {
  id: string;
  amount: number;
  currency: string;
  charge: string | { id: string };
  payment_intent: string | null | { id: string };
  reason: string;
  /** warning_needs_response, warning_under_review, warning_closed, needs_response, under_review, won or lost. */
  status: string;
  evidence_details?: { due_by: number | null } | null;
}

/** The event types Carnet acts on; the polling backstop asks Stripe for these only. */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'charge.refunded',
  'refund.updated',
  'refund.failed',
  'charge.refund.updated',
  'charge.dispute.created',
  'charge.dispute.closed',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
] as const;

export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

export function isHandled(type: string): type is HandledEventType {
  return (HANDLED_EVENT_TYPES as readonly string[]).includes(type);
}

export function idOf(ref: string | null | undefined | { id: string }): string {
  if (!ref) return '';
  return typeof ref === 'string' ? ref : ref.id;
}

/** The Stripe object an event is about, for the inbox's `Objet` column (payment intent for charges, refunds and disputes, so that held events find their payment). */
export function eventSubject(event: StripeEvent): string {
  const o = event.data.object as Record<string, unknown>;
  if (event.type.startsWith('charge.') || event.type.startsWith('refund.')) return idOf(o.payment_intent as string | null) || String(o.id ?? '');
  return String(o.id ?? '');
}

/** How the client paid, read from the charge (what was used, not what the session allowed). */
export interface PaymentUsed {
  /** Stripe's payment method type: card, sepa_debit, paypal, link… */
  method: string;
  /** Something the client recognises: the receipt number, else the card brand and last 4 digits (IBAN for SEPA, PayPal's transaction id), else ''. */
  reference: string;
}

const CARD_BRANDS: Record<string, string> = {
  amex: 'American Express',
  cartes_bancaires: 'CB',
  diners: 'Diners Club',
  discover: 'Discover',
  eftpos_au: 'eftpos',
  jcb: 'JCB',
  link: 'Link',
  mastercard: 'Mastercard',
  unionpay: 'UnionPay',
  visa: 'Visa',
};

export function paymentUsed(charge: Charge | null | undefined): PaymentUsed | null {
  const details = charge?.payment_method_details;
  if (!charge || !details?.type) return null;
  const receipt = (charge.receipt_number ?? '').trim();
  if (receipt) return { method: details.type, reference: receipt };
  if (details.type === 'card' && details.card?.last4) {
    const brand = CARD_BRANDS[String(details.card.brand ?? '')] ?? String(details.card.brand ?? '');
    return { method: 'card', reference: `${brand} •••• ${details.card.last4}`.trim() };
  }
  if (details.type === 'sepa_debit' && details.sepa_debit?.last4) return { method: 'sepa_debit', reference: `IBAN •••• ${details.sepa_debit.last4}` };
  // PayPal's own transaction id: the client finds it in their PayPal account.
  if (details.type === 'paypal' && details.paypal?.transaction_id) return { method: 'paypal', reference: details.paypal.transaction_id };
  return { method: details.type, reference: '' };
}

/** The latest charge of a session fetched with `expand: ['payment_intent.latest_charge']`, when there is one. */
export function latestCharge(session: CheckoutSession): Charge | null {
  const intent = session.payment_intent;
  if (!intent || typeof intent === 'string') return null;
  const charge = intent.latest_charge;
  return charge && typeof charge === 'object' ? charge : null;
}

/** A secret key's mode: live keys (sk_live_, rk_live_) see only live events, test keys only test events. */
export function isLiveKey(key: string): boolean {
  return /^(sk|rk)_live_/.test(key);
}

export function isPlausibleKey(key: string): boolean {
  return /^(sk|rk)_(live|test)_[0-9A-Za-z]+$/.test(key.trim());
}

/** Event ids come from Stripe as evt_ followed by letters and digits; anything else is refused before any API call. */
export function isEventId(id: unknown): id is string {
  return typeof id === 'string' && /^evt_[0-9A-Za-z]{1,255}$/.test(id);
}
