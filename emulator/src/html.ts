// HtmlService and ContentService (developers.google.com/apps-script/reference/html/html-service,
// …/content/content-service, guides/html/templates): outputs, templates with scriptlets compiled to a
// function, contextual escaping, and what a doGet/doPost answer shows.
import * as vm from 'node:vm';
import { EmulatedBlob } from './blob';
import { conforms } from './conformance';
import type { Runtime } from './runtime';
import { appsEnum, AppsEnumValue, enumName, signatureError } from './utilities';

export const SandboxMode = appsEnum(['EMULATED', 'IFRAME', 'NATIVE'] as const);
export const XFrameOptionsMode = appsEnum(['ALLOWALL', 'DEFAULT'] as const);
export const MimeType = appsEnum(['ATOM', 'CSV', 'ICAL', 'JAVASCRIPT', 'JSON', 'RSS', 'TEXT', 'VCARD', 'XML'] as const);

/** The Content-Type each ContentService.MimeType is served with. */
export const MIME_CONTENT_TYPES: Record<keyof typeof MimeType, string> = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'text/xml',
};

/** What the browser shows when doGet/doPost returns nothing usable. */
export const NOTHING_RETURNED = 'The script completed but did not return anything.';

/** Meta tags HtmlOutput.addMetaTag accepts (reference page of HtmlOutput.addMetaTag). */
const ALLOWED_META_TAGS = ['apple-mobile-web-app-capable', 'google-site-verification', 'mobile-web-app-capable', 'viewport'];

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A value printed inside a <script> element: a JavaScript literal that cannot close the element. */
function scriptLiteral(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = JSON.stringify(String(value));
  }
  return (json ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function insideScript(html: string): boolean {
  const lower = html.toLowerCase();
  return lower.lastIndexOf('<script') > lower.lastIndexOf('</script');
}

/** The text of a string or of a BlobSource argument. */
function textOf(value: unknown, method: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  const source = value as { getBlob?: () => { getDataAsString(): string } } | null;
  if (source && typeof source.getBlob === 'function') return source.getBlob().getDataAsString();
  throw signatureError(method, [value]);
}

// ---------------------------------------------------------------- HtmlOutput

export class FakeHtmlOutputMetaTag {
  constructor(
    private readonly name: string,
    private readonly content: string,
  ) {}
  getName(): string {
    return this.name;
  }
  getContent(): string {
    return this.content;
  }
}

conforms<GoogleAppsScript.HTML.HtmlOutputMetaTag, FakeHtmlOutputMetaTag, 'getName' | 'getContent'>(true);

export class FakeHtmlOutput {
  /** @internal raw state, read by describeOutput without counting a call */
  state = {
    content: '',
    title: '',
    width: null as number | null,
    height: null as number | null,
    faviconUrl: null as string | null,
    sandboxMode: SandboxMode.IFRAME as AppsEnumValue,
    xFrameOptionsMode: XFrameOptionsMode.DEFAULT as AppsEnumValue,
    metaTags: [] as Array<{ name: string; content: string }>,
  };

  constructor(
    protected readonly owner: HtmlServices,
    content = '',
  ) {
    this.state.content = content;
  }

  protected touch(method: string): void {
    this.owner.rt.call('HtmlService', `HtmlOutput.${method}`);
  }

  append(addedContent: string): FakeHtmlOutput {
    this.touch('append');
    this.state.content += String(addedContent);
    return this;
  }

  /** Contextual escaping: HTML-escaped, or a JavaScript literal inside a <script> element. */
  appendUntrusted(addedContent: string): FakeHtmlOutput {
    this.touch('appendUntrusted');
    this.state.content += this.escapeForContext(String(addedContent));
    return this;
  }

  escapeForContext(value: unknown): string {
    return insideScript(this.state.content) ? scriptLiteral(value) : escapeHtml(String(value));
  }

  clear(): FakeHtmlOutput {
    this.touch('clear');
    this.state.content = '';
    return this;
  }

  getContent(): string {
    this.touch('getContent');
    return this.state.content;
  }

  setContent(content: string): FakeHtmlOutput {
    this.touch('setContent');
    this.state.content = String(content);
    return this;
  }

  getTitle(): string {
    this.touch('getTitle');
    return this.state.title;
  }

  setTitle(title: string): FakeHtmlOutput {
    this.touch('setTitle');
    this.state.title = String(title);
    return this;
  }

  getWidth(): number {
    this.touch('getWidth');
    return this.state.width as number;
  }

  setWidth(width: number): FakeHtmlOutput {
    this.touch('setWidth');
    this.state.width = Number(width);
    return this;
  }

  getHeight(): number {
    this.touch('getHeight');
    return this.state.height as number;
  }

  setHeight(height: number): FakeHtmlOutput {
    this.touch('setHeight');
    this.state.height = Number(height);
    return this;
  }

  getFaviconUrl(): string {
    this.touch('getFaviconUrl');
    return this.state.faviconUrl as string;
  }

  setFaviconUrl(iconUrl: string): FakeHtmlOutput {
    this.touch('setFaviconUrl');
    this.state.faviconUrl = String(iconUrl);
    return this;
  }

  setSandboxMode(mode: unknown): FakeHtmlOutput {
    this.touch('setSandboxMode');
    const name = enumName(SandboxMode, mode);
    if (!name) throw signatureError('HtmlService.HtmlOutput.setSandboxMode', [mode]);
    // IFRAME is the only mode left: the others are accepted and served as IFRAME.
    this.state.sandboxMode = SandboxMode.IFRAME;
    return this;
  }

  setXFrameOptionsMode(mode: unknown): FakeHtmlOutput {
    this.touch('setXFrameOptionsMode');
    const name = enumName(XFrameOptionsMode, mode);
    if (!name) throw signatureError('HtmlService.HtmlOutput.setXFrameOptionsMode', [mode]);
    this.state.xFrameOptionsMode = XFrameOptionsMode[name as keyof typeof XFrameOptionsMode];
    return this;
  }

  addMetaTag(name: string, content: string): FakeHtmlOutput {
    this.touch('addMetaTag');
    // Only a few names are accepted; Google's wording for a refused one is not published (unverified).
    if (!ALLOWED_META_TAGS.includes(String(name))) throw new Error('Invalid argument: name');
    this.state.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }

  getMetaTags(): FakeHtmlOutputMetaTag[] {
    this.touch('getMetaTags');
    return this.state.metaTags.map((t) => new FakeHtmlOutputMetaTag(t.name, t.content));
  }

  getBlob(): EmulatedBlob {
    this.touch('getBlob');
    return new EmulatedBlob(this.owner.rt, this.state.content, 'text/html', this.state.title || null);
  }

  getAs(contentType: string): EmulatedBlob {
    this.touch('getAs');
    return new EmulatedBlob(this.owner.rt, this.state.content, 'text/html', this.state.title || null).getAs(contentType);
  }

  asTemplate(): FakeHtmlTemplate {
    this.touch('asTemplate');
    return newTemplate(this.owner, this.state.content);
  }
}

conforms<
  GoogleAppsScript.HTML.HtmlOutput,
  FakeHtmlOutput,
  | 'append'
  | 'appendUntrusted'
  | 'clear'
  | 'getContent'
  | 'setContent'
  | 'getTitle'
  | 'setTitle'
  | 'getWidth'
  | 'setWidth'
  | 'getHeight'
  | 'setHeight'
  | 'getFaviconUrl'
  | 'setFaviconUrl'
  | 'setSandboxMode'
  | 'setXFrameOptionsMode'
  | 'addMetaTag'
  | 'getMetaTags'
  | 'getBlob'
  | 'getAs'
  | 'asTemplate'
>(true);

/**
 * The `output` a template's code writes to (what HtmlService.initTemplate() gives in Google's generated
 * code): `output._ = raw`, `output._$ = value` (contextually escaped), `output.$out` the HtmlOutput.
 */
function templateOutput(owner: HtmlServices): FakeHtmlOutput {
  const out = new FakeHtmlOutput(owner);
  Object.defineProperties(out, {
    _: {
      set(v: unknown) {
        out.state.content += String(v);
      },
      enumerable: false,
    },
    _$: {
      set(v: unknown) {
        out.state.content += out.escapeForContext(v);
      },
      enumerable: false,
    },
    $out: { get: () => out, enumerable: false },
  });
  return out;
}

// ---------------------------------------------------------------- templates

type Segment = { kind: 'text' | 'code' | 'print' | 'force'; text: string };

function parseTemplate(source: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<?', i);
    if (open < 0) {
      segments.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (open > i) segments.push({ kind: 'text', text: source.slice(i, open) });
    const close = source.indexOf('?>', open + 2);
    if (close < 0) throw new SyntaxError('Unterminated scriptlet: a "<?" has no matching "?>".');
    let body = source.slice(open + 2, close);
    let kind: Segment['kind'] = 'code';
    if (body.startsWith('!=')) {
      kind = 'force';
      body = body.slice(2);
    } else if (body.startsWith('=')) {
      kind = 'print';
      body = body.slice(1);
    }
    segments.push({ kind, text: body });
    i = close + 2;
  }
  return segments;
}

function statements(segments: Segment[], comments: boolean): string {
  return segments
    .map((s, n) => {
      const note = comments ? `/* scriptlet ${n + 1} (${s.kind}) */ ` : '';
      switch (s.kind) {
        case 'text':
          return `${note}output._ = ${JSON.stringify(s.text)};\n`;
        case 'print':
          return `${note}output._$ = ${s.text}\n;\n`;
        case 'force':
          return `${note}output._ = ${s.text}\n;\n`;
        default:
          return `${note}${s.text}\n`;
      }
    })
    .join('');
}

/** Google's getCode() shape: a self-contained snippet that rebuilds the page when run in the script. */
function displayCode(segments: Segment[], comments: boolean): string {
  return `(function() { var output = HtmlService.initTemplate();\n${statements(segments, comments)}return output.$out; })();`;
}

const internals = new WeakMap<object, { owner: HtmlServices; raw: string }>();
const HIDDEN = new Set(['output', '__scope']);

/** A script-realm Function constructor reachable from one of the template's values, or null. */
function realmFunction(values: unknown[]): FunctionConstructor | null {
  for (const value of values) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
    try {
      let c: unknown = (value as { constructor?: unknown }).constructor;
      for (let i = 0; i < 4 && typeof c === 'function' && (c as { constructor?: unknown }).constructor !== c; i += 1) {
        c = (c as { constructor?: unknown }).constructor;
      }
      if (typeof c === 'function' && c !== Function && (c as { constructor?: unknown }).constructor === c) return c as FunctionConstructor;
    } catch {
      // a hostile or proxied value: ignore it
    }
  }
  return null;
}

