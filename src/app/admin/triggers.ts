// The triggers setup() installs, and installing them; their handlers are entry points of src/main.ts.
import { deleteTrigger, installDaily, installEveryMinutes, installOnCalendarChange, projectTriggers } from '../../gas/triggers';
import { DAILY_HOUR } from '../credits/expiry';

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
    install: () => installEveryMinutes(BACKSTOP_HANDLER, 10),
  },
  {
    handler: CALENDAR_HANDLER,
    sourceId: (context) => context.bookingCalendarId,
    install: (context) => installOnCalendarChange(CALENDAR_HANDLER, context.bookingCalendarId),
  },
  {
    handler: DAILY_HANDLER,
    install: () => installDaily(DAILY_HANDLER, DAILY_HOUR),
  },
];

/** Installs the triggers that are missing (or watch another calendar); the handlers of those installed. Those already right are kept. */
export function installTriggers(context: TriggerContext): string[] {
  const existing = projectTriggers();
  const installed: string[] = [];
  for (const trigger of TRIGGERS) {
    const same = existing.filter((t) => t.getHandlerFunction() === trigger.handler);
    const source = trigger.sourceId?.(context);
    if (same.length && (source === undefined || same.some((t) => t.getTriggerSourceId() === source))) continue;
    // Watching another calendar now (the setting changed): the old trigger goes.
    for (const t of same) deleteTrigger(t);
    trigger.install(context);
    installed.push(trigger.handler);
  }
  return installed;
}
