// A full refund revokes the purchase's download links: the spreadsheet calls it costs do not grow with
// the number of ebooks bought (one read and one write of the `Révoqué` column, not one pair per row).
import type { Emulator } from '../../emulator/src';
import { addRow, install, records } from './harness';

const ALICE = 'alice@example.com';

/** Buys `count` different ebooks in one payment, refunds it in full, and returns the sheet calls of the refund's events. */
function refundEbooks(count: number): { emu: Emulator; calls: Record<string, number> } {
  const emu = install();
  const lineItems = [];
  for (let i = 1; i <= count; i++) {
    const file = emu.drive.seedFile(`Guide ${i}.pdf`, `%PDF-1.7 guide ${i}`, 'application/pdf');
    const price = emu.stripe.createPrice({ product: String(emu.stripe.createProduct({ name: `Guide ${i}` }).id), unitAmount: 1000 });
    addRow(emu, 'Produits', { Code: `GUIDE${i}`, Nom: `Guide ${i}`, Type: 'ebook', 'Prix TTC': 10, Stripe: String(price.id), Fichier: file });
    lineItems.push({ price: String(price.id), quantity: 1 });
  }
  const outcome = emu.stripe.pay({ lineItems, email: ALICE, name: 'Alice Dupont' });
  emu.deliverWebhook(String(outcome.event.id));
  const since = emu.stripe.events().length;
  emu.stripe.refund(String(outcome.session.payment_intent));
  emu.rt.accounting.reset();
  for (const event of emu.stripe.events().slice(since)) emu.deliverWebhook(String(event.id));
  return { emu, calls: emu.rt.accounting.snapshot().calls as Record<string, number> };
}

/** The range calls that reach the sheet's data (a found cell's getRow() is a cheap handle call). */
const rangeCalls = (calls: Record<string, number>) =>
  Object.fromEntries(Object.entries(calls).filter(([k]) => k.startsWith('SpreadsheetApp.Range.') && k !== 'SpreadsheetApp.Range.getRow'));

test('a full refund of 1 or 6 ebooks revokes every link with the same sheet calls', () => {
  const one = refundEbooks(1);
  const six = refundEbooks(6);
  expect(records(one.emu, 'Téléchargements').map((r) => r['Révoqué'] instanceof Date)).toEqual([true]);
  expect(records(six.emu, 'Téléchargements').map((r) => r['Révoqué'] instanceof Date)).toEqual([true, true, true, true, true, true]);
  expect(rangeCalls(six.calls)).toEqual(rangeCalls(one.calls));
});
