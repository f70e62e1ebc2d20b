// Real PDF files for the emulator: a writer (what Google Docs' "Download as PDF" gives a script via
// getAs('application/pdf')) and a reader that parses a PDF file and gives its text back, so tests
// can read an invoice the way a person opening the attachment would.
//
// The writer uses pdf-lib's object model, its standard-font metrics and WinAnsi encoding, but
// serialises synchronously (pdf-lib's own save() is async, while Apps Script's getAs is not).
// Limits of the reader: standard fonts with WinAnsi (single-byte) encoding, as the writer makes
// them; no ToUnicode CMaps, no CID fonts, no encryption.
import { inflateSync } from 'node:zlib';
import {
  PDFContext,
  PDFCrossRefSection,
  PDFHeader,
  PDFHexString,
  PDFRef,
  PDFString,
  PDFTrailer,
  PDFTrailerDict,
  StandardFontEmbedder,
  StandardFonts,
} from 'pdf-lib';

/** How Google Docs styles a paragraph: what its PDF export shows (font, size, weight, colour, alignment). */
export interface PdfStyle {
  bold?: boolean;
  size?: number;
  /** "#rrggbb" */
  color?: string | null;
  align?: 'LEFT' | 'CENTER' | 'RIGHT' | 'JUSTIFY' | null;
  /** Paragraph spacing in points (setSpacingBefore / setSpacingAfter). */
  spaceBefore?: number;
  spaceAfter?: number;
}

/** A stretch of a paragraph's text with its own style (a bold word in a regular sentence). */
export interface PdfRun {
  text: string;
  style: PdfStyle;
}

export interface PdfParagraph {
  kind: 'paragraph';
  text: string;
  heading?: string;
  style?: PdfStyle;
  /** When the paragraph mixes styles; their texts put together are `text`. */
  runs?: PdfRun[];
}

export interface PdfCell {
  paragraphs: PdfParagraph[];
  background?: string | null;
}

export type PdfBlock =
  | PdfParagraph
  | {
      kind: 'table';
      rows: Array<Array<string | PdfCell>>;
      /** Points; 0 draws no border. Default 1, as a new Docs table. */
      borderWidth?: number;
      borderColor?: string | null;
      /** Points per column; a missing width shares what is left. */
      columnWidths?: Array<number | null>;
    }
  | { kind: 'pageBreak' }
  | { kind: 'rule' };

const PAGE_WIDTH = 595.28; // A4 in points
const PAGE_HEIGHT = 841.89;
/** Google Docs' default page margins (1 inch) and header/footer distance (0.5 inch). */
const MARGIN = 72;
const HEADER_FOOTER_MARGIN = 36;
/** Google Docs' default cell padding (5 points). */
const CELL_PADDING = 5;
const BODY_SIZE = 11;
/** Docs' 1.15 line spacing on Arial's own line height (about 1.15 em). */
const LINE_HEIGHT = 1.32;

const HEADING_SIZES: Record<string, number> = {
  TITLE: 26,
  SUBTITLE: 15,
  HEADING1: 20,
  HEADING2: 16,
  HEADING3: 14,
  HEADING4: 12,
  HEADING5: 11,
  HEADING6: 11,
};

/** Characters WinAnsi lacks, mapped to the closest one it has (the rest become "?"). */
const CLOSEST: Record<string, string> = {
  '\u00a0': ' ', // no-break space: French "1 234,56 €"
  '\u202f': ' ', // narrow no-break space: what Intl.NumberFormat('fr-FR') puts between thousands
  '\u2007': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2044': '/',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2713': 'v',
  '\u2714': 'v',
  '\u00ad': '',
  '\u200b': '',
  '\ufeff': '',
};

interface Fonts {
  regular: StandardFontEmbedder;
  bold: StandardFontEmbedder;
}

type FontName = Parameters<typeof StandardFontEmbedder.for>[0];

