// Helpers shared by the invoice tests: read an issued document the way the teacher, her client or
// her accountant would (the PDF in Drive, the e-mail, the sheet).
import type { Emulator } from '../../emulator/src';
import type { SentMail } from '../../emulator/src/mail';
import { pdfText } from '../../emulator/src/pdf';
import { cellA1 } from '../../emulator/src/spreadsheet/a1';
import { records } from './harness';

export const ADMIN = 'prof@example.com';

/** French amounts and rates use U+00A0 / U+202F: plain spaces are easier to write in expectations. */
export function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

export function invoiceRows(emu: Emulator): Array<Record<string, unknown>> {
  return records(emu, 'Factures');
}

export function invoiceRow(emu: Emulator, number: string): Record<string, unknown> {
  const row = invoiceRows(emu).find((r) => r['Numéro'] === number);
  if (!row)
    throw new Error(
      `No ${number} in Factures: ${invoiceRows(emu)
        .map((r) => String(r['Numéro']))
        .join(', ')}`,
    );
  return row;
}

/** The numbers in `Factures`, in sheet order, empty cells left out. */
export function numbers(emu: Emulator): string[] {
  return invoiceRows(emu)
    .map((r) => String(r['Numéro']))
    .filter(Boolean);
}

/** The text of the PDF saved in Drive for this document. */
export function pdfOf(emu: Emulator, number: string): string {
  const fileId = String(invoiceRow(emu, number)['Fichier']);
  if (!fileId) throw new Error(`${number} has no PDF yet`);
  return plain(pdfText(emu.drive.bytes(fileId)));
}

/** "Facture F-2026-0001": the title and the number of the document's box, read from its PDF text. */
export function docTitle(text: string): string {
  const lines = text.split('\n');
  const title = lines.find((l) => /^(Facture|Avoir|Invoice|Credit note)$/.test(l)) ?? '(no title)';
  const number = lines.find((l) => /^(N°|No\.) /.test(l))?.replace(/^(N°|No\.) /, '') ?? '(no number)';
  return `${title} ${number}`;
}

export function attachmentText(mail: SentMail, index = 0): string {
  return plain(pdfText(mail.attachments[index].bytes));
}

/** E-mails that carry this document (by subject). */
export function mailsOf(emu: Emulator, number: string): SentMail[] {
  return emu.mail.outbox().filter((m) => new RegExp(`\\b${number}\\b`).test(m.subject));
}

export function adminMails(emu: Emulator): SentMail[] {
  return emu.mail.sentTo(ADMIN);
}

/** Sets one cell of a data row (sheet row number) by header name, as the admin would type it. */
export function setByHeader(emu: Emulator, tab: string, row: number, header: string, value: unknown): void {
  const headers = emu.spreadsheet.values(tab)[0].map(String);
  const col = headers.indexOf(header);
  if (col < 0) throw new Error(`No column ${header} in ${tab}`);
  emu.spreadsheet.setCell(tab, cellA1(row, col + 1), value);
}

/** The sheet row (1-based) of the document with this number. */
export function sheetRowOf(emu: Emulator, number: string): number {
  const index = invoiceRows(emu).findIndex((r) => r['Numéro'] === number);
  if (index < 0) throw new Error(`No ${number} in Factures`);
  return index + 2;
}

export function setting(emu: Emulator, label: string): unknown {
  return records(emu, 'Paramètres').find((r) => r['Paramètre'] === label)?.['Valeur'];
}

/** Every tab's values, to prove that a refused call wrote nothing. */
export function allValues(emu: Emulator): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const name of emu.spreadsheet.sheetNames()) out[name] = emu.spreadsheet.values(name);
  return out;
}

/** Moves the virtual clock without firing the 10-minute trigger on the way (a long quiet period). */
export function jumpTo(emu: Emulator, ms: number): void {
  emu.rt.clock.set(ms);
}

/** Moves the clock to a day and time in Paris given in UTC. */
export function utc(year: number, month: number, day: number, hour = 9, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, 0);
}

/** Euros as the sheet and the PDF print them: "1 234,56 €" (plain spaces). */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')} €`;
}

/** The text with every run of white space (line breaks of wrapped paragraphs included) as one space. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * One line item of the document's table as "<designation> <other cells>", whether or not its
 * designation wraps over several lines of its cell (the continuation lines follow the row's line).
 * Null when no row holds this designation.
 */
export function lineItem(text: string, designation: string): string | null {
  const lines = text.split('\n');
  const words = designation.split(' ');
  for (let i = 0; i < lines.length; i++) {
    for (let k = words.length; k >= 1; k--) {
      const head = words.slice(0, k).join(' ');
      if (!lines[i].startsWith(`${head} `)) continue;
      const tail = words.slice(k).join(' ');
      const next = lines.slice(i + 1).join(' ');
      if (tail && !next.startsWith(tail)) continue;
      return `${designation} ${lines[i].slice(head.length + 1)}`;
    }
  }
  return null;
}
