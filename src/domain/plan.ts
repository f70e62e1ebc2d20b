// A plan is the list of sheet writes that one event causes, computed before any write. It is saved
// first (write-ahead), then carried out; if the run dies half-way, the next run under the lock
// carries out the rest. Every step is idempotent by its key, so doing a step twice changes nothing.
import type { CellValue } from './schema';
import { isDate } from './values';
import type { MailParagraph } from './mailBody';
import type { MailPriority } from './outbox';

export type Values = Record<string, CellValue>;

export type Step =
  /** Create the client row (keyed by e-mail) or update these cells of it. */
  | { kind: 'upsertClient'; email: string; values: Values; createOnly?: Values }
  /** Append a ledger row unless a row with this `Opération` exists. */
  | { kind: 'appendLedger'; operation: string; values: Values }
  /** Create the payment row (keyed by Checkout Session id) or update these cells of it. */
  | { kind: 'upsertPayment'; session: string; values: Values; createOnly?: Values }
  /** Append an invoice or credit note unless its number is already in `Factures`. */
  | { kind: 'appendInvoice'; number: string; values: Values }
  /** Create the receipts-register line of this Stripe object (`Pièce`) or update these cells of it. */
  | { kind: 'upsertReceipt'; piece: string; values: Values }
  /** Create or update the event's row in `Événements` (keyed by event id): the last step, so a recorded event is a finished one. */
  | { kind: 'recordEvent'; id: string; values: Values; createOnly?: Values }
  /** Set a Script Property (the numbering counters). */
  | { kind: 'setProperty'; key: string; value: string }
  /** Append an ebook's download row unless one with this `Jeton (empreinte)` (SHA-256 of the token) exists. */
  | { kind: 'appendDownload'; hash: string; values: Values }
  /** Give the client read access to a training's Drive file or folder (nothing if they have it; a refusal goes to the journal). */
  | { kind: 'grantViewer'; fileId: string; email: string; product: string }
  /**
   * A full refund: the purchase's download links revoked (`Révoqué`), the client's read access to its trainings' Drive files removed.
   * With `restoreSince`, the opposite (that refund failed): the links revoked since then valid again, the files shared again.
   */
  | { kind: 'revokeAccess'; session: string; email: string; files: Array<{ fileId: string; product: string }>; restoreSince?: Date }
  /** Create the booking row (keyed by Calendar event id) or update these cells of it. */
  | { kind: 'upsertBooking'; event: string; values: Values; createOnly?: Values }
  /** Queue one e-mail in `Envois` (keyed by the plan's cause and the step's place, so a replay queues it once); sent by priority later (domain/outbox.ts). */
  | { kind: 'sendMail'; to: string; subject: string; paragraphs: MailParagraph[]; priority: MailPriority }
  /** Cancel a calendar event (a booking refused for lack of credit), then set its booking row's `Statut` to `status`. */
  | { kind: 'declineEvent'; calendarId: string; event: string; status: string };

export interface Plan {
  /** What caused it (an event id). */
  cause: string;
  steps: Step[];
}

/** JSON for Script Properties; Dates are kept as {"$d": ms}. */
export function encodePlan(plan: Plan): string {
  return JSON.stringify(serialisable(plan));
}

export function decodePlan(text: string): Plan {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && typeof (value as { $d?: unknown }).$d === 'number') return new Date((value as { $d: number }).$d);
    return value;
  }) as Plan;
}

/** Dates become {"$d": ms} before JSON.stringify (whose Date.toJSON would lose the type). */
export function serialisable(plan: Plan): Plan {
  const fix = (values: Values | undefined): Values | undefined => {
    if (!values) return values;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) out[k] = isDate(v) ? { $d: v.getTime() } : v;
    return out as Values;
  };
  return {
    cause: plan.cause,
    steps: plan.steps.map((s) =>
      'values' in s ? { ...s, values: fix(s.values) as Values, ...('createOnly' in s && s.createOnly ? { createOnly: fix(s.createOnly) } : {}) } : s,
    ),
  };
}