export class FakeHtmlTemplate {
  [propName: string]: unknown;

  evaluate(): FakeHtmlOutput {
    const self = internals.get(this);
    if (!self) throw new Error('Not a template');
    self.owner.rt.call('HtmlService', 'HtmlTemplate.evaluate');
    const props: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(this)) props[key] = this[key];
    const output = templateOutput(self.owner);
    const run = self.owner.compile(statements(parseTemplate(self.raw), false), Object.values(props));
    run(props, output);
    return output;
  }

  getCode(): string {
    const self = internals.get(this);
    self?.owner.rt.call('HtmlService', 'HtmlTemplate.getCode');
    return displayCode(parseTemplate(self?.raw ?? ''), false);
  }

  getCodeWithComments(): string {
    const self = internals.get(this);
    self?.owner.rt.call('HtmlService', 'HtmlTemplate.getCodeWithComments');
    return displayCode(parseTemplate(self?.raw ?? ''), true);
  }

  getRawContent(): string {
    const self = internals.get(this);
    self?.owner.rt.call('HtmlService', 'HtmlTemplate.getRawContent');
    return self?.raw ?? '';
  }
}

conforms<GoogleAppsScript.HTML.HtmlTemplate, FakeHtmlTemplate, 'evaluate' | 'getCode' | 'getCodeWithComments' | 'getRawContent'>(true);

