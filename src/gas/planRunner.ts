// Carries out a plan with a write-ahead copy in Script Properties (see domain/plan.ts).
import type { Plan, Step, Values } from '../domain/plan';
import { EVENT_STATUS, type Header, type TabKey } from '../domain/schema';
import type { Workbook } from './workbook';
import type { Record_ } from './table';
import { applyBookingStep } from './bookingSteps';
import { applyDeliveryStep } from './deliverySteps';
import { countReplay, forgetPlan, loadPlan, MAX_REPLAYS, quarantine, savePlan, type SavedPlan } from './planStore';
import { journal } from './journal';

import { queueAlert, queueMail } from './outbox';

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
  const keys = savePlan(plan, [], props);
  execute(book, plan, known, false);
  forgetPlan(keys, props);
}

/**
 * Finishes a plan that a dead run left behind. Call first thing under the script lock. Returns true
 * when there was one. A plan that failed MAX_REPLAYS times is set aside instead, with one alert.
 */
export function resumePendingPlan(book: Workbook): boolean {
  const saved = loadPlan();
  if (!saved) return false;
  if (countReplay(saved.plan) > MAX_REPLAYS) {
    setAside(book, saved);
    return false;
  }
  execute(book, saved.plan, {}, true);
  forgetPlan(saved.keys);
  return true;
}

/**
 * A Stripe event half applied must never be planned again on its own: its credits, payment row or
 * invoice may already be written, and a new plan would add them again. So its `Événements` row is
 * marked `mis de côté` (never retried by webhooks, polls, the backstop or the cockpit) BEFORE the plan
 * is forgotten: if that mark cannot be written, the plan stays and the next run tries again.
 */
function setAside(book: Workbook, saved: SavedPlan): void {
  const event = stripeEventOf(saved.plan.cause);
  const pending = book.text.planQuarantined(saved.plan.cause, event, MAX_REPLAYS, '');
  if (event) upsert(book, 'events', 'ID', event, undefined, { Statut: EVENT_STATUS.setAside, Erreur: pending, 'Prochain essai': '' });
  const url = quarantine(saved, book.settings.folderId);
  forgetPlan(saved.keys);
  const message = book.text.planQuarantined(saved.plan.cause, event, MAX_REPLAYS, url);
  journal(book, 'error', message);
  queueAlert(book, book.text.planQuarantinedSubject, message);
}

/** The Stripe event a plan's cause names (`evt_…`, or `evt_…:re_…` for one refund of a charge event), '' for bookings and daily jobs. */
export function stripeEventOf(cause: string): string {
  return /^(evt_[A-Za-z0-9]+)(:|$)/.exec(cause)?.[1] ?? '';
}

/** `replay`: a dead run may have written some steps already, so appends look for their key first. */
function execute(book: Workbook, plan: Plan, known: KnownRows, replay: boolean): void {
  plan.steps.forEach((step, i) => {
    // An e-mail is only queued here (a row of `Envois`, keyed by the plan and the step): sent later, by priority.
    if (step.kind === 'sendMail')
      queueMail(book, { key: `${plan.cause}#${i}`, priority: step.priority, to: step.to, subject: step.subject, paragraphs: step.paragraphs }, replay);
    else apply(book, step, known, replay);
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
function upsert<K extends TabKey>(
  book: Workbook,
  tab: K,
  header: Header<K>,
  key: string,
  knownRow: number | null | undefined,
  values: Values,
  createOnly?: Values,
): boolean {
  const table = book.table(tab);
  const row = knownRow !== undefined ? knownRow : table.findRow(header, key);
  if (row) {
    table.update(row, values as Record_<K>);
    return true;
  }
  table.appendOnly({ ...createOnly, ...values, [header]: key } as Record_<K>);
  return false;
}
