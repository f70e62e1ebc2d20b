// CSV as French spreadsheets read it (semicolons), safe to open: a text starting with = + - @, a tab or
// a carriage return would run as a formula (OWASP "CSV injection"), so it gets a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text field: made inert, then quoted when needed. */
export function csvText(value: string): string {
  return csvQuoted(FORMULA_START.test(value) ? `'${value}` : value);
}

/** A field Carnet formatted itself (an amount, a date): quoted when needed, never prefixed. */
export function csvQuoted(value: string): string {
  return /[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.join(';');
}
