// Object shapes, copied from Stripe's published fixtures (shared/stripe-fixtures/*.json) and
// adjusted to what a real object of the mode and state holds. Field order follows the API's.

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** The API version the fake answers with (and stamps on events). */
export const API_VERSION = '2026-03-25.dahlia';

export const DAY_S = 24 * 60 * 60;

export function emptyAddress(): JsonObject {
  return { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };
}

export function address(input: JsonObject | null | undefined): JsonObject | null {
  if (!input) return null;
  const base = emptyAddress();
  for (const key of Object.keys(base)) if (typeof input[key] === 'string') base[key] = input[key];
  return base;
}

export function list(url: string, data: JsonObject[], hasMore = false): JsonObject {
  return { object: 'list', data, has_more: hasMore, url };
}

export interface PriceInput {
  id: string;
  created: number;
  livemode: boolean;
  currency: string;
  unitAmount: number;
  product: string;
  active?: boolean;
  metadata?: JsonObject;
  nickname?: string | null;
  lookupKey?: string | null;
  taxBehavior?: string | null;
}

export function price(p: PriceInput): JsonObject {
  return {
    id: p.id,
    object: 'price',
    active: p.active ?? true,
    billing_scheme: 'per_unit',
    created: p.created,
    currency: p.currency,
    custom_unit_amount: null,
    livemode: p.livemode,
    lookup_key: p.lookupKey ?? null,
    metadata: p.metadata ?? {},
    nickname: p.nickname ?? null,
    product: p.product,
    recurring: null,
    tax_behavior: p.taxBehavior ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'one_time',
    unit_amount: p.unitAmount,
    unit_amount_decimal: String(p.unitAmount),
  };
}

export interface ProductInput {
  id: string;
  created: number;
  livemode: boolean;
  name: string;
  active?: boolean;
  description?: string | null;
  metadata?: JsonObject;
  images?: Json[];
  url?: string | null;
  unitLabel?: string | null;
  taxCode?: string | null;
}

export function product(p: ProductInput): JsonObject {
  return {
    id: p.id,
    object: 'product',
    active: p.active ?? true,
    created: p.created,
    default_price: null,
    description: p.description ?? null,
    images: p.images ?? [],
    livemode: p.livemode,
    marketing_features: [],
    metadata: p.metadata ?? {},
    name: p.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: p.taxCode ?? null,
    type: 'service',
    unit_label: p.unitLabel ?? null,
    updated: p.created,
    url: p.url ?? null,
  };
}

export interface CustomerInput {
  id: string;
  created: number;
  livemode: boolean;
  invoicePrefix: string;
  email?: string | null;
  name?: string | null;
  phone?: string | null;
  description?: string | null;
  address?: JsonObject | null;
  metadata?: JsonObject;
  preferredLocales?: Json[];
}

