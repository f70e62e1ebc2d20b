// Drive.Files of the Drive advanced service (Drive API v3). Reference pages (developers.google.com/workspace/drive/api/…):
// reference/rest/v3/files/list ("returns all files by default, including trashed files … use the trashed=false
// query parameter"; pageSize default 100; nextPageToken), guides/ref-search-terms (query_term operator values;
// and/or/not and parentheses; 'id' in parents; apostrophes and backslashes escaped with a backslash; no `id`
// term: 400 "Invalid Value", langchain-ai/langchain-google#1867), reference/rest/v3/files (trashed: "either
// explicitly or from a trashed parent folder"), files/get, files/copy, files/create, guides/fields-parameter
// ("Invalid field selection", googleworkspace/apps-script-samples#54), files/update and guides/v2-to-v3-reference
// (files.trash is files.update with {'trashed': true}), guides/handle-errors (404 "File not
// found: <id>."); trashed files can still be copied (reference/rest/v2/files/trash: "All users with access can
// copy, download, export, and share the file").
import { DriveService, FakeDriveAdvanced, FakeDriveApp, GOOGLE_DOC_MIME } from '../../emulator/src/drive';
import { DocumentService } from '../../emulator/src/documents';
import { Runtime } from '../../emulator/src/runtime';
import { EmulatedBlob } from '../../emulator/src/blob';

function setup() {
  const rt = new Runtime();
  const drive = new DriveService(rt);
  const documents = new DocumentService(rt, drive);
  const DriveApp = drive.globals().DriveApp as FakeDriveApp;
  const Drive = drive.globals().Drive as FakeDriveAdvanced;
  const root = drive.seedFolder('Carnet');
  const year = drive.seedFolder('2026', root);
  const pdf = drive.seedFile("Facture F-1 - L'Atelier \\ Sud.pdf", '%PDF', 'application/pdf', year);
  return { rt, drive, documents, DriveApp, Drive, root, year, pdf };
}

const ids = (list: Record<string, unknown>) => ((list.files ?? []) as Array<{ id: string }>).map((f) => f.id);

describe('Drive.Files.list (reference: files/list, guides/ref-search-terms)', () => {
  test('a query with in parents, name, mimeType, and/or and parentheses; escaped apostrophe and backslash; one call', () => {
    const { Drive, rt, year, pdf, root } = setup();
    const list = Drive.Files.list({
      q: `('${year}' in parents and name = 'Facture F-1 - L\\'Atelier \\\\ Sud.pdf') or ('${root}' in parents and name = '2026' and mimeType = 'application/vnd.google-apps.folder')`,
      fields: 'nextPageToken, files(id, name, mimeType, parents, trashed)',
    });
    expect(list).toEqual({
      files: [
        { id: year, name: '2026', mimeType: 'application/vnd.google-apps.folder', parents: [root], trashed: false },
        { id: pdf, name: "Facture F-1 - L'Atelier \\ Sud.pdf", mimeType: 'application/pdf', parents: [year], trashed: false },
      ],
    });
    expect(rt.accounting.total('Drive.Files.list')).toBe(1);
  });

  test('trashed items are listed (with trashed: true, also under a trashed folder) unless the query says trashed = false', () => {
    const { Drive, drive, year, pdf, root } = setup();
    drive.record(root)!.trashed = true;
    const all = Drive.Files.list({ q: `'${year}' in parents`, fields: 'files(id,trashed,explicitlyTrashed)' });
    expect(all.files).toEqual([{ id: pdf, trashed: true, explicitlyTrashed: false }]);
    expect(ids(Drive.Files.list({ q: `'${year}' in parents and trashed = false` }))).toEqual([]);
    expect(ids(Drive.Files.list({ q: `'${year}' in parents and not trashed = false` }))).toEqual([pdf]);
  });

  test('without fields: kind, incompleteSearch and files of kind, id, name, mimeType; pages of pageSize with a nextPageToken', () => {
    const { Drive, year, drive } = setup();
    drive.seedFile('b.pdf', 'x', 'application/pdf', year);
    drive.seedFile('c.pdf', 'x', 'application/pdf', year);
    const first = Drive.Files.list({ q: `'${year}' in parents`, pageSize: 2 });
    expect(first).toMatchObject({ kind: 'drive#fileList', incompleteSearch: false });
    expect(Object.keys((first.files as object[])[0])).toEqual(['kind', 'id', 'name', 'mimeType']);
    expect(first.files).toHaveLength(2);
    const second = Drive.Files.list({ q: `'${year}' in parents`, pageSize: 2, pageToken: first.nextPageToken });
    expect(second.files).toHaveLength(1);
    expect(second.nextPageToken).toBeUndefined();
  });

  test('an unknown parent finds nothing; a malformed query, an id term or an unknown field: the API’s errors', () => {
    const { Drive } = setup();
    expect(Drive.Files.list({ q: `'nope' in parents` }).files).toEqual([]);
    expect(() => Drive.Files.list({ q: `id = 'abc'` })).toThrow('API call to drive.files.list failed with error: Invalid Value');
    expect(() => Drive.Files.list({ q: `name = 'a` })).toThrow('API call to drive.files.list failed with error: Invalid Value');
    expect(() => Drive.Files.list({ q: `(name = 'a'` })).toThrow('API call to drive.files.list failed with error: Invalid Value');
    expect(() => Drive.Files.list({ q: `trashed = 'no'` })).toThrow('API call to drive.files.list failed with error: Invalid Value');
    expect(() => Drive.Files.list({ fields: 'files(id,colour)' })).toThrow('API call to drive.files.list failed with error: Invalid field selection colour');
    // Valid in the API, not emulated: said, not ignored.
    expect(() => Drive.Files.list({ q: `name contains 'Fact'` })).toThrow(/not emulated/);
  });
});

