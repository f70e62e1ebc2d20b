// First start: an example business and three products (a lesson pack, a training, an ebook), typed
// into the sheet as the admin would after the setup wizard, so the shop has something to sell.
// Everything stays editable in the console's tabs; `npm start -- --reset` starts again from here.
import type { Emulator } from '../emulator/src';
import { addRow, setSetting } from './typing';

export const EXAMPLE_SETTINGS: Record<string, string> = {
  'Prénom et nom': 'Claire Martin',
  Adresse: '12 rue des Lilas, 75011 Paris',
  SIRET: '123 456 789 00012',
  'E-mail de contact': 'claire@example.fr',
};

export interface ExampleProduct {
  Code: string;
  Nom: string;
  Type: 'cours' | 'formation' | 'ebook';
  cents: number;
  extra: Record<string, string | number>;
}

export const EXAMPLE_PRODUCTS: ExampleProduct[] = [
  { Code: 'PACK10', Nom: 'Pack 10 cours', Type: 'cours', cents: 30000, extra: { Crédits: 10, 'Validité (jours)': 365 } },
  {
    Code: 'HARMO',
    Nom: 'Formation harmonie',
    Type: 'formation',
    cents: 24000,
    extra: { "Lien d'accès": 'https://formation.example.fr/harmonie', "Code d'accès": 'DO-RE-MI' },
  },
  { Code: 'GUIDE', Nom: 'Guide du piano', Type: 'ebook', cents: 1900, extra: {} },
];

export function seedExample(emu: Emulator, options: { realStripe: boolean }): void {
  for (const [label, value] of Object.entries(EXAMPLE_SETTINGS)) setSetting(emu, label, value);
  const ebook = emu.drive.seedFile('Guide du piano.pdf', '%PDF-1.4\n% Guide du piano (exemple)\n', 'application/pdf');
  for (const p of EXAMPLE_PRODUCTS) {
    const record: Record<string, unknown> = { Code: p.Code, Nom: p.Nom, Type: p.Type, 'Prix TTC': p.cents / 100, ...p.extra };
    if (p.Type === 'ebook') record.Fichier = ebook;
    // With the fake Stripe the products get Stripe Prices, as "Créer les liens de paiement" would make them.
    if (!options.realStripe) {
      const product = emu.stripe.createProduct({ name: p.Nom });
      record.Stripe = String(emu.stripe.createPrice({ product: String(product.id), unitAmount: p.cents }).id);
    }
    addRow(emu, 'Produits', record);
  }
}
