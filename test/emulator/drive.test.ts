// DriveApp emulation. Reference pages: developers.google.com/apps-script/reference/drive/drive-app,
// …/drive/file, …/drive/folder, …/drive/file-iterator, …/drive/folder-iterator, …/drive/access,
// …/drive/permission; error texts as collected in RomainVialard/ErrorHandler and public scripts.
import { EmulatedBlob } from '../../emulator/src/blob';
import { DriveService, FakeDriveAdvanced, FakeDriveApp, NOT_FOUND, ITERATOR_END, DEFAULT_REFUSAL } from '../../emulator/src/drive';
import { Emulator } from '../../emulator/src/index';
import { Runtime } from '../../emulator/src/runtime';

function setup() {
  const rt = new Runtime();
  const drive = new DriveService(rt);
  const DriveApp = drive.globals().DriveApp as FakeDriveApp;
  return { rt, drive, DriveApp };
}

describe('DriveApp (reference: drive-app)', () => {
  test('getRootFolder is "My Drive" and has no parent', () => {
    const { DriveApp } = setup();
    const root = DriveApp.getRootFolder();
    expect(root.getName()).toBe('My Drive');
    expect(root.getParents().hasNext()).toBe(false);
  });

  test('createFile(name, content) makes a text/plain file in the root; ids look like Drive ids', () => {
    const { DriveApp, drive } = setup();
    const file = DriveApp.createFile('notes.txt', 'Bonjour €');
    expect(file.getId()).toMatch(/^[A-Za-z0-9_-]{33}$/);
    expect(file.getMimeType()).toBe('text/plain');
    expect(file.getSize()).toBe(Buffer.byteLength('Bonjour €'));
    expect(file.getBlob().getDataAsString()).toBe('Bonjour €');
    expect(file.getParents().next().getId()).toBe(drive.rootId);
  });

  test('createFile(name) alone does not match any signature (Apps Script signature error)', () => {
    const { DriveApp } = setup();
    expect(() => (DriveApp.createFile as (n: string) => unknown)('x')).toThrow(
      "The parameters (String) don't match the method signature for DriveApp.createFile.",
    );
  });

  test('createFile(blob) takes name, type and bytes from the blob', () => {
    const { DriveApp, rt } = setup();
    const file = DriveApp.createFile(new EmulatedBlob(rt, [37, 80, 68, 70], 'application/pdf', 'a.pdf') as never);
    expect(file.getName()).toBe('a.pdf');
    expect(file.getMimeType()).toBe('application/pdf');
    expect(file.getBlob().getBytes()).toEqual([37, 80, 68, 70]);
  });

  test('getFileById / getFolderById of an unknown or deleted id throw the real "No item with the given ID…" error', () => {
    const { DriveApp, drive } = setup();
    expect(() => DriveApp.getFileById('1nope')).toThrow(NOT_FOUND);
    expect(() => DriveApp.getFolderById('1nope')).toThrow(NOT_FOUND);
    const id = DriveApp.createFile('a', 'b').getId();
    drive.purge(id);
    expect(() => DriveApp.getFileById(id)).toThrow(NOT_FOUND);
    expect(() => DriveApp.getFileById('')).toThrow('Invalid argument: id');
    try {
      DriveApp.getFileById('1nope');
    } catch (e) {
      expect(String(e)).toBe(`Exception: ${NOT_FOUND}`);
    }
  });

  test('a trashed file stays retrievable by id but leaves getFiles / getFilesByName', () => {
    const { DriveApp } = setup();
    const file = DriveApp.createFile('facture.pdf', 'x');
    file.setTrashed(true);
    expect(DriveApp.getFileById(file.getId()).isTrashed()).toBe(true);
    expect(DriveApp.getFilesByName('facture.pdf').hasNext()).toBe(false);
    expect(DriveApp.getFiles().hasNext()).toBe(false);
    expect(DriveApp.getTrashedFiles().next().getId()).toBe(file.getId());
  });

  test('iterator next() past the end throws "Cannot retrieve the next object: iterator has reached the end." (file-iterator)', () => {
    const { DriveApp } = setup();
    DriveApp.createFolder('Factures');
    const it = DriveApp.getFoldersByName('Factures');
    expect(it.hasNext()).toBe(true);
    expect(it.next().getName()).toBe('Factures');
    expect(it.hasNext()).toBe(false);
    expect(() => it.next()).toThrow(ITERATOR_END);
    expect(() => DriveApp.getFilesByName('absent').next()).toThrow(ITERATOR_END);
  });

  test('continuation tokens resume an iteration', () => {
    const { DriveApp } = setup();
    ['a', 'b', 'c'].forEach((n) => DriveApp.createFile(n, n));
    const it = DriveApp.getFiles();
    it.next();
    const rest = DriveApp.continueFileIterator(it.getContinuationToken());
    expect([rest.next().getName(), rest.next().getName(), rest.hasNext()]).toEqual(['b', 'c', false]);
  });

  test('every call is counted and spends DriveApp latency', () => {
    const { DriveApp, rt } = setup();
    const before = rt.clock.now();
    DriveApp.createFolder('x').getName();
    expect(rt.accounting.total('DriveApp')).toBe(2);
    expect(rt.clock.now() - before).toBe(160);
  });
});

