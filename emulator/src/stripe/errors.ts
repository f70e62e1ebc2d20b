// Stripe API errors: `{"error": {"code", "doc_url", "message", "param", "type"}}` with an HTTP status.
// A `validation` error is raised before the endpoint runs (not saved under an Idempotency-Key);
// an `execution` error is, like a success (docs.stripe.com/error-low-level#content-errors).

export type StripeErrorType = 'invalid_request_error' | 'api_error' | 'idempotency_error' | 'card_error';

export interface StripeErrorBody {
  code?: string;
  doc_url?: string;
  message: string;
  param?: string;
  type: StripeErrorType;
}

export class StripeApiError extends Error {
  readonly body: StripeErrorBody;
  readonly phase: 'validation' | 'execution';
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    type: StripeErrorType,
    message: string,
    options: { code?: string; param?: string; phase?: 'validation' | 'execution'; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.phase = options.phase ?? 'execution';
    this.headers = options.headers ?? {};
    // Stripe prints the fields in alphabetical order.
    this.body = {
      ...(options.code ? { code: options.code, doc_url: `https://stripe.com/docs/error-codes/${options.code.replace(/_/g, '-')}` } : {}),
      message,
      ...(options.param ? { param: options.param } : {}),
      type,
    };
  }
}

/** A 400 about the request's parameters (raised before execution). */
export function invalid(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, { param, code, phase: 'validation' });
}

/** A 400 about the state of an object (raised while executing). */
export function refused(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, { param, code });
}

/** 404 resource_missing, with Stripe's hint when the object exists in the other mode. */
export function noSuch(objectName: string, id: string, param = 'id', otherMode?: 'test' | 'live'): StripeApiError {
  const hint = otherMode
    ? `; a similar object exists in ${otherMode} mode, but a ${otherMode === 'live' ? 'test' : 'live'} mode key was used to make this request.`
    : '';
  return new StripeApiError(404, 'invalid_request_error', `No such ${objectName}: '${id}'${hint}`, { code: 'resource_missing', param });
}
