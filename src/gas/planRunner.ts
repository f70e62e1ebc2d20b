// Carries out a plan with a write-ahead copy in Script Properties (see domain/plan.ts).
import { decodePlan, encodePlan, type Plan, type Step, type Values } from '../domain/plan';
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
    case 'upsertClient': {
      const clients = book.table('clients');
      const row = known.client !== undefined ? known.client : clients.findRow('E-mail', step.email);
      if (row) clients.update(row, step.values as Record_<'clients'>);
      else {
        clients.appendOnly({ ...step.createOnly, ...step.values, 'E-mail': step.email } as Record_<'clients'>);
        delete known.client; // a later step looks the new row up
      }
      return;
    }
    case 'upsertPayment': {
      const payments = book.table('payments');
      const row = known.payment !== undefined ? known.payment : payments.findRow('Session Stripe', step.session);
      if (row) payments.update(row, step.values as Record_<'payments'>);
      else {
        payments.appendOnly({ ...step.createOnly, ...step.values, 'Session Stripe': step.session } as Record_<'payments'>);
        delete known.payment;
      }
      return;
    }
    case 'appendInvoice': {
      const invoices = book.table('invoices');
      if (replay && invoices.findRow('Numéro', step.number)) return;
      const row = invoices.append({ ...(step.values as Values), Numéro: step.number } as Record_<'invoices'>);
      if (known.documents) known.documents[step.number] = row;
      return;
    }
    case 'upsertReceipt': {
      const receipts = book.table('receipts');
      const row = known.receipt !== undefined ? known.receipt : receipts.findRow('Pièce', step.piece);
      if (row) receipts.update(row, step.values as Record_<'receipts'>);
      else {
        receipts.appendOnly({ ...(step.values as Values), Pièce: step.piece } as Record_<'receipts'>);
        delete known.receipt;
      }
      return;
    }
    case 'recordEvent': {
      const events = book.table('events');
      const row = known.event !== undefined ? known.event : events.findRow('ID', step.id);
      if (row) events.update(row, step.values as Record_<'events'>);
      else {
        events.appendOnly({ ...step.createOnly, ...step.values, ID: step.id } as Record_<'events'>);
        delete known.event;
      }
      return;
    }
    case 'setProperty':
      PropertiesService.getScriptProperties().setProperty(step.key, step.value);
      return;
    case 'appendDownload':
    case 'grantViewer':
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
