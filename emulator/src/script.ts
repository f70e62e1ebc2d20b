// ScriptApp and Session (developers.google.com/apps-script/reference/script/script-app,
// …/base/session): installable triggers with their real builders, limits and event objects.
import { conforms } from './conformance';
import type { Identity, Runtime } from './runtime';
import { isDate } from './runtime';
import { appsEnum, AppsEnumValue, enumName, signatureError, wallTime, zonedTimeToUtc } from './utilities';

export const AuthMode = appsEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
export const AuthorizationStatus = appsEnum(['REQUIRED', 'NOT_REQUIRED'] as const);
export const EventType = appsEnum(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED'] as const);
export const InstallationSource = appsEnum(['APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON'] as const);
export const TriggerSource = appsEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const);
export const WeekDay = appsEnum(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const);

/** "20 triggers per user per script" (developers.google.com/apps-script/guides/services/quotas). */
export const MAX_TRIGGERS = 20;
export const TOO_MANY_TRIGGERS = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
const EVERY_MINUTES = [1, 5, 10, 15, 30];
const EVERY_HOURS = [1, 2, 4, 6, 8, 12];

type EventTypeName = keyof typeof EventType;
type SourceName = keyof typeof TriggerSource;

/** When a clock trigger runs. Times are wall times in `timeZone`. */
export interface ClockSchedule {
  kind: 'once' | 'minutes' | 'hours' | 'days' | 'weeks' | 'monthDay';
  every: number;
  /** For 'once': the instant. For repeating ones: the reference instant (creation time). */
  at: number;
  hour: number | null;
  minute: number | null;
  /** ISO weekday 1 = Monday … 7 = Sunday, for 'weeks'. */
  weekDay: number | null;
  monthDay: number | null;
  timeZone: string;
}

export interface TriggerRecord {
  uid: string;
  handler: string;
  eventType: EventTypeName;
  source: SourceName;
  sourceId: string | null;
  /** The e-mail of the user who owns it (triggers are per user). */
  owner: string;
  createdAt: number;
  schedule: ClockSchedule | null;
  /** Next run of a clock trigger, null once a one-off trigger has run. */
  nextRun: number | null;
}

const MINUTE = 60000;
const HOUR = 60 * MINUTE;

/** The next run strictly after `after`, in exact times (Google adds jitter: we do not). */
export function nextOccurrence(s: ClockSchedule, after: number): number | null {
  switch (s.kind) {
    case 'once':
      return s.at > after ? s.at : null;
    case 'minutes':
    case 'hours': {
      const period = s.every * (s.kind === 'minutes' ? MINUTE : HOUR);
      let base = s.at;
      if (s.kind === 'hours' && s.minute !== null) {
        // nearMinute(m): runs at minute m of the hour.
        const w = wallTime(s.at, s.timeZone);
        base = s.at + ((s.minute - w.minute + 60) % 60) * MINUTE - w.second * 1000 - w.millisecond;
      }
      if (base > after) return base;
      const n = Math.floor((after - base) / period) + 1;
      return base + n * period;
    }
    case 'days':
    case 'weeks':
    case 'monthDay': {
      const w0 = wallTime(s.at, s.timeZone);
      const hour = s.hour ?? w0.hour;
      const minute = s.minute ?? (s.hour === null ? w0.minute : 0);
      // Walk calendar days in the trigger's zone (summer time changes keep the wall hour).
      const start = Date.UTC(w0.year, w0.month - 1, w0.day);
      for (let i = 0; i < 3660; i += 1) {
        const day = new Date(start + i * 86400000);
        const y = day.getUTCFullYear();
        const m = day.getUTCMonth() + 1;
        const d = day.getUTCDate();
        let matches: boolean;
        if (s.kind === 'days') matches = i % s.every === 0;
        else if (s.kind === 'weeks') {
          const target = s.weekDay ?? w0.isoWeekday;
          const firstOffset = (target - w0.isoWeekday + 7) % 7;
          matches = i >= firstOffset && (i - firstOffset) % (7 * s.every) === 0;
        } else matches = d === s.monthDay;
        if (!matches) continue;
        const t = zonedTimeToUtc(s.timeZone, y, m, d, hour, minute);
        if (t > after) return t;
      }
      return null;
    }
  }
}

