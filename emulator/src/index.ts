// The emulated Apps Script project: every service on one Runtime, the built bundle loaded with
// gas-local into a context that holds only Apps Script's globals, executions, triggers, persistence.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Identity, Runtime } from './runtime';
import { SpreadsheetService } from './spreadsheet';
import { DriveService } from './drive';
import { DocumentService } from './documents';
import { docsAdvancedService } from './docsApi';
import { sheetsAdvancedService } from './sheetsApi';
import { MailService } from './mail';
import { CalendarService } from './calendar';
import { FakeStripe } from './stripe';
import { UrlFetchService } from './urlfetch';
import { PropertiesServiceEmu } from './properties';
import { CacheServiceEmu } from './cache';
import { LockServiceEmu } from './lock';
import { ScriptService } from './script';
import { UtilitiesService } from './utilities';
import { HtmlServices } from './html';
import { LoggerService } from './logger';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const gasLocal = require('gas-local') as { require(folder: string, globals: object): Record<string, unknown> };

export type RunAs = 'owner' | 'anonymous' | { email: string };

export interface EmulatorOptions {
  start?: Date | number;
  ownerEmail?: string;
}

export interface WebResponse {
  /** 302 when the script answered a POST with ContentService (Stripe counts that as a failed delivery). */
  status: 200 | 302;
  contentType: string;
  content: string;
  /** The HtmlOutput / TextOutput object the entry point returned. */
  output: unknown;
}

export interface TriggerFailure {
  handler: string;
  at: number;
  error: Error;
}

export class Emulator {
  readonly rt: Runtime;
  readonly spreadsheet: SpreadsheetService;
  readonly drive: DriveService;
  readonly documents: DocumentService;
  readonly mail: MailService;
  readonly calendar: CalendarService;
  readonly stripe: FakeStripe;
  readonly urlFetch: UrlFetchService;
  readonly properties: PropertiesServiceEmu;
  readonly cache: CacheServiceEmu;
  readonly lock: LockServiceEmu;
  readonly script: ScriptService;
  readonly utilities: UtilitiesService;
  readonly html: HtmlServices;
  readonly logger: LoggerService;
  /** Errors thrown by trigger runs (Apps Script would e-mail them to the owner). */
  readonly triggerFailures: TriggerFailure[] = [];
  private context: Record<string, unknown> | null = null;
  private readonly changedCalendars = new Set<string>();

  constructor(options: EmulatorOptions = {}) {
    const rt = new Runtime(options);
    this.rt = rt;
    this.spreadsheet = new SpreadsheetService(rt);
    this.drive = new DriveService(rt);
    this.documents = new DocumentService(rt, this.drive);
    this.mail = new MailService(rt);
    this.calendar = new CalendarService(rt);
    this.stripe = new FakeStripe(rt);
    this.urlFetch = new UrlFetchService(rt, this.stripe);
    this.properties = new PropertiesServiceEmu(rt);
    this.cache = new CacheServiceEmu(rt);
    this.lock = new LockServiceEmu(rt);
    this.script = new ScriptService(rt);
    this.utilities = new UtilitiesService(rt);
    this.html = new HtmlServices(rt);
    this.logger = new LoggerService(rt);
    rt.on('calendarChanged', (calendarId) => this.changedCalendars.add(String(calendarId)));
  }

  private services() {
    return [
      this.spreadsheet,
      this.drive,
      this.documents,
      this.mail,
      this.calendar,
      this.urlFetch,
      this.properties,
      this.cache,
      this.lock,
      this.script,
      this.utilities,
      this.html,
      this.logger,
    ];
  }

  /** The global object a script sees: Apps Script's services and the virtual clock's Date, nothing from Node. */
  globals(): Record<string, unknown> {
    const globals: Record<string, unknown> = { Date: this.rt.Date };
    for (const service of this.services()) Object.assign(globals, service.globals());
    globals.Docs = docsAdvancedService(this.rt, this.documents);
    globals.Sheets = sheetsAdvancedService(this.rt, this.spreadsheet);
    return globals;
  }

