// After numbering: the PDF of each issued document, then its e-mail. Both are retried by the backstop
// until done; an e-mail is never sent twice for the same document.
import { INVOICE_STATUS } from '../../domain/schema';
import type { InvoiceModel } from '../../domain/invoice';
import { asText } from '../../domain/values';
import { Workbook } from '../../gas/workbook';
import { withScriptLock } from '../../gas/lock';
import { ProblemError, errorText } from '../../domain/problem';
import { journal, openJournal } from '../../gas/journal';
import { now } from '../../gas/clock';
import { fileById } from '../../gas/drive';
import { remainingMailQuota } from '../../gas/mail';
import { TemplateError, invoiceFileName, renderInvoicePdf, type RenderedPdf } from '../../gas/invoiceDocument';
import { storedInvoice, type DeliveryItem, type RefundSummary } from './invoicing';
import { sendClientMail } from '../../gas/clientMail';
import { documentMail, type DocumentMail } from '../delivery/delivery';

export interface ProduceReport {
  rendered: number;
  sent: number;
  failed: number;
}

/** The rows of documents still due (no PDF, or not sent yet), top to bottom. One text-finder search. */
export function pendingDocumentRows(book: Workbook): number[] {
  return book.table('invoices').findRowsOfKeys('Statut', [INVOICE_STATUS.toRender, INVOICE_STATUS.toSend, INVOICE_STATUS.sending]);
}

/** Makes the PDFs and sends the e-mails of these rows. Run under the script lock. */
export function produceDocuments(book: Workbook, rows: readonly number[], inTime: () => boolean = () => true): ProduceReport {
  const report: ProduceReport = { rendered: 0, sent: 0, failed: 0 };
  const invoices = book.table('invoices');
  // The line each e-mail adds to the journal then travels with its row's "envoyée" in one batch of writes.
  if (rows.length) openJournal(book);
  for (const row of rows) {
    if (!inTime()) break;
    const values = invoices.read(row);
    const number = asText(values['Numéro']);
    const status = asText(values['Statut']);
    if (status === INVOICE_STATUS.sent || status === INVOICE_STATUS.uncertain) continue;
    if (status === INVOICE_STATUS.sending) {
      // A run died between "sending" and "sent": sending again could make a second e-mail.
      invoices.update(row, { Statut: INVOICE_STATUS.uncertain, Erreur: book.text.invoiceSendUncertain(number) });
      journal(book, 'warning', book.text.invoiceSendUncertain(number));
      continue;
    }
    const { model, items, refund } = storedInvoice(values);
    let pdf: RenderedPdf | string = asText(values['Fichier']);
    let lastError = asText(values['Erreur']);
    // A PDF deleted from Drive (trash emptied) is made again, else its row would stop every later one.
    if (status === INVOICE_STATUS.toRender || !pdfExists(pdf)) {
      const made = renderRow(book, row, model, lastError);
      if (made === null) {
        report.failed += 1;
        continue;
      }
      pdf = made;
      lastError = '';
      report.rendered += 1;
    }
    if (sendDocument(book, row, model, items, pdf, lastError, refund)) report.sent += 1;
    else report.failed += 1;
  }
  return report;
}