describe('Folder (reference: folder)', () => {
  test('folders nest; getFiles/getFolders/getFilesByName list direct children only', () => {
    const { DriveApp } = setup();
    const carnet = DriveApp.createFolder('Carnet');
    const factures = carnet.createFolder('Factures');
    factures.createFile('F-001.pdf', 'x', 'application/pdf');
    carnet.createFile('readme.txt', 'y');
    expect(factures.getParents().next().getId()).toBe(carnet.getId());
    const names = (it: { hasNext(): boolean; next(): { getName(): string } }) => {
      const out: string[] = [];
      while (it.hasNext()) out.push(it.next().getName());
      return out;
    };
    expect(names(carnet.getFiles())).toEqual(['readme.txt']);
    expect(names(carnet.getFolders())).toEqual(['Factures']);
    expect(names(factures.getFilesByName('F-001.pdf'))).toEqual(['F-001.pdf']);
    expect(names(DriveApp.getFiles()).sort()).toEqual(['F-001.pdf', 'readme.txt']);
    expect(carnet.getUrl()).toBe(`https://drive.google.com/drive/folders/${carnet.getId()}`);
  });

  test('addFile adds a parent, removeFile removes one, moveTo replaces them', () => {
    const { DriveApp, drive } = setup();
    const a = DriveApp.createFolder('A');
    const b = DriveApp.createFolder('B');
    const file = a.createFile('f', 'x');
    b.addFile(file as never);
    expect(drive.file(file.getId())?.parents).toEqual([a.getId(), b.getId()]);
    a.removeFile(file as never);
    expect(drive.file(file.getId())?.parents).toEqual([b.getId()]);
    file.moveTo(a as never);
    expect(drive.file(file.getId())?.parents).toEqual([a.getId()]);
  });
});

