// Customers, products, prices, payment links and webhook endpoints: creation, update, deletion.
import { invalid } from './errors';
import * as shapes from './objects';
import { Json, JsonObject } from './objects';
import { ParsedObject } from './schema';
import { clone, Origin, StoredObject, StripeStore } from './store';
import { createSession } from './checkout';

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function meta(value: unknown): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

export function createCustomer(store: StripeStore, p: ParsedObject, origin: Origin): StoredObject {
  const c = shapes.customer({
    id: store.ids.id('cus', 14),
    created: store.now(),
    livemode: origin.livemode,
    invoicePrefix: store.ids.chars(8).toUpperCase(),
    email: text(p.email),
    name: text(p.name),
    phone: text(p.phone),
    description: text(p.description),
    address: p.address as JsonObject | undefined,
    metadata: meta(p.metadata),
    preferredLocales: Array.isArray(p.preferred_locales) ? (p.preferred_locales as Json[]) : [],
  });
  const stored = store.insert('customer', origin.livemode, c);
  store.emit('customer.created', stored, origin);
  return stored;
}

/** Metadata updates merge; an empty value removes a key; `metadata=` removes them all. */
function mergeMetadata(current: Json, update: JsonObject): JsonObject {
  if (Object.keys(update).length === 0) return {};
  const out: JsonObject = { ...(current as JsonObject) };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

export function updateCustomer(store: StripeStore, customer: StoredObject, p: ParsedObject, origin: Origin): StoredObject {
  const changes: JsonObject = {};
  for (const key of ['email', 'name', 'phone', 'description'] as const) if (p[key] !== undefined) changes[key] = text(p[key]);
  if (p.address !== undefined) changes.address = shapes.address(p.address as JsonObject | null);
  if (p.preferred_locales !== undefined) changes.preferred_locales = (p.preferred_locales as Json[] | null) ?? [];
  if (p.metadata !== undefined) changes.metadata = mergeMetadata(customer.data.metadata, meta(p.metadata));
  const previous = store.update(customer, changes);
  if (Object.keys(previous).length) store.emit('customer.updated', customer, origin, previous);
  return customer;
}

export function createProduct(store: StripeStore, p: ParsedObject, origin: Origin): StoredObject {
  const id = text(p.id) ?? store.ids.id('prod', 14);
  if (store.find(id)) throw invalid(`Product already exists.`, 'id', 'resource_already_exists');
  const product = shapes.product({
    id,
    created: store.now(),
    livemode: origin.livemode,
    name: String(p.name),
    active: p.active !== false,
    description: text(p.description),
    metadata: meta(p.metadata),
    images: Array.isArray(p.images) ? (p.images as Json[]) : [],
    url: text(p.url),
    unitLabel: text(p.unit_label),
    taxCode: text(p.tax_code),
  });
  const stored = store.insert('product', origin.livemode, product);
  store.emit('product.created', stored, origin);
  const dpd = p.default_price_data as ParsedObject | undefined;
  if (dpd) {
    const price = createPrice(store, { ...dpd, product: id }, origin);
    store.update(stored, { default_price: price.id });
  }
  return stored;
}

export function createPrice(store: StripeStore, p: ParsedObject, origin: Origin): StoredObject {
  let productId: string;
  if (typeof p.product === 'string') productId = store.get('product', p.product, origin.livemode, 'product').id;
  else if (p.product_data) productId = createProduct(store, p.product_data as ParsedObject, origin).id;
  else throw invalid('You must specify either `product` or `product_data` when creating a price.', 'product');
  if (typeof p.unit_amount !== 'number') throw invalid('Missing required param: unit_amount.', 'unit_amount', 'parameter_missing');
  const data = shapes.price({
    id: store.ids.id('price'),
    created: store.now(),
    livemode: origin.livemode,
    currency: String(p.currency),
    unitAmount: p.unit_amount,
    product: productId,
    active: p.active !== false,
    metadata: meta(p.metadata),
    nickname: text(p.nickname),
    lookupKey: text(p.lookup_key),
    taxBehavior: text(p.tax_behavior),
  });
  const recurring = p.recurring as ParsedObject | undefined;
  if (recurring) {
    data.type = 'recurring';
    data.recurring = {
      interval: String(recurring.interval),
      interval_count: Number(recurring.interval_count ?? 1),
      meter: null,
      trial_period_days: null,
      usage_type: 'licensed',
    };
  }
  const stored = store.insert('price', origin.livemode, data);
  store.emit('price.created', stored, origin);
  return stored;
}

export function createPaymentLink(store: StripeStore, p: ParsedObject, origin: Origin): StoredObject {
  const items = p.line_items as ParsedObject[];
  const prices = items.map((item, i) => {
    const price = store.get('price', String(item.price), origin.livemode, `line_items[${i}][price]`);
    if (price.data.active !== true) throw invalid('The price specified is inactive. This field only accepts active prices.', `line_items[${i}][price]`);
    return price;
  });
  const id = store.ids.id('plink');
  const url = `https://buy.stripe.com/${origin.livemode ? '' : 'test_'}${store.ids.chars(14)}`;
  const link = shapes.paymentLink({ id, livemode: origin.livemode, url, currency: String(prices[0].data.currency), params: clone(p as JsonObject) });
  const stored = store.insert('payment_link', origin.livemode, link, {
    lineItems: items.map((item) => ({ price: String(item.price), quantity: Number(item.quantity) })),
    paymentIntentData: clone((p.payment_intent_data as JsonObject | undefined) ?? {}),
  });
  store.emit('payment_link.created', stored, origin);
  return stored;
}

/** A customer buys through a payment link: a session in the link's name, with its metadata. */
export function sessionFromLink(store: StripeStore, link: StoredObject): StoredObject {
  const params: ParsedObject = {
    mode: 'payment',
    line_items: (link.hidden.lineItems as JsonObject[]).map((l) => ({ price: l.price, quantity: l.quantity })),
    metadata: clone(link.data.metadata as JsonObject),
    // The link's collection settings apply to every session it opens.
    billing_address_collection: link.data.billing_address_collection as string,
    ...(link.data.tax_id_collection && (link.data.tax_id_collection as JsonObject).enabled
      ? { tax_id_collection: clone(link.data.tax_id_collection as JsonObject) }
      : {}),
    ...(link.data.name_collection ? { name_collection: clone(link.data.name_collection as JsonObject) } : {}),
    ...(link.data.allow_promotion_codes === true ? { allow_promotion_codes: true } : {}),
  };
  return createSession(store, params, { livemode: link.livemode, request: { id: null, idempotency_key: null } }, link);
}

export function createWebhookEndpoint(store: StripeStore, p: ParsedObject, origin: Origin): { stored: StoredObject; secret: string } {
  const endpoint = shapes.webhookEndpoint({
    id: store.ids.id('we'),
    created: store.now(),
    livemode: origin.livemode,
    url: String(p.url),
    enabledEvents: p.enabled_events as Json[],
    description: text(p.description),
    metadata: meta(p.metadata),
    apiVersion: text(p.api_version),
  });
  const secret = `whsec_${store.ids.chars(32)}`;
  return { stored: store.insert('webhook_endpoint', origin.livemode, endpoint, { secret }), secret };
}

export function updateWebhookEndpoint(store: StripeStore, endpoint: StoredObject, p: ParsedObject): StoredObject {
  const changes: JsonObject = {};
  if (typeof p.url === 'string') changes.url = p.url;
  if (Array.isArray(p.enabled_events)) changes.enabled_events = p.enabled_events as Json[];
  if (p.description !== undefined) changes.description = text(p.description);
  if (typeof p.disabled === 'boolean') changes.status = p.disabled ? 'disabled' : 'enabled';
  if (p.metadata !== undefined) changes.metadata = mergeMetadata(endpoint.data.metadata, meta(p.metadata));
  store.update(endpoint, changes);
  return endpoint;
}

export function validateUrl(url: unknown, param: string): void {
  try {
    const u = new URL(String(url));
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
  } catch {
    throw invalid(
      'Invalid URL: URL must be publicly accessible. Consider using a tool like the Stripe CLI to test webhooks locally: https://github.com/stripe/stripe-cli',
      param,
      'url_invalid',
    );
  }
}
