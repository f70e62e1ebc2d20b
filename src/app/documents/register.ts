// The receipts register, for the admin: a period exported as CSV into Drive, totals by month and quarter.
import { inPeriod, receiptTotals, receiptsCsv, type Receipt, type ReceiptTotals } from '../../domain/receipts';
import { eurosToCents } from '../../domain/money';
import { parseIsoDate } from '../../domain/localDate';
import { asNumber, asText, isDate } from '../../domain/values';
import { Workbook } from '../../gas/workbook';
import { isoDay } from '../../gas/clock';
import { openFolder } from '../../gas/drive';
import { textBlob } from '../../gas/blobs';
import { ProblemError } from '../../domain/problem';
import { eReportingCsv, eReportingLines, type IssuedDocument } from '../../domain/ereporting';
import { storedInvoice } from './invoicing';

function readReceipts(book: Workbook): Receipt[] {
  return book
    .table('receipts')
    .readAll()
    .filter(({ values }) => isDate(values['Date']) && Number.isFinite(asNumber(values['Montant'])))
    .map(({ values }) => ({
      day: isoDay(values['Date'] as Date),
      reference: asText(values['Référence']),
      client: asText(values['Client']),
      nature: asText(values['Nature']),
      amountCents: eurosToCents(asNumber(values['Montant'])),
      method: asText(values['Mode de règlement']),
    }));
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD: "2026-13-01" or "2026-02-30" would export an empty, misleading file. */
function isDay(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DAY.test(value)) return false;
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export interface ExportResult {
  url: string;
  name: string;
  rows: number;
  totalCents: number;
}

/** Writes the receipts of [from, to] (ISO dates, inclusive) as a CSV file in Carnet/Recettes/. */
export function exportReceipts(from: string, to: string): ExportResult {
  const book = Workbook.active();
  if (!isDay(from) || !isDay(to) || from > to) {
    throw new ProblemError(book.text.periodInvalid);
  }
  const receipts = readReceipts(book).filter((r) => inPeriod(r, from, to));
  const root = carnetFolder(book);
  const folders = root.getFoldersByName('Recettes');
  const folder = folders.hasNext() ? folders.next() : root.createFolder('Recettes');
  const name = `Recettes ${from} au ${to}.csv`;
  const file = folder.createFile(textBlob(`\ufeff${receiptsCsv(receipts)}`, 'text/csv', name));
  return { url: file.getUrl(), name, rows: receipts.length, totalCents: receipts.reduce((s, r) => s + r.amountCents, 0) };
}

/** Carnet's Drive folder; gone (trashed, or deleted for good) → the admin is told to run the setup, in French. */
function carnetFolder(book: Workbook): GoogleAppsScript.Drive.Folder {
  const folder = openFolder(book.settings.folderId);
  if (!folder) throw new ProblemError(book.text.folderMissing);
  return folder;
}

export function totalsForYear(year: number): ReceiptTotals {
  const book = Workbook.active();
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ProblemError(book.text.periodInvalid);
  return receiptTotals(readReceipts(book), year);
}

/**
 * The month's e-reporting summary of sales to private clients (totals per day and VAT regime), as CSV in
 * Carnet/Recettes/ beside the receipts register. `month` is "YYYY-MM".
 */
export function exportEReporting(month: string): ExportResult {
  const book = Workbook.active();
  if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ProblemError(book.text.monthInvalid);
  const documents: IssuedDocument[] = book
    .table('invoices')
    .readAll()
    .filter(({ values }) => isDate(values['Date']) && asText(values['Données']) !== '')
    .map(({ values }) => ({ day: isoDay(values['Date'] as Date), model: storedInvoice(values).model }));
  const lines = eReportingLines(documents, month);
  const root = carnetFolder(book);
  const folders = root.getFoldersByName('Recettes');
  const folder = folders.hasNext() ? folders.next() : root.createFolder('Recettes');
  const name = `E-reporting B2C ${month}.csv`;
  const file = folder.createFile(textBlob(`\ufeff${eReportingCsv(lines)}`, 'text/csv', name));
  return { url: file.getUrl(), name, rows: lines.length, totalCents: lines.reduce((s, l) => s + l.ttcCents, 0) };
}
