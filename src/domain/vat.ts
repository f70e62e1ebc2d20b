/**
 * VAT on invoice lines. Catalogue prices are TTC (what the client pays through Stripe), so the
 * TTC total is fixed and HT/VAT are derived from it: the invoice always matches the amount charged.
 */
import type { Locale } from '../i18n/locale';
import { NBSP, assertCents } from './money';

/** 'franchise': franchise en base, no VAT (art. 293 B du CGI). 'standard': VAT at a rate per line. */
export type VatMode = 'franchise' | 'standard';

export const VAT_MODES: readonly VatMode[] = ['franchise', 'standard'];

export const DEFAULT_VAT_RATE_PERCENT = 20;

export interface LineInput {
  designation: string;
  quantity: number;
  unitPriceTtcCents: number;
  /** Ignored under the franchise; defaults to 20 under 'standard'. */
  vatRatePercent?: number;
  /**
   * A reduction granted on this line (a coupon, a promotion code), TTC, at most the line's total: the
   * invoice shows it as its own line under this one, so that the price before the reduction and the
   * reduction both appear, as CGI art. 242 nonies A (« réductions de prix ») requires.
   */
  discount?: LineDiscount;
}

export interface LineDiscount {
  amountTtcCents: number;
  /** The discount line's designation (« Remise « PRINTEMPS » »). */
  label: string;
}

export interface ComputedLine {
  designation: string;
  quantity: number;
  unitPriceTtcCents: number;
  unitPriceHtCents: number;
  vatRatePercent: number;
  totalHtCents: number;
  totalVatCents: number;
  totalTtcCents: number;
  /** Kept on the line so a 0 % rate can be told apart from "no VAT" when printing. */
  vatMode: VatMode;
  /** The reduction of the line just above (negative amounts on an invoice). */
  isDiscount?: true;
}

export interface VatRateTotal {
  vatRatePercent: number;
  totalHtCents: number;
  totalVatCents: number;
}

export interface Totals {
  totalHtCents: number;
  totalVatCents: number;
  totalTtcCents: number;
  /** Per-rate HT and VAT, as art. 242 nonies A requires when several rates appear; empty under the franchise. */
  byRate: VatRateTotal[];
}

export function isVatMode(value: unknown): value is VatMode {
  return value === 'franchise' || value === 'standard';
}

/** A rate the admin may type: 0 to 100 with at most two decimals (5,5 or 20). */
export function isPercentRate(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 100 && Math.round(n * 100) === n * 100;
}

/** The rate in hundredths of a percent, so 5.5 % is the integer 550 and rounding stays exact. */
function rateHundredths(ratePercent: number): number {
  if (typeof ratePercent !== 'number' || !Number.isFinite(ratePercent) || ratePercent < 0 || ratePercent > 100) {
    throw new Error(`Taux de TVA invalide : ${String(ratePercent)} (attendu entre 0 et 100 %).`);
  }
  const h = Math.round(ratePercent * 100);
  if (Math.abs(ratePercent * 100 - h) > 1e-6) {
    throw new Error(`Taux de TVA invalide : ${ratePercent} (deux décimales au plus).`);
  }
  return h;
}

/** numerator / denominator rounded half away from zero, in integers (denominator > 0). */
function divideRounded(numerator: number, denominator: number): number {
  const abs = Math.abs(numerator);
  const q = Math.floor(abs / denominator);
  const r = abs - q * denominator;
  const rounded = 2 * r >= denominator ? q + 1 : q;
  return numerator < 0 ? -rounded : rounded;
}

/** HT amount of a TTC amount, rounded to the cent half away from zero. */
export function htFromTtc(ttcCents: number, ratePercent: number): number {
  assertCents(ttcCents);
  const h = rateHundredths(ratePercent);
  const numerator = ttcCents * 10000;
  if (!Number.isSafeInteger(numerator)) throw new Error(`Montant hors limites : ${ttcCents} centimes.`);
  return divideRounded(numerator, 10000 + h);
}

/**
 * One invoice line. The line total is computed from the TTC total, not from the rounded unit HT
 * price, so unit HT × quantity may differ from the line's HT total by a cent or so: the TTC total
 * (the amount charged) is what must be exact.
 */