function fonts(): Fonts {
  return {
    regular: StandardFontEmbedder.for(StandardFonts.Helvetica as unknown as FontName),
    bold: StandardFontEmbedder.for(StandardFonts.HelveticaBold as unknown as FontName),
  };
}

/** Makes `text` encodable in WinAnsi: known look-alikes, then accents stripped, then "?". */
export function toWinAnsi(text: string, font: StandardFontEmbedder = fonts().regular): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\t') out += '    ';
    else if (ch === '\r' || ch === '\n')
      out += ch; // line breaks: the layout splits on them
    else if (cp < 0x20) out += ' ';
    else if (ch in CLOSEST) out += CLOSEST[ch];
    else if (font.encoding.canEncodeUnicodeCodePoint(cp)) out += ch;
    else {
      const stripped = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += stripped && [...stripped].every((c) => font.encoding.canEncodeUnicodeCodePoint(c.codePointAt(0) ?? 0)) ? stripped : '?';
    }
  }
  return out;
}

const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

/** "#rrggbb" as PDF fill colour operands, or null for black / unreadable. */
function rgb(color: string | null | undefined): string | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? '');
  if (!m) return null;
  return m
    .slice(1, 4)
    .map((h) => fmt(parseInt(h, 16) / 255))
    .join(' ');
}

interface Segment {
  text: string;
  bold: boolean;
  size: number;
  color: string | null;
  width: number;
}

interface LaidLine {
  segments: Segment[];
  width: number;
  height: number;
  ascent: number;
}

interface LaidParagraph {
  lines: LaidLine[];
  align: PdfStyle['align'];
  spaceBefore: number;
  spaceAfter: number;
}

/** Lays blocks out on A4 pages as Google Docs does: one content stream per page, text drawn with Tj. */
class Layout {
  readonly pages: string[][] = [[]];
  private y: number;
  private readonly width = PAGE_WIDTH - 2 * MARGIN;
  private top = PAGE_HEIGHT - MARGIN;
  private bottom = MARGIN;
  /** Header and footer operators, repeated on every page. */
  private chrome: string[] = [];

  constructor(private readonly f: Fonts) {
    this.y = this.top;
  }

  private get ops(): string[] {
    return this.pages[this.pages.length - 1];
  }

  newPage(): void {
    this.pages.push([...this.chrome]);
    this.y = this.top;
  }

  private ensure(height: number): void {
    if (this.y - height < this.bottom && this.y < this.top) this.newPage();
  }

  private font(bold: boolean): StandardFontEmbedder {
    return bold ? this.f.bold : this.f.regular;
  }

  private text(ops: string[], x: number, y: number, segment: Segment): void {
    if (segment.text === '') return;
    const font = this.font(segment.bold);
    const hex = font.encodeText(segment.text).toString();
    const color = rgb(segment.color);
    ops.push(
      `${color ? `q ${color} rg ` : ''}BT /${segment.bold ? 'F2' : 'F1'} ${fmt(segment.size)} Tf ${fmt(x)} ${fmt(y)} Td ${hex} Tj ET${color ? ' Q' : ''}`,
    );
  }

