/**
 * Every word printed on an invoice or a credit note, in one place, so the wording is reviewed once.
 * French is the default and the legal language; English is offered for English-speaking clients.
 * Templates use `{name}` slots filled by `fillText`.
 */

import { DEFAULT_LOCALE, isLocale, type Locale } from './locale';

/**
 * Legal mentions. They are required in French by French law, so they have no English version:
 * with the English locale a translation is printed on the line after each of them (see `legalGloss`).
 */
export const LEGAL_MENTIONS_FR = {
  /** Exact words required under the VAT franchise (art. 293 B du CGI). */
  vatFranchise: 'TVA non applicable, art. 293 B du CGI',
  /** Business clients only (art. L441-10 du Code de commerce). */
  latePenalty: 'Pénalités de retard : {rate}',
  recoveryIndemnity: 'Indemnité forfaitaire pour frais de recouvrement : 40 €',
  /** Business clients only: art. L441-9 requires the early-payment discount terms, even when there is none. */
  noEarlyPaymentDiscount: 'Escompte pour paiement anticipé : néant',
} as const;

export type LegalMentionKey = keyof typeof LEGAL_MENTIONS_FR;

/** The e-invoicing reform's mentions printed in the footer (the client's SIREN goes with the client). */
export const EINVOICING_MENTIONS_FR = {
  nature: 'Nature de l’opération : {nature}',
  vatOnDebits: 'Option pour le paiement de la taxe d’après les débits',
} as const;

export type EinvoicingMentionKey = keyof typeof EINVOICING_MENTIONS_FR;

export interface InvoiceText {
  /** January first. */
  readonly months: readonly string[];
  /** How the first day of a month is written ("1er" in French). */
  readonly firstDay: string;
  readonly dateLong: string;
  readonly titleInvoice: string;
  readonly titleCreditNote: string;
  readonly paid: string;
  readonly refunded: string;
  /** A total of 0 € (a 100 % discount): nothing was paid, no payment method to name. */
  readonly noPayment: string;
  /** The designation of a reduction's line, with or without the code or coupon name. */
  readonly discount: string;
  readonly discountNamed: string;
  readonly via: string;
  readonly reference: string;
  readonly citedInvoice: string;
  /** Credit notes: the cited invoice with its date, cancelled in full or in part. */
  readonly cancelsInvoice: string;
  readonly cancelsInvoicePartly: string;
  readonly natures: Readonly<Record<'services' | 'goods' | 'both', string>>;
  readonly einvoicingGloss: Readonly<Record<EinvoicingMentionKey, string>>;
  /** VAT cell of a line under the franchise: there is no rate, not a 0 % rate. */
  readonly noVatCell: string;
  readonly vatByRate: string;
  /** Stripe payment method types (and the French words an admin may type) shown to the client. */
  readonly paymentMethods: Readonly<Record<string, string>>;
  /** Translations printed after the French legal mentions; empty in French. */
  readonly legalGloss: Readonly<Record<LegalMentionKey, string>>;
}

/** Payment methods named by their brand: the same words in every language. */
const PAYMENT_BRANDS = {
  link: 'Link',
  paypal: 'PayPal',
  apple_pay: 'Apple Pay',
  google_pay: 'Google Pay',
  amazon_pay: 'Amazon Pay',
  revolut_pay: 'Revolut Pay',
  klarna: 'Klarna',
  bancontact: 'Bancontact',
  ideal: 'iDEAL',
  eps: 'EPS',
  p24: 'Przelewy24',
  alma: 'Alma',
};

const fr: InvoiceText = {
  months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  firstDay: '1er',
  dateLong: '{day} {month} {year}',
  titleInvoice: 'Facture',
  titleCreditNote: 'Avoir',
  paid: 'Payée le {date} par {method}',
  refunded: 'Remboursement du {date} par {method}',
  noPayment: 'Aucun paiement : total de 0 € (commande du {date})',
  discount: 'Remise',
  discountNamed: 'Remise « {name} »',
  via: ' via {provider}',
  reference: ' — référence {reference}',
  citedInvoice: 'Avoir sur la facture {number}',
  cancelsInvoice: 'Cet avoir annule la facture {number} du {date}.',
  cancelsInvoicePartly: 'Cet avoir annule partiellement la facture {number} du {date}.',
  natures: { services: 'prestation de services', goods: 'livraison de biens', both: 'livraison de biens et prestation de services' },
  einvoicingGloss: { nature: '', vatOnDebits: '' },
  noVatCell: '—',
  vatByRate: 'TVA {rate} : {vat} sur {ht} HT',
  paymentMethods: {
    card: 'carte bancaire',
    carte: 'carte bancaire',
    sepa_debit: 'prélèvement SEPA',
    customer_balance: 'virement',
    virement: 'virement',
    ...PAYMENT_BRANDS,
  },
  legalGloss: { vatFranchise: '', latePenalty: '', recoveryIndemnity: '', noEarlyPaymentDiscount: '' },
};

const en: InvoiceText = {
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  firstDay: '1',
  dateLong: '{day} {month} {year}',
  titleInvoice: 'Invoice',
  titleCreditNote: 'Credit note',
  paid: 'Paid on {date} by {method}',
  refunded: 'Refunded on {date} by {method}',
  noPayment: 'No payment: total of €0 (order of {date})',
  discount: 'Discount',
  discountNamed: 'Discount “{name}”',
  via: ' via {provider}',
  reference: ' — reference {reference}',
  citedInvoice: 'Credit note for invoice {number}',
  cancelsInvoice: 'This credit note cancels invoice {number} of {date}.',
  cancelsInvoicePartly: 'This credit note partially cancels invoice {number} of {date}.',
  natures: { services: 'supply of services', goods: 'supply of goods', both: 'supply of goods and services' },
  einvoicingGloss: { nature: '(Nature of the transaction: {nature})', vatOnDebits: '(VAT paid on an accrual basis, by option)' },
  noVatCell: '—',
  vatByRate: 'VAT {rate}: {vat} on {ht} excl. VAT',
  paymentMethods: {
    card: 'card',
    carte: 'card',
    sepa_debit: 'SEPA Direct Debit',
    customer_balance: 'bank transfer',
    virement: 'bank transfer',
    ...PAYMENT_BRANDS,
  },
  legalGloss: {
    vatFranchise: '(VAT not applicable, article 293 B of the French General Tax Code)',
    latePenalty: '(Late payment penalties: {rate})',
    recoveryIndemnity: '(Fixed compensation for recovery costs: €40)',
    noEarlyPaymentDiscount: '(No discount for early payment)',
  },
};

export const INVOICE_TEXT: Readonly<Record<Locale, InvoiceText>> = { fr, en };

/** A Stripe payment method type in words ("carte bancaire", "prélèvement SEPA"…); an unknown type as Stripe writes it, underscores as spaces. */
export function paymentMethodName(locale: Locale, type: string): string {
  return INVOICE_TEXT[locale].paymentMethods[type.toLowerCase()] ?? type.replace(/_/g, ' ');
}

/** The dictionary of a locale; anything unknown falls back to French. */
export function invoiceText(locale: Locale | undefined): InvoiceText {
  return isLocale(locale) ? INVOICE_TEXT[locale] : INVOICE_TEXT[DEFAULT_LOCALE];
}

/** Replaces `{name}` slots; an unknown slot is left as is so a missing value shows up in review. */
export function fillText(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : slot));
}
