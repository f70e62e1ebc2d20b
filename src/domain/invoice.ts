/**
 * The invoice / credit-note model and the values that fill the Docs template.
 * `buildInvoice` refuses to produce a document missing a mandatory mention (CGI art. 242 nonies A,
 * Code de commerce L441-9): an incomplete invoice is worse than a delayed one, since an issued
 * invoice can never be deleted, only cancelled by a credit note.
 */
import { fillText, invoiceText, paymentMethodName } from '../i18n/invoiceText';
import { type Locale, DEFAULT_LOCALE, isLocale } from '../i18n/locale';
import { type EinvoicingInput, einvoicingMentions, formatSiren, sirenOf } from './einvoicing';
import { legalMentions, sameName, sellerDisplayName } from './legalMentions';
import { type LocalDate, formatDateLong, isValidLocalDate } from './localDate';
import { formatEuros } from './money';
import { type ComputedLine, type LineInput, type Totals, type VatMode, computeLines, computeTotals, formatVatRate, isVatMode } from './vat';

export type InvoiceKind = 'invoice' | 'creditNote';

export interface Seller {
  /** The entrepreneur's own name, « Prénom Nom »: the law ties "EI" to it (décret 2022-725). */
  name: string;
  /** Optional trade name, printed beside the legal name (never in its place). */
  tradeName?: string;
  address: string;
  /** SIREN (9 digits) or SIRET (14 digits), spaces allowed. */
  siret: string;
  email: string;
  phone?: string;
  /** Intra-EU VAT number: required under standard VAT (CGI art. 242 nonies A, I-1°). */
  vatNumber?: string;
}

export interface Client {
  name: string;
  email: string;
  address?: string;
  /** A company name or a VAT number makes the client a business (B2B mentions are added). */
  company?: string;
  taxId?: string;
}

export interface Payment {
  date: LocalDate;
  /** A Stripe payment method type ('card', 'sepa_debit'…) or free text ('carte'). */
  method: string;
  /** Stripe id (pi_…, re_…); may be empty for a manual payment. Kept in the sheet. */
  reference: string;
  /**
   * What the client can recognise (receipt number, "Visa •••• 4242"); '' prints no reference. Absent in
   * data frozen before it existed: those documents print `reference`, as they did when issued.
   */
  shownReference?: string;
  /** Printed as "via Stripe"; null or '' prints nothing. Default 'Stripe'. */
  provider?: string | null;
}

export interface InvoiceInput {
  kind: InvoiceKind;
  number: string;
  issueDate: LocalDate;
  saleDate: LocalDate;
  seller: Seller;
  client: Client;
  /** Prices TTC, positive even for a credit note: buildInvoice makes credit-note amounts negative. */
  lines: readonly LineInput[];
  vatMode: VatMode;
  payment: Payment;
  /** Credit notes only: the number of the invoice they cancel. */
  citedInvoice?: string;
  /** Credit notes only: the cited invoice's issue date (absent in data frozen before it was printed). */
  citedInvoiceDate?: LocalDate;
  /** Credit notes only: true for a full refund ("annule la facture"), false for a partial one. */
  cancelsInFull?: boolean;
  /** The e-invoicing reform's extra mentions (from 1 Sept 2027); see einvoicing.ts. Absent: off. */
  einvoicing?: EinvoicingInput;
  /** Required for a business client, e.g. "3 fois le taux d'intérêt légal". */
  latePenaltyRate?: string;
  locale?: Locale;
}

export interface InvoiceModel {
  kind: InvoiceKind;
  number: string;
  issueDate: LocalDate;
  saleDate: LocalDate;
  seller: { name: string; displayName: string; tradeName: string; address: string; siret: string; email: string; phone: string; vatNumber: string };
  client: { name: string; email: string; address: string; company: string; taxId: string; isBusiness: boolean; siren: string };
  /** Negative amounts for a credit note (quantities stay positive). */
  lines: ComputedLine[];
  totals: Totals;
  vatMode: VatMode;
  payment: { date: LocalDate; method: string; reference: string; shownReference: string; provider: string | null };
  citedInvoice: string | null;
  citedInvoiceDate: LocalDate | null;
  /** null: unknown (frozen before it was recorded). */
  cancelsInFull: boolean | null;
  /** The e-invoicing mentions, printed; empty when they are off. */
  einvoicingMentions: string[];
  /** VAT paid on debits, by option (standard VAT, e-invoicing mentions on). */
  vatOnDebits: boolean;
  mentions: string[];
  locale: Locale;
}

