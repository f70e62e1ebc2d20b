// The receipts register (livre des recettes) as the accountant wants it: a period as CSV, and totals
// by month and by quarter for the URSSAF declaration.
import { formatEuros } from './money';
import { csvLine, csvQuoted, csvText } from './csv';

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

/** French spreadsheet CSV: semicolons, decimal comma, dates as DD/MM/YYYY, in register order. */
export function receiptsCsv(receipts: readonly Receipt[]): string {
  const lines = [csvLine(CSV_HEADERS)];
  for (const r of receipts) {
    const [y, m, d] = r.day.split('-');
    const amount = formatEuros(r.amountCents, 'fr').replace(/[\s\u00a0\u202f€]/g, '');
    // Only the amount, which Carnet formats itself, may start with a minus sign.
    lines.push(csvLine([`${d}/${m}/${y}`, csvText(r.reference), csvText(r.client), csvText(r.nature), csvQuoted(amount), csvText(r.method)]));
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