/** The time-driven event object (developers.google.com/apps-script/guides/triggers/events#time-driven_events): fields in UTC. */
export function clockEvent(at: number, triggerUid: string): Record<string, unknown> {
  const w = wallTime(at, 'UTC');
  return {
    authMode: AuthMode.FULL,
    'day-of-month': w.day,
    'day-of-week': w.isoWeekday,
    hour: w.hour,
    minute: w.minute,
    month: w.month,
    second: w.second,
    timezone: 'UTC',
    triggerUid,
    'week-of-year': isoWeek(w.year, w.month, w.day, w.isoWeekday),
    year: w.year,
  };
}

/** ISO 8601 week number: the week holding the date's Thursday. */
function isoWeek(year: number, month: number, day: number, isoWeekday: number): number {
  const thursday = new Date(Date.UTC(year, month - 1, day) + (4 - isoWeekday) * 86400000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - jan1) / 86400000 / 7) + 1;
}

// ---------------------------------------------------------------- Trigger

export class FakeTrigger {
  constructor(
    private readonly service: ScriptService,
    readonly record: TriggerRecord,
  ) {}
  getUniqueId(): string {
    this.service.rt.call('ScriptApp', 'Trigger.getUniqueId');
    return this.record.uid;
  }
  getHandlerFunction(): string {
    this.service.rt.call('ScriptApp', 'Trigger.getHandlerFunction');
    return this.record.handler;
  }
  getEventType(): AppsEnumValue {
    this.service.rt.call('ScriptApp', 'Trigger.getEventType');
    return EventType[this.record.eventType];
  }
  getTriggerSource(): AppsEnumValue {
    this.service.rt.call('ScriptApp', 'Trigger.getTriggerSource');
    return TriggerSource[this.record.source];
  }
  /** The spreadsheet / calendar id; null for a clock trigger. */
  getTriggerSourceId(): string {
    this.service.rt.call('ScriptApp', 'Trigger.getTriggerSourceId');
    return this.record.sourceId as string;
  }
}

conforms<GoogleAppsScript.Script.Trigger, FakeTrigger, 'getUniqueId' | 'getHandlerFunction' | 'getEventType' | 'getTriggerSource' | 'getTriggerSourceId'>(true);

// ---------------------------------------------------------------- builders

type Draft = Omit<TriggerRecord, 'uid' | 'owner' | 'createdAt' | 'nextRun'>;

export class FakeClockTriggerBuilder {
  private kind: ClockSchedule['kind'] | null = null;
  private every = 1;
  private onceAt: number | null = null;
  private hour: number | null = null;
  private minute: number | null = null;
  private weekDay: number | null = null;
  private monthDay: number | null = null;
  private timeZone: string;

  constructor(
    private readonly service: ScriptService,
    private readonly handler: string,
  ) {
    this.timeZone = service.rt.timeZone;
  }

  private touch(method: string): void {
    this.service.rt.call('ScriptApp', `ClockTriggerBuilder.${method}`);
  }

  after(durationMilliseconds: number): FakeClockTriggerBuilder {
    this.touch('after');
    this.kind = 'once';
    this.onceAt = this.service.rt.clock.now() + Number(durationMilliseconds);
    return this;
  }

  at(date: GoogleAppsScript.Base.Date | Date): FakeClockTriggerBuilder {
    this.touch('at');
    if (!isDate(date)) throw signatureError('ScriptApp.ClockTriggerBuilder.at', [date]);
    this.kind = 'once';
    this.onceAt = date.getTime();
    return this;
  }

