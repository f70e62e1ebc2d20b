import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type InvoiceInput,
  INVOICE_PLACEHOLDERS,
  LINE_PLACEHOLDERS,
  buildInvoice,
  invoicePlaceholders,
  linePlaceholders,
  lineInputsOf,
  lineRowValues,
} from '../../src/domain/invoice';
import { ciiXml } from '../../src/domain/cii';
import { INVOICE_TEXT } from '../../src/i18n/invoiceText';

const NB = '\u00A0';

function input(over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    kind: 'invoice',
    number: 'F-2026-0001',
    issueDate: { year: 2026, month: 11, day: 21 },
    saleDate: { year: 2026, month: 11, day: 21 },
    seller: {
      name: 'Marie Dupont',
      address: '12 rue des Lilas, 69001 Lyon',
      siret: '123 456 789 00012',
      email: 'marie@example.fr',
      phone: '06 12 34 56 78',
      vatNumber: 'FR40123456789',
    },
    client: { name: 'Jean Martin', email: 'jean.martin@example.com' },
    lines: [{ designation: 'Carnet de 10 cours de piano', quantity: 3, unitPriceTtcCents: 4999 }],
    vatMode: 'franchise',
    payment: { date: { year: 2026, month: 11, day: 21 }, method: 'carte', reference: 'pi_123' },
    latePenaltyRate: "3 fois le taux d'intérêt légal",
    locale: 'fr',
    ...over,
  };
}

const creditNote = (over: Partial<InvoiceInput> = {}): InvoiceInput =>
  input({
    kind: 'creditNote',
    number: 'A-2026-0001',
    issueDate: { year: 2026, month: 12, day: 2 },
    payment: { date: { year: 2026, month: 12, day: 2 }, method: 'carte', reference: 're_456' },
    citedInvoice: 'F-2026-0001',
    ...over,
  });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('placeholder lists', () => {
  it('list every document placeholder the template uses, once each', () => {
    const required = [
      'numero',
      'titre',
      'date_emission',
      'date_vente',
      'vendeur_nom',
      'vendeur_adresse',
      'vendeur_siret',
      'vendeur_email',
      'client_nom',
      'client_email',
      'client_adresse',
      'client_societe',
      'client_tva',
      'total_ht',
      'total_tva',
      'total_ttc',
      'paiement',
      'facture_origine',
      'mentions',
    ].map((n) => `{{${n}}}`);
    expect(INVOICE_PLACEHOLDERS).toEqual(expect.arrayContaining(required));
    expect(new Set(INVOICE_PLACEHOLDERS).size).toBe(INVOICE_PLACEHOLDERS.length);
    for (const p of [...INVOICE_PLACEHOLDERS, ...LINE_PLACEHOLDERS]) expect(p).toMatch(/^\{\{[a-z_]+\}\}$/);
  });

  it('name the line placeholders {{ligne_<cell>}} after the cells of lineRowValues, in order', () => {
    const model = buildInvoice(input());
    const cells = Object.keys(lineRowValues(model.lines[0], 'fr'));
    expect(LINE_PLACEHOLDERS).toEqual(cells.map((c) => `{{ligne_${c}}}`));
    expect(Object.keys(linePlaceholders(model.lines[0], 'fr'))).toEqual([...LINE_PLACEHOLDERS]);
  });
});

