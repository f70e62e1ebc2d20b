import { runInNewContext } from 'node:vm';
import { asNumber, asText, chunkUtf8, isDate, utf8Length } from '../../src/domain/values';

describe('isDate', () => {
  it('recognises Dates, including a Date from another realm (the Apps Script runtime)', () => {
    expect(isDate(new Date())).toBe(true);
    const foreign: unknown = runInNewContext('new Date(0)');
    expect(foreign instanceof Date).toBe(false);
    expect(isDate(foreign)).toBe(true);
  });

  it('counts an invalid Date as a Date', () => {
    expect(isDate(new Date('not a date'))).toBe(true);
  });

  it.each(['2026-03-10', 1773100800000, null, undefined, {}, { getTime: () => 0 }])('refuses %p', (value) => {
    expect(isDate(value)).toBe(false);
  });
});

describe('asText', () => {
  it('trims strings', () => {
    expect(asText('  Jeanne Martin \n')).toBe('Jeanne Martin');
  });

  it('is empty for a missing value', () => {
    expect(asText(null)).toBe('');
    expect(asText(undefined)).toBe('');
    expect(asText('')).toBe('');
  });

  it('writes numbers and booleans as the sheet shows them in English', () => {
    expect(asText(42)).toBe('42');
    expect(asText(12.5)).toBe('12.5');
    expect(asText(0)).toBe('0');
    expect(asText(false)).toBe('false');
    expect(asText(true)).toBe('true');
  });

  it('writes a Date as an ISO timestamp, whatever its realm', () => {
    expect(asText(new Date('2026-03-10T12:00:00Z'))).toBe('2026-03-10T12:00:00.000Z');
    expect(asText(runInNewContext('new Date(Date.UTC(2026, 2, 10, 12))'))).toBe('2026-03-10T12:00:00.000Z');
  });
});

describe('asNumber', () => {
  it.each([
    [12.5, 12.5],
    [0, 0],
    [-3, -3],
    ['12,50', 12.5],
    ['12.50', 12.5],
    [' 49,99 ', 49.99],
    ['35 €', 35],
    ['€35', 35],
    ['1 234,56', 1234.56],
    ['1\u00a0234,56\u00a0€', 1234.56],
    ['1\u202f234,56\u00a0€', 1234.56],
    ['-12,00 €', -12],
    ['10', 10],
  ])('reads %p as %p', (cell, value) => {
    expect(asNumber(cell)).toBe(value);
  });

  it.each(['', '   ', 'abc', 'douze', '12 euros', '1.234,56', '1,234.56', '1,2,3', null, undefined, true, false, {}])(
    'reads %p as NaN, never as a wrong number',
    (cell) => {
      expect(asNumber(cell)).toBeNaN();
    },
  );

  it('reads a Date as NaN', () => {
    expect(asNumber(new Date('2026-03-10T12:00:00Z'))).toBeNaN();
  });

  it('passes a number cell through unchanged, NaN included', () => {
    expect(asNumber(NaN)).toBeNaN();
    expect(asNumber(1e-7)).toBe(1e-7);
  });
});

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['Crédits €', 12],
  ])('%j is %d bytes, as Buffer.byteLength counts', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(Buffer.byteLength(text, 'utf8')).toBe(bytes);
  });
});

describe('chunkUtf8', () => {
  it('gives the text back, every piece within the byte limit, no character cut', () => {
    const text = `${'a'.repeat(10)}é€😀${'b'.repeat(7)}😀`;
    for (const max of [4, 5, 6, 9, 100]) {
      const chunks = chunkUtf8(text, max);
      expect(chunks.join('')).toBe(text);
      for (const c of chunks) expect(Buffer.byteLength(c, 'utf8')).toBeLessThanOrEqual(max);
      for (const c of chunks) expect(c).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
  });

  it('an empty text is one empty piece; a short one, one piece', () => {
    expect(chunkUtf8('', 10)).toEqual(['']);
    expect(chunkUtf8('abc', 10)).toEqual(['abc']);
    expect(chunkUtf8('abcdef', 3)).toEqual(['abc', 'def']);
  });
});