function newTemplate(owner: HtmlServices, raw: string): FakeHtmlTemplate {
  const template = new FakeHtmlTemplate();
  internals.set(template, { owner, raw });
  return template;
}

// ---------------------------------------------------------------- HtmlService

export class FakeHtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(private readonly owner: HtmlServices) {}

  private touch(method: string): void {
    this.owner.rt.call('HtmlService', method);
  }

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): FakeHtmlOutput {
    this.touch('createHtmlOutput');
    return new FakeHtmlOutput(this.owner, textOf(html, 'HtmlService.createHtmlOutput'));
  }

  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    this.touch('createHtmlOutputFromFile');
    return new FakeHtmlOutput(this.owner, this.owner.file(filename));
  }

  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): FakeHtmlTemplate {
    this.touch('createTemplate');
    return newTemplate(this.owner, textOf(html, 'HtmlService.createTemplate'));
  }

  createTemplateFromFile(filename: string): FakeHtmlTemplate {
    this.touch('createTemplateFromFile');
    return newTemplate(this.owner, this.owner.file(filename));
  }

  /** Undocumented, used by the code getCode() returns. */
  initTemplate(): FakeHtmlOutput {
    return templateOutput(this.owner);
  }
}

conforms<GoogleAppsScript.HTML.HtmlService, FakeHtmlService, 'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplate' | 'createTemplateFromFile'>(
  true,
);

