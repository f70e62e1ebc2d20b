// Drive.Files of the Drive advanced service (Drive API v3 as Apps Script exposes it), as far as Carnet
// uses it: list (with a search query), get (metadata), copy, create (with media) and update (the trash). Counted as service
// `Drive` (`Drive.Files.list`, …), one round trip each.
//
// References (developers.google.com/workspace/drive/api/…):
// - reference/rest/v3/files/list: "This method returns all files by default, including trashed files. If
//   you don't want trashed files to appear in the list, use the trashed=false query parameter"; pageSize
//   "maximum number of files to return per page … default 100", max 1000; nextPageToken / pageToken.
// - guides/ref-search-terms: "query_term operator values"; operators and, or, not, parentheses; terms
//   name (=, !=), mimeType (=, !=), trashed (=, !=), parents (in: 'folderId' in parents); strings in
//   single quotes, an apostrophe or a backslash in them escaped with a backslash. There is no `id` term:
//   a query on it is refused with 400 "Invalid Value" (location q), as any malformed query
//   (langchain-ai/langchain-google#1867, googleapis/google-api-php-client#869).
// - reference/rest/v3/files (File resource): trashed "Whether the file has been trashed, either
//   explicitly or from a trashed parent folder"; explicitlyTrashed; parents.
// - reference/rest/v3/files/get, files/copy ("Creates a copy of a file and applies any requested updates
//   with patch semantics"), files/create (metadata, and the media blob as the file's content),
//   files/update (patch semantics; guides/v2-to-v3-reference: files.trash is files.update with
//   {'trashed': true}).
// - guides/fields-parameter: a `fields` selector such as "nextPageToken, files(id, name)"; without it
//   a file comes back as kind, id, name and mimeType. An unknown field: 400 "Invalid field selection <f>"
//   (googleworkspace/apps-script-samples#54).
// - Errors as Apps Script throws them: "API call to drive.files.<method> failed with error: <message>";
//   an unknown id (or parent): "File not found: <id>." (guides/handle-errors, 404 notFound).
// Trashed items stay readable by id (get, copy): "All users with access can copy, download, export, and
// share the file" (reference/rest/v2/files/trash). Anything Carnet does not use (other query terms,
// alt=media, conversions) throws an "emulator: not emulated" error rather than pretending.
import { EmulatedBlob } from './blob';
import type { DriveRecord, DriveService } from './drive';

const FOLDER_MIME = 'application/vnd.google-apps.folder';

type Json = Record<string, unknown>;

function apiError(method: string, message: string): Error {
  const error = new Error(`API call to drive.files.${method} failed with error: ${message}`);
  error.name = 'GoogleJsonResponseException';
  return error;
}

function notEmulated(what: string): Error {
  return new Error(`Drive emulator: ${what} is not emulated`);
}

/** The File resource fields the emulator can give. */
const FILE_FIELDS = ['kind', 'id', 'name', 'mimeType', 'parents', 'trashed', 'explicitlyTrashed', 'createdTime', 'modifiedTime', 'size'] as const;
const DEFAULT_FILE_FIELDS = ['kind', 'id', 'name', 'mimeType'];

// --- search query (guides/ref-search-terms) ---------------------------------------------------------

type Query =
  | { kind: 'and' | 'or'; left: Query; right: Query }
  | { kind: 'not'; query: Query }
  | { kind: 'term'; test: (record: DriveRecord, trashed: boolean) => boolean };

class InvalidQuery extends Error {}

function tokenize(q: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= q.length) throw new InvalidQuery('unterminated string');
        if (q[i] === '\\' && i + 1 < q.length) {
          value += q[i + 1];
          i += 2;
        } else if (q[i] === "'") {
          i++;
          break;
        } else value += q[i++];
      }
      tokens.push(`'${value}`);
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (c === '!' && q[i + 1] === '=') {
      tokens.push('!=');
      i += 2;
    } else if ('=<>'.includes(c)) {
      const op = q[i + 1] === '=' && c !== '=' ? c + '=' : c;
      tokens.push(op);
      i += op.length;
    } else {
      const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(q.slice(i));
      if (!word) throw new InvalidQuery(`unexpected ${c}`);
      tokens.push(word[0]);
      i += word[0].length;
    }
  }
  return tokens;
}

