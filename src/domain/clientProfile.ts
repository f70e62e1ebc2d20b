// A client's profile (name, phone, company, VAT number, address) in `Clients` belongs to the client and
// the admin: a payment made with the same e-mail address fills what is empty, and never replaces what
// is there — anyone can pay with anyone's address. The purchase keeps its own identity on its payment
// and its invoice; a difference is reported to the admin instead.
import { asText } from './values';

export interface ProfileChange {
  /** `Clients` header. */
  field: string;
  stored: string;
  offered: string;
}

export interface ProfileUpdate {
  /** Cells to write: the fields that were empty. */
  fill: Record<string, string>;
  /** Fields the purchase gives differently from the profile: left as they are. */
  kept: ProfileChange[];
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase('fr').replace(/\s+/g, ' ') === b.trim().toLocaleLowerCase('fr').replace(/\s+/g, ' ');

/** `offered`: the purchase's values by `Clients` header, empty ones left out or ''. */
export function profileUpdate(stored: Record<string, unknown>, offered: Record<string, string>): ProfileUpdate {
  const fill: Record<string, string> = {};
  const kept: ProfileChange[] = [];
  for (const [field, value] of Object.entries(offered)) {
    if (!value) continue;
    const current = asText(stored[field]);
    if (!current) fill[field] = value;
    else if (!same(current, value)) kept.push({ field, stored: current, offered: value });
  }
  return { fill, kept };
}

export interface BilledIdentity {
  name: string;
  company: string;
  taxId: string;
}

/**
 * Who an invoice bills: the purchase's own identity; when it carries no company and no tax id, the
 * business identity the admin typed in `Clients` (Société, N° TVA — a VAT number, SIREN or SIRET)
 * completes it, but only for that same client (same name, or no name given): someone paying with
 * the address of a company client does not get the company's invoice.
 */
export function billedIdentity<T extends BilledIdentity>(purchase: T, stored: Record<string, unknown>): T {
  if (purchase.company || purchase.taxId) return purchase;
  const company = asText(stored['Société']);
  const taxId = asText(stored['N° TVA']);
  if (!company && !taxId) return purchase;
  if (purchase.name && !same(purchase.name, asText(stored['Nom']))) return purchase;
  return { ...purchase, company, taxId };
}
