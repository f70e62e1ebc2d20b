// The project's installable triggers (ScriptApp): listed, made, deleted. Each runs an entry point of src/main.ts.

export type Trigger = GoogleAppsScript.Script.Trigger;

export function projectTriggers(): Trigger[] {
  return ScriptApp.getProjectTriggers();
}

export function deleteTrigger(trigger: Trigger): void {
  ScriptApp.deleteTrigger(trigger);
}

export function installEveryMinutes(handler: string, minutes: number): void {
  ScriptApp.newTrigger(handler).timeBased().everyMinutes(minutes).create();
}

/** Once a day, between `hour` and `hour + 1` in the script's time zone. */
export function installDaily(handler: string, hour: number): void {
  ScriptApp.newTrigger(handler).timeBased().everyDays(1).atHour(hour).create();
}

/** On any change of an event of this calendar. */
export function installOnCalendarChange(handler: string, calendarId: string): void {
  ScriptApp.newTrigger(handler).forUserCalendar(calendarId).onEventUpdated().create();
}

/** Once, about `delayMs` from now. */
export function installOnceAfter(handler: string, delayMs: number): void {
  ScriptApp.newTrigger(handler).timeBased().after(delayMs).create();
}