  /** Breaks a paragraph into lines of at most `width` points, word by word, keeping each run's style. */
  private layParagraph(block: PdfParagraph, width: number): LaidParagraph {
    const headingSize = block.heading ? HEADING_SIZES[block.heading] : undefined;
    const headingBold = !!block.heading && block.heading !== 'NORMAL' && block.heading !== 'SUBTITLE';
    const base: PdfStyle = { bold: headingBold, size: headingSize ?? BODY_SIZE, ...definedOf(block.style ?? {}) };
    const runs = block.runs && block.runs.length ? block.runs : [{ text: block.text, style: {} }];
    const lines: LaidLine[] = [];
    let current: Segment[] = [];
    let currentWidth = 0;
    const emptyHeight = (base.size ?? BODY_SIZE) * LINE_HEIGHT;
    const finish = (): void => {
      while (current.length && current[current.length - 1].text.endsWith(' ')) {
        const last = current[current.length - 1];
        const trimmed = last.text.replace(/ +$/, '');
        currentWidth -= last.width - this.font(last.bold).widthOfTextAtSize(trimmed, last.size);
        last.width = this.font(last.bold).widthOfTextAtSize(trimmed, last.size);
        last.text = trimmed;
        if (trimmed === '') current.pop();
        else break;
      }
      const size = Math.max(base.size ?? BODY_SIZE, ...current.map((s) => s.size));
      lines.push({ segments: current, width: currentWidth, height: current.length ? size * LINE_HEIGHT : emptyHeight, ascent: size * 0.9 });
      current = [];
      currentWidth = 0;
    };
    for (const run of runs) {
      const style = { ...base, ...definedOf(run.style) };
      const bold = !!style.bold;
      const size = style.size ?? BODY_SIZE;
      const font = this.font(bold);
      const text = toWinAnsi(run.text, font);
      text.split(/(\r\n|\r|\n|\u2028)/).forEach((piece, index) => {
        if (index % 2 === 1) {
          finish();
          return;
        }
        for (const word of piece.split(/(?<= )/)) {
          if (word === '') continue;
          let rest = word;
          let w = font.widthOfTextAtSize(rest, size);
          if (currentWidth + font.widthOfTextAtSize(rest.trimEnd(), size) > width && currentWidth > 0) finish();
          // A word wider than the line is cut where it has to be.
          while (font.widthOfTextAtSize(rest.trimEnd(), size) > width && rest.length > 1) {
            let cut = rest.length - 1;
            while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
            current.push({ text: rest.slice(0, cut), bold, size, color: style.color ?? null, width: font.widthOfTextAtSize(rest.slice(0, cut), size) });
            currentWidth += font.widthOfTextAtSize(rest.slice(0, cut), size);
            finish();
            rest = rest.slice(cut);
            w = font.widthOfTextAtSize(rest, size);
          }
          const previous = current[current.length - 1];
          if (previous && previous.bold === bold && previous.size === size && previous.color === (style.color ?? null)) {
            previous.text += rest;
            previous.width += w;
          } else current.push({ text: rest, bold, size, color: style.color ?? null, width: w });
          currentWidth += w;
        }
      });
    }
    finish();
    const size = base.size ?? BODY_SIZE;
    return {
      lines,
      align: base.align ?? null,
      spaceBefore: base.spaceBefore ?? (block.heading && headingBold ? size * 0.4 : 0),
      spaceAfter: base.spaceAfter ?? (block.heading && headingBold ? size * 0.3 : 0),
    };
  }

  private drawLine(ops: string[], line: LaidLine, left: number, width: number, align: PdfStyle['align'], top: number): void {
    let x = left;
    if (align === 'RIGHT') x = left + width - line.width;
    else if (align === 'CENTER') x = left + (width - line.width) / 2;
    const baseline = top - line.ascent;
    for (const segment of line.segments) {
      this.text(ops, x, baseline, segment);
      x += segment.width;
    }
  }

  paragraph(block: PdfParagraph): void {
    const laid = this.layParagraph(block, this.width);
    this.y -= laid.spaceBefore;
    for (const line of laid.lines) {
      this.ensure(line.height);
      this.drawLine(this.ops, line, MARGIN, this.width, laid.align, this.y);
      this.y -= line.height;
    }
    this.y -= laid.spaceAfter;
  }

  rule(): void {
    this.ensure(12);
    this.y -= 6;
    this.ops.push(`0.5 w ${fmt(MARGIN)} ${fmt(this.y)} m ${fmt(MARGIN + this.width)} ${fmt(this.y)} l S`);
    this.y -= 6;
  }

  private columnWidths(block: Extract<PdfBlock, { kind: 'table' }>, columns: number): number[] {
    const given = Array.from({ length: columns }, (_, i) => block.columnWidths?.[i] ?? null);
    const fixed = given.reduce<number>((s, w) => s + (w ?? 0), 0);
    const free = given.filter((w) => w === null).length;
    const share = free ? Math.max(0, this.width - fixed) / free : 0;
    const widths = given.map((w) => w ?? share);
    const total = widths.reduce((s, w) => s + w, 0);
    // Docs shrinks a table wider than the page to the page.
    return total > this.width ? widths.map((w) => (w * this.width) / total) : widths;
  }

