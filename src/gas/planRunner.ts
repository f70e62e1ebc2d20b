// The one executor of plans (domain/plan.ts), with a write-ahead copy in Script Properties. Reads
// first, then writes, because Apps Script sends consecutive writes with no read between them as one
// batch (developers.google.com/apps-script/guides/support/best-practices, "Use batch operations"):
//   1. every look-up: each tab's headers (every column the plan writes checked, so a missing one stops
//      it with nothing written), the row of each key not known yet, the last keyed row of each tab that
//      gets new rows;
//   2. the write-ahead copy saved, with the numbering counters the plan sets, in one Properties call;
//   3. what happens outside the sheet (Drive sharing, a calendar event cancelled);
//   4. the sheet, tab by tab: a tab's new rows in one setValues per run of adjacent Carnet columns
//      (`Événements`: appendRow, see SHARED_TABS), each updated row in one setValues per run of
//      adjacent cells; `Événements` last;
//   5. the copy forgotten.
// A plan's e-mails are rows of `Envois` written with the rest (keyed, so a replay queues each once),
// sent afterwards by priority (app/mail/deliver.ts).
import { queuedMail, type DeclineStep, type Plan, type Step } from '../domain/plan';
import { EVENT_STATUS, KEY_HEADER, type CellValue, type KeyedTab, type Row } from '../domain/schema';
import type { Workbook } from './workbook';
import type { LastKeyed, Table } from './table';
import { applyDeliveryStep } from './deliverySteps';
import { countReplay, forgetPlan, loadPlan, MAX_REPLAYS, quarantine, savePlan, type SavedPlan } from './planStore';
import { journal } from './journal';
import { outboxTable, queueAlert } from './outbox';
import { now } from './clock';
import { layoutProperty, type SavedLayout } from './layout';

/** Rows found while planning (null = known to be absent): the look-ups a first run need not make again. */
export interface KnownRows {
  client?: number | null;
  payment?: number | null;
  receipt?: number | null;
  event?: number | null;
  booking?: number | null;
  /** Rows by tab and key, for plans that write several keys of a tab (a calendar sync's page). */
  byKey?: Partial<Record<KeyedTab, Record<string, number | null>>>;
  /** Filled by the run: the row of each invoice or credit note appended, by number. */
  documents?: Record<string, number>;
}

const KNOWN_TAB: Partial<Record<KeyedTab, 'client' | 'payment' | 'receipt' | 'event' | 'booking'>> = {
  clients: 'client',
  payments: 'payment',
  receipts: 'receipt',
  events: 'event',
  bookings: 'booking',
};

/**
 * Tabs that executions outside the script lock append to as well (a webhook that finds the lock busy
 * notes its event in `Événements`): their new rows are added with appendRow, the only atomic append. A
 * row placed by reading "the last keyed row" then writing after it could be taken by that other append.
 */
const SHARED_TABS: ReadonlySet<KeyedTab> = new Set<KeyedTab>(['events', 'outbox']);

/** What plan steps do outside Drive and the sheet, given by the use cases (app/bookings/effects.ts). */
export interface PlanEffects {
  /** Cancels the calendar event of a booking refused for lack of credit; true when it is gone (the row then takes `step.status`). */
  declineEvent(book: Workbook, step: DeclineStep): boolean;
}

/** Saves the plan, carries it out, then forgets it. */
export function runPlan(book: Workbook, plan: Plan, known: KnownRows, effects: PlanEffects): void {
  execute(book, plan, known, false, effects);
}

/**
 * Finishes a plan that a dead run left behind. Call first thing under the script lock. Returns true
 * when there was one. A plan that failed MAX_REPLAYS times is set aside instead, with one alert.
 */
export function resumePendingPlan(book: Workbook, effects: PlanEffects): boolean {
  const saved = loadPlan();
  if (!saved) return false;
  if (countReplay(saved.plan) > MAX_REPLAYS) {
    setAside(book, saved);
    return false;
  }
  execute(book, saved.plan, {}, true, effects);
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
  if (event) {
    const events = book.table('events');
    const cells: Row<'events'> = { Statut: EVENT_STATUS.setAside, Erreur: pending, 'Prochain essai': '' };
    const row = events.findRow('ID', event);
    if (row) events.update(row, cells);
    else events.appendOnly({ ...cells, ID: event });
  }
  const url = quarantine(saved, book.settings.folderId);
  forgetPlan();
  const message = book.text.planQuarantined(saved.plan.cause, event, MAX_REPLAYS, url);
  journal(book, 'error', message);
  queueAlert(book, book.text.planQuarantinedSubject, message);
}

