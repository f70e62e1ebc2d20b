// Issuing invoices and credit notes: a number from one continuous series, given under the script lock
// as part of the same write-ahead plan as the payment it documents; then the PDF and the e-mail,
// retried by the backstop until done, never twice.
import { INVOICE_STATUS, type CellValue, type ProductType, type Row } from '../../domain/schema';
import { buildInvoice, type InvoiceInput, type InvoiceKind, type InvoiceModel } from '../../domain/invoice';
import { formatNumber, nextNumber, type NumberingCounter, type NumberingSettings } from '../../domain/numbering';
import type { LineInput } from '../../domain/vat';
import { centsToEuros } from '../../domain/money';
import { type LocalDate, parseIsoDate } from '../../domain/localDate';
import { einvoicingEnabled } from '../../domain/einvoicing';
import type { Step } from '../../domain/plan';
import { asText } from '../../domain/values';
import type { Workbook } from '../../gas/workbook';
import { isoDay, now } from '../../gas/clock';
import { counterProperty, readProperty } from '../../gas/scriptProperties';

/** What the e-mail tells the client they received (lessons: credits, expiry, booking link). */
export interface DeliveryItem {
  code: string;
  quantity: number;
  credits: number;
  expires: string | null;
  bookingLink: string;
  balanceAfter: number;
  /**
   * Trainings and ebooks (see app/delivery/delivery.ts; items frozen before them have none of these): the type
   * and name; a training's access link, code and Drive file id; an ebook's purchase line (session and
   * index), from which its download token is derived again. Never the token itself.
   */
  type?: ProductType;
  name?: string;
  accessLink?: string;
  accessCode?: string;
  file?: string;
  session?: string;
  line?: number;
  /** Credit notes only: access to this training or ebook was withdrawn by a full refund (the e-mail says so). */
  withdrawn?: boolean;
  /** An invoice that cancels a credit note whose refund failed: that credit note's number (the e-mail says so). */
  cancelsCreditNote?: string;
  /** With `cancelsCreditNote`: the trainings and ebooks that credit note's full refund withdrew, given back (the e-mail says so). */
  restoredAccess?: string[];
}

export interface InvoiceDraft {
  kind: InvoiceKind;
  email: string;
  name: string;
  company: string;
  taxId: string;
  address: string;
  lines: LineInput[];
  /** When the money moved (payment or refund). */
  paidAt: Date;
  /** Stripe's payment method type (card, sepa_debit…): named in the document's language. */
  paymentMethod: string;
  /** Printed on the document: what the client recognises (receipt number, card brand and last 4 digits…). */
  paymentReference: string;
  /** The Stripe object kept in the sheet (`Référence paiement`): pi_… for a payment, re_… for a refund. */
  paymentId: string;
  /** Credit notes: the date of the sale they cancel (invoices: the day of `paidAt`). */
  saleDate?: LocalDate;
  citedInvoice?: string;
  /** Credit notes: the cited invoice's issue date, and whether the refund cancels all of it. */
  citedInvoiceDate?: LocalDate;
  cancelsInFull?: boolean;
  /** Credit notes: the credits taken back and the balance left, for the e-mail. */
  refund?: RefundSummary;
  items: DeliveryItem[];
}

export interface RefundSummary {
  creditsRemoved: number;
  balanceAfter: number;
}

export type InvoicePlan = { ok: true; number: string; model: InvoiceModel; steps: Step[] } | { ok: false; problem: string };

export function numberingSettings(book: Workbook, kind: InvoiceKind): NumberingSettings {
  const s = book.settings;
  return { prefix: kind === 'invoice' ? s.invoicePrefix : s.creditNotePrefix, digits: s.numberDigits, yearly: s.yearlyNumbering };
}

function counterKey(series: NumberingSettings): string {
  return counterProperty(series.prefix);
}

function readCounter(key: string): NumberingCounter | null {
  const raw = readProperty(key);
  return raw ? (JSON.parse(raw) as NumberingCounter) : null;
}

/**
 * The next number, checked against the sheet: the counter's last number must be in `Factures` (else a
 * row was deleted: a gap) and the next one must not (else it would be a duplicate). Two look-ups,
 * whatever the number of invoices.
 */
