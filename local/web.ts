// /exec: the web app's doGet/doPost event as Apps Script builds it (developers.google.com/apps-script/guides/web):
// `parameter` (first value of each name), `parameters` (all values), `queryString`, `pathInfo` (after
// /exec/), `contextPath` (''), `contentLength` (-1 without a body) and, for a POST, `postData`
// { contents, type, length, name: 'postData' }. A form-encoded POST body's fields are parameters too.
import type { Emulator } from '../emulator/src';

export interface ExecAnswer {
  /** 302 when a POST is answered by ContentService (Apps Script redirects to the output; Stripe counts it as failed). */
  status: number;
  contentType: string;
  content: string;
}

export function execEvent(url: URL, pathTail: string, body: Buffer | null, contentType: string | undefined): Record<string, unknown> {
  const parameter: Record<string, string> = {};
  const parameters: Record<string, string[]> = {};
  const add = (name: string, value: string) => {
    if (!(name in parameter)) parameter[name] = value;
    (parameters[name] ??= []).push(value);
  };
  for (const [name, value] of url.searchParams) add(name, value);
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const contents = body ? body.toString('utf8') : '';
  if (body && type === 'application/x-www-form-urlencoded') for (const [name, value] of new URLSearchParams(contents)) add(name, value);
  const pathInfo = pathTail.replace(/^\//, '');
  return {
    parameter,
    parameters,
    queryString: url.search.replace(/^\?/, ''),
    pathInfo: pathInfo ? decodeURIComponent(pathInfo) : undefined,
    contextPath: '',
    contentLength: body ? body.length : -1,
    ...(body ? { postData: { contents, type: type || 'application/octet-stream', length: body.length, name: 'postData' } } : {}),
  };
}

/** Runs doGet/doPost as an anonymous visitor and tells what the browser (or Stripe) receives. */
export function execAnswer(emu: Emulator, fn: 'doGet' | 'doPost', event: Record<string, unknown>): ExecAnswer {
  if (typeof emu.scope[fn] !== 'function') {
    return { status: 404, contentType: 'text/html; charset=utf-8', content: `Script function not found: ${fn}` };
  }
  try {
    const output = emu.run(fn, [event], 'anonymous');
    const described = emu.html.describeOutput(output);
    const status = fn === 'doPost' && described.kind === 'content' ? 302 : 200;
    const charset = described.contentType.startsWith('text/') || described.contentType.includes('json') ? '; charset=utf-8' : '';
    return { status, contentType: described.contentType + charset, content: described.content };
  } catch (error) {
    // Apps Script shows the script's error on an error page.
    return { status: 500, contentType: 'text/plain; charset=utf-8', content: `Error: ${(error as Error).message}` };
  }
}
