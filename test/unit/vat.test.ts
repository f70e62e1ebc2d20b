import { type ComputedLine, type LineInput, computeLine, computeTotals, formatVatRate, htFromTtc } from '../../src/domain/vat';

const line = (over: Partial<LineInput> = {}): LineInput => ({
  designation: 'Carnet de 10 cours de piano',
  quantity: 1,
  unitPriceTtcCents: 4999,
  ...over,
});

/** Reference HT: the integer x whose x × (1 + rate) is closest to the TTC, ties going to the larger x. */
function referenceHt(ttc: number, rateHundredths: number): number {
  const target = ttc * 10000;
  const d = 10000 + rateHundredths;
  const guess = Math.floor(target / d);
  let best = guess - 2;
  for (let x = guess - 2; x <= guess + 2; x++) {
    if (Math.abs(x * d - target) <= Math.abs(best * d - target)) best = x;
  }
  return best;
}

describe('computeLine, standard VAT', () => {
  it('rounds 20 % VAT on 49,99 € × 3 the way an accountant expects', () => {
    // 149,97 / 1,2 = 124,975 exactly: half a cent, rounded up to 124,98 €.
    const l = computeLine(line({ quantity: 3, vatRatePercent: 20 }), 'standard');
    expect(l).toEqual({
      designation: 'Carnet de 10 cours de piano',
      quantity: 3,
      unitPriceTtcCents: 4999,
      unitPriceHtCents: 4166,
      vatRatePercent: 20,
      totalHtCents: 12498,
      totalVatCents: 2499,
      totalTtcCents: 14997,
      vatMode: 'standard',
    });
  });

  it('uses 20 % when the line has no rate', () => {
    const l = computeLine(line({ unitPriceTtcCents: 6000 }), 'standard');
    expect(l.vatRatePercent).toBe(20);
    expect(l.totalHtCents).toBe(5000);
    expect(l.totalVatCents).toBe(1000);
  });

  it('handles reduced rates with decimals', () => {
    const l = computeLine(line({ unitPriceTtcCents: 1000, vatRatePercent: 5.5 }), 'standard');
    expect(l.totalHtCents).toBe(948); // 10 / 1,055 = 9,4786…
    expect(l.totalVatCents).toBe(52);
    const zero = computeLine(line({ unitPriceTtcCents: 1000, vatRatePercent: 0 }), 'standard');
    expect(zero.totalHtCents).toBe(1000);
    expect(zero.totalVatCents).toBe(0);
  });

  it('computes the line total from the TTC total, not from the rounded unit HT price', () => {
    // 10,00 € TTC × 3: unit HT 8,33 € but the line's HT is 25,00 €, so HT + VAT = 30,00 € charged.
    const l = computeLine(line({ quantity: 3, unitPriceTtcCents: 1000 }), 'standard');
    expect(l.unitPriceHtCents).toBe(833);
    expect(l.totalHtCents).toBe(2500);
    expect(l.totalVatCents).toBe(500);
    expect(l.totalTtcCents).toBe(3000);
  });

  it('always has HT + VAT = TTC, HT being the nearest cent', () => {
    for (const [rate, h] of [
      [20, 2000],
      [10, 1000],
      [5.5, 550],
      [2.1, 210],
      [8.5, 850],
    ] as const) {
      for (let ttc = 0; ttc <= 1500; ttc += 7) {
        for (const quantity of [1, 2, 3]) {
          const l = computeLine(line({ quantity, unitPriceTtcCents: ttc, vatRatePercent: rate }), 'standard');
          expect(l.totalTtcCents).toBe(ttc * quantity);
          expect(l.totalHtCents + l.totalVatCents).toBe(l.totalTtcCents);
          expect(l.totalHtCents).toBe(referenceHt(ttc * quantity, h));
        }
      }
    }
  });

  it('trims the designation', () => {
    expect(computeLine(line({ designation: '  Cours  ' }), 'standard').designation).toBe('Cours');
  });
});

describe('computeLine, VAT franchise', () => {
  it('has HT = TTC, no VAT and a 0 rate, whatever rate the catalogue holds', () => {
    const l = computeLine(line({ quantity: 3, vatRatePercent: 20 }), 'franchise');
    expect(l.unitPriceHtCents).toBe(4999);
    expect(l.totalHtCents).toBe(14997);
    expect(l.totalTtcCents).toBe(14997);
    expect(l.totalVatCents).toBe(0);
    expect(l.vatRatePercent).toBe(0);
    expect(l.vatMode).toBe('franchise');
  });
});