/** The PDF can still be opened by id (a trashed file can; one whose trash was emptied cannot). */
function pdfExists(pdf: RenderedPdf | string): boolean {
  const fileId = typeof pdf === 'string' ? pdf : pdf.id;
  if (!fileId) return false;
  try {
    fileById(fileId);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes the row's PDF from the data frozen at issue (or finds the one already made) and returns it
 * (its bytes too when just made); null when the template or the folder cannot be used. The backstop retries every 10 minutes:
 * the same error is written to the journal once, not 144 times a day.
 */
function renderRow(book: Workbook, row: number, model: InvoiceModel, previousError: string): RenderedPdf | null {
  const invoices = book.table('invoices');
  try {
    const pdf = renderInvoicePdf(model, book.settings.invoiceTemplateId, book.settings.folderId, fileName(book, model), book.text);
    invoices.update(row, { PDF: pdf.url, Fichier: pdf.id, Statut: INVOICE_STATUS.toSend, Erreur: '' });
    return pdf;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    if (error.message !== previousError) {
      invoices.update(row, { Erreur: error.message });
      journal(book, 'error', book.text.invoiceRenderFailed(model.number, error.message));
    }
    return null;
  }
}

function fileName(book: Workbook, model: InvoiceModel): string {
  return invoiceFileName(model, model.kind === 'invoice' ? book.text.invoiceWord : book.text.creditNoteWord);
}

/**
 * Sends the document's e-mail with its PDF (the one just made, already in memory, or read from Drive by
 * id); marks it sending first so that a dead run never leads to a second e-mail. `previousError` is the
 * row's `Erreur`: a quota still exhausted is not journaled again.
 */
export function sendDocument(
  book: Workbook,
  row: number,
  model: InvoiceModel,
  items: DeliveryItem[],
  pdf: RenderedPdf | string,
  previousError = '',
  refund: RefundSummary | null = null,
): boolean {
  const invoices = book.table('invoices');
  const text = book.text;
  if (remainingMailQuota() < 1) {
    if (previousError !== text.quotaExhausted) {
      invoices.update(row, { Erreur: text.quotaExhausted });
      journal(book, 'warning', text.invoiceSendFailed(model.number, text.quotaExhausted));
    }
    return false;
  }
  let mail: DocumentMail;
  try {
    mail = documentMail(book, model, items, refund);
  } catch (error) {
    // Not sendable yet (an ebook link without a deployed web app): the document waits, said once.
    if (!(error instanceof ProblemError)) throw error;
    if (previousError !== error.message) {
      invoices.update(row, { Erreur: error.message });
      journal(book, 'warning', text.invoiceSendFailed(model.number, error.message));
    }
    return false;
  }
  const attachment = typeof pdf !== 'string' && pdf.blob ? pdf.blob : fileById(typeof pdf === 'string' ? pdf : pdf.id).getBlob();
  // Only the send itself lies between "sending" and "sent".
  invoices.update(row, { Statut: INVOICE_STATUS.sending });
  book.flush();
  try {
    sendClientMail(book, { to: model.client.email, subject: mail.subject, paragraphs: mail.paragraphs, attachments: [attachment] });
  } catch (error) {
    const message = errorText(error);
    invoices.update(row, { Statut: INVOICE_STATUS.toSend, Erreur: message });
    journal(book, 'warning', text.invoiceSendFailed(model.number, message));
    return false;
  }
  invoices.update(row, { Statut: INVOICE_STATUS.sent, 'Envoyée le': now(), Erreur: '' });
  journal(book, 'info', text.invoiceSent(model.number, model.client.email));
  return true;
}

/** Sends a document again, with the same PDF and number (the admin's "resend"). */
export function resendDocument(number: string): { sentTo: string } {
  const book = Workbook.active();
  const invoices = book.table('invoices');
  const row = invoices.findRow('Numéro', String(number).trim());
  if (!row) throw new ProblemError(book.text.documentUnknown(String(number)));
  const values = invoices.read(row);
  const fileId = asText(values['Fichier']);
  if (!fileId) throw new ProblemError(book.text.documentNotReady(String(number)));
  const { model, items, refund } = storedInvoice(values);
  const locked = withScriptLock(30000, () => {
    // Same number, same content: a PDF deleted from Drive is made again from the data frozen at issue.
    const pdf = pdfExists(fileId) ? fileId : renderRow(book, row, model, '');
    return pdf !== null && sendDocument(book, row, model, items, pdf, '', refund);
  });
  if (!locked.acquired) throw new ProblemError(book.text.busy);
  if (!locked.value) throw new ProblemError(asText(invoices.read(row)['Erreur']));
  return { sentTo: model.client.email };
}