export function customer(c: CustomerInput): JsonObject {
  return {
    id: c.id,
    object: 'customer',
    address: address(c.address),
    balance: 0,
    created: c.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: c.description ?? null,
    discount: null,
    email: c.email ?? null,
    invoice_prefix: c.invoicePrefix,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: c.livemode,
    metadata: c.metadata ?? {},
    name: c.name ?? null,
    next_invoice_sequence: 1,
    phone: c.phone ?? null,
    preferred_locales: c.preferredLocales ?? [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export interface LineItemInput {
  id: string;
  price: JsonObject;
  quantity: number;
  description: string;
  metadata?: JsonObject;
}

/** A Checkout line item (`object: "item"`, fixture item.json): the full price object is embedded. */
export function lineItem(l: LineItemInput): JsonObject {
  const subtotal = Number(l.price.unit_amount) * l.quantity;
  return {
    id: l.id,
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: subtotal,
    amount_tax: 0,
    amount_total: subtotal,
    currency: l.price.currency,
    description: l.description,
    metadata: l.metadata ?? {},
    price: l.price,
    quantity: l.quantity,
  };
}

export interface SessionInput {
  id: string;
  created: number;
  livemode: boolean;
  expiresAt: number;
  url: string;
  currency: string;
  amount: number;
  params: JsonObject;
  paymentLink?: string | null;
}

function str(params: JsonObject, key: string): Json {
  return typeof params[key] === 'string' ? params[key] : null;
}

/** `tax_id_collection` as Stripe echoes it: `{ enabled, required }`. */
export function taxIdCollection(p: JsonObject | null | undefined): JsonObject {
  return { enabled: p?.enabled === true, required: typeof p?.required === 'string' ? p.required : 'never' };
}

/** `name_collection` as Stripe echoes it: `{ business: { enabled, optional }, individual: { enabled, optional } }`. */
export function nameCollection(p: JsonObject | null | undefined): JsonObject {
  const one = (x: Json | undefined): JsonObject => {
    const o = (x && typeof x === 'object' && !Array.isArray(x) ? x : {}) as JsonObject;
    return { enabled: o.enabled === true, optional: o.optional === true };
  };
  return { business: one(p?.business), individual: one(p?.individual) };
}

/** A Checkout Session as created (status open): no PaymentIntent yet, no customer details. */
export function checkoutSession(s: SessionInput): JsonObject {
  const p = s.params;
  const email = str(p, 'customer_email');
  const customerId = str(p, 'customer');
  return {
    id: s.id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: typeof p.allow_promotion_codes === 'boolean' ? p.allow_promotion_codes : null,
    amount_subtotal: s.amount,
    amount_total: s.amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: str(p, 'billing_address_collection'),
    cancel_url: str(p, 'cancel_url'),
    client_reference_id: str(p, 'client_reference_id'),
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: s.created,
    currency: s.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customerId,
    customer_account: null,
    customer_creation: customerId ? null : (str(p, 'customer_creation') ?? 'if_required'),
    customer_details: null, // filled in when the customer completes the payment page
    customer_email: email,
    discounts: [],
    expires_at: s.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: {
      enabled: false,
      invoice_data: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: null, metadata: {}, rendering_options: null },
    },
    livemode: s.livemode,
    locale: str(p, 'locale'),
    managed_payments: { enabled: false },
    metadata: (p.metadata as JsonObject | undefined) ?? {},
    mode: 'payment',
    ...(p.name_collection ? { name_collection: nameCollection(p.name_collection as JsonObject) } : {}),
    origin_context: null,
    payment_intent: null,
    payment_link: s.paymentLink ?? null,
    payment_method_collection: 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: Array.isArray(p.payment_method_types) ? p.payment_method_types : [...DEFAULT_METHODS],
    payment_status: 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: str(p, 'submit_type'),
    subscription: null,
    success_url: str(p, 'success_url'),
    ...(p.tax_id_collection ? { tax_id_collection: taxIdCollection(p.tax_id_collection as JsonObject) } : {}),
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted_page',
    url: s.url,
    wallet_options: null,
  };
}

/** Card, SEPA debit (delayed: the charge stays pending until the bank answers), and two wallets, PayPal and Link. */
export type PaymentMethodKind = 'card' | 'sepa_debit' | 'paypal' | 'link';

/** The methods a session offers when it names none (dynamic payment methods of a French account). */
export const DEFAULT_METHODS: PaymentMethodKind[] = ['card', 'link', 'paypal', 'sepa_debit'];

/** Whether the money is there at once (card, wallets) or days later (SEPA debit). */
export function isDelayed(kind: PaymentMethodKind): boolean {
  return kind === 'sepa_debit';
}

export interface PaymentIntentInput {
  id: string;
  clientSecret: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  customer: string | null;
  paymentMethod: string;
  kind: PaymentMethodKind;
  status: 'succeeded' | 'processing' | 'requires_payment_method';
  latestCharge: string | null;
  metadata?: JsonObject;
  description?: string | null;
  receiptEmail?: string | null;
}

export function paymentIntent(p: PaymentIntentInput): JsonObject {
  return {
    id: p.id,
    object: 'payment_intent',
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: p.status === 'succeeded' ? p.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: p.clientSecret,
    confirmation_method: 'automatic',
    created: p.created,
    currency: p.currency,
    customer: p.customer,
    customer_account: null,
    description: p.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: p.latestCharge,
    livemode: p.livemode,
    managed_payments: { enabled: false },
    metadata: p.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: p.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options:
      p.kind === 'card' ? { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } } : { [p.kind]: {} },
    payment_method_types: [p.kind],
    processing: null,
    receipt_email: p.receiptEmail ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: p.status,
    transfer_data: null,
    transfer_group: null,
  };
}

export interface BillingDetails {
  email: string | null;
  name: string | null;
  phone: string | null;
  address: JsonObject | null;
}

export interface ChargeInput {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  customer: string | null;
  paymentIntent: string;
  paymentMethod: string;
  kind: PaymentMethodKind;
  status: 'succeeded' | 'pending' | 'failed';
  balanceTransaction: string | null;
  billing: BillingDetails;
  fingerprint: string;
  mandate: string | null;
  receiptUrl: string;
  receiptNumber?: string | null;
  metadata?: JsonObject;
  description?: string | null;
}

function paymentMethodDetails(c: ChargeInput): JsonObject {
  if (c.kind === 'paypal') {
    return {
      paypal: {
        country: 'FR',
        payer_email: c.billing.email,
        payer_id: c.fingerprint.toUpperCase().slice(0, 13),
        payer_name: c.billing.name,
        seller_protection: { dispute_categories: ['product_not_received', 'fraudulent'], status: 'eligible' },
        transaction_id: c.fingerprint.toUpperCase(),
      },
      type: 'paypal',
    };
  }
  if (c.kind === 'link') return { link: { country: 'FR' }, type: 'link' };
  if (c.kind === 'sepa_debit') {
    return {
      sepa_debit: { bank_code: '37040044', branch_code: '', country: 'DE', fingerprint: c.fingerprint, last4: '3000', mandate: c.mandate },
      type: 'sepa_debit',
    };
  }
  return {
    card: {
      amount_authorized: c.amount,
      authorization_code: null,
      brand: 'visa',
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      exp_month: 12,
      exp_year: 2034,
      extended_authorization: { status: 'disabled' },
      fingerprint: c.fingerprint,
      funding: 'credit',
      incremental_authorization: { status: 'unavailable' },
      installments: null,
      last4: '4242',
      mandate: null,
      multicapture: { status: 'unavailable' },
      network: 'visa',
      network_token: { used: false },
      network_transaction_id: null,
      overcapture: { maximum_amount_capturable: c.amount, status: 'unavailable' },
      regulated_status: 'unregulated',
      three_d_secure: null,
      transaction_link_id: null,
      wallet: null,
    },
    type: 'card',
  };
}

/** A charge (fixture charge.json). `refunds` is not included: it has been expandable-only since 2022-11-15. */
export function charge(c: ChargeInput): JsonObject {
  const failed = c.status === 'failed';
  return {
    id: c.id,
    object: 'charge',
    amount: c.amount,
    amount_captured: failed ? 0 : c.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: c.balanceTransaction,
    billing_details: { address: c.billing.address ?? emptyAddress(), email: c.billing.email, name: c.billing.name, phone: c.billing.phone, tax_id: null },
    calculated_statement_descriptor: 'CARNET',
    captured: !failed,
    created: c.created,
    currency: c.currency,
    customer: c.customer,
    description: c.description ?? null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failed ? 'insufficient_funds' : null,
    failure_message: failed ? 'The account has insufficient funds to cover the payment.' : null,
    fraud_details: {},
    livemode: c.livemode,
    metadata: c.metadata ?? {},
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: failed ? 'declined_by_network' : 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      seller_message: failed ? 'The bank returned the decline code `insufficient_funds`.' : 'Payment complete.',
      type: failed ? 'issuer_declined' : 'authorized',
    },
    paid: c.status === 'succeeded',
    payment_intent: c.paymentIntent,
    payment_method: c.paymentMethod,
    payment_method_details: paymentMethodDetails(c),
    radar_options: {},
    receipt_email: null,
    receipt_number: c.receiptNumber ?? null,
    receipt_url: c.receiptUrl,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: c.status,
    transfer_data: null,
    transfer_group: null,
  };
}

