// DocumentApp emulation and real PDF export. Reference pages:
// developers.google.com/apps-script/reference/document/document-app, …/document, …/body,
// …/paragraph, …/table, …/table-row, …/table-cell, …/text, …/range-element; replacement strings:
// RE2/J Matcher.appendReplacement (github.com/google/re2j); error texts from public reports.
import { DriveService, FakeDriveApp, GOOGLE_DOC_MIME, NOT_FOUND } from '../../emulator/src/drive';
import { CLOSED, DETACHED, DocumentService, FakeDocumentApp, LAST_PARAGRAPH, pdfText, re2ReplaceAll } from '../../emulator/src/documents';
import { runInNewContext } from 'node:vm';
import { Emulator } from '../../emulator/src/index';
import { pdfPageCount } from '../../emulator/src/pdf';
import { Runtime } from '../../emulator/src/runtime';

function setup() {
  const rt = new Runtime();
  const drive = new DriveService(rt);
  const documents = new DocumentService(rt, drive);
  const DriveApp = drive.globals().DriveApp as FakeDriveApp;
  const DocumentApp = documents.globals().DocumentApp as FakeDocumentApp;
  return { rt, drive, documents, DriveApp, DocumentApp };
}

/** An invoice template as Carnet would keep it: placeholders and a model row to repeat. */
function template(DocumentApp: FakeDocumentApp) {
  const doc = DocumentApp.create('Modèle de facture');
  const body = doc.getBody();
  body.getChild(0).asParagraph().setText('Facture {{numero}}');
  body.appendParagraph('Client : {{client}}');
  body.appendTable([
    ['Désignation', 'Qté', 'Montant'],
    ['{{designation}}', '{{qte}}', '{{montant}}'],
  ]);
  body.appendParagraph('Total : {{total}}');
  return doc;
}

describe('DocumentApp (reference: document-app)', () => {
  test('create(name) makes a Google Doc in the root folder, with one empty paragraph', () => {
    const { DocumentApp, drive } = setup();
    const doc = DocumentApp.create('Facture F-001');
    expect(doc.getId()).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(doc.getName()).toBe('Facture F-001');
    expect(doc.getBody().getNumChildren()).toBe(1);
    expect(doc.getBody().getText()).toBe('');
    expect(drive.file(doc.getId())).toEqual(expect.objectContaining({ mimeType: GOOGLE_DOC_MIME, parents: [drive.rootId] }));
    expect(doc.getUrl()).toBe(`https://docs.google.com/open?id=${doc.getId()}`);
  });

  test('appendParagraph adds after the initial empty paragraph: getText starts with "\\n"', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('x').getBody();
    body.appendParagraph('Bonjour');
    expect(body.getText()).toBe('\nBonjour');
    expect(body.getNumChildren()).toBe(2);
  });

  test('openById of an unknown id or a non-Doc file: "Document <id> is missing (perhaps it was deleted, or you don\'t have read access?)"', () => {
    const { DocumentApp, DriveApp } = setup();
    expect(() => DocumentApp.openById('1abc')).toThrow("Document 1abc is missing (perhaps it was deleted, or you don't have read access?)");
    const txt = DriveApp.createFile('a.txt', 'x').getId();
    expect(() => DocumentApp.openById(txt)).toThrow(`Document ${txt} is missing`);
  });

  test('openById / openByUrl (both URL forms) open the same content', () => {
    const { DocumentApp, DriveApp } = setup();
    const id = template(DocumentApp).getId();
    expect(DocumentApp.openById(id).getBody().getText()).toContain('Total : {{total}}');
    expect(DocumentApp.openByUrl(`https://docs.google.com/document/d/${id}/edit`).getName()).toBe('Modèle de facture');
    expect(DocumentApp.openByUrl(DocumentApp.openById(id).getUrl()).getId()).toBe(id);
    expect(DriveApp.getFileById(id).getUrl()).toBe(`https://docs.google.com/document/d/${id}/edit?usp=drivesdk`);
  });

  test('getActiveDocument is null in a Sheets-bound script', () => {
    expect(setup().DocumentApp.getActiveDocument()).toBeNull();
  });

  test('creating more than 250 Docs in a day: "Service invoked too many times for one day: docs create."', () => {
    const { DocumentApp, documents, rt } = setup();
    documents.setDailyCreateQuota(2);
    DocumentApp.create('a');
    DocumentApp.create('b');
    expect(() => DocumentApp.create('c')).toThrow('Service invoked too many times for one day: docs create.');
    rt.clock.advance(24 * 60 * 60 * 1000);
    expect(() => DocumentApp.create('c')).not.toThrow();
  });
});

