// Service errors as Apps Script throws them: `e.name === 'Exception'`, `String(e) === 'Exception: <message>'`.

export function gasError(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}

/** Apps Script's answer to arguments of the wrong types, e.g. `getRange(null)`. */
export function signatureError(args: unknown[], method: string): Error {
  return gasError(`The parameters (${args.map(gasTypeName).join(',')}) don't match the method signature for ${method}.`);
}

function gasTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) {
    const kinds = new Set(value.map(gasTypeName));
    return `${kinds.size === 1 ? [...kinds][0] : 'Object'}[]`;
  }
  return 'Object';
}
