// Carries out a plan with a write-ahead copy in Script Properties (see domain/plan.ts).
import { decodePlan, encodePlan, type Plan, type Step, type Values } from '../domain/plan';
import type { Header, TabKey } from '../domain/schema';
import type { Workbook } from './workbook';
import type { Record_ } from './table';
import { applyBookingStep } from './bookingSteps';
import { applyDeliveryStep } from './deliverySteps';

const WAL_KEY = 'CARNET_PENDING_PLAN';

export interface KnownRows {
  client?: number | null;
  payment?: number | null;
  receipt?: number | null;
  event?: number | null;
  booking?: number | null;
  /** Filled by the run: the row of each invoice or credit note appended, by number. */
  documents?: Record<string, number>;
}

/**
 * Saves the plan, carries it out, then forgets it. `known` holds the rows found while planning
 * (null = known to be absent), which saves the look-ups a replay has to make.
 */
export function runPlan(book: Workbook, plan: Plan, known: KnownRows = {}): void {
  const props = PropertiesService.getScriptProperties();
  props.setProperty(WAL_KEY, encodePlan(plan));
  execute(book, plan, known, false);
  props.deleteProperty(WAL_KEY);
}

/** Finishes a plan that a dead run left behind. Call first thing under the script lock. Returns true when there was one. */
export function resumePendingPlan(book: Workbook): boolean {
  const props = PropertiesService.getScriptProperties();
  const saved = props.getProperty(WAL_KEY);
  if (!saved) return false;
  execute(book, decodePlan(saved), {}, true);
  props.deleteProperty(WAL_KEY);
  return true;
}

function execute(book: Workbook, plan: Plan, known: KnownRows, replay: boolean): void {
  const steps = [...plan.steps];
  steps.forEach((step, i) => {
    if (step.kind === 'sendMail') {
      if (step.sent) return;
      // Saved as sent before it leaves: a run that dies now loses this e-mail rather than sending it twice.
      steps[i] = { ...step, sent: true };
      PropertiesService.getScriptProperties().setProperty(WAL_KEY, encodePlan({ cause: plan.cause, steps }));
    }
    apply(book, step, known, replay);
  });
}

function apply(book: Workbook, step: Step, known: KnownRows, replay: boolean): void {
  switch (step.kind) {
    // A row appended here is looked up again by a later step (its number is not known).
    case 'upsertClient':
      if (!upsert(book, 'clients', 'E-mail', step.email, known.client, step.values, step.createOnly)) delete known.client;
      return;
    case 'upsertPayment':
      if (!upsert(book, 'payments', 'Session Stripe', step.session, known.payment, step.values, step.createOnly)) delete known.payment;
      return;
    case 'appendInvoice': {
      const invoices = book.table('invoices');
      if (replay && invoices.findRow('Numéro', step.number)) return;
      const row = invoices.append({ ...(step.values as Values), Numéro: step.number } as Record_<'invoices'>);
      if (known.documents) known.documents[step.number] = row;
      return;
    }
    case 'upsertReceipt':
      if (!upsert(book, 'receipts', 'Pièce', step.piece, known.receipt, step.values)) delete known.receipt;
      return;
    case 'recordEvent':
      if (!upsert(book, 'events', 'ID', step.id, known.event, step.values, step.createOnly)) delete known.event;
      return;
    case 'setProperty':
      PropertiesService.getScriptProperties().setProperty(step.key, step.value);
      return;
    case 'appendDownload':
    case 'grantViewer':
    case 'revokeAccess':
      applyDeliveryStep(book, step);
      return;
    case 'upsertBooking':
    case 'sendMail':
    case 'declineEvent':
      applyBookingStep(book, step, known);
      return;
    case 'appendLedger': {
      const ledger = book.table('ledger');
      // On the normal path nothing was written yet for this plan; on a replay the row may exist.
      if (replay && ledger.findRow('Opération', step.operation)) return;
      ledger.appendOnly({ ...(step.values as Values), Opération: step.operation } as Record_<'ledger'>);
      return;
    }
  }
}

/**
 * Updates the row whose `header` cell is `key` (the row found while planning, else looked up) or
 * appends it with `createOnly` too. False when it appended.
 */
function upsert<K extends TabKey>(book: Workbook, tab: K, header: Header<K>, key: string, knownRow: number | null | undefined, values: Values, createOnly?: Values): boolean {
  const table = book.table(tab);
  const row = knownRow !== undefined ? knownRow : table.findRow(header, key);
  if (row) {
    table.update(row, values as Record_<K>);
    return true;
  }
  table.appendOnly({ ...createOnly, ...values, [header]: key } as Record_<K>);
  return false;
}
