// DocumentApp over Drive: a Google Doc is a Drive file (DriveService keeps name, parents, sharing)
// whose content this service keeps as a tree of elements. Element handles are live: a row got with
// getRow(i) edits the document; copy() gives a detached element that must be inserted to show.
//
// References (developers.google.com/apps-script/reference/document/…):
// - document-app: create (a new Doc in the root folder), openById, openByUrl, getActiveDocument
//   (null outside a bound Doc, as for this Sheets-bound project), enums.
// - body / header-section / footer-section / paragraph / table / table-row / table-cell / text /
//   range-element: signatures and return types (conformance checks below).
// - body#replaceText: "The search pattern is passed as a string, not a JavaScript regular expression
//   object… This method uses Google's RE2 regular expression library… The provided regular
//   expression pattern is independently matched against each text block" — here, each paragraph.
//   The replacement string follows RE2/J's Matcher.appendReplacement (github.com/google/re2j,
//   Matcher.java): "$n" inserts group n (throws "n > number of groups: n" when the pattern has fewer
//   groups), "\x" inserts x (so a lone backslash disappears), any other "$" is literal. A name with a
//   backslash or an amount like "$5" therefore needs escaping, as in a real account.
// - Messages: "Element must be detached." (inserting an attached element, gas-fakes' live-verified
//   tests), "Can't remove the last paragraph in a document section.", "Child index (i) must be less
//   than the number of child elements (n).", "Document <id> is missing (perhaps it was deleted, or
//   you don't have read access?)" (openById, RomainVialard/ErrorHandler), "Document is closed, its
//   contents cannot be updated." (after saveAndClose), "Service invoked too many times for one day:
//   docs create." (250 Docs a day, consumer quota).
// - A new Doc's body holds one empty paragraph; a section always ends with a paragraph (appending a
//   table at the end adds an empty paragraph after it).
//
// Choices (documented, not verified against a live account): getAs/getBlob always reflect the
// current content (no pending-changes window before saveAndClose); Table/Row/Cell getText join
// their parts with "\n"; a paragraph's "\n" becomes "\r" (as the Paragraph page says).
//
// Test API: text(docId), pdf(docId), blocks(docId), seed(name, content), docIds(), setDailyCreateQuota(n).
import type { DriveRecord, DriveService } from './drive';
import { DriveUser, EnumValue, GOOGLE_DOC_MIME, NOT_FOUND, driveError, makeEnum } from './drive';
import { EmulatedBlob } from './blob';
import { conforms } from './conformance';
import { renderPdf, type PdfBlock, type PdfParagraph, type PdfRun, type PdfStyle } from './pdf';
import type { Runtime } from './runtime';

export { pdfText, extractPdfText } from './pdf';

const HEADINGS = ['NORMAL', 'HEADING1', 'HEADING2', 'HEADING3', 'HEADING4', 'HEADING5', 'HEADING6', 'TITLE', 'SUBTITLE'] as const;
const ALIGNMENTS = ['LEFT', 'CENTER', 'RIGHT', 'JUSTIFY'] as const;
type HeadingName = (typeof HEADINGS)[number];
type AlignName = (typeof ALIGNMENTS)[number];

export const ParagraphHeading = makeEnum('ParagraphHeading', HEADINGS);
export const HorizontalAlignment = makeEnum('HorizontalAlignment', ALIGNMENTS);
export const ElementType = makeEnum('ElementType', [
  'BODY_SECTION',
  'COMMENT_SECTION',
  'DATE',
  'DOCUMENT',
  'EQUATION',
  'EQUATION_FUNCTION',
  'EQUATION_FUNCTION_ARGUMENT_SEPARATOR',
  'EQUATION_SYMBOL',
  'FOOTER_SECTION',
  'FOOTNOTE',
  'FOOTNOTE_SECTION',
  'HEADER_SECTION',
  'HORIZONTAL_RULE',
  'INLINE_DRAWING',
  'INLINE_IMAGE',
  'LIST_ITEM',
  'PAGE_BREAK',
  'PARAGRAPH',
  'PERSON',
  'RICH_LINK',
  'TABLE',
  'TABLE_CELL',
  'TABLE_OF_CONTENTS',
  'TABLE_ROW',
  'TEXT',
  'UNSUPPORTED',
] as const);
export const Attribute = makeEnum('Attribute', [
  'BACKGROUND_COLOR',
  'BOLD',
  'BORDER_COLOR',
  'BORDER_WIDTH',
  'CODE',
  'FONT_FAMILY',
  'FONT_SIZE',
  'FOREGROUND_COLOR',
  'HEADING',
  'HEIGHT',
  'HORIZONTAL_ALIGNMENT',
  'INDENT_END',
  'INDENT_FIRST_LINE',
  'INDENT_START',
  'ITALIC',
  'GLYPH_TYPE',
  'LEFT_TO_RIGHT',
  'LINE_SPACING',
  'LINK_URL',
  'LIST_ID',
  'MARGIN_BOTTOM',
  'MARGIN_LEFT',
  'MARGIN_RIGHT',
  'MARGIN_TOP',
  'NESTING_LEVEL',
  'MINIMUM_HEIGHT',
  'PADDING_BOTTOM',
  'PADDING_LEFT',
  'PADDING_RIGHT',
  'PADDING_TOP',
  'PAGE_HEIGHT',
  'PAGE_WIDTH',
  'SPACING_AFTER',
  'SPACING_BEFORE',
  'STRIKETHROUGH',
  'UNDERLINE',
  'VERTICAL_ALIGNMENT',
  'WIDTH',
] as const);
export const TextAlignment = makeEnum('TextAlignment', ['NORMAL', 'SUPERSCRIPT', 'SUBSCRIPT'] as const);
export const VerticalAlignment = makeEnum('VerticalAlignment', ['BOTTOM', 'CENTER', 'TOP'] as const);
export const GlyphType = makeEnum('GlyphType', [
  'BULLET',
  'HOLLOW_BULLET',
  'SQUARE_BULLET',
  'NUMBER',
  'LATIN_UPPER',
  'LATIN_LOWER',
  'ROMAN_UPPER',
  'ROMAN_LOWER',
] as const);
export const PositionedLayout = makeEnum('PositionedLayout', ['ABOVE_TEXT', 'BREAK_BOTH', 'BREAK_LEFT', 'BREAK_RIGHT', 'WRAP_TEXT'] as const);
export const FontFamily = makeEnum('FontFamily', ['ARIAL', 'CALIBRI', 'COMIC_SANS_MS', 'COURIER_NEW', 'GEORGIA', 'TIMES_NEW_ROMAN', 'VERDANA'] as const);

export const DETACHED = 'Element must be detached.';
export const LAST_PARAGRAPH = "Can't remove the last paragraph in a document section.";
export const CLOSED = 'Document is closed, its contents cannot be updated.';
export const DAILY_CREATE_QUOTA = 250;
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// The element tree

export type Attrs = Record<string, unknown>;
interface Span {
  start: number;
  end: number;
  attrs: Attrs;
}
export interface ParaNode {
  type: 'PARAGRAPH';
  text: string;
  heading: HeadingName;
  alignment: AlignName | null;
  attrs: Attrs;
  spans: Span[];
  /** A paragraph holding a horizontal rule or a page break instead of text. */
  inline: 'HORIZONTAL_RULE' | 'PAGE_BREAK' | null;
  parent: ContainerNode | null;
}
export interface TableNode {
  type: 'TABLE';
  rows: RowNode[];
  attrs: Attrs;
  parent: ContainerNode | null;
}
export interface RowNode {
  type: 'TABLE_ROW';
  cells: CellNode[];
  attrs: Attrs;
  parent: TableNode | null;
}
export interface CellNode {
  type: 'TABLE_CELL';
  children: BlockNode[];
  attrs: Attrs;
  parent: RowNode | null;
}
export type SectionType = 'BODY_SECTION' | 'HEADER_SECTION' | 'FOOTER_SECTION';
export interface SectionNode {
  type: SectionType;
  children: BlockNode[];
  attrs: Attrs;
  parent: null;
  docId: string;
}
export type BlockNode = ParaNode | TableNode;
export type ContainerNode = SectionNode | CellNode;
export type AnyNode = BlockNode | RowNode | CellNode | SectionNode;

export interface DocModel {
  body: SectionNode;
  header: SectionNode | null;
  footer: SectionNode | null;
}

export const newPara = (text = ''): ParaNode => ({
  type: 'PARAGRAPH',
  text,
  heading: 'NORMAL',
  alignment: null,
  attrs: {},
  spans: [],
  inline: null,
  parent: null,
});
const newSection = (type: SectionType, docId: string): SectionNode => {
  const section: SectionNode = { type, children: [], attrs: {}, parent: null, docId };
  attach(section, newPara(), 0);
  return section;
};
const newCell = (text: string): CellNode => {
  const cell: CellNode = { type: 'TABLE_CELL', children: [], attrs: {}, parent: null };
  attach(cell, newPara(paragraphText(text)), 0);
  return cell;
};

function childrenOf(node: AnyNode): AnyNode[] {
  switch (node.type) {
    case 'TABLE':
      return node.rows;
    case 'TABLE_ROW':
      return node.cells;
    case 'PARAGRAPH':
      return [];
    default:
      return node.children;
  }
}

/** Inserts a detached node as child `index` of `parent` (the caller checked the index). */
export function attach(parent: AnyNode, child: AnyNode, index: number): void {
  if (parent.type === 'TABLE' && child.type === 'TABLE_ROW') {
    parent.rows.splice(index, 0, child);
    child.parent = parent;
  } else if (parent.type === 'TABLE_ROW' && child.type === 'TABLE_CELL') {
    parent.cells.splice(index, 0, child);
    child.parent = parent;
  } else if ((parent.type === 'TABLE_CELL' || parent.type.endsWith('_SECTION')) && (child.type === 'PARAGRAPH' || child.type === 'TABLE')) {
    (parent as ContainerNode).children.splice(index, 0, child);
    child.parent = parent as ContainerNode;
  } else {
    throw driveError(`Invalid argument: cannot insert ${child.type} in ${parent.type}`);
  }
}