describe('Drive.Files.get, copy, create (reference: files/get, files/copy, files/create)', () => {
  test('get: the fields asked for, trashed ones included; an unknown id: File not found', () => {
    const { Drive, drive, pdf, year } = setup();
    drive.record(pdf)!.trashed = true;
    expect(Drive.Files.get(pdf, { fields: 'id,name,parents,trashed' })).toEqual({
      id: pdf,
      name: "Facture F-1 - L'Atelier \\ Sud.pdf",
      parents: [year],
      trashed: true,
    });
    expect(() => Drive.Files.get('nope')).toThrow('API call to drive.files.get failed with error: File not found: nope.');
  });

  test('copy of a Google Doc into a folder: its content follows (also from the trash); File not found for the file or the parent', () => {
    const { Drive, drive, documents, year, rt } = setup();
    const template = documents.seed('Modèle', ['Facture {{numero}}']);
    drive.record(template)!.trashed = true;
    const copy = Drive.Files.copy({ name: 'Facture F-2', parents: [year] }, template, { fields: 'id' });
    expect(Object.keys(copy)).toEqual(['id']);
    expect(drive.file(String(copy.id))).toMatchObject({ name: 'Facture F-2', mimeType: GOOGLE_DOC_MIME, parents: [year], trashed: false });
    expect(documents.text(String(copy.id))).toContain('Facture {{numero}}');
    expect(rt.accounting.total('Drive.Files.copy')).toBe(1);
    expect(() => Drive.Files.copy({ name: 'x' }, 'nope')).toThrow('API call to drive.files.copy failed with error: File not found: nope.');
    expect(() => Drive.Files.copy({ name: 'x', parents: ['gone'] }, template)).toThrow('API call to drive.files.copy failed with error: File not found: gone.');
  });

  test('update with trashed: true moves the file to the trash (listed as trashed, kept by id); File not found for an unknown id', () => {
    const { Drive, drive, pdf, year, rt } = setup();
    expect(Drive.Files.update({ trashed: true }, pdf, null, { fields: 'id,trashed' })).toEqual({ id: pdf, trashed: true });
    expect(drive.file(pdf)?.trashed).toBe(true);
    expect(ids(Drive.Files.list({ q: `'${year}' in parents and trashed = false` }))).toEqual([]);
    expect(rt.accounting.total('Drive.Files.update')).toBe(1);
    expect(() => Drive.Files.update({ trashed: true }, 'nope')).toThrow('API call to drive.files.update failed with error: File not found: nope.');
  });

  test('create with a blob: the bytes, the name and type given, in the parent; a missing parent: File not found', () => {
    const { Drive, drive, year, rt } = setup();
    const blob = new EmulatedBlob(rt, new Uint8Array([37, 80, 68, 70]), 'application/pdf', 'F-3.pdf');
    const made = Drive.Files.create({ name: 'Facture F-3.pdf', parents: [year], mimeType: 'application/pdf' }, blob, { fields: 'id' });
    expect(drive.file(String(made.id))).toMatchObject({ name: 'Facture F-3.pdf', mimeType: 'application/pdf', parents: [year], size: 4 });
    expect(Buffer.from(drive.bytes(String(made.id))).toString()).toBe('%PDF');
    expect(() => Drive.Files.create({ name: 'x', parents: ['gone'] }, blob)).toThrow('API call to drive.files.create failed with error: File not found: gone.');
    expect(() => Drive.Files.create({ name: 'x' }, 'text' as unknown as EmulatedBlob)).toThrow('The mediaData parameter only supports Blob types for upload.');
  });
});
