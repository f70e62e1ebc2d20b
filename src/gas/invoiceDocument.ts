// Invoice PDFs from a Google Docs template: copy the template into Factures/<year>/, fill the copy with
// ONE Docs API batchUpdate (every {{placeholder}}, the line-item rows, the empty fields removed), export
// it as PDF from its Drive file (the Docs API saved the changes server-side), save the PDF beside it,
// trash the copy. Six Drive calls (one search, copy, open, export, save, trash; invoiceDrive.ts) and two
// Docs calls per document, whatever the template holds; no DocumentApp.
import { INVOICE_PLACEHOLDERS, LINE_PLACEHOLDERS, invoicePlaceholders, linePlaceholders, type InvoiceModel } from '../domain/invoice';
import type { Messages } from '../i18n/messages';
import { TemplateError, copyTemplate, invoicePlace, saveInFolder, trashFile } from './invoiceDrive';
import { ciiXml } from '../domain/cii';

export { TemplateError };

const MODEL_ROW_MARK = '{{ligne_designation}}';
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

export function invoiceFileName(model: InvoiceModel, kindWord: string): string {
  const who = (model.client.company || model.client.name).replace(/[\\/:*?"<>|]/g, ' ').trim();
  return `${kindWord} ${model.number} - ${who}.pdf`;
}

/** A rendered document: its Drive file and the PDF bytes already in memory (to attach without reopening it). */
export interface RenderedPdf {
  id: string;
  url: string;
  blob: GoogleAppsScript.Base.Blob | null;
}

/** The link the sheet shows, as File.getUrl() gives it (no call needed: it follows from the id). */
export function pdfUrl(fileId: string): string {
  return `https://drive.google.com/file/d/${fileId}/view?usp=drivesdk`;
}

/** The PDF of an issued document; made once: a PDF already saved under this name is reused. */
export function renderInvoicePdf(model: InvoiceModel, templateId: string, folderId: string, fileName: string, text: Messages): RenderedPdf {
  // A business client's document also exists as an EN 16931 e-invoice (CII XML), beside its PDF.
  const xmlName = model.client.isBusiness ? fileName.replace(/\.pdf$/, '.xml') : null;
  const copyName = fileName.replace(/\.pdf$/, '');
  const place = invoicePlace(folderId, String(model.issueDate.year), templateId, { pdf: fileName, copy: copyName, xml: xmlName }, text);
  // The filled copy a run killed midway left behind goes to the trash, as the run would have done.
  for (const leftover of place.leftovers) trashFile(leftover);
  if (xmlName && !place.xml) saveInFolder(place.folderId, Utilities.newBlob(ciiXml(model), 'application/xml', xmlName));
  if (place.pdf) return { id: place.pdf, url: pdfUrl(place.pdf), blob: null };
  const copyId = copyTemplate(templateId, copyName, place.folderId, text);
  let copy: GoogleAppsScript.Drive.File | null = null;
  try {
    copy = DriveApp.getFileById(copyId);
    fill(copyId, model, text);
    const pdf = copy.getAs('application/pdf').setName(fileName);
    const id = saveInFolder(place.folderId, pdf);
    return { id, url: pdfUrl(id), blob: pdf };
  } finally {
    copy?.setTrashed(true);
  }
}

type Request = GoogleAppsScript.Docs.Schema.Request;
type TextStyle = GoogleAppsScript.Docs.Schema.TextStyle;
type StructuralElement = GoogleAppsScript.Docs.Schema.StructuralElement;
type DocsDocument = GoogleAppsScript.Docs.Schema.Document;

/** One paragraph of the template, where the Docs API puts it. */
interface Para {
  segmentId: string;
  start: number;
  end: number;
  text: string;
  onlyText: boolean;
  /** Its cell's or section's paragraphs: Docs refuses to delete the last one of either. */
  lastInContainer: boolean;
  onlyInContainer: boolean;
  inCell: boolean;
  /** Docs refuses to delete the newline before a table. */
  beforeTable: boolean;
  row: Row | null;
  alignment: string | undefined;
  textStyle: TextStyle;
}

interface Row {
  segmentId: string;
  tableStart: number;
  rowIndex: number;
  tableRows: number;
  start: number;
  end: number;
  paras: Para[];
  cells: Para[][];
}

function readContent(content: StructuralElement[] | undefined, segmentId: string, row: Row | null, inCell: boolean, out: Para[]): Para[] {
  const elements = (content ?? []).filter((e) => e.paragraph || e.table);
  const mine: Para[] = [];
  elements.forEach((element, i) => {
    if (element.paragraph) {
      const parts = element.paragraph.elements ?? [];
      const para: Para = {
        segmentId,
        start: element.startIndex ?? 0,
        end: element.endIndex ?? 0,
        text: parts
          .map((p) => p.textRun?.content ?? '')
          .join('')
          .replace(/\n$/, ''),
        onlyText: parts.every((p) => p.textRun),
        lastInContainer: i === elements.length - 1,
        onlyInContainer: elements.length === 1,
        inCell,
        beforeTable: !!elements[i + 1]?.table,
        row,
        alignment: element.paragraph.paragraphStyle?.alignment,
        textStyle: parts.find((p) => p.textRun)?.textRun?.textStyle ?? {},
      };
      out.push(para);
      mine.push(para);
      return;
    }
    const table = element.table as GoogleAppsScript.Docs.Schema.Table;
    (table.tableRows ?? []).forEach((tableRow, r) => {
      const rowInfo: Row = {
        segmentId,
        tableStart: element.startIndex ?? 0,
        rowIndex: r,
        tableRows: table.tableRows?.length ?? 0,
        start: tableRow.startIndex ?? 0,
        end: tableRow.endIndex ?? 0,
        paras: [],
        cells: [],
      };
      for (const cell of tableRow.tableCells ?? []) {
        const paras = readContent(cell.content, segmentId, rowInfo, true, out);
        rowInfo.cells.push(paras);
        rowInfo.paras.push(...paras);
      }
    });
  });
  return mine;
}

/** Every paragraph of the body, headers and footers, in document order per segment. */
function paragraphsOf(doc: DocsDocument): Para[] {
  const out: Para[] = [];
  readContent(doc.body?.content, '', null, false, out);
  for (const [id, header] of Object.entries(doc.headers ?? {})) readContent(header.content, id, null, false, out);
  for (const [id, footer] of Object.entries(doc.footers ?? {})) readContent(footer.content, id, null, false, out);
  return out;
}

/** Docs' soft line break: a value's lines stay in the paragraph of its field. */
const lineBreaks = (value: string): string => value.replace(/\r\n|\n|\r/g, '\u000b');

/**
 * A placeholder's same-length stand-in: the fields are swapped for markers first, so that no index
 * moves, and a value holding "{{…}}" (a client's name) is never taken for a field afterwards.
 */
const marker = (placeholder: string): string => `\u27e6\u27e6${placeholder.slice(2, -2)}\u27e7\u27e7`;
const stripMarkers = (value: string): string => value.replace(/[\u27e6\u27e7]/g, '');

interface Edit {
  segmentId: string;
  /** Where it acts: edits are sent from the end of each segment back, so that each index is still true. */
  at: number;
  requests: Request[];
}

function range(segmentId: string, startIndex: number, endIndex: number): GoogleAppsScript.Docs.Schema.Range {
  return segmentId ? { segmentId, startIndex, endIndex } : { startIndex, endIndex };
}

function location(segmentId: string, index: number): GoogleAppsScript.Docs.Schema.Location {
  return segmentId ? { segmentId, index } : { index };
}

/** Fills the copy with one documents.get and one documents.batchUpdate. */
function fill(docId: string, model: InvoiceModel, text: Messages): void {
  let doc: DocsDocument;
  try {
    doc = Docs!.Documents!.get(docId);
  } catch (error) {
    throw new TemplateError(text.templateBroken(String((error as Error).message)));
  }
  const paras = paragraphsOf(doc);
  const known = new Set<string>([...INVOICE_PLACEHOLDERS, ...LINE_PLACEHOLDERS]);
  const present = new Set(paras.flatMap((p) => p.text.match(PLACEHOLDER) ?? []));
  const unknown = [...present].filter((p) => !known.has(p));
  if (unknown.length) throw new TemplateError(text.templateBroken(text.templateUnfilled(unknown.join(', '))));
  const modelRow = paras.find((p) => p.row && p.text.includes(MODEL_ROW_MARK))?.row;
  if (!modelRow) throw new TemplateError(text.templateBroken(text.templateNoLineRow(MODEL_ROW_MARK)));

  const values: Record<string, string> = invoicePlaceholders(model);
  const fields = [...present].filter((p) => Object.prototype.hasOwnProperty.call(values, p));
  const edits = [lineRows(modelRow, model), ...emptyFieldEdits(paras, values, modelRow)];
  edits.sort((a, b) => (a.segmentId === b.segmentId ? b.at - a.at : a.segmentId < b.segmentId ? -1 : 1));
  const requests: Request[] = [
    ...fields.map((p) => ({ replaceAllText: { containsText: { text: p, matchCase: true }, replaceText: marker(p) } })),
    ...edits.flatMap((e) => e.requests),
    ...fields.map((p) => ({ replaceAllText: { containsText: { text: marker(p), matchCase: true }, replaceText: lineBreaks(stripMarkers(values[p])) } })),
  ];
  try {
    Docs!.Documents!.batchUpdate({ requests }, docId);
  } catch (error) {
    throw new TemplateError(text.templateBroken(String((error as Error).message)));
  }
}

/**
 * The row holding {{ligne_designation}} is the model: one row per line is inserted under it, each
 * cell holding the model cell's text with the line's values, in the model cell's alignment and text
 * style; then the model row goes.
 */
function lineRows(row: Row, model: InvoiceModel): Edit {
  const { segmentId } = row;
  const tableStartLocation = location(segmentId, row.tableStart);
  const requests: Request[] = model.lines.map(() => ({
    insertTableRow: { tableCellLocation: { tableStartLocation, rowIndex: row.rowIndex, columnIndex: 0 }, insertBelow: true },
  }));
  // An inserted row: one index for the row, then per cell one for the cell and one for its empty paragraph.
  const rowLength = 1 + row.cells.length * 2;
  for (let k = model.lines.length - 1; k >= 0; k--) {
    const values: Record<string, string> = linePlaceholders(model.lines[k], model.locale);
    for (let c = row.cells.length - 1; c >= 0; c--) {
      const cell = row.cells[c];
      const at = row.end + k * rowLength + 1 + c * 2 + 1;
      const content = cell
        .map((p) => p.text)
        .join('\n')
        .replace(PLACEHOLDER, (p) => lineBreaks(values[p] ?? p));
      const first = cell[0];
      if (content) requests.push({ insertText: { location: location(segmentId, at), text: content } });
      const span = range(segmentId, at, at + Math.max(content.length, 1));
      if (first?.alignment) requests.push({ updateParagraphStyle: { range: span, paragraphStyle: { alignment: first.alignment }, fields: 'alignment' } });
      const style = first?.textStyle ?? {};
      const styled = (['bold', 'italic', 'fontSize', 'foregroundColor'] as const).filter((f) => style[f] !== undefined);
      if (content && styled.length)
        requests.push({ updateTextStyle: { range: range(segmentId, at, at + content.length), textStyle: style, fields: styled.join(',') } });
    }
  }
  requests.push({ deleteTableRow: { tableCellLocation: { tableStartLocation, rowIndex: row.rowIndex, columnIndex: 0 } } });
  return { segmentId, at: row.start, requests };
}

/**
 * Paragraphs and table rows whose every field is empty go, labels included ("N° TVA :" for a private
 * client, the VAT line under the franchise), so no blank line is left. Docs will not delete the last
 * paragraph of a cell or section, nor the one just before a table: those are emptied instead, and
 * shrunk to nothing visible where the paragraph would have gone (the only paragraph of a cell and the
 * last of the page keep their line, as before). A paragraph holding an image (the admin's logo) stays.
 */
function emptyFieldEdits(paras: Para[], values: Record<string, string>, modelRow: Row): Edit[] {
  const allEmpty = (content: string): boolean => {
    const found = content.match(PLACEHOLDER);
    return !!found && found.every((f) => values[f] === '');
  };
  const edits: Edit[] = [];
  const goneRows = new Set<Row>();
  const rowsLeft = new Map<string, number>();
  for (const row of new Set(paras.map((p) => p.row).filter((r): r is Row => !!r && r !== modelRow))) {
    const table = `${row.segmentId}@${row.tableStart}`;
    const left = rowsLeft.get(table) ?? row.tableRows;
    if (!allEmpty(row.paras.map((p) => p.text).join('\n')) || left <= 1) continue;
    rowsLeft.set(table, left - 1);
    goneRows.add(row);
    const tableCellLocation = { tableStartLocation: location(row.segmentId, row.tableStart), rowIndex: row.rowIndex, columnIndex: 0 };
    edits.push({ segmentId: row.segmentId, at: row.start, requests: [{ deleteTableRow: { tableCellLocation } }] });
  }
  for (const p of paras) {
    if ((p.row && (p.row === modelRow || goneRows.has(p.row))) || !p.onlyText || !allEmpty(p.text)) continue;
    if (!p.lastInContainer && !p.beforeTable) {
      edits.push({ segmentId: p.segmentId, at: p.start, requests: [{ deleteContentRange: { range: range(p.segmentId, p.start, p.end) } }] });
      continue;
    }
    const requests: Request[] = [{ deleteContentRange: { range: range(p.segmentId, p.start, p.end - 1) } }];
    const keepsItsLine = p.onlyInContainer || (!p.inCell && p.lastInContainer);
    if (!keepsItsLine) {
      const newline = range(p.segmentId, p.start, p.start + 1);
      requests.push(
        {
          updateParagraphStyle: {
            range: newline,
            paragraphStyle: { spaceAbove: { magnitude: 0, unit: 'PT' }, spaceBelow: { magnitude: 0, unit: 'PT' } },
            fields: 'spaceAbove,spaceBelow',
          },
        },
        { updateTextStyle: { range: newline, textStyle: { fontSize: { magnitude: 1, unit: 'PT' } }, fields: 'fontSize' } },
      );
    }
    edits.push({ segmentId: p.segmentId, at: p.start, requests });
  }
  return edits;
}

/**
 * Carnet's default template: seller left and the document box (title, number, dates) right, the client
 * under the box, the line table with right-aligned amounts, the totals right, the payment line, the
 * legal mentions in the page footer. Lines whose fields are empty disappear (see dropEmptyFields).
 * The admin restyles it at will, and adds a logo with Insert > Image in the top-left cell.
 */
export function createDefaultTemplate(folder: GoogleAppsScript.Drive.Folder, labels: TemplateLabels): string {
  const doc = DocumentApp.create(labels.documentName);
  const body = doc.getBody();
  body.clear();
  const Align = DocumentApp.HorizontalAlignment;

  const head = body.insertTable(0, [
    ['', ''],
    ['', ''],
  ]);
  head.setBorderWidth(0);
  head.setColumnWidth(0, CONTENT_WIDTH / 2).setColumnWidth(1, CONTENT_WIDTH / 2);
  fillCell(head.getCell(0, 0), [
    { text: '{{vendeur_nom_commercial}}', bold: true, size: 15 },
    { text: '{{vendeur_nom}}', bold: true },
    { text: '{{vendeur_adresse}}' },
    { text: `${labels.siret} {{vendeur_siret}}` },
    { text: `${labels.vatNumber} {{vendeur_tva}}` },
    { text: '{{vendeur_email}}' },
    { text: '{{vendeur_telephone}}' },
  ]);
  const box = head.getCell(0, 1).setBackgroundColor(BOX_COLOR);
  fillCell(box, [
    { text: '{{titre}}', bold: true, size: 20, align: Align.RIGHT },
    { text: `${labels.number} {{numero}}`, bold: true, align: Align.RIGHT },
    { text: `${labels.issueDate} {{date_emission}}`, align: Align.RIGHT },
    { text: `${labels.saleDate} {{date_vente}}`, align: Align.RIGHT },
  ]);
  fillCell(head.getCell(1, 0), [{ text: '' }]);
  fillCell(head.getCell(1, 1), [
    { text: labels.client, bold: true, size: 9, color: MUTED_COLOR },
    { text: '{{client_societe}}', bold: true },
    { text: '{{client_nom}}' },
    { text: '{{client_adresse}}' },
    { text: '{{client_email}}' },
    { text: `${labels.clientVat} {{client_tva}}` },
    { text: `${labels.clientSiren} {{client_siren}}` },
  ]);

  const cited = body.appendParagraph('{{facture_origine}}').setSpacingBefore(6).setSpacingAfter(10);
  cited.editAsText().setBold(true);
  const lines = body.appendTable([
    labels.columns,
    ['{{ligne_designation}}', '{{ligne_quantite}}', '{{ligne_prix_unitaire_ht}}', '{{ligne_tva}}', '{{ligne_total_ht}}'],
  ]);
  lines.setBorderWidth(0.5).setBorderColor(RULE_COLOR);
  LINE_COLUMN_WIDTHS.forEach((w, i) => lines.setColumnWidth(i, w));
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < LINE_COLUMN_WIDTHS.length; c++) {
      const cell = lines.getCell(r, c);
      if (r === 0) cell.setBackgroundColor(BOX_COLOR).editAsText().setBold(true);
      if (c > 0) cell.getChild(0).asParagraph().setAlignment(Align.RIGHT);
    }
  }

  body.appendParagraph('');
  const totals = body.appendTable([
    ['', labels.totalHt, '{{total_ht}}'],
    ['', labels.totalVat, '{{total_tva}}'],
    ['', '{{detail_tva}}', ''],
    ['', labels.totalTtc, '{{total_ttc}}'],
  ]);
  totals.setBorderWidth(0);
  TOTALS_COLUMN_WIDTHS.forEach((w, i) => totals.setColumnWidth(i, w));
  for (let r = 0; r < 4; r++) {
    for (let c = 1; c < 3; c++) {
      const paragraph = totals.getCell(r, c).getChild(0).asParagraph().setAlignment(Align.RIGHT);
      if (r === 2) paragraph.editAsText().setFontSize(8);
    }
  }
  for (let c = 1; c < 3; c++) totals.getCell(3, c).setBackgroundColor(BOX_COLOR).editAsText().setBold(true).setFontSize(12);

  body.appendParagraph('');
  body.appendParagraph('{{paiement}}');
  const footer = doc.addFooter();
  const mentions = footer.getParagraphs()[0];
  mentions.setText('{{mentions}}');
  mentions.editAsText().setFontSize(8).setForegroundColor(MUTED_COLOR);
  footer.appendParagraph('{{mentions_einvoicing}}').editAsText().setFontSize(8).setForegroundColor(MUTED_COLOR);
  doc.saveAndClose();
  DriveApp.getFileById(doc.getId()).moveTo(folder);
  return doc.getId();
}

