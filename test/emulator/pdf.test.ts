// PDF writer and reader of the emulator: what getAs('application/pdf') hands a script must be a real
// PDF file whose text a reader can get back (references: PDF 32000-1:2008 §7.5 file structure,
// §9.4 text objects; WinAnsiEncoding, Annex D).
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { extractPdfText, pdfPageCount, pdfText, renderPdf, toWinAnsi } from '../../emulator/src/pdf';

const invoice = () =>
  renderPdf('Facture F-2026-001', [
    { kind: 'paragraph', text: 'Facture F-2026-001', heading: 'HEADING1' },
    { kind: 'paragraph', text: 'Client : Zoë Lefèvre — Œuvre “test”' },
    {
      kind: 'table',
      rows: [
        ['Désignation', 'Qté', 'Prix unitaire'],
        ['Cours particulier', '2', '45,00\u00a0€'],
        ['Pack 10 leçons', '1', '1\u202f144,56\u00a0€'],
      ],
    },
    { kind: 'paragraph', text: 'Total : 1\u202f234,56\u00a0€' },
    { kind: 'paragraph', text: 'TVA non applicable, art. 293 B du CGI' },
  ]);

describe('renderPdf / extractPdfText', () => {
  test('renderPdf writes a real PDF file: %PDF- header, %%EOF trailer, one A4 page', () => {
    const bytes = invoice();
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(bytes.subarray(bytes.length - 6)).toString('latin1')).toContain('%%EOF');
    expect(Buffer.from(bytes).toString('latin1')).toContain('/MediaBox [ 0 0 595.28 841.89 ]');
    expect(pdfPageCount(bytes)).toBe(1);
  });

  test('extractPdfText reads back every string, with euro sign, accents and French spaces (as plain spaces)', () => {
    const text = extractPdfText(invoice());
    expect(text).toContain('Facture F-2026-001');
    expect(text).toContain('Client : Zoë Lefèvre — Œuvre “test”');
    expect(text).toContain('Total : 1 234,56 €');
    expect(text).toContain('Cours particulier 2 45,00 €');
    expect(text).toContain('Pack 10 leçons 1 1 144,56 €');
    expect(text).toContain('TVA non applicable, art. 293 B du CGI');
  });

  test('text comes back one line per text line, top to bottom', () => {
    const lines = extractPdfText(invoice()).split('\n');
    expect(lines.indexOf('Facture F-2026-001')).toBeLessThan(lines.indexOf('Total : 1 234,56 €'));
    expect(lines[lines.length - 1]).toBe('TVA non applicable, art. 293 B du CGI');
  });

  test('characters outside WinAnsi do not crash: closest character or "?"', () => {
    expect(toWinAnsi('ő → 漢 \u2011 \u202f')).toBe('o -> ? -  ');
    const text = extractPdfText(renderPdf('x', [{ kind: 'paragraph', text: 'Zoltán Erdős 漢字 ✓' }]));
    expect(text).toBe('Zoltán Erdos ?? v');
  });

  test('long paragraphs wrap to the page width and five pages of text paginate', () => {
    const sentence = 'Ceci est une phrase assez longue pour remplir une ligne entière de la page A4. ';
    const blocks = Array.from({ length: 150 }, (_, i) => ({ kind: 'paragraph' as const, text: `§${i + 1} ${sentence.repeat(2)}` }));
    const bytes = renderPdf('long', blocks);
    expect(pdfPageCount(bytes)).toBeGreaterThanOrEqual(5);
    const text = extractPdfText(bytes);
    expect(text).toContain('§1 Ceci est une phrase');
    expect(text).toContain('§150 Ceci est une phrase');
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(120);
  });

  test('explicit line breaks (\\r) and page breaks are honoured', () => {
    const bytes = renderPdf('x', [{ kind: 'paragraph', text: 'ligne 1\rligne 2' }, { kind: 'pageBreak' }, { kind: 'paragraph', text: 'page 2' }]);
    expect(pdfPageCount(bytes)).toBe(2);
    expect(extractPdfText(bytes)).toBe('ligne 1\nligne 2\npage 2');
  });

  test('extractPdfText throws on bytes that are not a PDF', () => {
    expect(() => extractPdfText(new Uint8Array(Buffer.from('Facture: Total 12 €')))).toThrow(/Not a readable PDF/);
    expect(() => extractPdfText(new Uint8Array(0))).toThrow(/Not a readable PDF/);
    const truncated = invoice().subarray(0, 600);
    expect(() => extractPdfText(truncated)).toThrow(/Not a readable PDF/);
  });

  test('extractPdfText parses a PDF it did not write: literal strings, TJ arrays, T*, FlateDecode', () => {
    const content = 'BT /F1 12 Tf 14 TL 72 700 Td (Hello \\(world\\)) Tj T* [(Ke) 120 (rn) -400 (ed)] TJ ET';
    const stream = deflateSync(Buffer.from(content, 'latin1'));
    const parts: string[] = [];
    const offsets: number[] = [];
    let pdf = '%PDF-1.4\n';
    const add = (body: string) => {
      offsets.push(pdf.length + parts.join('').length);
      parts.push(body);
    };
    add('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
    add('2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n');
    add('3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n');
    add(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n${stream.toString('latin1')}\nendstream\nendobj\n`);
    pdf += parts.join('') + 'trailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n';
    expect(extractPdfText(new Uint8Array(Buffer.from(pdf, 'latin1')))).toBe('Hello (world)\nKern ed');
  });

  test('pdfText accepts bytes, signed Apps Script bytes or a blob', () => {
    const bytes = invoice();
    const signed = Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
    expect(pdfText(signed)).toBe(extractPdfText(bytes));
    expect(pdfText({ rawBytes: () => bytes })).toContain('Total : 1 234,56 €');
  });

  test('an independent parser (pdf-lib) loads the file: page count and title', async () => {
    const doc = await PDFDocument.load(invoice());
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Facture F-2026-001');
  });

  test('extractPdfText reads a PDF saved by pdf-lib itself (object streams, xref stream)', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Bonjour Zoë, 12 €', { x: 50, y: 700 });
    expect(extractPdfText(await doc.save())).toBe('Bonjour Zoë, 12 €');
  });
});
