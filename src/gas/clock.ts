// Time as the business sees it: calendar dates in the script's time zone (Europe/Paris).
export function now(): Date {
  return new Date();
}

export function isoDay(date: Date): string {
  return Utilities.formatDate(date, Session.getScriptTimeZone(), 'yyyy-MM-dd');
}