/** Every placeholder of the document template; invoicePlaceholders() gives a value to each. */
export const INVOICE_PLACEHOLDERS = [
  '{{numero}}',
  '{{titre}}',
  '{{date_emission}}',
  '{{date_vente}}',
  '{{vendeur_nom}}',
  '{{vendeur_nom_commercial}}',
  '{{vendeur_adresse}}',
  '{{vendeur_siret}}',
  '{{vendeur_email}}',
  '{{vendeur_telephone}}',
  '{{vendeur_tva}}',
  '{{client_nom}}',
  '{{client_email}}',
  '{{client_adresse}}',
  '{{client_societe}}',
  '{{client_tva}}',
  '{{client_siren}}',
  '{{total_ht}}',
  '{{total_tva}}',
  '{{total_ttc}}',
  '{{detail_tva}}',
  '{{paiement}}',
  '{{facture_origine}}',
  '{{mentions}}',
  '{{mentions_einvoicing}}',
] as const;

export type InvoicePlaceholder = (typeof INVOICE_PLACEHOLDERS)[number];

/** Placeholders of the line-item model row; the row is copied once per line. Same order as LineCell. */
export const LINE_PLACEHOLDERS = ['{{ligne_designation}}', '{{ligne_quantite}}', '{{ligne_prix_unitaire_ht}}', '{{ligne_tva}}', '{{ligne_total_ht}}'] as const;

export type LinePlaceholder = (typeof LINE_PLACEHOLDERS)[number];

export type LineCell = 'designation' | 'quantite' | 'prix_unitaire_ht' | 'tva' | 'total_ht';

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

const negate = (n: number): number => (n === 0 ? 0 : -n);

/** Digits of a SIREN (9) or SIRET (14), or null when it is neither. */
function siretDigits(value: string): string | null {
  const digits = value.replace(/\s+/g, '');
  return /^(\d{9}|\d{14})$/.test(digits) ? digits : null;
}

/** "123 456 789" / "123 456 789 00012": the way SIREN and SIRET are usually printed. */
function formatSiret(digits: string): string {
  const siren = `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)}`;
  return digits.length === 14 ? `${siren} ${digits.slice(9)}` : siren;
}

function negateLine(line: ComputedLine): ComputedLine {
  return {
    ...line,
    unitPriceTtcCents: negate(line.unitPriceTtcCents),
    unitPriceHtCents: negate(line.unitPriceHtCents),
    totalHtCents: negate(line.totalHtCents),
    totalVatCents: negate(line.totalVatCents),
    totalTtcCents: negate(line.totalTtcCents),
  };
}

