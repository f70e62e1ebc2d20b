// Reading a Checkout Session as Carnet needs it: every line item (page after page, never only the
// first 10) and the charge that paid it (to name the payment method actually used).
import type { CheckoutSession, LineItem, StripeList } from '../../domain/stripe';
import type { GetRequest, StripeApi } from '../../gas/stripeApi';

export type FullSession = CheckoutSession & { line_items: { data: LineItem[] } };

/** The request fetchSession makes first: the webhook sends it ahead, with the event's (StripeApi.prefetch). */
export function sessionRequest(id: string): GetRequest {
  // The discount's name (the promotion code typed, or the coupon) is printed on the invoice beside the reduction.
  return {
    path: `/v1/checkout/sessions/${id}`,
    params: { expand: ['line_items', 'payment_intent.latest_charge', 'discounts.coupon', 'discounts.promotion_code'] },
  };
}

export function fetchSession(api: StripeApi, id: string): FullSession {
  const request = sessionRequest(id);
  const session = api.get<CheckoutSession & { line_items: StripeList<LineItem> }>(request.path, request.params);
  const lines = session.line_items;
  if (lines?.has_more) session.line_items = { ...lines, data: api.list<LineItem>(`/v1/checkout/sessions/${id}/line_items`, {}, lines), has_more: false };
  return session;
}
