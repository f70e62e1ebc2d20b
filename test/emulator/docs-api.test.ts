// The Docs advanced service over the DocumentApp model. Reference pages:
// developers.google.com/workspace/docs/api/reference/rest/v1/documents/batchUpdate (atomic batches,
// replies), …/documents/request (ReplaceAllText, InsertText, DeleteContentRange and its invalid
// ranges, InsertTableRow, DeleteTableRow, UpdateParagraphStyle, UpdateTextStyle), concepts/structure
// (indexes: the body's section break [0, 1), a table's start/row/cell markers). Error texts: the
// "Index N must be less than the end index of the referenced segment, M." and "Invalid table start
// location. Must specify the start index of the table." reports, googleapis/google-api-php-client#2104
// ("No request set."), googleapis/google-api-php-client-services#163 (unknown request name).
import { DriveService } from '../../emulator/src/drive';
import { DocumentService, FakeDocumentApp, pdfText } from '../../emulator/src/documents';
import { docsAdvancedService } from '../../emulator/src/docsApi';
import { Runtime } from '../../emulator/src/runtime';

function setup() {
  const rt = new Runtime();
  const drive = new DriveService(rt);
  const documents = new DocumentService(rt, drive);
  const DocumentApp = documents.globals().DocumentApp as FakeDocumentApp;
  const Docs = docsAdvancedService(rt, documents);
  // "Facture {{numero}}" [1, 20); a 2×2 table at 20; "Total {{total}}" after it.
  const id = documents.seed('Modèle', [
    'Facture {{numero}}',
    [
      ['Désignation', 'Montant'],
      ['{{ligne}}', '{{montant}}'],
    ],
    'Total {{total}}',
  ]);
  return { rt, documents, DocumentApp, Docs, id };
}

type Element = GoogleAppsScript.Docs.Schema.StructuralElement;
const body = (doc: GoogleAppsScript.Docs.Schema.Document): Element[] => doc.body?.content ?? [];

describe('Docs.Documents.get (reference: concepts/structure)', () => {
  test('indexes: a section break [0, 1), paragraphs ending with their newline, a table with one index per row and cell and one at its end', () => {
    const { Docs, id } = setup();
    const content = body(Docs.Documents.get(id));
    expect(content[0]).toMatchObject({ endIndex: 1, sectionBreak: {} });
    expect(content[1]).toMatchObject({ startIndex: 1, endIndex: 20, paragraph: { elements: [{ textRun: { content: 'Facture {{numero}}\n' } }] } });
    const table = content[2];
    expect(table.startIndex).toBe(20);
    const [header, model] = table.table!.tableRows!;
    expect(header).toMatchObject({ startIndex: 21 });
    expect(header.tableCells![0]).toMatchObject({ startIndex: 22, endIndex: 35, content: [{ startIndex: 23, endIndex: 35 }] });
    expect(model.tableCells![1].content![0].paragraph!.elements![0].textRun!.content).toBe('{{montant}}\n');
    // The table's end marker: the next paragraph starts one index after the last cell.
    expect(content[3].startIndex).toBe(table.endIndex);
    expect(table.endIndex).toBe(model.endIndex! + 1);
  });

  test('an unknown document: 404 "Requested entity was not found." as a GoogleJsonResponseException', () => {
    const { Docs } = setup();
    expect(() => Docs.Documents.get('nope')).toThrow('API call to docs.documents.get failed with error: Requested entity was not found.');
  });

  test('calls are counted as service Docs', () => {
    const { Docs, id, rt } = setup();
    Docs.Documents.get(id);
    expect(rt.accounting.total('Docs')).toBe(1);
  });
});