describe('Body.replaceText (reference: body#replaceText, RE2 replacement strings)', () => {
  test('replaces a {{placeholder}} everywhere, tables included', () => {
    const { DocumentApp, documents } = setup();
    const doc = template(DocumentApp);
    doc.getBody().replaceText('{{client}}', 'Zoë Lefèvre').replaceText('{{total}}', '1\u202f234,56\u00a0€');
    expect(documents.text(doc.getId())).toContain('Client : Zoë Lefèvre');
    expect(documents.text(doc.getId())).toContain('Total : 1\u202f234,56\u00a0€');
  });

  test('the pattern is a regular expression: "." matches any character, "\\\\." a dot', () => {
    expect(re2ReplaceAll('a.b axb', 'a.b', 'Z')).toBe('Z Z');
    expect(re2ReplaceAll('a.b axb', 'a\\.b', 'Z')).toBe('Z axb');
  });

  test('"$" followed by a digit in the replacement is a group reference: "$5" with no group throws', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('x').getBody();
    body.appendParagraph('Remise : {{remise}}');
    expect(() => body.replaceText('{{remise}}', '$5 offerts')).toThrow('n > number of groups: 5');
    expect(body.getText()).toBe('\nRemise : {{remise}}');
    body.replaceText('{{remise}}', '\\$5 offerts');
    expect(body.getText()).toBe('\nRemise : $5 offerts');
  });

  test('"$1" inserts the first group; "$0" the whole match; a "$" not followed by a digit is literal', () => {
    expect(re2ReplaceAll('zoe@example.com', '(\\w+)@(\\w+)', '$2 chez $1')).toBe('example chez zoe.com');
    expect(re2ReplaceAll('12', '\\d+', '[$0]')).toBe('[12]');
    expect(re2ReplaceAll('{{total}}', '{{total}}', '12 $')).toBe('12 $');
    expect(re2ReplaceAll('{{total}}', '{{total}}', 'US$ 12')).toBe('US$ 12');
  });

  test('a backslash in the replacement escapes the next character: an unescaped name loses it', () => {
    expect(re2ReplaceAll('Nom : {{nom}}', '{{nom}}', 'DOMAINE\\zoe')).toBe('Nom : DOMAINEzoe');
    expect(re2ReplaceAll('Nom : {{nom}}', '{{nom}}', 'DOMAINE\\\\zoe')).toBe('Nom : DOMAINE\\zoe');
    expect(re2ReplaceAll('x', 'x', 'fin\\')).toBe('fin\\');
  });

  test('the pattern is matched per paragraph, never across paragraphs', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('x').getBody();
    body.appendParagraph('{{a');
    body.appendParagraph('}}');
    body.replaceText('\\{\\{a\\s*\\}\\}', 'X');
    expect(body.getText()).toBe('\n{{a\n}}');
    body.replaceText('^\\}\\}$', 'fin');
    expect(body.getText()).toBe('\n{{a\nfin');
  });

  test('Text, Paragraph and TableCell replaceText use the same rules', () => {
    const { DocumentApp } = setup();
    const doc = template(DocumentApp);
    const cell = doc.getBody().getTables()[0].getCell(1, 2);
    cell.replaceText('{{montant}}', '90,00 €');
    expect(cell.getText()).toBe('90,00 €');
    const para = doc.getBody().getParagraphs()[0];
    para.editAsText().replaceText('\\{\\{numero\\}\\}', 'F-2026-001');
    expect(para.getText()).toBe('Facture F-2026-001');
    expect(() => para.replaceText('Facture', '$1')).toThrow('n > number of groups: 1');
  });
});