  table(block: Extract<PdfBlock, { kind: 'table' }>): void {
    const columns = Math.max(1, ...block.rows.map((r) => r.length));
    const widths = this.columnWidths(block, columns);
    const border = block.borderWidth ?? 1;
    const borderColor = rgb(block.borderColor) ?? '0 0 0';
    for (const row of block.rows) {
      const cells = Array.from({ length: columns }, (_, i) => {
        const cell = row[i] ?? '';
        const content: PdfCell = typeof cell === 'string' ? { paragraphs: [{ kind: 'paragraph', text: cell }] } : cell;
        const laid = content.paragraphs.map((p) => this.layParagraph(p, widths[i] - 2 * CELL_PADDING));
        const height = laid.reduce((s, p) => s + p.spaceBefore + p.spaceAfter + p.lines.reduce((h, l) => h + l.height, 0), 0);
        return { laid, height, background: content.background ?? null };
      });
      const height = Math.max(...cells.map((c) => c.height)) + 2 * CELL_PADDING;
      this.ensure(height);
      const top = this.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const fill = rgb(cell.background);
        if (fill) this.ops.push(`q ${fill} rg ${fmt(x)} ${fmt(top - height)} ${fmt(widths[i])} ${fmt(height)} re f Q`);
        if (border > 0) this.ops.push(`q ${borderColor} RG ${fmt(border)} w ${fmt(x)} ${fmt(top - height)} ${fmt(widths[i])} ${fmt(height)} re S Q`);
        let y = top - CELL_PADDING;
        for (const paragraph of cell.laid) {
          y -= paragraph.spaceBefore;
          for (const line of paragraph.lines) {
            this.drawLine(this.ops, line, x + CELL_PADDING, widths[i] - 2 * CELL_PADDING, paragraph.align, y);
            y -= line.height;
          }
          y -= paragraph.spaceAfter;
        }
        x += widths[i];
      });
      this.y -= height;
    }
  }

  /** The header and footer sections, drawn on every page; the body keeps clear of them. */
  frame(header: PdfParagraph[], footer: PdfParagraph[]): void {
    const lay = (blocks: PdfParagraph[]) => blocks.map((b) => this.layParagraph(b, this.width));
    const heightOf = (laid: LaidParagraph[]) => laid.reduce((s, p) => s + p.spaceBefore + p.spaceAfter + p.lines.reduce((h, l) => h + l.height, 0), 0);
    const draw = (laid: LaidParagraph[], top: number) => {
      let y = top;
      for (const paragraph of laid) {
        y -= paragraph.spaceBefore;
        for (const line of paragraph.lines) {
          this.drawLine(this.chrome, line, MARGIN, this.width, paragraph.align, y);
          y -= line.height;
        }
        y -= paragraph.spaceAfter;
      }
    };
    const head = lay(header.filter((b) => b.text !== '' || header.length > 1));
    const foot = lay(footer);
    if (header.length) {
      draw(head, PAGE_HEIGHT - HEADER_FOOTER_MARGIN);
      this.top = Math.min(PAGE_HEIGHT - MARGIN, PAGE_HEIGHT - HEADER_FOOTER_MARGIN - heightOf(head) - 6);
    }
    if (footer.length) {
      const height = heightOf(foot);
      draw(foot, HEADER_FOOTER_MARGIN + height);
      this.bottom = Math.max(MARGIN, HEADER_FOOTER_MARGIN + height + 6);
    }
    this.pages[0] = [...this.chrome];
    this.y = this.top;
  }
}

