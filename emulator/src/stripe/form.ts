// Stripe's request bodies: application/x-www-form-urlencoded with Rack's bracket notation
// (`line_items[0][price]=…`, `metadata[k]=v`, `expand[]=…`), parsed into nested objects/arrays.
import { invalid } from './errors';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export function isFormObject(value: FormValue | undefined): value is FormObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Form decoding: `+` is a space, then percent-escapes (a malformed escape is kept as is, as Rack does). */
export function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** Parses a query string or form body into nested params, Rack-style. */
export function parseForm(body: string): FormObject {
  const out: FormObject = {};
  for (const part of body.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const value = decodeComponent(eq < 0 ? '' : part.slice(eq + 1));
    const { name, segments } = splitKey(key);
    if (name) setPath(out, name, segments, value, key);
  }
  return out;
}

function splitKey(key: string): { name: string; segments: string[] } {
  const open = key.indexOf('[');
  if (open <= 0) return { name: open === 0 ? '' : key, segments: [] };
  const name = key.slice(0, open);
  const segments: string[] = [];
  const re = /\[([^\]]*)\]/y;
  re.lastIndex = open;
  let match: RegExpExecArray | null;
  while ((match = re.exec(key))) segments.push(match[1]);
  // Trailing garbage after the brackets: Rack keeps the key literally.
  if (re.lastIndex !== key.length && segments.length === 0) return { name: key, segments: [] };
  return { name, segments };
}

function conflict(key: string): Error {
  return invalid(`Invalid request: the parameter \`${key}\` was given both as a value and as a nested object or list.`);
}

function setPath(container: FormObject, name: string, segments: string[], value: string, key: string): void {
  const existing = container[name];
  if (segments.length === 0) {
    if (existing !== undefined && typeof existing !== 'string') throw conflict(key);
    container[name] = value; // a repeated scalar key: the last one wins
    return;
  }
  const [head, ...rest] = segments;
  if (head === '') {
    const list = existing ?? (container[name] = []);
    if (!Array.isArray(list)) throw conflict(key);
    if (rest.length === 0) {
      list.push(value);
      return;
    }
    // `a[][k]=…`: fills the last hash until it already has that key, then starts a new one (Rack).
    const last = list[list.length - 1];
    const [child, ...deeper] = rest;
    const target = isFormObject(last) && !hasPath(last, rest) ? last : {};
    if (target !== last) list.push(target);
    setPath(target, child, deeper, value, key);
    return;
  }
  const hash = existing ?? (container[name] = {});
  if (!isFormObject(hash)) throw conflict(key);
  setPath(hash, head, rest, value, key);
}

function hasPath(obj: FormObject, path: string[]): boolean {
  let node: FormValue | undefined = obj;
  for (const segment of path) {
    if (segment === '' || !isFormObject(node)) return node !== undefined && segment === '';
    node = node[segment];
    if (node === undefined) return false;
  }
  return true;
}

/** Encodes params the way Stripe's client libraries do: `a[b]=…`, `a[0][b]=…` (for tests and examples). */
export function encodeForm(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (value === undefined) return;
    if (value === null) pairs.push(`${enc(prefix)}=`);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(`${prefix}[${i}]`, v));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(`${prefix}[${k}]`, v);
    else pairs.push(`${enc(prefix)}=${enc(String(value))}`);
  };
  for (const [k, v] of Object.entries(params)) walk(k, v);
  return pairs.join('&');
}

function enc(text: string): string {
  return encodeURIComponent(text).replace(/%5B/g, '[').replace(/%5D/g, ']');
}
