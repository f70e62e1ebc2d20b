// The `Produits` tab as a catalogue: what each Stripe price or product sells.
import { PRODUCT_TYPES, type ProductType } from './schema';
import { asNumber, asText, isNo } from './values';
import { isPercentRate } from './vat';
import { eurosToCents } from './money';

export interface Product {
  code: string;
  name: string;
  /** `libre`: a free-amount line of a payment request, never a row of the tab (see domain/request.ts). */
  type: ProductType | 'libre';
  priceCents: number;
  /** Credits granted per unit bought (cours only). */
  credits: number;
  /** Days the credits stay valid, or null for never. */
  validityDays: number | null;
  /** Stripe ids (price_… or prod_…) that this row sells; a cell may list several, separated by commas or spaces. */
  stripeIds: string[];
  bookingLink: string;
  accessLink: string;
  accessCode: string;
  file: string;
  active: boolean;
  /** VAT rate in percent for standard VAT mode; null = the default rate. */
  vatRate: number | null;
}

export interface Catalogue {
  products: Product[];
  /** One French message per row that cannot be used, with its row number. */
  problems: string[];
}

export function readCatalogue(records: Array<{ row: number; values: Record<string, unknown> }>): Catalogue {
  const products: Product[] = [];
  const problems: string[] = [];
  for (const { row, values } of records) {
    const code = asText(values['Code']);
    if (!code && !asText(values['Nom'])) continue;
    const where = `Produits, ligne ${row}${code ? ` (${code})` : ''}`;
    const type = asText(values['Type']).toLowerCase() as ProductType;
    if (!code) {
      problems.push(`${where} : le code est vide.`);
      continue;
    }
    if (code === FREE_LINE_CODE) {
      problems.push(`${where} : le code « ${FREE_LINE_CODE} » est réservé aux montants libres des demandes de paiement.`);
      continue;
    }
    if (!PRODUCT_TYPES.includes(type)) {
      problems.push(`${where} : type « ${asText(values['Type'])} » inconnu (cours, formation ou ebook).`);
      continue;
    }
    const price = asNumber(values['Prix TTC']);
    if (!Number.isFinite(price) || price < 0) {
      problems.push(`${where} : prix TTC « ${asText(values['Prix TTC'])} » illisible.`);
      continue;
    }
    const credits = asNumber(values['Crédits']);
    if (type === 'cours' && (!Number.isInteger(credits) || credits <= 0)) {
      problems.push(`${where} : un produit « cours » doit donner un nombre entier de crédits supérieur à 0.`);
      continue;
    }
    const validityText = asText(values['Validité (jours)']);
    const validity = validityText === '' ? null : asNumber(validityText);
    if (validity !== null && (!Number.isInteger(validity) || validity <= 0)) {
      problems.push(`${where} : validité « ${validityText} » : un nombre de jours entier, ou vide pour « sans limite ».`);
      continue;
    }
    const vatText = asText(values['Taux de TVA']).replace(/\s*%$/, '');
    const vatRate = vatText === '' ? null : asNumber(vatText);
    if (vatRate !== null && !isPercentRate(vatRate)) {
      problems.push(`${where} : taux de TVA « ${asText(values['Taux de TVA'])} » illisible (un pourcentage entre 0 et 100, ex. 20 ou 5,5).`);
      continue;
    }
    products.push({
      code,
      name: asText(values['Nom']) || code,
      type,
      priceCents: eurosToCents(price),
      credits: type === 'cours' ? credits : 0,
      validityDays: validity,
      stripeIds: asText(values['Stripe'])
        .split(/[\s,;]+/)
        .filter(Boolean),
      bookingLink: asText(values['Lien de réservation']),
      accessLink: asText(values["Lien d'accès"]),
      accessCode: asText(values["Code d'accès"]),
      file: asText(values['Fichier']),
      active: !isNo(asText(values['Actif'])),
      vatRate,
    });
  }
  return { products, problems };
}

/** The row naming the first id that any row names: callers pass the price id before the product id, so the exact price wins. */
export function findByStripeId(products: readonly Product[], ...ids: string[]): Product | undefined {
  for (const id of ids.filter(Boolean)) {
    const found = products.find((p) => p.stripeIds.includes(id));
    if (found) return found;
  }
  return undefined;
}

export function findByCode(products: readonly Product[], code: string): Product | undefined {
  const wanted = code.trim().toLowerCase();
  return products.find((p) => p.code.toLowerCase() === wanted);
}

/**
 * A free-amount line of a payment request (« Cours particulier du 3 décembre », 45,00 €): no row of the
 * tab, no credit, nothing to deliver, invoiced under its label at the default VAT rate. Its place in the
 * `product_codes` metadata holds this marker, which the tab refuses as a product code.
 */
export const FREE_LINE_CODE = '*';

export function freeLineProduct(label: string, priceCents: number): Product {
  return {
    code: FREE_LINE_CODE,
    name: label,
    type: 'libre',
    priceCents,
    credits: 0,
    validityDays: null,
    stripeIds: [],
    bookingLink: '',
    accessLink: '',
    accessCode: '',
    file: '',
    active: true,
    vatRate: null,
  };
}
