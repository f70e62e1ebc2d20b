// Logger and console (developers.google.com/apps-script/reference/base/logger, …/base/console):
// everything goes to a test-visible log, never to Node's console unless EMULATOR_VERBOSE is set.
import { conforms } from './conformance';
import { isDate, Runtime } from './runtime';
import { formatJavaDate, sprintf } from './utilities';

export type LogLevel = 'INFO' | 'DEBUG' | 'WARNING' | 'ERROR';

export interface LogEntry {
  level: LogLevel;
  message: string;
  at: number;
  /** The execution that logged it (0 outside any). */
  executionId: number;
  functionName: string;
}

/** How Logger.log prints a value: Java-like maps `{key=value}`, lists `[a, b]`, strings as is. */
function loggerText(value: unknown, rt: Runtime, depth = 0): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return String(value);
  if (isDate(value)) return formatJavaDate(value.getTime(), rt.timeZone, 'EEE MMM dd HH:mm:ss z yyyy');
  if (typeof value !== 'object') return String(value);
  if (depth > 4) return '…';
  if (Array.isArray(value)) return `[${value.map((v) => loggerText(v, rt, depth + 1)).join(', ')}]`;
  const o = value as Record<string, unknown>;
  if (typeof o.toString === 'function' && o.toString !== Object.prototype.toString && !Object.prototype.hasOwnProperty.call(o, 'toString')) {
    const own = String(o.toString());
    if (own !== '[object Object]') return own;
  }
  return `{${Object.entries(o)
    .map(([k, v]) => `${k}=${loggerText(v, rt, depth + 1)}`)
    .join(', ')}}`;
}

/** How console.* prints a value: strings as is, the rest as JSON where possible. */
function consoleText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error || (value && typeof value === 'object' && 'stack' in value && 'message' in value)) {
    const e = value as Error;
    return e.stack ?? `${e.name}: ${e.message}`;
  }
  if (isDate(value)) return value.toISOString();
  if (value && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function consoleFormat(args: unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  if (typeof first === 'string' && /%[sdifoOjc]/.test(first)) {
    let i = 0;
    const head = first.replace(/%([sdifoOjc%])/g, (m, c: string) => {
      if (c === '%') return '%';
      if (i >= rest.length) return m;
      const v = rest[i++];
      if (c === 'd' || c === 'i') return String(Math.trunc(Number(v)));
      if (c === 'f') return String(Number(v));
      if (c === 'c') return '';
      return c === 's' ? (typeof v === 'string' ? v : consoleText(v)) : consoleText(v);
    });
    return [head, ...rest.slice(i).map(consoleText)].join(' ');
  }
  return args.map(consoleText).join(' ');
}

export class FakeLogger {
  constructor(private readonly service: LoggerService) {}

  log(data: unknown, ...values: unknown[]): FakeLogger {
    this.service.rt.call('Logger', 'log');
    const rt = this.service.rt;
    const message =
      values.length && typeof data === 'string'
        ? sprintf(
            data,
            values.map((v) => (typeof v === 'object' && v !== null ? loggerText(v, rt) : v)),
          )
        : loggerText(data, rt);
    this.service.write('INFO', message, 'logger');
    return this;
  }

  /** This execution's Logger lines, each as "[yy-MM-dd HH:mm:ss:SSS z] message" (the legacy log format). */
  getLog(): string {
    this.service.rt.call('Logger', 'getLog');
    return this.service.currentLoggerLog();
  }

  clear(): void {
    this.service.rt.call('Logger', 'clear');
    this.service.clearLoggerLog();
  }
}

conforms<GoogleAppsScript.Base.Logger, FakeLogger, 'log' | 'getLog' | 'clear'>(true);

export class FakeConsole {
  private readonly timers = new Map<string, number>();
  constructor(private readonly service: LoggerService) {}
  private emit(method: string, level: LogLevel, args: unknown[]): void {
    this.service.rt.call('console', method);
    this.service.write(level, consoleFormat(args), 'console');
  }
  log(...args: unknown[]): void {
    this.emit('log', 'INFO', args);
  }
  info(...args: unknown[]): void {
    this.emit('info', 'INFO', args);
  }
  debug(...args: unknown[]): void {
    this.emit('debug', 'DEBUG', args);
  }
  warn(...args: unknown[]): void {
    this.emit('warn', 'WARNING', args);
  }
  error(...args: unknown[]): void {
    this.emit('error', 'ERROR', args);
  }
  time(label = 'default'): void {
    this.service.rt.call('console', 'time');
    this.timers.set(String(label), this.service.rt.clock.now());
  }
  timeEnd(label = 'default'): void {
    this.service.rt.call('console', 'timeEnd');
    const start = this.timers.get(String(label));
    if (start === undefined) return;
    this.timers.delete(String(label));
    this.service.write('INFO', `${label}: ${this.service.rt.clock.now() - start}ms`, 'console');
  }
}

/**
 * Test API: `lines()` every message logged so far (all executions, oldest first), `entries()` the same
 * with level, time and execution, `clear()`.
 */
export class LoggerService {
  private readonly all: Array<LogEntry & { source: 'logger' | 'console' }> = [];
  /** Logger.clear() hides earlier Logger lines of the current execution from getLog(). */
  private loggerClearedAt = 0;
  private readonly logger: FakeLogger;
  private readonly console: FakeConsole;

  constructor(readonly rt: Runtime) {
    rt.registerState('logger', this);
    this.logger = new FakeLogger(this);
    this.console = new FakeConsole(this);
  }

  globals(): Record<string, unknown> {
    return { Logger: this.logger, console: this.console };
  }

  /** Logs are not script state: nothing to save. */
  save(): unknown {
    return null;
  }

  load(_data: unknown): void {}

  write(level: LogLevel, message: string, source: 'logger' | 'console'): void {
    const execution = this.rt.execution;
    const entry = { level, message, at: this.rt.clock.now(), executionId: execution?.id ?? 0, functionName: execution?.functionName ?? '', source };
    this.all.push(entry);
    if (process.env.EMULATOR_VERBOSE) process.stdout.write(`[emulator ${level}] ${message}\n`);
  }

  currentLoggerLog(): string {
    const id = this.rt.execution?.id ?? 0;
    return this.all
      .filter((e, i) => e.source === 'logger' && e.executionId === id && i >= this.loggerClearedAt)
      .map((e) => `[${formatJavaDate(e.at, this.rt.timeZone, 'yy-MM-dd HH:mm:ss:SSS z')}] ${e.message}\n`)
      .join('');
  }

  clearLoggerLog(): void {
    this.loggerClearedAt = this.all.length;
  }

  lines(): string[] {
    return this.all.map((e) => e.message);
  }

  entries(): LogEntry[] {
    return this.all.map(({ source: _source, ...e }) => ({ ...e }));
  }

  clear(): void {
    this.all.length = 0;
    this.loggerClearedAt = 0;
  }
}