describe('File (reference: file)', () => {
  test('getUrl has the Drive "view?usp=drivesdk" form', () => {
    const { DriveApp } = setup();
    const file = DriveApp.createFile('a.txt', 'x');
    expect(file.getUrl()).toBe(`https://drive.google.com/file/d/${file.getId()}/view?usp=drivesdk`);
  });

  test('makeCopy(), makeCopy(name), makeCopy(name, destination) copy the content', () => {
    const { DriveApp } = setup();
    const dest = DriveApp.createFolder('Dest');
    const file = DriveApp.createFile('ebook.txt', 'contenu');
    expect(file.makeCopy().getName()).toBe('Copy of ebook.txt');
    expect(file.makeCopy('Livre').getName()).toBe('Livre');
    const copy = file.makeCopy('Livre 2', dest as never);
    expect(copy.getParents().next().getId()).toBe(dest.getId());
    expect(copy.getBlob().getDataAsString()).toBe('contenu');
    expect(copy.getId()).not.toBe(file.getId());
  });

  test('getAs to another type of a plain file: "Converting from X to Y is not supported."', () => {
    const { DriveApp } = setup();
    const file = DriveApp.createFile('a.txt', 'x');
    expect(() => file.getAs('application/pdf')).toThrow('Converting from text/plain to application/pdf is not supported.');
    expect(file.getAs('text/plain').getDataAsString()).toBe('x');
  });

  test('setSharing / getSharingAccess / getSharingPermission use the Access and Permission enums', () => {
    const { DriveApp } = setup();
    const file = DriveApp.createFile('a', 'x');
    expect(file.getSharingAccess()).toBe(DriveApp.Access.PRIVATE);
    file.setSharing(DriveApp.Access.ANYONE_WITH_LINK as never, DriveApp.Permission.VIEW as never);
    expect(file.getSharingAccess()).toBe(DriveApp.Access.ANYONE_WITH_LINK);
    expect(file.getSharingPermission() == DriveApp.Permission.VIEW).toBe(true);
    expect(String(file.getSharingAccess())).toBe('ANYONE_WITH_LINK');
    expect(() => file.setSharing('EVERYONE' as never, DriveApp.Permission.VIEW as never)).toThrow('Invalid argument: accessType');
  });

  test('addViewer adds a User (getEmail); an editor stays an editor; removeViewer removes', () => {
    const { DriveApp } = setup();
    const file = DriveApp.createFile('a', 'x');
    file.addViewer('Zoe@Example.com').addEditor('prof2@example.com').addViewer('prof2@example.com');
    expect(file.getViewers().map((u) => u.getEmail())).toEqual(['zoe@example.com']);
    expect(file.getEditors().map((u) => u.getEmail())).toEqual(['prof2@example.com']);
    file.removeViewer('zoe@example.com');
    expect(file.getViewers()).toEqual([]);
    expect(file.getOwner().getEmail()).toBe('prof@example.com');
  });

  test('addViewer with a malformed address throws "Invalid email: <address>"', () => {
    const { DriveApp } = setup();
    const file = DriveApp.createFile('a', 'x');
    expect(() => file.addViewer('zoe@example')).toThrow('Invalid email: zoe@example');
    expect(() => file.addViewers(['ok@example.com', 'not an email'])).toThrow('Invalid email: not an email');
    expect(file.getViewers()).toEqual([]);
  });

  test('addViewer with an address Drive refuses (test API refuseViewer) throws', () => {
    const { DriveApp, drive } = setup();
    drive.refuseViewer('nogoogle@example.org');
    const file = DriveApp.createFile('a', 'x');
    expect(() => file.addViewer('nogoogle@example.org')).toThrow(DEFAULT_REFUSAL);
    drive.refuseViewer('blocked@example.org', 'Sharing is restricted by your administrator.');
    expect(() => file.addViewer('blocked@example.org')).toThrow('Sharing is restricted by your administrator.');
  });

  test('dates come from the virtual clock; setName updates getLastUpdated', () => {
    const { DriveApp, rt } = setup();
    const file = DriveApp.createFile('a', 'x');
    const created = file.getDateCreated().getTime();
    rt.clock.advance(60_000);
    file.setName('b');
    expect(file.getLastUpdated().getTime()).toBeGreaterThan(created);
    expect(file.getName()).toBe('b');
  });
});

describe('test API and persistence', () => {
  test('files() lists name, mimeType, parents, trashed, viewers and sharing; fileByName finds one', () => {
    const { DriveApp, drive } = setup();
    const file = DriveApp.createFile('e.txt', 'x');
    file.addViewer('zoe@example.com');
    expect(drive.files()).toEqual([
      expect.objectContaining({
        name: 'e.txt',
        mimeType: 'text/plain',
        parents: [drive.rootId],
        trashed: false,
        viewers: ['zoe@example.com'],
        sharing: { access: 'PRIVATE', permission: 'NONE' },
      }),
    ]);
    expect(drive.fileByName('e.txt')?.id).toBe(file.getId());
  });

  test('save() / load() restores the whole store through the Emulator', () => {
    const emu = new Emulator();
    const DriveApp = emu.drive.globals().DriveApp as FakeDriveApp;
    const id = DriveApp.createFolder('Carnet').createFile('a.bin', 'données').getId();
    const saved = emu.rt.saveState('drive');
    const json = JSON.parse(JSON.stringify(saved));
    const other = new Emulator();
    other.rt.loadState('drive', json);
    const OtherDrive = other.drive.globals().DriveApp as FakeDriveApp;
    expect(OtherDrive.getFileById(id).getBlob().getDataAsString()).toBe('données');
    expect(OtherDrive.getFileById(id).getParents().next().getName()).toBe('Carnet');
    // new ids keep being unique after a restore
    expect(OtherDrive.createFile('b', 'c').getId()).not.toBe(id);
  });
});

