// google.script.run and google.script.host for pages served locally (sidebars, dialogs, the setup
// wizard), as Apps Script's client-side API has them (developers.google.com/apps-script/guides/html/reference/run,
// …/reference/host, guides/html/communication):
// - `google.script.run` has one method per public server function (a name ending in `_` is private
//   and absent, so calling it is a TypeError), plus withSuccessHandler / withFailureHandler /
//   withUserObject, each returning a new runner that keeps the other settings;
// - arguments: primitives, objects and arrays of them, or a form as the only argument; a Date, a
//   function or a DOM element makes the call fail at once ("Failed due to illegal value in property: …");
//   undefined in an array becomes null;
// - handlers run asynchronously: success(value, userObject), failure(error, userObject);
// - return values: a Date anywhere in the value makes the whole value null (what pages receive from
//   Apps Script; the guide lists Date among the illegal types), functions likewise;
// - a server error reaches the failure handler as an Error whose message is the server's
//   "Name: message" text (e.g. "Error: …", "Exception: …"), as Apps Script's V8 runtime prints it.
import type { Emulator } from '../emulator/src';
import { isDate } from '../emulator/src/runtime';

export type RunResult = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

/** Public server functions, as Apps Script lists them for google.script.run: top-level, not ending in `_`. */
export function publicFunctions(emu: Emulator): string[] {
  const services = emu.globals();
  const scope = emu.scope;
  return Object.keys(scope)
    .filter((k) => typeof scope[k] === 'function' && !(k in services) && !k.endsWith('_'))
    .sort();
}

/** Runs a server function for google.script.run, as the owner, and shapes the answer the page receives. */
export function runForPage(emu: Emulator, name: string, args: unknown): RunResult {
  if (!publicFunctions(emu).includes(name)) {
    return { ok: false, error: { name: 'TypeError', message: `TypeError: google.script.run.${name} is not a function` } };
  }
  if (!Array.isArray(args)) return { ok: false, error: { name: 'Error', message: 'Error: bad request: args must be an array' } };
  try {
    const value = emu.run(name, args, 'owner');
    return { ok: true, value: pageValue(value) };
  } catch (error) {
    return { ok: false, error: errorForPage(error) };
  }
}

function errorForPage(error: unknown): { name: string; message: string } {
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as { name?: unknown; message?: unknown };
    const name = typeof e.name === 'string' && e.name ? e.name : 'Error';
    return { name, message: `${name}: ${String(e.message)}` };
  }
  return { name: 'Error', message: String(error) };
}

/** The value as the page receives it: JSON-like; null when it holds a Date or a function. */
export function pageValue(value: unknown): unknown {
  if (value === undefined) return undefined;
  return hasIllegal(value, new Set()) ? null : JSON.parse(JSON.stringify(value) ?? 'null');
}

function hasIllegal(value: unknown, seen: Set<unknown>): boolean {
  if (isDate(value) || typeof value === 'function') return true;
  if (!value || typeof value !== 'object') return false;
  if (seen.has(value)) return true;
  seen.add(value);
  const inside = Object.values(value as Record<string, unknown>).some((v) => hasIllegal(v, seen));
  seen.delete(value);
  return inside;
}

/** The client script injected first in <head>: defines google.script.run / google.script.host. */
export function clientScript(functionNames: string[], runPath = '/run/'): string {
  const names = JSON.stringify(functionNames).replace(/</g, '\\u003c');
  return `<script>
(function () {
  var NAMES = ${names};
  var RUN = ${JSON.stringify(runPath)};
  function illegal(path) { throw new Error('Failed due to illegal value in property: ' + path); }
  function clean(value, path, seen) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') return isFinite(value) ? value : null;
    if (value === undefined) return undefined;
    if (typeof value === 'function' || value instanceof Date || (typeof Node !== 'undefined' && value instanceof Node)) illegal(path);
    if (typeof value !== 'object') illegal(path);
    if (seen.indexOf(value) >= 0) illegal(path);
    seen.push(value);
    var out;
    if (Array.isArray(value)) {
      out = value.map(function (v, i) { var c = clean(v, String(i), seen); return c === undefined ? null : c; });
    } else {
      out = {};
      Object.keys(value).forEach(function (k) { var c = clean(value[k], k, seen); if (c !== undefined) out[k] = c; });
    }
    seen.pop();
    return out;
  }
  function formObject(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) return;
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
      if (el.type === 'file' || el.type === 'submit' || el.type === 'button') return;
      var v = el.value;
      if (out.hasOwnProperty(el.name)) out[el.name] = [].concat(out[el.name], v); else out[el.name] = v;
    });
    return out;
  }
  function args(list) {
    if (list.length === 1 && typeof HTMLFormElement !== 'undefined' && list[0] instanceof HTMLFormElement) return [formObject(list[0])];
    return list.map(function (a, i) { var c = clean(a, String(i), []); return c === undefined ? null : c; });
  }
  function later(fn) { setTimeout(fn, 0); }
  function call(name, settings, list) {
    var body = JSON.stringify({ args: args(list) });
    fetch(RUN + encodeURIComponent(name), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (answer.ok) { if (settings.success) later(function () { settings.success(answer.value, settings.user); }); }
        else fail(answer.error);
      }, function (e) { fail({ name: 'NetworkError', message: 'NetworkError: Connection failure due to HTTP 0 (' + e.message + ')' }); });
    function fail(e) {
      var error = new Error(e.message);
      error.name = e.name;
      if (settings.failure) later(function () { settings.failure(error, settings.user); });
      else later(function () { throw error; });
    }
  }
  function runner(settings) {
    var r = {
      withSuccessHandler: function (fn) { return runner({ success: fn, failure: settings.failure, user: settings.user }); },
      withFailureHandler: function (fn) { return runner({ success: settings.success, failure: fn, user: settings.user }); },
      withUserObject: function (obj) { return runner({ success: settings.success, failure: settings.failure, user: obj }); }
    };
    NAMES.forEach(function (name) {
      r[name] = function () { call(name, settings, Array.prototype.slice.call(arguments)); };
    });
    return r;
  }
  var host = {
    closed: false,
    close: function () { host.closed = true; fetch('/ui-closed', { method: 'POST' }).catch(function () {}); if (window.parent !== window) window.parent.postMessage({ carnet: 'close' }, '*'); },
    setHeight: function () {},
    setWidth: function () {},
    editor: { focus: function () {} },
    origin: location.origin
  };
  window.google = window.google || {};
  window.google.script = { run: runner({}), host: host };
})();
</script>`;
}

/** The page's HTML with the client script first in <head> (a <head> is made when the page has none). */
export function injectClient(html: string, script: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + script + html.slice(head.index + head[0].length);
  const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
  if (htmlTag) return html.slice(0, htmlTag.index + htmlTag[0].length) + `<head>${script}</head>` + html.slice(htmlTag.index + htmlTag[0].length);
  return `<!DOCTYPE html><html><head>${script}</head><body>${html}</body></html>`;
}