describe('an invoice under the VAT franchise, to a private client', () => {
  const model = buildInvoice(input());
  const values = invoicePlaceholders(model);

  it('gives a value to every placeholder and nothing else', () => {
    expect(Object.keys(values).sort()).toEqual([...INVOICE_PLACEHOLDERS].sort());
    for (const v of Object.values(values)) expect(typeof v).toBe('string');
  });

  it('prints the mandatory identity, dates and totals', () => {
    expect(values).toMatchObject({
      '{{numero}}': 'F-2026-0001',
      '{{titre}}': 'Facture',
      '{{date_emission}}': '21 novembre 2026',
      '{{date_vente}}': '21 novembre 2026',
      '{{vendeur_nom}}': 'Marie Dupont EI',
      '{{vendeur_adresse}}': '12 rue des Lilas, 69001 Lyon',
      '{{vendeur_siret}}': '123 456 789 00012',
      '{{vendeur_email}}': 'marie@example.fr',
      '{{vendeur_telephone}}': '06 12 34 56 78',
      '{{client_nom}}': 'Jean Martin',
      '{{client_email}}': 'jean.martin@example.com',
      '{{client_adresse}}': '',
      '{{client_societe}}': '',
      '{{client_tva}}': '',
      '{{total_ht}}': `149,97${NB}€`,
      '{{total_tva}}': '',
      '{{total_ttc}}': `149,97${NB}€`,
      '{{detail_tva}}': '',
      '{{facture_origine}}': '',
    });
  });

  it('says how and when it was paid', () => {
    expect(values['{{paiement}}']).toBe('Payée le 21 novembre 2026 par carte bancaire via Stripe — référence pi_123');
  });

  it('prints only the franchise mention', () => {
    expect(values['{{mentions}}']).toBe('TVA non applicable, art. 293 B du CGI');
    expect(model.client.isBusiness).toBe(false);
  });

  it('shows "—" rather than a 0 % rate in the VAT cell of a line', () => {
    expect(lineRowValues(model.lines[0], 'fr')).toEqual({
      designation: 'Carnet de 10 cours de piano',
      quantite: '3',
      prix_unitaire_ht: `49,99${NB}€`,
      tva: '—',
      total_ht: `149,97${NB}€`,
    });
  });
});

describe('an invoice with 20 % VAT', () => {
  const model = buildInvoice(input({ vatMode: 'standard' }));
  const values = invoicePlaceholders(model);

  it('rounds 49,99 € × 3 to 124,98 € HT + 24,99 € VAT = 149,97 €', () => {
    expect(values['{{total_ht}}']).toBe(`124,98${NB}€`);
    expect(values['{{total_tva}}']).toBe(`24,99${NB}€`);
    expect(values['{{total_ttc}}']).toBe(`149,97${NB}€`);
    expect(values['{{detail_tva}}']).toBe(`TVA 20${NB}% : 24,99${NB}€ sur 124,98${NB}€ HT`);
    expect(values['{{mentions}}']).toBe('');
  });

  it('totals are the sums of the lines', () => {
    const multi = buildInvoice(
      input({
        vatMode: 'standard',
        lines: [
          { designation: 'Cours 1', quantity: 1, unitPriceTtcCents: 1000 },
          { designation: 'Cours 2', quantity: 1, unitPriceTtcCents: 1000 },
          { designation: 'Partition', quantity: 2, unitPriceTtcCents: 1555, vatRatePercent: 5.5 },
        ],
      }),
    );
    const sum = (k: 'totalHtCents' | 'totalVatCents' | 'totalTtcCents'): number => multi.lines.reduce((s, l) => s + l[k], 0);
    expect(multi.totals.totalHtCents).toBe(sum('totalHtCents'));
    expect(multi.totals.totalVatCents).toBe(sum('totalVatCents'));
    expect(multi.totals.totalTtcCents).toBe(5110);
    expect(multi.totals.totalHtCents).toBe(833 + 833 + 2948);
    expect(invoicePlaceholders(multi)['{{detail_tva}}'].split('\n')).toHaveLength(2);
  });

  it('prints the rate and the unit price HT of a line', () => {
    expect(lineRowValues(model.lines[0], 'fr')).toMatchObject({ tva: `20${NB}%`, prix_unitaire_ht: `41,66${NB}€`, total_ht: `124,98${NB}€` });
    expect(linePlaceholders(model.lines[0], 'fr')['{{ligne_tva}}']).toBe(`20${NB}%`);
  });
});

