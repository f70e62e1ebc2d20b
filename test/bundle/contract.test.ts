// The built artifact as Apps Script sees it: one global scope, no module system, no Node globals.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { Emulator } from '../../emulator/src';

const CODE = readFileSync('dist/Code.js', 'utf8');
const CONTRACT_ENTRY_POINTS = ['doPost', 'doGet', 'onOpen', 'setup'];
const NODE_ONLY_GLOBALS = ['require', 'process', 'Buffer', 'setTimeout', 'setInterval', 'fetch', 'TextEncoder', 'TextDecoder', '__dirname'];

describe('dist/Code.js', () => {
  test('a bare vm context shows every contract entry point as a top-level function', () => {
    const context = vm.createContext({});
    vm.runInContext(CODE, context);
    for (const name of CONTRACT_ENTRY_POINTS) expect(typeof context[name]).toBe('function');
  });

  test('has no import, export or require left', () => {
    expect(CODE).not.toMatch(/^\s*(import|export)\s/m);
    expect(CODE).not.toMatch(/\brequire\(/);
  });

  test('names no Node-only global (the bundle would throw ReferenceError on Apps Script)', () => {
    const context = vm.createContext({});
    vm.runInContext(CODE, context);
    const script = new vm.Script(CODE);
    expect(script).toBeDefined();
    for (const name of NODE_ONLY_GLOBALS) {
      // Identifier use, not text inside strings or comments: look for `name.` or `name(` outside quotes.
      const uses = CODE.split('\n').filter((line) => !line.trim().startsWith('//') && new RegExp(`(^|[^.\\w'"\`])${name}\\s*[.(]`).test(line));
      expect({ name, uses }).toEqual({ name, uses: [] });
    }
  });

  test('keeps helpers private: the only global functions are the entry points', () => {
    const context = vm.createContext({});
    vm.runInContext(CODE, context);
    const globals = Object.keys(context).filter((k) => typeof context[k] === 'function');
    const exported = [...CODE.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
    expect(globals.sort()).toEqual(exported.sort());
    expect(exported).toEqual(expect.arrayContaining(CONTRACT_ENTRY_POINTS));
  });
});

describe('dist/Code.js loaded with gas-local into the emulator', () => {
  test('the script scope holds Apps Script services and no Node global', () => {
    const emu = new Emulator().loadBundle('dist');
    for (const name of CONTRACT_ENTRY_POINTS) expect(typeof emu.scope[name]).toBe('function');
    for (const name of NODE_ONLY_GLOBALS) expect(vm.runInContext(`typeof ${name}`, emu.scope)).toBe('undefined');
    expect(vm.runInContext('typeof SpreadsheetApp', emu.scope)).toBe('object');
  });

  test.each([
    ['no body', undefined],
    ['an empty body', ''],
    ['a body that is not JSON', '<xml/>'],
    ['JSON without an id', '{"type":"checkout.session.completed"}'],
  ])('doPost with %s returns without throwing, before any setup', (_label, body) => {
    const emu = new Emulator().loadBundle('dist');
    const e =
      body === undefined
        ? { parameter: {}, parameters: {}, queryString: '', contentLength: -1 }
        : {
            parameter: { token: 'x' },
            parameters: { token: ['x'] },
            queryString: 'token=x',
            contentLength: body.length,
            postData: { contents: body, type: 'application/json', length: body.length, name: 'postData' },
          };
    expect(() => emu.run('doPost', [e], 'anonymous')).not.toThrow();
  });
});