describe('computeLine refusals', () => {
  it.each([0, -1, 1.5, NaN, Infinity])('refuses quantity %p', (quantity) => {
    expect(() => computeLine(line({ quantity }), 'standard')).toThrow(/Quantité invalide/);
    expect(() => computeLine(line({ quantity }), 'franchise')).toThrow(/Quantité invalide/);
  });

  it.each([-1, 12.5, NaN])('refuses unit price %p', (unitPriceTtcCents) => {
    expect(() => computeLine(line({ unitPriceTtcCents }), 'standard')).toThrow(/Prix unitaire invalide/);
  });

  it('accepts a free line', () => {
    expect(computeLine(line({ unitPriceTtcCents: 0 }), 'standard').totalTtcCents).toBe(0);
  });

  it.each([-1, 100.01, 150, NaN, 5.555])('refuses rate %p', (vatRatePercent) => {
    expect(() => computeLine(line({ vatRatePercent }), 'standard')).toThrow(/Taux de TVA invalide/);
  });

  it('accepts the 0 and 100 bounds', () => {
    expect(computeLine(line({ unitPriceTtcCents: 200, vatRatePercent: 100 }), 'standard').totalHtCents).toBe(100);
    expect(computeLine(line({ vatRatePercent: 0 }), 'standard').totalVatCents).toBe(0);
  });

  it('refuses an empty designation and an unknown mode', () => {
    expect(() => computeLine(line({ designation: '  ' }), 'standard')).toThrow(/Désignation manquante/);
    expect(() => computeLine(line(), 'exempt' as never)).toThrow(/Régime de TVA inconnu/);
  });
});

describe('htFromTtc', () => {
  it('is symmetric for negative amounts (credit notes)', () => {
    expect(htFromTtc(14997, 20)).toBe(12498);
    expect(htFromTtc(-14997, 20)).toBe(-12498);
    expect(htFromTtc(-1000, 5.5)).toBe(-948);
  });
});

describe('computeTotals', () => {
  it('sums the lines exactly, without rounding the grand total again', () => {
    // Three separate 10,00 € lines: 8,33 € HT each. Re-rounding 30,00 / 1,2 would say 25,00 €;
    // the invoice total must be the sum of its lines, 24,99 €.
    const lines = [1, 2, 3].map((i) => computeLine(line({ designation: `Cours ${i}`, unitPriceTtcCents: 1000 }), 'standard'));
    expect(lines.map((l) => l.totalHtCents)).toEqual([833, 833, 833]);
    const totals = computeTotals(lines);
    expect(totals.totalHtCents).toBe(2499);
    expect(totals.totalVatCents).toBe(501);
    expect(totals.totalTtcCents).toBe(3000);
  });

  it('breaks VAT down per rate in order of appearance', () => {
    const lines: ComputedLine[] = [
      computeLine(line({ quantity: 3, vatRatePercent: 20 }), 'standard'),
      computeLine(line({ unitPriceTtcCents: 1000, vatRatePercent: 5.5 }), 'standard'),
      computeLine(line({ unitPriceTtcCents: 6000 }), 'standard'),
    ];
    const totals = computeTotals(lines);
    expect(totals.byRate).toEqual([
      { vatRatePercent: 20, totalHtCents: 12498 + 5000, totalVatCents: 2499 + 1000 },
      { vatRatePercent: 5.5, totalHtCents: 948, totalVatCents: 52 },
    ]);
    expect(totals.totalTtcCents).toBe(14997 + 1000 + 6000);
    expect(totals.totalHtCents).toBe(12498 + 948 + 5000);
  });

  it('has no per-rate breakdown under the franchise', () => {
    const totals = computeTotals([computeLine(line(), 'franchise')]);
    expect(totals).toEqual({ totalHtCents: 4999, totalVatCents: 0, totalTtcCents: 4999, byRate: [] });
  });

  it('is zero for no line', () => {
    expect(computeTotals([])).toEqual({ totalHtCents: 0, totalVatCents: 0, totalTtcCents: 0, byRate: [] });
  });

  it('refuses to mix franchise and standard lines', () => {
    expect(() => computeTotals([computeLine(line(), 'franchise'), computeLine(line(), 'standard')])).toThrow(/mélanger/);
  });
});

describe('formatVatRate', () => {
  it('follows French typography in French', () => {
    expect(formatVatRate(20, 'fr')).toBe('20\u00A0%');
    expect(formatVatRate(5.5, 'fr')).toBe('5,5\u00A0%');
    expect(formatVatRate(2.1, 'fr')).toBe('2,1\u00A0%');
    expect(formatVatRate(0, 'fr')).toBe('0\u00A0%');
    expect(formatVatRate(12.25, 'fr')).toBe('12,25\u00A0%');
  });

  it('uses a point and no space in English', () => {
    expect(formatVatRate(20, 'en')).toBe('20%');
    expect(formatVatRate(5.5, 'en')).toBe('5.5%');
  });
});
