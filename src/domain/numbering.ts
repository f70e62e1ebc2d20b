/**
 * Invoice and credit-note numbers (CGI art. 242 nonies A): one continuous chronological sequence per
 * series, no gap, no reuse. A yearly series ("F-2026-0001") restarts at 1 each year.
 * The durable counter and the sheet are two records of the same fact; when they disagree, issuing
 * stops until a human fixes it, because guessing could create a gap or a duplicate.
 */

export interface NumberingSettings {
  /** Series prefix: 'F' for invoices, 'A' for credit notes (letters and digits only). */
  prefix: string;
  /** Minimum width of the sequence, zero-padded; default 4. Longer numbers are never truncated. */
  digits?: number;
  yearly: boolean;
}

/** The last number issued. null, or seq 0, means nothing issued yet in this series. */
export interface NumberingCounter {
  year: number | null;
  seq: number;
}

export interface IssuedNumber {
  /** null for a series that is not yearly. Store { year, seq } as the new counter. */
  year: number | null;
  seq: number;
  text: string;
}

export interface ParsedNumber {
  year?: number;
  seq: number;
}

export type CounterCheck = { ok: true } | { ok: false; reason: string };

export const DEFAULT_NUMBER_DIGITS = 4;

const STOP =
  " L'émission des factures et des avoirs est suspendue jusqu'à correction. " +
  'Ne supprimez aucune pièce émise : corrigez le compteur ou la feuille, puis relancez.';

function checkSettings(settings: NumberingSettings): number {
  if (typeof settings.prefix !== 'string' || !/^[A-Za-z0-9]{1,10}$/.test(settings.prefix)) {
    throw new Error(`Préfixe de numérotation invalide : « ${String(settings.prefix)} » (lettres et chiffres uniquement).`);
  }
  const digits = settings.digits ?? DEFAULT_NUMBER_DIGITS;
  if (!Number.isInteger(digits) || digits < 1 || digits > 10) {
    throw new Error(`Nombre de chiffres de numérotation invalide : ${String(digits)} (entre 1 et 10).`);
  }
  return digits;
}

function isValidYear(year: unknown): year is number {
  return Number.isInteger(year) && (year as number) >= 1000 && (year as number) <= 9999;
}

/** Yearly: "F-2026-0001"; otherwise "F-0001" (year ignored). */
export function formatNumber(settings: NumberingSettings, year: number | null, seq: number): string {
  const digits = checkSettings(settings);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`Numéro d'ordre invalide : ${String(seq)}.`);
  const padded = String(seq).padStart(digits, '0');
  if (!settings.yearly) return `${settings.prefix}-${padded}`;
  if (!isValidYear(year)) throw new Error(`Année de numérotation invalide : ${String(year)}.`);
  return `${settings.prefix}-${year}-${padded}`;
}

/** The year and sequence of a number of this series, or null when the text is not one of ours. */
export function parseNumber(settings: NumberingSettings, text: string): ParsedNumber | null {
  checkSettings(settings);
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const m = settings.yearly ? /^([A-Za-z0-9]+)-(\d{4})-(\d+)$/.exec(trimmed) : /^([A-Za-z0-9]+)-()(\d+)$/.exec(trimmed);
  if (!m || m[1] !== settings.prefix) return null;
  const seq = Number(m[3]);
  const year = settings.yearly ? Number(m[2]) : null;
  if (!Number.isSafeInteger(seq) || seq < 1 || (settings.yearly && !isValidYear(year))) return null;
  // Only the exact form we issue belongs to the series: "F-2026-01" or "F-2026-00001" do not.
  if (formatNumber(settings, year, seq) !== trimmed) return null;
  return settings.yearly ? { year: year as number, seq } : { seq };
}

function isEmptyCounter(counter: NumberingCounter | null): boolean {
  return counter === null || counter.seq === 0;
}

/** The number to issue after `counter` for a document dated in `issueYear`. */
export function nextNumber(settings: NumberingSettings, counter: NumberingCounter | null, issueYear: number): IssuedNumber {
  checkSettings(settings);
  if (!isValidYear(issueYear)) throw new Error(`Année d'émission invalide : ${String(issueYear)}.`);
  if (counter !== null && (!Number.isSafeInteger(counter.seq) || counter.seq < 0)) {
    throw new Error(`Compteur de la série ${settings.prefix} invalide : ${JSON.stringify(counter)}.`);
  }
  if (!settings.yearly) {
    const seq = isEmptyCounter(counter) ? 1 : (counter as NumberingCounter).seq + 1;
    return { year: null, seq, text: formatNumber(settings, null, seq) };
  }
  let seq = 1;
  if (!isEmptyCounter(counter)) {
    const c = counter as NumberingCounter;
    if (!isValidYear(c.year)) {
      throw new Error(`Compteur de la série annuelle ${settings.prefix} sans année valide : ${JSON.stringify(c)}.`);
    }
    if (c.year > issueYear) {
      throw new Error(
        `Numérotation non chronologique : la série ${settings.prefix} en est déjà à l'année ${c.year}, ` +
          `impossible d'émettre une pièce datée de ${issueYear}.`,
      );
    }
    seq = c.year === issueYear ? c.seq + 1 : 1;
  }
  return { year: issueYear, seq, text: formatNumber(settings, issueYear, seq) };
}