export function detach(node: AnyNode): void {
  const parent = node.parent as AnyNode | null;
  if (!parent) return;
  const siblings = childrenOf(parent);
  siblings.splice(siblings.indexOf(node), 1);
  node.parent = null;
}

function clone<T extends AnyNode>(node: T): T {
  switch (node.type) {
    case 'PARAGRAPH':
      return { ...node, attrs: { ...node.attrs }, spans: node.spans.map((s) => ({ ...s, attrs: { ...s.attrs } })), parent: null } as T;
    case 'TABLE': {
      const table: TableNode = { type: 'TABLE', rows: [], attrs: { ...node.attrs }, parent: null };
      node.rows.forEach((r, i) => attach(table, clone(r), i));
      return table as T;
    }
    case 'TABLE_ROW': {
      const row: RowNode = { type: 'TABLE_ROW', cells: [], attrs: { ...node.attrs }, parent: null };
      node.cells.forEach((c, i) => attach(row, clone(c), i));
      return row as T;
    }
    case 'TABLE_CELL': {
      const cell: CellNode = { type: 'TABLE_CELL', children: [], attrs: { ...node.attrs }, parent: null };
      node.children.forEach((c, i) => attach(cell, clone(c), i));
      return cell as T;
    }
    default: {
      const section: SectionNode = { type: node.type, children: [], attrs: { ...node.attrs }, parent: null, docId: '' };
      node.children.forEach((c, i) => attach(section, clone(c), i));
      return section as T;
    }
  }
}

function sectionOf(node: AnyNode): SectionNode | null {
  let current: AnyNode | null = node;
  while (current && current.parent) current = current.parent as AnyNode;
  return current && current.type.endsWith('_SECTION') ? (current as SectionNode) : null;
}

function textOf(node: AnyNode): string {
  switch (node.type) {
    case 'PARAGRAPH':
      return node.inline ? '' : node.text;
    case 'TABLE':
      return node.rows.map(textOf).join('\n');
    case 'TABLE_ROW':
      return node.cells.map(textOf).join('\n');
    default:
      return node.children.map(textOf).join('\n');
  }
}

/** Every paragraph under `node`, in document order. */
function paragraphsUnder(node: AnyNode): ParaNode[] {
  if (node.type === 'PARAGRAPH') return [node];
  return childrenOf(node).flatMap(paragraphsUnder);
}

/** "Paragraphs may not contain new-line characters. New-line characters ("\n") are converted to line-break characters ("\r")." */
const paragraphText = (text: unknown): string => String(text ?? '').replace(/\r\n|\n/g, '\r');

function checkIndex(index: unknown, count: number, inserting: boolean): number {
  const i = Number(index);
  if (!Number.isInteger(i) || i < 0) throw driveError(`Invalid argument: childIndex`);
  if (inserting ? i > count : i >= count) {
    throw driveError(`Child index (${i}) must be less than ${inserting ? 'or equal to ' : ''}the number of child elements (${count}).`);
  }
  return i;
}

/** A paragraph's text styles, as the PDF export shows them (a span overrides the paragraph's own). */
function styleOf(attrs: Attrs): PdfStyle {
  return {
    ...(attrs.BOLD !== undefined && attrs.BOLD !== null ? { bold: !!attrs.BOLD } : {}),
    ...(typeof attrs.FONT_SIZE === 'number' ? { size: attrs.FONT_SIZE } : {}),
    ...(typeof attrs.FOREGROUND_COLOR === 'string' ? { color: attrs.FOREGROUND_COLOR } : {}),
  };
}

function pdfParagraph(p: ParaNode): PdfParagraph {
  const spacing = (name: string): number | undefined => (typeof p.attrs[name] === 'number' ? (p.attrs[name] as number) : undefined);
  const style: PdfStyle = { ...styleOf(p.attrs), align: p.alignment, spaceBefore: spacing('SPACING_BEFORE'), spaceAfter: spacing('SPACING_AFTER') };
  const text = p.inline ? '' : p.text;
  if (!p.spans.length || !text) return { kind: 'paragraph', text, heading: p.heading, style };
  // Cut the text where a span starts or ends; each piece takes the styles of the spans over it, last set wins.
  const cuts = [...new Set([0, text.length, ...p.spans.flatMap((s) => [s.start, s.end + 1])])].filter((i) => i >= 0 && i <= text.length).sort((a, b) => a - b);
  const runs: PdfRun[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const at = cuts[i];
    const runStyle: PdfStyle = {};
    for (const span of p.spans) if (at >= span.start && at <= span.end) Object.assign(runStyle, styleOf(span.attrs));
    runs.push({ text: text.slice(at, cuts[i + 1]), style: runStyle });
  }
  return { kind: 'paragraph', text, heading: p.heading, style, runs };
}

// ---------------------------------------------------------------------------------------------
// RE2-style search and replace

/** The search pattern as a global JS RegExp (JS syntax stands in for RE2's). */
function searchRegExp(pattern: unknown): RegExp {
  try {
    return new RegExp(String(pattern), 'g');
  } catch (error) {
    throw driveError(`Invalid argument: searchPattern (${(error as Error).message})`);
  }
}

function groupCount(re: RegExp): number {
  return (new RegExp(`${re.source}|`).exec('') ?? ['']).length - 1;
}

/** One match's replacement, as RE2/J's Matcher.appendReplacement builds it. */
function expandReplacement(replacement: string, match: RegExpExecArray, groups: number): string {
  let out = '';
  let last = 0;
  const m = replacement.length;
  for (let i = 0; i < m - 1; i++) {
    const c = replacement[i];
    if (c === '\\') {
      out += replacement.slice(last, i);
      i++;
      last = i;
      continue;
    }
    if (c === '$') {
      const d = replacement.charCodeAt(i + 1);
      if (d >= 48 && d <= 57) {
        let n = d - 48;
        out += replacement.slice(last, i);
        for (i += 2; i < m; i++) {
          const e = replacement.charCodeAt(i);
          if (e < 48 || e > 57 || n * 10 + e - 48 > groups) break;
          n = n * 10 + e - 48;
        }
        if (n > groups) throw driveError(`n > number of groups: ${n}`);
        out += match[n] ?? '';
        last = i;
        i--;
      }
    }
  }
  return out + replacement.slice(last);
}

/** Replaces every match of `re` in `text` (RE2 semantics for the replacement string). */
export function re2ReplaceAll(text: string, pattern: string, replacement: string): string {
  const re = searchRegExp(pattern);
  return replaceWith(text, re, String(replacement));
}

function replaceWith(text: string, re: RegExp, replacement: string): string {
  const groups = groupCount(re);
  let out = '';
  let last = 0;
  re.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text))) {
    out += text.slice(last, match.index) + expandReplacement(replacement, match, groups);
    last = match.index + match[0].length;
    if (match[0].length === 0) re.lastIndex += 1;
    if (re.lastIndex > text.length) break;
  }
  return out + text.slice(last);
}

// ---------------------------------------------------------------------------------------------
// Element handles

interface Session {
  closed: boolean;
}

const nodes = new WeakMap<object, AnyNode>();

/** The node behind an element handle the script passed back to us. */
function nodeOf(element: unknown, expected?: AnyNode['type'][]): AnyNode {
  const node = element && typeof element === 'object' ? nodes.get(element) : undefined;
  if (!node || (expected && !expected.includes(node.type))) throw driveError('Invalid argument: element');
  return node;
}