// ---------------------------------------------------------------- ContentService

export class FakeTextOutput {
  /** @internal */
  state = { content: '', mimeType: MimeType.TEXT as AppsEnumValue, fileName: null as string | null };

  constructor(
    private readonly rt: Runtime,
    content: string,
  ) {
    this.state.content = content;
  }

  private touch(method: string): void {
    this.rt.call('ContentService', `TextOutput.${method}`);
  }

  append(addedContent: string): FakeTextOutput {
    this.touch('append');
    this.state.content += String(addedContent);
    return this;
  }

  clear(): FakeTextOutput {
    this.touch('clear');
    this.state.content = '';
    return this;
  }

  downloadAsFile(filename: string): FakeTextOutput {
    this.touch('downloadAsFile');
    this.state.fileName = String(filename);
    return this;
  }

  getContent(): string {
    this.touch('getContent');
    return this.state.content;
  }

  getFileName(): string {
    this.touch('getFileName');
    return this.state.fileName as string;
  }

  getMimeType(): AppsEnumValue {
    this.touch('getMimeType');
    return this.state.mimeType;
  }

  setContent(content: string): FakeTextOutput {
    this.touch('setContent');
    this.state.content = String(content);
    return this;
  }

  /** Takes a ContentService.MimeType value; a string such as 'application/json' does not match the signature. */
  setMimeType(mimeType: unknown): FakeTextOutput {
    this.touch('setMimeType');
    const name = enumName(MimeType, mimeType);
    if (!name) throw signatureError('ContentService.TextOutput.setMimeType', [mimeType]);
    this.state.mimeType = MimeType[name as keyof typeof MimeType];
    return this;
  }
}

conforms<
  GoogleAppsScript.Content.TextOutput,
  FakeTextOutput,
  'append' | 'clear' | 'downloadAsFile' | 'getContent' | 'getFileName' | 'getMimeType' | 'setContent' | 'setMimeType'
>(true);

export class FakeContentService {
  readonly MimeType = MimeType;
  constructor(private readonly rt: Runtime) {}
  createTextOutput(content?: string): FakeTextOutput {
    this.rt.call('ContentService', 'createTextOutput');
    return new FakeTextOutput(this.rt, content === undefined ? '' : String(content));
  }
}

conforms<GoogleAppsScript.Content.ContentService, FakeContentService, 'createTextOutput'>(true);

// ---------------------------------------------------------------- the service

type Compiled = (scope: Record<string, unknown>, output: FakeHtmlOutput) => void;

