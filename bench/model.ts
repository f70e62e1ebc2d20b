// The bench's cost model, pure: what an execution's calls cost (round trips and handle calls per
// service, modeled wall time from latency.ts), its phases around the script lock, and a queue of
// deliveries contending for that lock (the burst).
import type { TracedCall } from '../emulator/src/runtime';
import { latencyOf, type Latency } from './latency';

export interface ServiceCost {
  calls: number;
  roundTrips: number;
  handles: number;
}

export interface ExecutionCost {
  functionName: string;
  byService: Map<string, ServiceCost>;
  /** Spreadsheet writes that rode along in a batch another write had opened. */
  batchedWrites: number;
  modeled: Latency;
}

/** Service name as the accounting keys start ('SpreadsheetApp', 'DocumentApp', 'Calendar', …). */
export function serviceOf(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}

export function costOf(calls: readonly TracedCall[], latency: (key: string) => Latency = latencyOf): ExecutionCost {
  const byService = new Map<string, ServiceCost>();
  let batchedWrites = 0;
  const modeled = { low: 0, high: 0 };
  for (const call of calls) {
    const service = serviceOf(call.key);
    const cost = byService.get(service) ?? { calls: 0, roundTrips: 0, handles: 0 };
    cost.calls++;
    if (call.cost === 'roundTrip') {
      cost.roundTrips++;
      const l = latency(call.key);
      modeled.low += l.low;
      modeled.high += l.high;
    } else {
      cost.handles++;
      if (call.cost === 'batched') batchedWrites++;
    }
    byService.set(service, cost);
  }
  return { functionName: calls[0]?.functionName ?? '', byService, batchedWrites, modeled };
}

/** The calls of each execution, in the order the executions started. */
export function byExecution(trace: readonly TracedCall[]): TracedCall[][] {
  const groups = new Map<number, TracedCall[]>();
  for (const call of trace) groups.set(call.execution, [...(groups.get(call.execution) ?? []), call]);
  return [...groups.values()];
}

const LOCK_TAKE = /^LockService\.Lock\.(tryLock|waitLock)$/;
const LOCK_RELEASE = 'LockService.Lock.releaseLock';
const DOCUMENTS = /^(DriveApp|Drive|DocumentApp|Docs|MailApp|GmailApp)\./;

/**
 * A delivery's calls cut around the script lock: before asking for it (lock request included),
 * under it until the first document/mail call (the records), the rest under it (documents and
 * e-mail, when made inline), and after releasing it.
 */
export interface Phases {
  beforeLock: TracedCall[];
  records: TracedCall[];
  documents: TracedCall[];
  afterLock: TracedCall[];
}

export function phasesOf(calls: readonly TracedCall[]): Phases {
  const take = calls.findIndex((c) => LOCK_TAKE.test(c.key));
  if (take < 0) return { beforeLock: [...calls], records: [], documents: [], afterLock: [] };
  const release = calls.findIndex((c, i) => i > take && c.key === LOCK_RELEASE);
  const end = release < 0 ? calls.length : release + 1;
  const under = calls.slice(take + 1, end);
  const firstDocument = under.findIndex((c) => DOCUMENTS.test(c.key));
  return {
    beforeLock: calls.slice(0, take + 1),
    records: firstDocument < 0 ? under : under.slice(0, firstDocument),
    documents: firstDocument < 0 ? [] : under.slice(firstDocument),
    afterLock: calls.slice(end),
  };
}

/** One delivery in the burst, durations in ms (one end of the modeled range). */
export interface DeliveryTimes {
  /** From arrival to the lock request (token, event re-fetched from Stripe). */
  beforeLock: number;
  /** Under the lock, until the records are written. */
  records: number;
  /** Under the lock after the records: documents and e-mail made inline (0 when a separate run makes them). */
  inlineDocuments: number;
  /** When the lock could not be had: the inbox row and the Journal line written without it. */
  busyTail: number;
}

export interface BurstOptions {
  arrivals: readonly number[];
  delivery: DeliveryTimes;
  /** How long the webhook waits for the lock (WEBHOOK_LOCK_MS). */
  lockTimeoutMs: number;
  /** When the backstop first runs (ms, same origin as arrivals), then every `backstopEveryMs`. */
  backstopAt: number;
  backstopEveryMs: number;
  /** The backstop starts no new event after this long in a run (WORK_BUDGET_MS); the rest wait for its next run. */
  backstopBudgetMs: number;
  /** What the backstop spends per event it applies (re-fetch + records + inline documents). */
  backstopPerEvent: number;
  /**
   * When documents are made by a separate run (one per payment): the delay before it starts, its
   * length, and whether it takes the script lock (then the runs queue behind each other); null when inline.
   */
  documentsRun: { delay: number; length: number; holdsLock: boolean } | null;
}

