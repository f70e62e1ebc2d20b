/**
 * Amounts are integer cents everywhere in the domain: floating-point euros drift (0.1 + 0.2) and a
 * French invoice must add up to the cent.
 * Formatting is done by hand because Apps Script's Intl/ICU data is unreliable.
 */
import type { Locale } from '../i18n/locale';

/**
 * French grouping and the space before "€" use U+00A0 NO-BREAK SPACE. Typographers prefer the
 * narrow U+202F (what Intl 'fr-FR' emits), but U+00A0 renders in every Docs/PDF font and never
 * lets the line break inside an amount.
 */
export const NBSP = '\u00A0';

/** Beyond this, euros × 100 no longer has exact cents in a double. */
const MAX_EUROS = 1e12;

export function assertCents(cents: number, what = 'montant'): void {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) {
    throw new Error(`Montant en centimes invalide (${what}) : ${String(cents)} n'est pas un nombre entier de centimes.`);
  }
}

/** Euros (e.g. a sheet cell) to cents, rounding half away from zero: 1.005 → 101, -1.005 → -101. */
export function eurosToCents(euros: number): number {
  if (typeof euros !== 'number' || !Number.isFinite(euros)) {
    throw new Error(`Montant invalide : ${String(euros)} n'est pas un nombre.`);
  }
  if (Math.abs(euros) >= MAX_EUROS) throw new Error(`Montant hors limites : ${euros} €.`);
  // 1.005 * 100 is 100.49999999999999 in binary; 15 significant digits restore the decimal intent.
  const scaled = Number((Math.abs(euros) * 100).toPrecision(15));
  const cents = Math.round(scaled);
  return euros < 0 && cents !== 0 ? -cents : cents;
}

export function centsToEuros(cents: number): number {
  assertCents(cents);
  return cents / 100;
}

function groupThousands(digits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

/** fr: "1 234,56 €", "-12,00 €" (U+00A0 spaces); en: "€1,234.56", "-€12.00". */
export function formatEuros(cents: number, locale: Locale = 'fr'): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const decimals = String(abs % 100).padStart(2, '0');
  const whole = String(Math.floor(abs / 100));
  if (locale === 'en') return `${sign}€${groupThousands(whole, ',')}.${decimals}`;
  return `${sign}${groupThousands(whole, NBSP)},${decimals}${NBSP}€`;
}
