// Reading a Checkout Session as Carnet needs it: every line item (page after page, never only the
// first 10) and the charge that paid it (to name the payment method actually used).
import type { CheckoutSession, LineItem, StripeList } from '../../domain/stripe';
import type { StripeApi } from '../../gas/stripeApi';

export type FullSession = CheckoutSession & { line_items: { data: LineItem[] } };

export function fetchSession(api: StripeApi, id: string): FullSession {
  const session = api.get<CheckoutSession & { line_items: StripeList<LineItem> }>(`/v1/checkout/sessions/${id}`, {
    // The discount's name (the promotion code typed, or the coupon) is printed on the invoice beside the reduction.
    expand: ['line_items', 'payment_intent.latest_charge', 'discounts.coupon', 'discounts.promotion_code'],
  });
  const lines = session.line_items;
  if (lines?.has_more) session.line_items = { ...lines, data: api.list<LineItem>(`/v1/checkout/sessions/${id}/line_items`, {}, lines), has_more: false };
  return session;
}
