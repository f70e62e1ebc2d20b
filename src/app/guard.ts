// Wrappers for entry points that only the admin (or one of the project's own triggers) may run.
import { requireAdmin, requireAdminOrTrigger } from '../gas/auth';

export function adminOnly<T>(work: () => T): T {
  requireAdmin();
  return work();
}

export function triggerOrAdmin<T>(event: unknown, work: () => T): T {
  requireAdminOrTrigger(event);
  return work();
}
