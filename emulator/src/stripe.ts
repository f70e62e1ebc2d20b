// The fake Stripe account (implementation in ./stripe/): see stripe/fake.ts for its test API.
export { FakeStripe } from './stripe/fake';
export type { PayLineItem, PayOptions } from './stripe/fake';
export type { RequestLogEntry, StripeHttpRequest, StripeHttpResponse } from './stripe/api';
export type { CustomerInfo, Outcome } from './stripe/checkout';
export { encodeForm, parseForm } from './stripe/form';
export { API_VERSION } from './stripe/objects';
