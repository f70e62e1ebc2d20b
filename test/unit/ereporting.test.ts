import { buildInvoice, type InvoiceInput } from '../../src/domain/invoice';
import { eReportingCsv, eReportingLines } from '../../src/domain/ereporting';

const day = { year: 2027, month: 9, day: 2 };
function doc(over: Partial<InvoiceInput>): InvoiceInput {
  return {
    kind: 'invoice',
    number: 'F-2027-0001',
    issueDate: day,
    saleDate: day,
    seller: { name: 'Marie Dupont', address: '1 rue A, Lyon', siret: '123456789', email: 'm@example.fr', vatNumber: 'FR40123456789' },
    client: { name: 'Jean Martin', email: 'jean@example.com' },
    lines: [
      { designation: 'Cours', quantity: 1, unitPriceTtcCents: 12000, vatRatePercent: 20 },
      { designation: 'Livre', quantity: 1, unitPriceTtcCents: 1055, vatRatePercent: 5.5 },
    ],
    vatMode: 'standard',
    payment: { date: day, method: 'card', reference: 'pi_1' },
    latePenaltyRate: "3 fois le taux d'intérêt légal",
    ...over,
  };
}

describe('B2C e-reporting', () => {
  test('one line per day, regime and rate; credit notes subtract; business clients and other months left out', () => {
    const docs = [
      { day: '2027-09-02', model: buildInvoice(doc({})) },
      {
        day: '2027-09-02',
        model: buildInvoice(doc({ number: 'F-2027-0002', lines: [{ designation: 'Cours', quantity: 2, unitPriceTtcCents: 6000, vatRatePercent: 20 }] })),
      },
      {
        day: '2027-09-03',
        model: buildInvoice(
          doc({
            kind: 'creditNote',
            number: 'A-2027-0001',
            citedInvoice: 'F-2027-0001',
            lines: [{ designation: 'Cours', quantity: 1, unitPriceTtcCents: 12000, vatRatePercent: 20 }],
          }),
        ),
      },
      { day: '2027-09-03', model: buildInvoice(doc({ number: 'F-2027-0003', client: { name: 'ACME', email: 'a@acme.fr', company: 'ACME SAS' } })) },
      { day: '2027-10-01', model: buildInvoice(doc({ number: 'F-2027-0004' })) },
    ];
    const lines = eReportingLines(docs, '2027-09');
    expect(lines.map((l) => [l.day, l.regime, l.ratePercent, l.documents, l.htCents, l.vatCents, l.ttcCents])).toEqual([
      ['2027-09-02', 'standard', 5.5, 1, 1000, 55, 1055],
      ['2027-09-02', 'standard', 20, 2, 20000, 4000, 24000],
      ['2027-09-03', 'standard', 20, 1, -10000, -2000, -12000],
    ]);
    expect(eReportingCsv(lines).split('\r\n')).toEqual([
      'Date;Régime de TVA;Taux;Pièces;Total HT;TVA;Total TTC',
      '02/09/2027;TVA collectée;5,5 %;1;10,00;0,55;10,55',
      '02/09/2027;TVA collectée;20 %;2;200,00;40,00;240,00',
      '03/09/2027;TVA collectée;20 %;1;-100,00;-20,00;-120,00',
      '',
    ]);
  });
});