  /** Near midnight of that date (1-based month, as the reference's example `atDate(2013, 1, 1)` shows). */
  atDate(year: number, month: number, day: number): FakeClockTriggerBuilder {
    this.touch('atDate');
    this.kind = 'once';
    this.onceAt = zonedTimeToUtc(this.timeZone, year, month, day);
    return this;
  }

  atHour(hour: number): FakeClockTriggerBuilder {
    this.touch('atHour');
    this.hour = Number(hour);
    return this;
  }

  nearMinute(minute: number): FakeClockTriggerBuilder {
    this.touch('nearMinute');
    this.minute = Number(minute);
    return this;
  }

  everyMinutes(n: number): FakeClockTriggerBuilder {
    this.touch('everyMinutes');
    if (!EVERY_MINUTES.includes(Number(n))) {
      // Real message, seen in public execution logs.
      throw new Error('The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.');
    }
    this.kind = 'minutes';
    this.every = Number(n);
    return this;
  }

  everyHours(n: number): FakeClockTriggerBuilder {
    this.touch('everyHours');
    if (!EVERY_HOURS.includes(Number(n))) {
      // Same wording as everyMinutes' message (the accepted values 1, 2, 4, 6, 8, 12 are what public reports give).
      throw new Error('The value you passed to everyHours was invalid. It must be one of 1, 2, 4, 6, 8 or 12.');
    }
    this.kind = 'hours';
    this.every = Number(n);
    return this;
  }

  everyDays(n: number): FakeClockTriggerBuilder {
    this.touch('everyDays');
    this.kind = 'days';
    this.every = Math.max(1, Number(n));
    return this;
  }

  everyWeeks(n: number): FakeClockTriggerBuilder {
    this.touch('everyWeeks');
    this.kind = 'weeks';
    this.every = Math.max(1, Number(n));
    return this;
  }

  onWeekDay(day: unknown): FakeClockTriggerBuilder {
    this.touch('onWeekDay');
    const name = enumName(WeekDay, day);
    if (!name) throw signatureError('ScriptApp.ClockTriggerBuilder.onWeekDay', [day]);
    this.weekDay = WeekDay[name as keyof typeof WeekDay].ordinal() === 0 ? 7 : WeekDay[name as keyof typeof WeekDay].ordinal();
    if (this.kind !== 'weeks') {
      this.kind = 'weeks';
      this.every = 1;
    }
    return this;
  }

  onMonthDay(day: number): FakeClockTriggerBuilder {
    this.touch('onMonthDay');
    this.kind = 'monthDay';
    this.monthDay = Number(day);
    return this;
  }

  inTimezone(timezone: string): FakeClockTriggerBuilder {
    this.touch('inTimezone');
    this.timeZone = String(timezone);
    return this;
  }

  create(): FakeTrigger {
    this.touch('create');
    if (!this.kind) throw new Error('A time-based trigger needs a schedule (everyMinutes, everyHours, everyDays, at, after…).');
    const schedule: ClockSchedule = {
      kind: this.kind,
      every: this.every,
      at: this.onceAt ?? this.service.rt.clock.now(),
      hour: this.hour,
      minute: this.minute,
      weekDay: this.weekDay,
      monthDay: this.monthDay,
      timeZone: this.timeZone,
    };
    return this.service.install({ handler: this.handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, schedule });
  }
}

class EventBuilder {
  protected eventType: EventTypeName | null = null;
  constructor(
    protected readonly service: ScriptService,
    protected readonly className: string,
    protected readonly draft: Omit<Draft, 'eventType'>,
  ) {}
  protected choose(method: string, type: EventTypeName): void {
    this.service.rt.call('ScriptApp', `${this.className}.${method}`);
    this.eventType = type;
  }
  create(): FakeTrigger {
    this.service.rt.call('ScriptApp', `${this.className}.create`);
    if (!this.eventType) throw new Error(`Missing event type for ${this.className}.`);
    return this.service.install({ ...this.draft, eventType: this.eventType });
  }
}

