// Text that comes from outside (Stripe, a client's form) must be stored exactly as given. Sheets
// would read a leading = + - @ as a formula, turn "0612345678" into a number (losing its zero),
// "1/2/2026" into a date, "20%" into 0.2, and drop a leading apostrophe. A leading apostrophe makes
// Sheets store the rest as plain text; it is not part of the value read back.

/** Sheets refuses more than 50,000 characters in one cell. */
export const MAX_CELL_CHARS = 50000;

const FORMULA_START = /^[=+\-@']/;
// Anything Sheets might parse as a number, a date, a time, a percentage or a currency amount.
const LOOKS_PARSED = /^\s*[-+(]?[\d\s.,/:%€$()\u00a0\u202f-]*\d[\d\s.,/:%€$()\u00a0\u202f-]*\s*$|^(true|false|vrai|faux)$/i;

function needsEscape(value: string): boolean {
  return FORMULA_START.test(value) || LOOKS_PARSED.test(value);
}

export function asPlainText(value: string): string {
  return needsEscape(value) ? `'${value}` : value;
}

/** Cleans one cell value before it is written: strings are kept literal and capped to the cell limit. */
export function safeCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  const room = needsEscape(value) ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
  const capped = value.length > room ? `${value.slice(0, room - 1)}…` : value;
  return asPlainText(capped);
}