describe('a credit note', () => {
  const invoice = buildInvoice(input({ vatMode: 'standard' }));
  const model = buildInvoice(creditNote({ vatMode: 'standard' }));
  const values = invoicePlaceholders(model);

  it('has negative amounts that cancel the invoice exactly', () => {
    expect(model.totals.totalTtcCents).toBe(-invoice.totals.totalTtcCents);
    expect(model.totals.totalHtCents).toBe(-invoice.totals.totalHtCents);
    expect(model.totals.totalVatCents).toBe(-invoice.totals.totalVatCents);
    expect(model.lines[0]).toMatchObject({ quantity: 3, unitPriceHtCents: -4166, totalHtCents: -12498, totalTtcCents: -14997 });
    expect(values['{{total_ttc}}']).toBe(`-149,97${NB}€`);
    expect(values['{{total_ht}}']).toBe(`-124,98${NB}€`);
    expect(values['{{total_tva}}']).toBe(`-24,99${NB}€`);
    expect(lineRowValues(model.lines[0], 'fr').total_ht).toBe(`-124,98${NB}€`);
  });

  it('is titled "Avoir", cites the invoice and describes the refund', () => {
    expect(values['{{titre}}']).toBe('Avoir');
    expect(values['{{numero}}']).toBe('A-2026-0001');
    expect(values['{{facture_origine}}']).toBe('Avoir sur la facture F-2026-0001');
    expect(values['{{paiement}}']).toBe('Remboursement du 2 décembre 2026 par carte bancaire via Stripe — référence re_456');
    expect(values['{{date_emission}}']).toBe('2 décembre 2026');
  });

  it('never produces negative zero on a free line', () => {
    const free = buildInvoice(creditNote({ lines: [{ designation: 'Cours offert', quantity: 1, unitPriceTtcCents: 0 }] }));
    expect(Object.is(free.lines[0].totalTtcCents, 0)).toBe(true);
    expect(Object.is(free.totals.totalTtcCents, 0)).toBe(true);
    expect(invoicePlaceholders(free)['{{total_ttc}}']).toBe(`0,00${NB}€`);
  });

  it('must cite the invoice it cancels', () => {
    expect(() => buildInvoice(creditNote({ citedInvoice: undefined }))).toThrow(
      "Impossible d'émettre l'avoir A-2026-0001 : un avoir doit citer le numéro de la facture qu'il annule.",
    );
  });
});

describe('a business client', () => {
  const business = {
    name: 'Paul Bernard',
    email: 'compta@ecole.fr',
    company: 'École de musique SARL',
    taxId: 'FR12345678901',
    address: '1 place Bellecour, Lyon',
  };

  it('gets the B2B mentions and its company details', () => {
    const values = invoicePlaceholders(buildInvoice(input({ client: business })));
    expect(values['{{mentions}}'].split('\n')).toEqual([
      'TVA non applicable, art. 293 B du CGI',
      "Pénalités de retard : 3 fois le taux d'intérêt légal",
      'Indemnité forfaitaire pour frais de recouvrement : 40 €',
      'Escompte pour paiement anticipé : néant',
    ]);
    expect(values['{{client_societe}}']).toBe('École de musique SARL');
    expect(values['{{client_tva}}']).toBe('FR12345678901');
    expect(values['{{client_adresse}}']).toBe('1 place Bellecour, Lyon');
  });

  it('is recognised by a VAT number alone', () => {
    expect(buildInvoice(input({ client: { name: 'X', email: 'x@y.fr', taxId: 'FR1' } })).client.isBusiness).toBe(true);
  });

  it('cannot be invoiced without a penalty rate', () => {
    expect(() => buildInvoice(input({ client: business, latePenaltyRate: '' }))).toThrow(/pénalités de retard manquant/);
  });
});

describe('English locale', () => {
  const values = invoicePlaceholders(
    buildInvoice(input({ locale: 'en', payment: { date: { year: 2027, month: 1, day: 1 }, method: 'card', reference: 'pi_123' } })),
  );

  it('translates labels, dates and amounts', () => {
    expect(values['{{titre}}']).toBe('Invoice');
    expect(values['{{date_emission}}']).toBe('21 November 2026');
    expect(values['{{total_ttc}}']).toBe('€149.97');
    expect(values['{{paiement}}']).toBe('Paid on 1 January 2027 by card via Stripe — reference pi_123');
  });

  it('keeps the French legal mention, followed by a translation', () => {
    expect(values['{{mentions}}']).toBe('TVA non applicable, art. 293 B du CGI\n(VAT not applicable, article 293 B of the French General Tax Code)');
  });

  it('titles a credit note "Credit note"', () => {
    const cn = invoicePlaceholders(buildInvoice(creditNote({ locale: 'en' })));
    expect(cn['{{titre}}']).toBe('Credit note');
    expect(cn['{{facture_origine}}']).toBe('Credit note for invoice F-2026-0001');
    expect(cn['{{total_ttc}}']).toBe('-€149.97');
  });
});