export class FakeSpreadsheetTriggerBuilder extends EventBuilder {
  onOpen(): this {
    this.choose('onOpen', 'ON_OPEN');
    return this;
  }
  onEdit(): this {
    this.choose('onEdit', 'ON_EDIT');
    return this;
  }
  onChange(): this {
    this.choose('onChange', 'ON_CHANGE');
    return this;
  }
  onFormSubmit(): this {
    this.choose('onFormSubmit', 'ON_FORM_SUBMIT');
    return this;
  }
}

export class FakeCalendarTriggerBuilder extends EventBuilder {
  onEventUpdated(): this {
    this.choose('onEventUpdated', 'ON_EVENT_UPDATED');
    return this;
  }
}

export class FakeDocumentTriggerBuilder extends EventBuilder {
  onOpen(): this {
    this.choose('onOpen', 'ON_OPEN');
    return this;
  }
}

export class FakeFormTriggerBuilder extends EventBuilder {
  onOpen(): this {
    this.choose('onOpen', 'ON_OPEN');
    return this;
  }
  onFormSubmit(): this {
    this.choose('onFormSubmit', 'ON_FORM_SUBMIT');
    return this;
  }
}

/** The id of a Spreadsheet/Document/Form object, or the key string itself. */
function sourceKey(source: unknown, method: string): string {
  if (typeof source === 'string') return source;
  const s = source as { getId?: () => unknown } | null;
  if (s && typeof s.getId === 'function') return String(s.getId());
  throw signatureError(`ScriptApp.TriggerBuilder.${method}`, [source]);
}

export class FakeTriggerBuilder {
  constructor(
    private readonly service: ScriptService,
    private readonly handler: string,
  ) {}
  timeBased(): FakeClockTriggerBuilder {
    this.service.rt.call('ScriptApp', 'TriggerBuilder.timeBased');
    return new FakeClockTriggerBuilder(this.service, this.handler);
  }
  forSpreadsheet(sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string): FakeSpreadsheetTriggerBuilder {
    this.service.rt.call('ScriptApp', 'TriggerBuilder.forSpreadsheet');
    const draft = { handler: this.handler, source: 'SPREADSHEETS' as const, sourceId: sourceKey(sheet, 'forSpreadsheet'), schedule: null };
    return new FakeSpreadsheetTriggerBuilder(this.service, 'SpreadsheetTriggerBuilder', draft);
  }
  forUserCalendar(emailId: string): FakeCalendarTriggerBuilder {
    this.service.rt.call('ScriptApp', 'TriggerBuilder.forUserCalendar');
    const draft = { handler: this.handler, source: 'CALENDAR' as const, sourceId: String(emailId), schedule: null };
    return new FakeCalendarTriggerBuilder(this.service, 'CalendarTriggerBuilder', draft);
  }
  forDocument(document: GoogleAppsScript.Document.Document | string): FakeDocumentTriggerBuilder {
    this.service.rt.call('ScriptApp', 'TriggerBuilder.forDocument');
    const draft = { handler: this.handler, source: 'DOCUMENTS' as const, sourceId: sourceKey(document, 'forDocument'), schedule: null };
    return new FakeDocumentTriggerBuilder(this.service, 'DocumentTriggerBuilder', draft);
  }
  forForm(form: GoogleAppsScript.Forms.Form | string): FakeFormTriggerBuilder {
    this.service.rt.call('ScriptApp', 'TriggerBuilder.forForm');
    const draft = { handler: this.handler, source: 'FORMS' as const, sourceId: sourceKey(form, 'forForm'), schedule: null };
    return new FakeFormTriggerBuilder(this.service, 'FormTriggerBuilder', draft);
  }
}