abstract class FakeElement {
  protected abstract readonly className: string;
  constructor(
    protected readonly svc: DocumentService,
    protected readonly session: Session,
    node: AnyNode,
  ) {
    nodes.set(this, node);
  }
  protected get node(): AnyNode {
    return nodes.get(this) as AnyNode;
  }
  protected call(method: string): void {
    this.svc.rt.call('DocumentApp', `${this.className}.${method}`);
    if (this.session.closed) throw driveError(CLOSED);
  }
  protected changed(): void {
    this.svc.changed(this.node);
  }
  protected wrap(node: AnyNode): FakeElement {
    return this.svc.wrap(node, this.session);
  }
  getType(): EnumValue {
    this.call('getType');
    return ElementType[this.node.type];
  }
  getParent(): FakeElement | null {
    this.call('getParent');
    return this.node.parent ? this.wrap(this.node.parent as AnyNode) : null;
  }
  private sibling(offset: number): FakeElement | null {
    const parent = this.node.parent as AnyNode | null;
    if (!parent) return null;
    const siblings = childrenOf(parent);
    const next = siblings[siblings.indexOf(this.node) + offset];
    return next ? this.wrap(next) : null;
  }
  getNextSibling(): FakeElement | null {
    this.call('getNextSibling');
    return this.sibling(1);
  }
  getPreviousSibling(): FakeElement | null {
    this.call('getPreviousSibling');
    return this.sibling(-1);
  }
  isAtDocumentEnd(): boolean {
    this.call('isAtDocumentEnd');
    const section = sectionOf(this.node);
    if (!section || section.type !== 'BODY_SECTION') return false;
    let node: AnyNode = section;
    while (childrenOf(node).length) node = childrenOf(node)[childrenOf(node).length - 1];
    return node === this.node || (this.node.type !== 'PARAGRAPH' && paragraphsUnder(this.node).includes(node as ParaNode));
  }
  getAttributes(): Attrs {
    this.call('getAttributes');
    const attrs: Attrs = {};
    for (const name of Object.keys(Attribute)) attrs[name] = this.node.attrs[name] ?? null;
    if (this.node.type === 'PARAGRAPH') {
      attrs.HEADING = ParagraphHeading[this.node.heading];
      attrs.HORIZONTAL_ALIGNMENT = this.node.alignment ? HorizontalAlignment[this.node.alignment] : null;
    }
    return attrs;
  }
  protected applyAttributes(attributes: unknown): void {
    if (!attributes || typeof attributes !== 'object') throw driveError('Invalid argument: attributes');
    for (const [key, value] of Object.entries(attributes as Attrs)) {
      if (!(key in Attribute)) continue;
      if (this.node.type === 'PARAGRAPH' && key === 'HEADING') this.node.heading = nameIn(ParagraphHeading, value, 'HEADING');
      else if (this.node.type === 'PARAGRAPH' && key === 'HORIZONTAL_ALIGNMENT')
        this.node.alignment = nameIn(HorizontalAlignment, value, 'HORIZONTAL_ALIGNMENT');
      else this.node.attrs[key] = value instanceof EnumValue ? value.toString() : value;
    }
    this.changed();
  }
  protected doRemoveFromParent(): void {
    this.call('removeFromParent');
    const parent = this.node.parent as AnyNode | null;
    if (!parent) return;
    if (parent.type.endsWith('_SECTION')) checkRemovable(parent as SectionNode, this.node);
    this.svc.changed(parent);
    detach(this.node);
  }
  private cast(target: AnyNode['type'] | 'TEXT' | 'HORIZONTAL_RULE' | 'PAGE_BREAK'): void {
    this.call(`as${target}`);
    const actual = this instanceof FakeText ? 'TEXT' : this instanceof FakeInline ? ((this.node as ParaNode).inline ?? 'HORIZONTAL_RULE') : this.node.type;
    if (actual !== target) throw driveError(`Cannot cast ${actual} to ${target}.`);
  }
  asParagraph(): FakeParagraph {
    this.cast('PARAGRAPH');
    return this as unknown as FakeParagraph;
  }
  asTable(): FakeTable {
    this.cast('TABLE');
    return this as unknown as FakeTable;
  }
  asTableRow(): FakeTableRow {
    this.cast('TABLE_ROW');
    return this as unknown as FakeTableRow;
  }
  asTableCell(): FakeTableCell {
    this.cast('TABLE_CELL');
    return this as unknown as FakeTableCell;
  }
  asBody(): FakeBody {
    this.cast('BODY_SECTION');
    return this as unknown as FakeBody;
  }
  asHeaderSection(): FakeHeaderSection {
    this.cast('HEADER_SECTION');
    return this as unknown as FakeHeaderSection;
  }
  asFooterSection(): FakeFooterSection {
    this.cast('FOOTER_SECTION');
    return this as unknown as FakeFooterSection;
  }
  asText(): FakeText {
    this.cast('TEXT');
    return this as unknown as FakeText;
  }
  asHorizontalRule(): FakeInline {
    this.cast('HORIZONTAL_RULE');
    return this as unknown as FakeInline;
  }
  asPageBreak(): FakeInline {
    this.cast('PAGE_BREAK');
    return this as unknown as FakeInline;
  }
}

function nameIn<N extends string>(values: Record<N, EnumValue<N>>, value: unknown, arg: string): N {
  const name = String(value) as N;
  if (Object.prototype.hasOwnProperty.call(values, name)) return name;
  throw driveError(`Invalid argument: ${arg}`);
}

function checkRemovable(section: SectionNode, child: AnyNode): void {
  const others = section.children.filter((c) => c !== child);
  if (child.type === 'PARAGRAPH' && !others.some((c) => c.type === 'PARAGRAPH')) throw driveError(LAST_PARAGRAPH);
  if (section.children[section.children.length - 1] === child && child.type === 'PARAGRAPH') throw driveError(LAST_PARAGRAPH);
}

/** Body, header, footer and table cells: containers of paragraphs and tables. */
abstract class FakeContainer extends FakeElement {
  protected get container(): ContainerNode {
    return this.node as ContainerNode;
  }
  getNumChildren(): number {
    this.call('getNumChildren');
    return this.container.children.length;
  }
  getChild(childIndex: number): FakeElement {
    this.call('getChild');
    const i = checkIndex(childIndex, this.container.children.length, false);
    return this.wrap(this.container.children[i]);
  }
  getChildIndex(child: GoogleAppsScript.Document.Element): number {
    this.call('getChildIndex');
    return this.container.children.indexOf(nodeOf(child) as BlockNode);
  }
  getText(): string {
    this.call('getText');
    return textOf(this.container);
  }
  protected insertBlock(method: string, index: number | null, block: BlockNode): void {
    this.call(method);
    const children = this.container.children;
    const at = index === null ? children.length : checkIndex(index, children.length, true);
    attach(this.container, block, at);
    // A section never ends with a table: Docs adds an empty paragraph after it.
    if (this.container.type !== 'TABLE_CELL' && block.type === 'TABLE' && children[children.length - 1] === block) {
      attach(this.container, newPara(), children.length);
    }
    this.changed();
  }
  protected paragraphFrom(value: unknown): ParaNode {
    if (typeof value === 'string' || typeof value === 'number' || value === undefined || value === null) return newPara(paragraphText(value));
    const node = nodeOf(value, ['PARAGRAPH']) as ParaNode;
    if (node.parent) throw driveError(DETACHED);
    return node;
  }
  protected tableFrom(value: unknown): TableNode {
    if (value === undefined || value === null) return { type: 'TABLE', rows: [], attrs: {}, parent: null };
    if (Array.isArray(value)) {
      const table: TableNode = { type: 'TABLE', rows: [], attrs: {}, parent: null };
      const width = Math.max(0, ...value.map((r) => (Array.isArray(r) ? r.length : 0)));
      value.forEach((cells, r) => {
        if (!Array.isArray(cells)) throw driveError('Invalid argument: cells');
        const row: RowNode = { type: 'TABLE_ROW', cells: [], attrs: {}, parent: null };
        for (let c = 0; c < width; c++) attach(row, newCell(String(cells[c] ?? '')), c);
        attach(table, row, r);
      });
      return table;
    }
    const node = nodeOf(value, ['TABLE']) as TableNode;
    if (node.parent) throw driveError(DETACHED);
    return node;
  }
  appendParagraph(paragraph: string | GoogleAppsScript.Document.Paragraph): FakeParagraph {
    const node = this.paragraphFrom(paragraph);
    this.insertBlock('appendParagraph', null, node);
    return this.wrap(node) as FakeParagraph;
  }
  insertParagraph(childIndex: number, paragraph: string | GoogleAppsScript.Document.Paragraph): FakeParagraph {
    const node = this.paragraphFrom(paragraph);
    this.insertBlock('insertParagraph', childIndex, node);
    return this.wrap(node) as FakeParagraph;
  }
  appendTable(cellsOrTable?: string[][] | GoogleAppsScript.Document.Table | null): FakeTable {
    const node = this.tableFrom(cellsOrTable);
    this.insertBlock('appendTable', null, node);
    return this.wrap(node) as FakeTable;
  }
  insertTable(childIndex: number, cellsOrTable?: string[][] | GoogleAppsScript.Document.Table | null): FakeTable {
    const node = this.tableFrom(cellsOrTable);
    this.insertBlock('insertTable', childIndex, node);
    return this.wrap(node) as FakeTable;
  }
  appendHorizontalRule(): FakeInline {
    const para = { ...newPara(), inline: 'HORIZONTAL_RULE' as const };
    this.insertBlock('appendHorizontalRule', null, para);
    return new FakeInline(this.svc, this.session, para);
  }
  insertHorizontalRule(childIndex: number): FakeInline {
    const para = { ...newPara(), inline: 'HORIZONTAL_RULE' as const };
    this.insertBlock('insertHorizontalRule', childIndex, para);
    return new FakeInline(this.svc, this.session, para);
  }
  protected removeChildNode(child: unknown): void {
    this.call('removeChild');
    const node = nodeOf(child);
    if (node.parent !== this.container) throw driveError('Invalid argument: child');
    if (this.container.type !== 'TABLE_CELL') checkRemovable(this.container as SectionNode, node);
    detach(node);
    this.changed();
  }
  protected setContainerText(text: unknown): void {
    this.call('setText');
    const lines = String(text ?? '').split(/\r?\n/);
    for (const child of [...this.container.children]) detach(child);
    lines.forEach((line, i) => attach(this.container, newPara(line), i));
    this.changed();
  }
  protected clearContainer(): void {
    this.call('clear');
    for (const child of [...this.container.children]) detach(child);
    attach(this.container, newPara(), 0);
    this.changed();
  }
  replaceText(searchPattern: string, replacement: string): FakeElement {
    this.call('replaceText');
    this.svc.replaceIn(this.container, searchPattern, replacement);
    return this;
  }
  findText(searchPattern: string, from?: GoogleAppsScript.Document.RangeElement | null): FakeRangeElement | null {
    this.call('findText');
    return this.svc.findIn(this.container, searchPattern, from, this.session);
  }
  editAsText(): FakeText {
    this.call('editAsText');
    return new FakeText(this.svc, this.session, this.container);
  }
}

/** Body, header and footer (a table cell has no getParagraphs/getTables in Apps Script). */
abstract class FakeSectionLike extends FakeContainer {
  getParagraphs(): FakeParagraph[] {
    this.call('getParagraphs');
    return paragraphsUnder(this.container).map((p) => this.wrap(p) as FakeParagraph);
  }
  getTables(): FakeTable[] {
    this.call('getTables');
    const tables: TableNode[] = [];
    const visit = (n: AnyNode): void => {
      if (n.type === 'TABLE') tables.push(n);
      childrenOf(n).forEach(visit);
    };
    this.container.children.forEach(visit);
    return tables.map((t) => this.wrap(t) as FakeTable);
  }
}