/**
 * Test API:
 * - `describeOutput(output)` what a doGet/doPost answer shows (used by Emulator.get/post);
 * - `bindScriptScope(scope)` gives templates the script's global scope (the gas-local context, i.e.
 *   `emulator.scope`), so that scriptlets can call the script's own functions such as `include()`.
 *   Unbound, a template still reaches the script's globals through any script object among its
 *   properties, and otherwise sees only its properties, JavaScript built-ins and HtmlService/ContentService.
 */
export class HtmlServices {
  readonly htmlService: FakeHtmlService;
  readonly contentService: FakeContentService;
  private scriptScope: object | null = null;

  constructor(readonly rt: Runtime) {
    rt.registerState('html', this);
    this.htmlService = new FakeHtmlService(this);
    this.contentService = new FakeContentService(rt);
  }

  globals(): Record<string, unknown> {
    return { HtmlService: this.htmlService, ContentService: this.contentService };
  }

  save(): unknown {
    return null;
  }

  load(_data: unknown): void {}

  bindScriptScope(scope: object | null): void {
    this.scriptScope = scope;
  }

  /** A project HTML file by name (with or without ".html"). */
  file(filename: string): string {
    const name = String(filename).replace(/\.html$/, '');
    const content = this.rt.projectFiles.get(name);
    if (content === undefined) throw new Error(`No HTML file named ${filename} was found.`);
    return content;
  }

  describeOutput(output: unknown): { kind: 'html' | 'content'; contentType: string; content: string } {
    if (output instanceof FakeHtmlOutput) return { kind: 'html', contentType: 'text/html', content: output.state.content };
    if (output instanceof FakeTextOutput) {
      const name = enumName(MimeType, output.state.mimeType) as keyof typeof MimeType;
      return { kind: 'content', contentType: MIME_CONTENT_TYPES[name], content: output.state.content };
    }
    return { kind: 'html', contentType: 'text/html', content: NOTHING_RETURNED };
  }

  /** Compiles template statements to `(scope, output) => void`, in the script's realm when it is known. */
  compile(code: string, values: unknown[]): Compiled {
    const body = `with (__scope) {\n${code}}`;
    const scope = this.scriptScope;
    if (scope && vm.isContext(scope)) {
      return vm.runInContext(`(function (__scope, output) {\n${body}\n})`, scope) as Compiled;
    }
    const ScriptFunction = realmFunction(values);
    if (ScriptFunction) return ScriptFunction('__scope', 'output', body) as Compiled;
    const sandboxed = new Function('__scope', 'output', body) as Compiled;
    return (props, output) => sandboxed(this.sandbox(props, scope) as Record<string, unknown>, output);
  }

  /** Name resolution for a template run without the script realm: its properties, then safe globals. */
  private sandbox(props: Record<string, unknown>, extra: object | null): object {
    const globals: Record<string, unknown> = {
      ...this.globals(),
      Date: this.rt.Date,
      JSON,
      Math,
      String,
      Number,
      Boolean,
      Array,
      Object,
      RegExp,
      Error,
      TypeError,
      RangeError,
      parseInt,
      parseFloat,
      isNaN,
      isFinite,
      encodeURIComponent,
      decodeURIComponent,
      encodeURI,
      decodeURI,
      undefined,
      NaN,
      Infinity,
    };
    const lookup = (key: string): { found: boolean; value?: unknown } => {
      if (key in props) return { found: true, value: props[key] };
      if (extra && key in extra) return { found: true, value: (extra as Record<string, unknown>)[key] };
      if (key in globals) return { found: true, value: globals[key] };
      return { found: false };
    };
    return new Proxy(props, {
      has: (_t, key) => typeof key === 'string' && !HIDDEN.has(key),
      get: (_t, key) => {
        if (typeof key !== 'string') return undefined;
        const hit = lookup(key);
        if (!hit.found) throw new ReferenceError(`${key} is not defined`);
        return hit.value;
      },
      set: (t, key, value) => {
        (t as Record<string | symbol, unknown>)[key] = value;
        return true;
      },
    });
  }
}
