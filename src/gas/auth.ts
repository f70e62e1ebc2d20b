// Who is calling. Every top-level function can be called with google.script.run from any page the web
// app serves to anonymous visitors, running as the owner (PLATFORM.md): each one checks its caller.

export class NotAllowedError extends Error {}

/** The person running this is the account the script runs as (the owner at the spreadsheet, or an editor running it as themselves). */
export function isAdminCaller(): boolean {
  const active = Session.getActiveUser().getEmail();
  return active !== '' && active === Session.getEffectiveUser().getEmail();
}

/** A trigger run carries the id of one of this project's triggers; an anonymous caller cannot produce one. */
export function isOwnTrigger(event: unknown): boolean {
  const uid = (event as { triggerUid?: unknown } | null)?.triggerUid;
  if (typeof uid !== 'string' && typeof uid !== 'number') return false;
  return ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === String(uid));
}

export function requireAdmin(): void {
  if (!isAdminCaller()) throw new NotAllowedError('Accès refusé.');
}

export function requireAdminOrTrigger(event: unknown): void {
  if (!isAdminCaller() && !isOwnTrigger(event)) throw new NotAllowedError('Accès refusé.');
}