abstract class FakeSection extends FakeSectionLike {
  private pageBreakFrom(pageBreak: unknown): ParaNode {
    if (pageBreak === undefined || pageBreak === null) return { ...newPara(), inline: 'PAGE_BREAK' };
    const node = nodeOf(pageBreak, ['PARAGRAPH']) as ParaNode;
    if (node.parent) throw driveError(DETACHED);
    return node;
  }
  appendPageBreak(pageBreak?: GoogleAppsScript.Document.PageBreak | null): FakeInline {
    const para = this.pageBreakFrom(pageBreak);
    this.insertBlock('appendPageBreak', null, para);
    return new FakeInline(this.svc, this.session, para);
  }
  insertPageBreak(childIndex: number, pageBreak?: GoogleAppsScript.Document.PageBreak | null): FakeInline {
    const para = this.pageBreakFrom(pageBreak);
    this.insertBlock('insertPageBreak', childIndex, para);
    return new FakeInline(this.svc, this.session, para);
  }
}

export class FakeBody extends FakeSection {
  protected readonly className = 'Body';
  setText(text: string): FakeBody {
    this.setContainerText(text);
    return this;
  }
  clear(): FakeBody {
    this.clearContainer();
    return this;
  }
  removeChild(child: GoogleAppsScript.Document.Element): FakeBody {
    this.removeChildNode(child);
    return this;
  }
  setAttributes(attributes: unknown): FakeBody {
    this.call('setAttributes');
    this.applyAttributes(attributes);
    return this;
  }
  copy(): FakeBody {
    this.call('copy');
    return new FakeBody(this.svc, this.session, clone(this.container as SectionNode));
  }
  override replaceText(searchPattern: string, replacement: string): FakeBody {
    super.replaceText(searchPattern, replacement);
    return this;
  }
}
conforms<
  GoogleAppsScript.Document.Body,
  FakeBody,
  | 'getText'
  | 'setText'
  | 'clear'
  | 'appendParagraph'
  | 'insertParagraph'
  | 'appendTable'
  | 'insertTable'
  | 'appendHorizontalRule'
  | 'insertHorizontalRule'
  | 'appendPageBreak'
  | 'insertPageBreak'
  | 'getNumChildren'
  | 'getChild'
  | 'getParagraphs'
  | 'getTables'
  | 'replaceText'
  | 'findText'
  | 'editAsText'
  | 'setAttributes'
  | 'getAttributes'
  | 'getChildIndex'
  | 'removeChild'
  | 'getType'
  | 'getParent'
  | 'copy'
>(true);

export class FakeHeaderSection extends FakeSectionLike {
  protected readonly className = 'HeaderSection';
  setText(text: string): FakeHeaderSection {
    this.setContainerText(text);
    return this;
  }
  clear(): FakeHeaderSection {
    this.clearContainer();
    return this;
  }
  removeChild(child: GoogleAppsScript.Document.Element): FakeHeaderSection {
    this.removeChildNode(child);
    return this;
  }
  setAttributes(attributes: unknown): FakeHeaderSection {
    this.call('setAttributes');
    this.applyAttributes(attributes);
    return this;
  }
}
conforms<
  GoogleAppsScript.Document.HeaderSection,
  FakeHeaderSection,
  | 'getText'
  | 'setText'
  | 'clear'
  | 'appendParagraph'
  | 'insertParagraph'
  | 'appendTable'
  | 'getNumChildren'
  | 'getChild'
  | 'getParagraphs'
  | 'replaceText'
  | 'findText'
  | 'removeChild'
>(true);

export class FakeFooterSection extends FakeSectionLike {
  protected readonly className = 'FooterSection';
  setText(text: string): FakeFooterSection {
    this.setContainerText(text);
    return this;
  }
  clear(): FakeFooterSection {
    this.clearContainer();
    return this;
  }
  removeChild(child: GoogleAppsScript.Document.Element): FakeFooterSection {
    this.removeChildNode(child);
    return this;
  }
  setAttributes(attributes: unknown): FakeFooterSection {
    this.call('setAttributes');
    this.applyAttributes(attributes);
    return this;
  }
}
conforms<
  GoogleAppsScript.Document.FooterSection,
  FakeFooterSection,
  | 'getText'
  | 'setText'
  | 'clear'
  | 'appendParagraph'
  | 'insertParagraph'
  | 'appendTable'
  | 'getNumChildren'
  | 'getChild'
  | 'getParagraphs'
  | 'replaceText'
  | 'findText'
  | 'removeChild'
>(true);

/** A horizontal rule or page break (held by a paragraph of its own). */
export class FakeInline extends FakeElement {
  protected readonly className: string;
  constructor(svc: DocumentService, session: Session, node: ParaNode) {
    super(svc, session, node);
    this.className = node.inline === 'PAGE_BREAK' ? 'PageBreak' : 'HorizontalRule';
  }
  override getType(): EnumValue {
    this.call('getType');
    return ElementType[(this.node as ParaNode).inline ?? 'HORIZONTAL_RULE'];
  }
  override getParent(): FakeElement | null {
    this.call('getParent');
    return this.wrap(this.node);
  }
  copy(): FakeInline {
    this.call('copy');
    return new FakeInline(this.svc, this.session, clone(this.node as ParaNode));
  }
  removeFromParent(): FakeInline {
    this.call('removeFromParent');
    (this.node as ParaNode).inline = null;
    this.changed();
    return this;
  }
  setAttributes(attributes: unknown): FakeInline {
    this.call('setAttributes');
    this.applyAttributes(attributes);
    return this;
  }
}

export class FakeParagraph extends FakeElement {
  protected readonly className = 'Paragraph';
  private get para(): ParaNode {
    return this.node as ParaNode;
  }
  getText(): string {
    this.call('getText');
    return textOf(this.para);
  }
  setText(text: string): void {
    this.call('setText');
    this.para.text = paragraphText(text);
    this.para.spans = [];
    this.para.inline = null;
    this.changed();
  }
  appendText(text: string | GoogleAppsScript.Document.Text): FakeText {
    this.call('appendText');
    const added = typeof text === 'string' ? text : textOf(nodeOf(text));
    this.para.text += paragraphText(added);
    this.changed();
    return new FakeText(this.svc, this.session, this.para);
  }
  insertText(childIndex: number, text: string | GoogleAppsScript.Document.Text): FakeText {
    this.call('insertText');
    const added = paragraphText(typeof text === 'string' ? text : textOf(nodeOf(text)));
    this.para.text = Number(childIndex) <= 0 ? added + this.para.text : this.para.text + added;
    this.changed();
    return new FakeText(this.svc, this.session, this.para);
  }
  clear(): FakeParagraph {
    this.call('clear');
    this.para.text = '';
    this.para.spans = [];
    this.para.inline = null;
    this.changed();
    return this;
  }
  getNumChildren(): number {
    this.call('getNumChildren');
    return this.para.inline || this.para.text !== '' ? 1 : 0;
  }
  getChild(childIndex: number): FakeElement {
    this.call('getChild');
    checkIndex(childIndex, this.para.inline || this.para.text !== '' ? 1 : 0, false);
    return this.para.inline ? new FakeInline(this.svc, this.session, this.para) : new FakeText(this.svc, this.session, this.para);
  }
  getHeading(): EnumValue {
    this.call('getHeading');
    return ParagraphHeading[this.para.heading];
  }
  setHeading(heading: GoogleAppsScript.Document.ParagraphHeading): FakeParagraph {
    this.call('setHeading');
    this.para.heading = nameIn(ParagraphHeading, heading, 'heading');
    this.changed();
    return this;
  }
  getAlignment(): EnumValue | null {
    this.call('getAlignment');
    return this.para.alignment ? HorizontalAlignment[this.para.alignment] : null;
  }
  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): FakeParagraph {
    this.call('setAlignment');
    this.para.alignment = nameIn(HorizontalAlignment, alignment, 'alignment');
    this.changed();
    return this;
  }
  setAttributes(attributes: unknown): FakeParagraph {
    this.call('setAttributes');
    this.applyAttributes(attributes);
    return this;
  }
  private setAttr(method: string, name: string, value: unknown): FakeParagraph {
    this.call(method);
    this.para.attrs[name] = value;
    this.changed();
    return this;
  }
  setSpacingAfter(spacingAfter: number): FakeParagraph {
    return this.setAttr('setSpacingAfter', 'SPACING_AFTER', spacingAfter);
  }
  setSpacingBefore(spacingBefore: number): FakeParagraph {
    return this.setAttr('setSpacingBefore', 'SPACING_BEFORE', spacingBefore);
  }
  setLineSpacing(multiplier: number): FakeParagraph {
    return this.setAttr('setLineSpacing', 'LINE_SPACING', multiplier);
  }
  setIndentStart(indentStart: number): FakeParagraph {
    return this.setAttr('setIndentStart', 'INDENT_START', indentStart);
  }
  setLinkUrl(url: string): FakeParagraph {
    return this.setAttr('setLinkUrl', 'LINK_URL', url);
  }
  editAsText(): FakeText {
    this.call('editAsText');
    return new FakeText(this.svc, this.session, this.para);
  }
  replaceText(searchPattern: string, replacement: string): FakeParagraph {
    this.call('replaceText');
    this.svc.replaceIn(this.para, searchPattern, replacement);
    return this;
  }
  findText(searchPattern: string, from?: GoogleAppsScript.Document.RangeElement | null): FakeRangeElement | null {
    this.call('findText');
    return this.svc.findIn(this.para, searchPattern, from, this.session);
  }
  copy(): FakeParagraph {
    this.call('copy');
    return new FakeParagraph(this.svc, this.session, clone(this.para));
  }
  removeFromParent(): FakeParagraph {
    this.doRemoveFromParent();
    return this;
  }
  appendHorizontalRule(): FakeInline {
    this.call('appendHorizontalRule');
    this.para.inline = 'HORIZONTAL_RULE';
    this.changed();
    return new FakeInline(this.svc, this.session, this.para);
  }
  appendPageBreak(_pageBreak?: GoogleAppsScript.Document.PageBreak | null): FakeInline {
    this.call('appendPageBreak');
    this.para.inline = 'PAGE_BREAK';
    this.changed();
    return new FakeInline(this.svc, this.session, this.para);
  }
  // Undocumented but real: public scripts chain appendParagraph(t).setBold(true).setUnderline(true)
  // and body.getChild(0).setBold(true). Recorded as paragraph-wide attributes.
  setBold(bold: boolean): FakeParagraph {
    return this.setAttr('setBold', 'BOLD', !!bold);
  }
  setItalic(italic: boolean): FakeParagraph {
    return this.setAttr('setItalic', 'ITALIC', !!italic);
  }
  setUnderline(underline: boolean): FakeParagraph {
    return this.setAttr('setUnderline', 'UNDERLINE', !!underline);
  }
  setFontSize(size: number): FakeParagraph {
    return this.setAttr('setFontSize', 'FONT_SIZE', size);
  }
  setFontFamily(fontFamilyName: string): FakeParagraph {
    return this.setAttr('setFontFamily', 'FONT_FAMILY', fontFamilyName);
  }
  setForegroundColor(color: string): FakeParagraph {
    return this.setAttr('setForegroundColor', 'FOREGROUND_COLOR', color);
  }
  setBackgroundColor(color: string): FakeParagraph {
    return this.setAttr('setBackgroundColor', 'BACKGROUND_COLOR', color);
  }
}
conforms<
  GoogleAppsScript.Document.Paragraph,
  FakeParagraph,
  | 'getText'
  | 'setText'
  | 'appendText'
  | 'insertText'
  | 'clear'
  | 'getNumChildren'
  | 'getChild'
  | 'getHeading'
  | 'setHeading'
  | 'getAlignment'
  | 'setAlignment'
  | 'setAttributes'
  | 'getAttributes'
  | 'editAsText'
  | 'replaceText'
  | 'findText'
  | 'copy'
  | 'removeFromParent'
  | 'getParent'
  | 'getType'
  | 'appendHorizontalRule'
  | 'appendPageBreak'
  | 'setSpacingAfter'
  | 'setSpacingBefore'
  | 'setLineSpacing'
  | 'setIndentStart'
  | 'setLinkUrl'
  | 'getNextSibling'
  | 'getPreviousSibling'
