// Reading Stripe objects: which events Carnet handles, and what a Checkout Session bought.
// Only the fields Carnet uses are typed; everything comes from the API copy, never from the webhook body.

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
  payment_intent: string | null | { id: string };
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired' | null;
  url?: string | null;
  line_items?: { data: LineItem[] };
}

export interface LineItem {
  id: string;
  amount_total: number;
  currency: string;
  description: string | null;
  quantity: number | null;
  price: { id: string; product: string | { id: string }; unit_amount: number | null } | null;
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_refunded: number;
  currency: string;
  payment_intent: string | null | { id: string };
  refunds?: { data: Refund[] } | null;
  billing_details?: { email?: string | null; name?: string | null } | null;
}

export interface Refund {
  id: string;
  amount: number;
  created: number;
  status: string | null;
  charge?: string | null | { id: string };
  payment_intent?: string | null | { id: string };
}

export interface Dispute {
  id: string;
  amount: number;
  currency: string;
  charge: string | { id: string };
  payment_intent: string | null | { id: string };
  reason: string;
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
  'charge.dispute.created',
] as const;

export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

export function isHandled(type: string): type is HandledEventType {
  return (HANDLED_EVENT_TYPES as readonly string[]).includes(type);
}

export function idOf(ref: string | null | undefined | { id: string }): string {
  if (!ref) return '';
  return typeof ref === 'string' ? ref : ref.id;
}

/** The Stripe object an event is about, for the inbox's `Objet` column (payment intent for charges, so that held refunds find their payment). */
export function eventSubject(event: StripeEvent): string {
  const o = event.data.object as Record<string, unknown>;
  if (event.type.startsWith('charge.')) return idOf(o.payment_intent as string | null) || String(o.id ?? '');
  return String(o.id ?? '');
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
