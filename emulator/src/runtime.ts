// The shared core of the emulator: virtual clock, call accounting, fault injection, executions.
// Every emulated service method starts with `rt.call(service, method)`.
import { WriteBatcher, type ChargedCost } from './callCost';

export type Identity = { kind: 'owner' } | { kind: 'anonymous' } | { kind: 'user'; email: string };

/** Real Apps Script limit for one execution (developers.google.com/apps-script/guides/services/quotas). */
export const EXECUTION_BUDGET_MS = 6 * 60 * 1000;

export class VirtualClock {
  private ms: number;
  constructor(start: Date | number = Date.UTC(2026, 10, 21, 9, 0, 0)) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    if (ms < 0) throw new Error('The virtual clock never goes back');
    this.ms += ms;
  }
  set(ms: number): void {
    if (ms < this.ms) throw new Error('The virtual clock never goes back');
    this.ms = ms;
  }
}

/** A Date class whose `new Date()` and `Date.now()` read the virtual clock. */
export function clockedDate(clock: VirtualClock): DateConstructor {
  const RealDate = Date;
  class VirtualDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now());
      else super(...(args as [number]));
    }
    static override now(): number {
      return clock.now();
    }
  }
  return VirtualDate as unknown as DateConstructor;
}

export interface AccountingSnapshot {
  calls: Record<string, number>;
  /** Calls that cost a round trip (a batch of Spreadsheet writes counts once), by key. */
  roundTrips: Record<string, number>;
  cellsRead: number;
  cellsWritten: number;
}

/** One call as the trace keeps it: which execution made it and what it cost (callCost.ts). */
export interface TracedCall {
  key: string;
  cost: ChargedCost;
  execution: number;
  functionName: string;
  /** Virtual time of the call. */
  at: number;
}

export class Accounting {
  private calls = new Map<string, number>();
  private trips = new Map<string, number>();
  private readonly batcher = new WriteBatcher();
  cellsRead = 0;
  cellsWritten = 0;
  /** Every call since startTrace(), in order; null when not tracing (tests make millions of calls). */
  trace: TracedCall[] | null = null;

  count(service: string, method: string, execution?: { id: number; functionName: string }, at = 0): number {
    const key = `${service}.${method}`;
    const n = (this.calls.get(key) ?? 0) + 1;
    this.calls.set(key, n);
    const cost = this.batcher.charge(key, execution?.id ?? 0);
    if (cost === 'roundTrip') this.trips.set(key, (this.trips.get(key) ?? 0) + 1);
    this.trace?.push({ key, cost, execution: execution?.id ?? 0, functionName: execution?.functionName ?? '', at });
    return n;
  }
  /** Calls to one service (e.g. 'SpreadsheetApp'), or to one method ('SpreadsheetApp.Range.getValues'). */
  total(prefix?: string): number {
    return sumByPrefix(this.calls, prefix);
  }
  /** Round trips to one service or method: handle calls excluded, consecutive Spreadsheet writes counted once. */
  roundTrips(prefix?: string): number {
    return sumByPrefix(this.trips, prefix);
  }
  /** Calls that cost no round trip (handles, batched writes, in-process services). */
  handleCalls(prefix?: string): number {
    return this.total(prefix) - this.roundTrips(prefix);
  }
  /** An execution ended: its pending Spreadsheet batch is committed (already paid). */
  endExecution(id: number): void {
    this.batcher.end(id);
  }
  startTrace(): void {
    this.trace = [];
  }
  snapshot(): AccountingSnapshot {
    return { calls: Object.fromEntries(this.calls), roundTrips: Object.fromEntries(this.trips), cellsRead: this.cellsRead, cellsWritten: this.cellsWritten };
  }
  reset(): void {
    this.calls.clear();
    this.trips.clear();
    this.batcher.reset();
    if (this.trace) this.trace = [];
    this.cellsRead = 0;
    this.cellsWritten = 0;
  }
}

function sumByPrefix(counts: Map<string, number>, prefix?: string): number {
  let sum = 0;
  for (const [key, n] of counts) if (!prefix || key === prefix || key.startsWith(`${prefix}.`)) sum += n;
  return sum;
}

export interface FaultRule {
  /** 'UrlFetchApp', or 'UrlFetchApp.fetch' — matched as a prefix of `${service}.${method}`; '*' matches every call. */
  target: string;
  /** The n-th matching call (1-based, counted from when the rule is added) triggers it. */
  nth: number;
  /** How many consecutive matching calls trigger, from the n-th on (default 1; Infinity = the execution is dead from then on). */
  times?: number;
  /** Thrown as is (an Error or a message), or a function run before the call (to interleave another execution). */
  action: Error | string | (() => void);
  /** Only calls for which this returns true are matched (e.g. the calls of one execution). */
  when?: () => boolean;
}