describe('payment wording', () => {
  it('names Stripe payment method types in French', () => {
    const values = invoicePlaceholders(buildInvoice(input({ payment: { date: { year: 2026, month: 11, day: 1 }, method: 'sepa_debit', reference: 'pi_9' } })));
    expect(values['{{paiement}}']).toBe('Payée le 1er novembre 2026 par prélèvement SEPA via Stripe — référence pi_9');
  });

  it('omits the provider and the reference when there are none', () => {
    const values = invoicePlaceholders(
      buildInvoice(
        input({
          payment: { date: { year: 2026, month: 11, day: 21 }, method: 'espèces', reference: '', provider: null },
        }),
      ),
    );
    expect(values['{{paiement}}']).toBe('Payée le 21 novembre 2026 par espèces');
  });

  it('prints the reference the client recognises, never the Stripe id it stands for', () => {
    const payment = { date: { year: 2026, month: 11, day: 21 }, method: 'card', reference: 'pi_3Qx', shownReference: 'Visa •••• 4242' };
    const model = buildInvoice(input({ payment }));
    expect(invoicePlaceholders(model)['{{paiement}}']).toBe('Payée le 21 novembre 2026 par carte bancaire via Stripe — référence Visa •••• 4242');
    expect(model.payment.reference).toBe('pi_3Qx');
    const none = invoicePlaceholders(buildInvoice(input({ payment: { ...payment, shownReference: '' } })))['{{paiement}}'];
    expect(none).toBe('Payée le 21 novembre 2026 par carte bancaire via Stripe');
  });
});

describe('credit note citing its invoice (number and date)', () => {
  const cited = { citedInvoice: 'F-2026-0001', citedInvoiceDate: { year: 2026, month: 11, day: 1 } };
  it('a full refund "annule la facture"', () => {
    const values = invoicePlaceholders(buildInvoice(creditNote({ ...cited, cancelsInFull: true })));
    expect(values['{{facture_origine}}']).toBe('Cet avoir annule la facture F-2026-0001 du 1er novembre 2026.');
  });
  it('a partial refund "annule partiellement"', () => {
    const values = invoicePlaceholders(buildInvoice(creditNote({ ...cited, cancelsInFull: false })));
    expect(values['{{facture_origine}}']).toBe('Cet avoir annule partiellement la facture F-2026-0001 du 1er novembre 2026.');
  });
  it('in English', () => {
    const values = invoicePlaceholders(buildInvoice(creditNote({ ...cited, cancelsInFull: false, locale: 'en' })));
    expect(values['{{facture_origine}}']).toBe('This credit note partially cancels invoice F-2026-0001 of 1 November 2026.');
  });
  it('refuses an invalid date of the cited invoice', () => {
    expect(() => buildInvoice(creditNote({ ...cited, citedInvoiceDate: { year: 2026, month: 13, day: 1 }, cancelsInFull: true }))).toThrow(
      "Impossible d'émettre l'avoir A-2026-0001 : date de la facture d'origine invalide.",
    );
  });
});

