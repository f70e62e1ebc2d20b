// The EN 16931 CII XML, validated against the official Factur-X 1.07.3 EN 16931 XSD (shipped in
// test/fixtures/factur-x) with libxml2's xmllint compiled to WebAssembly (xmllint-wasm).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { buildInvoice, type InvoiceInput } from '../../src/domain/invoice';
import { ciiXml } from '../../src/domain/cii';

const XSD_DIR = join(__dirname, '../fixtures/factur-x');
const MAIN = 'Factur-X_1.07.3_EN16931.xsd';
const xsd = (name: string) => ({ fileName: name, contents: readFileSync(join(XSD_DIR, name), 'utf8') });
const schema = [xsd(MAIN)];
const preload = ['QualifiedDataType', 'ReusableAggregateBusinessInformationEntity', 'UnqualifiedDataType'].map((t) =>
  xsd(`Factur-X_1.07.3_EN16931_urn_un_unece_uncefact_data_standard_${t}_100.xsd`),
);

async function validate(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'invoice.xml', contents: xml }], schema, preload });
  return result.errors.map((e) => e.rawMessage);
}

const d = { year: 2027, month: 9, day: 2 };
function input(over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    kind: 'invoice',
    number: 'F-2027-0001',
    issueDate: d,
    saleDate: d,
    seller: {
      name: 'Marie Dupont',
      tradeName: 'Atelier & Piano',
      address: '12 rue des Lilas, 69001 Lyon',
      siret: '123 456 789 00012',
      email: 'marie@example.fr',
      vatNumber: 'FR40123456789',
    },
    client: { name: 'Jean Martin', email: 'jean@acme.fr', company: 'ACME <SAS>', taxId: 'FR12345678901', address: '8 place Bellecour, 69002 Lyon' },
    lines: [
      { designation: 'Pack 10 cours', quantity: 3, unitPriceTtcCents: 4999, vatRatePercent: 20 },
      { designation: 'Livre', quantity: 1, unitPriceTtcCents: 1055, vatRatePercent: 5.5 },
    ],
    vatMode: 'standard',
    payment: { date: d, method: 'card', reference: 'pi_1' },
    latePenaltyRate: "3 fois le taux d'intérêt légal",
    einvoicing: { enabled: true, nature: 'services', vatOnDebits: true },
    ...over,
  };
}

describe('EN 16931 CII XML (Factur-X profile EN 16931)', () => {
  test('a standard-VAT invoice to a business is valid against the official XSD and says what the PDF says', async () => {
    const xml = ciiXml(buildInvoice(input()));
    expect(await validate(xml)).toEqual([]);
    expect(xml).toContain('<ram:TypeCode>380</ram:TypeCode>');
    expect(xml).toContain('<ram:Name>Marie Dupont EI</ram:Name>');
    expect(xml).toContain('<ram:TradingBusinessName>Atelier &amp; Piano</ram:TradingBusinessName>');
    expect(xml).toContain('<ram:Name>ACME &lt;SAS&gt;</ram:Name>');
    expect(xml).toContain('<ram:ID schemeID="0002">345678901</ram:ID>');
    expect(xml).toContain('<ram:GrandTotalAmount>160.52</ram:GrandTotalAmount>');
    expect(xml).toContain('<ram:DueDateTypeCode>5</ram:DueDateTypeCode>');
  });

  test('a franchise credit note (381) citing its invoice, amounts positive, exemption reason: valid', async () => {
    const xml = ciiXml(
      buildInvoice(
        input({ kind: 'creditNote', number: 'A-2027-0001', vatMode: 'franchise', citedInvoice: 'F-2027-0001', citedInvoiceDate: d, cancelsInFull: true }),
      ),
    );
    expect(await validate(xml)).toEqual([]);
    expect(xml).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(xml).toContain('<ram:ExemptionReason>TVA non applicable, art. 293 B du CGI</ram:ExemptionReason>');
    expect(xml).toContain('<ram:IssuerAssignedID>F-2027-0001</ram:IssuerAssignedID>');
    expect(xml).not.toMatch(/>-\d/);
  });

  test('the validator is not blind: a document without its seller is refused', async () => {
    const xml = ciiXml(buildInvoice(input())).replace(/<ram:SellerTradeParty>[\s\S]*?<\/ram:SellerTradeParty>/, '');
    expect((await validate(xml)).join('\n')).toMatch(/SellerTradeParty|BuyerTradeParty/);
  });
});
