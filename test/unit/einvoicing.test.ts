import { EINVOICING_START, einvoicingEnabled, sirenOf } from '../../src/domain/einvoicing';

describe('e-invoicing reform', () => {
  it('"auto" turns the mentions on from 1 September 2027 (issue date), "oui" and "non" force them', () => {
    expect(EINVOICING_START).toEqual({ year: 2027, month: 9, day: 1 });
    expect(einvoicingEnabled('auto', { year: 2027, month: 8, day: 31 })).toBe(false);
    expect(einvoicingEnabled('auto', { year: 2027, month: 9, day: 1 })).toBe(true);
    expect(einvoicingEnabled('oui', { year: 2026, month: 1, day: 1 })).toBe(true);
    expect(einvoicingEnabled('non', { year: 2030, month: 1, day: 1 })).toBe(false);
  });

  it('finds the client SIREN in a French VAT number, a SIREN or a SIRET; none for a foreign business', () => {
    expect(sirenOf('FR12 345 678 901')).toBe('345678901');
    expect(sirenOf('FRXA345678901')).toBe('345678901');
    expect(sirenOf('345 678 901')).toBe('345678901');
    expect(sirenOf('345 678 901 00012')).toBe('345678901');
    expect(sirenOf('DE123456789')).toBe('');
    expect(sirenOf('')).toBe('');
  });
});
