// ScriptApp (developers.google.com/apps-script/reference/script/script-app, …/clock-trigger-builder,
// guides/triggers/events) and Session (…/reference/base/session).
import { Runtime } from '../../emulator/src/runtime';
import { FakeScriptApp, FakeSession, MAX_TRIGGERS, ScriptService, TOO_MANY_TRIGGERS } from '../../emulator/src/script';
import { zonedTimeToUtc } from '../../emulator/src/utilities';

const START = Date.UTC(2026, 10, 21, 9, 0, 0); // Saturday 21 Nov 2026, 10:00 in Paris
const MIN = 60000;

function setup(start = START) {
  const rt = new Runtime({ start, ownerEmail: 'prof@example.com' });
  const service = new ScriptService(rt);
  const g = service.globals();
  return { rt, service, ScriptApp: g.ScriptApp as FakeScriptApp, Session: g.Session as FakeSession };
}

describe('triggers (reference: script-app#newTrigger, trigger)', () => {
  test('a time-based trigger is listed by getProjectTriggers with its handler, type and source', () => {
    const { ScriptApp } = setup();
    const created = ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create();
    const [t] = ScriptApp.getProjectTriggers();
    expect(t.getUniqueId()).toBe(created.getUniqueId());
    expect(t.getUniqueId()).toMatch(/^\d{15,}$/);
    expect(t.getHandlerFunction()).toBe('tick');
    expect(t.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(t.getTriggerSourceId()).toBeNull();
  });

  test('enum values print as their names but are not strings', () => {
    const { ScriptApp } = setup();
    ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    const type = ScriptApp.getProjectTriggers()[0].getEventType();
    expect(String(type)).toBe('CLOCK');
    expect(JSON.stringify({ type })).toBe('{"type":"CLOCK"}');
    expect(type === ('CLOCK' as unknown)).toBe(false);
  });

  test('everyMinutes accepts only 1, 5, 10, 15 or 30 — with the real message', () => {
    const { ScriptApp } = setup();
    for (const n of [1, 5, 10, 15, 30]) expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(n)).not.toThrow();
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(2)).toThrow(
      'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
    );
  });

  test('everyHours accepts only 1, 2, 4, 6, 8 or 12', () => {
    const { ScriptApp } = setup();
    expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(6)).not.toThrow();
    expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(3)).toThrow('The value you passed to everyHours was invalid.');
  });

  test('the 21st trigger fails: "This script has too many triggers. Triggers must be deleted from the script before more can be added."', () => {
    const { ScriptApp } = setup();
    for (let i = 0; i < MAX_TRIGGERS; i += 1) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('one-more').timeBased().everyHours(1).create()).toThrow(TOO_MANY_TRIGGERS);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(20);
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(() => ScriptApp.newTrigger('one-more').timeBased().everyHours(1).create()).not.toThrow();
  });

  test('deleteTrigger removes it from getProjectTriggers', () => {
    const { ScriptApp } = setup();
    ScriptApp.newTrigger('a').timeBased().everyMinutes(1).create();
    ScriptApp.newTrigger('b').timeBased().everyMinutes(1).create();
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['b']);
  });

  test('spreadsheet triggers: forSpreadsheet(ss).onOpen()/onEdit()/onChange()/onFormSubmit()', () => {
    const { ScriptApp, service } = setup();
    const ss = { getId: () => 'sheet-id-1' } as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    ScriptApp.newTrigger('open').forSpreadsheet(ss).onOpen().create();
    ScriptApp.newTrigger('edit').forSpreadsheet('sheet-id-1').onEdit().create();
    ScriptApp.newTrigger('change').forSpreadsheet(ss).onChange().create();
    ScriptApp.newTrigger('form').forSpreadsheet(ss).onFormSubmit().create();
    const triggers = ScriptApp.getProjectTriggers();
    expect(triggers.map((t) => String(t.getEventType()))).toEqual(['ON_OPEN', 'ON_EDIT', 'ON_CHANGE', 'ON_FORM_SUBMIT']);
    expect(triggers.every((t) => t.getTriggerSource() === ScriptApp.TriggerSource.SPREADSHEETS)).toBe(true);
    expect(triggers[0].getTriggerSourceId()).toBe('sheet-id-1');
    expect(ScriptApp.getUserTriggers(ss)).toHaveLength(4);
    expect(service.spreadsheetTriggers('ON_EDIT')).toEqual([{ handler: 'edit', sourceId: 'sheet-id-1', triggerUid: triggers[1].getUniqueId() }]);
  });

  test('calendar trigger: forUserCalendar(email).onEventUpdated(), event {authMode, calendarId, triggerUid}', () => {
    const { ScriptApp, service } = setup();
    const t = ScriptApp.newTrigger('onCalendar').forUserCalendar('prof@example.com').onEventUpdated().create();
    expect(t.getEventType()).toBe(ScriptApp.EventType.ON_EVENT_UPDATED);
    expect(t.getTriggerSource()).toBe(ScriptApp.TriggerSource.CALENDAR);
    expect(t.getTriggerSourceId()).toBe('prof@example.com');
    expect(service.calendarTriggers('prof@example.com')).toEqual([
      { handler: 'onCalendar', event: { authMode: ScriptApp.AuthMode.FULL, calendarId: 'prof@example.com', triggerUid: t.getUniqueId() } },
    ]);
    expect(service.calendarTriggers('other@example.com')).toEqual([]);
  });
});

