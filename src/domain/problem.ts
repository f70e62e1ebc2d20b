// A problem the admin can fix (a product to add, a setting to fill): the event fails with this
// French message and is retried, with nothing written, until it succeeds.
export class ProblemError extends Error {}

/** The message of anything thrown (Apps Script services throw Errors; anything else is shown as is). */
export function errorText(error: unknown): string {
  return String((error as Error)?.message ?? error);
}