/** "F-AAAA-0001" / "F-0001": the shape of the series, for messages. */
function numberPattern(settings: NumberingSettings): string {
  const first = '1'.padStart(checkSettings(settings), '0');
  return settings.yearly ? `${settings.prefix}-AAAA-${first}` : `${settings.prefix}-${first}`;
}

/** Negative when a comes before b in the series. */
function compareParsed(a: ParsedNumber, b: ParsedNumber): number {
  return (a.year ?? 0) - (b.year ?? 0) || a.seq - b.seq;
}

/**
 * The durable counter must name exactly the last number recorded in the sheet for this series.
 * Counter behind the sheet → the next number would be a duplicate; ahead → a number was taken but
 * its document is missing (a gap).
 */
export function checkCounterAgainstLast(settings: NumberingSettings, counter: NumberingCounter | null, lastNumberInSheet: string | null): CounterCheck {
  checkSettings(settings);
  const series = `Numérotation de la série « ${settings.prefix} » incohérente :`;
  const last = typeof lastNumberInSheet === 'string' && lastNumberInSheet.trim() !== '' ? lastNumberInSheet.trim() : null;

  let counterText: string | null = null;
  if (!isEmptyCounter(counter)) {
    const c = counter as NumberingCounter;
    try {
      counterText = formatNumber(settings, c.year, c.seq);
    } catch {
      return { ok: false, reason: `${series} le compteur enregistré (${JSON.stringify(c)}) n'est pas valide.${STOP}` };
    }
  }
  if (counterText === null && last === null) return { ok: true };
  if (last === null) {
    return {
      ok: false,
      reason:
        `${series} le compteur indique ${counterText} comme dernier numéro émis, mais la feuille ne contient ` +
        `aucune pièce de cette série. Des pièces émises manquent dans la feuille.${STOP}`,
    };
  }
  const parsedLast = parseNumber(settings, last);
  if (!parsedLast) {
    return {
      ok: false,
      reason:
        `${series} le dernier numéro de la feuille, « ${last} », n'a pas le format de la série ` + `(format attendu : ${numberPattern(settings)}).${STOP}`,
    };
  }
  if (counterText === null) {
    return {
      ok: false,
      reason: `${series} le compteur est vide alors que la feuille contient déjà ${last}. ` + `Le prochain numéro serait un doublon.${STOP}`,
    };
  }
  const order = compareParsed(parseNumber(settings, counterText) as ParsedNumber, parsedLast);
  if (order === 0) return { ok: true };
  if (order > 0) {
    return {
      ok: false,
      reason:
        `${series} le compteur indique ${counterText} comme dernier numéro émis, mais la dernière pièce ` +
        `de la feuille est ${last}. Il manquerait des numéros (trou dans la séquence) : un numéro a été attribué ` +
        `sans que sa pièce soit enregistrée, ou une ligne a été supprimée.${STOP}`,
    };
  }
  return {
    ok: false,
    reason:
      `${series} le compteur indique ${counterText} comme dernier numéro émis, mais la feuille contient ` +
      `déjà ${last}. Le prochain numéro serait un doublon.${STOP}`,
  };
}

export interface SequenceAudit {
  /** The highest number of the series found, to compare with the counter; null when none. */
  last: string | null;
  /** One French sentence per problem (duplicate, gap, out of order, malformed). */
  problems: string[];
}

/**
 * Audits the numbers of a sheet column, in row order (the chronological register). Texts of
 * other series are ignored. The sheet is the full history, so each series (or year) starts at 1.
 */
export function auditSequence(settings: NumberingSettings, numbers: readonly unknown[]): SequenceAudit {
  checkSettings(settings);
  const problems: string[] = [];
  const seen = new Set<string>();
  let prev: ParsedNumber | null = null;
  let last: string | null = null;
  const text = (p: ParsedNumber): string => formatNumber(settings, p.year ?? null, p.seq);

  for (const raw of numbers) {
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const value = raw.trim();
    const parsed = parseNumber(settings, value);
    if (!parsed) {
      if (value.startsWith(`${settings.prefix}-`)) problems.push(`Numéro mal formé : « ${value} ».`);
      continue;
    }
    if (seen.has(value)) {
      problems.push(`Doublon : ${value} apparaît plusieurs fois.`);
      continue;
    }
    seen.add(value);
    if (prev && compareParsed(parsed, prev) < 0) {
      problems.push(`Ordre non chronologique : ${value} est enregistré après ${text(prev)}.`);
      continue;
    }
    const newYear = !prev || (settings.yearly && parsed.year !== prev.year);
    const expected: ParsedNumber = newYear ? { year: parsed.year, seq: 1 } : { year: prev?.year, seq: (prev as ParsedNumber).seq + 1 };
    if (parsed.seq > expected.seq) {
      const from = text(expected);
      const to = text({ year: parsed.year, seq: parsed.seq - 1 });
      problems.push(
        from === to ? `Trou dans la numérotation : ${from} manque avant ${value}.` : `Trou dans la numérotation : ${from} à ${to} manquent avant ${value}.`,
      );
    }
    prev = parsed;
    last = value;
  }
  return { last, problems };
}
