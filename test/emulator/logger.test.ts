// Logger (developers.google.com/apps-script/reference/base/logger) and console (…/base/console).
import { FakeConsole, FakeLogger, LoggerService } from '../../emulator/src/logger';
import { Runtime } from '../../emulator/src/runtime';

function setup() {
  const rt = new Runtime({ start: Date.UTC(2026, 10, 21, 9, 0, 0) });
  const service = new LoggerService(rt);
  const g = service.globals();
  return { rt, service, Logger: g.Logger as FakeLogger, console: g.console as FakeConsole };
}

describe('Logger (reference: base/logger)', () => {
  test('log writes to the test-visible log and returns the Logger for chaining', () => {
    const { service, Logger } = setup();
    expect(Logger.log('hello')).toBe(Logger);
    expect(service.lines()).toEqual(['hello']);
  });

  test('log(format, values) fills %s placeholders', () => {
    const { service, Logger } = setup();
    Logger.log('%s paid %s €', 'ana@example.com', 30);
    expect(service.lines()).toEqual(['ana@example.com paid 30 €']);
  });

  test('an object is written like a Java map: {key=value}', () => {
    const { service, Logger } = setup();
    Logger.log({ key: 'value' });
    Logger.log([1, 'a']);
    expect(service.lines()).toEqual(['{key=value}', '[1, a]']);
  });

  test("getLog returns this execution's lines with a timestamp; clear empties it", () => {
    const { rt, Logger } = setup();
    const a = rt.beginExecution({ kind: 'owner' }, 'a');
    Logger.log('first');
    rt.endExecution(a);
    rt.beginExecution({ kind: 'owner' }, 'b');
    Logger.log('second');
    expect(Logger.getLog()).toBe('[26-11-21 10:00:00:000 CET] second\n');
    Logger.clear();
    expect(Logger.getLog()).toBe('');
  });

  test('never prints to the Node console unless EMULATOR_VERBOSE is set', () => {
    const { Logger, console: gasConsole } = setup();
    const write = jest.spyOn(process.stdout, 'write');
    const log = jest.spyOn(console, 'log');
    delete process.env.EMULATOR_VERBOSE;
    Logger.log('quiet');
    gasConsole.error('quiet too');
    expect(write).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    write.mockRestore();
    log.mockRestore();
  });
});

describe('console (reference: base/console)', () => {
  test('log, info, warn, error are recorded with their level', () => {
    const { service, console: gasConsole } = setup();
    gasConsole.log('a');
    gasConsole.info('b');
    gasConsole.warn('c');
    gasConsole.error('d');
    expect(service.entries().map((e) => [e.level, e.message])).toEqual([
      ['INFO', 'a'],
      ['INFO', 'b'],
      ['WARNING', 'c'],
      ['ERROR', 'd'],
    ]);
  });

  test('several arguments are joined; objects as JSON; %s substitution', () => {
    const { service, console: gasConsole } = setup();
    gasConsole.log('event', { id: 'evt_1' }, 3);
    gasConsole.log('%s has %d credits', 'Ana', 4);
    expect(service.lines()).toEqual(['event {"id":"evt_1"} 3', 'Ana has 4 credits']);
  });

  test('entries carry the execution that logged them', () => {
    const { rt, service, console: gasConsole } = setup();
    const e = rt.beginExecution({ kind: 'anonymous' }, 'doPost');
    gasConsole.log('in doPost');
    expect(service.entries()[0]).toMatchObject({ executionId: e.id, functionName: 'doPost' });
  });

  test('calls are counted', () => {
    const { rt, Logger, console: gasConsole } = setup();
    Logger.log('x');
    gasConsole.warn('y');
    expect(rt.accounting.total('Logger')).toBe(1);
    expect(rt.accounting.total('console')).toBe(1);
  });
});
