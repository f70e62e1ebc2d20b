// The parameters each emulated endpoint accepts (Stripe's API reference). Parameters the fake
// does not interpret are accepted as sent (`S.any()`); anything else is "Received unknown parameter".
import { LIST_PARAMS, S, Schema } from './schema';

const LOCALES = [
  'auto', 'bg', 'cs', 'da', 'de', 'el', 'en', 'en-GB', 'es', 'es-419', 'et', 'fi', 'fil', 'fr', 'fr-CA', 'hr', 'hu', 'id', 'it',
  'ja', 'ko', 'lt', 'lv', 'ms', 'mt', 'nb', 'nl', 'pl', 'pt', 'pt-BR', 'ro', 'ru', 'sk', 'sl', 'sv', 'th', 'tr', 'vi', 'zh',
  'zh-HK', 'zh-TW',
];

const ADDRESS = S.obj({ city: S.str(), country: S.str(), line1: S.str(), line2: S.str(), postal_code: S.str(), state: S.str() });

const PRODUCT_DATA = S.obj(
  { description: S.str(), images: S.arr(S.str()), metadata: S.meta(), name: S.str(), tax_code: S.str(), tax_details: S.any(), unit_label: S.str() },
  ['name'],
);

const NAME_COLLECTION = S.obj({
  business: S.obj({ enabled: S.bool(), optional: S.bool() }, ['enabled']),
  individual: S.obj({ enabled: S.bool(), optional: S.bool() }, ['enabled']),
});

const TAX_ID_COLLECTION = S.obj({ enabled: S.bool(), required: S.str(['if_supported', 'never']) }, ['enabled']);

export const CHECKOUT_CREATE: Record<string, Schema> = {
  adaptive_pricing: S.any(),
  after_expiration: S.any(),
  allow_promotion_codes: S.bool(),
  automatic_tax: S.any(),
  billing_address_collection: S.str(['auto', 'required']),
  branding_settings: S.any(),
  cancel_url: S.str(),
  client_reference_id: S.str(),
  consent_collection: S.any(),
  currency: S.str(),
  custom_fields: S.any(),
  custom_text: S.any(),
  customer: S.str(),
  customer_account: S.str(),
  customer_creation: S.str(['always', 'if_required']),
  customer_email: S.str(),
  customer_update: S.any(),
  discounts: S.any(),
  excluded_payment_method_types: S.any(),
  expires_at: S.int(),
  invoice_creation: S.any(),
  line_items: S.arr(
    S.obj({
      adjustable_quantity: S.any(),
      dynamic_tax_rates: S.any(),
      metadata: S.meta(),
      price: S.str(),
      price_data: S.obj(
        {
          currency: S.str(),
          product: S.str(),
          product_data: PRODUCT_DATA,
          recurring: S.any(),
          tax_behavior: S.str(['exclusive', 'inclusive', 'unspecified']),
          unit_amount: S.int(0),
          unit_amount_decimal: S.str(),
        },
        ['currency'],
      ),
      quantity: S.int(1),
      tax_rates: S.any(),
    }),
  ),
  locale: S.str(LOCALES),
  metadata: S.meta(),
  mode: S.str(['payment', 'setup', 'subscription']),
  name_collection: NAME_COLLECTION,
  optional_items: S.any(),
  origin_context: S.any(),
  payment_intent_data: S.obj({
    application_fee_amount: S.int(0),
    capture_method: S.str(['automatic', 'automatic_async', 'manual']),
    description: S.str(),
    metadata: S.meta(),
    on_behalf_of: S.str(),
    receipt_email: S.str(),
    setup_future_usage: S.str(['off_session', 'on_session']),
    shipping: S.any(),
    statement_descriptor: S.str(),
    statement_descriptor_suffix: S.str(),
    transfer_data: S.any(),
    transfer_group: S.str(),
  }),
  payment_method_collection: S.str(['always', 'if_required']),
  payment_method_configuration: S.str(),
  payment_method_data: S.any(),
  payment_method_options: S.any(),
  payment_method_types: S.arr(S.str()),
  permissions: S.any(),
  phone_number_collection: S.obj({ enabled: S.bool() }, ['enabled']),
  redirect_on_completion: S.any(),
  return_url: S.str(),
  saved_payment_method_options: S.any(),
  setup_intent_data: S.any(),
  shipping_address_collection: S.any(),
  shipping_options: S.any(),
  submit_type: S.str(['auto', 'book', 'donate', 'pay', 'subscribe']),
  subscription_data: S.any(),
  success_url: S.str(),
  tax_id_collection: TAX_ID_COLLECTION,
  ui_mode: S.str(['hosted_page', 'embedded_page', 'elements']),
  wallet_options: S.any(),
};