/** Validates and computes; throws one French error listing every missing or invalid field. */
export function buildInvoice(input: InvoiceInput): InvoiceModel {
  const problems: string[] = [];
  const kind = input.kind;
  if (kind !== 'invoice' && kind !== 'creditNote') problems.push(`type de pièce inconnu (${String(kind)})`);
  const isCreditNote = kind === 'creditNote';
  const number = str(input.number);
  if (!number) problems.push('numéro manquant');
  if (!isValidLocalDate(input.issueDate)) problems.push("date d'émission manquante ou invalide");
  if (!isValidLocalDate(input.saleDate)) problems.push('date de la vente ou de la prestation manquante ou invalide');
  const locale = input.locale === undefined ? DEFAULT_LOCALE : input.locale;
  if (!isLocale(locale)) problems.push(`langue inconnue (${String(locale)})`);
  const vatModeOk = isVatMode(input.vatMode);
  if (!vatModeOk) problems.push(`régime de TVA inconnu (${String(input.vatMode)})`);

  const seller = input.seller ?? ({} as Partial<Seller>);
  const sellerName = str(seller.name);
  if (!sellerName) problems.push('nom du vendeur manquant');
  const sellerAddress = str(seller.address);
  if (!sellerAddress) problems.push('adresse du vendeur manquante');
  const vatNumber = str(seller.vatNumber);
  if (input.vatMode === 'standard' && !vatNumber) problems.push('numéro de TVA intracommunautaire du vendeur manquant (obligatoire hors franchise de TVA)');
  else if (vatNumber && !/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(vatNumber.replace(/\s+/g, '')))
    problems.push(`numéro de TVA intracommunautaire du vendeur invalide (« ${vatNumber} », ex. FR12345678901)`);
  const rawSiret = str(seller.siret);
  const siret = siretDigits(rawSiret);
  if (!rawSiret) problems.push('SIREN/SIRET du vendeur manquant');
  else if (!siret) problems.push(`SIREN/SIRET du vendeur invalide (« ${rawSiret} » : 9 ou 14 chiffres attendus)`);

  const client = input.client ?? ({} as Partial<Client>);
  const clientName = str(client.name);
  if (!clientName) problems.push('nom du client manquant');
  const clientEmail = str(client.email);
  if (!clientEmail) problems.push('adresse e-mail du client manquante');
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(clientEmail)) problems.push(`adresse e-mail du client invalide (« ${clientEmail} »)`);
  const company = str(client.company);
  const taxId = str(client.taxId);
  const isBusiness = company !== '' || taxId !== '';

  const lines: ComputedLine[] = [];
  const inputLines = Array.isArray(input.lines) ? input.lines : [];
  if (inputLines.length === 0) problems.push('au moins une ligne est nécessaire');
  if (vatModeOk) {
    inputLines.forEach((line, i) => {
      try {
        for (const computed of computeLines(line, input.vatMode)) lines.push(isCreditNote ? negateLine(computed) : computed);
      } catch (e) {
        problems.push(`ligne ${i + 1} : ${(e as Error).message}`);
      }
    });
  }

  const payment = input.payment ?? ({} as Partial<Payment>);
  if (!isValidLocalDate(payment.date)) problems.push(isCreditNote ? 'date du remboursement manquante ou invalide' : 'date du paiement manquante ou invalide');
  const method = str(payment.method);
  if (!method) problems.push('moyen de paiement manquant');
  const provider = payment.provider === undefined ? 'Stripe' : str(payment.provider) || null;

  const citedInvoice = str(input.citedInvoice);
  if (isCreditNote && !citedInvoice) problems.push("un avoir doit citer le numéro de la facture qu'il annule");
  if (!isCreditNote && citedInvoice) problems.push("seul un avoir cite une facture d'origine");
  const citedInvoiceDate = isCreditNote && input.citedInvoiceDate !== undefined ? input.citedInvoiceDate : null;
  if (citedInvoiceDate !== null && !isValidLocalDate(citedInvoiceDate)) problems.push("date de la facture d'origine invalide");

  const latePenaltyRate = str(input.latePenaltyRate);
  if (isBusiness && !latePenaltyRate) problems.push('taux des pénalités de retard manquant (obligatoire pour un client professionnel)');

  if (problems.length > 0) {
    const what = isCreditNote ? "l'avoir" : 'la facture';
    throw new Error(`Impossible d'émettre ${what}${number ? ` ${number}` : ''} : ${problems.join(' ; ')}.`);
  }

  const tradeName = str(seller.tradeName);
  const reference = str(payment.reference);
  const einvoicing = input.einvoicing;
  return {
    kind,
    number,
    issueDate: { ...input.issueDate },
    saleDate: { ...input.saleDate },
    seller: {
      name: sellerName,
      displayName: sellerDisplayName(sellerName),
      // A trade name that only repeats the legal name (a migrated setting) is not printed twice.
      tradeName: tradeName && !sameName(tradeName, sellerName) ? tradeName : '',
      address: sellerAddress,
      siret: formatSiret(siret as string),
      email: str(seller.email),
      phone: str(seller.phone),
      vatNumber,
    },
    client: {
      name: clientName,
      email: clientEmail,
      address: str(client.address),
      company,
      taxId,
      isBusiness,
      siren: einvoicing?.enabled && isBusiness ? formatSiren(sirenOf(taxId)) : '',
    },
    lines,
    totals: computeTotals(lines),
    vatMode: input.vatMode,
    payment: {
      date: { ...payment.date } as LocalDate,
      method,
      reference,
      shownReference: payment.shownReference === undefined ? reference : str(payment.shownReference),
      provider,
    },
    citedInvoice: isCreditNote ? citedInvoice : null,
    citedInvoiceDate: citedInvoiceDate ? { ...citedInvoiceDate } : null,
    cancelsInFull: isCreditNote && typeof input.cancelsInFull === 'boolean' ? input.cancelsInFull : null,
    mentions: legalMentions({ vatMode: input.vatMode, clientIsBusiness: isBusiness, latePenaltyRate, locale }),
    einvoicingMentions: einvoicingMentions(einvoicing, input.vatMode, locale as Locale),
    vatOnDebits: !!einvoicing?.enabled && einvoicing.vatOnDebits && input.vatMode === 'standard',
    locale: locale as Locale,
  };
}

/**
 * The lines a document was made from, amounts positive (a credit note's included), each reduction back
 * on the line it reduces: to repeat a document's lines in another one (a credit note that cancels an
 * invoice in full, an invoice that cancels a credit note).
 */
export function lineInputsOf(model: InvoiceModel): LineInput[] {
  const out: LineInput[] = [];
  for (const l of model.lines) {
    const previous = out[out.length - 1];
    if (l.isDiscount && previous) previous.discount = { amountTtcCents: Math.abs(l.totalTtcCents), label: l.designation };
    else out.push({ designation: l.designation, quantity: l.quantity, unitPriceTtcCents: Math.abs(l.unitPriceTtcCents), vatRatePercent: l.vatRatePercent });
  }
  return out;
}

/** A document that cost nothing (100 % off): no payment to print, but the reduction that made it so. */
export const NO_PAYMENT_METHOD = 'none';

