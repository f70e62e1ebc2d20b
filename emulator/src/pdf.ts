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

export type PdfBlock =
  | { kind: 'paragraph'; text: string; heading?: string }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'pageBreak' }
  | { kind: 'rule' };

const PAGE_WIDTH = 595.28; // A4 in points
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const CELL_PADDING = 4;
const BODY_SIZE = 10.5;

const HEADING_SIZES: Record<string, number> = {
  TITLE: 22,
  SUBTITLE: 14,
  HEADING1: 18,
  HEADING2: 15,
  HEADING3: 13,
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
    else if (ch === '\r' || ch === '\n') out += ch; // line breaks: wrapText splits on them
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

/** Splits text into lines that fit `width` at `size` (words first, characters for overlong words). */
export function wrapText(text: string, font: StandardFontEmbedder, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const hardLine of text.split(/\r\n|\r|\n|\u2028/)) {
    const words = hardLine.split(' ');
    let line = '';
    for (const word of words) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      let rest = word;
      // A word wider than the line is cut where it has to be.
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

/** Lays blocks out on A4 pages: one content stream per page, text drawn with Tj. */
class Layout {
  readonly pages: string[][] = [[]];
  private y = PAGE_HEIGHT - MARGIN;
  private readonly width = PAGE_WIDTH - 2 * MARGIN;

  constructor(private readonly f: Fonts) {}

  private get ops(): string[] {
    return this.pages[this.pages.length - 1];
  }

  newPage(): void {
    this.pages.push([]);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN && this.y < PAGE_HEIGHT - MARGIN) this.newPage();
  }

  private text(x: number, y: number, line: string, bold: boolean, size: number): void {
    if (line === '') return;
    const font = bold ? this.f.bold : this.f.regular;
    const hex = font.encodeText(line).toString();
    this.ops.push(`BT /${bold ? 'F2' : 'F1'} ${fmt(size)} Tf ${fmt(x)} ${fmt(y)} Td ${hex} Tj ET`);
  }

  paragraph(text: string, heading?: string): void {
    const size = (heading && HEADING_SIZES[heading]) || BODY_SIZE;
    const bold = !!heading && heading !== 'NORMAL' && heading !== 'SUBTITLE';
    const font = bold ? this.f.bold : this.f.regular;
    const leading = size * 1.35;
    if (bold) this.y -= size * 0.4;
    for (const line of wrapText(toWinAnsi(text, font), font, size, this.width)) {
      this.ensure(leading);
      this.y -= leading;
      this.text(MARGIN, this.y + size * 0.25, line, bold, size);
    }
    this.y -= size * 0.3;
  }

  rule(): void {
    this.ensure(12);
    this.y -= 6;
    this.ops.push(`0.5 w ${fmt(MARGIN)} ${fmt(this.y)} m ${fmt(MARGIN + this.width)} ${fmt(this.y)} l S`);
    this.y -= 6;
  }

  table(rows: string[][]): void {
    const columns = Math.max(1, ...rows.map((r) => r.length));
    const colWidth = this.width / columns;
    const size = BODY_SIZE;
    const leading = size * 1.3;
    this.y -= 4;
    for (const row of rows) {
      const cells = Array.from({ length: columns }, (_, i) =>
        wrapText(toWinAnsi(row[i] ?? '', this.f.regular), this.f.regular, size, colWidth - 2 * CELL_PADDING),
      );
      const height = Math.max(...cells.map((c) => c.length)) * leading + 2 * CELL_PADDING;
      this.ensure(height);
      const top = this.y;
      cells.forEach((lines, i) => {
        const x = MARGIN + i * colWidth;
        this.ops.push(`0.5 w ${fmt(x)} ${fmt(top - height)} ${fmt(colWidth)} ${fmt(height)} re S`);
        lines.forEach((line, j) => this.text(x + CELL_PADDING, top - CELL_PADDING - (j + 1) * leading + size * 0.3, line, false, size));
      });
      this.y -= height;
    }
    this.y -= 6;
  }
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
  const trailerDict = PDFTrailerDict.of(
    context.obj({ Size: context.largestObjectNumber + 1, Root: context.trailerInfo.Root, Info: context.trailerInfo.Info }),
  );
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

/** A real PDF (A4, Helvetica) of a document: paragraphs with their headings, tables as bordered grids. */
export function renderPdf(title: string, blocks: PdfBlock[]): Uint8Array {
  const f = fonts();
  const layout = new Layout(f);
  for (const block of blocks) {
    if (block.kind === 'paragraph') layout.paragraph(block.text, block.heading);
    else if (block.kind === 'table') layout.table(block.rows);
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
  context.trailerInfo.Info = context.register(
    context.obj({ Title: PDFHexString.fromText(title), Producer: PDFString.of('Carnet emulator (pdf-lib)') }),
  );
  return serialize(context);
}

// ---------------------------------------------------------------------------------------------
// Reader

/** WinAnsiEncoding bytes 0x80–0x9F (the rest of the table is Latin-1). */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
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

type Token = { kind: 'num'; value: number } | { kind: 'str'; bytes: Uint8Array } | { kind: 'op'; value: string } | { kind: 'array'; items: Token[] } | { kind: 'other' };

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