>(true);

export class FakeTable extends FakeElement {
  protected readonly className = 'Table';
  private get table(): TableNode {
    return this.node as TableNode;
  }
  getNumRows(): number {
    this.call('getNumRows');
    return this.table.rows.length;
  }
  getNumChildren(): number {
    this.call('getNumChildren');
    return this.table.rows.length;
  }
  getRow(rowIndex: number): FakeTableRow {
    this.call('getRow');
    return new FakeTableRow(this.svc, this.session, this.table.rows[checkIndex(rowIndex, this.table.rows.length, false)]);
  }
  getChild(childIndex: number): FakeTableRow {
    this.call('getChild');
    return new FakeTableRow(this.svc, this.session, this.table.rows[checkIndex(childIndex, this.table.rows.length, false)]);
  }
  getChildIndex(child: GoogleAppsScript.Document.Element): number {
    this.call('getChildIndex');
    return this.table.rows.indexOf(nodeOf(child) as RowNode);
  }
  getCell(rowIndex: number, cellIndex: number): FakeTableCell {
    this.call('getCell');
    const row = this.table.rows[checkIndex(rowIndex, this.table.rows.length, false)];
    return new FakeTableCell(this.svc, this.session, row.cells[checkIndex(cellIndex, row.cells.length, false)]);
  }
  private rowFrom(row: unknown): RowNode {
    if (row === undefined || row === null) return { type: 'TABLE_ROW', cells: [], attrs: {}, parent: null };
    const node = nodeOf(row, ['TABLE_ROW']) as RowNode;
    if (node.parent) throw driveError(DETACHED);
    return node;
  }
  appendTableRow(tableRow?: GoogleAppsScript.Document.TableRow): FakeTableRow {
    this.call('appendTableRow');
    const node = this.rowFrom(tableRow);
    attach(this.table, node, this.table.rows.length);
    this.changed();
    return new FakeTableRow(this.svc, this.session, node);
  }
  insertTableRow(childIndex: number, tableRow?: GoogleAppsScript.Document.TableRow | null): FakeTableRow {
    this.call('insertTableRow');
    const at = checkIndex(childIndex, this.table.rows.length, true);
    const node = this.rowFrom(tableRow);
    attach(this.table, node, at);
    this.changed();
    return new FakeTableRow(this.svc, this.session, node);
  }
  removeRow(rowIndex: number): FakeTableRow {
    this.call('removeRow');
    const node = this.table.rows[checkIndex(rowIndex, this.table.rows.length, false)];
    this.changed();
    detach(node);
    return new FakeTableRow(this.svc, this.session, node);
  }
  removeChild(child: GoogleAppsScript.Document.Element): FakeTable {
    this.call('removeChild');
    const node = nodeOf(child, ['TABLE_ROW']);
    if (node.parent !== this.table) throw driveError('Invalid argument: child');
    this.changed();
    detach(node);
    return this;
  }
  getText(): string {
    this.call('getText');
    return textOf(this.table);
  }
  replaceText(searchPattern: string, replacement: string): FakeTable {
    this.call('replaceText');
    this.svc.replaceIn(this.table, searchPattern, replacement);
    return this;
  }
  findText(searchPattern: string, from?: GoogleAppsScript.Document.RangeElement | null): FakeRangeElement | null {
    this.call('findText');
    return this.svc.findIn(this.table, searchPattern, from, this.session);
  }
  editAsText(): FakeText {
    this.call('editAsText');
    return new FakeText(this.svc, this.session, this.table);
  }
  copy(): FakeTable {
    this.call('copy');
    return new FakeTable(this.svc, this.session, clone(this.table));
  }
  removeFromParent(): FakeTable {
    this.doRemoveFromParent();
    return this;
  }
  setAttributes(attributes: unknown): FakeTable {
    this.call('setAttributes');
    this.applyAttributes(attributes);
    return this;
  }
  setBorderWidth(width: number): FakeTable {
    this.call('setBorderWidth');
    this.table.attrs.BORDER_WIDTH = width;
    this.changed();
    return this;
  }
  getBorderWidth(): number {
    this.call('getBorderWidth');
    return Number(this.table.attrs.BORDER_WIDTH ?? 1);
  }
  setBorderColor(color: string): FakeTable {
    this.call('setBorderColor');
    this.table.attrs.BORDER_COLOR = color;
    this.changed();
    return this;
  }
  setColumnWidth(columnIndex: number, width: number): FakeTable {
    this.call('setColumnWidth');
    const widths = { ...((this.table.attrs.COLUMN_WIDTHS as Record<string, number>) ?? {}) };
    widths[String(columnIndex)] = width;
    this.table.attrs.COLUMN_WIDTHS = widths;
    this.changed();
    return this;
  }
  getColumnWidth(columnIndex: number): number {
    this.call('getColumnWidth');
    return ((this.table.attrs.COLUMN_WIDTHS as Record<string, number>) ?? {})[String(columnIndex)] ?? 0;
  }
}
conforms<
  GoogleAppsScript.Document.Table,
  FakeTable,
  | 'getNumRows'
  | 'getNumChildren'
  | 'getRow'
  | 'getChild'
  | 'getChildIndex'
  | 'getCell'
  | 'appendTableRow'
  | 'insertTableRow'
  | 'removeRow'
  | 'removeChild'
  | 'getText'
  | 'replaceText'
  | 'findText'
  | 'editAsText'
  | 'copy'
  | 'removeFromParent'
  | 'setAttributes'
  | 'setBorderWidth'
  | 'getBorderWidth'
  | 'setBorderColor'
  | 'setColumnWidth'
  | 'getColumnWidth'
  | 'getType'
  | 'getParent'
>(true);

export class FakeTableRow extends FakeElement {
  protected readonly className = 'TableRow';
  private get row(): RowNode {
    return this.node as RowNode;
  }
  getNumCells(): number {
    this.call('getNumCells');
    return this.row.cells.length;
  }
  getNumChildren(): number {
    this.call('getNumChildren');
    return this.row.cells.length;
  }
  getCell(cellIndex: number): FakeTableCell {
    this.call('getCell');
    return new FakeTableCell(this.svc, this.session, this.row.cells[checkIndex(cellIndex, this.row.cells.length, false)]);
  }
  getChild(childIndex: number): FakeTableCell {
    this.call('getChild');
    return new FakeTableCell(this.svc, this.session, this.row.cells[checkIndex(childIndex, this.row.cells.length, false)]);
  }
  getChildIndex(child: GoogleAppsScript.Document.Element): number {
    this.call('getChildIndex');
    return this.row.cells.indexOf(nodeOf(child) as CellNode);
  }
  private cellFrom(value: unknown): CellNode {
    if (value === undefined || value === null || typeof value === 'string') return newCell(value ?? '');
    const node = nodeOf(value, ['TABLE_CELL']) as CellNode;
    if (node.parent) throw driveError(DETACHED);
    return node;
  }
  appendTableCell(textContentsOrCell?: string | GoogleAppsScript.Document.TableCell | null): FakeTableCell {
    this.call('appendTableCell');
    const node = this.cellFrom(textContentsOrCell);
    attach(this.row, node, this.row.cells.length);
    this.changed();
    return new FakeTableCell(this.svc, this.session, node);
  }
  insertTableCell(childIndex: number, textContentsOrCell?: string | GoogleAppsScript.Document.TableCell | null): FakeTableCell {
    this.call('insertTableCell');
    const at = checkIndex(childIndex, this.row.cells.length, true);
    const node = this.cellFrom(textContentsOrCell);
    attach(this.row, node, at);
    this.changed();
    return new FakeTableCell(this.svc, this.session, node);
  }
  removeCell(cellIndex: number): FakeTableCell {
    this.call('removeCell');
    const node = this.row.cells[checkIndex(cellIndex, this.row.cells.length, false)];
    this.changed();
    detach(node);
    return new FakeTableCell(this.svc, this.session, node);
  }
  getParentTable(): FakeTable | null {
    this.call('getParentTable');
    return this.row.parent ? new FakeTable(this.svc, this.session, this.row.parent) : null;
  }
  getText(): string {
    this.call('getText');
    return textOf(this.row);
  }
  replaceText(searchPattern: string, replacement: string): FakeTableRow {
    this.call('replaceText');
    this.svc.replaceIn(this.row, searchPattern, replacement);
    return this;
  }
  findText(searchPattern: string, from?: GoogleAppsScript.Document.RangeElement | null): FakeRangeElement | null {
    this.call('findText');
    return this.svc.findIn(this.row, searchPattern, from, this.session);
  }
  editAsText(): FakeText {
    this.call('editAsText');
    return new FakeText(this.svc, this.session, this.row);
  }
  copy(): FakeTableRow {
    this.call('copy');
    return new FakeTableRow(this.svc, this.session, clone(this.row));
  }
  removeFromParent(): FakeTableRow {
    this.doRemoveFromParent();
    return this;
  }
  setAttributes(attributes: unknown): FakeTableRow {
    this.call('setAttributes');
    this.applyAttributes(attributes);
    return this;
  }
  setMinimumHeight(minHeight: number): FakeTableRow {
    this.call('setMinimumHeight');
    this.row.attrs.MINIMUM_HEIGHT = minHeight;
    this.changed();
    return this;
  }
}
conforms<
  GoogleAppsScript.Document.TableRow,
  FakeTableRow,
  | 'getNumCells'
  | 'getNumChildren'
  | 'getCell'
  | 'getChild'
  | 'getChildIndex'
  | 'appendTableCell'
  | 'insertTableCell'
  | 'removeCell'
  | 'getText'
  | 'replaceText'
  | 'findText'
  | 'editAsText'
  | 'copy'
  | 'removeFromParent'
  | 'setAttributes'
  | 'setMinimumHeight'
  | 'getParent'
  | 'getType'
