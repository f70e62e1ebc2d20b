// Wrappers for entry points that only the admin (or one of the project's own triggers) may run.
import { requireAdmin, requireAdminOrTrigger } from '../../gas/auth';

export function adminOnly<T>(work: () => T): T {
  requireAdmin();
  return work();
}

/** `handler` is the entry point's own name: only a trigger installed for it may run it. */
export function triggerOrAdmin<T>(event: unknown, handler: string, work: () => T): T {
  requireAdminOrTrigger(event, handler);
  return work();
}
