// LockService (developers.google.com/apps-script/reference/lock/lock): a lock belongs to one
// EXECUTION, is re-entrant for it, and is released when that execution ends. `tryLock(ms)` "attempts
// to acquire the lock, timing out after the provided number of milliseconds" (false), `waitLock(ms)`
// times out "with an exception". Executions here are synchronous and may be interleaved
// (`Emulator.interleave`): while a suspended execution holds a lock, the running one cannot make it
// progress, so a blocked tryLock/waitLock spends its whole timeout on the virtual clock and fails —
// the holder kept the lock longer than the timeout.
import { conforms } from './conformance';
import type { Execution, Runtime } from './runtime';

/** Real message of waitLock's timeout, as scripts log it. */
export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** Who holds a lock: an execution id, 0 for code run outside any execution (test set-up), or a phantom. */
type Holder = number | 'phantom';

export class FakeLock {
  constructor(
    private readonly service: LockServiceEmu,
    private readonly key: string,
  ) {}

  private touch(method: string): void {
    this.service.rt.call('LockService', `Lock.${method}`);
  }

  tryLock(timeoutInMillis: number): boolean {
    this.touch('tryLock');
    return this.service.acquire(this.key, Number(timeoutInMillis));
  }

  waitLock(timeoutInMillis: number): void {
    this.touch('waitLock');
    if (!this.service.acquire(this.key, Number(timeoutInMillis))) throw new Error(LOCK_TIMEOUT);
  }

  /** True when the current execution holds this lock. */
  hasLock(): boolean {
    this.touch('hasLock');
    return this.service.holder(this.key) === this.service.currentHolder();
  }

  releaseLock(): void {
    this.touch('releaseLock');
    if (this.service.holder(this.key) === this.service.currentHolder()) this.service.release(this.key);
  }
}

conforms<GoogleAppsScript.Lock.Lock, FakeLock, 'tryLock' | 'waitLock' | 'hasLock' | 'releaseLock'>(true);

export class FakeLockService {
  constructor(private readonly service: LockServiceEmu) {}
  getScriptLock(): FakeLock {
    this.service.rt.call('LockService', 'getScriptLock');
    return new FakeLock(this.service, 'script');
  }
  /** Per effective user: the owner, since the web app executes as the owner. */
  getUserLock(): FakeLock {
    this.service.rt.call('LockService', 'getUserLock');
    return new FakeLock(this.service, `user:${this.service.rt.ownerEmail.toLowerCase()}`);
  }
  /** The script is bound to one spreadsheet: one document lock. */
  getDocumentLock(): FakeLock {
    this.service.rt.call('LockService', 'getDocumentLock');
    return new FakeLock(this.service, 'document');
  }
}

conforms<GoogleAppsScript.Lock.LockService, FakeLockService, 'getScriptLock' | 'getUserLock' | 'getDocumentLock'>(true);

/**
 * Test API:
 * - `holdScriptLock(): () => void` a phantom execution holds the script lock until the returned release is called;
 * - `scriptLockHolder(): number | 'phantom' | null` the id of the execution holding the script lock;
 * - `holderOf(key)` for 'script', 'document' or 'user:<email>';
 * - `waits` every blocked acquisition: `{ key, timeoutMs, at }`.
 */
export class LockServiceEmu {
  private readonly held = new Map<string, Holder>();
  readonly waits: Array<{ key: string; timeoutMs: number; at: number }> = [];
  private readonly api: FakeLockService;

  constructor(readonly rt: Runtime) {
    rt.registerState('lock', this);
    this.api = new FakeLockService(this);
    rt.on('executionEnded', (execution) => this.releaseAllOf((execution as Execution).id));
  }

  globals(): Record<string, unknown> {
    return { LockService: this.api };
  }

  /** Locks do not outlive executions: nothing to save. */
  save(): unknown {
    return null;
  }

  load(_data: unknown): void {
    this.held.clear();
  }

  currentHolder(): number {
    return this.rt.execution?.id ?? 0;
  }

  holder(key: string): Holder | null {
    return this.held.get(key) ?? null;
  }

  holderOf(key: string): Holder | null {
    return this.holder(key);
  }

  scriptLockHolder(): Holder | null {
    return this.holder('script');
  }

  acquire(key: string, timeoutMs: number): boolean {
    const me = this.currentHolder();
    const current = this.held.get(key);
    if (current === undefined || current === me) {
      this.held.set(key, me);
      return true;
    }
    // The holder cannot run while this synchronous call waits: the whole timeout passes, then failure.
    const wait = Math.max(0, Number.isFinite(timeoutMs) ? timeoutMs : 0);
    this.waits.push({ key, timeoutMs: wait, at: this.rt.clock.now() });
    this.rt.clock.advance(wait);
    return false;
  }

  release(key: string): void {
    this.held.delete(key);
  }

  holdScriptLock(): () => void {
    if (this.held.has('script')) throw new Error(`The script lock is already held by ${String(this.held.get('script'))}`);
    this.held.set('script', 'phantom');
    return () => {
      if (this.held.get('script') === 'phantom') this.held.delete('script');
    };
  }

  private releaseAllOf(executionId: number): void {
    for (const [key, holder] of this.held) if (holder === executionId) this.held.delete(key);
  }
}