conforms<GoogleAppsScript.Script.TriggerBuilder, FakeTriggerBuilder, 'timeBased' | 'forSpreadsheet' | 'forUserCalendar' | 'forDocument' | 'forForm'>(true);
conforms<
  GoogleAppsScript.Script.ClockTriggerBuilder,
  FakeClockTriggerBuilder,
  | 'after'
  | 'at'
  | 'atDate'
  | 'atHour'
  | 'nearMinute'
  | 'everyMinutes'
  | 'everyHours'
  | 'everyDays'
  | 'everyWeeks'
  | 'onWeekDay'
  | 'onMonthDay'
  | 'inTimezone'
  | 'create'
>(true);
conforms<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, FakeSpreadsheetTriggerBuilder, 'onOpen' | 'onEdit' | 'onChange' | 'onFormSubmit' | 'create'>(true);
conforms<GoogleAppsScript.Script.CalendarTriggerBuilder, FakeCalendarTriggerBuilder, 'onEventUpdated' | 'create'>(true);
conforms<GoogleAppsScript.Script.DocumentTriggerBuilder, FakeDocumentTriggerBuilder, 'onOpen' | 'create'>(true);
conforms<GoogleAppsScript.Script.FormTriggerBuilder, FakeFormTriggerBuilder, 'onOpen' | 'onFormSubmit' | 'create'>(true);

// ---------------------------------------------------------------- ScriptApp

export class FakeScriptApp {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly InstallationSource = InstallationSource;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;

  constructor(private readonly service: ScriptService) {}

  private touch(method: string): void {
    this.service.rt.call('ScriptApp', method);
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    this.touch('newTrigger');
    return new FakeTriggerBuilder(this.service, String(functionName));
  }

  /** The current user's triggers of this project (all of them are the owner's: the web app runs as the owner). */
  getProjectTriggers(): FakeTrigger[] {
    this.touch('getProjectTriggers');
    const me = this.service.effectiveUserEmail();
    return this.service
      .records()
      .filter((r) => r.owner === me)
      .map((r) => new FakeTrigger(this.service, r));
  }

  getUserTriggers(container: { getId(): string } | string): FakeTrigger[] {
    this.touch('getUserTriggers');
    const id = sourceKey(container, 'getUserTriggers');
    const me = this.service.effectiveUserEmail();
    return this.service
      .records()
      .filter((r) => r.owner === me && r.sourceId === id)
      .map((r) => new FakeTrigger(this.service, r));
  }

  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger | FakeTrigger): void {
    this.touch('deleteTrigger');
    if (!(trigger instanceof FakeTrigger)) throw signatureError('ScriptApp.deleteTrigger', [trigger]);
    this.service.remove(trigger.record.uid);
  }

  getService(): { getUrl(): string; isEnabled(): boolean } {
    this.touch('getService');
    const rt = this.service.rt;
    return {
      // The deployed /exec URL while the web app runs; elsewhere (editor, menu, triggers) the /dev test
      // URL, which only the owner and editors can open (reported in public threads; Carnet must not use it).
      getUrl: () => {
        rt.call('ScriptApp', 'Service.getUrl');
        const web = rt.execution && ['doGet', 'doPost'].includes(rt.execution.functionName);
        return web ? rt.webAppUrl : rt.webAppUrl.replace(/\/exec$/, '/dev');
      },
      isEnabled: () => {
        rt.call('ScriptApp', 'Service.isEnabled');
        return true;
      },
    };
  }

  getOAuthToken(): string {
    this.touch('getOAuthToken');
    return `ya29.emulated-${opaqueKey(this.service.rt.scriptId, this.service.effectiveUserEmail())}`;
  }

  getScriptId(): string {
    this.touch('getScriptId');
    return this.service.rt.scriptId;
  }

  getInstallationSource(): AppsEnumValue {
    this.touch('getInstallationSource');
    return InstallationSource.NONE;
  }

  getAuthorizationInfo(_authMode: unknown): { getAuthorizationStatus(): AppsEnumValue; getAuthorizationUrl(): string | null } {
    this.touch('getAuthorizationInfo');
    return { getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED, getAuthorizationUrl: () => null };
  }

  invalidateAuth(): void {
    this.touch('invalidateAuth');
    this.service.authInvalidations += 1;
  }

  requireScopes(_authMode: unknown, _oAuthScopes: string[]): void {
    this.touch('requireScopes');
  }

  requireAllScopes(_authMode: unknown): void {
    this.touch('requireAllScopes');
  }
}