/** The Stripe event a plan's cause names (`evt_…`, or `evt_…:re_…` for one refund of a charge event), '' for bookings and daily jobs. */
export function stripeEventOf(cause: string): string {
  return /^(evt_[A-Za-z0-9]+)(:|$)/.exec(cause)?.[1] ?? '';
}

/** One keyed row the plan writes: an existing row to update, or a new one. */
interface Target {
  tab: KeyedTab;
  key: string;
  /** The existing row, or null for a new one. */
  row: number | null;
  /** The new row's cells (createOnly, then values); null for an existing row. */
  create: Record<string, CellValue> | null;
  updates: Record<string, CellValue>;
}

/** `replay`: the plan's write-ahead copy is already saved (a run died while carrying it out). */
function execute(book: Workbook, plan: Plan, known: KnownRows, replay: boolean, effects: PlanEffects): void {
  const at = now();
  const steps = plan.steps.map((step, i) => (step.kind === 'mail' ? queuedMail(plan.cause, i, step, at) : step));
  const queuesMail = plan.steps.some((step) => step.kind === 'mail');
  // An installation older than `Envois` gets the tab with its first queued e-mail.
  if (queuesMail) outboxTable(book);
  const targets = lookUp(book, steps, known, replay);
  const newRows = placeNewRows(book, targets);

  const counters: Record<string, string> = {};
  for (const step of plan.steps) if (step.kind === 'setProperty') counters[step.key] = step.value;
  // The counters go with the copy: a run that dies after this call is finished by the replay, which writes the same numbers.
  // So does where each tab's keyed rows will end (gas/layout.ts): a run that dies before writing them leaves a
  // saved row whose key is not there, which the next read does not confirm.
  savePlan(replay ? null : plan, { ...counters, ...layoutProperty(lastKeyedAfter(book, newRows)) });

  for (const step of plan.steps) {
    if (step.kind === 'grantViewer' || step.kind === 'revokeAccess') applyDeliveryStep(book, step);
    if (step.kind === 'declineEvent' && effects.declineEvent(book, step)) {
      const target = targets.get(targetId('bookings', step.event)) ?? addTarget(book, targets, 'bookings', step.event, undefined);
      Object.assign(target.updates, { Statut: step.status, 'Mis à jour': now() });
    }
  }

  writeSheet(book, targets, newRows, known);
  if (queuesMail) book.mailQueued = true;
  forgetPlan();
}

const targetId = (tab: KeyedTab, key: string) => `${tab}\u0000${key}`;

function addTarget(book: Workbook, targets: Map<string, Target>, tab: KeyedTab, key: string, knownRow: number | null | undefined): Target {
  const table = book.table(tab) as unknown as Table<KeyedTab>;
  const row = knownRow !== undefined ? knownRow : table.findRow(KEY_HEADER[tab] as never, key);
  const target: Target = { tab, key, row, create: row ? null : {}, updates: {} };
  targets.set(targetId(tab, key), target);
  return target;
}

/**
 * Step 1: every row the plan writes, found or placed. An append whose key is already in its tab (a
 * replay; a download row is always checked) writes nothing; on a first run the ledger and invoices
 * need no look-up (their keys are new by construction).
 */
