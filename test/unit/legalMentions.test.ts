import { DEFAULT_LATE_PENALTY_RATE, legalMentions, sellerDisplayName } from '../../src/domain/legalMentions';

const FRANCHISE = 'TVA non applicable, art. 293 B du CGI';
const RATE = "3 fois le taux d'intérêt légal";

describe('legalMentions', () => {
  it('prints exactly the franchise words for a private client', () => {
    expect(legalMentions({ vatMode: 'franchise', clientIsBusiness: false, latePenaltyRate: RATE, locale: 'fr' })).toEqual([FRANCHISE]);
  });

  it('prints nothing for a private client when VAT is charged', () => {
    expect(legalMentions({ vatMode: 'standard', clientIsBusiness: false, locale: 'fr' })).toEqual([]);
  });

  it('adds the late-payment penalties, the 40 € indemnity and the discount terms for a business client', () => {
    expect(legalMentions({ vatMode: 'franchise', clientIsBusiness: true, latePenaltyRate: RATE, locale: 'fr' })).toEqual([
      FRANCHISE,
      "Pénalités de retard : 3 fois le taux d'intérêt légal",
      'Indemnité forfaitaire pour frais de recouvrement : 40 €',
      'Escompte pour paiement anticipé : néant',
    ]);
    expect(legalMentions({ vatMode: 'standard', clientIsBusiness: true, latePenaltyRate: '  10 %  ' })).toEqual([
      'Pénalités de retard : 10 %',
      'Indemnité forfaitaire pour frais de recouvrement : 40 €',
      'Escompte pour paiement anticipé : néant',
    ]);
  });

  it('refuses a business invoice without a penalty rate', () => {
    expect(() => legalMentions({ vatMode: 'franchise', clientIsBusiness: true })).toThrow(/pénalités de retard/);
    expect(() => legalMentions({ vatMode: 'franchise', clientIsBusiness: true, latePenaltyRate: '  ' })).toThrow(/obligatoire/);
  });

  it('keeps the legal French words in English and adds a translation after each', () => {
    const en = legalMentions({ vatMode: 'franchise', clientIsBusiness: true, latePenaltyRate: RATE, locale: 'en' });
    const fr = legalMentions({ vatMode: 'franchise', clientIsBusiness: true, latePenaltyRate: RATE, locale: 'fr' });
    expect(en.filter((_, i) => i % 2 === 0)).toEqual(fr);
    expect(en).toHaveLength(fr.length * 2);
    expect(en[1]).toBe('(VAT not applicable, article 293 B of the French General Tax Code)');
    expect(en[3]).toBe(`(Late payment penalties: ${RATE})`);
  });

  it('offers the legal minimum penalty rate as a default for the settings', () => {
    expect(DEFAULT_LATE_PENALTY_RATE).toBe(RATE);
  });
});

describe('sellerDisplayName', () => {
  it('appends EI to a bare name', () => {
    expect(sellerDisplayName('Marie Dupont')).toBe('Marie Dupont EI');
    expect(sellerDisplayName('  Marie   Dupont ')).toBe('Marie Dupont EI');
  });

  it('does not append it twice', () => {
    for (const name of ['Marie Dupont EI', 'Marie Dupont ei', 'Marie Dupont E.I.', 'Marie Dupont (EI)', 'Marie Dupont - EI', 'EI Marie Dupont']) {
      expect(sellerDisplayName(name)).toBe(name);
    }
  });

  it('recognises "Entrepreneur individuel" in any case and in the feminine', () => {
    for (const name of [
      'Marie Dupont, Entrepreneur individuel',
      'Marie Dupont ENTREPRENEUR INDIVIDUEL',
      'Marie Dupont, entrepreneure individuelle',
      'Entrepreneur individuel Marie Dupont',
    ]) {
      expect(sellerDisplayName(name)).toBe(name);
    }
  });

  it('still appends EI when the name merely ends with the letters "ei"', () => {
    expect(sellerDisplayName('Marie Lorei')).toBe('Marie Lorei EI');
    expect(sellerDisplayName('Studio Pei')).toBe('Studio Pei EI');
  });

  it('refuses an empty name', () => {
    expect(() => sellerDisplayName('   ')).toThrow(/Nom du vendeur manquant/);
  });
});