/** The style's keys that are set (an undefined size must not hide the paragraph's). */
function definedOf(style: PdfStyle): PdfStyle {
  const out: PdfStyle = {};
  for (const [k, v] of Object.entries(style)) if (v !== undefined && v !== null) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Writes the objects of `context` as a classic PDF file (header, objects, xref table, trailer). */
function serialize(context: PDFContext): Uint8Array {
  const header = PDFHeader.forVersion(1, 7);
  const objects = context.enumerateIndirectObjects();
  const xref = PDFCrossRefSection.create();
  let size = header.sizeInBytes() + 2;
  for (const [ref, object] of objects) {
    xref.addEntry(ref, size);
    size += ref.sizeInBytes() + 3 + object.sizeInBytes() + 9; // "N G R" → "N G obj\n" … "\nendobj\n\n"
  }
  const xrefOffset = size;
  const trailerDict = PDFTrailerDict.of(context.obj({ Size: context.largestObjectNumber + 1, Root: context.trailerInfo.Root, Info: context.trailerInfo.Info }));
  const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
  size += xref.sizeInBytes() + 1 + trailerDict.sizeInBytes() + 2 + trailer.sizeInBytes();

  const buffer = new Uint8Array(size);
  const ascii = (s: string, at: number): number => {
    for (let i = 0; i < s.length; i++) buffer[at + i] = s.charCodeAt(i);
    return s.length;
  };
  let offset = header.copyBytesInto(buffer, 0);
  offset += ascii('\n\n', offset);
  for (const [ref, object] of objects) {
    offset += ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`, offset);
    offset += object.copyBytesInto(buffer, offset);
    offset += ascii('\nendobj\n\n', offset);
  }
  offset += xref.copyBytesInto(buffer, offset);
  offset += ascii('\n', offset);
  offset += trailerDict.copyBytesInto(buffer, offset);
  offset += ascii('\n\n', offset);
  offset += trailer.copyBytesInto(buffer, offset);
  return buffer.subarray(0, offset);
}

/**
 * A real PDF (A4, Helvetica for Docs' Arial) of a document: paragraphs with their heading, weight, size,
 * colour and alignment; tables with their column widths, borders and cell colours; the header and
 * footer (paragraphs) on every page.
 */
export function renderPdf(title: string, blocks: PdfBlock[], frame: { header?: PdfParagraph[]; footer?: PdfParagraph[] } = {}): Uint8Array {
  const f = fonts();
  const layout = new Layout(f);
  layout.frame(frame.header ?? [], frame.footer ?? []);
  for (const block of blocks) {
    if (block.kind === 'paragraph') layout.paragraph(block);
    else if (block.kind === 'table') layout.table(block);
    else if (block.kind === 'pageBreak') layout.newPage();
    else layout.rule();
  }

  const context = PDFContext.create();
  const regularRef = f.regular.embedIntoContext(context);
  const boldRef = f.bold.embedIntoContext(context);
  const pagesRef = context.nextRef();
  const kids: PDFRef[] = layout.pages.map((ops) => {
    const contents = context.register(context.flateStream(ops.join('\n')));
    return context.register(
      context.obj({
        Type: 'Page',
        Parent: pagesRef,
        MediaBox: [0, 0, PAGE_WIDTH, PAGE_HEIGHT],
        Resources: { Font: { F1: regularRef, F2: boldRef } },
        Contents: contents,
      }),
    );
  });
  context.assign(pagesRef, context.obj({ Type: 'Pages', Kids: kids, Count: kids.length }));
  context.trailerInfo.Root = context.register(context.obj({ Type: 'Catalog', Pages: pagesRef }));
  context.trailerInfo.Info = context.register(context.obj({ Title: PDFHexString.fromText(title), Producer: PDFString.of('Carnet emulator (pdf-lib)') }));
  return serialize(context);
}

// ---------------------------------------------------------------------------------------------
// Reader

/** WinAnsiEncoding bytes 0x80–0x9F (the rest of the table is Latin-1). */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

export function winAnsiToUnicode(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? (WIN_ANSI_HIGH[b] ?? '') : String.fromCharCode(b);
  return out;
}

interface RawObject {
  dict: string;
  stream: Uint8Array | null;
}

function notPdf(reason: string): Error {
  return new Error(`Not a readable PDF: ${reason}`);
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

function decodeStream(dict: string, data: Uint8Array): Uint8Array {
  const filter = /\/Filter\s*(\[\s*)?\/(\w+)/.exec(dict);
  if (!filter) return data;
  if (filter[2] !== 'FlateDecode') throw notPdf(`unsupported stream filter ${filter[2]}`);
  try {
    return new Uint8Array(inflateSync(data));
  } catch {
    throw notPdf('corrupt FlateDecode stream');
  }
}

/** Every indirect object of the file, including those packed in object streams. */
function readObjects(bytes: Uint8Array): Map<number, RawObject> {
  const text = latin1(bytes);
  const objects = new Map<number, RawObject>();
  const objRe = /(\d+)\s+(\d+)\s+obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = objRe.exec(text))) {
    const start = m.index + m[0].length;
    const endObj = text.indexOf('endobj', start);
    if (endObj < 0) break;
    const streamKw = /\bstream(\r\n|\n|\r)/g;
    streamKw.lastIndex = start;
    const s = streamKw.exec(text);
    if (s && s.index < endObj) {
      const dict = text.slice(start, s.index);
      const dataStart = s.index + s[0].length;
      const length = /\/Length\s+(\d+)(\s+\d+\s+R)?/.exec(dict);
      let dataEnd: number;
      if (length && !length[2] && dataStart + Number(length[1]) <= bytes.length) dataEnd = dataStart + Number(length[1]);
      else {
        dataEnd = text.indexOf('endstream', dataStart);
        if (dataEnd < 0) throw notPdf('unterminated stream');
        while (dataEnd > dataStart && (text[dataEnd - 1] === '\n' || text[dataEnd - 1] === '\r')) dataEnd -= 1;
      }
      objects.set(Number(m[1]), { dict, stream: decodeStream(dict, bytes.subarray(dataStart, dataEnd)) });
      const after = text.indexOf('endobj', dataEnd);
      objRe.lastIndex = after < 0 ? text.length : after;
    } else {
      objects.set(Number(m[1]), { dict: text.slice(start, endObj), stream: null });
      objRe.lastIndex = endObj;
    }
  }
  for (const object of [...objects.values()]) {
    if (!object.stream || !/\/Type\s*\/ObjStm/.test(object.dict)) continue;
    const n = Number(/\/N\s+(\d+)/.exec(object.dict)?.[1] ?? 0);
    const first = Number(/\/First\s+(\d+)/.exec(object.dict)?.[1] ?? 0);
    const content = latin1(object.stream);
    const header = content.slice(0, first).trim().split(/\s+/).map(Number);
    for (let i = 0; i < n; i++) {
      const from = first + header[2 * i + 1];
      const to = i + 1 < n ? first + header[2 * i + 3] : content.length;
      objects.set(header[2 * i], { dict: content.slice(from, to), stream: null });
    }
  }
  return objects;
}

const refsIn = (value: string): number[] => [...value.matchAll(/(\d+)\s+\d+\s+R/g)].map((r) => Number(r[1]));

/** The content stream(s) of each page, in page order (walking the page tree from the catalog). */
function pageContents(bytes: Uint8Array): Uint8Array[][] {
  const objects = readObjects(bytes);
  if (objects.size === 0) throw notPdf('no objects');
  const text = latin1(bytes);
  const rootRef = /\/Root\s+(\d+)\s+\d+\s+R/.exec(text.slice(text.lastIndexOf('trailer') >= 0 ? text.lastIndexOf('trailer') : 0));
  let catalog = rootRef ? objects.get(Number(rootRef[1])) : undefined;
  if (!catalog) catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  if (!catalog) throw notPdf('no document catalog');
  const pagesRef = /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog.dict);
  if (!pagesRef) throw notPdf('no page tree');
  const pages: Uint8Array[][] = [];
  const visit = (num: number, depth: number): void => {
    const node = objects.get(num);
    if (!node || depth > 50) return;
    if (/\/Type\s*\/Pages\b/.test(node.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict);
      for (const kid of refsIn(kids?.[1] ?? '')) visit(kid, depth + 1);
      return;
    }
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(node.dict);
    const streams = refsIn(contents?.[1] ?? '')
      .map((ref) => objects.get(ref)?.stream)
      .filter((s): s is Uint8Array => !!s);
    pages.push(streams);
  };
  visit(Number(pagesRef[1]), 0);
  if (pages.length === 0) throw notPdf('no pages');
  return pages;
}

type Token =
  { kind: 'num'; value: number } | { kind: 'str'; bytes: Uint8Array } | { kind: 'op'; value: string } | { kind: 'array'; items: Token[] } | { kind: 'other' };

/** Tokenizes a content stream into operands and operators (strings decoded with pdf-lib). */
function tokenize(content: string): Token[] {
  const tokens: Token[] = [];
  const stack: Token[][] = [tokens];
  const push = (t: Token): void => {
    stack[stack.length - 1].push(t);
  };
  let i = 0;
  const n = content.length;
  while (i < n) {
    const c = content[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < n && content[i] !== '\n' && content[i] !== '\r') i++;
    } else if (c === '(') {
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        if (content[j] === '\\') j += 2;
        else {
          if (content[j] === '(') depth++;
          else if (content[j] === ')') depth--;
          j++;
        }
      }
      push({ kind: 'str', bytes: PDFString.of(content.slice(i + 1, j - 1)).asBytes() });
      i = j;
    } else if (c === '<' && content[i + 1] === '<') {
      push({ kind: 'other' });
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (content.startsWith('<<', i)) {
          depth++;
          i += 2;
        } else if (content.startsWith('>>', i)) {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === '<') {
      const j = content.indexOf('>', i);
      push({ kind: 'str', bytes: PDFHexString.of(content.slice(i + 1, j).replace(/\s/g, '')).asBytes() });
      i = j + 1;
    } else if (c === '[') {
      const items: Token[] = [];
      push({ kind: 'array', items });
      stack.push(items);
      i++;
    } else if (c === ']') {
      if (stack.length > 1) stack.pop();
      i++;
    } else if (c === '/') {
      let j = i + 1;
      while (j < n && !/[\s/[\]()<>{}%]/.test(content[j])) j++;
      push({ kind: 'other' });
      i = j;
    } else if (/[0-9+\-.]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9.]/.test(content[j])) j++;
      push({ kind: 'num', value: Number(content.slice(i, j)) });
      i = j;
    } else {
      let j = i + 1;
      while (j < n && !/[\s/[\]()<>{}%]/.test(content[j])) j++;
      const op = content.slice(i, j);
      if (op === 'BI') {
        const ei = content.indexOf('EI', j);
        i = ei < 0 ? n : ei + 2;
        continue;
      }
      push({ kind: 'op', value: op });
      i = j;
    }
  }
  return tokens;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

interface Fragment {
  x: number;
  y: number;
  text: string;
  seq: number;
  /** Shown right after the previous fragment, with no move in between: glued to it. */
  glued: boolean;
}

/** Runs the text operators of one page and returns the shown strings with their positions. */
function pageFragments(streams: Uint8Array[]): Fragment[] {
  const fragments: Fragment[] = [];
  let ctm: Matrix = IDENTITY;
  const saved: Matrix[] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let leading = 0;
  let moved = true;
  let operands: Token[] = [];
  const nums = (): number[] => operands.filter((t) => t.kind === 'num').map((t) => (t as { value: number }).value);
  const moveLine = (tx: number, ty: number): void => {
    tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
    tm = tlm;
    moved = true;
  };
  const show = (parts: Token[]): void => {
    let text = '';
    for (const part of parts) {
      if (part.kind === 'str') text += winAnsiToUnicode(part.bytes);
      else if (part.kind === 'num' && part.value < -250 && !text.endsWith(' ')) text += ' ';
    }
    const m = multiply(tm, ctm);
    fragments.push({ x: m[4], y: m[5], text, seq: fragments.length, glued: !moved });
    moved = false;
  };
  for (const stream of streams) {
    for (const token of tokenize(latin1(stream))) {
      if (token.kind !== 'op') {
        operands.push(token);
        continue;
      }
      const v = nums();
      switch (token.value) {
        case 'q':
          saved.push(ctm);
          break;
        case 'Q':
          ctm = saved.pop() ?? IDENTITY;
          break;
        case 'cm':
          if (v.length === 6) ctm = multiply(v as Matrix, ctm);
          break;
        case 'BT':
          tm = IDENTITY;
          tlm = IDENTITY;
          moved = true;
          break;
        case 'Td':
          moveLine(v[0] ?? 0, v[1] ?? 0);
          break;
        case 'TD':
          leading = -(v[1] ?? 0);
          moveLine(v[0] ?? 0, v[1] ?? 0);
          break;
        case 'TL':
          leading = v[0] ?? 0;
          break;
        case 'Tm':
          if (v.length === 6) {
            tlm = v as Matrix;
            tm = tlm;
            moved = true;
          }
          break;
        case 'T*':
          moveLine(0, -leading);
          break;
        case 'Tj':
          show(operands.filter((t) => t.kind === 'str'));
          break;
        case 'TJ': {
          const array = operands.find((t) => t.kind === 'array');
          show(array && array.kind === 'array' ? array.items : []);
          break;
        }
        case "'":
          moveLine(0, -leading);
          show(operands.filter((t) => t.kind === 'str'));
          break;
        case '"':
          moveLine(0, -leading);
          show(operands.filter((t) => t.kind === 'str'));
          break;
        default:
          break;
      }
      operands = [];
    }
  }
  return fragments;
}

/** Groups fragments into lines (same baseline), top to bottom, left to right. */
function linesOf(fragments: Fragment[]): string[] {
  const lines: Fragment[][] = [];
  for (const fragment of [...fragments].sort((a, b) => b.y - a.y || a.seq - b.seq)) {
    const line = lines.find((l) => Math.abs(l[0].y - fragment.y) < 2);
    if (line) line.push(fragment);
    else lines.push([fragment]);
  }
  return lines.map((line) => {
    let out = '';
    for (const f of line.sort((a, b) => (a.glued || b.glued ? a.seq - b.seq : a.x - b.x || a.seq - b.seq))) {
      if (out !== '' && !f.glued && !out.endsWith(' ') && !f.text.startsWith(' ')) out += ' ';
      out += f.text;
    }
    return out;
  });
}

/** The text of a PDF file, one line per text line, pages in order; throws on bytes that are not a PDF. */
export function extractPdfText(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw notPdf('expected bytes');
  const head = latin1(bytes.subarray(0, 1024));
  if (head.indexOf('%PDF-') < 0) throw notPdf('missing %PDF- header');
  if (latin1(bytes.subarray(Math.max(0, bytes.length - 2048))).indexOf('%%EOF') < 0) throw notPdf('missing %%EOF (truncated file?)');
  return pageContents(bytes)
    .map((streams) => linesOf(pageFragments(streams)).join('\n'))
    .join('\n');
}

/** The number of pages of a PDF file. */
export function pdfPageCount(bytes: Uint8Array): number {
  return pageContents(bytes).length;
}

/** Test helper: the text of a PDF given as a blob (anything with rawBytes() or getBytes()), bytes or signed bytes. */
export function pdfText(source: Uint8Array | number[] | { rawBytes(): Uint8Array } | { getBytes(): number[] }): string {
  if (source instanceof Uint8Array) return extractPdfText(source);
  if (Array.isArray(source)) return extractPdfText(new Uint8Array(source.map((b) => b & 0xff)));
  if ('rawBytes' in source) return extractPdfText(source.rawBytes());
  return extractPdfText(new Uint8Array(source.getBytes().map((b) => b & 0xff)));
}
