// Text that comes from outside (Stripe, a client's form) must never become a formula in the sheet:
// Sheets reads a leading = (and + - @ in some locales/imports) as a formula. A leading apostrophe
// makes Sheets store the rest as plain text; it is not part of the value read back.

const FORMULA_START = /^[=+\-@]/;

export function asPlainText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Cleans one cell value before it is written: strings are neutralised and capped to the cell limit. */
export function safeCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  const capped = value.length > MAX_CELL_CHARS ? `${value.slice(0, MAX_CELL_CHARS - 1)}…` : value;
  return asPlainText(capped);
}

/** Sheets refuses more than 50,000 characters in one cell. */
export const MAX_CELL_CHARS = 50000;
