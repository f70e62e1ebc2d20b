// The receipts register (livre des recettes) as the accountant wants it: a period as CSV, and totals
// by month and by quarter for the URSSAF declaration.
import { formatEuros } from './money';

export interface Receipt {
  /** ISO calendar date in the business time zone. */
  day: string;
  reference: string;
  client: string;
  nature: string;
  amountCents: number;
  method: string;
}

const CSV_HEADERS = ['Date', 'Référence', 'Client', 'Nature', 'Montant', 'Mode de règlement'];

// A text starting with = + - @, a tab or a carriage return runs as a formula when the file is opened in
// a spreadsheet (OWASP "CSV injection"): it is prefixed with an apostrophe. Only the amount column,
// which Carnet formats itself, may start with a minus sign.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: string): string {
  return quoted(FORMULA_START.test(value) ? `'${value}` : value);
}

function quoted(value: string): string {
  return /[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** French spreadsheet CSV: semicolons, decimal comma, dates as DD/MM/YYYY, in register order. */
export function receiptsCsv(receipts: readonly Receipt[]): string {
  const lines = [CSV_HEADERS.join(';')];
  for (const r of receipts) {
    const [y, m, d] = r.day.split('-');
    const amount = formatEuros(r.amountCents, 'fr').replace(/[\s\u00a0\u202f€]/g, '');
    const texts = [r.reference, r.client, r.nature].map(csvField);
    lines.push([`${d}/${m}/${y}`, ...texts, quoted(amount), csvField(r.method)].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface ReceiptTotals {
  year: number;
  /** Twelve totals in cents, January first. */
  months: number[];
  quarters: number[];
  total: number;
}

export function receiptTotals(receipts: readonly Receipt[], year: number): ReceiptTotals {
  const months = new Array<number>(12).fill(0);
  for (const r of receipts) {
    const [y, m] = r.day.split('-').map(Number);
    if (y === year) months[m - 1] += r.amountCents;
  }
  const quarters = [0, 1, 2, 3].map((q) => months[3 * q] + months[3 * q + 1] + months[3 * q + 2]);
  return { year, months, quarters, total: quarters.reduce((a, b) => a + b, 0) };
}

export function inPeriod(receipt: Receipt, from: string, to: string): boolean {
  return receipt.day >= from && receipt.day <= to;
}
