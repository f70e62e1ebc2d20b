// A Carnet installation on the emulator, as an admin would have it after the setup wizard.
import { Emulator } from '../../emulator/src';
import { addRow, setSetting } from '../../local/typing';

// The admin typing in the sheet: one helper for the tests and the local server's example data.
export { addRow, setSetting };

export const KEY = 'sk_test_emulator';
/** 21 November 2026, 10:00 in Paris. */
export const START = Date.UTC(2026, 10, 21, 9, 0, 0);

/** What Carnet's own Checkout Sessions and payment links ask the client for (address required, company and VAT number optional). */
export const COLLECT = {
  billing_address_collection: 'required',
  tax_id_collection: { enabled: true, required: 'never' },
  name_collection: { business: { enabled: true, optional: true } },
};

export const BUSINESS = {
  'Prénom et nom': 'Claire Martin',
  Adresse: '12 rue des Lilas, 75011 Paris',
  SIRET: '123 456 789 00012',
  'E-mail de contact': 'claire@example.fr',
};

export interface ProductRow {
  Code: string;
  Nom: string;
  Type: 'cours' | 'formation' | 'ebook';
  'Prix TTC': number;
  Crédits?: number;
  'Validité (jours)'?: number;
  Stripe?: string;
  'Lien de réservation'?: string;
  'Taux de TVA'?: number;
}

/** `deployed` (default): the web app is deployed and the admin opened it once, so Carnet knows its /exec URL. */
export function install(options: { settings?: Record<string, string | number>; key?: string | null; deployed?: boolean; bundle?: string } = {}): Emulator {
  const emu = new Emulator({ start: START }).loadBundle(options.bundle ?? 'dist');
  if (options.key !== null) emu.properties.scriptStore().set('STRIPE_SECRET_KEY', options.key ?? KEY);
  emu.run('setup');
  for (const [label, value] of Object.entries({ ...BUSINESS, ...options.settings })) setSetting(emu, label, value);
  if (options.deployed !== false) openWebApp(emu);
  return emu;
}

/** The admin (or anyone) opens the web app's /exec URL: doGet runs there and Carnet remembers that URL. */
export function openWebApp(emu: Emulator): void {
  emu.get({}, 'anonymous');
}

/** A lesson pack sold through a Stripe Price. */
export function addLessonPack(
  emu: Emulator,
  code = 'PACK10',
  credits = 10,
  priceCents = 30000,
  extra: Partial<ProductRow> = {},
): { price: string; product: string } {
  const product = emu.stripe.createProduct({ name: `Pack ${credits} cours` });
  const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: priceCents, currency: 'eur' });
  addRow(emu, 'Produits', {
    Code: code,
    Nom: `Pack ${credits} cours`,
    Type: 'cours',
    'Prix TTC': priceCents / 100,
    Crédits: credits,
    Stripe: String(price.id),
    'Lien de réservation': 'https://calendar.app.google/reserver',
    ...extra,
  });
  return { price: String(price.id), product: String(product.id) };
}

export function records(emu: Emulator, tab: string): Array<Record<string, unknown>> {
  return emu.spreadsheet.records(tab);
}

export function client(emu: Emulator, email: string): Record<string, unknown> | undefined {
  return records(emu, 'Clients').find((r) => r['E-mail'] === email);
}

/** The business records a payment leaves, with volatile values (times) masked, to compare two histories. */
export function snapshot(emu: Emulator): Record<string, unknown[]> {
  const tabs = ['Clients', 'Crédits', 'Paiements', 'Factures', 'Recettes'];
  // Dates and Stripe ids differ from one emulator to another; what they point to is compared elsewhere.
  const mask = (v: unknown) => {
    if (Object.prototype.toString.call(v) === '[object Date]') return 'DATE';
    return typeof v === 'string' ? v.replace(/\b(cs|pi|ch|re|evt|price|prod|cus|py)_(test_)?[A-Za-z0-9]+/g, '<$1>') : v;
  };
  const out: Record<string, unknown[]> = {};
  for (const tab of tabs) {
    out[tab] = records(emu, tab).map((r) => {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) if (!['Mis à jour', 'PDF', 'Fichier', 'Envoyée le', 'Date'].includes(k)) copy[k] = mask(v);
      return copy;
    });
  }
  return out;
}

export function eventRow(emu: Emulator, id: string): Record<string, unknown> | undefined {
  return records(emu, 'Événements').find((r) => r['ID'] === id);
}

export function journal(emu: Emulator): string[] {
  return records(emu, 'Journal').map((r) => String(r['Message']));
}

/** The delay the webhook asks for its documents run (`after(…)`); the emulator fires it on time. */
export { DOCUMENTS_DELAY_MS as DOCUMENTS_TRIGGER_AFTER_MS } from '../../src/gas/documentsTrigger';

/** How long tests wait for a webhook's documents run (`carnetDocuments`) to have run: a minute. */
export const DOCUMENTS_DELAY_MS = 60 * 1000;

/**
 * "A minute later": the documents run a webhook scheduled fires (the PDF is made, the e-mail sent),
 * with any other trigger due by then.
 */
export function aMinuteLater(emu: Emulator): void {
  emu.advance(DOCUMENTS_DELAY_MS);
}

/** Stripe delivers the event, and a minute later its documents run has made the PDF and sent the e-mail. */
export function deliverAndSettle(emu: Emulator, eventOrId: { id: string } | string): ReturnType<Emulator['deliverWebhook']> {
  const response = emu.deliverWebhook(eventOrId);
  aMinuteLater(emu);
  return response;
}

/** Runs the backstop as its time-driven trigger does (every 10 minutes). */
export function runBackstop(emu: Emulator): void {
  emu.advance(10 * 60 * 1000);
}
