// Compile-time check (npm run typecheck): a plan step carries its tab's row type, so a misspelt or
// foreign column fails to compile. Each @ts-expect-error line must be an error, or the typecheck fails.
import { append, upsert, type Step } from '../../src/domain/plan';

const at = new Date(0);

export const WELL_TYPED: Step[] = [
  { kind: 'append', tab: 'ledger', key: 'op', record: { Date: at, Variation: 1, Solde: 1 } },
  { kind: 'upsert', tab: 'clients', key: 'a@example.com', values: { Solde: 1 }, createOnly: { 'Créé le': at } },
  append('invoices', 'F-2026-0001', { Type: 'Facture' }),
  upsert('bookings', 'ev1', { Statut: 'réservé' }),
];

export const MISSPELT: Step[] = [
  // @ts-expect-error 'Solde ' (trailing space) is not a column of Crédits
  { kind: 'append', tab: 'ledger', key: 'op', record: { 'Solde ': 1 } },
  // @ts-expect-error 'Statut' is a column of Paiements, not of Clients
  { kind: 'upsert', tab: 'clients', key: 'a@example.com', values: { Statut: 'payé' } },
  // @ts-expect-error createOnly is typed too
  { kind: 'upsert', tab: 'payments', key: 'cs_1', values: {}, createOnly: { Creé: at } },
  // @ts-expect-error Clients is not an append-only tab
  { kind: 'append', tab: 'clients', key: 'a@example.com', record: {} },
  // @ts-expect-error the helper checks the columns too
  append('ledger', 'op', { Varation: 1 }),
  // @ts-expect-error and so does upsert's
  upsert('events', 'evt_1', { Status: 'traité' }),
];