describe('when clock triggers run (reference: clock-trigger-builder)', () => {
  test('everyMinutes(5) runs every 5 minutes from its creation', () => {
    const { ScriptApp, service } = setup();
    ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create();
    expect(service.takeDueTimeTriggers(START + 4 * MIN)).toBeNull();
    expect(service.takeDueTimeTriggers(START + 20 * MIN)?.at).toBe(START + 5 * MIN);
    expect(service.takeDueTimeTriggers(START + 20 * MIN)?.at).toBe(START + 10 * MIN);
  });

  test('runs missed while the clock jumped are skipped, not replayed', () => {
    const { rt, ScriptApp, service } = setup();
    ScriptApp.newTrigger('tick').timeBased().everyMinutes(1).create();
    rt.clock.advance(60 * MIN);
    expect(service.takeDueTimeTriggers(rt.clock.now())?.at).toBe(START + MIN);
    expect(service.takeDueTimeTriggers(rt.clock.now())).toBeNull();
    expect(service.takeDueTimeTriggers(rt.clock.now() + MIN)?.at).toBe(START + 61 * MIN);
  });

  test('everyDays(1).atHour(9) runs at 09:00 Paris time, across the summer-time change', () => {
    const start = Date.UTC(2026, 2, 27, 12, 0); // Friday 27 March 2026, 13:00 CET
    const { ScriptApp, service } = setup(start);
    ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(9).create();
    const runs = [1, 2, 3].map(() => service.takeDueTimeTriggers(start + 10 * 86400000)?.at);
    expect(runs).toEqual([
      Date.UTC(2026, 2, 28, 8, 0), // 09:00 CET
      Date.UTC(2026, 2, 29, 7, 0), // 09:00 CEST
      Date.UTC(2026, 2, 30, 7, 0),
    ]);
  });

  test('atHour(h).nearMinute(m) and inTimezone', () => {
    const { ScriptApp, service } = setup();
    ScriptApp.newTrigger('ny').timeBased().everyDays(1).atHour(6).nearMinute(30).inTimezone('America/New_York').create();
    expect(service.takeDueTimeTriggers(START + 2 * 86400000)?.at).toBe(zonedTimeToUtc('America/New_York', 2026, 11, 21, 6, 30));
  });

  test('everyHours(2) runs every two hours', () => {
    const { ScriptApp, service } = setup();
    ScriptApp.newTrigger('h').timeBased().everyHours(2).create();
    expect(service.takeDueTimeTriggers(START + 86400000)?.at).toBe(START + 2 * 60 * MIN);
  });

  test('everyWeeks(1).onWeekDay(MONDAY).atHour(8)', () => {
    const { ScriptApp, service } = setup();
    ScriptApp.newTrigger('w').timeBased().onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(8).create();
    const first = service.takeDueTimeTriggers(START + 30 * 86400000)?.at;
    const second = service.takeDueTimeTriggers(START + 30 * 86400000)?.at;
    expect(first).toBe(zonedTimeToUtc('Europe/Paris', 2026, 11, 23, 8, 0));
    expect(second).toBe(zonedTimeToUtc('Europe/Paris', 2026, 11, 30, 8, 0));
  });

  test('at(date) and after(ms) run once; the trigger stays listed after its run', () => {
    const { rt, ScriptApp, service } = setup();
    ScriptApp.newTrigger('once')
      .timeBased()
      .at(rt.newDate(START + 3 * MIN))
      .create();
    ScriptApp.newTrigger('later')
      .timeBased()
      .after(10 * MIN)
      .create();
    expect(service.takeDueTimeTriggers(START + 60 * MIN)).toMatchObject({ at: START + 3 * MIN, handler: 'once' });
    expect(service.takeDueTimeTriggers(START + 60 * MIN)).toMatchObject({ at: START + 10 * MIN, handler: 'later' });
    expect(service.takeDueTimeTriggers(START + 600 * MIN)).toBeNull();
    expect(ScriptApp.getProjectTriggers()).toHaveLength(2);
  });

  test('the time-driven event object has the documented fields (guides/triggers/events), in UTC', () => {
    const { ScriptApp, service } = setup();
    const t = ScriptApp.newTrigger('tick').timeBased().everyMinutes(30).create();
    const due = service.takeDueTimeTriggers(START + 30 * MIN);
    expect(due?.event).toEqual({
      authMode: ScriptApp.AuthMode.FULL,
      'day-of-month': 21,
      'day-of-week': 6,
      hour: 9,
      minute: 30,
      month: 11,
      second: 0,
      timezone: 'UTC',
      triggerUid: t.getUniqueId(),
      'week-of-year': 47,
      year: 2026,
    });
  });

  test('save() / load() round trip keeps triggers and their schedule', () => {
    const { service, ScriptApp } = setup();
    ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create();
    const saved = JSON.parse(JSON.stringify(service.save()));
    const other = setup();
    other.service.load(saved);
    expect(other.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['tick']);
    expect(other.service.takeDueTimeTriggers(START + 5 * MIN)?.at).toBe(START + 5 * MIN);
    const next = other.ScriptApp.newTrigger('x').timeBased().everyMinutes(1).create();
    expect(next.getUniqueId()).not.toBe(other.ScriptApp.getProjectTriggers()[0].getUniqueId());
  });
});