describe('findText (reference: body#findText, range-element)', () => {
  test('returns a RangeElement on the Text, with inclusive offsets; null when absent; continues from a result', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('x').getBody();
    body.appendParagraph('un {{a}} deux {{b}}');
    body.appendParagraph('trois {{c}}');
    const first = body.findText('\\{\\{\\w\\}\\}');
    expect(first?.getElement().asText().getText()).toBe('un {{a}} deux {{b}}');
    expect([first?.getStartOffset(), first?.getEndOffsetInclusive()]).toEqual([3, 7]);
    const second = body.findText('\\{\\{\\w\\}\\}', first as never);
    expect(second?.getStartOffset()).toBe(14);
    const third = body.findText('\\{\\{\\w\\}\\}', second as never);
    expect(third?.getElement().asText().getText()).toBe('trois {{c}}');
    expect(body.findText('\\{\\{\\w\\}\\}', third as never)).toBeNull();
    expect(body.findText('absent')).toBeNull();
  });

  test('Text.setBold(start, end, true) styles the found range', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('x').getBody();
    body.appendParagraph('Total : 12 €');
    const found = body.findText('12 €');
    const text = found!.getElement().asText();
    text.setBold(found!.getStartOffset(), found!.getEndOffsetInclusive(), true);
    expect([text.isBold(8), text.isBold(0)]).toEqual([true, false]);
    expect(() => text.setBold(0, 99, true)).toThrow('Invalid argument: endOffsetInclusive');
  });
});

