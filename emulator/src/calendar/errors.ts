// Errors as Apps Script surfaces them.

/**
 * What an advanced-service call throws when the API answers with an error: a GoogleJsonResponseException
 * whose message is "API call to calendar.events.get failed with error: Not Found" (the API's own
 * message after the prefix). Seen in public reports, e.g. DjMuffinTops/Google-Calendar-API-to-Discord-Webhook#6
 * and hk21702/YA-GCal-Notion-Sync-Script#45 ("…failed with error: Sync token is no longer valid, a full
 * sync is required."). No `details` property: its shape is unverified, so scripts must not rely on it.
 */
export function apiError(method: string, message: string): Error {
  const error = new Error(`API call to calendar.${method} failed with error: ${message}`);
  error.name = 'GoogleJsonResponseException';
  return error;
}

/** A built-in service error (CalendarApp): Apps Script names them "Exception". */
export function serviceError(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}

/** Apps Script's overload mismatch message, e.g. "The parameters (String,String,String) don't match …". */
export function signatureError(args: unknown[], method: string): Error {
  const names = args.map((a) => {
    if (a === null || a === undefined) return 'null';
    if (Object.prototype.toString.call(a) === '[object Date]') return 'Date';
    if (typeof a === 'string') return 'String';
    if (typeof a === 'number') return 'number';
    if (typeof a === 'boolean') return 'Boolean';
    return 'Object';
  });
  return serviceError(`The parameters (${names.join(',')}) don't match the method signature for ${method}.`);
}