/** Stripe's standard European card pricing (1.5 % + 0.25 €), enough for plausible `fee`/`net`. */
export function stripeFee(amount: number): number {
  return Math.round(amount * 0.015) + 25;
}

export function balanceTransaction(b: {
  id: string;
  created: number;
  amount: number;
  currency: string;
  source: string;
  type: 'charge' | 'refund' | 'refund_failure' | 'adjustment';
  fee: number;
  description?: string | null;
}): JsonObject {
  return {
    id: b.id,
    object: 'balance_transaction',
    amount: b.amount,
    available_on: b.created + 7 * DAY_S,
    balance_type: 'payments',
    created: b.created,
    currency: b.currency,
    description: b.description ?? null,
    exchange_rate: null,
    fee: b.fee,
    fee_details: b.fee ? [{ amount: b.fee, application: null, currency: b.currency, description: 'Stripe processing fees', type: 'stripe_fee' }] : [],
    net: b.amount - b.fee,
    reporting_category: b.type === 'adjustment' ? 'dispute' : b.type,
    source: b.source,
    status: 'pending',
    type: b.type,
  };
}

export function refund(r: {
  id: string;
  created: number;
  amount: number;
  currency: string;
  charge: string;
  customer: string | null;
  paymentMethod: string | null;
  paymentIntent: string | null;
  balanceTransaction: string;
  kind: PaymentMethodKind;
  reason: string | null;
  metadata?: JsonObject;
  /** A refund the bank has not confirmed yet (always for SEPA debit; for a card, when asked). */
  pending?: boolean;
}): JsonObject {
  return {
    id: r.id,
    object: 'refund',
    amount: r.amount,
    balance_transaction: r.balanceTransaction,
    charge: r.charge,
    created: r.created,
    currency: r.currency,
    customer: r.customer,
    customer_account: null,
    destination_details:
      r.kind === 'card'
        ? { card: { reference: null, reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' }
        : { [r.kind]: {}, type: r.kind },
    metadata: r.metadata ?? {},
    payment_intent: r.paymentIntent,
    payment_method: r.paymentMethod,
    reason: r.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: (r.pending ?? isDelayed(r.kind)) ? 'pending' : 'succeeded',
    transfer_reversal: null,
  };
}

const EVIDENCE_KEYS = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_communication',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'customer_signature',
  'duplicate_charge_documentation',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'receipt',
  'refund_policy',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'service_documentation',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_documentation',
  'shipping_tracking_number',
  'uncategorized_file',
  'uncategorized_text',
];

export function dispute(d: {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  charge: string;
  paymentIntent: string | null;
  reason: string;
  dueBy: number;
  kind: PaymentMethodKind;
}): JsonObject {
  const evidence: JsonObject = {};
  for (const key of EVIDENCE_KEYS) evidence[key] = null;
  evidence.enhanced_evidence = {};
  return {
    id: d.id,
    object: 'dispute',
    amount: d.amount,
    balance_transactions: [],
    charge: d.charge,
    created: d.created,
    currency: d.currency,
    enhanced_eligibility_types: [],
    evidence,
    evidence_details: { due_by: d.dueBy, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: d.livemode,
    metadata: {},
    payment_intent: d.paymentIntent,
    payment_method_details:
      d.kind === 'card' ? { card: { brand: 'visa', case_type: 'chargeback', network: 'visa', network_reason_code: '10.4' }, type: 'card' } : { type: d.kind },
    reason: d.reason,
    status: 'needs_response',
  };
}

export function paymentLink(l: { id: string; livemode: boolean; url: string; currency: string; params: JsonObject }): JsonObject {
  const p = l.params;
  return {
    id: l.id,
    object: 'payment_link',
    active: true,
    after_completion: { hosted_confirmation: { custom_message: null }, type: 'hosted_confirmation' },
    allow_promotion_codes: p.allow_promotion_codes === true,
    application: null,
    application_fee_amount: null,
    application_fee_percent: null,
    automatic_tax: { enabled: false, liability: null },
    billing_address_collection: str(p, 'billing_address_collection') ?? 'auto',
    consent_collection: null,
    currency: l.currency,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer_creation: str(p, 'customer_creation') ?? 'if_required',
    inactive_message: null,
    invoice_creation: null,
    livemode: l.livemode,
    managed_payments: { enabled: false },
    metadata: (p.metadata as JsonObject | undefined) ?? {},
    ...(p.name_collection ? { name_collection: nameCollection(p.name_collection as JsonObject) } : {}),
    on_behalf_of: null,
    payment_intent_data: null,
    payment_method_collection: 'always',
    payment_method_options: null,
    payment_method_types: null,
    phone_number_collection: { enabled: false },
    restrictions: null,
    shipping_address_collection: null,
    shipping_options: [],
    submit_type: 'auto',
    subscription_data: null,
    tax_id_collection: taxIdCollection(p.tax_id_collection as JsonObject | undefined),
    transfer_data: null,
    url: l.url,
  };
}

export function webhookEndpoint(w: {
  id: string;
  created: number;
  livemode: boolean;
  url: string;
  enabledEvents: Json[];
  description: string | null;
  metadata: JsonObject;
  apiVersion: string | null;
}): JsonObject {
  return {
    id: w.id,
    object: 'webhook_endpoint',
    api_version: w.apiVersion,
    application: null,
    created: w.created,
    description: w.description,
    enabled_events: w.enabledEvents,
    livemode: w.livemode,
    metadata: w.metadata,
    status: 'enabled',
    url: w.url,
  };
}

export function event(e: {
  id: string;
  created: number;
  livemode: boolean;
  type: string;
  object: JsonObject;
  previousAttributes?: JsonObject;
  pendingWebhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}): JsonObject {
  return {
    id: e.id,
    object: 'event',
    api_version: API_VERSION,
    created: e.created,
    data: e.previousAttributes ? { object: e.object, previous_attributes: e.previousAttributes } : { object: e.object },
    livemode: e.livemode,
    pending_webhooks: e.pendingWebhooks,
    request: { id: e.request.id, idempotency_key: e.request.idempotency_key },
    type: e.type,
  };
}
