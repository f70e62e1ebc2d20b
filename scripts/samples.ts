// `npm run samples`: an invoice and a credit note for each of the four cases the law distinguishes
// (VAT franchise or standard VAT × private or business client), issued by the built bundle on the
// emulator exactly as for a real payment and refund, saved as PDF and rendered to PNG (pdftoppm) under
// samples/ (git-ignored), to be looked at; for business clients, their CII XML too. Two more: a 20 %
// promotion code typed by the client (the price, then the reduction) and a 100 % coupon (an invoice of 0 €).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addRow, COLLECT, deliverAndSettle, install, records } from '../test/bundle/harness';

const OUT = 'samples';
const ADDRESS = { line1: '8 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' };

type Discount = 'aucune' | 'code-20' | 'offert';

const CASES: ReadonlyArray<{ name: string; vat: 'franchise' | 'standard'; business: boolean; partial: boolean; discount: Discount }> = [
  { name: 'franchise-particulier', vat: 'franchise', business: false, partial: false, discount: 'aucune' },
  { name: 'franchise-professionnel', vat: 'franchise', business: true, partial: true, discount: 'aucune' },
  { name: 'tva-particulier', vat: 'standard', business: false, partial: true, discount: 'aucune' },
  { name: 'tva-professionnel', vat: 'standard', business: true, partial: false, discount: 'aucune' },
  { name: 'tva-professionnel-remise', vat: 'standard', business: true, partial: false, discount: 'code-20' },
  { name: 'franchise-particulier-offert', vat: 'franchise', business: false, partial: false, discount: 'offert' },
];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const c of CASES) {
  const emu = install({
    settings: {
      'Nom commercial': 'Atelier Piano Claire',
      Téléphone: '06 12 34 56 78',
      ...(c.vat === 'standard' ? { 'Régime de TVA': 'standard', 'N° de TVA intracommunautaire': 'FR40123456789' } : {}),
      ...(c.business ? { 'Mentions de la facturation électronique': 'oui' } : {}),
    },
  });
  const pack = emu.stripe.createPrice({ product: String(emu.stripe.createProduct({ name: 'Pack 10 cours de piano (1 h)' }).id), unitAmount: 45000 });
  const trial = emu.stripe.createPrice({ product: String(emu.stripe.createProduct({ name: 'Cours d’essai' }).id), unitAmount: 3500 });
  addRow(emu, 'Produits', {
    Code: 'PACK10',
    Nom: 'Pack 10 cours de piano (1 h)',
    Type: 'cours',
    'Prix TTC': 450,
    Crédits: 10,
    Stripe: String(pack.id),
    'Lien de réservation': 'https://calendar.app.google/piano',
  });
  addRow(emu, 'Produits', { Code: 'ESSAI', Nom: 'Cours d’essai', Type: 'cours', 'Prix TTC': 35, Crédits: 1, Stripe: String(trial.id) });
  const coupon = c.discount === 'aucune' ? null : emu.stripe.createCoupon(c.discount === 'offert' ? { percentOff: 100, name: 'Offert' } : { percentOff: 20 });
  if (coupon && c.discount === 'code-20') emu.stripe.createPromotionCode({ coupon: String(coupon.id), code: 'PRINTEMPS' });
  const paid = emu.stripe.pay({
    lineItems: [
      { price: String(pack.id), quantity: 1 },
      { price: String(trial.id), quantity: 2 },
    ],
    email: 'alice.dupont@example.com',
    name: 'Alice Dupont',
    address: ADDRESS,
    // What Carnet's own Checkout Sessions ask for: without it Stripe returns no company or VAT number.
    session: {
      ...COLLECT,
      ...(c.discount === 'offert' ? { discounts: [{ coupon: String(coupon?.id) }] } : c.discount === 'code-20' ? { allow_promotion_codes: true } : {}),
    },
    ...(c.discount === 'code-20' ? { promotionCode: 'PRINTEMPS' } : {}),
    ...(c.business ? { company: 'Conservatoire Bellecour SAS', taxIds: [{ type: 'eu_vat', value: 'FR12345678901' }] } : {}),
  });
  deliverAndSettle(emu, String(paid.event.id));
  emu.advance(3 * 24 * 60 * 60 * 1000);
  // Nothing was charged for a 100 % discount: nothing to refund.
  if (paid.session.payment_intent)
    deliverAndSettle(emu, String(emu.stripe.refund(String(paid.session.payment_intent), c.partial ? 17500 : undefined).event.id));
  for (const row of records(emu, 'Factures')) {
    const kind = row['Type'] === 'Avoir' ? 'avoir' : 'facture';
    const base = join(OUT, `${c.name}-${kind}`);
    writeFileSync(`${base}.pdf`, emu.drive.bytes(String(row['Fichier'])));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', `${base}.pdf`, base]);
    console.log(`${base}.png`);
  }
  // Business clients: the EN 16931 e-invoices (CII XML) saved beside the PDFs.
  for (const file of emu.drive.files().filter((f) => f.name.endsWith('.xml'))) {
    const base = join(OUT, `${c.name}-${file.name.startsWith('Avoir') ? 'avoir' : 'facture'}.xml`);
    writeFileSync(base, emu.drive.bytes(file.id));
    console.log(base);
  }
}