describe('other ScriptApp methods (reference: script-app)', () => {
  // getUrl() is reported to give the /dev test URL outside the web app's own executions (editor, menus,
  // some triggers): only doGet and doPost see the deployed /exec URL.
  test('getService().getUrl() is /exec in doGet/doPost, /dev elsewhere; getScriptId; getOAuthToken', () => {
    const { rt, ScriptApp } = setup();
    expect(ScriptApp.getService().getUrl()).toBe(rt.webAppUrl.replace(/\/exec$/, '/dev'));
    for (const entry of ['doGet', 'doPost']) {
      const web = rt.beginExecution({ kind: 'anonymous' }, entry);
      expect(ScriptApp.getService().getUrl()).toBe(rt.webAppUrl);
      rt.endExecution(web);
    }
    const menu = rt.beginExecution({ kind: 'owner' }, 'carnetMenuSetup');
    expect(ScriptApp.getService().getUrl()).toMatch(/\/dev$/);
    rt.endExecution(menu);
    expect(ScriptApp.getScriptId()).toBe(rt.scriptId);
    expect(ScriptApp.getOAuthToken()).toMatch(/^ya29\./);
  });

  test('requireScopes, requireAllScopes and invalidateAuth are accepted', () => {
    const { ScriptApp, service } = setup();
    ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, ['https://www.googleapis.com/auth/script.external_request']);
    ScriptApp.requireAllScopes(ScriptApp.AuthMode.FULL);
    ScriptApp.invalidateAuth();
    expect(service.authInvalidations).toBe(1);
  });
});

describe('Session (reference: base/session)', () => {
  test('getActiveUser: the owner sees their e-mail', () => {
    const { rt, Session } = setup();
    rt.beginExecution({ kind: 'owner' }, 'run');
    expect(Session.getActiveUser().getEmail()).toBe('prof@example.com');
  });

  test('getActiveUser: blank for an anonymous visitor and for another consumer user', () => {
    const { rt, Session } = setup();
    const a = rt.beginExecution({ kind: 'anonymous' }, 'doGet');
    expect(Session.getActiveUser().getEmail()).toBe('');
    rt.endExecution(a);
    rt.beginExecution({ kind: 'user', email: 'client@example.com' }, 'doGet');
    expect(Session.getActiveUser().getEmail()).toBe('');
  });

  test('getEffectiveUser is always the owner (the web app executes as the deploying user)', () => {
    const { rt, Session } = setup();
    rt.beginExecution({ kind: 'anonymous' }, 'doPost');
    expect(Session.getEffectiveUser().getEmail()).toBe('prof@example.com');
  });

  test('getScriptTimeZone and getActiveUserLocale', () => {
    const { Session } = setup();
    expect(Session.getScriptTimeZone()).toBe('Europe/Paris');
    expect(Session.getActiveUserLocale()).toBe('fr');
  });

  test('getTemporaryActiveUserKey is stable per identity and differs between identities', () => {
    const { rt, Session } = setup();
    const a = rt.beginExecution({ kind: 'user', email: 'a@example.com' }, 'x');
    const k1 = Session.getTemporaryActiveUserKey();
    rt.endExecution(a);
    const b = rt.beginExecution({ kind: 'user', email: 'a@example.com' }, 'y');
    expect(Session.getTemporaryActiveUserKey()).toBe(k1);
    rt.endExecution(b);
    rt.beginExecution({ kind: 'user', email: 'b@example.com' }, 'z');
    expect(Session.getTemporaryActiveUserKey()).not.toBe(k1);
  });
});