export const CHECKOUT_LIST: Record<string, Schema> = {
  ...LIST_PARAMS,
  created: S.range(),
  customer: S.str(),
  customer_account: S.str(),
  customer_details: S.obj({ email: S.str() }, ['email']),
  payment_intent: S.str(),
  payment_link: S.str(),
  status: S.str(['complete', 'expired', 'open']),
  subscription: S.str(),
};

export const EVENT_LIST: Record<string, Schema> = {
  ...LIST_PARAMS,
  created: S.range(),
  delivery_success: S.bool(),
  type: S.str(),
  types: S.arr(S.str()),
};

export const REFUND_CREATE: Record<string, Schema> = {
  amount: S.int(1),
  charge: S.str(),
  currency: S.str(),
  customer: S.str(),
  instructions_email: S.str(),
  metadata: S.meta(),
  origin: S.str(['customer_balance']),
  payment_intent: S.str(),
  reason: S.str(['duplicate', 'fraudulent', 'requested_by_customer']),
  refund_application_fee: S.bool(),
  reverse_transfer: S.bool(),
};

export const CUSTOMER_FIELDS: Record<string, Schema> = {
  address: ADDRESS,
  balance: S.int(),
  cash_balance: S.any(),
  description: S.str(),
  email: S.str(),
  invoice_prefix: S.str(),
  invoice_settings: S.any(),
  metadata: S.meta(),
  name: S.str(),
  next_invoice_sequence: S.int(1),
  payment_method: S.str(),
  phone: S.str(),
  preferred_locales: S.arr(S.str()),
  shipping: S.any(),
  source: S.any(),
  tax: S.any(),
  tax_exempt: S.str(['exempt', 'none', 'reverse']),
  tax_id_data: S.any(),
  test_clock: S.str(),
  validate: S.bool(),
};

export const PRODUCT_CREATE: Record<string, Schema> = {
  active: S.bool(),
  default_price_data: S.obj(
    {
      currency: S.str(),
      currency_options: S.any(),
      custom_unit_amount: S.any(),
      metadata: S.meta(),
      recurring: S.any(),
      tax_behavior: S.str(['exclusive', 'inclusive', 'unspecified']),
      unit_amount: S.int(0),
      unit_amount_decimal: S.str(),
    },
    ['currency'],
  ),
  description: S.str(),
  id: S.str(),
  images: S.arr(S.str()),
  marketing_features: S.any(),
  metadata: S.meta(),
  name: S.str(),
  package_dimensions: S.any(),
  shippable: S.bool(),
  statement_descriptor: S.str(),
  tax_code: S.str(),
  tax_details: S.any(),
  unit_label: S.str(),
  url: S.str(),
};

export const PRICE_CREATE: Record<string, Schema> = {
  active: S.bool(),
  billing_scheme: S.str(['per_unit', 'tiered']),
  currency: S.str(),
  currency_options: S.any(),
  custom_unit_amount: S.any(),
  lookup_key: S.str(),
  metadata: S.meta(),
  nickname: S.str(),
  product: S.str(),
  product_data: S.obj(
    { active: S.bool(), id: S.str(), metadata: S.meta(), name: S.str(), statement_descriptor: S.str(), tax_code: S.str(), tax_details: S.any(), unit_label: S.str() },
    ['name'],
  ),
  recurring: S.obj(
    { interval: S.str(['day', 'month', 'week', 'year']), interval_count: S.int(1), meter: S.str(), trial_period_days: S.int(0), usage_type: S.str(['licensed', 'metered']) },
    ['interval'],
  ),
  tax_behavior: S.str(['exclusive', 'inclusive', 'unspecified']),
  tiers: S.any(),
  tiers_mode: S.str(['graduated', 'volume']),
  transfer_lookup_key: S.bool(),
  transform_quantity: S.any(),
  unit_amount: S.int(0),
  unit_amount_decimal: S.str(),
};