describe('Tables (reference: table, table-row, table-cell)', () => {
  test('appendTable(cells) builds rows of cells; the body gets an empty paragraph after a final table', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('x').getBody();
    const table = body.appendTable([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect([table.getNumRows(), table.getRow(0).getNumCells(), table.getCell(1, 1).getText()]).toEqual([2, 2, 'd']);
    expect(body.getNumChildren()).toBe(3);
    expect(body.getChild(2).getType()).toBe(DocumentApp.ElementType.PARAGRAPH);
    expect(body.getText()).toBe('\na\nb\nc\nd\n');
  });

  test('repeating a model row: copy() is detached, appendTableRow(copy) shows it, the model row is removed', () => {
    const { DocumentApp, documents } = setup();
    const doc = template(DocumentApp);
    const table = doc.getBody().getTables()[0];
    const model = table.getRow(1);
    const items = [
      ['Cours particulier', '2', '90,00 €'],
      ['Pack 10 leçons', '1', '400,00 €'],
    ];
    for (const [designation, qte, montant] of items) {
      const row = table.appendTableRow(model.copy() as never);
      row.replaceText('{{designation}}', designation).replaceText('{{qte}}', qte).replaceText('{{montant}}', montant);
    }
    model.removeFromParent();
    expect(table.getNumRows()).toBe(3);
    expect(table.getRow(1).getText()).toBe('Cours particulier\n2\n90,00 €');
    expect(documents.text(doc.getId())).not.toContain('{{designation}}');
  });

  test('appending a row that is still attached throws "Element must be detached."', () => {
    const { DocumentApp } = setup();
    const table = template(DocumentApp).getBody().getTables()[0];
    expect(() => table.appendTableRow(table.getRow(1) as never)).toThrow(DETACHED);
    const copy = table.getRow(1).copy();
    table.appendTableRow(copy as never);
    expect(() => table.appendTableRow(copy as never)).toThrow(DETACHED);
  });

  test('getRow(i) is a live handle; removeRow returns the removed row; indexes are checked', () => {
    const { DocumentApp } = setup();
    const table = template(DocumentApp).getBody().getTables()[0];
    table.getRow(0).getCell(0).setText('Libellé');
    expect(table.getCell(0, 0).getText()).toBe('Libellé');
    expect(table.removeRow(1).getText()).toBe('{{designation}}\n{{qte}}\n{{montant}}');
    expect(table.getNumRows()).toBe(1);
    expect(() => table.getRow(5)).toThrow('Child index (5) must be less than the number of child elements (1).');
    table.insertTableRow(0).appendTableCell('en-tête');
    expect(table.getRow(0).getText()).toBe('en-tête');
  });

  test('TableCell: appendParagraph, getNumChildren, setBackgroundColor (recorded)', () => {
    const { DocumentApp } = setup();
    const cell = DocumentApp.create('x')
      .getBody()
      .appendTable([['a']])
      .getCell(0, 0);
    cell.appendParagraph('b');
    cell.setBackgroundColor('#eeeeee');
    expect([cell.getNumChildren(), cell.getText(), cell.getBackgroundColor()]).toEqual([2, 'a\nb', '#eeeeee']);
  });
});

describe('Paragraphs and sections (reference: paragraph, body, header-section)', () => {
  test('setHeading / setAlignment take the enums and read back the same values', () => {
    const { DocumentApp } = setup();
    const p = DocumentApp.create('x').getBody().appendParagraph('Titre');
    p.setHeading(DocumentApp.ParagraphHeading.HEADING1 as never).setAlignment(DocumentApp.HorizontalAlignment.CENTER as never);
    expect(p.getHeading()).toBe(DocumentApp.ParagraphHeading.HEADING1);
    expect(p.getAlignment()).toBe(DocumentApp.HorizontalAlignment.CENTER);
    expect(p.getAttributes().HEADING).toBe(DocumentApp.ParagraphHeading.HEADING1);
  });

  test('appendParagraph(t).setBold(true).setUnderline(true) chains (undocumented, used by public scripts) and is recorded', () => {
    const { DocumentApp } = setup();
    const p = DocumentApp.create('x').getBody().appendParagraph('Titre').setBold(true).setUnderline(true).setFontSize(14);
    expect(p.getAttributes()).toEqual(expect.objectContaining({ BOLD: true, UNDERLINE: true, FONT_SIZE: 14, ITALIC: null }));
  });

  test('"\\n" in a paragraph becomes "\\r" (line break inside the paragraph)', () => {
    const { DocumentApp } = setup();
    const p = DocumentApp.create('x').getBody().appendParagraph('ligne 1\nligne 2');
    expect(p.getText()).toBe('ligne 1\rligne 2');
  });

  test('removing the last paragraph of the body throws "Can\'t remove the last paragraph in a document section."', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('x').getBody();
    expect(() => body.getChild(0).asParagraph().removeFromParent()).toThrow(LAST_PARAGRAPH);
    const p = body.appendParagraph('a');
    body.removeChild(body.getChild(0) as never);
    expect(body.getText()).toBe('a');
    expect(() => body.removeChild(p as never)).toThrow(LAST_PARAGRAPH);
  });

  test('getHeader/getFooter are null until addHeader/addFooter', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('x');
    expect(doc.getHeader()).toBeNull();
    doc.addHeader().appendParagraph('Carnet — EI');
    doc.addFooter().setText('SIRET 123');
    expect(doc.getHeader()?.getText()).toBe('\nCarnet — EI');
    expect(doc.getFooter()?.getText()).toBe('SIRET 123');
  });

  test('asTable on a paragraph throws; getChild past the end throws', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('x').getBody();
    expect(() => body.getChild(0).asTable()).toThrow('Cannot cast PARAGRAPH to TABLE.');
    expect(() => body.getChild(3)).toThrow('Child index (3) must be less than the number of child elements (1).');
  });

  test('after saveAndClose the handle throws "Document is closed, its contents cannot be updated."; reopening works', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('x');
    const body = doc.getBody();
    body.appendParagraph('avant');
    doc.saveAndClose();
    expect(() => doc.getBody()).toThrow(CLOSED);
    expect(() => body.appendParagraph('après')).toThrow(CLOSED);
    expect(DocumentApp.openById(doc.getId()).getBody().getText()).toBe('\navant');
  });
});