// An address that is not a Google account (support.google.com/a/answer/6033939): DriveApp, which always
// notifies, can only invite it; the Drive API refuses to share with it silently (permissions.create with
// sendNotificationEmail=false: "… you must check the "Notify people" box …", quoted in
// github.com/GAM-team/GAM/wiki/Users-Drive-Permissions; developers.google.com/drive/api/reference/rest/v3/permissions/create).
describe('addresses without a Google account, and the Drive advanced service (Permissions.create)', () => {
  function advanced() {
    const { rt, drive, DriveApp } = setup();
    const Drive = drive.globals().Drive as FakeDriveAdvanced;
    const file = DriveApp.createFile('Supports.pdf', 'x');
    return { rt, drive, DriveApp, Drive, file, id: file.getId() };
  }

  test('a Google account: shared silently (no invitation), and it opens', () => {
    const { Drive, drive, id, rt } = advanced();
    const permission = Drive.Permissions.create({ role: 'reader', type: 'user', emailAddress: 'Alice@Example.com' }, id, { sendNotificationEmail: false });
    expect(permission).toMatchObject({ kind: 'drive#permission', type: 'user', role: 'reader', emailAddress: 'alice@example.com' });
    expect(drive.file(id)?.viewers).toEqual(['alice@example.com']);
    expect(drive.canOpen(id, 'alice@example.com')).toBe(true);
    expect(drive.invitations()).toEqual([]);
    expect(rt.accounting.total('Drive.Permissions.create')).toBe(1);
  });

  test('no Google account: the silent share is refused with the API’s message and changes nothing', () => {
    const { Drive, drive, id } = advanced();
    drive.withoutGoogleAccount('bob@example.org');
    expect(() => Drive.Permissions.create({ role: 'reader', type: 'user', emailAddress: 'bob@example.org' }, id, { sendNotificationEmail: false })).toThrow(
      'API call to drive.permissions.create failed with error: You are trying to invite bob@example.org. Since there is no Google account associated with this email address, you must check the "Notify people" box to invite this recipient.',
    );
    expect(drive.file(id)?.viewers).toEqual([]);
    expect(drive.invitations()).toEqual([]);
  });

  test('no Google account: addViewer (or a notified share) only invites; the file opens once the person makes a Google account', () => {
    const { DriveApp, drive, id } = advanced();
    drive.withoutGoogleAccount('bob@example.org');
    DriveApp.getFileById(id).addViewer('bob@example.org');
    DriveApp.getFileById(id).addViewer('bob@example.org');
    expect(drive.invitations()).toEqual([{ fileId: id, email: 'bob@example.org' }]);
    expect(drive.canOpen(id, 'bob@example.org')).toBe(false);
    drive.createGoogleAccount('bob@example.org');
    expect(drive.canOpen(id, 'bob@example.org')).toBe(true);
  });

  test('an unknown file, a missing type or role: the API’s errors', () => {
    const { Drive, id } = advanced();
    expect(() => Drive.Permissions.create({ role: 'reader', type: 'user', emailAddress: 'a@example.com' }, 'nope')).toThrow(
      'API call to drive.permissions.create failed with error: File not found: nope.',
    );
    expect(() => Drive.Permissions.create({ role: 'reader', emailAddress: 'a@example.com' }, id)).toThrow('The permission type field is required.');
    expect(() => Drive.Permissions.create({ type: 'user', emailAddress: 'a@example.com' }, id)).toThrow('The permission role field is required.');
  });
});
