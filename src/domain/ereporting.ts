// E-reporting of sales to private clients (B2C), due with the e-invoicing reform: invoices to
// businesses are sent electronically, sales to individuals are reported as totals per day and per VAT
// regime (and rate). Carnet gives the month's summary as CSV, beside the receipts register, for the
// approved platform (PA) the entrepreneur will use.
import type { InvoiceModel } from './invoice';
import { formatEuros } from './money';
import { csvLine, csvQuoted } from './csv';
import { formatVatRate } from './vat';

/** One issued document, as the summary needs it: its issue day (ISO) and its model. */
export interface IssuedDocument {
  day: string;
  model: InvoiceModel;
}

export interface EReportingLine {
  day: string;
  /** "franchise" (no VAT, art. 293 B du CGI) or "standard" with its rate. */
  regime: 'franchise' | 'standard';
  ratePercent: number | null;
  documents: number;
  htCents: number;
  vatCents: number;
  ttcCents: number;
}

/** The month's B2C totals (`month` is "YYYY-MM"), per day then per regime and rate; credit notes count negatively. */
export function eReportingLines(documents: readonly IssuedDocument[], month: string): EReportingLine[] {
  const lines = new Map<string, EReportingLine>();
  const add = (day: string, regime: EReportingLine['regime'], rate: number | null, ht: number, vat: number, counted: Set<string>): void => {
    const key = `${day}|${regime}|${rate ?? ''}`;
    let line = lines.get(key);
    if (!line) {
      line = { day, regime, ratePercent: rate, documents: 0, htCents: 0, vatCents: 0, ttcCents: 0 };
      lines.set(key, line);
    }
    if (!counted.has(key)) {
      line.documents += 1;
      counted.add(key);
    }
    line.htCents += ht;
    line.vatCents += vat;
    line.ttcCents += ht + vat;
  };
  for (const { day, model } of documents) {
    if (!day.startsWith(`${month}-`) || model.client.isBusiness) continue;
    const counted = new Set<string>();
    if (model.vatMode === 'franchise') add(day, 'franchise', null, model.totals.totalTtcCents, 0, counted);
    else for (const group of model.totals.byRate) add(day, 'standard', group.vatRatePercent, group.totalHtCents, group.totalVatCents, counted);
  }
  return [...lines.values()].sort((a, b) => a.day.localeCompare(b.day) || a.regime.localeCompare(b.regime) || (a.ratePercent ?? 0) - (b.ratePercent ?? 0));
}

const HEADERS = ['Date', 'Régime de TVA', 'Taux', 'Pièces', 'Total HT', 'TVA', 'Total TTC'];

/** French spreadsheet CSV, like the receipts register: semicolons, decimal comma, DD/MM/YYYY. */
export function eReportingCsv(lines: readonly EReportingLine[]): string {
  const amount = (cents: number): string => formatEuros(cents, 'fr').replace(/[\s\u00a0\u202f€]/g, '');
  const out = [csvLine(HEADERS)];
  for (const l of lines) {
    const [y, m, d] = l.day.split('-');
    const regime = l.regime === 'franchise' ? 'Franchise en base (art. 293 B du CGI)' : 'TVA collectée';
    const rate = l.ratePercent === null ? '' : formatVatRate(l.ratePercent, 'fr').replace(/\u00a0/g, ' ');
    // Every field is Carnet's own (dates, figures, fixed words): quoted when needed, never made inert.
    out.push(csvLine([`${d}/${m}/${y}`, regime, rate, String(l.documents), amount(l.htCents), amount(l.vatCents), amount(l.ttcCents)].map(csvQuoted)));
  }
  return `${out.join('\r\n')}\r\n`;
}
