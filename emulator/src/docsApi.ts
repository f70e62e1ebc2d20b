// The Docs advanced service (Docs API v1 as Apps Script exposes it): Docs.Documents.get(documentId) and
// Docs.Documents.batchUpdate(resource, documentId), over the same document model as DocumentApp
// (DocumentService), so the PDF export shows what a batch wrote. Counted as service `Docs`.
//
// References (developers.google.com/workspace/docs/api/…):
// - reference/rest/v1/documents/batchUpdate: "Applies one or more updates to the document. Each
//   request is validated before being applied. If any request is not valid, then the entire request
//   will fail and nothing will be applied." Replies: one per request, "empty" for most kinds;
//   replaceAllText replies { occurrencesChanged }.
// - reference/rest/v1/documents/request: ReplaceAllTextRequest { containsText: { text, matchCase },
//   replaceText } ("Replaces all instances of text matching a criteria with replace text", in the body,
//   headers and footers); InsertTextRequest { text, location: { index, segmentId } |
//   endOfSegmentLocation } ("The text must be inserted inside the bounds of an existing Paragraph";
//   "Inserting a newline character will implicitly create a new Paragraph at that index");
//   DeleteContentRangeRequest (its list of invalid ranges: the last newline of a Body, Header, Footer
//   or TableCell; the newline before a Table; individual rows or parts of a table); InsertTableRowRequest
//   and DeleteTableRowRequest { tableCellLocation: { tableStartLocation: { index, segmentId }, rowIndex,
//   columnIndex }, insertBelow }; UpdateParagraphStyleRequest / UpdateTextStyleRequest { range, style,
//   fields } ("At least one field must be specified").
// - concepts/structure: indexes in UTF-16 code units; the body starts with a section break [0, 1);
//   headers and footers start at 0; a paragraph ends with its "\n"; a table takes one index at its
//   start, one per row and per cell, and one at its end; a soft line break is "\u000b".
// - Error texts as Apps Script shows them: "GoogleJsonResponseException: API call to
//   docs.documents.batchUpdate failed with error: Invalid requests[0].insertText: Index 12 must be less
//   than the end index of the referenced segment, 11." (index errors, widely reported); "Invalid
//   requests[0]: No request set." (an empty request, googleapis/google-api-php-client#2104); "Invalid
//   JSON payload received. Unknown name "x" at 'requests[0]': Cannot find field." (unknown kind,
//   googleapis/google-api-php-client-services#163); "Invalid requests[N].insertTableColumn: Invalid table
//   start location. Must specify the start index of the table." (public bug reports).
//
// Choices (not verified against a live account, documented): insertTableRow gives the new row the
// cell styles of the row it is inserted beside, and empty default paragraphs (callers style them);
// one text run per paragraph in documents.get; a "\n" inside replaceText splits the paragraph, as
// insertText does. Requests Carnet does not use are refused with an "emulator: not emulated" error
// rather than silently ignored.
import type { Attrs, CellNode, ContainerNode, DocModel, DocumentService, ParaNode, RowNode, SectionNode, TableNode } from './documents';
import { attach, detach, newPara } from './documents';
import type { Runtime } from './runtime';

export const HEADER_ID = 'kix.header0';
export const FOOTER_ID = 'kix.footer0';

/** Every request kind of the API's Request union: an unknown name is a JSON payload error. */
const KNOWN_KINDS = [
  'replaceAllText',
  'insertText',
  'updateTextStyle',
  'createParagraphBullets',
  'deleteParagraphBullets',
  'createNamedRange',
  'deleteNamedRange',
  'updateParagraphStyle',
  'deleteContentRange',
  'insertInlineImage',
  'insertTable',
  'insertTableRow',
  'insertTableColumn',
  'deleteTableRow',
  'deleteTableColumn',
  'insertPageBreak',
  'deletePositionedObject',
  'updateTableColumnProperties',
  'updateTableCellStyle',
  'updateTableRowStyle',
  'replaceImage',
  'updateDocumentStyle',
  'mergeTableCells',
  'unmergeTableCells',
  'createHeader',
  'createFooter',
  'createFootnote',
  'replaceNamedRangeContent',
  'updateSectionStyle',
  'insertSectionBreak',
  'deleteHeader',
  'deleteFooter',
  'pinTableHeaderRows',
] as const;
const EMULATED = ['replaceAllText', 'insertText', 'deleteContentRange', 'insertTableRow', 'deleteTableRow', 'updateParagraphStyle', 'updateTextStyle'];

