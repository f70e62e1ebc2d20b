// Credit lots: each purchase of lessons grants a lot (reference, credits left, expiry date). A booking
// takes from the lot that expires first; a refund reverses what is left of its own lot; expiry removes
// what is left after its date. The client's balance is the sum of the lots.
import { append, type AppendStep } from './plan';

export interface Lot {
  /** What granted it: the Checkout Session id, or "ajustement" for a hand edit of the balance. */
  ref: string;
  remaining: number;
  /** ISO calendar date (YYYY-MM-DD) after which the credits are void, or null for never. */
  expires: string | null;
}

export function balance(lots: readonly Lot[]): number {
  return lots.reduce((sum, lot) => sum + lot.remaining, 0);
}

export function grant(lots: readonly Lot[], lot: Lot): Lot[] {
  if (!Number.isInteger(lot.remaining) || lot.remaining <= 0) throw new Error(`Invalid credit grant: ${lot.remaining}`);
  return [...lots.map((l) => ({ ...l })), { ...lot }];
}

function byExpiry(a: Lot, b: Lot): number {
  if (a.expires === b.expires) return 0;
  if (a.expires === null) return 1;
  if (b.expires === null) return -1;
  return a.expires < b.expires ? -1 : 1;
}

export interface Taken {
  ref: string;
  credits: number;
}

/** Takes `credits` from the lots that expire first. Throws when the balance is too low: a balance never goes negative. */
export function consume(lots: readonly Lot[], credits: number): { lots: Lot[]; taken: Taken[] } {
  assertCount(credits);
  if (credits > balance(lots)) throw new Error(`Insufficient credits: ${balance(lots)} < ${credits}`);
  const next = lots.map((l) => ({ ...l }));
  const taken: Taken[] = [];
  let left = credits;
  for (const lot of [...next].sort(byExpiry)) {
    if (left === 0) break;
    const n = Math.min(lot.remaining, left);
    if (n === 0) continue;
    lot.remaining -= n;
    left -= n;
    taken.push({ ref: lot.ref, credits: n });
  }
  return { lots: prune(next), taken };
}

/** Removes up to `credits` from the lot granted by `ref` (a refund reverses only what is unused). */
export function reverse(lots: readonly Lot[], ref: string, credits: number): { lots: Lot[]; removed: number } {
  assertCount(credits);
  const next = lots.map((l) => ({ ...l }));
  let left = credits;
  for (const lot of next) {
    if (lot.ref !== ref || left === 0) continue;
    const n = Math.min(lot.remaining, left);
    lot.remaining -= n;
    left -= n;
  }
  return { lots: prune(next), removed: credits - left };
}

/** Credits still unused from the lot(s) granted by `ref`. */
export function unusedOf(lots: readonly Lot[], ref: string): number {
  return balance(lots.filter((l) => l.ref === ref));
}

/** Removes the lots whose expiry date is before `today` (ISO date). */
export function expire(lots: readonly Lot[], today: string): { lots: Lot[]; expired: Taken[] } {
  const expired = lots.filter((l) => l.expires !== null && l.expires < today && l.remaining > 0).map((l) => ({ ref: l.ref, credits: l.remaining }));
  return { lots: lots.filter((l) => !(l.expires !== null && l.expires < today)).map((l) => ({ ...l })), expired };
}

function assertCount(credits: number): void {
  if (!Number.isInteger(credits) || credits < 0) throw new Error(`Invalid number of credits: ${credits}`);
}

function prune(lots: Lot[]): Lot[] {
  return lots.filter((l) => l.remaining > 0);
}

export const ADJUSTMENT_REF = 'ajustement';

/**
 * Reads the Lots cell. When it disagrees with the balance the admin sees (a hand edit of `Solde`,
 * or an unreadable cell), the balance wins: the difference becomes an adjustment lot, or is taken
 * from the lots that expire first. `repaired` says so, for the journal.
 */
export function readLots(cell: string, shownBalance: number): { lots: Lot[]; repaired: boolean; storedBalance: number } {
  let lots: Lot[] = [];
  let readable = true;
  if (cell.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(cell);
      lots = Array.isArray(parsed) ? parsed.filter(isLot).map((l) => ({ ...l })) : [];
      readable = Array.isArray(parsed) && lots.length === parsed.length;
    } catch {
      readable = false;
    }
  }
  const target = Number.isFinite(shownBalance) && shownBalance > 0 ? Math.floor(shownBalance) : 0;
  const current = balance(lots);
  if (current === target) return { lots, repaired: !readable, storedBalance: current };
  if (target > current)
    return { lots: grant(lots, { ref: ADJUSTMENT_REF, remaining: target - current, expires: null }), repaired: true, storedBalance: current };
  return { lots: consume(lots, current - target).lots, repaired: true, storedBalance: current };
}

export function writeLots(lots: readonly Lot[]): string {
  return lots.length === 0 ? '' : JSON.stringify(lots);
}

/** A lot as stored in a cell (JSON): a ref, a whole number of credits, an ISO expiry or null. */
export function isLot(value: unknown): value is Lot {
  if (!value || typeof value !== 'object') return false;
  const l = value as Record<string, unknown>;
  return (
    typeof l.ref === 'string' &&
    Number.isInteger(l.remaining) &&
    (l.remaining as number) >= 0 &&
    (l.expires === null || (typeof l.expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(l.expires)))
  );
}

/** One movement of credits, as every flow (purchase, booking, cancellation, refund, dispute, expiry, adjustment) records it. */
export interface LedgerEntry {
  /** What makes the row unique: a replay or a second delivery never appends it twice. */
  operation: string;
  at: Date;
  email: string;
  /** Credits added (positive) or taken (negative). */
  change: number;
  /** The client's balance after it. */
  balanceAfter: number;
  motif: string;
  /** The Stripe object, calendar event or pack it is about. */
  reference: string;
  /** ISO day the credits granted expire (a purchase with a validity), or that expired (expiry). */
  expires?: string | null;
}

/** The plan step of a `Crédits` row: the only place a ledger row is spelt out. */
export function ledgerStep(entry: LedgerEntry): AppendStep {
  return append('ledger', entry.operation, {
    Date: entry.at,
    'E-mail': entry.email,
    Variation: entry.change,
    Solde: entry.balanceAfter,
    Motif: entry.motif,
    Référence: entry.reference,
    ...(entry.expires ? { Expiration: dayValue(entry.expires) } : {}),
  });
}

/** Noon UTC of a calendar day: a Date that shows the same day in every European time zone. */
export function dayValue(iso: string): Date {
  return new Date(`${iso}T12:00:00Z`);
}
