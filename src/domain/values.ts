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
  const s = asText(value)
    .replace(/\s|\u00a0|\u202f|€/g, '')
    .replace(',', '.');
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

/**
 * `text` cut into pieces of at most `maxBytes` bytes of UTF-8 each (Script Properties hold 9 KB a
 * value), never inside a character: joined again, they give `text` back.
 */
export function chunkUtf8(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i) as number;
    const units = code > 0xffff ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes && i > start) {
      chunks.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += units;
  }
  if (start < text.length || chunks.length === 0) chunks.push(text.slice(start));
  return chunks;
}