conforms<
  GoogleAppsScript.Script.ScriptApp,
  FakeScriptApp,
  | 'newTrigger'
  | 'getProjectTriggers'
  | 'getUserTriggers'
  | 'deleteTrigger'
  | 'getService'
  | 'getOAuthToken'
  | 'getScriptId'
  | 'getInstallationSource'
  | 'getAuthorizationInfo'
  | 'invalidateAuth'
  | 'requireScopes'
  | 'requireAllScopes'
>(true);

// ---------------------------------------------------------------- Session

/** A short stable hash, for opaque per-identity strings. */
function opaqueKey(...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of parts.join('\u0000')) {
    const c = ch.codePointAt(0) ?? 0;
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 + c, 2246822519) >>> 0;
  }
  return h1.toString(36) + h2.toString(36);
}

export class FakeUser {
  constructor(
    private readonly rt: Runtime,
    private readonly email: string,
  ) {}
  getEmail(): string {
    this.rt.call('Session', 'User.getEmail');
    return this.email;
  }
}

export class FakeSession {
  constructor(private readonly service: ScriptService) {}

  /**
   * The owner's address when the owner runs the script; '' for an anonymous visitor and for any other
   * user of a consumer account ("If security policies do not allow access to the user's identity,
   * User.getEmail() returns a blank string", reference page of Session.getActiveUser).
   */
  getActiveUser(): FakeUser {
    this.service.rt.call('Session', 'getActiveUser');
    const identity = this.service.rt.identity;
    return new FakeUser(this.service.rt, identity.kind === 'owner' ? this.service.rt.ownerEmail : '');
  }

  /** The web app executes as the deploying user: always the owner. */
  getEffectiveUser(): FakeUser {
    this.service.rt.call('Session', 'getEffectiveUser');
    return new FakeUser(this.service.rt, this.service.effectiveUserEmail());
  }

  getScriptTimeZone(): string {
    this.service.rt.call('Session', 'getScriptTimeZone');
    return this.service.rt.timeZone;
  }

  getActiveUserLocale(): string {
    this.service.rt.call('Session', 'getActiveUserLocale');
    return this.service.locale;
  }

  /** Stable per identity (Google rotates it monthly; a virtual month is not modelled). */
  getTemporaryActiveUserKey(): string {
    this.service.rt.call('Session', 'getTemporaryActiveUserKey');
    return opaqueKey(this.service.rt.scriptId, identityKey(this.service.rt.identity));
  }
}

function identityKey(identity: Identity): string {
  return identity.kind === 'user' ? `user:${identity.email.toLowerCase()}` : identity.kind;
}

conforms<
  GoogleAppsScript.Base.Session,
  FakeSession,
  'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey'
>(true);
conforms<GoogleAppsScript.Base.User, FakeUser, 'getEmail'>(true);

// ---------------------------------------------------------------- the service

interface SavedScript {
  triggers: TriggerRecord[];
  nextUid: number;
}

/**
 * Test API:
 * - `triggers(): TriggerRecord[]` copies of every installed trigger (handler, eventType, source, nextRun…);
 * - `takeDueTimeTriggers(until)` / `calendarTriggers(calendarId)` used by Emulator.advance();
 * - `spreadsheetTriggers(eventType)` handlers and events of ON_OPEN / ON_EDIT / ON_CHANGE / ON_FORM_SUBMIT triggers;
 * - `locale` (default 'fr'), `authInvalidations` (count of ScriptApp.invalidateAuth calls).
 */
