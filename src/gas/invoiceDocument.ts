// Invoice PDFs from a Google Docs template: copy the template, fill its {{placeholders}}, repeat the
// line-item model row, export as PDF into Factures/<year>/, trash the intermediate copy.
import { INVOICE_PLACEHOLDERS, LINE_PLACEHOLDERS, invoicePlaceholders, linePlaceholders, type InvoiceModel } from '../domain/invoice';
import type { Messages } from '../i18n/messages';
import { openFile, openFolder } from './drive';

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

function fill(doc: GoogleAppsScript.Document.Document, model: InvoiceModel, text: Messages): void {
  const body = doc.getBody();
  const sections: Section[] = [body];
  const header = doc.getHeader();
  const footer = doc.getFooter();
  if (header) sections.push(header);
  if (footer) sections.push(footer);

  const known = new Set<string>([...INVOICE_PLACEHOLDERS, ...LINE_PLACEHOLDERS]);
  const unknown = new Set<string>();
  for (const section of sections) for (const p of section.getText().match(PLACEHOLDER) ?? []) if (!known.has(p)) unknown.add(p);
  if (unknown.size) throw new TemplateError(text.templateBroken(text.templateUnfilled([...unknown].join(', '))));

  fillLines(body, model, text);
  const values = invoicePlaceholders(model);
  // A value may itself hold "{{…}}" (a client's name): placeholders become markers no value can contain first.
  const guarded = Object.values(values).some((v) => v.includes('{{'));
  for (const section of sections) {
    for (const [placeholder, value] of Object.entries(values)) {
      if (guarded) section.replaceText(patternOf(placeholder), literal(marker(placeholder)));
      else section.replaceText(patternOf(placeholder), literal(value));
    }
    if (guarded) for (const [placeholder, value] of Object.entries(values)) section.replaceText(patternOf(marker(placeholder)), literal(stripMarkers(value)));
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
  for (const table of body.getTables()) {
    for (let r = 0; r < table.getNumRows(); r++) {
      const modelRow = table.getRow(r);
      if (!modelRow.getText().includes(MODEL_ROW_MARK)) continue;
      model.lines.forEach((line, i) => {
        const row = table.insertTableRow(r + 1 + i, modelRow.copy());
        for (const [placeholder, value] of Object.entries(linePlaceholders(line, model.locale))) row.replaceText(patternOf(placeholder), literal(value));
      });
      table.removeRow(r);
      return;
    }
  }
  throw new TemplateError(text.templateBroken(text.templateNoLineRow(MODEL_ROW_MARK)));
}

/** Carnet's default template: sober, one column, every mandatory field; the admin restyles it at will. */
export function createDefaultTemplate(folder: GoogleAppsScript.Drive.Folder, labels: TemplateLabels): string {
  const doc = DocumentApp.create(labels.documentName);
  const body = doc.getBody();
  body.clear();
  body.appendParagraph('{{titre}} {{numero}}').setHeading(DocumentApp.ParagraphHeading.HEADING1);
  body.appendParagraph('{{vendeur_nom}}').editAsText().setBold(true);
  body.appendParagraph('{{vendeur_adresse}}');
  body.appendParagraph(`${labels.siret} {{vendeur_siret}}`);
  body.appendParagraph('{{vendeur_email}} {{vendeur_telephone}}');
  body.appendParagraph(labels.client).setHeading(DocumentApp.ParagraphHeading.HEADING3);
  body.appendParagraph('{{client_societe}} {{client_tva}}');
  body.appendParagraph('{{client_nom}}');
  body.appendParagraph('{{client_adresse}}');
  body.appendParagraph('{{client_email}}');
  body.appendParagraph(`${labels.issueDate} {{date_emission}}`);
  body.appendParagraph(`${labels.saleDate} {{date_vente}}`);
  body.appendParagraph('{{facture_origine}}');
  const table = body.appendTable([
    labels.columns,
    ['{{ligne_designation}}', '{{ligne_quantite}}', '{{ligne_prix_unitaire_ht}}', '{{ligne_tva}}', '{{ligne_total_ht}}'],
  ]);
  table.getRow(0).editAsText().setBold(true);
  body.appendParagraph(`${labels.totalHt} {{total_ht}}`).setAlignment(DocumentApp.HorizontalAlignment.RIGHT);
  body.appendParagraph(`${labels.totalVat} {{total_tva}}`).setAlignment(DocumentApp.HorizontalAlignment.RIGHT);
  body.appendParagraph('{{detail_tva}}').setAlignment(DocumentApp.HorizontalAlignment.RIGHT);
  body.appendParagraph(`${labels.totalTtc} {{total_ttc}}`).setAlignment(DocumentApp.HorizontalAlignment.RIGHT).editAsText().setBold(true);
  body.appendParagraph('{{paiement}}');
  body.appendParagraph('{{mentions}}').editAsText().setFontSize(9);
  doc.saveAndClose();
  DriveApp.getFileById(doc.getId()).moveTo(folder);
  return doc.getId();
}

export interface TemplateLabels {
  documentName: string;
  siret: string;
  client: string;
  issueDate: string;
  saleDate: string;
  columns: string[];
  totalHt: string;
  totalVat: string;
  totalTtc: string;
}