function paymentLine(model: InvoiceModel): string {
  const text = invoiceText(model.locale);
  const { payment } = model;
  if (payment.method === NO_PAYMENT_METHOD) return fillText(text.noPayment, { date: formatDateLong(payment.date, model.locale) });
  const method = paymentMethodName(model.locale, payment.method);
  let out = fillText(model.kind === 'creditNote' ? text.refunded : text.paid, {
    date: formatDateLong(payment.date, model.locale),
    method,
  });
  if (payment.provider) out += fillText(text.via, { provider: payment.provider });
  if (payment.shownReference) out += fillText(text.reference, { reference: payment.shownReference });
  return out;
}

/** "Cet avoir annule (partiellement) la facture F-… du …", or the older wording for data frozen without the date. */
function citedInvoiceLine(model: InvoiceModel): string {
  if (!model.citedInvoice) return '';
  const text = invoiceText(model.locale);
  if (!model.citedInvoiceDate || model.cancelsInFull === null) return fillText(text.citedInvoice, { number: model.citedInvoice });
  return fillText(model.cancelsInFull ? text.cancelsInvoice : text.cancelsInvoicePartly, {
    number: model.citedInvoice,
    date: formatDateLong(model.citedInvoiceDate, model.locale),
  });
}

/** Values for every INVOICE_PLACEHOLDERS key (empty string for an absent optional field). */
export function invoicePlaceholders(model: InvoiceModel): Record<InvoicePlaceholder, string> {
  const { locale } = model;
  const text = invoiceText(locale);
  const euros = (cents: number): string => formatEuros(cents, locale);
  return {
    '{{numero}}': model.number,
    '{{titre}}': model.kind === 'creditNote' ? text.titleCreditNote : text.titleInvoice,
    '{{date_emission}}': formatDateLong(model.issueDate, locale),
    '{{date_vente}}': formatDateLong(model.saleDate, locale),
    '{{vendeur_nom}}': model.seller.displayName,
    '{{vendeur_nom_commercial}}': model.seller.tradeName,
    '{{vendeur_adresse}}': model.seller.address,
    '{{vendeur_siret}}': model.seller.siret,
    '{{vendeur_email}}': model.seller.email,
    '{{vendeur_telephone}}': model.seller.phone,
    '{{vendeur_tva}}': model.seller.vatNumber,
    '{{client_nom}}': model.client.name,
    '{{client_email}}': model.client.email,
    '{{client_adresse}}': model.client.address,
    '{{client_societe}}': model.client.company,
    '{{client_tva}}': model.client.taxId,
    '{{client_siren}}': model.client.siren,
    '{{total_ht}}': euros(model.totals.totalHtCents),
    // Under the franchise there is no VAT, not a VAT of 0 €: the line goes (the mention says why).
    '{{total_tva}}': model.vatMode === 'franchise' ? '' : euros(model.totals.totalVatCents),
    '{{total_ttc}}': euros(model.totals.totalTtcCents),
    '{{detail_tva}}': model.totals.byRate
      .map((g) =>
        fillText(text.vatByRate, {
          rate: formatVatRate(g.vatRatePercent, locale),
          vat: euros(g.totalVatCents),
          ht: euros(g.totalHtCents),
        }),
      )
      .join('\n'),
    '{{paiement}}': paymentLine(model),
    '{{facture_origine}}': citedInvoiceLine(model),
    '{{mentions}}': model.mentions.join('\n'),
    '{{mentions_einvoicing}}': model.einvoicingMentions.join('\n'),
  };
}

/** The cells of one line-item row. Under the franchise the VAT cell shows "—", not "0 %". */
export function lineRowValues(line: ComputedLine, locale: Locale = 'fr'): Record<LineCell, string> {
  return {
    designation: line.designation,
    quantite: String(line.quantity),
    prix_unitaire_ht: formatEuros(line.unitPriceHtCents, locale),
    tva: line.vatMode === 'franchise' ? invoiceText(locale).noVatCell : formatVatRate(line.vatRatePercent, locale),
    total_ht: formatEuros(line.totalHtCents, locale),
  };
}

/** lineRowValues keyed by LINE_PLACEHOLDERS ("{{ligne_<cell>}}"), ready for replaceText. */
export function linePlaceholders(line: ComputedLine, locale: Locale = 'fr'): Record<LinePlaceholder, string> {
  const cells = lineRowValues(line, locale);
  return {
    '{{ligne_designation}}': cells.designation,
    '{{ligne_quantite}}': cells.quantite,
    '{{ligne_prix_unitaire_ht}}': cells.prix_unitaire_ht,
    '{{ligne_tva}}': cells.tva,
    '{{ligne_total_ht}}': cells.total_ht,
  };
}
