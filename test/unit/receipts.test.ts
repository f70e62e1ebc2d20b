import { receiptsCsv, type Receipt } from '../../src/domain/receipts';

const receipt = (over: Partial<Receipt>): Receipt => ({
  day: '2026-11-21',
  reference: 'F-2026-0001',
  client: 'Alice',
  nature: '1 × Pack',
  amountCents: 30000,
  method: 'Carte',
  ...over,
});

describe('receipts CSV', () => {
  test.each(['=1+1', '+1', '-1+cmd', '@A1', '\tx', '\rx'])('a text field starting with %j is prefixed with an apostrophe', (text) => {
    const line = receiptsCsv([receipt({ client: text, nature: text, reference: text, method: text })]).split('\r\n')[1];
    // Reference, client, nature and method: four inert texts; the date and the amount untouched.
    expect(line.startsWith('21/11/2026;')).toBe(true);
    expect(line.split(`'${text}`)).toHaveLength(5);
  });

  test('a negative amount is written as a number', () => {
    expect(receiptsCsv([receipt({ amountCents: -12345 })]).split('\r\n')[1]).toBe('21/11/2026;F-2026-0001;Alice;1 × Pack;-123,45;Carte');
  });
});
