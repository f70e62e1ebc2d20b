// Who is calling. Every top-level function can be called with google.script.run from any page the web
// app serves to anonymous visitors, running as the owner (PLATFORM.md): each one checks its caller.
import { activeUserEmail, effectiveUserEmail } from './session';
import { projectTriggers } from './triggers';

export class NotAllowedError extends Error {}

/** The person running this is the account the script runs as (the owner at the spreadsheet, or an editor running it as themselves). */
export function isAdminCaller(): boolean {
  const active = activeUserEmail();
  return active !== '' && active === effectiveUserEmail();
}

/**
 * A trigger run carries the id of the project's trigger that started it, and that trigger calls this very
 * handler: an id learnt from another trigger (or guessed) does not open a job it does not run.
 */
export function isOwnTrigger(event: unknown, handler: string): boolean {
  const uid = (event as { triggerUid?: unknown } | null)?.triggerUid;
  if (typeof uid !== 'string' && typeof uid !== 'number') return false;
  if (String(uid).length > 64) return false;
  return projectTriggers().some((t) => t.getUniqueId() === String(uid) && t.getHandlerFunction() === handler);
}

export function requireAdmin(): void {
  if (!isAdminCaller()) throw new NotAllowedError('Accès refusé.');
}

export function requireAdminOrTrigger(event: unknown, handler: string): void {
  if (!isAdminCaller() && !isOwnTrigger(event, handler)) throw new NotAllowedError('Accès refusé.');
}
