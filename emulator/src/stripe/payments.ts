// Refunds (full or partial, several allowed, never more than what is left) and disputes.
import { invalid, refused } from './errors';
import { money } from './checkout';
import * as shapes from './objects';
import { DAY_S, JsonObject, PaymentMethodKind } from './objects';
import { clone, Origin, StoredObject, StripeStore } from './store';

/** The charge a refund or dispute is about: a `ch_…` id, or a `pi_…` id (its latest charge). */
export function resolveCharge(store: StripeStore, id: string, livemode: boolean, param: string): { charge: StoredObject; intent: StoredObject | null } {
  if (id.startsWith('pi_')) {
    const intent = store.get('payment_intent', id, livemode, param);
    const latest = intent.data.latest_charge;
    const charge = typeof latest === 'string' ? store.find(latest) : undefined;
    if (!charge || charge.data.status !== 'succeeded') throw refused('This PaymentIntent does not have a successful charge to refund.', param);
    return { charge, intent };
  }
  const charge = store.get('charge', id, livemode, param);
  const pi = charge.data.payment_intent;
  return { charge, intent: typeof pi === 'string' ? (store.find(pi) ?? null) : null };
}

export interface RefundInput {
  charge?: string | null;
  payment_intent?: string | null;
  amount?: number | null;
  reason?: string | null;
  metadata?: JsonObject;
}

export interface RefundOutcome {
  refund: JsonObject;
  event: JsonObject;
}

/** POST /v1/refunds: `refund.created` then `charge.refunded` (amount_refunded, refunded). */
export function createRefund(store: StripeStore, input: RefundInput, origin: Origin): RefundOutcome {
  if (input.charge && input.payment_intent) throw invalid('You may only specify one of these parameters: charge, payment_intent.', 'charge');
  const target = input.charge ?? input.payment_intent;
  if (!target) throw invalid('One of the following params should be provided for this request: payment_intent or charge.', 'charge');
  const { charge, intent } = resolveCharge(store, target, origin.livemode, input.charge ? 'charge' : 'payment_intent');
  const currency = String(charge.data.currency);
  if (charge.data.status !== 'succeeded') throw refused(`Charge ${charge.id} has not succeeded and cannot be refunded.`, 'charge');
  if (charge.data.disputed === true) throw refused(`Charge ${charge.id} has been charged back; cannot issue a refund.`, undefined, 'charge_disputed');
  const total = Number(charge.data.amount);
  const already = Number(charge.data.amount_refunded);
  const remaining = total - already;
  if (remaining <= 0) throw refused(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
  const amount = input.amount ?? remaining;
  if (amount > remaining) {
    throw refused(`Refund amount (${money(amount, currency)}) is greater than unrefunded amount on charge (${money(remaining, currency)})`, 'amount');
  }
  const now = store.now();
  const refundId = store.ids.id('re');
  const txn = shapes.balanceTransaction({ id: store.ids.id('txn'), created: now, amount: -amount, currency, source: refundId, type: 'refund', fee: 0, description: 'REFUND FOR CHARGE' });
  store.insert('balance_transaction', charge.livemode, txn);
  const kind = (charge.hidden.kind as PaymentMethodKind | undefined) ?? 'card';
  const refund = store.insert(
    'refund',
    charge.livemode,
    shapes.refund({
      id: refundId,
      created: now,
      amount,
      currency,
      charge: charge.id,
      paymentIntent: intent?.id ?? null,
      balanceTransaction: String(txn.id),
      kind,
      reason: input.reason ?? null,
      metadata: input.metadata ?? {},
    }),
  );
  store.emit('refund.created', refund, origin);
  const previous = store.update(charge, { amount_refunded: already + amount, refunded: already + amount === total });
  const event = store.emit('charge.refunded', charge, origin, previous);
  return { refund: clone(refund.data), event };
}

export const DISPUTE_REASONS = [
  'bank_cannot_process', 'check_returned', 'credit_not_processed', 'customer_initiated', 'debit_not_authorized', 'duplicate',
  'fraudulent', 'general', 'incorrect_account_details', 'insufficient_funds', 'product_not_received', 'product_unacceptable',
  'subscription_canceled', 'unrecognized',
] as const;

export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** The cardholder's bank opens a chargeback: `charge.dispute.created`, then `charge.dispute.funds_withdrawn`. */
export function openDispute(store: StripeStore, chargeOrIntent: string, options: { reason?: DisputeReason; amount?: number }): { dispute: JsonObject; event: JsonObject } {
  const found = store.find(chargeOrIntent);
  if (!found) throw new Error(`FakeStripe: no charge or PaymentIntent ${chargeOrIntent}`);
  const { charge, intent } = resolveCharge(store, chargeOrIntent, found.livemode, 'charge');
  if (charge.data.disputed === true) throw new Error(`FakeStripe: ${charge.id} is already disputed`);
  const origin: Origin = { livemode: charge.livemode, request: { id: null, idempotency_key: null } };
  const now = store.now();
  const amount = options.amount ?? Number(charge.data.amount) - Number(charge.data.amount_refunded);
  const currency = String(charge.data.currency);
  // Evidence is due by the end of a day, about a week later (fixture: due_by 23:59:59).
  const dueBy = Math.floor((now + 7 * DAY_S) / DAY_S) * DAY_S + DAY_S - 1;
  const dispute = store.insert(
    'dispute',
    charge.livemode,
    shapes.dispute({
      id: store.ids.id('dp'),
      created: now,
      livemode: charge.livemode,
      amount,
      currency,
      charge: charge.id,
      paymentIntent: intent?.id ?? null,
      reason: options.reason ?? 'fraudulent',
      dueBy,
      kind: (charge.hidden.kind as PaymentMethodKind | undefined) ?? 'card',
    }),
  );
  store.update(charge, { disputed: true });
  const event = store.emit('charge.dispute.created', dispute, origin);
  const txn = shapes.balanceTransaction({ id: store.ids.id('txn'), created: now, amount: -amount, currency, source: dispute.id, type: 'adjustment', fee: 1500, description: `Chargeback withdrawal for ${charge.id}` });
  store.insert('balance_transaction', charge.livemode, txn);
  const previous = store.update(dispute, { balance_transactions: [clone(txn)] });
  store.emit('charge.dispute.funds_withdrawn', dispute, origin, previous);
  return { dispute: clone(dispute.data), event };
}

/** The dispute ends: `charge.dispute.closed` (status won or lost). */
export function closeDispute(store: StripeStore, disputeId: string, outcome: 'won' | 'lost'): { dispute: JsonObject; event: JsonObject } {
  const dispute = store.find(disputeId);
  if (!dispute || dispute.type !== 'dispute') throw new Error(`FakeStripe: no dispute ${disputeId}`);
  const origin: Origin = { livemode: dispute.livemode, request: { id: null, idempotency_key: null } };
  const previous = store.update(dispute, { status: outcome });
  const event = store.emit('charge.dispute.closed', dispute, origin, previous);
  return { dispute: clone(dispute.data), event };
}