describe('PDF export (reference: document#getAs, file#getAs)', () => {
  function filledInvoice() {
    const s = setup();
    const doc = template(s.DocumentApp);
    const body = doc.getBody();
    body.replaceText('{{numero}}', 'F-2026-001').replaceText('{{client}}', 'Zoë Lefèvre').replaceText('{{total}}', '1\u202f234,56\u00a0€');
    const table = body.getTables()[0];
    const model = table.getRow(1);
    for (const [d, q, m] of [
      ['Cours particulier', '2', '90,00 €'],
      ['Pack 10 leçons', '1', '1\u202f144,56 €'],
    ]) {
      table
        .appendTableRow(model.copy() as never)
        .replaceText('{{designation}}', d)
        .replaceText('{{qte}}', q)
        .replaceText('{{montant}}', m);
    }
    model.removeFromParent();
    doc.saveAndClose();
    return { ...s, id: doc.getId() };
  }

  test('getAs("application/pdf") gives a real PDF whose text has every string', () => {
    const { DocumentApp, id } = filledInvoice();
    const blob = DocumentApp.openById(id).getAs('application/pdf');
    expect(blob.getContentType()).toBe('application/pdf');
    expect(blob.getName()).toBe('Modèle de facture.pdf');
    expect(Buffer.from(blob.rawBytes().subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = pdfText(blob);
    for (const s of ['Facture F-2026-001', 'Client : Zoë Lefèvre', 'Total : 1 234,56 €', 'Cours particulier 2 90,00 €', 'Pack 10 leçons 1 1 144,56 €']) {
      expect(text).toContain(s);
    }
  });

  test('DriveApp sees the same export: File.getAs/getBlob of a Doc is its PDF; blob.getAs("application/pdf") works too', () => {
    const { DriveApp, id } = filledInvoice();
    const file = DriveApp.getFileById(id);
    expect(pdfText(file.getAs('application/pdf'))).toContain('Total : 1 234,56 €');
    expect(pdfText(file.getBlob().getAs('application/pdf'))).toContain('Facture F-2026-001');
    expect(file.getSize()).toBe(0);
  });

  test('a Doc converts to nothing but PDF: "Converting from application/vnd.google-apps.document to text/plain is not supported."', () => {
    const { DocumentApp, DriveApp, id } = filledInvoice();
    const message = 'Converting from application/vnd.google-apps.document to text/plain is not supported.';
    expect(() => DocumentApp.openById(id).getAs('text/plain')).toThrow(message);
    expect(() => DriveApp.getFileById(id).getAs('text/plain')).toThrow(message);
  });

  test('the export always reflects the current content, even before saveAndClose', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('x');
    doc.getBody().appendParagraph('pas encore enregistré');
    expect(pdfText(doc.getAs('application/pdf'))).toContain('pas encore enregistré');
  });

  test('five pages of text paginate', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('long');
    for (let i = 1; i <= 200; i++) doc.getBody().appendParagraph(`Ligne ${i} : cours de français, niveau B2, séance du mardi.`);
    const bytes = doc.getAs('application/pdf').rawBytes();
    expect(pdfPageCount(bytes)).toBeGreaterThanOrEqual(5);
    expect(pdfText(bytes)).toContain('Ligne 200 : cours de français');
  });

  test('makeCopy of a Doc is a Google Doc with its own content', () => {
    const { DocumentApp, DriveApp, documents } = setup();
    const tpl = template(DocumentApp);
    const copy = DriveApp.getFileById(tpl.getId()).makeCopy('Facture F-002');
    expect(copy.getMimeType()).toBe(GOOGLE_DOC_MIME);
    const doc = DocumentApp.openById(copy.getId());
    doc.getBody().replaceText('{{client}}', 'Zoë');
    expect(documents.text(copy.getId())).toContain('Client : Zoë');
    expect(documents.text(tpl.getId())).toContain('Client : {{client}}');
  });
});

