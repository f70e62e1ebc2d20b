// First start: an example business and three products (a lesson pack, a training, an ebook), typed
// into the sheet as the admin would after the setup wizard, so the shop has something to sell.
// Everything stays editable in the console's tabs; `npm start -- --reset` starts again from here.
import type { Emulator } from '../emulator/src';

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
  { Code: 'HARMO', Nom: 'Formation harmonie', Type: 'formation', cents: 24000, extra: { "Lien d'accès": 'https://formation.example.fr/harmonie', "Code d'accès": 'DO-RE-MI' } },
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

export function setSetting(emu: Emulator, label: string, value: string | number): void {
  const index = emu.spreadsheet.values('Paramètres').findIndex((r) => r[0] === label);
  if (index < 0) throw new Error(`Paramètre inconnu : ${label}`);
  emu.edit('Paramètres', `B${index + 1}`, value);
}

/** Appends a row by header names, as the admin would type it (each cell an edit). */
export function addRow(emu: Emulator, tab: string, record: Record<string, unknown>): number {
  const rows = emu.spreadsheet.values(tab);
  const headers = rows[0].map(String);
  const row = rows.length + 1;
  for (const [header, value] of Object.entries(record)) {
    const col = headers.indexOf(header);
    if (col < 0) throw new Error(`Pas de colonne ${header} dans ${tab}`);
    emu.edit(tab, `${columnLetter(col)}${row}`, value);
  }
  return row;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
