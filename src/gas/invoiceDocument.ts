// Invoice PDFs from a Google Docs template: copy the template, fill its {{placeholders}}, repeat the
// line-item model row, export as PDF into Factures/<year>/, trash the intermediate copy.
import { INVOICE_PLACEHOLDERS, LINE_PLACEHOLDERS, invoicePlaceholders, linePlaceholders, type InvoiceModel } from '../domain/invoice';
import type { Messages } from '../i18n/messages';
import { openFile, openFolder } from './drive';
import { ciiXml } from '../domain/cii';

export class TemplateError extends Error {}

const MODEL_ROW_MARK = '{{ligne_designation}}';
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/** replaceText reads its pattern as a regular expression. */
function patternOf(placeholder: string): string {
  return placeholder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** In replaceText's replacement, backslash and dollar are special (group references): make them literal. */
function literal(value: string): string {
  return value.replace(/[\\$]/g, '\\$&');
}

type Section = GoogleAppsScript.Document.Body | GoogleAppsScript.Document.HeaderSection | GoogleAppsScript.Document.FooterSection;

export function invoiceFileName(model: InvoiceModel, kindWord: string): string {
  const who = (model.client.company || model.client.name).replace(/[\\/:*?"<>|]/g, ' ').trim();
  return `${kindWord} ${model.number} - ${who}.pdf`;
}

function childFolder(parent: GoogleAppsScript.Drive.Folder, name: string): GoogleAppsScript.Drive.Folder {
  const found = parent.getFoldersByName(name);
  return found.hasNext() ? found.next() : parent.createFolder(name);
}

/** The PDF of an issued document; made once: a PDF already saved under this name is reused. */
export function renderInvoicePdf(model: InvoiceModel, templateId: string, folderId: string, fileName: string, text: Messages): GoogleAppsScript.Drive.File {
  const root = openFolder(folderId);
  if (!root) throw new TemplateError(text.folderMissing);
  const folder = childFolder(childFolder(root, 'Factures'), String(model.issueDate.year));
  // A business client's document also exists as an EN 16931 e-invoice (CII XML), beside its PDF.
  if (model.client.isBusiness) saveOnce(folder, fileName.replace(/\.pdf$/, '.xml'), () => Utilities.newBlob(ciiXml(model), 'application/xml'));
  const existing = folder.getFilesByName(fileName);
  if (existing.hasNext()) return existing.next();
  const template = openFile(templateId);
  if (!template) throw new TemplateError(text.templateMissing);
  const copy = template.makeCopy(fileName.replace(/\.pdf$/, ''), folder);
  try {
    let doc: GoogleAppsScript.Document.Document;
    try {
      doc = DocumentApp.openById(copy.getId());
    } catch (error) {
      throw new TemplateError(text.templateBroken(String((error as Error).message)));
    }
    fill(doc, model, text);
    doc.saveAndClose();
    const pdf = copy.getAs('application/pdf').setName(fileName);
    return folder.createFile(pdf);
  } finally {
    copy.setTrashed(true);
  }
}

function saveOnce(folder: GoogleAppsScript.Drive.Folder, name: string, blob: () => GoogleAppsScript.Base.Blob): void {
  if (!folder.getFilesByName(name).hasNext()) folder.createFile(blob().setName(name));
}

function fill(doc: GoogleAppsScript.Document.Document, model: InvoiceModel, text: Messages): void {
  const body = doc.getBody();
  const sections: Section[] = [body];
  const header = doc.getHeader();
  const footer = doc.getFooter();
  if (header) sections.push(header);
  if (footer) sections.push(footer);

  const known = new Set<string>([...INVOICE_PLACEHOLDERS, ...LINE_PLACEHOLDERS]);
  const unknown = new Set<string>();
  // What each section holds: only those placeholders cost a call.
  const present = sections.map((section) => [...new Set(section.getText().match(PLACEHOLDER) ?? [])]);
  for (const p of present.flat()) if (!known.has(p)) unknown.add(p);
  if (unknown.size) throw new TemplateError(text.templateBroken(text.templateUnfilled([...unknown].join(', '))));

  fillLines(body, model, text);
  const values: Record<string, string> = invoicePlaceholders(model);
  sections.forEach((section, i) => dropEmptyFields(section, values, present[i]));
  // A value may itself hold "{{…}}" (a client's name): placeholders become markers no value can contain first.
  const guarded = Object.values(values).some((v) => v.includes('{{'));
  sections.forEach((section, i) => {
    const here = present[i].filter((p) => Object.prototype.hasOwnProperty.call(values, p));
    for (const placeholder of here) section.replaceText(patternOf(placeholder), literal(guarded ? marker(placeholder) : values[placeholder]));
    if (guarded) for (const placeholder of here) section.replaceText(patternOf(marker(placeholder)), literal(stripMarkers(values[placeholder])));
  });
}

/**
 * Paragraphs and table rows whose every field is empty go, labels included ("N° TVA :" for a private
 * client, the VAT line under the franchise), so no blank line is left. A section keeps its last
 * paragraph (Docs refuses to remove it) and a cell its only one: they are emptied instead. Found with
 * findText, a few calls per empty field, rather than by walking every element of the document.
 */
function dropEmptyFields(section: Section, values: Record<string, string>, present: readonly string[]): void {
  const allEmpty = (content: string): boolean => {
    const fields = content.match(PLACEHOLDER);
    return !!fields && fields.every((f) => values[f] === '');
  };
  const empty = present.filter((p) => values[p] === '');
  if (!empty.length) return;
  // One search for all the empty fields; after a removal it resumes after the last occurrence kept.
  const pattern = empty.map(patternOf).join('|');
  let kept: GoogleAppsScript.Document.RangeElement | null = null;
  let found = section.findText(pattern);
  while (found) {
    const paragraph = found.getElement().getParent();
    const container = paragraph.getParent();
    const inCell = container.getType() === DocumentApp.ElementType.TABLE_CELL;
    let removed = false;
    if (inCell) {
      const row = container.getParent().asTableRow();
      const rowText = row.getText();
      if (!rowText.includes(MODEL_ROW_MARK) && allEmpty(rowText) && row.getParentTable().getNumRows() > 1) {
        row.removeFromParent();
        removed = true;
      }
    }
    const asParagraph = paragraph.asParagraph();
    // More than one child: an image (the admin's logo) sits beside the fields; it stays.
    if (!removed && allEmpty(asParagraph.getText()) && asParagraph.getNumChildren() <= 1) {
      const alone = inCell ? container.asTableCell().getNumChildren() === 1 : paragraph.getNextSibling() === null;
      if (alone) asParagraph.setText('');
      else paragraph.removeFromParent();
      removed = true;
    }
    if (!removed) kept = found;
    found = kept ? section.findText(pattern, kept) : section.findText(pattern);
  }
}

const MARK_OPEN = '\u27e6';
const MARK_CLOSE = '\u27e7';

function marker(placeholder: string): string {
  return `${MARK_OPEN}${placeholder.slice(2, -2)}${MARK_CLOSE}`;
}

function stripMarkers(value: string): string {
  return value.replace(new RegExp(`[${MARK_OPEN}${MARK_CLOSE}]`, 'g'), '');
}

/** The table row holding {{ligne_designation}} is the model: one copy per line, then the model goes. */
function fillLines(body: GoogleAppsScript.Document.Body, model: InvoiceModel, text: Messages): void {
  // Found with one search rather than by reading every row of every table.
  const found = body.findText(patternOf(MODEL_ROW_MARK));
  const cell = found?.getElement().getParent().getParent();
  if (!cell || cell.getType() !== DocumentApp.ElementType.TABLE_CELL) throw new TemplateError(text.templateBroken(text.templateNoLineRow(MODEL_ROW_MARK)));
  const modelRow = cell.getParent().asTableRow();
  const table = modelRow.getParentTable();
  const r = table.getChildIndex(modelRow);
  model.lines.forEach((line, i) => {
    const row = table.insertTableRow(r + 1 + i, modelRow.copy());
    for (const [placeholder, value] of Object.entries(linePlaceholders(line, model.locale))) row.replaceText(patternOf(placeholder), literal(value));
  });
  table.removeRow(r);
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
