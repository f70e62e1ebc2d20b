// The triggers setup() installs; their handlers are entry points of src/main.ts.

export interface TriggerContext {
  /** The calendar whose changes the booking trigger watches. */
  bookingCalendarId: string;
}

export interface TriggerSpec {
  handler: string;
  /** What the trigger watches, when it watches something (a calendar id): a trigger of the same handler on another source is replaced. */
  sourceId?(context: TriggerContext): string;
  install(context: TriggerContext): void;
}

export const BACKSTOP_HANDLER = 'carnetBackstop';
export const CALENDAR_HANDLER = 'carnetCalendarChanged';
export const DAILY_HANDLER = 'carnetDaily';

export const TRIGGERS: TriggerSpec[] = [
  {
    handler: BACKSTOP_HANDLER,
    install: () => ScriptApp.newTrigger(BACKSTOP_HANDLER).timeBased().everyMinutes(10).create(),
  },
  {
    handler: CALENDAR_HANDLER,
    sourceId: (context) => context.bookingCalendarId,
    install: (context) => ScriptApp.newTrigger(CALENDAR_HANDLER).forUserCalendar(context.bookingCalendarId).onEventUpdated().create(),
  },
  {
    handler: DAILY_HANDLER,
    install: () => ScriptApp.newTrigger(DAILY_HANDLER).timeBased().everyDays(1).atHour(6).create(),
  },
];