const isString = (token: string | undefined): boolean => token !== undefined && token.startsWith("'");
const KNOWN_TERMS = new Set([
  'name',
  'fullText',
  'mimeType',
  'modifiedTime',
  'viewedByMeTime',
  'trashed',
  'starred',
  'parents',
  'owners',
  'writers',
  'readers',
  'sharedWithMe',
  'createdTime',
  'properties',
  'appProperties',
  'visibility',
  'shortcutDetails.targetId',
]);

function parseQuery(q: string): Query {
  const tokens = tokenize(q);
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const take = (): string => {
    const token = tokens[at++];
    if (token === undefined) throw new InvalidQuery('unexpected end');
    return token;
  };
  const orExpr = (): Query => {
    let left = andExpr();
    while (peek() === 'or') {
      at++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const andExpr = (): Query => {
    let left = unary();
    while (peek() === 'and') {
      at++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const unary = (): Query => {
    if (peek() === 'not') {
      at++;
      return { kind: 'not', query: unary() };
    }
    if (peek() === '(') {
      at++;
      const inner = orExpr();
      if (take() !== ')') throw new InvalidQuery('missing )');
      return inner;
    }
    return term();
  };
  const term = (): Query => {
    const first = take();
    if (isString(first)) {
      // 'value' in parents
      if (take() !== 'in') throw new InvalidQuery('expected in');
      const field = take();
      if (field !== 'parents') {
        if (KNOWN_TERMS.has(field)) throw notEmulated(`the query term "… in ${field}"`);
        throw new InvalidQuery(`unknown term ${field}`);
      }
      const parent = first.slice(1);
      return { kind: 'term', test: (r) => r.parents.includes(parent) };
    }
    if (!KNOWN_TERMS.has(first)) throw new InvalidQuery(`unknown term ${first}`);
    const op = take();
    const value = take();
    if (first === 'trashed') {
      if ((op !== '=' && op !== '!=') || (value !== 'true' && value !== 'false')) throw new InvalidQuery('trashed takes = or != and true or false');
      const wanted = (value === 'true') === (op === '=');
      return { kind: 'term', test: (_r, trashed) => trashed === wanted };
    }
    if (first === 'name' || first === 'mimeType') {
      if (!isString(value)) throw new InvalidQuery(`${first} takes a string`);
      if (op === 'contains') throw notEmulated(`${first} contains`);
      if (op !== '=' && op !== '!=') throw new InvalidQuery(`${first} does not take ${op}`);
      const text = value.slice(1);
      const field = first;
      return { kind: 'term', test: (r) => (r[field] === text) === (op === '=') };
    }
    throw notEmulated(`the query term ${first}`);
  };
  const query = orExpr();
  if (at !== tokens.length) throw new InvalidQuery(`unexpected ${tokens[at]}`);
  return query;
}

function matches(query: Query, record: DriveRecord, trashed: boolean): boolean {
  switch (query.kind) {
    case 'and':
      return matches(query.left, record, trashed) && matches(query.right, record, trashed);
    case 'or':
      return matches(query.left, record, trashed) || matches(query.right, record, trashed);
    case 'not':
      return !matches(query.query, record, trashed);
    default:
      return query.test(record, trashed);
  }
}

// --- fields selector (guides/fields-parameter) ------------------------------------------------------

/** "nextPageToken, files(id, name)" → nextPageToken → [], files → [id, name] (one level of nesting). */
function parseFields(method: string, fields: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const text = fields.trim();
  const part = /\s*([A-Za-z*]+)\s*(?:\(([^()]*)\))?\s*(?:,|$)/y;
  while (part.lastIndex < text.length) {
    const at = part.lastIndex;
    const m = part.exec(text);
    if (!m || part.lastIndex === at) throw apiError(method, `Invalid field selection ${text.slice(at).trim()}`);
    const inner = m[2] === undefined ? [] : m[2].split(',').map((s) => s.trim());
    if (inner.some((f) => !f)) throw apiError(method, `Invalid field selection ${m[1]}`);
    out.set(m[1], inner);
  }
  return out;
}

function checkFileFields(method: string, fields: readonly string[]): string[] {
  if (fields.includes('*')) return [...FILE_FIELDS];
  for (const f of fields) if (!(FILE_FIELDS as readonly string[]).includes(f)) throw apiError(method, `Invalid field selection ${f}`);
  return [...fields];
}

export class FakeDriveFiles {
  constructor(private readonly drive: DriveService) {}

  /** Trashed explicitly or through a trashed folder above it (the File resource's `trashed`). */
  private trashedOf(record: DriveRecord, seen = new Set<string>()): boolean {
    if (record.trashed) return true;
    for (const parentId of record.parents) {
      if (seen.has(parentId)) continue;
      seen.add(parentId);
      const parent = this.drive.record(parentId);
      if (parent && this.trashedOf(parent, seen)) return true;
    }
    return false;
  }

  private resource(record: DriveRecord, fields: readonly string[]): Json {
    const all: Json = {
      kind: 'drive#file',
      id: record.id,
      name: record.name,
      mimeType: record.mimeType,
      parents: [...record.parents],
      trashed: this.trashedOf(record),
      explicitlyTrashed: record.trashed,
      createdTime: new Date(record.createdMs).toISOString(),
      modifiedTime: new Date(record.updatedMs).toISOString(),
      ...(record.mimeType.startsWith('application/vnd.google-apps.') ? {} : { size: String(record.bytes.length) }),
    };
    const out: Json = {};
    for (const f of fields) if (all[f] !== undefined) out[f] = all[f];
    return out;
  }

  private args(method: string, optionalArgs: unknown, known: readonly string[]): Json {
    const args = (optionalArgs && typeof optionalArgs === 'object' ? optionalArgs : {}) as Json;
    for (const key of Object.keys(args)) if (!known.includes(key)) throw notEmulated(`the optional argument ${key} of Files.${method}`);
    return args;
  }

  private fileFields(method: string, args: Json): string[] {
    if (args.fields === undefined) return DEFAULT_FILE_FIELDS;
    const parsed = parseFields(method, String(args.fields));
    const flat: string[] = [];
    for (const [name, inner] of parsed) {
      if (inner.length) throw apiError(method, `Invalid field selection ${name}`);
      flat.push(name);
    }
    return checkFileFields(method, flat);
  }

  private existing(method: string, id: unknown): DriveRecord {
    const record = this.drive.record(String(id ?? ''));
    if (!record || record.id === this.drive.rootId) throw apiError(method, `File not found: ${String(id ?? '')}.`);
    return record;
  }

  /** The new item's parent: the one given (it must exist and be a folder), else My Drive. */
  private parentOf(method: string, parents: unknown, fallback: string[]): string[] {
    if (parents === undefined) return fallback;
    if (!Array.isArray(parents) || parents.length !== 1) throw notEmulated(`Files.${method} with parents other than one folder`);
    const parent = this.drive.record(String(parents[0]));
    if (!parent || parent.mimeType !== FOLDER_MIME) throw apiError(method, `File not found: ${String(parents[0])}.`);
    return [parent.id];
  }

  list(optionalArgs?: unknown): Json {
    this.drive.rt.call('Drive', 'Files.list');
    const args = this.args('list', optionalArgs, [
      'q',
      'fields',
      'pageSize',
      'pageToken',
      'orderBy',
      'supportsAllDrives',
      'includeItemsFromAllDrives',
      'spaces',
      'corpora',
    ]);
    if (args.orderBy !== undefined) throw notEmulated('orderBy');
    if (args.corpora !== undefined && args.corpora !== 'user') throw notEmulated(`corpora ${String(args.corpora)}`);
    if (args.spaces !== undefined && args.spaces !== 'drive') throw notEmulated(`spaces ${String(args.spaces)}`);
    let query: Query | null = null;
    if (args.q !== undefined && String(args.q).trim() !== '') {
      try {
        query = parseQuery(String(args.q));
      } catch (error) {
        if (error instanceof InvalidQuery) throw apiError('list', 'Invalid Value');
        throw error;
      }
    }
    const pageSize = args.pageSize === undefined ? 100 : Number(args.pageSize);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw apiError('list', 'Invalid Value');
    const start = args.pageToken === undefined ? 0 : Number(Buffer.from(String(args.pageToken), 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw apiError('list', 'Invalid Value');

    const selection =
      args.fields === undefined
        ? new Map([
            ['kind', []],
            ['incompleteSearch', []],
            ['nextPageToken', []],
            ['files', DEFAULT_FILE_FIELDS],
          ])
        : parseFields('list', String(args.fields));
    for (const name of selection.keys())
      if (!['kind', 'incompleteSearch', 'nextPageToken', 'files'].includes(name)) throw apiError('list', `Invalid field selection ${name}`);
    const fileFields = checkFileFields('list', selection.get('files')?.length ? (selection.get('files') as string[]) : DEFAULT_FILE_FIELDS);

    const found = this.drive.records().filter((r) => r.id !== this.drive.rootId && (!query || matches(query, r, this.trashedOf(r))));
    const page = found.slice(start, start + pageSize);
    const out: Json = {};
    if (selection.has('kind')) out.kind = 'drive#fileList';
    if (selection.has('incompleteSearch')) out.incompleteSearch = false;
    if (selection.has('nextPageToken') && start + pageSize < found.length) out.nextPageToken = Buffer.from(String(start + pageSize)).toString('base64');
    if (selection.has('files')) out.files = page.map((r) => this.resource(r, fileFields));
    return out;
  }

  get(fileId: unknown, optionalArgs?: unknown): Json {
    this.drive.rt.call('Drive', 'Files.get');
    const args = this.args('get', optionalArgs, ['fields', 'supportsAllDrives', 'alt']);
    if (args.alt !== undefined) throw notEmulated('Files.get with alt');
    return this.resource(this.existing('get', fileId), this.fileFields('get', args));
  }

  copy(resource: unknown, fileId: unknown, optionalArgs?: unknown): Json {
    this.drive.rt.call('Drive', 'Files.copy');
    const args = this.args('copy', optionalArgs, ['fields', 'supportsAllDrives']);
    const fields = this.fileFields('copy', args);
    const source = this.existing('copy', fileId);
    if (source.mimeType === FOLDER_MIME) throw notEmulated('copying a folder');
    const body = (resource && typeof resource === 'object' ? resource : {}) as Json;
    for (const key of Object.keys(body)) if (key !== 'name' && key !== 'parents') throw notEmulated(`Files.copy setting ${key}`);
    const parents = this.parentOf('copy', body.parents, [...source.parents]);
    const copy = this.drive.newRecord({
      name: body.name === undefined ? `Copy of ${source.name}` : String(body.name),
      mimeType: source.mimeType,
      parents,
      bytes: new Uint8Array(source.bytes),
      description: source.description,
    });
    this.drive.nativeHandler(source.mimeType)?.copyContent(source.id, copy.id);
    return this.resource(copy, fields);
  }

  /** Only the trash (v2's files.trash is v3's files.update with trashed: true, guides/v2-to-v3-reference). */
  update(resource: unknown, fileId: unknown, mediaData?: unknown, optionalArgs?: unknown): Json {
    this.drive.rt.call('Drive', 'Files.update');
    const args = this.args('update', optionalArgs, ['fields', 'supportsAllDrives']);
    const fields = this.fileFields('update', args);
    if (mediaData !== undefined && mediaData !== null) throw notEmulated('Files.update with new content');
    const body = (resource && typeof resource === 'object' ? resource : {}) as Json;
    for (const key of Object.keys(body)) if (key !== 'trashed') throw notEmulated(`Files.update setting ${key}`);
    const record = this.existing('update', fileId);
    if (body.trashed !== undefined) {
      record.trashed = body.trashed === true;
      this.drive.touch(record.id);
    }
    return this.resource(record, fields);
  }

  create(resource: unknown, mediaData?: unknown, optionalArgs?: unknown): Json {
    this.drive.rt.call('Drive', 'Files.create');
    const args = this.args('create', optionalArgs, ['fields', 'supportsAllDrives']);
    const fields = this.fileFields('create', args);
    const body = (resource && typeof resource === 'object' ? resource : {}) as Json;
    for (const key of Object.keys(body)) if (!['name', 'parents', 'mimeType'].includes(key)) throw notEmulated(`Files.create setting ${key}`);
    let bytes: Uint8Array = new Uint8Array(0);
    let blobName: string | null = null;
    let blobType: string | null = null;
    if (mediaData !== undefined && mediaData !== null) {
      if (!(mediaData instanceof EmulatedBlob)) throw apiError('create', 'The mediaData parameter only supports Blob types for upload.');
      bytes = new Uint8Array(mediaData.rawBytes());
      blobName = mediaData.getName();
      blobType = mediaData.getContentType();
    }
    const mimeType = body.mimeType === undefined ? (blobType ?? 'application/octet-stream') : String(body.mimeType);
    if (mimeType.startsWith('application/vnd.google-apps.')) throw notEmulated(`Files.create of a ${mimeType}`);
    const parents = this.parentOf('create', body.parents, [this.drive.rootId]);
    const record = this.drive.newRecord({ name: body.name === undefined ? (blobName ?? 'Untitled') : String(body.name), mimeType, parents, bytes });
    return this.resource(record, fields);
  }
}