export class Faults {
  private rules: Array<FaultRule & { seen: number; fired: number }> = [];
  /** Every call, in order, as `${service}.${method}`: lets a test kill a run at each call in turn. */
  readonly log: string[] = [];
  add(rule: FaultRule): void {
    this.rules.push({ ...rule, seen: 0, fired: 0 });
  }
  /** Shorthand: the n-th call matching `target` throws `error`. */
  failNth(target: string, nth: number, error: Error | string): void {
    this.add({ target, nth, action: error });
  }
  clear(): void {
    this.rules = [];
  }
  check(key: string): void {
    this.log.push(key);
    for (const rule of this.rules) {
      if (rule.target !== '*' && key !== rule.target && !key.startsWith(`${rule.target}.`)) continue;
      if (rule.when && !rule.when()) continue;
      rule.seen += 1;
      const times = rule.times ?? 1;
      if (rule.seen < rule.nth || rule.fired >= times) continue;
      rule.fired += 1;
      if (typeof rule.action === 'function') rule.action();
      else throw typeof rule.action === 'string' ? new Error(rule.action) : rule.action;
    }
  }
}

export class Execution {
  private static nextId = 1;
  readonly id: number;
  constructor(
    readonly identity: Identity,
    readonly startedAt: number,
    readonly functionName: string,
    readonly budgetMs: number = EXECUTION_BUDGET_MS,
  ) {
    this.id = Execution.nextId++;
  }
}

/** Simulated latency of one call, per service, in virtual milliseconds: makes the 6-minute budget real. */
export const DEFAULT_LATENCY_MS: Record<string, number> = {
  SpreadsheetApp: 20,
  DriveApp: 80,
  DocumentApp: 80,
  GmailApp: 150,
  MailApp: 150,
  CalendarApp: 60,
  Calendar: 60,
  Drive: 80,
  UrlFetchApp: 250,
};

export interface StatefulService {
  save(): unknown;
  load(data: unknown): void;
}

type Listener = (payload: unknown) => void;

export class Runtime {
  readonly clock: VirtualClock;
  readonly accounting = new Accounting();
  readonly faults = new Faults();
  readonly Date: DateConstructor;
  ownerEmail: string;
  timeZone = 'Europe/Paris';
  scriptId = 'carnet-emulated-script';
  webAppUrl = 'https://script.google.com/macros/s/carnet-emulated-deployment/exec';
  latencyMs: Record<string, number> = { ...DEFAULT_LATENCY_MS };
  /** HTML files of the loaded project (name without .html → content), for HtmlService. */
  readonly projectFiles = new Map<string, string>();
  private readonly executions: Execution[] = [];
  private readonly states = new Map<string, StatefulService>();
  private readonly listeners = new Map<string, Listener[]>();

  constructor(options: { start?: Date | number; ownerEmail?: string } = {}) {
    this.clock = new VirtualClock(options.start);
    this.Date = clockedDate(this.clock);
    this.ownerEmail = options.ownerEmail ?? 'prof@example.com';
  }

  /** Bookkeeping for every emulated method: count it, apply injected faults, enforce the execution budget, spend latency. */
  call(service: string, method: string): void {
    const execution = this.execution;
    this.accounting.count(service, method, execution, this.clock.now());
    this.faults.check(`${service}.${method}`);
    if (execution && this.clock.now() - execution.startedAt > execution.budgetMs) {
      throw new Error('Exceeded maximum execution time');
    }
    this.clock.advance(this.latencyMs[service] ?? 0);
  }

  get execution(): Execution | undefined {
    return this.executions[this.executions.length - 1];
  }

  /** The identity of the current execution; outside any execution (test set-up) the owner. */
  get identity(): Identity {
    return this.execution?.identity ?? { kind: 'owner' };
  }

  beginExecution(identity: Identity, functionName: string): Execution {
    const execution = new Execution(identity, this.clock.now(), functionName);
    this.executions.push(execution);
    this.emit('executionStarted', execution);
    return execution;
  }

  endExecution(execution: Execution): void {
    const i = this.executions.lastIndexOf(execution);
    if (i >= 0) this.executions.splice(i, 1);
    this.accounting.endExecution(execution.id);
    this.emit('executionEnded', execution);
  }

  newDate(ms: number): Date {
    return new this.Date(ms);
  }

  registerState(key: string, service: StatefulService): void {
    if (this.states.has(key)) throw new Error(`State "${key}" registered twice`);
    this.states.set(key, service);
  }

  stateKeys(): string[] {
    return [...this.states.keys()];
  }

  saveState(key: string): unknown {
    return encodeValue(this.states.get(key)?.save());
  }

  loadState(key: string, data: unknown): void {
    this.states.get(key)?.load(decodeValue(data));
  }

  on(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  emit(event: string, payload?: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}

/** True for a Date of any realm (the bundle runs in its own vm context). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** JSON-safe copy of a state value: Dates become {"$date": ms}, Uint8Arrays {"$bytes": base64}. */
export function encodeValue(value: unknown): unknown {
  if (isDate(value)) return { $date: value.getTime() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value instanceof Map) return { $map: [...value.entries()].map(([k, v]) => [k, encodeValue(v)]) };
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v)]));
  }
  return value;
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$date === 'number' && Object.keys(o).length === 1) return new Date(o.$date);
    if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return new Uint8Array(Buffer.from(o.$bytes, 'base64'));
    if (Array.isArray(o.$map) && Object.keys(o).length === 1) {
      return new Map((o.$map as Array<[unknown, unknown]>).map(([k, v]) => [k, decodeValue(v)]));
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decodeValue(v)]));
  }
  return value;
}
