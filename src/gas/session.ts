// Who and where this execution runs (Session): the script's time zone, the person at the keyboard, and
// the account the script runs as.

/** The script's time zone (Europe/Paris for Carnet), in which dates are shown and days are cut. */
export function scriptTimeZone(): string {
  return Session.getScriptTimeZone();
}

/** The person running this (menu, sidebar), '' when Google does not say (a trigger, another domain). */
export function activeUserEmail(): string {
  return Session.getActiveUser().getEmail();
}

/** The account the script runs as: the owner, for triggers and the web app. */
export function effectiveUserEmail(): string {
  return Session.getEffectiveUser().getEmail();
}
