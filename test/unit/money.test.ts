import { NBSP, centsToEuros, eurosToCents, formatEuros } from '../../src/domain/money';

describe('eurosToCents', () => {
  it('converts ordinary prices', () => {
    expect(eurosToCents(49.99)).toBe(4999);
    expect(eurosToCents(0)).toBe(0);
    expect(eurosToCents(1234.5)).toBe(123450);
    expect(eurosToCents(0.1 + 0.2)).toBe(30);
  });

  it('rounds half away from zero, even when the double is just below the half', () => {
    // 1.005 * 100 === 100.49999999999999 and 2.675 * 100 === 267.49999999999997 in binary floating point.
    expect(eurosToCents(1.005)).toBe(101);
    expect(eurosToCents(2.675)).toBe(268);
    expect(eurosToCents(0.125)).toBe(13);
    expect(eurosToCents(-0.125)).toBe(-13);
    expect(eurosToCents(-1.005)).toBe(-101);
    expect(eurosToCents(0.124)).toBe(12);
    expect(eurosToCents(-0.124)).toBe(-12);
  });

  it('never returns negative zero', () => {
    expect(Object.is(eurosToCents(-0.004), 0)).toBe(true);
    expect(Object.is(eurosToCents(-0), 0)).toBe(true);
  });

  it('rejects what is not a finite number', () => {
    expect(() => eurosToCents(NaN)).toThrow(Error);
    expect(() => eurosToCents(Infinity)).toThrow(/Montant invalide/);
    expect(() => eurosToCents(-Infinity)).toThrow(/Montant invalide/);
    expect(() => eurosToCents('12' as unknown as number)).toThrow(/Montant invalide/);
    expect(() => eurosToCents(1e13)).toThrow(/hors limites/);
  });
});

describe('centsToEuros', () => {
  it('converts cents back to euros', () => {
    expect(centsToEuros(4999)).toBe(49.99);
    expect(centsToEuros(-1200)).toBe(-12);
  });

  it('rejects fractional cents', () => {
    expect(() => centsToEuros(12.5)).toThrow(/centimes/);
    expect(() => centsToEuros(NaN)).toThrow(Error);
  });
});

describe('formatEuros in French', () => {
  it('uses a comma for decimals and a no-break space before €', () => {
    expect(formatEuros(4999, 'fr')).toBe(`49,99${NBSP}€`);
    expect(formatEuros(5, 'fr')).toBe(`0,05${NBSP}€`);
    expect(formatEuros(0, 'fr')).toBe(`0,00${NBSP}€`);
    expect(formatEuros(1200, 'fr')).toBe(`12,00${NBSP}€`);
  });

  it('groups thousands with U+00A0, never a plain or narrow space', () => {
    expect(NBSP).toBe('\u00A0');
    expect(formatEuros(123456, 'fr')).toBe('1\u00A0234,56\u00A0€');
    expect(formatEuros(99999, 'fr')).toBe('999,99\u00A0€');
    expect(formatEuros(100000, 'fr')).toBe('1\u00A0000,00\u00A0€');
    expect(formatEuros(123456789, 'fr')).toBe('1\u00A0234\u00A0567,89\u00A0€');
    expect(formatEuros(100000000000, 'fr')).toBe('1\u00A0000\u00A0000\u00A0000,00\u00A0€');
    const text = formatEuros(123456789, 'fr');
    expect(text).not.toMatch(/[ \u202F]/);
  });

  it('puts a minus sign in front of negative amounts (credit notes)', () => {
    expect(formatEuros(-1200, 'fr')).toBe(`-12,00${NBSP}€`);
    expect(formatEuros(-123456, 'fr')).toBe('-1\u00A0234,56\u00A0€');
    expect(formatEuros(-5, 'fr')).toBe(`-0,05${NBSP}€`);
  });

  it('is the default locale', () => {
    expect(formatEuros(123456)).toBe(formatEuros(123456, 'fr'));
  });

  it('prints negative zero as zero', () => {
    expect(formatEuros(-0, 'fr')).toBe(`0,00${NBSP}€`);
  });
});

describe('formatEuros in English', () => {
  it('puts the symbol first, commas between thousands and a point for decimals', () => {
    expect(formatEuros(123456, 'en')).toBe('€1,234.56');
    expect(formatEuros(5, 'en')).toBe('€0.05');
    expect(formatEuros(123456789, 'en')).toBe('€1,234,567.89');
    expect(formatEuros(99999, 'en')).toBe('€999.99');
    expect(formatEuros(-1200, 'en')).toBe('-€12.00');
  });
});

describe('formatEuros input checks', () => {
  it('refuses amounts that are not whole cents', () => {
    expect(() => formatEuros(12.5, 'fr')).toThrow(/centimes/);
    expect(() => formatEuros(NaN, 'en')).toThrow(Error);
    expect(() => formatEuros(Infinity, 'fr')).toThrow(Error);
  });
});