export const PAYMENT_LINK_CREATE: Record<string, Schema> = {
  after_completion: S.any(),
  allow_promotion_codes: S.bool(),
  application_fee_amount: S.int(0),
  application_fee_percent: S.any(),
  automatic_tax: S.any(),
  billing_address_collection: S.str(['auto', 'required']),
  consent_collection: S.any(),
  currency: S.str(),
  custom_fields: S.any(),
  custom_text: S.any(),
  customer_creation: S.str(['always', 'if_required']),
  inactive_message: S.str(),
  invoice_creation: S.any(),
  line_items: S.arr(S.obj({ adjustable_quantity: S.any(), price: S.str(), price_data: S.any(), quantity: S.int(1) }, ['price', 'quantity'])),
  metadata: S.meta(),
  name_collection: NAME_COLLECTION,
  on_behalf_of: S.str(),
  optional_items: S.any(),
  payment_intent_data: S.obj({
    capture_method: S.str(['automatic', 'automatic_async', 'manual']),
    description: S.str(),
    metadata: S.meta(),
    setup_future_usage: S.str(['off_session', 'on_session']),
    statement_descriptor: S.str(),
    statement_descriptor_suffix: S.str(),
    transfer_group: S.str(),
  }),
  payment_method_collection: S.str(['always', 'if_required']),
  payment_method_types: S.arr(S.str()),
  phone_number_collection: S.any(),
  restrictions: S.any(),
  shipping_address_collection: S.any(),
  shipping_options: S.any(),
  submit_type: S.str(['auto', 'book', 'donate', 'pay', 'subscribe']),
  subscription_data: S.any(),
  tax_id_collection: TAX_ID_COLLECTION,
  transfer_data: S.any(),
};

export const WEBHOOK_CREATE: Record<string, Schema> = {
  api_version: S.str(),
  connect: S.bool(),
  description: S.str(),
  enabled_events: S.arr(S.str()),
  metadata: S.meta(),
  url: S.str(),
};

export const WEBHOOK_UPDATE: Record<string, Schema> = {
  description: S.str(),
  disabled: S.bool(),
  enabled_events: S.arr(S.str()),
  metadata: S.meta(),
  url: S.str(),
};

export const LISTS: Record<string, Record<string, Schema>> = {
  payment_intent: { ...LIST_PARAMS, created: S.range(), customer: S.str(), customer_account: S.str() },
  charge: { ...LIST_PARAMS, created: S.range(), customer: S.str(), payment_intent: S.str(), transfer_group: S.str() },
  refund: { ...LIST_PARAMS, charge: S.str(), created: S.range(), payment_intent: S.str() },
  dispute: { ...LIST_PARAMS, charge: S.str(), created: S.range(), payment_intent: S.str() },
  customer: { ...LIST_PARAMS, created: S.range(), email: S.str(), test_clock: S.str() },
  product: { ...LIST_PARAMS, active: S.bool(), created: S.range(), ids: S.arr(S.str()), shippable: S.bool(), url: S.str() },
  price: {
    ...LIST_PARAMS,
    active: S.bool(),
    created: S.range(),
    currency: S.str(),
    lookup_keys: S.arr(S.str()),
    product: S.str(),
    recurring: S.any(),
    type: S.str(['one_time', 'recurring']),
  },
  payment_link: { ...LIST_PARAMS, active: S.bool() },
  webhook_endpoint: { ...LIST_PARAMS },
};
