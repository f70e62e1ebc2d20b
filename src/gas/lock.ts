// The script lock serialises every write of the inbox and the records it leads to.
export type Locked<T> = { acquired: true; value: T } | { acquired: false };

export function withScriptLock<T>(timeoutMs: number, work: () => T): Locked<T> {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(timeoutMs)) return { acquired: false };
  try {
    return { acquired: true, value: work() };
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
