/**
 * The e-invoicing reform (ordonnance 2021-1190, loi de finances 2024 art. 91): from 1 September 2027 a
 * micro-entrepreneur issues its invoices to businesses electronically, and every invoice carries four
 * new mentions (CGI art. 242 nonies A as amended): the client's SIREN, the nature of the operation
 * (goods, services or both), the delivery address when it differs from the client's, and the option
 * for paying VAT on debits when it was chosen. Carnet sells services only (lessons, trainings and
 * ebooks, which are electronically supplied services), so there is never a delivery address.
 */
import { EINVOICING_MENTIONS_FR, fillText, invoiceText } from '../i18n/invoiceText';
import { type Locale } from '../i18n/locale';
import { type LocalDate, compareLocalDates } from './localDate';
import type { VatMode } from './vat';

/** The day the new mentions become mandatory for micro-entrepreneurs. */
export const EINVOICING_START: LocalDate = { year: 2027, month: 9, day: 1 };

/** The `Mentions de la facturation électronique` setting: automatic (from EINVOICING_START), always, never. */
export const EINVOICING_SETTINGS = ['auto', 'oui', 'non'] as const;
export type EinvoicingSetting = (typeof EINVOICING_SETTINGS)[number];

export type OperationNature = 'services' | 'goods' | 'both';

/** What is frozen with a document: whether the mentions are printed, and what they say. */
export interface EinvoicingInput {
  enabled: boolean;
  nature: OperationNature;
  vatOnDebits: boolean;
}

export function einvoicingEnabled(setting: EinvoicingSetting, issueDate: LocalDate): boolean {
  if (setting === 'oui') return true;
  if (setting === 'non') return false;
  return compareLocalDates(issueDate, EINVOICING_START) >= 0;
}

/**
 * The client's SIREN from what Checkout or the `Clients` tab gives: a French VAT number (FR + 2-character
 * key + SIREN), a SIREN (9 digits) or a SIRET (14 digits). '' when there is none (a foreign business).
 */
export function sirenOf(taxId: string): string {
  const compact = taxId.replace(/[\s.-]/g, '').toUpperCase();
  const vat = /^FR[0-9A-Z]{2}(\d{9})$/.exec(compact);
  if (vat) return vat[1];
  if (/^\d{9}$/.test(compact) || /^\d{14}$/.test(compact)) return compact.slice(0, 9);
  return '';
}

/** "123 456 789". */
export function formatSiren(siren: string): string {
  return siren ? `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6, 9)}` : '';
}

/** The mentions printed in the footer (in French; with 'en' each one is followed by its translation). */
export function einvoicingMentions(input: EinvoicingInput | undefined, vatMode: VatMode, locale: Locale): string[] {
  if (!input || !input.enabled) return [];
  const gloss = invoiceText(locale).einvoicingGloss;
  const natureWord = invoiceText('fr').natures[input.nature];
  const out: string[] = [];
  const add = (key: keyof typeof EINVOICING_MENTIONS_FR, values: Record<string, string> = {}): void => {
    out.push(fillText(EINVOICING_MENTIONS_FR[key], values));
    if (gloss[key]) out.push(fillText(gloss[key], { nature: invoiceText(locale).natures[input.nature] }));
  };
  add('nature', { nature: natureWord });
  // The option only exists where VAT is charged.
  if (input.vatOnDebits && vatMode === 'standard') add('vatOnDebits');
  return out;
}