export class ScriptService {
  readonly scriptApp: FakeScriptApp;
  readonly session: FakeSession;
  locale = 'fr';
  authInvalidations = 0;
  private list: TriggerRecord[] = [];
  private nextUid = 1;

  constructor(readonly rt: Runtime) {
    rt.registerState('script', this);
    this.scriptApp = new FakeScriptApp(this);
    this.session = new FakeSession(this);
  }

  globals(): Record<string, unknown> {
    return { ScriptApp: this.scriptApp, Session: this.session };
  }

  save(): unknown {
    return { triggers: this.list.map((t) => structuredClone(t)), nextUid: this.nextUid } satisfies SavedScript;
  }

  load(data: unknown): void {
    const saved = data as SavedScript | null;
    this.list = saved?.triggers ? saved.triggers.map((t) => structuredClone(t)) : [];
    this.nextUid = saved?.nextUid ?? 1;
  }

  effectiveUserEmail(): string {
    return this.rt.ownerEmail;
  }

  records(): TriggerRecord[] {
    return this.list;
  }

  /** Copies of every installed trigger. */
  triggers(): TriggerRecord[] {
    return this.list.map((t) => structuredClone(t));
  }

  install(draft: Draft): FakeTrigger {
    const owner = this.effectiveUserEmail();
    if (this.list.filter((t) => t.owner === owner).length >= MAX_TRIGGERS) throw new Error(TOO_MANY_TRIGGERS);
    // Unique ids look like Google's: long decimal strings.
    const uid = (4034124084959907503n + BigInt(this.nextUid) * 7919n).toString();
    this.nextUid += 1;
    const now = this.rt.clock.now();
    const record: TriggerRecord = { ...draft, uid, owner, createdAt: now, nextRun: null };
    if (record.schedule) record.nextRun = nextOccurrence(record.schedule, record.schedule.kind === 'once' ? -Infinity : now);
    this.list.push(record);
    return new FakeTrigger(this, record);
  }

  remove(uid: string): void {
    this.list = this.list.filter((t) => t.uid !== uid);
  }

  /**
   * The earliest clock trigger due at or before `until`. Consuming it schedules its next run after
   * both its due time and now: runs missed while the clock jumped are skipped, as Apps Script skips them.
   */
  takeDueTimeTriggers(until: number): { at: number; handler: string; event: object } | null {
    let due: TriggerRecord | null = null;
    for (const t of this.list) {
      if (t.nextRun === null || t.nextRun > until) continue;
      if (!due || t.nextRun < (due.nextRun as number)) due = t;
    }
    if (!due || due.nextRun === null || !due.schedule) return null;
    const at = due.nextRun;
    due.nextRun = nextOccurrence(due.schedule, Math.max(at, this.rt.clock.now()));
    return { at, handler: due.handler, event: clockEvent(at, due.uid) };
  }

  /** Calendar triggers watching `calendarId` (its owner's e-mail for a default calendar), with their events. */
  calendarTriggers(calendarId: string): Array<{ handler: string; event: object }> {
    return this.list
      .filter((t) => t.eventType === 'ON_EVENT_UPDATED' && t.sourceId?.toLowerCase() === calendarId.toLowerCase())
      .map((t) => ({ handler: t.handler, event: { authMode: AuthMode.FULL, calendarId, triggerUid: t.uid } }));
  }

  /** Installable spreadsheet triggers of one kind, for a test to fire them. */
  spreadsheetTriggers(
    eventType: 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT',
  ): Array<{ handler: string; sourceId: string | null; triggerUid: string }> {
    return this.list
      .filter((t) => t.source === 'SPREADSHEETS' && t.eventType === eventType)
      .map((t) => ({ handler: t.handler, sourceId: t.sourceId, triggerUid: t.uid }));
  }
}