export interface BurstOutcome {
  /** Per delivery: when its payment was recorded and its invoice e-mailed, and whether the webhook got the lock. */
  payments: Array<{ arrival: number; recorded: number; mailed: number; viaBackstop: boolean }>;
  lastRecorded: number;
  lastMailed: number;
  leftToBackstop: number;
}

/**
 * The script lock as a FIFO queue ("others that would've run at the same time can now be made to wait
 * nicely in line for their turn", Apps Script team, googleappsdeveloper.blogspot.com/2011/10/
 * concurrency-and-google-apps-script.html; the order of waiters is otherwise undocumented): a delivery asks for it `beforeLock` ms after arriving and waits at
 * most `lockTimeoutMs`; the holder keeps it `records + inlineDocuments`. A delivery that times out
 * leaves its event to the backstop, which takes the lock at its next run and applies the events one
 * after the other, starting none after its work budget (the rest wait for its next run).
 */
export function simulateBurst(o: BurstOptions): BurstOutcome {
  const requests = o.arrivals.map((arrival, i) => ({ i, arrival, at: arrival + o.delivery.beforeLock })).sort((a, b) => a.at - b.at || a.i - b.i);
  const hold = o.delivery.records + o.delivery.inlineDocuments;
  const payments: BurstOutcome['payments'] = o.arrivals.map((arrival) => ({ arrival, recorded: NaN, mailed: NaN, viaBackstop: false }));
  const mailedAfter = (recorded: number, lockHeldUntil: number) => (o.documentsRun ? recorded + o.documentsRun.delay + o.documentsRun.length : lockHeldUntil);
  let lockFreeAt = -Infinity;
  const left: number[] = [];
  let lastFailure = -Infinity;
  for (const r of requests) {
    const start = Math.max(r.at, lockFreeAt);
    if (start - r.at > o.lockTimeoutMs) {
      left.push(r.i);
      lastFailure = Math.max(lastFailure, r.at + o.lockTimeoutMs + o.delivery.busyTail);
      continue;
    }
    lockFreeAt = start + hold;
    const recorded = start + o.delivery.records;
    payments[r.i] = { arrival: r.arrival, recorded, mailed: mailedAfter(recorded, lockFreeAt), viaBackstop: false };
  }
  let tick = o.backstopAt;
  while (tick < lastFailure) tick += o.backstopEveryMs;
  for (let next = 0; next < left.length; tick += o.backstopEveryMs) {
    const runStart = Math.max(tick, lockFreeAt);
    let t = runStart;
    // At least one event per run, whatever its length: a run never starts nothing.
    do {
      const i = left[next++];
      const recorded = t + o.backstopPerEvent - o.delivery.inlineDocuments;
      t += o.backstopPerEvent;
      payments[i] = { arrival: o.arrivals[i], recorded, mailed: mailedAfter(recorded, t), viaBackstop: true };
    } while (next < left.length && t - runStart < o.backstopBudgetMs);
    lockFreeAt = t;
  }
  if (o.documentsRun?.holdsLock) {
    // The documents runs wait for the lock as long as it takes, in the order they start.
    const run = o.documentsRun;
    const order = payments.map((p, i) => ({ i, at: p.recorded + run.delay })).sort((a, b) => a.at - b.at || a.i - b.i);
    let free = lockFreeAt;
    for (const { i, at } of order) {
      free = Math.max(at, free) + run.length;
      payments[i].mailed = free;
    }
  }
  const first = Math.min(...o.arrivals);
  return {
    payments,
    lastRecorded: Math.max(...payments.map((p) => p.recorded)) - first,
    lastMailed: Math.max(...payments.map((p) => p.mailed)) - first,
    leftToBackstop: left.length,
  };
}

/** Sums the modeled latency of some calls (one end of the range). */
export function modeledMs(calls: readonly TracedCall[], end: 'low' | 'mid' | 'high', latency: (key: string) => Latency = latencyOf): number {
  const of = (l: Latency) => (end === 'mid' ? (l.low + l.high) / 2 : l[end]);
  return calls.filter((c) => c.cost === 'roundTrip').reduce((sum, c) => sum + of(latency(c.key)), 0);
}