/** A4 with Docs' default 1-inch margins: 595 − 2 × 72 points of text width. */
const CONTENT_WIDTH = 451;
const LINE_COLUMN_WIDTHS = [197, 44, 75, 45, 90];
const TOTALS_COLUMN_WIDTHS = [171, 160, 120];
const BOX_COLOR = '#eef2f6';
const RULE_COLOR = '#9aa5b1';
const MUTED_COLOR = '#55606b';

interface CellLine {
  text: string;
  bold?: boolean;
  size?: number;
  color?: string;
  align?: GoogleAppsScript.Document.HorizontalAlignment;
}

/** The cell's paragraphs, one per line (its existing first paragraph is reused: a cell is never empty). */
function fillCell(cell: GoogleAppsScript.Document.TableCell, lines: CellLine[]): void {
  lines.forEach((line, i) => {
    let paragraph: GoogleAppsScript.Document.Paragraph;
    if (i === 0) {
      paragraph = cell.getChild(0).asParagraph();
      paragraph.setText(line.text);
    } else paragraph = cell.appendParagraph(line.text);
    const text = paragraph.editAsText();
    if (line.bold) text.setBold(true);
    if (line.size) text.setFontSize(line.size);
    if (line.color) text.setForegroundColor(line.color);
    if (line.align) paragraph.setAlignment(line.align);
  });
}

export interface TemplateLabels {
  documentName: string;
  number: string;
  siret: string;
  vatNumber: string;
  client: string;
  clientVat: string;
  clientSiren: string;
  issueDate: string;
  saleDate: string;
  columns: string[];
  totalHt: string;
  totalVat: string;
  totalTtc: string;
}