>(true);

export class FakeTableCell extends FakeContainer {
  protected readonly className = 'TableCell';
  private get cell(): CellNode {
    return this.node as CellNode;
  }
  setText(text: string): FakeTableCell {
    this.setContainerText(text);
    return this;
  }
  clear(): FakeTableCell {
    this.clearContainer();
    return this;
  }
  removeChild(child: GoogleAppsScript.Document.Element): FakeTableCell {
    this.removeChildNode(child);
    return this;
  }
  override replaceText(searchPattern: string, replacement: string): FakeTableCell {
    super.replaceText(searchPattern, replacement);
    return this;
  }
  setAttributes(attributes: unknown): FakeTableCell {
    this.call('setAttributes');
    this.applyAttributes(attributes);
    return this;
  }
  setBackgroundColor(color: string): FakeTableCell {
    this.call('setBackgroundColor');
    this.cell.attrs.BACKGROUND_COLOR = color;
    this.changed();
    return this;
  }
  getBackgroundColor(): string {
    this.call('getBackgroundColor');
    return (this.cell.attrs.BACKGROUND_COLOR as string) ?? null;
  }
  setWidth(width: number): FakeTableCell {
    this.call('setWidth');
    this.cell.attrs.WIDTH = width;
    this.changed();
    return this;
  }
  getParentRow(): FakeTableRow | null {
    this.call('getParentRow');
    return this.cell.parent ? new FakeTableRow(this.svc, this.session, this.cell.parent) : null;
  }
  getParentTable(): FakeTable | null {
    this.call('getParentTable');
    return this.cell.parent?.parent ? new FakeTable(this.svc, this.session, this.cell.parent.parent) : null;
  }
  copy(): FakeTableCell {
    this.call('copy');
    return new FakeTableCell(this.svc, this.session, clone(this.cell));
  }
  removeFromParent(): FakeTableCell {
    this.doRemoveFromParent();
    return this;
  }
}
conforms<
  GoogleAppsScript.Document.TableCell,
  FakeTableCell,
  | 'getText'
  | 'setText'
  | 'clear'
  | 'replaceText'
  | 'findText'
  | 'getNumChildren'
  | 'getChild'
  | 'getChildIndex'
  | 'appendParagraph'
  | 'insertParagraph'
  | 'appendTable'
  | 'removeChild'
  | 'setBackgroundColor'
  | 'getBackgroundColor'
  | 'setWidth'
  | 'getParentRow'
  | 'getParentTable'
  | 'copy'
  | 'removeFromParent'
  | 'editAsText'
  | 'setAttributes'
>(true);

/** A Text element: the text of one paragraph, or (editAsText of a container) of everything in it. */
export class FakeText extends FakeElement {
  protected readonly className = 'Text';
  private get isParagraph(): boolean {
    return this.node.type === 'PARAGRAPH';
  }
  private get para(): ParaNode {
    if (this.node.type !== 'PARAGRAPH') throw new Error('Emulator: character offsets are only supported on the Text of one paragraph');
    return this.node;
  }
  override getType(): EnumValue {
    this.call('getType');
    return ElementType.TEXT;
  }
  override getParent(): FakeElement | null {
    this.call('getParent');
    return this.isParagraph ? this.wrap(this.node) : this.node.parent ? this.wrap(this.node.parent as AnyNode) : null;
  }
  getText(): string {
    this.call('getText');
    return textOf(this.node);
  }
  setText(text: string): FakeText {
    this.call('setText');
    if (this.isParagraph) {
      this.para.text = paragraphText(text);
      this.para.spans = [];
    } else {
      const paras = paragraphsUnder(this.node);
      paras.forEach((p, i) => (p.text = i === 0 ? paragraphText(text) : ''));
    }
    this.changed();
    return this;
  }
  appendText(text: string): FakeText {
    this.call('appendText');
    const paras = paragraphsUnder(this.node);
    const last = paras[paras.length - 1];
    if (last) last.text += paragraphText(text);
    this.changed();
    return this;
  }
  private checkRange(start: number, end: number): void {
    const length = this.para.text.length;
    if (!Number.isInteger(start) || start < 0 || start > length) throw driveError(`Invalid argument: startOffset`);
    if (!Number.isInteger(end) || end < start - 1 || end >= length) throw driveError(`Invalid argument: endOffsetInclusive`);
  }
  insertText(offset: number, text: string): FakeText {
    this.call('insertText');
    const p = this.para;
    if (!Number.isInteger(offset) || offset < 0 || offset > p.text.length) throw driveError('Invalid argument: offset');
    p.text = p.text.slice(0, offset) + paragraphText(text) + p.text.slice(offset);
    this.changed();
    return this;
  }
  deleteText(startOffset: number, endOffsetInclusive: number): FakeText {
    this.call('deleteText');
    this.checkRange(startOffset, endOffsetInclusive);
    const p = this.para;
    p.text = p.text.slice(0, startOffset) + p.text.slice(endOffsetInclusive + 1);
    this.changed();
    return this;
  }
  replaceText(searchPattern: string, replacement: string): FakeText {
    this.call('replaceText');
    this.svc.replaceIn(this.node, searchPattern, replacement);
    return this;
  }
  findText(searchPattern: string, from?: GoogleAppsScript.Document.RangeElement | null): FakeRangeElement | null {
    this.call('findText');
    return this.svc.findIn(this.node, searchPattern, from, this.session);
  }
  editAsText(): FakeText {
    this.call('editAsText');
    return this;
  }
  copy(): FakeText {
    this.call('copy');
    return new FakeText(this.svc, this.session, clone(this.node));
  }
  removeFromParent(): FakeText {
    this.call('removeFromParent');
    if (this.isParagraph) this.para.text = '';
    this.changed();
    return this;
  }
  /** setX(value) styles everything; setX(start, endInclusive, value) a range (recorded as a span). */
  private style(method: string, name: string, args: unknown[]): FakeText {
    this.call(method);
    if (args.length >= 3) {
      const [start, end, value] = args as [number, number, unknown];
      this.checkRange(start, end);
      this.para.spans.push({ start, end, attrs: { [name]: value } });
    } else {
      for (const p of paragraphsUnder(this.node)) p.attrs[name] = args[0];
    }
    this.changed();
    return this;
  }
  setBold(...args: [boolean] | [number, number, boolean]): FakeText {
    return this.style('setBold', 'BOLD', args);
  }
  setItalic(...args: [boolean] | [number, number, boolean]): FakeText {
    return this.style('setItalic', 'ITALIC', args);
  }
  setUnderline(...args: [boolean] | [number, number, boolean]): FakeText {
    return this.style('setUnderline', 'UNDERLINE', args);
  }
  setStrikethrough(...args: [boolean] | [number, number, boolean]): FakeText {
    return this.style('setStrikethrough', 'STRIKETHROUGH', args);
  }
  setFontSize(...args: [number] | [number, number, number]): FakeText {
    return this.style('setFontSize', 'FONT_SIZE', args);
  }
  setFontFamily(...args: [string] | [number, number, string]): FakeText {
    return this.style('setFontFamily', 'FONT_FAMILY', args);
  }
  setForegroundColor(...args: [string] | [number, number, string]): FakeText {
    return this.style('setForegroundColor', 'FOREGROUND_COLOR', args);
  }
  setBackgroundColor(...args: [string] | [number, number, string]): FakeText {
    return this.style('setBackgroundColor', 'BACKGROUND_COLOR', args);
  }
  setLinkUrl(...args: [string] | [number, number, string]): FakeText {
    return this.style('setLinkUrl', 'LINK_URL', args);
  }
  setAttributes(...args: [unknown] | [number, number, unknown]): FakeText {
    this.call('setAttributes');
    if (args.length >= 3) {
      const [start, end, attributes] = args as [number, number, Attrs];
      this.checkRange(start, end);
      this.para.spans.push({ start, end, attrs: { ...attributes } });
    } else {
      for (const p of paragraphsUnder(this.node)) Object.assign(p.attrs, args[0] as Attrs);
    }
    this.changed();
    return this;
  }
  private attrAt(name: string, offset?: number | null): unknown {
    this.call(`get${name}`);
    const p = this.para;
    let value: unknown = p.attrs[name] ?? null;
    if (offset !== undefined && offset !== null) for (const s of p.spans) if (offset >= s.start && offset <= s.end && name in s.attrs) value = s.attrs[name];
    return value;
  }
  isBold(offset?: number | null): boolean {
    return !!this.attrAt('BOLD', offset);
  }
  isItalic(offset?: number | null): boolean {
    return !!this.attrAt('ITALIC', offset);
  }
  isUnderline(offset?: number | null): boolean {
    return !!this.attrAt('UNDERLINE', offset);
  }
  getFontSize(offset?: number | null): number {
    return this.attrAt('FONT_SIZE', offset) as number;
  }
  getFontFamily(offset?: number | null): string {
    return this.attrAt('FONT_FAMILY', offset) as string;
  }
  getForegroundColor(offset?: number | null): string {
    return this.attrAt('FOREGROUND_COLOR', offset) as string;
  }
  getLinkUrl(offset?: number | null): string {
    return this.attrAt('LINK_URL', offset) as string;
  }
  getTextAttributeIndices(): number[] {
    this.call('getTextAttributeIndices');
    return [...new Set([0, ...this.para.spans.flatMap((s) => [s.start, s.end + 1])])].filter((i) => i < this.para.text.length).sort((a, b) => a - b);
  }
}
conforms<
  GoogleAppsScript.Document.Text,
  FakeText,
  | 'getText'
  | 'setText'
  | 'appendText'
  | 'insertText'
  | 'deleteText'
  | 'replaceText'
  | 'findText'
  | 'editAsText'
  | 'copy'
  | 'setBold'
  | 'setItalic'
  | 'setUnderline'
  | 'setStrikethrough'
  | 'setFontSize'
  | 'setFontFamily'
  | 'setForegroundColor'
  | 'setBackgroundColor'
  | 'setLinkUrl'
  | 'setAttributes'
  | 'isBold'
  | 'isItalic'
  | 'isUnderline'
  | 'getFontSize'
  | 'getFontFamily'
  | 'getForegroundColor'
  | 'getLinkUrl'
  | 'getTextAttributeIndices'
  | 'getType'
  | 'getParent'
  | 'removeFromParent'
