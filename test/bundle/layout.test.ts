// Where new rows go when the webhook knows each tab's layout from one Sheets API read (gas/layout.ts):
// the last keyed row Carnet left is confirmed by its key; rows sorted, added or deleted by hand are
// noticed, and the tab is then read as before. Nothing is overwritten, nothing lands below the data.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Emulator } from '../../emulator/src';
import { addLessonPack, deliverAndSettle, install } from './harness';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function sheetOf(emu: Emulator, name: string): Sheet {
  return (emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActive().getSheetByName(name) as Sheet;
}

function pay(emu: Emulator, price: string, email: string): string {
  const paid = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email, name: email.split('@')[0] });
  deliverAndSettle(emu, String(paid.event.id));
  return String(paid.session.id);
}

const column = (emu: Emulator, tab: string, header: string) => emu.spreadsheet.records(tab).map((r) => r[header]);

describe('the layout read in one call (issue 13)', () => {
  test('after the first payment, the next one reads every header and last row in one Sheets API call, not tab by tab', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'ana@example.com');
    const before = emu.rt.accounting.total('Sheets');
    const lastRowReads = emu.rt.accounting.total('SpreadsheetApp.Sheet.getLastRow');
    pay(emu, price, 'bob@example.com');
    expect(emu.rt.accounting.total('Sheets') - before).toBeGreaterThanOrEqual(1);
    // The last keyed rows came from the saved layout: no tab was asked for its last row by the webhook or its documents run.
    expect(emu.rt.accounting.total('SpreadsheetApp.Sheet.getLastRow')).toBe(lastRowReads);
    expect(column(emu, 'Clients', 'E-mail')).toEqual(['ana@example.com', 'bob@example.com']);
    expect(column(emu, 'Paiements', 'E-mail')).toEqual(['ana@example.com', 'bob@example.com']);
  });

  test("a returning client's row comes with the layout read: the webhook reads no row of Clients, and the balance adds up", () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'ana@example.com');
    const created = emu.spreadsheet.records('Clients')[0]['Créé le'];
    const paid = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'Ana@Example.com', name: 'ana' });
    const reads = emu.rt.accounting.total('SpreadsheetApp.Range.getValues');
    const finds = emu.rt.accounting.total('SpreadsheetApp.TextFinder.findNext');
    emu.deliverWebhook(String(paid.event.id));
    expect(emu.rt.accounting.total('SpreadsheetApp.Range.getValues')).toBe(reads);
    // One search left in doPost: that the next invoice number is free.
    expect(emu.rt.accounting.total('SpreadsheetApp.TextFinder.findNext') - finds).toBe(1);
    const [client] = emu.spreadsheet.records('Clients');
    expect(emu.spreadsheet.records('Clients')).toHaveLength(1);
    expect(client['Solde']).toBe(20);
    expect(client['Créé le']).toEqual(created);
    expect(column(emu, 'Paiements', 'E-mail')).toEqual(['ana@example.com', 'ana@example.com']);
  });

  test('clients sorted by hand between two payments: the new client goes after the data, no row is overwritten', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    for (const email of ['zoe@example.com', 'yan@example.com', 'xavier@example.com']) pay(emu, price, email);
    const clients = sheetOf(emu, 'Clients');
    clients.getRange(2, 1, 3, clients.getLastColumn()).sort(1);
    expect(column(emu, 'Clients', 'E-mail')).toEqual(['xavier@example.com', 'yan@example.com', 'zoe@example.com']);
    pay(emu, price, 'will@example.com');
    expect(column(emu, 'Clients', 'E-mail')).toEqual(['xavier@example.com', 'yan@example.com', 'zoe@example.com', 'will@example.com']);
    expect(emu.spreadsheet.records('Clients').map((r) => r['Solde'])).toEqual([10, 10, 10, 10]);
  });

  test('a client typed by hand below the last row, in a tab with a checkbox column down to the bottom: kept, and the new client follows it', () => {
    // Found in review: the saved last row was confirmed by its key alone, and the rows below it (holding only
    // checkboxes) are written over without inserting rows, so the typed row was lost.
    const emu = install();
    const { price } = addLessonPack(emu);
    const clients = sheetOf(emu, 'Clients');
    const checkColumn = emu.spreadsheet.values('Clients')[0].length + 1;
    clients.insertColumnsAfter(clients.getMaxColumns(), 1);
    clients.getRange(1, checkColumn).setValue('Vérifié');
    clients.getRange(2, checkColumn, clients.getMaxRows() - 1, 1).insertCheckboxes();
    pay(emu, price, 'ana@example.com');
    pay(emu, price, 'bob@example.com');
    const emailColumn = emu.spreadsheet.values('Clients')[0].indexOf('E-mail') + 1;
    clients.getRange(4, emailColumn).setValue('cash@example.com');
    pay(emu, price, 'carl@example.com');
    expect(column(emu, 'Clients', 'E-mail').filter(Boolean)).toEqual(['ana@example.com', 'bob@example.com', 'cash@example.com', 'carl@example.com']);
    // With nothing typed below, the next payment trusts the saved row again (no last-row read by the webhook).
    const lastRowReads = emu.rt.accounting.total('SpreadsheetApp.Sheet.getLastRow');
    pay(emu, price, 'dora@example.com');
    expect(emu.rt.accounting.total('SpreadsheetApp.Sheet.getLastRow')).toBe(lastRowReads);
    expect(column(emu, 'Clients', 'E-mail').filter(Boolean).at(-1)).toBe('dora@example.com');
  });

  test('a row typed by hand above the last one moves it down: the new rows still follow the last keyed row', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'ana@example.com');
    pay(emu, price, 'bob@example.com');
    const payments = sheetOf(emu, 'Paiements');
    payments.insertRowsBefore(2, 1);
    emu.spreadsheet.setCell('Paiements', 'B2', 'manuel@example.com');
    const session = pay(emu, price, 'carl@example.com');
    expect(column(emu, 'Paiements', 'E-mail')).toEqual(['manuel@example.com', 'ana@example.com', 'bob@example.com', 'carl@example.com']);
    expect(column(emu, 'Paiements', 'Session Stripe')[3]).toBe(session);
  });

  test('rows deleted by hand at the bottom (the grid shrinks below the saved row): the payment is recorded all the same', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'ana@example.com');
    pay(emu, price, 'bob@example.com');
    // The admin deletes Bob's ledger row and every empty row below it: the saved last row is past the grid now.
    const ledger = sheetOf(emu, 'Crédits');
    ledger.deleteRows(3, ledger.getMaxRows() - 2);
    pay(emu, price, 'carl@example.com');
    expect(column(emu, 'Crédits', 'E-mail')).toEqual(['ana@example.com', 'carl@example.com']);
    expect(column(emu, 'Clients', 'E-mail')).toEqual(['ana@example.com', 'bob@example.com', 'carl@example.com']);
    expect(emu.spreadsheet.records('Événements').filter((r) => r['Statut'] === 'traité')).toHaveLength(3);
  });

  test("the last invoice's row deleted by hand: the number gap is still caught (its row is no longer where the layout says)", () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'ana@example.com');
    pay(emu, price, 'bob@example.com');
    const invoices = sheetOf(emu, 'Factures');
    invoices.deleteRow(3);
    pay(emu, price, 'carl@example.com');
    expect(column(emu, 'Factures', 'Numéro')).toHaveLength(1);
    // The payment is recorded; its invoice waits, and the admin is told which number is missing.
    expect(column(emu, 'Paiements', 'E-mail')).toEqual(['ana@example.com', 'bob@example.com', 'carl@example.com']);
    expect(emu.spreadsheet.records('Journal').some((r) => String(r['Message']).includes('F-2026-0002 est introuvable'))).toBe(true);
  });

  test('the Sheets API read quota spent (60 a minute): the payment is recorded all the same, tab by tab', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'ana@example.com');
    const sheets = emu.globals().Sheets as GoogleAppsScript.Sheets;
    const spreadsheetId = emu.spreadsheet.spreadsheetId;
    for (;;) {
      try {
        sheets.Spreadsheets?.Values?.batchGet(spreadsheetId, { ranges: ["'Clients'!1:1"] });
      } catch {
        break;
      }
    }
    const lastRowReads = emu.rt.accounting.total('SpreadsheetApp.Sheet.getLastRow');
    const paid = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'bob@example.com', name: 'bob' });
    emu.deliverWebhook(String(paid.event.id));
    // Read the slow way: the tabs were asked for their last rows.
    expect(emu.rt.accounting.total('SpreadsheetApp.Sheet.getLastRow')).toBeGreaterThan(lastRowReads);
    expect(column(emu, 'Clients', 'E-mail')).toEqual(['ana@example.com', 'bob@example.com']);
    expect(column(emu, 'Paiements', 'E-mail')).toEqual(['ana@example.com', 'bob@example.com']);
    expect(column(emu, 'Factures', 'Numéro')).toEqual(['F-2026-0001', 'F-2026-0002']);
  });

  test('the Sheets advanced service switched off in the manifest: payments are recorded tab by tab', () => {
    // The same bundle with a manifest that does not enable `Sheets` (as after switching it off in the editor).
    const dir = mkdtempSync(join(tmpdir(), 'carnet-no-sheets-'));
    cpSync('dist', dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'appsscript.json'), 'utf8')) as {
      dependencies: { enabledAdvancedServices: Array<{ userSymbol: string }> };
    };
    manifest.dependencies.enabledAdvancedServices = manifest.dependencies.enabledAdvancedServices.filter((s) => s.userSymbol !== 'Sheets');
    writeFileSync(join(dir, 'appsscript.json'), JSON.stringify(manifest));
    const emu = install({ bundle: dir });
    const { price } = addLessonPack(emu);
    pay(emu, price, 'ana@example.com');
    pay(emu, price, 'bob@example.com');
    expect(emu.rt.accounting.total('Sheets')).toBe(0);
    expect(column(emu, 'Clients', 'E-mail')).toEqual(['ana@example.com', 'bob@example.com']);
    expect(column(emu, 'Factures', 'Numéro')).toEqual(['F-2026-0001', 'F-2026-0002']);
    expect(emu.mail.outbox().filter((m) => m.attachments.length)).toHaveLength(2);
  });
});