describe('e-invoicing mentions', () => {
  const on = { enabled: true, nature: 'services' as const, vatOnDebits: true };
  it('print the nature of the operation, the client SIREN from a French VAT number, the VAT-on-debits option', () => {
    const model = buildInvoice(
      input({ vatMode: 'standard', client: { name: 'Jean Martin', email: 'j@example.com', company: 'ACME SAS', taxId: 'FR12 345678901' }, einvoicing: on }),
    );
    const values = invoicePlaceholders(model);
    expect(values['{{client_siren}}']).toBe('345 678 901');
    expect(values['{{mentions_einvoicing}}']).toBe('Nature de l’opération : prestation de services\nOption pour le paiement de la taxe d’après les débits');
  });
  it('under the franchise there is no VAT-on-debits option; a private client has no SIREN', () => {
    const values = invoicePlaceholders(buildInvoice(input({ einvoicing: on })));
    expect(values['{{client_siren}}']).toBe('');
    expect(values['{{mentions_einvoicing}}']).toBe('Nature de l’opération : prestation de services');
  });
  it('are absent when off (and in data frozen before they existed)', () => {
    const values = invoicePlaceholders(buildInvoice(input({ client: { name: 'A', email: 'a@example.com', company: 'ACME', taxId: '123456789' } })));
    expect(values['{{client_siren}}']).toBe('');
    expect(values['{{mentions_einvoicing}}']).toBe('');
  });
});