/** What an advanced-service call throws when the API answers 400/404. */
export function docsApiError(method: string, message: string): Error {
  const error = new Error(`API call to docs.documents.${method} failed with error: ${message}`);
  error.name = 'GoogleJsonResponseException';
  return error;
}

/** A request refused by the API: `Invalid requests[i].kind: message`. */
class Invalid extends Error {}

// ---------------------------------------------------------------------------------------------
// Layout: the API's indexes over the element tree

interface ParaAt {
  para: ParaNode;
  start: number;
  /** Exclusive, after the paragraph's "\n". */
  end: number;
  container: ContainerNode;
}
interface TableAt {
  table: TableNode;
  start: number;
  end: number;
}
interface Layout {
  paras: ParaAt[];
  tables: TableAt[];
  /** The segment's end index (exclusive). */
  end: number;
  content: unknown[];
}

const PT = (magnitude: number) => ({ magnitude, unit: 'PT' });
const ALIGN_TO_API: Record<string, string> = { LEFT: 'START', CENTER: 'CENTER', RIGHT: 'END', JUSTIFY: 'JUSTIFIED' };
const ALIGN_FROM_API: Record<string, string> = { START: 'LEFT', CENTER: 'CENTER', END: 'RIGHT', JUSTIFIED: 'JUSTIFY' };

/** A paragraph's length in the API: its text ("\r" shown as the soft break "\u000b") and its "\n"; a rule or page break is one element. */
function paraLength(p: ParaNode): number {
  return p.inline ? 2 : p.text.length + 1;
}

function hexToRgb(hex: string): { red: number; green: number; blue: number } | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? { red: parseInt(m[1], 16) / 255, green: parseInt(m[2], 16) / 255, blue: parseInt(m[3], 16) / 255 } : null;
}

