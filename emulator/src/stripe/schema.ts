// Parameter validation as Stripe does it: every parameter must be known ("Received unknown
// parameter: x"), typed ("Invalid integer: abc", "Invalid array", "Invalid object") and present
// when required ("Missing required param: x."). Errors name the parameter in bracket notation.
import { invalid } from './errors';
import { FormValue, isFormObject } from './form';

export type Schema =
  | { kind: 'string'; values?: readonly string[] }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'decimal' }
  | { kind: 'boolean' }
  | { kind: 'metadata' }
  | { kind: 'range' }
  | { kind: 'any' }
  | { kind: 'object'; fields: Record<string, Schema>; required?: readonly string[] }
  | { kind: 'array'; of: Schema };

export const S = {
  str: (values?: readonly string[]): Schema => ({ kind: 'string', values }),
  int: (min?: number, max?: number): Schema => ({ kind: 'integer', min, max }),
  /** A number that may have decimals (`percent_off=12.5`). */
  dec: (): Schema => ({ kind: 'decimal' }),
  bool: (): Schema => ({ kind: 'boolean' }),
  meta: (): Schema => ({ kind: 'metadata' }),
  /** `created=123` or `created[gt]=…&created[lte]=…` */
  range: (): Schema => ({ kind: 'range' }),
  /** Accepted as sent (parameters Carnet's fake does not interpret). */
  any: (): Schema => ({ kind: 'any' }),
  obj: (fields: Record<string, Schema>, required?: readonly string[]): Schema => ({ kind: 'object', fields, required }),
  arr: (of: Schema): Schema => ({ kind: 'array', of }),
};

export interface Range {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export type Parsed = string | number | boolean | null | Range | Parsed[] | { [key: string]: Parsed };
export type ParsedObject = { [key: string]: Parsed | undefined };

/** A Ruby-ish rendering of a value, as Stripe quotes it in "Invalid string: {…}". */
function inspect(value: FormValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' ? JSON.stringify(v) : inspect(v))).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}=>${typeof v === 'string' ? JSON.stringify(v) : inspect(v)}`)
    .join(', ')}}`;
}

function asList(value: FormValue, path: string): FormValue[] {
  if (Array.isArray(value)) return value;
  if (isFormObject(value)) {
    const keys = Object.keys(value);
    if (keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b)).map((k) => value[k]);
  }
  throw invalid('Invalid array', path);
}

function parseInteger(text: string, path: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw invalid(`Invalid integer: ${text}`, path, 'parameter_invalid_integer');
  return Number(text.trim());
}

export function validate(value: FormValue | undefined, schema: Schema, path: string): Parsed | undefined {
  if (value === undefined) return undefined;
  switch (schema.kind) {
    case 'any':
      return value as Parsed;
    case 'string': {
      if (typeof value !== 'string') throw invalid(`Invalid string: ${inspect(value)}`, path);
      if (value === '') return null; // an empty value unsets an optional parameter
      if (schema.values && !schema.values.includes(value)) throw invalid(`Invalid ${path}: must be one of ${oneOf(schema.values)}`, path);
      return value;
    }
    case 'integer': {
      if (typeof value !== 'string') throw invalid(`Invalid integer: ${inspect(value)}`, path, 'parameter_invalid_integer');
      if (value === '') return null;
      const n = parseInteger(value, path);
      if (schema.min !== undefined && n < schema.min) throw invalid(`This value must be greater than or equal to ${schema.min}.`, path);
      if (schema.max !== undefined && n > schema.max) throw invalid(`This value must be less than or equal to ${schema.max}.`, path);
      return n;
    }
    case 'decimal': {
      if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value.trim())) throw invalid(`Invalid decimal: ${inspect(value)}`, path);
      return Number(value.trim());
    }
    case 'boolean': {
      if (value !== 'true' && value !== 'false') throw invalid(`Invalid boolean: ${typeof value === 'string' ? value : inspect(value)}`, path);
      return value === 'true';
    }
    case 'metadata':
      return metadata(value, path);
    case 'range': {
      if (typeof value === 'string') return { gte: parseInteger(value, path), lte: parseInteger(value, path) };
      if (!isFormObject(value)) throw invalid('Invalid object', path);
      const range: Range = {};
      for (const [k, v] of Object.entries(value)) {
        if (k !== 'gt' && k !== 'gte' && k !== 'lt' && k !== 'lte')
          throw invalid(`Received unknown parameter: ${path}[${k}]`, `${path}[${k}]`, 'parameter_unknown');
        if (typeof v !== 'string') throw invalid(`Invalid integer: ${inspect(v)}`, `${path}[${k}]`, 'parameter_invalid_integer');
        range[k] = parseInteger(v, `${path}[${k}]`);
      }
      return range;
    }
    case 'object':
      return validateObject(value, schema.fields, schema.required ?? [], path);
    case 'array':
      return asList(value, path).map((item, i) => validate(item, schema.of, `${path}[${i}]`) ?? null);
  }
}

function oneOf(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')}, or ${values[values.length - 1]}`;
}

function metadata(value: FormValue, path: string): Parsed {
  if (value === '') return {}; // `metadata=` unsets every key
  if (!isFormObject(value)) throw invalid('Invalid object', path);
  const out: { [key: string]: Parsed } = {};
  const keys = Object.keys(value);
  if (keys.length > 50) throw invalid('Invalid metadata: metadata can have up to 50 keys, but you passed in ' + keys.length + ' keys.', path);
  for (const key of keys) {
    const v = value[key];
    if (typeof v !== 'string') throw invalid(`Invalid string: ${inspect(v)}`, `${path}[${key}]`);
    if (key.length > 40) throw invalid(`Metadata keys can have up to 40 characters, but you passed in a key with ${key.length} characters.`, `${path}[${key}]`);
    if (v.length > 500)
      throw invalid(`Metadata values can have up to 500 characters, but you passed in a value that is ${v.length} characters long.`, `${path}[${key}]`);
    out[key] = v;
  }
  return out;
}

function validateObject(value: FormValue, fields: Record<string, Schema>, required: readonly string[], path: string): ParsedObject {
  if (!isFormObject(value)) throw invalid('Invalid object', path || undefined);
  const out: ParsedObject = {};
  for (const [key, raw] of Object.entries(value)) {
    const child = path ? `${path}[${key}]` : key;
    const schema = fields[key];
    if (!schema) throw invalid(`Received unknown parameter: ${child}`, child, 'parameter_unknown');
    out[key] = validate(raw, schema, child);
  }
  for (const key of required) {
    if (out[key] === undefined || out[key] === null) {
      const child = path ? `${path}[${key}]` : key;
      throw invalid(`Missing required param: ${child}.`, child, 'parameter_missing');
    }
  }
  return out;
}

/** Validates a whole request's params (`expand` is accepted on every endpoint). */
export function validateParams(params: FormValue, fields: Record<string, Schema>, required: readonly string[] = []): ParsedObject {
  return validateObject(params, { ...fields, expand: S.arr(S.str()) }, required, '');
}

export const LIST_PARAMS: Record<string, Schema> = {
  limit: S.int(1, 100),
  starting_after: S.str(),
  ending_before: S.str(),
};
