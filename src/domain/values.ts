// Cell values as Apps Script returns them. Dates are tested without instanceof: a Date made in another
// realm (another global scope) is still a Date.

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return value.toISOString();
  return String(value).trim();
}

/** A number from a cell that may hold a number or a French/English decimal string; NaN when it is neither. */
export function asNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  const s = asText(value).replace(/\s|\u00a0|\u202f|€/g, '').replace(',', '.');
  return s === '' ? NaN : Number(s);
}

const NO_WORDS = ['non', 'no', 'false', 'faux', '0'];

/** What the admin may type in a cell for "no", in French or English (any case). */
export function isNo(text: string): boolean {
  return NO_WORDS.includes(text.trim().toLowerCase());
}

/** Bytes of `text` in UTF-8 (quotas such as CacheService's 100 KB count bytes; "é" is 2, "€" 3). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