function rgbToHex(rgb: { red?: number; green?: number; blue?: number }): string {
  const part = (v: number | undefined) =>
    Math.round((v ?? 0) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${part(rgb.red)}${part(rgb.green)}${part(rgb.blue)}`;
}

function textStyleOf(attrs: Attrs): Record<string, unknown> {
  const style: Record<string, unknown> = {};
  if (typeof attrs.BOLD === 'boolean') style.bold = attrs.BOLD;
  if (typeof attrs.ITALIC === 'boolean') style.italic = attrs.ITALIC;
  if (typeof attrs.FONT_SIZE === 'number') style.fontSize = PT(attrs.FONT_SIZE);
  const rgb = typeof attrs.FOREGROUND_COLOR === 'string' ? hexToRgb(attrs.FOREGROUND_COLOR) : null;
  if (rgb) style.foregroundColor = { color: { rgbColor: rgb } };
  return style;
}

function at(json: Record<string, unknown>, start: number): Record<string, unknown> {
  // proto3 JSON leaves a zero startIndex out.
  return start === 0 ? json : { startIndex: start, ...json };
}

function layoutContainer(container: ContainerNode, from: number, out: Layout): unknown[] {
  let i = from;
  const content: unknown[] = [];
  for (const child of container.children) {
    if (child.type === 'PARAGRAPH') {
      const end = i + paraLength(child);
      out.paras.push({ para: child, start: i, end, container });
      const element = child.inline
        ? { [child.inline === 'PAGE_BREAK' ? 'pageBreak' : 'horizontalRule']: {} }
        : { textRun: { content: `${child.text.replace(/\r/g, '\u000b')}\n`, textStyle: textStyleOf(child.attrs) } };
      const paragraphStyle: Record<string, unknown> = {
        namedStyleType: child.heading === 'NORMAL' ? 'NORMAL_TEXT' : child.heading.replace(/^HEADING(\d)$/, 'HEADING_$1'),
      };
      if (child.alignment) paragraphStyle.alignment = ALIGN_TO_API[child.alignment];
      if (typeof child.attrs.SPACING_BEFORE === 'number') paragraphStyle.spaceAbove = PT(child.attrs.SPACING_BEFORE);
      if (typeof child.attrs.SPACING_AFTER === 'number') paragraphStyle.spaceBelow = PT(child.attrs.SPACING_AFTER);
      content.push(at({ endIndex: end, paragraph: { elements: [at({ endIndex: end, ...element }, i)], paragraphStyle } }, i));
      i = end;
    } else {
      const start = i;
      i += 1;
      const tableRows = child.rows.map((row) => {
        const rowStart = i;
        i += 1;
        const tableCells = row.cells.map((cell) => {
          const cellStart = i;
          i += 1;
          const cellContent = layoutContainer(cell, i, out);
          i = out.end;
          const style: Record<string, unknown> = {};
          const rgb = typeof cell.attrs.BACKGROUND_COLOR === 'string' ? hexToRgb(cell.attrs.BACKGROUND_COLOR) : null;
          if (rgb) style.backgroundColor = { color: { rgbColor: rgb } };
          return { startIndex: cellStart, endIndex: i, content: cellContent, tableCellStyle: style };
        });
        return { startIndex: rowStart, endIndex: i, tableCells };
      });
      i += 1;
      out.tables.push({ table: child, start, end: i });
      const columns = Math.max(0, ...child.rows.map((r) => r.cells.length));
      content.push(at({ endIndex: i, table: { rows: child.rows.length, columns, tableRows } }, start));
    }
  }
  out.end = i;
  return content;
}

function layoutSection(section: SectionNode): Layout {
  const out: Layout = { paras: [], tables: [], end: 0, content: [] };
  const isBody = section.type === 'BODY_SECTION';
  const content = layoutContainer(section, isBody ? 1 : 0, out);
  out.content = isBody
    ? [{ endIndex: 1, sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT' } } }, ...content]
    : content;
  return out;
}

/** The document resource of documents.get. */
function documentJson(id: string, title: string, model: DocModel): Record<string, unknown> {
  const json: Record<string, unknown> = { documentId: id, title, body: { content: layoutSection(model.body).content } };
  const documentStyle: Record<string, unknown> = { pageSize: { width: PT(595.276), height: PT(841.89) } };
  if (model.header) {
    json.headers = { [HEADER_ID]: { headerId: HEADER_ID, content: layoutSection(model.header).content } };
    documentStyle.defaultHeaderId = HEADER_ID;
  }
  if (model.footer) {
    json.footers = { [FOOTER_ID]: { footerId: FOOTER_ID, content: layoutSection(model.footer).content } };
    documentStyle.defaultFooterId = FOOTER_ID;
  }
  json.documentStyle = documentStyle;
  return json;
}

// ---------------------------------------------------------------------------------------------
// Applying requests to a draft model

function plain(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function integer(value: unknown): number | null {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

function segmentOf(model: DocModel, segmentId: unknown): SectionNode {
  const id = segmentId === undefined || segmentId === null ? '' : String(segmentId);
  if (id === '') return model.body;
  if (id === HEADER_ID && model.header) return model.header;
  if (id === FOOTER_ID && model.footer) return model.footer;
  throw new Invalid(`The segment ID ${id} does not exist.`);
}

/** Splits a paragraph at each "\n" of its text: the new paragraphs take its style. */
function splitNewlines(p: ParaNode): void {
  if (!p.text.includes('\n')) return;
  const [first, ...rest] = p.text.split('\n');
  p.text = first;
  p.spans = p.spans.filter((s) => s.end < first.length);
  const container = p.parent as ContainerNode;
  let index = container.children.indexOf(p);
  for (const text of rest) {
    const next: ParaNode = { ...newPara(text), heading: p.heading, alignment: p.alignment, attrs: { ...p.attrs } };
    attach(container, next, ++index);
  }
}

/** Text handed to the model: the soft line break "\u000b" is the model's "\r". */
const modelText = (text: string) => text.split('\u000b').join('\r');

function replaceAllText(model: DocModel, request: Record<string, unknown>): Record<string, unknown> {
  const criteria = plain(request.containsText);
  const find = typeof criteria.text === 'string' ? criteria.text : '';
  if (!find) throw new Invalid('The search text must not be empty.');
  const replacement = modelText(typeof request.replaceText === 'string' ? request.replaceText : '');
  const matchCase = criteria.matchCase === true;
  const needle = modelText(find);
  let count = 0;
  for (const section of [model.body, model.header, model.footer]) {
    if (!section) continue;
    const paras = layoutSection(section).paras.map((p) => p.para);
    for (const p of paras) {
      if (p.inline) continue;
      const haystack = matchCase ? p.text : p.text.toLowerCase();
      const target = matchCase ? needle : needle.toLowerCase();
      let out = '';
      let last = 0;
      let found = haystack.indexOf(target);
      if (found < 0) continue;
      while (found >= 0) {
        out += p.text.slice(last, found) + replacement;
        last = found + target.length;
        count += 1;
        found = haystack.indexOf(target, last);
      }
      p.text = out + p.text.slice(last);
      p.spans = p.spans.filter((s) => s.end < p.text.length);
      splitNewlines(p);
    }
  }
  return { replaceAllText: count ? { occurrencesChanged: count } : {} };
}

function indexError(index: number, end: number): Invalid {
  return new Invalid(`Index ${index} must be less than the end index of the referenced segment, ${end}.`);
}

function insertText(model: DocModel, request: Record<string, unknown>): void {
  const text = typeof request.text === 'string' ? request.text : '';
  const location = request.location === undefined ? null : plain(request.location);
  const section = segmentOf(model, location ? location.segmentId : plain(request.endOfSegmentLocation).segmentId);
  const layout = layoutSection(section);
  let target: ParaAt | undefined;
  let offset: number;
  if (location) {
    const index = integer(location.index);
    if (index === null || index < 0) throw new Invalid('Index must be a non-negative integer.');
    if (index >= layout.end) throw indexError(index, layout.end);
    target = layout.paras.find((p) => p.start <= index && index < p.end && !p.para.inline);
    if (!target)
      throw new Invalid('The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.');
    offset = index - target.start;
  } else {
    target = layout.paras[layout.paras.length - 1];
    offset = target.para.text.length;
  }
  const p = target.para;
  const inserted = modelText(text);
  p.text = p.text.slice(0, offset) + inserted + p.text.slice(offset);
  p.spans = p.spans.map((s) => (s.start >= offset ? { ...s, start: s.start + inserted.length, end: s.end + inserted.length } : s));
  splitNewlines(p);
}

function deleteContentRange(model: DocModel, request: Record<string, unknown>): void {
  const range = plain(request.range);
  const section = segmentOf(model, range.segmentId);
  const layout = layoutSection(section);
  const start = integer(range.startIndex);
  const end = integer(range.endIndex);
  if (start === null || end === null) throw new Invalid('The range must specify both a start and an end index.');
  if (start >= end) throw new Invalid('The range should not be empty.');
  if (end > layout.end) throw indexError(end, layout.end);
  const first = layout.paras.find((p) => p.start <= start && start < p.end);
  const last = layout.paras.find((p) => p.start < end && end <= p.end);
  if (!first || !last) throw new Invalid('Invalid deletion range. Cannot delete the requested range.');
  // Text inside one paragraph, its "\n" kept.
  if (first === last && end < last.end) {
    const p = first.para;
    const from = start - first.start;
    const to = end - first.start;
    p.text = p.text.slice(0, from) + p.text.slice(to);
    p.spans = p.spans
      .filter((s) => s.end < from || s.start >= to)
      .map((s) => (s.start >= to ? { ...s, start: s.start - (to - from), end: s.end - (to - from) } : s));
    return;
  }
  // Whole paragraphs of one container, nothing else.
  const container = first.container;
  const whole = start === first.start && end === last.end && last.container === container;
  const covered = layout.paras.filter((p) => p.start >= start && p.end <= end);
  const siblings = container.children;
  const from = siblings.indexOf(first.para);
  const to = siblings.indexOf(last.para);
  if (!whole || to < from || covered.length !== to - from + 1 || covered.some((p) => p.container !== container)) {
    if (start > first.start || end < last.end) throw new Error('Docs emulator: deleting across paragraph boundaries (merging paragraphs) is not emulated');
    throw new Invalid('Invalid deletion range. Cannot delete the requested range.');
  }
  if (to === siblings.length - 1) throw new Invalid('The range cannot include the newline character at the end of the segment.');
  if (siblings[to + 1].type === 'TABLE') throw new Invalid('Invalid deletion range. Cannot delete the newline character before a table.');
  for (const p of covered) detach(p.para);
}

interface CellLocation {
  table: TableNode;
  row: number;
}

function tableCellLocation(model: DocModel, request: Record<string, unknown>): CellLocation {
  const location = plain(request.tableCellLocation);
  const tableStart = plain(location.tableStartLocation);
  const section = segmentOf(model, tableStart.segmentId);
  const index = integer(tableStart.index);
  const found = layoutSection(section).tables.find((t) => t.start === index);
  if (!found) throw new Invalid('Invalid table start location. Must specify the start index of the table.');
  const row = integer(location.rowIndex ?? 0);
  if (row === null || row < 0 || row >= found.table.rows.length) throw new Invalid(`The row index ${String(location.rowIndex)} is out of bounds.`);
  return { table: found.table, row };
}

function insertTableRow(model: DocModel, request: Record<string, unknown>): void {
  const { table, row } = tableCellLocation(model, request);
  const reference = table.rows[row];
  const inserted: RowNode = { type: 'TABLE_ROW', cells: [], attrs: { ...reference.attrs }, parent: null };
  reference.cells.forEach((cell, c) => {
    const fresh: CellNode = { type: 'TABLE_CELL', children: [], attrs: { ...cell.attrs }, parent: null };
    attach(fresh, newPara(), 0);
    attach(inserted, fresh, c);
  });
  attach(table, inserted, request.insertBelow === true ? row + 1 : row);
}

function deleteTableRow(model: DocModel, request: Record<string, unknown>): void {
  const { table, row } = tableCellLocation(model, request);
  if (table.rows.length === 1) throw new Error('Docs emulator: deleting the only row of a table (which deletes the table) is not emulated');
  detach(table.rows[row]);
}

/** The paragraphs a range touches, with the part of each text it covers. */
function parasIn(model: DocModel, range: Record<string, unknown>): Array<{ at: ParaAt; from: number; to: number }> {
  const section = segmentOf(model, range.segmentId);
  const layout = layoutSection(section);
  const start = integer(range.startIndex);
  const end = integer(range.endIndex);
  if (start === null || end === null) throw new Invalid('The range must specify both a start and an end index.');
  if (start >= end) throw new Invalid('The range should not be empty.');
  if (end > layout.end) throw indexError(end, layout.end);
  return layout.paras
    .filter((p) => p.start < end && start < p.end)
    .map((p) => ({ at: p, from: Math.max(0, start - p.start), to: Math.min(p.para.text.length, end - p.start) }));
}

function fieldsOf(request: Record<string, unknown>): string[] {
  const fields = typeof request.fields === 'string' ? request.fields.split(',').map((f) => f.trim()) : [];
  if (!fields.filter(Boolean).length) throw new Invalid("At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)");
  return fields;
}

function updateParagraphStyle(model: DocModel, request: Record<string, unknown>): void {
  const fields = fieldsOf(request);
  const style = plain(request.paragraphStyle);
  const wants = (name: string) => fields.includes(name) || fields.includes('*');
  for (const { at: p } of parasIn(model, plain(request.range))) {
    if (wants('alignment'))
      p.para.alignment = typeof style.alignment === 'string' ? ((ALIGN_FROM_API[style.alignment] ?? null) as ParaNode['alignment']) : null;
    for (const [field, attr] of [
      ['spaceAbove', 'SPACING_BEFORE'],
      ['spaceBelow', 'SPACING_AFTER'],
    ] as const) {
      if (wants(field)) {
        const magnitude = plain(style[field]).magnitude;
        if (typeof magnitude === 'number') p.para.attrs[attr] = magnitude;
        else delete p.para.attrs[attr];
      }
    }
  }
}

function updateTextStyle(model: DocModel, request: Record<string, unknown>): void {
  const fields = fieldsOf(request);
  const style = plain(request.textStyle);
  const wants = (name: string) => fields.includes(name) || fields.includes('*');
  const attrs: Attrs = {};
  if (wants('bold')) attrs.BOLD = style.bold === true;
  if (wants('italic')) attrs.ITALIC = style.italic === true;
  if (wants('fontSize')) attrs.FONT_SIZE = typeof plain(style.fontSize).magnitude === 'number' ? plain(style.fontSize).magnitude : null;
  if (wants('foregroundColor')) {
    const rgb = plain(plain(plain(style.foregroundColor).color).rgbColor);
    attrs.FOREGROUND_COLOR = Object.keys(rgb).length ? rgbToHex(rgb) : null;
  }
  for (const { at: p, from, to } of parasIn(model, plain(request.range))) {
    if (from === 0 && to >= p.para.text.length) Object.assign(p.para.attrs, attrs);
    else if (to > from) p.para.spans.push({ start: from, end: to - 1, attrs: { ...attrs } });
  }
}

function apply(model: DocModel, kind: string, request: Record<string, unknown>): Record<string, unknown> {
  switch (kind) {
    case 'replaceAllText':
      return replaceAllText(model, request);
    case 'insertText':
      insertText(model, request);
      return {};
    case 'deleteContentRange':
      deleteContentRange(model, request);
      return {};
    case 'insertTableRow':
      insertTableRow(model, request);
      return {};
    case 'deleteTableRow':
      deleteTableRow(model, request);
      return {};
    case 'updateParagraphStyle':
      updateParagraphStyle(model, request);
      return {};
    default:
      updateTextStyle(model, request);
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// The service as the script sees it

export class FakeDocsDocuments {
  constructor(
    private readonly rt: Runtime,
    private readonly documents: DocumentService,
  ) {}

  private open(method: string, documentId: unknown): string {
    const id = String(documentId ?? '');
    const record = this.documents.drive.record(id);
    // A Doc in the trash is still readable and writable by id, as with DocumentApp.openById.
    if (!record || !this.documents.docIds().includes(id)) throw docsApiError(method, 'Requested entity was not found.');
    return id;
  }

  get(documentId: string, _optionalArgs?: object): GoogleAppsScript.Docs.Schema.Document {
    this.rt.call('Docs', 'Documents.get');
    const id = this.open('get', documentId);
    return documentJson(id, this.documents.drive.record(id)?.name ?? '', this.documents.model(id)) as GoogleAppsScript.Docs.Schema.Document;
  }

  batchUpdate(resource: GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest, documentId: string): GoogleAppsScript.Docs.Schema.BatchUpdateDocumentResponse {
    this.rt.call('Docs', 'Documents.batchUpdate');
    const id = this.open('batchUpdate', documentId);
    const requests = (resource as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests) || !requests.length) throw docsApiError('batchUpdate', 'Invalid requests: must contain at least one request.');
    // Every request is applied to a draft; the document changes only if all of them succeed.
    const draft = this.documents.draftModel(id);
    const replies = requests.map((raw, i) => {
      const request = plain(JSON.parse(JSON.stringify(raw ?? {})));
      const keys = Object.keys(request);
      const unknown = keys.find((k) => !(KNOWN_KINDS as readonly string[]).includes(k));
      if (unknown) throw docsApiError('batchUpdate', `Invalid JSON payload received. Unknown name "${unknown}" at 'requests[${i}]': Cannot find field.`);
      if (!keys.length) throw docsApiError('batchUpdate', `Invalid requests[${i}]: No request set.`);
      const kind = keys[0];
      if (!EMULATED.includes(kind)) throw new Error(`Docs emulator: ${kind} is not emulated`);
      try {
        return apply(draft, kind, plain(request[kind]));
      } catch (error) {
        if (error instanceof Invalid) throw docsApiError('batchUpdate', `Invalid requests[${i}].${kind}: ${error.message}`);
        throw error;
      }
    });
    this.documents.commitModel(id, draft);
    return { documentId: id, replies, writeControl: {} } as GoogleAppsScript.Docs.Schema.BatchUpdateDocumentResponse;
  }
}

export function docsAdvancedService(rt: Runtime, documents: DocumentService): { Documents: FakeDocsDocuments } {
  return { Documents: new FakeDocsDocuments(rt, documents) };
}