  /** Loads the built project (Code.js + HTML files) from `dir`, as Apps Script would run it. */
  loadBundle(dir = 'dist'): this {
    for (const file of readdirSync(dir)) {
      if (file.endsWith('.html')) this.rt.projectFiles.set(file.replace(/\.html$/, ''), readFileSync(join(dir, file), 'utf8'));
    }
    const globals = this.globals();
    // An advanced service exists only when the manifest enables it, as on Google.
    const enabled = new Set(advancedServices(dir));
    for (const symbol of ADVANCED_SERVICES) if (!enabled.has(symbol)) delete globals[symbol];
    this.context = gasLocal.require(dir, globals);
    this.html.bindScriptScope(this.context);
    return this;
  }

  /** The script's global scope (after loadBundle). */
  get scope(): Record<string, unknown> {
    if (!this.context) throw new Error('No bundle loaded: call loadBundle() first');
    return this.context;
  }

  /** Runs a global function of the bundle as one execution (its own lock ownership, 6-minute budget, identity). */
  run<T = unknown>(functionName: string, args: unknown[] = [], as: RunAs = 'owner'): T {
    const fn = this.scope[functionName];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${functionName}`);
    const identity: Identity = as === 'owner' ? { kind: 'owner' } : as === 'anonymous' ? { kind: 'anonymous' } : { kind: 'user', email: as.email };
    const execution = this.rt.beginExecution(identity, functionName);
    try {
      return fn(...args) as T;
    } finally {
      this.rt.endExecution(execution);
    }
  }

  /**
   * Two executions at once. The next execution of `functionName` to start is suspended just before
   * its `nth` call matching `target` (a service or method prefix, '*' for any call); `other` runs
   * there — typically another entry point, which runs to completion or to its own suspension — then
   * the first execution resumes with that call. Both see the same spreadsheet, properties, cache and
   * locks, and the virtual clock keeps running: a lock held by the suspended execution makes the
   * other's `tryLock` wait its whole timeout and answer false, and its `waitLock` wait and throw, as
   * when the holder keeps the lock that long on Google (lock.ts). `fired()` tells whether `other` ran.
   */
  interleave(functionName: string, at: { nth: number; target?: string }, other: () => void): { fired: () => boolean } {
    let suspended: number | undefined;
    let fired = false;
    this.rt.faults.add({
      target: at.target ?? '*',
      nth: at.nth,
      when: () => {
        const execution = this.rt.execution;
        if (!execution || execution.functionName !== functionName) return false;
        suspended ??= execution.id;
        return execution.id === suspended;
      },
      action: () => {
        fired = true;
        other();
      },
    });
    return { fired: () => fired };
  }

  /** A POST to the web app's /exec URL, as an anonymous visitor (Stripe). */
  post(query: Record<string, string>, body: string, contentType = 'application/json'): WebResponse {
    const e = webEvent(query, { contents: body, type: contentType, length: Buffer.byteLength(body), name: 'postData' });
    return this.webResponse(this.run('doPost', [e], 'anonymous'), true);
  }

  /** A GET of the web app's /exec URL, as an anonymous visitor unless told otherwise. */
  get(query: Record<string, string>, as: RunAs = 'anonymous'): WebResponse {
    return this.webResponse(this.run('doGet', [webEvent(query)], as), false);
  }

  private webResponse(output: unknown, isPost: boolean): WebResponse {
    const described = this.html.describeOutput(output);
    return { status: isPost && described.kind === 'content' ? 302 : 200, contentType: described.contentType, content: described.content, output };
  }

  /** Delivers a Stripe event to doPost the way Stripe's webhook does (body = the event JSON, token in the URL). */
  deliverWebhook(eventOrId: { id: string } | string, token?: string): WebResponse {
    const event = typeof eventOrId === 'string' ? this.stripe.getEvent(eventOrId) : eventOrId;
    const secret = token ?? this.properties.scriptStore().get('WEBHOOK_TOKEN') ?? '';
    return this.post({ token: secret }, JSON.stringify(event));
  }

  /**
   * The admin types a value in a cell: the cell changes as with setCell, then the script's simple
   * onEdit trigger runs, as in Sheets (developers.google.com/apps-script/guides/triggers#onedite).
   */
  edit(sheetName: string, a1: string, value: unknown): void {
    const old = this.spreadsheet.cell(sheetName, a1).value;
    this.spreadsheet.setCell(sheetName, a1, value);
    if (!this.context || typeof this.scope['onEdit'] !== 'function') return;
    const app = this.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const range = app.getActive().getSheetByName(sheetName)?.getRange(a1);
    try {
      this.run('onEdit', [{ authMode: 'LIMITED', range, source: app.getActive(), user: { getEmail: () => this.rt.ownerEmail }, value, oldValue: old }]);
    } catch (error) {
      this.triggerFailures.push({ handler: 'onEdit', at: this.rt.clock.now(), error: error as Error });
    }
  }

  /** Moves the virtual clock forward, firing every time-driven and calendar trigger that falls due, in order. */
  advance(ms: number): void {
    const target = this.rt.clock.now() + ms;
    this.fireCalendarTriggers();
    for (;;) {
      const due = this.script.takeDueTimeTriggers(target);
      if (!due) break;
      if (due.at > this.rt.clock.now()) this.rt.clock.set(due.at);
      this.fire(due.handler, due.event);
      this.fireCalendarTriggers();
    }
    if (target > this.rt.clock.now()) this.rt.clock.set(target);
  }

  /** Fires the calendar triggers of every calendar changed since the last call. */
  fireCalendarTriggers(): void {
    while (this.changedCalendars.size) {
      const [calendarId] = this.changedCalendars;
      this.changedCalendars.delete(calendarId);
      for (const t of this.script.calendarTriggers(calendarId)) this.fire(t.handler, t.event);
    }
  }

  private fire(handler: string, event: object): void {
    try {
      this.run(handler, [event]);
    } catch (error) {
      this.triggerFailures.push({ handler, at: this.rt.clock.now(), error: error as Error });
    }
  }

  /** Writes the whole state to a folder of JSON files (one per service). */
  save(dir: string): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'clock.json'), JSON.stringify({ now: this.rt.clock.now() }));
    for (const key of this.rt.stateKeys()) writeFileSync(join(dir, `${key}.json`), JSON.stringify(this.rt.saveState(key)));
  }

  /** Restores a state written by save(). */
  restore(dir: string): void {
    const clock = JSON.parse(readFileSync(join(dir, 'clock.json'), 'utf8')) as { now: number };
    this.rt.clock.set(Math.max(clock.now, this.rt.clock.now()));
    for (const key of this.rt.stateKeys()) {
      const file = join(dir, `${key}.json`);
      if (existsSync(file)) this.rt.loadState(key, JSON.parse(readFileSync(file, 'utf8')));
    }
  }
}

const ADVANCED_SERVICES = ['Calendar', 'Drive', 'Docs', 'Sheets'];

function advancedServices(dir: string): string[] {
  const file = join(dir, 'appsscript.json');
  if (!existsSync(file)) return [];
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: { enabledAdvancedServices?: Array<{ userSymbol: string }> } };
  return (manifest.dependencies?.enabledAdvancedServices ?? []).map((s) => s.userSymbol);
}

/** The doGet/doPost event object: parameter, parameters, queryString, pathInfo, contentLength, postData — no headers. */
function webEvent(query: Record<string, string>, postData?: { contents: string; type: string; length: number; name: string }) {
  const queryString = new URLSearchParams(query).toString();
  const parameters: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(query)) parameters[k] = [v];
  return {
    parameter: { ...query },
    parameters,
    queryString,
    pathInfo: undefined,
    contextPath: '',
    contentLength: postData ? postData.length : -1,
    ...(postData ? { postData } : {}),
  };
}

export { Runtime } from './runtime';
