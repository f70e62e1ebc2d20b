// A plan is the list of writes that one event causes, computed before any write. It is saved first
// (write-ahead), then carried out by one executor (gas/planRunner.ts); if the run dies half-way, the
// next run under the lock carries out the rest. Every step is idempotent by its key, so doing a step
// twice changes nothing. A sheet step names its tab and carries that tab's row type (schema.ts):
// a misspelt column fails to compile.
import type { Row } from './schema';
import { isDate } from './values';
import type { MailParagraph } from './mailBody';
import { encodeContent, MAIL_PRIORITY, type MailPriority } from './outbox';
import { OUTBOX_STATUS } from './schema';

/** Tabs that only grow: a row is appended once per key, never changed by a plan afterwards. */
export type AppendTab = 'ledger' | 'invoices' | 'downloads' | 'outbox';
/** Tabs whose row of a key is created the first time, then updated. */
export type UpsertTab = 'clients' | 'payments' | 'receipts' | 'events' | 'bookings';

/** Append `record` as the row of `key` unless the tab already has one. */
export type AppendStep = { [K in AppendTab]: { kind: 'append'; tab: K; key: string; record: Row<K> } }[AppendTab];

/** Update these cells of the row of `key`, or create it with `createOnly` too. */
export type UpsertStep = { [K in UpsertTab]: { kind: 'upsert'; tab: K; key: string; values: Row<K>; createOnly?: Row<K> } }[UpsertTab];

/**
 * One e-mail: the executor queues it as a row of `Envois` keyed by the plan's cause and the step's
 * place (so a replay queues it once); it is sent later, by priority (domain/outbox.ts).
 */
export interface MailStep {
  kind: 'mail';
  to: string;
  subject: string;
  paragraphs: MailParagraph[];
  priority: MailPriority;
}

/** Cancel a calendar event (a booking refused for lack of credit), then set its booking row's `Statut` to `status`. */
export interface DeclineStep {
  kind: 'declineEvent';
  calendarId: string;
  event: string;
  /** Who booked it (for the journal). */
  email: string;
  status: string;
}

export type Step =
  | AppendStep
  | UpsertStep
  /** Set a Script Property (the numbering counters). */
  | { kind: 'setProperty'; key: string; value: string }
  | MailStep
  /** Give the client read access to a training's Drive file or folder (nothing if they have it; a refusal goes to the journal). */
  | { kind: 'grantViewer'; fileId: string; email: string; product: string }
  /**
   * A full refund: the purchase's download links revoked (`Révoqué`), the client's read access to its trainings' Drive files removed.
   * With `restoreSince`, the opposite (that refund failed): the links revoked since then valid again, the files shared again.
   */
  | { kind: 'revokeAccess'; session: string; email: string; files: Array<{ fileId: string; product: string }>; restoreSince?: Date }
  | DeclineStep;

export interface Plan {
  /** What caused it (an event id). */
  cause: string;
  steps: Step[];
}

/** The step that appends `record` to tab K once (by key). */
export function append<K extends AppendTab>(tab: K, key: string, record: Row<K>): AppendStep {
  return { kind: 'append', tab, key, record } as AppendStep;
}

/** The step that updates (or creates) the row of `key` in tab K. */
export function upsert<K extends UpsertTab>(tab: K, key: string, values: Row<K>, createOnly?: Row<K>): UpsertStep {
  return (createOnly ? { kind: 'upsert', tab, key, values, createOnly } : { kind: 'upsert', tab, key, values }) as UpsertStep;
}

/** JSON for Script Properties; Dates are kept as {"$d": ms}. */
export function encodePlan(plan: Plan): string {
  return JSON.stringify(serialisable(plan));
}

export function decodePlan(text: string): Plan {
  const plan = JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && typeof (value as { $d?: unknown }).$d === 'number') return new Date((value as { $d: number }).$d);
    return value;
  }) as { cause: string; steps: unknown[] };
  // An e-mail an older version already sent (saved as `sent`) is not queued again.
  return { cause: plan.cause, steps: plan.steps.filter((s) => !(s as { sent?: boolean }).sent).map(currentStep) };
}

/** Dates (anywhere in the plan) become {"$d": ms} before JSON.stringify, whose Date.toJSON would lose the type. */
export function serialisable(plan: Plan): Plan {
  const fix = (value: unknown): unknown => {
    if (isDate(value)) return { $d: value.getTime() };
    if (Array.isArray(value)) return value.map(fix);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fix(v)]));
    return value;
  };
  return fix(plan) as Plan;
}

/** Steps as a version before typed plans saved them (a plan left pending across an update), in today's shape. */
const LEGACY: Record<string, { tab: string; key: string; append?: boolean }> = {
  upsertClient: { tab: 'clients', key: 'email' },
  upsertPayment: { tab: 'payments', key: 'session' },
  upsertReceipt: { tab: 'receipts', key: 'piece' },
  recordEvent: { tab: 'events', key: 'id' },
  upsertBooking: { tab: 'bookings', key: 'event' },
  appendLedger: { tab: 'ledger', key: 'operation', append: true },
  appendInvoice: { tab: 'invoices', key: 'number', append: true },
  appendDownload: { tab: 'downloads', key: 'hash', append: true },
};

function currentStep(raw: unknown): Step {
  const step = raw as Record<string, unknown>;
  const legacy = LEGACY[String(step.kind)];
  if (legacy) {
    const key = String(step[legacy.key]);
    if (legacy.append) return { kind: 'append', tab: legacy.tab, key, record: step.values } as AppendStep;
    return { kind: 'upsert', tab: legacy.tab, key, values: step.values, ...(step.createOnly ? { createOnly: step.createOnly } : {}) } as UpsertStep;
  }
  if (step.kind === 'sendMail' || (step.kind === 'mail' && step.priority === undefined)) {
    return { kind: 'mail', to: step.to, subject: step.subject, paragraphs: step.paragraphs, priority: MAIL_PRIORITY.confirmation } as MailStep;
  }
  if (step.kind === 'declineEvent' && typeof step.email !== 'string') return { ...step, email: step.event } as DeclineStep;
  return step as Step;
}

/** The `Envois` row of a plan's e-mail step: its key is the plan's cause and the step's place. */
export function queuedMail(cause: string, index: number, step: MailStep, at: Date): AppendStep {
  return append('outbox', `${cause}#${index}`, {
    Date: at,
    Priorité: step.priority,
    À: step.to,
    Objet: step.subject,
    Statut: OUTBOX_STATUS.waiting,
    Contenu: encodeContent(step.paragraphs),
  });
}