export function computeLine(input: LineInput, mode: VatMode): ComputedLine {
  if (!isVatMode(mode)) throw new Error(`Régime de TVA inconnu : ${String(mode)}.`);
  const designation = typeof input.designation === 'string' ? input.designation.trim() : '';
  if (!designation) throw new Error('Désignation manquante : chaque ligne doit décrire précisément la prestation.');
  const { quantity, unitPriceTtcCents } = input;
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new Error(`Quantité invalide pour « ${designation} » : ${String(quantity)} (entier supérieur à 0 attendu).`);
  }
  if (typeof unitPriceTtcCents !== 'number' || !Number.isSafeInteger(unitPriceTtcCents) || unitPriceTtcCents < 0) {
    throw new Error(`Prix unitaire invalide pour « ${designation} » : ${String(unitPriceTtcCents)} (centimes, positif ou nul).`);
  }
  const totalTtcCents = unitPriceTtcCents * quantity;
  if (!Number.isSafeInteger(totalTtcCents)) throw new Error(`Montant hors limites pour « ${designation} ».`);

  if (mode === 'franchise') {
    return {
      designation,
      quantity,
      unitPriceTtcCents,
      unitPriceHtCents: unitPriceTtcCents,
      vatRatePercent: 0,
      totalHtCents: totalTtcCents,
      totalVatCents: 0,
      totalTtcCents,
      vatMode: mode,
    };
  }
  const vatRatePercent = input.vatRatePercent ?? DEFAULT_VAT_RATE_PERCENT;
  const totalHtCents = htFromTtc(totalTtcCents, vatRatePercent);
  return {
    designation,
    quantity,
    unitPriceTtcCents,
    unitPriceHtCents: htFromTtc(unitPriceTtcCents, vatRatePercent),
    vatRatePercent,
    totalHtCents,
    totalVatCents: totalTtcCents - totalHtCents,
    totalTtcCents,
    vatMode: mode,
  };
}

/**
 * A line and, when it has a reduction, the reduction's own line right under it. The reduction's HT and
 * VAT are the difference between the line before and after it, so that the pair sums to the HT and VAT
 * of the amount actually charged, computed once on it: the VAT is on the discounted price.
 */
export function computeLines(input: LineInput, mode: VatMode): ComputedLine[] {
  const line = computeLine(input, mode);
  const discount = input.discount;
  if (!discount || discount.amountTtcCents === 0) return [line];
  const amount = discount.amountTtcCents;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0 || amount > line.totalTtcCents) {
    throw new Error(`Remise invalide pour « ${line.designation} » : ${String(amount)} (centimes, entre 0 et le total de la ligne).`);
  }
  const label = typeof discount.label === 'string' ? discount.label.trim() : '';
  if (!label) throw new Error(`Remise sans désignation pour « ${line.designation} ».`);
  const netTtc = line.totalTtcCents - amount;
  const netHt = mode === 'franchise' ? netTtc : htFromTtc(netTtc, line.vatRatePercent);
  const ht = netHt - line.totalHtCents;
  return [
    line,
    {
      designation: label,
      quantity: 1,
      unitPriceTtcCents: -amount,
      unitPriceHtCents: ht,
      vatRatePercent: line.vatRatePercent,
      totalHtCents: ht,
      totalVatCents: -amount - ht,
      totalTtcCents: -amount,
      vatMode: mode,
      isDiscount: true,
    },
  ];
}

/** Sums of the lines, exactly (no re-rounding), plus the per-rate breakdown. */
export function computeTotals(lines: readonly ComputedLine[]): Totals {
  const modes = new Set(lines.map((l) => l.vatMode));
  if (modes.size > 1) throw new Error('Une facture ne peut pas mélanger franchise de TVA et TVA collectée.');
  const totals: Totals = { totalHtCents: 0, totalVatCents: 0, totalTtcCents: 0, byRate: [] };
  for (const line of lines) {
    totals.totalHtCents += line.totalHtCents;
    totals.totalVatCents += line.totalVatCents;
    totals.totalTtcCents += line.totalTtcCents;
    if (line.vatMode !== 'standard') continue;
    let group = totals.byRate.find((g) => g.vatRatePercent === line.vatRatePercent);
    if (!group) {
      group = { vatRatePercent: line.vatRatePercent, totalHtCents: 0, totalVatCents: 0 };
      totals.byRate.push(group);
    }
    group.totalHtCents += line.totalHtCents;
    group.totalVatCents += line.totalVatCents;
  }
  return totals;
}

/** fr: "20 %", "5,5 %" (U+00A0 before %, French typography); en: "20%", "5.5%". */
export function formatVatRate(ratePercent: number, locale: Locale = 'fr'): string {
  const h = rateHundredths(ratePercent);
  const whole = String(Math.floor(h / 100));
  const fraction = String(h % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  if (locale === 'en') return `${whole}${fraction ? `.${fraction}` : ''}%`;
  return `${whole}${fraction ? `,${fraction}` : ''}${NBSP}%`;
}