function lookUp(book: Workbook, steps: readonly Step[], known: KnownRows, replay: boolean): Map<string, Target> {
  const targets = new Map<string, Target>();
  const usedKnown = new Set<KeyedTab>();
  for (const step of steps) {
    if (step.kind !== 'append' && step.kind !== 'upsert') continue;
    const table = book.table(step.tab) as unknown as Table<KeyedTab>;
    const cells = (step.kind === 'append' ? step.record : step.values) as Record<string, CellValue | undefined>;
    const createOnly = (step.kind === 'upsert' ? step.createOnly : undefined) as Record<string, CellValue | undefined> | undefined;
    // A missing column stops the plan here, before anything is written.
    for (const header of [KEY_HEADER[step.tab], ...Object.keys(cells), ...Object.keys(createOnly ?? {})]) table.column(header as never);
    const id = targetId(step.tab, step.key);
    let target = targets.get(id);
    if (step.kind === 'append') {
      if (target) continue;
      const checked = replay || step.tab === 'downloads';
      target = addTarget(book, targets, step.tab, step.key, checked ? undefined : null);
      if (target.row) target.create = null;
      else Object.assign(target.create as object, defined(cells));
      // An existing row of an append is left as it is.
      if (target.row) target.row = -1;
      continue;
    }
    if (!target) {
      const name = KNOWN_TAB[step.tab];
      const byKey = known.byKey?.[step.tab];
      const knownRow = byKey && step.key in byKey ? byKey[step.key] : name && !usedKnown.has(step.tab) ? known[name] : undefined;
      usedKnown.add(step.tab);
      target = addTarget(book, targets, step.tab, step.key, knownRow);
      if (target.create) Object.assign(target.create, defined(createOnly ?? {}));
    }
    Object.assign(target.create ?? target.updates, defined(cells));
  }
  return targets;
}

function defined(cells: Record<string, CellValue | undefined>): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const [k, v] of Object.entries(cells)) if (v !== undefined) out[k] = v;
  return out;
}

interface NewRows {
  first: number;
  lastRow: number;
  targets: Target[];
}

/** Step 1, end: where each tab's new rows go (after its last keyed row), in plan order. */
function placeNewRows(book: Workbook, targets: Map<string, Target>): Map<KeyedTab, NewRows> {
  const placed = new Map<KeyedTab, NewRows>();
  for (const target of targets.values()) {
    if (target.row !== null) continue;
    let block = placed.get(target.tab);
    if (!block && SHARED_TABS.has(target.tab)) {
      block = { first: 0, lastRow: 0, targets: [] };
      placed.set(target.tab, block);
    }
    if (!block) {
      const table = book.table(target.tab) as unknown as Table<KeyedTab>;
      const { row, lastRow } = table.lastKeyedRow(KEY_HEADER[target.tab] as never);
      block = { first: row + 1, lastRow, targets: [] };
      placed.set(target.tab, block);
    }
    block.targets.push(target);
  }
  return placed;
}

/** A tab's last keyed row and last row with content once its new rows are written. */
function lastKeyedOf(book: Workbook, tab: KeyedTab, block: NewRows): LastKeyed {
  const row = block.first + block.targets.length - 1;
  const column = (book.table(tab) as unknown as Table<KeyedTab>).column(KEY_HEADER[tab] as never);
  return { row, key: block.targets[block.targets.length - 1].key, lastRow: Math.max(row, block.lastRow), column };
}

/** Where each tab's keyed rows end once the new rows are written (the tabs shared with unlocked runs excepted). */
function lastKeyedAfter(book: Workbook, newRows: Map<KeyedTab, NewRows>): SavedLayout {
  const layout: SavedLayout = {};
  for (const [tab, block] of newRows) {
    if (SHARED_TABS.has(tab) || block.targets.length === 0) continue;
    layout[tab] = lastKeyedOf(book, tab, block);
  }
  return layout;
}

/** Step 4: tab by tab in plan order, the inbox (`Événements`) last: a recorded event is a finished one. */
function writeSheet(book: Workbook, targets: Map<string, Target>, newRows: Map<KeyedTab, NewRows>, known: KnownRows): void {
  const tabs = [...new Set([...targets.values()].map((t) => t.tab))].sort((a, b) => Number(a === 'events') - Number(b === 'events'));
  for (const tab of tabs) {
    const table = book.table(tab) as unknown as Table<KeyedTab>;
    for (const target of targets.values()) {
      if (target.tab !== tab || target.row === null || target.row < 0) continue;
      if (Object.keys(target.updates).length) table.update(target.row, target.updates as Row<KeyedTab>);
    }
    const block = newRows.get(tab);
    if (!block) continue;
    const records = block.targets.map((t) => ({ ...t.create, ...t.updates, [KEY_HEADER[tab]]: t.key }) as Row<KeyedTab>);
    if (SHARED_TABS.has(tab)) for (const record of records) table.appendOnly(record);
    else {
      table.writeNewRows(block.first, records, block.lastRow);
      table.keyedRowsWritten(lastKeyedOf(book, tab, block));
    }
    if (tab === 'invoices' && known.documents) block.targets.forEach((t, i) => ((known.documents as Record<string, number>)[t.key] = block.first + i));
  }
}