function checkedNextNumber(
  book: Workbook,
  series: NumberingSettings,
  year: number,
): { ok: true; number: string; counter: string } | { ok: false; problem: string } {
  const key = counterKey(series);
  const counter = readCounter(key);
  const invoices = book.table('invoices');
  const text = book.text;
  if (counter && counter.seq > 0) {
    const last = formatNumber(series, counter.year, counter.seq);
    // The last number is usually the tab's last keyed row, confirmed by this execution's layout read: no search.
    if (!invoices.lastKeyIs(last) && !invoices.findRow('Numéro', last)) return { ok: false, problem: text.numberingGap(last) };
  }
  let next;
  try {
    next = nextNumber(series, counter, year);
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  if (invoices.findRow('Numéro', next.text)) return { ok: false, problem: text.numberingDuplicate(next.text) };
  return { ok: true, number: next.text, counter: JSON.stringify({ year: next.year, seq: next.seq }) };
}

/** Validates the document, then reserves its number: the returned steps join the caller's plan. */
export function planInvoice(book: Workbook, draft: InvoiceDraft): InvoicePlan {
  const settings = book.settings;
  const issuedAt = now();
  const issueDay = parseIsoDate(isoDay(issuedAt));
  const paidDay = parseIsoDate(isoDay(draft.paidAt));
  const input: InvoiceInput = {
    kind: draft.kind,
    // Checked before a number is reserved: an error message must not show a made-up number.
    number: book.text.invoiceUnnumbered,
    issueDate: issueDay,
    saleDate: draft.saleDate ?? paidDay,
    seller: {
      name: settings.legalName,
      tradeName: settings.businessName,
      address: settings.businessAddress,
      siret: settings.siret,
      email: settings.businessEmail,
      phone: settings.businessPhone,
      vatNumber: settings.vatNumber,
    },
    client: { name: draft.name || draft.email, email: draft.email, address: draft.address, company: draft.company, taxId: draft.taxId },
    lines: draft.lines,
    vatMode: settings.vatMode,
    payment: {
      date: paidDay,
      method: draft.paymentMethod,
      reference: draft.paymentId,
      shownReference: draft.paymentReference,
    },
    citedInvoice: draft.citedInvoice,
    ...(draft.citedInvoiceDate ? { citedInvoiceDate: draft.citedInvoiceDate } : {}),
    ...(draft.cancelsInFull !== undefined ? { cancelsInFull: draft.cancelsInFull } : {}),
    // Lessons, trainings and ebooks (electronically supplied) are all services.
    einvoicing: { enabled: einvoicingEnabled(settings.einvoicing, issueDay), nature: 'services', vatOnDebits: settings.vatOnDebits },
    latePenaltyRate: settings.latePenaltyRate,
    locale: settings.locale,
  };
  try {
    buildInvoice(input);
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  const series = numberingSettings(book, draft.kind);
  const reserved = checkedNextNumber(book, series, issueDay.year);
  if (!reserved.ok) return reserved;
  input.number = reserved.number;
  const model = buildInvoice(input);
  const values: Row<'invoices'> = {
    Date: issuedAt,
    Type: draft.kind === 'invoice' ? 'Facture' : 'Avoir',
    'E-mail': draft.email,
    'Montant TTC': centsToEuros(model.totals.totalTtcCents),
    Client: model.client.company || model.client.name,
    'Montant HT': centsToEuros(model.totals.totalHtCents),
    TVA: centsToEuros(model.totals.totalVatCents),
    'Date de vente': new Date(draft.paidAt.getTime()),
    'Référence paiement': draft.paymentId,
    "Facture d'origine": draft.citedInvoice ?? '',
    Statut: INVOICE_STATUS.toRender,
    Données: JSON.stringify({ input, items: draft.items, ...(draft.refund ? { refund: draft.refund } : {}) }),
  };
  return {
    ok: true,
    number: reserved.number,
    model,
    steps: [
      { kind: 'append', tab: 'invoices', key: reserved.number, record: values },
      { kind: 'setProperty', key: counterKey(series), value: reserved.counter },
    ],
  };
}

/** The document as it was issued (its data are frozen in the row when the number is given). */
export function storedInvoice(row: Record<string, CellValue>): { model: InvoiceModel; items: DeliveryItem[]; refund: RefundSummary | null } {
  const stored = JSON.parse(asText(row['Données'])) as { input: InvoiceInput; items?: DeliveryItem[]; refund?: RefundSummary };
  return { model: buildInvoice(stored.input), items: stored.items ?? [], refund: stored.refund ?? null };
}