>(true);

/** Where each search result sits, for findText(pattern, from) (kept off the script-visible object). */
const resultPositions = new WeakMap<object, { para: ParaNode; next: number }>();

/** A search result: a Text element and the inclusive range of the match. */
export class FakeRangeElement {
  constructor(
    private readonly svc: DocumentService,
    private readonly session: Session,
    private readonly para: ParaNode,
    private readonly start: number,
    private readonly end: number,
  ) {
    resultPositions.set(this, { para, next: end + 1 });
  }
  private call(method: string): void {
    this.svc.rt.call('DocumentApp', `RangeElement.${method}`);
    if (this.session.closed) throw driveError(CLOSED);
  }
  getElement(): FakeText {
    this.call('getElement');
    return new FakeText(this.svc, this.session, this.para);
  }
  getStartOffset(): number {
    this.call('getStartOffset');
    return this.start;
  }
  getEndOffsetInclusive(): number {
    this.call('getEndOffsetInclusive');
    return this.end;
  }
  isPartial(): boolean {
    this.call('isPartial');
    return true;
  }
}
conforms<GoogleAppsScript.Document.RangeElement, FakeRangeElement, 'getElement' | 'getStartOffset' | 'getEndOffsetInclusive' | 'isPartial'>(true);

export class FakeDocument {
  constructor(
    private readonly svc: DocumentService,
    private readonly id: string,
    private readonly session: Session,
  ) {}
  private call(method: string, allowClosed = false): DocModel {
    this.svc.rt.call('DocumentApp', `Document.${method}`);
    if (this.session.closed && !allowClosed) throw driveError(CLOSED);
    return this.svc.model(this.id);
  }
  getId(): string {
    this.call('getId', true);
    return this.id;
  }
  getName(): string {
    this.call('getName', true);
    return this.svc.drive.record(this.id)?.name ?? '';
  }
  setName(name: string): FakeDocument {
    this.call('setName');
    const record = this.svc.drive.record(this.id);
    if (record) record.name = String(name);
    this.svc.drive.touch(this.id);
    return this;
  }
  getUrl(): string {
    this.call('getUrl', true);
    return `https://docs.google.com/open?id=${this.id}`;
  }
  getBody(): FakeBody {
    const model = this.call('getBody');
    return new FakeBody(this.svc, this.session, model.body);
  }
  getHeader(): FakeHeaderSection | null {
    const model = this.call('getHeader');
    return model.header ? new FakeHeaderSection(this.svc, this.session, model.header) : null;
  }
  getFooter(): FakeFooterSection | null {
    const model = this.call('getFooter');
    return model.footer ? new FakeFooterSection(this.svc, this.session, model.footer) : null;
  }
  addHeader(): FakeHeaderSection {
    const model = this.call('addHeader');
    if (!model.header) model.header = newSection('HEADER_SECTION', this.id);
    this.svc.drive.touch(this.id);
    return new FakeHeaderSection(this.svc, this.session, model.header);
  }
  addFooter(): FakeFooterSection {
    const model = this.call('addFooter');
    if (!model.footer) model.footer = newSection('FOOTER_SECTION', this.id);
    this.svc.drive.touch(this.id);
    return new FakeFooterSection(this.svc, this.session, model.footer);
  }
  saveAndClose(): void {
    this.call('saveAndClose', true);
    this.session.closed = true;
  }
  getAs(contentType: string): EmulatedBlob {
    this.call('getAs');
    if (String(contentType).toLowerCase() !== 'application/pdf') {
      throw driveError(`Converting from ${GOOGLE_DOC_MIME} to ${contentType} is not supported.`);
    }
    return this.svc.drive.blobOf(this.id);
  }
  getBlob(): EmulatedBlob {
    this.call('getBlob');
    return this.svc.drive.blobOf(this.id);
  }
  private record(method: string): DriveRecord {
    this.call(method);
    const record = this.svc.drive.record(this.id);
    if (!record) throw driveError(NOT_FOUND);
    return record;
  }
  addViewer(user: string | GoogleAppsScript.Base.User): FakeDocument {
    this.svc.drive.addPeople(this.record('addViewer'), [user], 'viewers');
    return this;
  }
  addViewers(emailAddresses: string[]): FakeDocument {
    this.svc.drive.addPeople(this.record('addViewers'), [...emailAddresses], 'viewers');
    return this;
  }
  addEditor(user: string | GoogleAppsScript.Base.User): FakeDocument {
    this.svc.drive.addPeople(this.record('addEditor'), [user], 'editors');
    return this;
  }
  addEditors(emailAddresses: string[]): FakeDocument {
    this.svc.drive.addPeople(this.record('addEditors'), [...emailAddresses], 'editors');
    return this;
  }
  removeViewer(user: string | GoogleAppsScript.Base.User): FakeDocument {
    this.svc.drive.removePerson(this.record('removeViewer'), user, 'viewers');
    return this;
  }
  removeEditor(user: string | GoogleAppsScript.Base.User): FakeDocument {
    this.svc.drive.removePerson(this.record('removeEditor'), user, 'editors');
    return this;
  }
  getViewers(): DriveUser[] {
    return this.record('getViewers').viewers.map((e) => new DriveUser(e));
  }
  getEditors(): DriveUser[] {
    return this.record('getEditors').editors.map((e) => new DriveUser(e));
  }
}
conforms<
  GoogleAppsScript.Document.Document,
  FakeDocument,
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getUrl'
  | 'getBody'
  | 'getHeader'
  | 'getFooter'
  | 'addHeader'
  | 'addFooter'
  | 'saveAndClose'
  | 'getAs'
  | 'getBlob'
  | 'addViewer'
  | 'addViewers'
  | 'addEditor'
  | 'addEditors'
  | 'removeViewer'
  | 'removeEditor'
  | 'getViewers'
  | 'getEditors'
>(true);

export class FakeDocumentApp {
  readonly ParagraphHeading = ParagraphHeading;
  readonly HorizontalAlignment = HorizontalAlignment;
  readonly ElementType = ElementType;
  readonly Attribute = Attribute;
  readonly TextAlignment = TextAlignment;
  readonly VerticalAlignment = VerticalAlignment;
  readonly GlyphType = GlyphType;
  readonly PositionedLayout = PositionedLayout;
  readonly FontFamily = FontFamily;
  constructor(private readonly svc: DocumentService) {}
  create(name: string): FakeDocument {
    this.svc.rt.call('DocumentApp', 'DocumentApp.create');
    return new FakeDocument(this.svc, this.svc.createDoc(String(name)), { closed: false });
  }
  openById(id: string): FakeDocument {
    this.svc.rt.call('DocumentApp', 'DocumentApp.openById');
    return new FakeDocument(this.svc, this.svc.checkOpenable(String(id)), { closed: false });
  }
  openByUrl(url: string): FakeDocument {
    this.svc.rt.call('DocumentApp', 'DocumentApp.openByUrl');
    const match = /\/d\/([A-Za-z0-9_-]+)|[?&]id=([A-Za-z0-9_-]+)/.exec(String(url));
    if (!match) throw driveError('Invalid argument: url');
    return new FakeDocument(this.svc, this.svc.checkOpenable(match[1] ?? match[2]), { closed: false });
  }
  getActiveDocument(): FakeDocument | null {
    this.svc.rt.call('DocumentApp', 'DocumentApp.getActiveDocument');
    return null;
  }
}
conforms<GoogleAppsScript.Document.DocumentApp, FakeDocumentApp, 'create' | 'openById' | 'openByUrl' | 'getActiveDocument'>(true);

