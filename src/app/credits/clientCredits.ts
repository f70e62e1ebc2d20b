// A client's credits as Carnet keeps them: the `Clients` row (balance and lots) and the ledger steps
// that change it. Shared by payments, refunds, bookings and expiry.
import { ADJUSTMENT_REF, balance, ledgerStep, readLots, type Lot } from '../../domain/ledger';
import type { Step } from '../../domain/plan';
import { asNumber, asText } from '../../domain/values';
import type { Workbook } from '../../gas/workbook';
import { journal } from '../../gas/journal';

export interface ClientState {
  row: number | null;
  lots: Lot[];
  /** The balance the lots held before a hand edit of `Solde` was taken into account; null when none. */
  repairedFrom: number | null;
}

export function readClient(book: Workbook, email: string): ClientState & { values: Record<string, unknown> } {
  const clients = book.table('clients');
  const row = clients.findRow('E-mail', email);
  if (!row) return { row: null, lots: [], repairedFrom: null, values: {} };
  const values = clients.read(row);
  return { ...clientState(row, values), values };
}

/** The credits of a `Clients` row already read: its lots, with a hand edit of `Solde` taken into account. */
export function clientState(row: number, values: Record<string, unknown>): ClientState {
  const shown = asNumber(values['Solde']);
  const { lots, repaired, storedBalance } = readLots(asText(values['Lots']), Number.isFinite(shown) ? shown : 0);
  return { row, lots, repairedFrom: repaired ? storedBalance : null };
}

const CLIENT_COLUMNS = ['E-mail', 'Nom', 'Solde', 'Lots', 'Alerte solde', 'Mis à jour'] as const;
const LEDGER_COLUMNS = ['Date', 'E-mail', 'Variation', 'Solde', 'Motif', 'Référence', 'Expiration', 'Opération'] as const;

/**
 * Every `Clients` and `Crédits` column a change of credits writes (`Expiration` too when `withExpiration`),
 * checked before the first write: a missing one throws a SchemaError with nothing half-written.
 */
export function checkCreditColumns(book: Workbook, withExpiration: boolean): void {
  const clients = book.table('clients');
  for (const h of CLIENT_COLUMNS) clients.column(h);
  const ledger = book.table('ledger');
  for (const h of LEDGER_COLUMNS) if (withExpiration || h !== 'Expiration') ledger.column(h);
}

/** When the admin edited `Solde` by hand, the ledger gets the matching adjustment row first, so its running balance stays true. */
export function adjustmentSteps(book: Workbook, email: string, client: ClientState, cause: string, at: Date): Step[] {
  if (client.row === null || client.repairedFrom === null) return [];
  const after = balance(client.lots);
  const delta = after - client.repairedFrom;
  journal(book, 'warning', book.text.lotsRepaired(email));
  if (delta === 0) return [];
  return [
    ledgerStep({
      operation: `${cause}:ajustement`,
      at,
      email,
      change: delta,
      balanceAfter: after,
      motif: book.text.motifAdjustment,
      reference: ADJUSTMENT_REF,
    }),
  ];
}
