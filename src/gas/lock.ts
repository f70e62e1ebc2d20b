// The script lock serialises every write of the inbox and the records it leads to.
import { scriptLockHeld } from './scriptProperties';

export type Locked<T> = { acquired: true; value: T } | { acquired: false };

export function withScriptLock<T>(timeoutMs: number, work: () => T): Locked<T> {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(timeoutMs)) return { acquired: false };
  // Script Properties read from now on are read under the lock (see scriptProperties.ts).
  scriptLockHeld(true);
  try {
    return { acquired: true, value: work() };
  } finally {
    scriptLockHeld(false);
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
