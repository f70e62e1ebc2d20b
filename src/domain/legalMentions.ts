/**
 * Mentions French law requires on the invoice. They are printed in French whatever the locale;
 * with 'en' each one is followed by its English translation as a separate element (a separate line
 * in the document), so the legal wording itself is never altered.
 */
import { type LegalMentionKey, LEGAL_MENTIONS_FR, fillText, invoiceText } from '../i18n/invoiceText';
import { type Locale } from '../i18n/locale';
import type { VatMode } from './vat';

export interface LegalMentionsInput {
  vatMode: VatMode;
  clientIsBusiness: boolean;
  /** e.g. "3 fois le taux d'intérêt légal"; required when the client is a business. */
  latePenaltyRate?: string;
  locale?: Locale;
}

/** The legal minimum rate (art. L441-10 du Code de commerce), offered as the settings default. */
export const DEFAULT_LATE_PENALTY_RATE = "3 fois le taux d'intérêt légal";

export function legalMentions(input: LegalMentionsInput): string[] {
  const gloss = invoiceText(input.locale).legalGloss;
  const out: string[] = [];
  const add = (key: LegalMentionKey, values: Record<string, string> = {}): void => {
    out.push(fillText(LEGAL_MENTIONS_FR[key], values));
    if (gloss[key]) out.push(fillText(gloss[key], values));
  };
  if (input.vatMode === 'franchise') add('vatFranchise');
  if (input.clientIsBusiness) {
    const rate = (input.latePenaltyRate ?? '').trim();
    if (!rate) throw new Error('Taux des pénalités de retard manquant : il est obligatoire sur une facture à un professionnel.');
    // Art. L441-9 and L441-10 du Code de commerce: B2B invoices state the discount terms, the late
    // penalty rate and the 40 € flat indemnity, even when the invoice is already paid.
    add('latePenalty', { rate });
    add('recoveryIndemnity');
    add('noEarlyPaymentDiscount');
  }
  return out;
}

/**
 * The seller's name as it must appear: followed by "EI" (EI status, law of 14 February 2022) unless it already
 * says so ("… EI", "… E.I.", "EI …", "Entrepreneur(e) individuel(le)", any case).
 */
export function sellerDisplayName(name: string): string {
  const clean = typeof name === 'string' ? name.replace(/\s+/g, ' ').trim() : '';
  if (!clean) throw new Error('Nom du vendeur manquant.');
  // "EI" as a word at the end ("Dupont EI", "Dupont (E.I.)"), so "Marie Lorei" still gets " EI".
  if (/(^|[^\p{L}\p{N}])E\.?I\.?\)?$/iu.test(clean)) return clean;
  // The law also allows the initials just before the name ("EI Marie Dupont").
  if (/^E\.?I\.?\s/i.test(clean)) return clean;
  if (/entrepreneure?\s+individuel(le)?/i.test(clean)) return clean;
  return `${clean} EI`;
}

/** The same person's name, written with or without "EI", accents, case or extra spaces. */
export function sameName(a: string, b: string): boolean {
  const bare = (name: string): string =>
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\(?\be\.?i\.?\)?$|^e\.?i\.?\s|entrepreneure?\s+individuel(le)?/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return bare(a) === bare(b);
}