// ---------------------------------------------------------------------------------------------
// The service

/** What seed() accepts for a body: a paragraph's text, a heading paragraph, or a table. */
export type SeedBlock = string | { heading: HeadingName; text: string } | string[][];

export class DocumentService {
  private docs = new Map<string, DocModel>();
  private creations: number[] = [];
  private dailyCreateQuota = DAILY_CREATE_QUOTA;

  constructor(
    readonly rt: Runtime,
    readonly drive: DriveService,
  ) {
    rt.registerState('documents', this);
    drive.registerNative(GOOGLE_DOC_MIME, {
      exportPdf: (id) => this.pdf(id),
      copyContent: (fromId, toId) => this.docs.set(toId, this.cloneModel(this.model(fromId), toId)),
    });
  }

  globals(): Record<string, unknown> {
    return { DocumentApp: new FakeDocumentApp(this) };
  }

  wrap(node: AnyNode, session: Session): FakeElement {
    switch (node.type) {
      case 'PARAGRAPH':
        return new FakeParagraph(this, session, node);
      case 'TABLE':
        return new FakeTable(this, session, node);
      case 'TABLE_ROW':
        return new FakeTableRow(this, session, node);
      case 'TABLE_CELL':
        return new FakeTableCell(this, session, node);
      case 'HEADER_SECTION':
        return new FakeHeaderSection(this, session, node);
      case 'FOOTER_SECTION':
        return new FakeFooterSection(this, session, node);
      default:
        return new FakeBody(this, session, node);
    }
  }

  /** Marks the Doc holding `node` as modified (attached nodes only). */
  changed(node: AnyNode): void {
    const section = sectionOf(node);
    if (section?.docId) this.drive.touch(section.docId);
  }

  model(id: string): DocModel {
    const model = this.docs.get(id);
    if (!model) throw driveError(`Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`);
    return model;
  }

  checkOpenable(id: string): string {
    const record = this.drive.record(id);
    if (!record || record.mimeType !== GOOGLE_DOC_MIME || !this.docs.has(id)) {
      throw driveError(`Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`);
    }
    return id;
  }

  createDoc(name: string): string {
    const now = this.rt.clock.now();
    this.creations = this.creations.filter((t) => now - t < DAY_MS);
    if (this.creations.length >= this.dailyCreateQuota) throw driveError('Service invoked too many times for one day: docs create.');
    this.creations.push(now);
    const id = this.drive.createNative(name, GOOGLE_DOC_MIME).id;
    this.docs.set(id, { body: newSection('BODY_SECTION', id), header: null, footer: null });
    return id;
  }

  /** The Doc's content as the Docs API edits it: a copy, committed with commitModel when a whole batch succeeded. */
  draftModel(id: string): DocModel {
    return this.cloneModel(this.model(id), id);
  }

  commitModel(id: string, model: DocModel): void {
    this.docs.set(id, model);
    this.drive.touch(id);
  }

  private cloneModel(model: DocModel, docId: string): DocModel {
    const copySection = (s: SectionNode | null): SectionNode | null => (s ? { ...clone(s), docId } : null);
    return { body: copySection(model.body) as SectionNode, header: copySection(model.header), footer: copySection(model.footer) };
  }

  replaceIn(node: AnyNode, searchPattern: string, replacement: string): void {
    const re = searchRegExp(searchPattern);
    const paras = paragraphsUnder(node).filter((p) => !p.inline);
    // Compute every replacement first: an invalid "$n" throws before anything changes.
    const results = paras.map((p) => replaceWith(p.text, re, String(replacement)));
    let touched = false;
    paras.forEach((p, i) => {
      if (results[i] !== p.text) {
        p.text = results[i].replace(/\n/g, '\r');
        p.spans = p.spans.filter((s) => s.end < p.text.length);
        touched = true;
      }
    });
    if (touched) this.changed(node);
  }

  findIn(node: AnyNode, searchPattern: string, from: unknown, session: Session): FakeRangeElement | null {
    const re = searchRegExp(searchPattern);
    const paras = paragraphsUnder(node).filter((p) => !p.inline);
    let index = 0;
    let offset = 0;
    if (from !== undefined && from !== null) {
      const position = typeof from === 'object' ? resultPositions.get(from) : undefined;
      if (!position) throw driveError('Invalid argument: from');
      index = paras.indexOf(position.para);
      if (index < 0) return null;
      offset = position.next;
    }
    for (; index < paras.length; index++, offset = 0) {
      re.lastIndex = offset;
      let match: RegExpExecArray | null;
      while ((match = re.exec(paras[index].text)) && match[0].length === 0) re.lastIndex += 1;
      if (match) return new FakeRangeElement(this, session, paras[index], match.index, match.index + match[0].length - 1);
    }
    return null;
  }

  private blocksOf(section: SectionNode | null): PdfBlock[] {
    if (!section) return [];
    return section.children.map((child): PdfBlock => {
      if (child.type === 'TABLE') {
        const widths = (child.attrs.COLUMN_WIDTHS as Record<string, number> | undefined) ?? {};
        const columns = Math.max(0, ...child.rows.map((r) => r.cells.length));
        return {
          kind: 'table',
          rows: child.rows.map((r) =>
            r.cells.map((c) => ({ paragraphs: paragraphsUnder(c).map(pdfParagraph), background: (c.attrs.BACKGROUND_COLOR as string) ?? null })),
          ),
          borderWidth: child.attrs.BORDER_WIDTH === undefined ? 1 : Number(child.attrs.BORDER_WIDTH),
          borderColor: (child.attrs.BORDER_COLOR as string) ?? null,
          columnWidths: Array.from({ length: columns }, (_, i) => widths[String(i)] ?? null),
        };
      }
      if (child.inline === 'PAGE_BREAK') return { kind: 'pageBreak' };
      if (child.inline === 'HORIZONTAL_RULE') return { kind: 'rule' };
      return pdfParagraph(child);
    });
  }

  // --- test API --------------------------------------------------------------------------------

  /** The body text of a Doc, as Body.getText() returns it. */
  text(docId: string): string {
    return textOf(this.model(docId).body);
  }

  /** The blocks the PDF export draws: header, body, footer. */
  blocks(docId: string): PdfBlock[] {
    const model = this.model(docId);
    return [...this.blocksOf(model.header), ...this.blocksOf(model.body), ...this.blocksOf(model.footer)];
  }

  /** The Doc exported as PDF bytes (what getAs('application/pdf') returns): header and footer on every page. */
  pdf(docId: string): Uint8Array {
    const model = this.model(docId);
    const frame = (section: SectionNode | null): PdfParagraph[] => (section ? paragraphsUnder(section).map(pdfParagraph) : []);
    return renderPdf(this.drive.record(docId)?.name ?? '', this.blocksOf(model.body), { header: frame(model.header), footer: frame(model.footer) });
  }

  docIds(): string[] {
    return [...this.docs.keys()];
  }

  /** Creates a Doc (e.g. an invoice template) without counting calls or quota; returns its id. */
  seed(name: string, content: SeedBlock[] = [], folderId?: string): string {
    const id = this.drive.createNative(name, GOOGLE_DOC_MIME, folderId).id;
    const body = newSection('BODY_SECTION', id);
    content.forEach((block, i) => {
      let node: BlockNode;
      if (typeof block === 'string') node = newPara(paragraphText(block));
      else if (Array.isArray(block)) {
        node = { type: 'TABLE', rows: [], attrs: {}, parent: null };
        const table = node;
        block.forEach((cells, r) => {
          const row: RowNode = { type: 'TABLE_ROW', cells: [], attrs: {}, parent: null };
          cells.forEach((text, c) => attach(row, newCell(text), c));
          attach(table, row, r);
        });
      } else node = { ...newPara(paragraphText(block.text)), heading: block.heading };
      if (i === 0 && node.type === 'PARAGRAPH') {
        detach(body.children[0]);
        attach(body, node, 0);
      } else attach(body, node, body.children.length);
    });
    if (body.children[body.children.length - 1].type === 'TABLE') attach(body, newPara(), body.children.length);
    this.docs.set(id, { body, header: null, footer: null });
    return id;
  }

  setDailyCreateQuota(n: number): void {
    this.dailyCreateQuota = n;
  }

  save(): unknown {
    const strip = (node: AnyNode): unknown => {
      const { parent: _parent, ...rest } = node as AnyNode & { parent: unknown };
      if (node.type === 'TABLE') return { ...rest, rows: node.rows.map(strip) };
      if (node.type === 'TABLE_ROW') return { ...rest, cells: node.cells.map(strip) };
      if (node.type === 'PARAGRAPH') return rest;
      return { ...rest, children: node.children.map(strip) };
    };
    const docs = [...this.docs.entries()].map(([id, m]) => ({
      id,
      body: strip(m.body),
      header: m.header ? strip(m.header) : null,
      footer: m.footer ? strip(m.footer) : null,
    }));
    return { docs, creations: this.creations, dailyCreateQuota: this.dailyCreateQuota };
  }

  load(data: unknown): void {
    this.docs.clear();
    this.creations = [];
    const state = data as {
      docs: Array<{ id: string; body: AnyNode; header: AnyNode | null; footer: AnyNode | null }>;
      creations: number[];
      dailyCreateQuota: number;
    } | null;
    if (!state) return;
    const relink = (node: AnyNode, parent: AnyNode | null): AnyNode => {
      (node as { parent: unknown }).parent = parent;
      childrenOf(node).forEach((c) => relink(c, node));
      return node;
    };
    for (const d of state.docs) {
      this.docs.set(d.id, {
        body: relink(d.body, null) as SectionNode,
        header: d.header ? (relink(d.header, null) as SectionNode) : null,
        footer: d.footer ? (relink(d.footer, null) as SectionNode) : null,
      });
    }
    this.creations = state.creations ?? [];
    this.dailyCreateQuota = state.dailyCreateQuota ?? DAILY_CREATE_QUOTA;
  }
}
