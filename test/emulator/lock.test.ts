// LockService (developers.google.com/apps-script/reference/lock/lock): ownership per execution,
// contention between nested executions, waitLock's timeout error.
import { FakeLockService, LOCK_TIMEOUT, LockServiceEmu } from '../../emulator/src/lock';
import { Runtime } from '../../emulator/src/runtime';

function setup() {
  const rt = new Runtime();
  const service = new LockServiceEmu(rt);
  const LockService = service.globals().LockService as FakeLockService;
  return { rt, service, LockService };
}

describe('Lock (reference: lock/lock)', () => {
  test('tryLock acquires a free lock and hasLock tells so', () => {
    const { rt, LockService } = setup();
    rt.beginExecution({ kind: 'owner' }, 'a');
    const lock = LockService.getScriptLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
  });

  test('the same execution may take the lock again (another Lock object included)', () => {
    const { rt, LockService } = setup();
    rt.beginExecution({ kind: 'owner' }, 'a');
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(() => LockService.getScriptLock().waitLock(0)).not.toThrow();
  });

  test('contention: a nested execution cannot get the lock; tryLock spends its timeout and returns false', () => {
    const { rt, service, LockService } = setup();
    const outer = rt.beginExecution({ kind: 'owner' }, 'outer');
    expect(LockService.getScriptLock().tryLock(10000)).toBe(true);
    const inner = rt.beginExecution({ kind: 'anonymous' }, 'doPost');
    const t0 = rt.clock.now();
    const lock = LockService.getScriptLock();
    expect(lock.tryLock(5000)).toBe(false);
    expect(rt.clock.now() - t0).toBe(5000);
    expect(lock.hasLock()).toBe(false);
    expect(service.scriptLockHolder()).toBe(outer.id);
    rt.endExecution(inner);
    rt.endExecution(outer);
  });

  test('waitLock times out with "Lock timeout: another process was holding the lock for too long."', () => {
    const { rt, LockService } = setup();
    rt.beginExecution({ kind: 'owner' }, 'outer');
    LockService.getScriptLock().waitLock(1000);
    rt.beginExecution({ kind: 'anonymous' }, 'inner');
    expect(() => LockService.getScriptLock().waitLock(30000)).toThrow(LOCK_TIMEOUT);
    expect(LOCK_TIMEOUT).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  test('a blocked wait counts toward the 6-minute budget of the waiting execution', () => {
    const { rt, LockService } = setup();
    rt.beginExecution({ kind: 'owner' }, 'outer');
    LockService.getScriptLock().waitLock(1000);
    rt.beginExecution({ kind: 'anonymous' }, 'inner');
    expect(LockService.getScriptLock().tryLock(361000)).toBe(false);
    expect(() => LockService.getScriptLock().tryLock(0)).toThrow('Exceeded maximum execution time');
  });

  test('the lock is released when its execution ends', () => {
    const { rt, service, LockService } = setup();
    const a = rt.beginExecution({ kind: 'owner' }, 'a');
    LockService.getScriptLock().waitLock(1000);
    rt.endExecution(a);
    expect(service.scriptLockHolder()).toBeNull();
    rt.beginExecution({ kind: 'owner' }, 'b');
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
  });

  test('releaseLock frees it for the next execution; releasing a lock one does not hold does nothing', () => {
    const { rt, service, LockService } = setup();
    const outer = rt.beginExecution({ kind: 'owner' }, 'outer');
    const lock = LockService.getScriptLock();
    lock.waitLock(1000);
    const inner = rt.beginExecution({ kind: 'owner' }, 'inner');
    LockService.getScriptLock().releaseLock();
    expect(service.scriptLockHolder()).toBe(outer.id);
    rt.endExecution(inner);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    rt.beginExecution({ kind: 'owner' }, 'next');
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
  });

  test('script, user and document locks are independent', () => {
    const { rt, LockService } = setup();
    rt.beginExecution({ kind: 'owner' }, 'outer');
    LockService.getScriptLock().waitLock(0);
    rt.beginExecution({ kind: 'owner' }, 'inner');
    expect(LockService.getDocumentLock().tryLock(0)).toBe(true);
    expect(LockService.getUserLock().tryLock(0)).toBe(true);
    expect(LockService.getScriptLock().tryLock(0)).toBe(false);
  });

  test('holdScriptLock() (test API): a phantom execution holds the lock until released', () => {
    const { rt, service, LockService } = setup();
    const release = service.holdScriptLock();
    expect(service.scriptLockHolder()).toBe('phantom');
    rt.beginExecution({ kind: 'anonymous' }, 'doPost');
    expect(LockService.getScriptLock().tryLock(100)).toBe(false);
    expect(service.waits).toHaveLength(1);
    release();
    expect(LockService.getScriptLock().tryLock(100)).toBe(true);
  });

  test('every method is a counted LockService call', () => {
    const { rt, LockService } = setup();
    const lock = LockService.getScriptLock();
    lock.tryLock(0);
    lock.releaseLock();
    expect(rt.accounting.total('LockService')).toBe(3);
  });
});