describe('Docs.Documents.batchUpdate (reference: documents/batchUpdate, documents/request)', () => {
  test('replaceAllText in body, literal (no regex), with occurrencesChanged; the PDF export shows the result', () => {
    const { Docs, documents, id } = setup();
    const reply = Docs.Documents.batchUpdate(
      {
        requests: [
          { replaceAllText: { containsText: { text: '{{numero}}', matchCase: true }, replaceText: 'F-$1.*' } },
          { replaceAllText: { containsText: { text: '{{absent}}', matchCase: true }, replaceText: 'x' } },
        ],
      },
      id,
    );
    expect(reply.replies).toEqual([{ replaceAllText: { occurrencesChanged: 1 } }, { replaceAllText: {} }]);
    expect(documents.text(id)).toContain('Facture F-$1.*');
    expect(pdfText(documents.pdf(id))).toContain('Facture F-$1.*');
  });

  test('rows inserted below the model get text by index; the model row deleted; a soft break \\u000b stays in its paragraph', () => {
    const { Docs, documents, id } = setup();
    const doc = Docs.Documents.get(id);
    const table = body(doc)[2];
    const model = table.table!.tableRows![1];
    const at = { tableStartLocation: { index: table.startIndex! }, rowIndex: 1, columnIndex: 0 };
    // The new row starts where the model row ends: row marker, then per cell a cell marker and a paragraph.
    const first = model.endIndex! + 2;
    Docs.Documents.batchUpdate(
      {
        requests: [
          { insertTableRow: { tableCellLocation: at, insertBelow: true } },
          { insertText: { location: { index: first + 2 }, text: '450,00 €' } },
          { insertText: { location: { index: first }, text: 'Pack\u000b10 cours' } },
          { deleteTableRow: { tableCellLocation: at } },
        ],
      },
      id,
    );
    expect(documents.text(id)).toBe('Facture {{numero}}\nDésignation\nMontant\nPack\r10 cours\n450,00 €\nTotal {{total}}');
  });

  test('deleteContentRange removes whole paragraphs, but never the last newline of the body nor the newline before a table', () => {
    const { Docs, documents, id } = setup();
    const content = body(Docs.Documents.get(id));
    const last = content[3];
    expect(() =>
      Docs.Documents.batchUpdate({ requests: [{ deleteContentRange: { range: { startIndex: last.startIndex, endIndex: last.endIndex } } }] }, id),
    ).toThrow(
      'API call to docs.documents.batchUpdate failed with error: Invalid requests[0].deleteContentRange: The range cannot include the newline character at the end of the segment.',
    );
    expect(() => Docs.Documents.batchUpdate({ requests: [{ deleteContentRange: { range: { startIndex: 1, endIndex: 20 } } }] }, id)).toThrow(
      'Invalid requests[0].deleteContentRange: Invalid deletion range. Cannot delete the newline character before a table.',
    );
    // Its text can go, the newline stays.
    Docs.Documents.batchUpdate({ requests: [{ deleteContentRange: { range: { startIndex: 1, endIndex: 19 } } }] }, id);
    expect(documents.text(id).startsWith('\nDésignation')).toBe(true);
  });

  test('bad requests fail like the API (400) and the batch is atomic: nothing of it is applied', () => {
    const { Docs, documents, id } = setup();
    const before = documents.text(id);
    const ok = { replaceAllText: { containsText: { text: '{{total}}', matchCase: true }, replaceText: '520 €' } };
    const fails = (request: object, message: string) => {
      expect(() => Docs.Documents.batchUpdate({ requests: [ok, request] }, id)).toThrow(`API call to docs.documents.batchUpdate failed with error: ${message}`);
      expect(documents.text(id)).toBe(before);
    };
    // Requests apply in order: the body ended at 86, and at 82 once "{{total}}" became "520 €".
    fails(
      { insertText: { location: { index: 500 }, text: 'x' } },
      'Invalid requests[1].insertText: Index 500 must be less than the end index of the referenced segment, 82.',
    );
    fails(
      { insertText: { location: { index: 20 }, text: 'x' } },
      'Invalid requests[1].insertText: The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.',
    );
    fails(
      { insertTableRow: { tableCellLocation: { tableStartLocation: { index: 1 }, rowIndex: 0 }, insertBelow: true } },
      'Invalid requests[1].insertTableRow: Invalid table start location. Must specify the start index of the table.',
    );
    fails({}, 'Invalid requests[1]: No request set.');
    fails({ replaceText: {} }, `Invalid JSON payload received. Unknown name "replaceText" at 'requests[1]': Cannot find field.`);
    const error = (() => {
      try {
        Docs.Documents.batchUpdate({ requests: [{}] }, id);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.name).toBe('GoogleJsonResponseException');
  });

  test('updateParagraphStyle and updateTextStyle need fields; they set alignment, spacing, bold, size and colour', () => {
    const { Docs, DocumentApp, id } = setup();
    expect(() =>
      Docs.Documents.batchUpdate({ requests: [{ updateTextStyle: { range: { startIndex: 1, endIndex: 8 }, textStyle: { bold: true } } }] }, id),
    ).toThrow("Invalid requests[0].updateTextStyle: At least one field must be listed in 'fields'.");
    Docs.Documents.batchUpdate(
      {
        requests: [
          {
            updateParagraphStyle: {
              range: { startIndex: 1, endIndex: 20 },
              paragraphStyle: { alignment: 'END', spaceAbove: { magnitude: 4, unit: 'PT' } },
              fields: 'alignment,spaceAbove',
            },
          },
          {
            updateTextStyle: {
              range: { startIndex: 1, endIndex: 20 },
              textStyle: { bold: true, fontSize: { magnitude: 14, unit: 'PT' }, foregroundColor: { color: { rgbColor: { red: 1, green: 0, blue: 0 } } } },
              fields: 'bold,fontSize,foregroundColor',
            },
          },
        ],
      },
      id,
    );
    const paragraph = DocumentApp.openById(id).getBody().getChild(0).asParagraph();
    expect(String(paragraph.getAlignment())).toBe('RIGHT');
    expect(paragraph.getAttributes().SPACING_BEFORE).toBe(4);
    expect(paragraph.editAsText().isBold()).toBe(true);
    expect(paragraph.editAsText().getFontSize()).toBe(14);
    expect(paragraph.editAsText().getForegroundColor()).toBe('#ff0000');
    expect(body(Docs.Documents.get(id))[1].paragraph!.paragraphStyle).toMatchObject({ alignment: 'END', spaceAbove: { magnitude: 4, unit: 'PT' } });
  });

  test('replaceAllText reaches headers and footers; their indexes start at 0 with a segmentId', () => {
    const { Docs, DocumentApp, documents, id } = setup();
    const doc = DocumentApp.openById(id);
    doc.addFooter().getChild(0).asParagraph().setText('Mentions {{total}}');
    doc.saveAndClose();
    const json = Docs.Documents.get(id);
    const footerId = json.documentStyle!.defaultFooterId!;
    const footers = json.footers as Record<string, GoogleAppsScript.Docs.Schema.Footer>;
    expect(footers[footerId].content![0]).toMatchObject({ endIndex: 19 });
    Docs.Documents.batchUpdate(
      {
        requests: [
          { replaceAllText: { containsText: { text: '{{TOTAL}}', matchCase: false }, replaceText: '520 €' } },
          { insertText: { location: { segmentId: footerId, index: 0 }, text: '» ' } },
        ],
      },
      id,
    );
    expect(documents.text(id)).toContain('Total 520 €');
    expect(pdfText(documents.pdf(id))).toContain('» Mentions 520 €');
  });
});
