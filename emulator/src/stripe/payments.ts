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

/** Test API: a card refund the bank has not confirmed yet (SEPA debit refunds always start pending). */
export interface RefundOptions {
  pending?: boolean;
}

export interface RefundOutcome {
  refund: JsonObject;
  event: JsonObject;
}

/** POST /v1/refunds: `refund.created` then `charge.refunded` (amount_refunded, refunded). */
export function createRefund(store: StripeStore, input: RefundInput, origin: Origin, options: RefundOptions = {}): RefundOutcome {
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
  const txn = shapes.balanceTransaction({
    id: store.ids.id('txn'),
    created: now,
    amount: -amount,
    currency,
    source: refundId,
    type: 'refund',
    fee: 0,
    description: 'REFUND FOR CHARGE',
  });
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
      customer: typeof charge.data.customer === 'string' ? charge.data.customer : null,
      paymentMethod: typeof charge.data.payment_method === 'string' ? charge.data.payment_method : null,
      paymentIntent: intent?.id ?? null,
      balanceTransaction: String(txn.id),
      kind,
      reason: input.reason ?? null,
      metadata: input.metadata ?? {},
      pending: options.pending,
    }),
  );
  store.emit('refund.created', refund, origin);
  const previous = store.update(charge, { amount_refunded: already + amount, refunded: already + amount === total });
  const event = store.emit('charge.refunded', charge, origin, previous);
  return { refund: clone(refund.data), event };
}

export const REFUND_FAILURE_REASONS = [
  'charge_for_pending_refund_disputed',
  'declined',
  'expired_or_canceled_card',
  'insufficient_funds',
  'lost_or_stolen_card',
  'merchant_request',
  'unknown',
] as const;

export type RefundFailureReason = (typeof REFUND_FAILURE_REASONS)[number];

function pendingRefund(store: StripeStore, refundId: string): { refund: StoredObject; charge: StoredObject; origin: Origin } {
  const refund = store.find(refundId);
  if (!refund || refund.type !== 'refund') throw new Error(`FakeStripe: no refund ${refundId}`);
  if (refund.data.status !== 'pending')
    throw new Error(`FakeStripe: ${refundId} is ${String(refund.data.status)}, not pending (refund with { pending: true } first)`);
  const charge = store.find(String(refund.data.charge));
  if (!charge) throw new Error(`FakeStripe: no charge for ${refundId}`);
  return { refund, charge, origin: { livemode: refund.livemode, request: { id: null, idempotency_key: null } } };
}

/**
 * The bank refuses a pending refund (docs.stripe.com/refunds#failed-refunds): status failed, its
 * `failure_reason`, a balance transaction giving the money back, the charge's `amount_refunded`
 * lowered; `charge.refund.updated`, `refund.updated`, then `refund.failed`.
 */
export function failRefund(
  store: StripeStore,
  refundId: string,
  reason: RefundFailureReason = 'expired_or_canceled_card',
): { refund: JsonObject; event: JsonObject } {
  const { refund, charge, origin } = pendingRefund(store, refundId);
  const amount = Number(refund.data.amount);
  const currency = String(refund.data.currency);
  const txn = shapes.balanceTransaction({
    id: store.ids.id('txn'),
    created: store.now(),
    amount,
    currency,
    source: refund.id,
    type: 'refund_failure',
    fee: 0,
    description: 'REFUND FAILURE',
  });
  store.insert('balance_transaction', refund.livemode, txn);
  const previous = store.update(refund, { failure_balance_transaction: String(txn.id), failure_reason: reason, status: 'failed' });
  const refunded = Number(charge.data.amount_refunded) - amount;
  store.update(charge, { amount_refunded: refunded, refunded: false });
  store.emit('charge.refund.updated', refund, origin, previous);
  store.emit('refund.updated', refund, origin, previous);
  const event = store.emit('refund.failed', refund, origin, previous);
  return { refund: clone(refund.data), event };
}

/** The bank confirms a pending refund: status succeeded; `charge.refund.updated` and `refund.updated`. */
export function succeedRefund(store: StripeStore, refundId: string): { refund: JsonObject; event: JsonObject } {
  const { refund, origin } = pendingRefund(store, refundId);
  const previous = store.update(refund, { status: 'succeeded' });
  store.emit('charge.refund.updated', refund, origin, previous);
  const event = store.emit('refund.updated', refund, origin, previous);
  return { refund: clone(refund.data), event };
}

export const DISPUTE_REASONS = [
  'bank_cannot_process',
  'check_returned',
  'credit_not_processed',
  'customer_initiated',
  'debit_not_authorized',
  'duplicate',
  'fraudulent',
  'general',
  'incorrect_account_details',
  'insufficient_funds',
  'product_not_received',
  'product_unacceptable',
  'subscription_canceled',
  'unrecognized',
] as const;

export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** The cardholder's bank opens a chargeback: `charge.dispute.created`, then `charge.dispute.funds_withdrawn`. */
export function openDispute(
  store: StripeStore,
  chargeOrIntent: string,
  options: { reason?: DisputeReason; amount?: number },
): { dispute: JsonObject; event: JsonObject } {
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
  const txn = shapes.balanceTransaction({
    id: store.ids.id('txn'),
    created: now,
    amount: -amount,
    currency,
    source: dispute.id,
    type: 'adjustment',
    fee: 1500,
    description: `Chargeback withdrawal for ${charge.id}`,
  });
  store.insert('balance_transaction', charge.livemode, txn);
  const previous = store.update(dispute, { balance_transactions: [clone(txn)] });
  store.emit('charge.dispute.funds_withdrawn', dispute, origin, previous);
  return { dispute: clone(dispute.data), event };
}

export type DisputeOutcome = 'won' | 'lost' | 'warning_closed';

/**
 * The dispute ends (docs.stripe.com/disputes/how-disputes-work): won, the money comes back
 * (`charge.dispute.funds_reinstated`, then `charge.dispute.closed`); lost, it stays with the
 * cardholder (`charge.dispute.closed`); an inquiry closed without chargeback is `warning_closed`.
 */
export function closeDispute(store: StripeStore, disputeId: string, outcome: DisputeOutcome): { dispute: JsonObject; event: JsonObject } {
  const dispute = store.find(disputeId);
  if (!dispute || dispute.type !== 'dispute') throw new Error(`FakeStripe: no dispute ${disputeId}`);
  if (['won', 'lost', 'warning_closed'].includes(String(dispute.data.status)))
    throw new Error(`FakeStripe: ${disputeId} is already closed (${String(dispute.data.status)})`);
  const origin: Origin = { livemode: dispute.livemode, request: { id: null, idempotency_key: null } };
  if (outcome === 'won') {
    const amount = Number(dispute.data.amount);
    const currency = String(dispute.data.currency);
    const txn = shapes.balanceTransaction({
      id: store.ids.id('txn'),
      created: store.now(),
      amount: amount + 1500,
      currency,
      source: dispute.id,
      type: 'adjustment',
      fee: -1500,
      description: `Chargeback reversal for ${String(dispute.data.charge)}`,
    });
    store.insert('balance_transaction', dispute.livemode, txn);
    const before = store.update(dispute, { balance_transactions: [...(dispute.data.balance_transactions as JsonObject[]), clone(txn)] });
    store.emit('charge.dispute.funds_reinstated', dispute, origin, before);
  }
  const previous = store.update(dispute, { status: outcome });
  const event = store.emit('charge.dispute.closed', dispute, origin, previous);
  return { dispute: clone(dispute.data), event };
}
