// The triggers setup() installs; their handlers are entry points of src/main.ts.

export interface TriggerSpec {
  handler: string;
  install(): void;
}

export const BACKSTOP_HANDLER = 'carnetBackstop';

export const TRIGGERS: TriggerSpec[] = [
  {
    handler: BACKSTOP_HANDLER,
    install: () => ScriptApp.newTrigger(BACKSTOP_HANDLER).timeBased().everyMinutes(10).create(),
  },
];