describe('test API and persistence', () => {
  test('seed() makes a template without counting calls; text() reads the body', () => {
    const { documents, rt } = setup();
    const id = documents.seed('Modèle', [{ heading: 'HEADING1', text: 'Facture {{numero}}' }, 'Total : {{total}}', [['a', 'b']]]);
    expect(documents.text(id)).toBe('Facture {{numero}}\nTotal : {{total}}\na\nb\n');
    expect(rt.accounting.total()).toBe(0);
  });

  test('save()/load() keeps Docs (content, tables) and Drive records together', () => {
    const emu = new Emulator();
    const DocumentApp = emu.documents.globals().DocumentApp as FakeDocumentApp;
    const doc = template(DocumentApp);
    const saved = JSON.parse(JSON.stringify({ drive: emu.rt.saveState('drive'), documents: emu.rt.saveState('documents') }));
    const other = new Emulator();
    other.rt.loadState('drive', saved.drive);
    other.rt.loadState('documents', saved.documents);
    const reopened = (other.documents.globals().DocumentApp as FakeDocumentApp).openById(doc.getId());
    expect(reopened.getBody().getTables()[0].getCell(1, 0).getText()).toBe('{{designation}}');
    reopened
      .getBody()
      .getTables()[0]
      .appendTableRow(reopened.getBody().getTables()[0].getRow(1).copy() as never);
    expect(reopened.getBody().getTables()[0].getNumRows()).toBe(3);
    // the restored copy is independent of the original store
    expect(DocumentApp.openById(doc.getId()).getBody().getTables()[0].getNumRows()).toBe(2);
    expect(other.documents.text(doc.getId())).toBe(
      `${emu.documents.text(doc.getId()).replace('\n{{designation}}\n{{qte}}\n{{montant}}', '\n{{designation}}\n{{qte}}\n{{montant}}\n{{designation}}\n{{qte}}\n{{montant}}')}`,
    );
  });

  test('a purged Doc is gone for DriveApp and DocumentApp', () => {
    const { DocumentApp, DriveApp, drive } = setup();
    const id = DocumentApp.create('x').getId();
    drive.purge(id);
    expect(() => DriveApp.getFileById(id)).toThrow(NOT_FOUND);
    expect(() => DocumentApp.openById(id)).toThrow('is missing');
  });
});

describe('from a script running in its own realm (as the bundle does)', () => {
  test('an invoice built by script code: template copy, placeholders, repeated rows, PDF, sharing', () => {
    const emu = new Emulator();
    const tplId = emu.documents.seed('Modèle', [
      'Facture {{numero}}',
      'Client : {{client}}',
      [
        ['Désignation', 'Montant'],
        ['{{d}}', '{{m}}'],
      ],
      'Total : {{total}}',
    ]);
    const folderId = emu.drive.seedFolder('Factures');
    const script = `
      (function () {
        var copy = DriveApp.getFileById(TPL).makeCopy('Facture F-001', DriveApp.getFolderById(FOLDER));
        var doc = DocumentApp.openById(copy.getId());
        var body = doc.getBody();
        body.replaceText('{{numero}}', 'F-001');
        body.replaceText('{{client}}', 'Zoë');
        body.replaceText('{{total}}', '135,00 €');
        var table = body.getTables()[0];
        var model = table.getRow(1);
        [['Cours', '90,00 €'], ['Atelier', '45,00 €']].forEach(function (item) {
          var row = table.appendTableRow(model.copy());
          row.replaceText('{{d}}', item[0]);
          row.replaceText('{{m}}', item[1]);
        });
        model.removeFromParent();
        doc.saveAndClose();
        var pdf = DriveApp.getFolderById(FOLDER).createFile(copy.getAs('application/pdf'));
        pdf.addViewer('zoe@example.com');
        return { docId: copy.getId(), pdfId: pdf.getId(), pdfName: pdf.getName(), isArray: Array.isArray(body) };
      })()`;
    const result = runInNewContext(script, { ...emu.globals(), TPL: tplId, FOLDER: folderId }) as { docId: string; pdfId: string; pdfName: string };
    expect(result.pdfName).toBe('Facture F-001.pdf');
    const pdf = emu.drive.file(result.pdfId);
    expect(pdf).toEqual(expect.objectContaining({ mimeType: 'application/pdf', parents: [folderId], viewers: ['zoe@example.com'] }));
    const text = pdfText(emu.drive.bytes(result.pdfId));
    expect(text).toContain('Facture F-001');
    expect(text).toContain('Cours 90,00 €');
    expect(text).toContain('Atelier 45,00 €');
    expect(text).toContain('Total : 135,00 €');
    expect(emu.documents.text(tplId)).toContain('{{client}}');
  });
});