describe('seller identity', () => {
  it('accepts a 9-digit SIREN and prints it grouped', () => {
    expect(invoicePlaceholders(buildInvoice(input({ seller: { ...input().seller, siret: '123456789' } })))['{{vendeur_siret}}']).toBe('123 456 789');
  });

  it('prints « Prénom Nom EI » and the trade name beside it; a trade name repeating the legal name is not printed twice', () => {
    const model = buildInvoice(input({ seller: { ...input().seller, name: 'Marie Dupont', tradeName: 'Atelier Piano' } }));
    expect(invoicePlaceholders(model)).toMatchObject({ '{{vendeur_nom}}': 'Marie Dupont EI', '{{vendeur_nom_commercial}}': 'Atelier Piano' });
    const migrated = buildInvoice(input({ seller: { ...input().seller, name: 'Marie Dupont EI', tradeName: 'marie dupont' } }));
    expect(invoicePlaceholders(migrated)['{{vendeur_nom_commercial}}']).toBe('');
  });

  it('requires the seller VAT number under standard VAT, and checks its form', () => {
    const seller = { ...input().seller, vatNumber: '' };
    expect(() => buildInvoice(input({ vatMode: 'standard', seller }))).toThrow(/numéro de TVA intracommunautaire du vendeur manquant/);
    expect(() => buildInvoice(input({ vatMode: 'standard', seller: { ...seller, vatNumber: '12345' } }))).toThrow(/invalide \(« 12345 »/);
    expect(invoicePlaceholders(buildInvoice(input({ seller })))['{{vendeur_tva}}']).toBe('');
  });

  it('does not add EI twice', () => {
    const model = buildInvoice(input({ seller: { ...input().seller, name: 'Marie Dupont EI' } }));
    expect(invoicePlaceholders(model)['{{vendeur_nom}}']).toBe('Marie Dupont EI');
  });
});

describe('refusals', () => {
  it.each([
    ['seller name', { seller: { ...input().seller, name: ' ' } }, 'nom du vendeur manquant'],
    ['seller address', { seller: { ...input().seller, address: '' } }, 'adresse du vendeur manquante'],
    ['SIRET', { seller: { ...input().seller, siret: '' } }, 'SIREN/SIRET du vendeur manquant'],
    ['short SIRET', { seller: { ...input().seller, siret: '123 456 789 0001' } }, '9 ou 14 chiffres attendus'],
    ['SIRET with letters', { seller: { ...input().seller, siret: '123A56789' } }, 'SIREN/SIRET du vendeur invalide'],
    ['client name', { client: { name: '', email: 'a@b.fr' } }, 'nom du client manquant'],
    ['client email', { client: { name: 'Jean', email: '' } }, 'adresse e-mail du client manquante'],
    ['bad client email', { client: { name: 'Jean', email: 'jean@' } }, 'adresse e-mail du client invalide'],
    ['no line', { lines: [] }, 'au moins une ligne est nécessaire'],
    ['number', { number: '' }, 'numéro manquant'],
    ['issue date', { issueDate: { year: 2026, month: 2, day: 30 } }, "date d'émission manquante ou invalide"],
    ['sale date', { saleDate: undefined as never }, 'date de la vente ou de la prestation manquante ou invalide'],
    ['payment method', { payment: { date: { year: 2026, month: 11, day: 21 }, method: '', reference: 'pi_1' } }, 'moyen de paiement manquant'],
    ['invoice citing an invoice', { citedInvoice: 'F-2026-0001' }, "seul un avoir cite une facture d'origine"],
    ['VAT mode', { vatMode: 'exempt' as never }, 'régime de TVA inconnu'],
    ['locale', { locale: 'de' as never }, 'langue inconnue'],
  ])('refuses a missing or invalid %s, in French', (_what, over, message) => {
    expect(() => buildInvoice(input(over as Partial<InvoiceInput>))).toThrow(message);
  });

  it('names the document and lists every problem at once', () => {
    let message = '';
    try {
      buildInvoice(input({ seller: { ...input().seller, name: '', siret: '12' }, client: { name: '', email: 'x@y.fr' } }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Impossible d'émettre la facture F-2026-0001 : /);
    expect(message).toContain('nom du vendeur manquant ; SIREN/SIRET du vendeur invalide');
    expect(message).toContain('nom du client manquant');
  });

  it('says which line is wrong', () => {
    expect(() =>
      buildInvoice(
        input({
          lines: [
            { designation: 'Cours', quantity: 1, unitPriceTtcCents: 3000 },
            { designation: 'Cours', quantity: 0, unitPriceTtcCents: 3000 },
          ],
        }),
      ),
    ).toThrow(/ligne 2 : Quantité invalide/);
    expect(() => buildInvoice(input({ lines: [{ designation: 'Cours', quantity: 1, unitPriceTtcCents: -100 }] }))).toThrow(/ligne 1 : Prix unitaire invalide/);
  });
});

describe('purity', () => {
  it('does not mutate its input', () => {
    const frozen = deepFreeze(input({ vatMode: 'standard' }));
    const copy = JSON.parse(JSON.stringify(frozen));
    const model = buildInvoice(frozen);
    expect(frozen).toEqual(copy);
    model.issueDate.day = 1;
    expect(frozen.issueDate.day).toBe(21);
  });

  it('gives the same result for the same input (no clock, no randomness)', () => {
    expect(invoicePlaceholders(buildInvoice(input()))).toEqual(invoicePlaceholders(buildInvoice(input())));
  });

  it('keeps the domain and invoice texts free of clock, Intl and Apps Script calls', () => {
    const root = join(__dirname, '../../src');
    // The invoice modules only: other domain files have their own tests.
    const files = ['money', 'localDate', 'vat', 'numbering', 'legalMentions', 'invoice']
      .map((f) => join(root, 'domain', `${f}.ts`))
      .concat(join(root, 'i18n', 'invoiceText.ts'));
    for (const file of files) {
      // Comments may name what the code avoids; only code counts.
      const source = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect({
        file,
        hit: /\bnew Date\b|\bDate\.now\b|\bIntl\.|toLocale\w*String|Math\.random|\b(SpreadsheetApp|DocumentApp|DriveApp|Utilities|Session|UrlFetchApp|PropertiesService)\./.exec(
          source,
        )?.[0],
      }).toEqual({ file, hit: undefined });
    }
  });

  it('has the same keys in the French and English dictionaries', () => {
    expect(Object.keys(INVOICE_TEXT.en).sort()).toEqual(Object.keys(INVOICE_TEXT.fr).sort());
    expect(Object.keys(INVOICE_TEXT.en.paymentMethods).sort()).toEqual(Object.keys(INVOICE_TEXT.fr.paymentMethods).sort());
    expect(INVOICE_TEXT.fr.months).toHaveLength(12);
    expect(INVOICE_TEXT.en.months).toHaveLength(12);
  });
});

// Reductions must appear on the invoice (CGI art. 242 nonies A: « tous rabais, remises, ristournes ou escomptes
// dont le principe est acquis et le montant chiffrable »): the price before it, the reduction, VAT on what was charged.
describe('a line with a reduction (coupon, promotion code)', () => {
  const discounted = {
    designation: 'Pack 10 cours',
    quantity: 3,
    unitPriceTtcCents: 4999,
    vatRatePercent: 20,
    discount: { amountTtcCents: 2999, label: 'Remise « PRINTEMPS »' },
  };

  it('prints the line at its price, then the reduction; VAT is computed once, on the amount charged', () => {
    const model = buildInvoice(input({ vatMode: 'standard', lines: [discounted] }));
    expect(model.lines.map((l) => [l.designation, l.quantity, l.totalTtcCents, l.totalHtCents, l.totalVatCents, l.isDiscount ?? false])).toEqual([
      // 149,97 € TTC → 124,98 € HT; charged 119,98 € → 99,98 € HT, 20,00 € VAT: the reduction is the difference.
      ['Pack 10 cours', 3, 14997, 12498, 2499, false],
      ['Remise « PRINTEMPS »', 1, -2999, -2500, -499, true],
    ]);
    expect(model.totals).toMatchObject({ totalTtcCents: 11998, totalHtCents: 9998, totalVatCents: 2000 });
    expect(model.totals.byRate).toEqual([{ vatRatePercent: 20, totalHtCents: 9998, totalVatCents: 2000 }]);
    expect(lineRowValues(model.lines[1])).toEqual({
      designation: 'Remise « PRINTEMPS »',
      quantite: '1',
      prix_unitaire_ht: `-25,00${NB}€`,
      tva: `20${NB}%`,
      total_ht: `-25,00${NB}€`,
    });
  });

  it('100 % off: the invoice totals 0 € and still shows the price and the reduction', () => {
    const model = buildInvoice(
      input({
        lines: [{ ...discounted, discount: { amountTtcCents: 14997, label: 'Remise « OFFERT »' } }],
        payment: { date: { year: 2026, month: 11, day: 21 }, method: 'none', reference: 'cs_1' },
      }),
    );
    expect(model.lines.map((l) => l.totalTtcCents)).toEqual([14997, -14997]);
    expect(model.totals.totalTtcCents).toBe(0);
    expect(invoicePlaceholders(model)['{{paiement}}']).toBe('Aucun paiement : total de 0 € (commande du 21 novembre 2026)');
  });

  it('a credit note that repeats the invoice gives the reduction back with its line (lineInputsOf)', () => {
    const invoice = buildInvoice(input({ vatMode: 'standard', lines: [discounted] }));
    expect(lineInputsOf(invoice)).toEqual([discounted]);
    const note = buildInvoice(creditNote({ vatMode: 'standard', lines: lineInputsOf(invoice) }));
    expect(note.lines.map((l) => l.totalTtcCents)).toEqual([-14997, 2999]);
    expect(note.totals.totalTtcCents).toBe(-11998);
    expect(lineInputsOf(note)).toEqual([discounted]);
  });

  it('refuses a reduction larger than its line, negative, or without designation', () => {
    expect(() => buildInvoice(input({ lines: [{ ...discounted, discount: { amountTtcCents: 15000, label: 'Remise' } }] }))).toThrow(
      /ligne 1 : Remise invalide/,
    );
    expect(() => buildInvoice(input({ lines: [{ ...discounted, discount: { amountTtcCents: -1, label: 'Remise' } }] }))).toThrow(/Remise invalide/);
    expect(() => buildInvoice(input({ lines: [{ ...discounted, discount: { amountTtcCents: 100, label: ' ' } }] }))).toThrow(/Remise sans désignation/);
  });

  it('in the e-invoice (CII), the reduction is the line’s allowance and the line total is what was charged', () => {
    const xml = ciiXml(buildInvoice(input({ vatMode: 'standard', lines: [discounted] })));
    expect(xml.match(/<ram:IncludedSupplyChainTradeLineItem>/g)).toHaveLength(1);
    expect(xml).toContain(
      '<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>25.00</ram:ActualAmount><ram:Reason>Remise « PRINTEMPS »</ram:Reason></ram:SpecifiedTradeAllowanceCharge>',
    );
    expect(xml).toContain('<ram:LineTotalAmount>99.98</ram:LineTotalAmount>');
  });
});
