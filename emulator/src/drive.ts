// DriveApp: one store of files and folders, shared by id with DocumentApp (a Google Doc is a Drive
// file whose content DocumentService keeps) and with anything else that holds a file id.
//
// References (developers.google.com/apps-script/reference/drive/…):
// - drive-app: getRootFolder, getFileById, getFolderById, createFile (blob | name, content[, mimeType]),
//   createFolder, getFiles, getFilesByName, getFolders, getFoldersByName, Access, Permission.
// - file / folder: ids, names, URLs, parents, trash, sharing, viewers/editors, makeCopy, moveTo, getAs.
// - file-iterator / folder-iterator: hasNext, next, getContinuationToken.
// - Messages as scripts see them:
//   "No item with the given ID could be found. Possibly because you have not edited this item or you
//   do not have permission to access it." (getFileById / getFolderById, unknown or deleted id; older
//   runtimes said "No item with the given ID could be found, or you do not have permission to access
//   it." — RomainVialard/ErrorHandler keeps both),
//   "Cannot retrieve the next object: iterator has reached the end." (next() past the end),
//   "Invalid email: <address>" (addViewer/addEditor with a malformed address, ErrorHandler),
//   "Converting from <type> to <type> is not supported." (getAs).
// - Trashed items stay retrievable by id (Drive keeps them until the trash is emptied); getFiles,
//   getFilesByName, Folder.getFiles… leave them out (their Drive query is "trashed = false").
//
// Test API (Node side, never counted): files(), file(id), fileByName(name), bytes(id), rootId,
// seedFile(name, content, mimeType?, folderId?), seedFolder(name, parentId?), purge(id),
// refuseViewer(email, message?), createNative(name, mimeType), touch(id), registerNative(mimeType, handler),
// withoutGoogleAccount(email), createGoogleAccount(email), invitations(), canOpen(id, email).
//
// Addresses without a Google account (support.google.com/a/answer/6033939: a file can only be opened with
// a Google account; anyone can make one for an existing address at accounts.google.com/signupwithoutgmail).
// Drive cannot tell a script beforehand. Sharing with such an address through DriveApp (which always
// e-mails the people it adds) only sends Google's invitation: the permission is kept under the address,
// but nobody can open the item until a Google account exists for it. Through the Drive API without the
// notification (permissions.create, sendNotificationEmail=false) Drive refuses: "You are trying to invite
// <address>. Since there is no Google account associated with this email address, you must check the
// "Notify people" box to invite this recipient." (the API's message, quoted in GAM's wiki,
// github.com/GAM-team/GAM/wiki/Users-Drive-Permissions). Every address counts as a Google account
// unless a test names it with withoutGoogleAccount(): whether getAccess() of a pending invitee says VIEW
// (as here) or NONE is unverified, so Carnet relies on neither.
import { createHash } from 'node:crypto';
import { EmulatedBlob, toUint8, type BlobConverter } from './blob';
import { conforms } from './conformance';
import { FakeDriveFiles } from './driveFiles';
import type { Runtime } from './runtime';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';

export const NOT_FOUND = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
export const ITERATOR_END = 'Cannot retrieve the next object: iterator has reached the end.';
/** Default refusal for an address marked with refuseViewer() (Drive cannot share with it). */
export const DEFAULT_REFUSAL = 'Invalid argument: permission.value';

const ACCESS_NAMES = ['ANYONE', 'ANYONE_WITH_LINK', 'DOMAIN', 'DOMAIN_WITH_LINK', 'PRIVATE'] as const;
const PERMISSION_NAMES = ['VIEW', 'EDIT', 'COMMENT', 'OWNER', 'ORGANIZER', 'NONE'] as const;
export type AccessName = (typeof ACCESS_NAMES)[number];
export type PermissionName = (typeof PERMISSION_NAMES)[number];

/** An Apps Script enum value: compares by identity, prints as its name. */
export class EnumValue<N extends string = string> {
  constructor(
    private readonly enumName: string,
    private readonly valueName: N,
    private readonly index: number,
  ) {}
  toString(): N {
    return this.valueName;
  }
  toJSON(): N {
    return this.valueName;
  }
  name(): N {
    return this.valueName;
  }
  ordinal(): number {
    return this.index;
  }
  get [Symbol.toStringTag](): string {
    return this.enumName;
  }
}

export function makeEnum<N extends string>(enumName: string, names: readonly N[]): Record<N, EnumValue<N>> {
  const values = {} as Record<N, EnumValue<N>>;
  names.forEach((name, i) => (values[name] = new EnumValue(enumName, name, i)));
  return Object.freeze(values);
}

export const Access = makeEnum('Access', ACCESS_NAMES);
export const Permission = makeEnum('Permission', PERMISSION_NAMES);

/** Accepts an enum value of ours or its name; anything else is an invalid argument. */
function enumName<N extends string>(values: Record<N, EnumValue<N>>, value: unknown, argName: string): N {
  const name = String(value) as N;
  if (Object.prototype.hasOwnProperty.call(values, name)) return name;
  throw driveError(`Invalid argument: ${argName}`);
}

export function driveError(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}

export interface DriveRecord {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  bytes: Uint8Array;
  description: string | null;
  starred: boolean;
  createdMs: number;
  updatedMs: number;
  owner: string;
  access: AccessName;
  permission: PermissionName;
  viewers: string[];
  editors: string[];
}

/** What the test API shows of a file or folder. */
export interface DriveFileInfo {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  size: number;
  owner: string;
  viewers: string[];
  editors: string[];
  sharing: { access: AccessName; permission: PermissionName };
}

/** How Drive handles a Google-native type whose content another service keeps (Docs). */
export interface NativeHandler {
  /** The file exported as PDF bytes (Drive's getBlob/getAs of a Google Doc). */
  exportPdf(id: string): Uint8Array;
  /** Copies the content of `fromId` to the new file `toId` (makeCopy). */
  copyContent(fromId: string, toId: string): void;
}

const isFolderRecord = (r: DriveRecord): boolean => r.mimeType === FOLDER_MIME;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function emailOf(value: unknown): string {
  if (value && typeof value === 'object' && typeof (value as { getEmail?: unknown }).getEmail === 'function') {
    return String((value as { getEmail(): unknown }).getEmail());
  }
  return String(value);
}

/** Drive's User (owner, editors, viewers). */
export class DriveUser {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getName(): string {
    return this.email.split('@')[0];
  }
  getDomain(): string {
    return this.email.split('@')[1] ?? '';
  }
  getPhotoUrl(): string {
    return '';
  }
  getUserLoginId(): string {
    return this.email;
  }
}
conforms<GoogleAppsScript.Drive.User, DriveUser, 'getEmail' | 'getName' | 'getDomain' | 'getPhotoUrl'>(true);

abstract class DriveIterator<T> {
  private index = 0;
  constructor(
    protected readonly drive: DriveService,
    private readonly ids: string[],
    private readonly className: 'FileIterator' | 'FolderIterator',
    start = 0,
  ) {
    this.index = start;
  }
  protected abstract wrap(id: string): T;
  hasNext(): boolean {
    this.drive.rt.call('DriveApp', `${this.className}.hasNext`);
    return this.index < this.ids.length;
  }
  next(): T {
    this.drive.rt.call('DriveApp', `${this.className}.next`);
    if (this.index >= this.ids.length) throw driveError(ITERATOR_END);
    return this.wrap(this.ids[this.index++]);
  }
  getContinuationToken(): string {
    this.drive.rt.call('DriveApp', `${this.className}.getContinuationToken`);
    return Buffer.from(JSON.stringify({ k: this.className, ids: this.ids, i: this.index })).toString('base64');
  }
}

export class FakeFileIterator extends DriveIterator<FakeFile> {
  constructor(drive: DriveService, ids: string[], start = 0) {
    super(drive, ids, 'FileIterator', start);
  }
  protected wrap(id: string): FakeFile {
    return new FakeFile(this.drive, id);
  }
}
conforms<GoogleAppsScript.Drive.FileIterator, FakeFileIterator, 'hasNext' | 'next' | 'getContinuationToken'>(true);

export class FakeFolderIterator extends DriveIterator<FakeFolder> {
  constructor(drive: DriveService, ids: string[], start = 0) {
    super(drive, ids, 'FolderIterator', start);
  }
  protected wrap(id: string): FakeFolder {
    return new FakeFolder(this.drive, id);
  }
}
conforms<GoogleAppsScript.Drive.FolderIterator, FakeFolderIterator, 'hasNext' | 'next' | 'getContinuationToken'>(true);

/** What File and Folder share: identity, name, dates, trash, sharing, people. */
abstract class DriveItem {
  protected abstract readonly className: 'File' | 'Folder';
  constructor(
    protected readonly drive: DriveService,
    protected readonly id: string,
  ) {}
  protected call(method: string): DriveRecord {
    this.drive.rt.call('DriveApp', `${this.className}.${method}`);
    const record = this.drive.record(this.id);
    if (!record) throw driveError(NOT_FOUND);
    return record;
  }
  protected changed(record: DriveRecord): void {
    record.updatedMs = this.drive.rt.clock.now();
  }
  getId(): string {
    return this.call('getId').id;
  }
  getName(): string {
    return this.call('getName').name;
  }
  getDescription(): string | null {
    return this.call('getDescription').description;
  }
  getDateCreated(): Date {
    return this.drive.rt.newDate(this.call('getDateCreated').createdMs);
  }
  getLastUpdated(): Date {
    return this.drive.rt.newDate(this.call('getLastUpdated').updatedMs);
  }
  isTrashed(): boolean {
    return this.call('isTrashed').trashed;
  }
  isStarred(): boolean {
    return this.call('isStarred').starred;
  }
  getParents(): FakeFolderIterator {
    const record = this.call('getParents');
    return new FakeFolderIterator(
      this.drive,
      record.parents.filter((p) => this.drive.record(p)),
    );
  }
  getOwner(): DriveUser {
    return new DriveUser(this.call('getOwner').owner);
  }
  getViewers(): DriveUser[] {
    return this.call('getViewers').viewers.map((e) => new DriveUser(e));
  }
  getEditors(): DriveUser[] {
    return this.call('getEditors').editors.map((e) => new DriveUser(e));
  }
  getSharingAccess(): EnumValue<AccessName> {
    return Access[this.call('getSharingAccess').access];
  }
  getSharingPermission(): EnumValue<PermissionName> {
    return Permission[this.call('getSharingPermission').permission];
  }
  getAccess(user: string | GoogleAppsScript.Base.User): EnumValue<PermissionName> {
    const record = this.call('getAccess');
    const email = emailOf(user).toLowerCase();
    if (email === record.owner.toLowerCase()) return Permission.OWNER;
    if (record.editors.includes(email)) return Permission.EDIT;
    if (record.viewers.includes(email)) return Permission.VIEW;
    return record.access === 'ANYONE' || record.access === 'ANYONE_WITH_LINK' ? Permission[record.permission] : Permission.NONE;
  }
  isShareableByEditors(): boolean {
    this.call('isShareableByEditors');
    return true;
  }
  getSize(): number {
    const record = this.call('getSize');
    return isFolderRecord(record) || record.mimeType.startsWith('application/vnd.google-apps.') ? 0 : record.bytes.length;
  }
  protected doSetName(name: string): void {
    const record = this.call('setName');
    if (record.id === this.drive.rootId) throw driveError('Access denied: DriveApp.');
    record.name = String(name);
    this.changed(record);
  }
  protected doSetDescription(description: string): void {
    const record = this.call('setDescription');
    record.description = description === null || description === undefined ? null : String(description);
    this.changed(record);
  }
  protected doSetTrashed(trashed: boolean): void {
    const record = this.call('setTrashed');
    if (record.id === this.drive.rootId) throw driveError('Access denied: DriveApp.');
    record.trashed = !!trashed;
    this.changed(record);
  }
  protected doSetStarred(starred: boolean): void {
    this.call('setStarred').starred = !!starred;
  }
  protected doSetSharing(accessType: unknown, permissionType: unknown): void {
    const record = this.call('setSharing');
    record.access = enumName(Access, accessType, 'accessType');
    record.permission = enumName(Permission, permissionType, 'permissionType');
    if (record.access === 'PRIVATE') record.permission = 'NONE';
  }
  protected doAddPeople(method: string, people: unknown[], role: 'viewers' | 'editors'): void {
    this.drive.addPeople(this.call(method), people, role);
  }
  protected doRemovePerson(method: string, person: unknown, role: 'viewers' | 'editors'): void {
    this.drive.removePerson(this.call(method), person, role);
  }
  protected doRevoke(person: unknown): void {
    const record = this.call('revokePermissions');
    const email = emailOf(person).toLowerCase();
    record.viewers = record.viewers.filter((e) => e !== email);
    record.editors = record.editors.filter((e) => e !== email);
  }
  protected doMoveTo(destination: unknown): void {
    const record = this.call('moveTo');
    const target = this.drive.folderRecordOf(destination);
    if (record.id === this.drive.rootId) throw driveError('Access denied: DriveApp.');
    record.parents = [target.id];
    this.changed(record);
  }
  toString(): string {
    return this.drive.record(this.id)?.name ?? this.className;
  }
}

export class FakeFile extends DriveItem {
  protected readonly className = 'File';

  getMimeType(): string {
    return this.call('getMimeType').mimeType;
  }
  getUrl(): string {
    const record = this.call('getUrl');
    if (record.mimeType === GOOGLE_DOC_MIME) return `https://docs.google.com/document/d/${record.id}/edit?usp=drivesdk`;
    return `https://drive.google.com/file/d/${record.id}/view?usp=drivesdk`;
  }
  getDownloadUrl(): string {
    const record = this.call('getDownloadUrl');
    return `https://drive.google.com/uc?id=${record.id}&export=download`;
  }
  getBlob(): EmulatedBlob {
    this.call('getBlob');
    return this.drive.blobOf(this.id);
  }
  getAs(contentType: string): EmulatedBlob {
    const record = this.call('getAs');
    // A Google Doc exports to PDF; any other file converts only to its own type here.
    const exportType = this.drive.nativeHandler(record.mimeType) ? 'application/pdf' : record.mimeType;
    if (String(contentType).toLowerCase() !== exportType) {
      throw driveError(`Converting from ${record.mimeType} to ${contentType} is not supported.`);
    }
    return this.drive.blobOf(this.id);
  }
  setContent(content: string): FakeFile {
    const record = this.call('setContent');
    if (record.mimeType.startsWith('application/vnd.google-apps.')) throw driveError('Invalid argument: content');
    record.bytes = toUint8(String(content));
    this.changed(record);
    return this;
  }
  setName(name: string): FakeFile {
    this.doSetName(name);
    return this;
  }
  setDescription(description: string): FakeFile {
    this.doSetDescription(description);
    return this;
  }
  setTrashed(trashed: boolean): FakeFile {
    this.doSetTrashed(trashed);
    return this;
  }
  setStarred(starred: boolean): FakeFile {
    this.doSetStarred(starred);
    return this;
  }
  setSharing(accessType: GoogleAppsScript.Drive.Access, permissionType: GoogleAppsScript.Drive.Permission): FakeFile {
    this.doSetSharing(accessType, permissionType);
    return this;
  }
  addViewer(user: string | GoogleAppsScript.Base.User): FakeFile {
    this.doAddPeople('addViewer', [user], 'viewers');
    return this;
  }
  addViewers(emailAddresses: string[]): FakeFile {
    this.doAddPeople('addViewers', [...emailAddresses], 'viewers');
    return this;
  }
  addEditor(user: string | GoogleAppsScript.Base.User): FakeFile {
    this.doAddPeople('addEditor', [user], 'editors');
    return this;
  }
  addEditors(emailAddresses: string[]): FakeFile {
    this.doAddPeople('addEditors', [...emailAddresses], 'editors');
    return this;
  }
  removeViewer(user: string | GoogleAppsScript.Base.User): FakeFile {
    this.doRemovePerson('removeViewer', user, 'viewers');
    return this;
  }
  removeEditor(user: string | GoogleAppsScript.Base.User): FakeFile {
    this.doRemovePerson('removeEditor', user, 'editors');
    return this;
  }
  revokePermissions(user: string | GoogleAppsScript.Base.User): FakeFile {
    this.doRevoke(user);
    return this;
  }
  moveTo(destination: GoogleAppsScript.Drive.Folder): FakeFile {
    this.doMoveTo(destination);
    return this;
  }
  /** makeCopy(), makeCopy(name), makeCopy(destination), makeCopy(name, destination). */
  makeCopy(nameOrDestination?: string | GoogleAppsScript.Drive.Folder, destination?: GoogleAppsScript.Drive.Folder): FakeFile {
    const record = this.call('makeCopy');
    let name = `Copy of ${record.name}`;
    let parents = [...record.parents];
    if (typeof nameOrDestination === 'string') name = nameOrDestination;
    else if (nameOrDestination !== undefined && nameOrDestination !== null) parents = [this.drive.folderRecordOf(nameOrDestination).id];
    if (destination !== undefined && destination !== null) parents = [this.drive.folderRecordOf(destination).id];
    const copy = this.drive.newRecord({ name, mimeType: record.mimeType, parents, bytes: new Uint8Array(record.bytes), description: record.description });
    this.drive.nativeHandler(record.mimeType)?.copyContent(record.id, copy.id);
    return new FakeFile(this.drive, copy.id);
  }
}
conforms<
  GoogleAppsScript.Drive.File,
  FakeFile,
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getUrl'
  | 'getDownloadUrl'
  | 'getMimeType'
  | 'getSize'
  | 'getBlob'
  | 'getAs'
  | 'makeCopy'
  | 'setTrashed'
  | 'isTrashed'
  | 'getParents'
  | 'moveTo'
  | 'setSharing'
  | 'getSharingAccess'
  | 'getSharingPermission'
  | 'addViewer'
  | 'addViewers'
  | 'removeViewer'
  | 'getViewers'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'getEditors'
  | 'getOwner'
  | 'getDateCreated'
  | 'getLastUpdated'
  | 'getDescription'
  | 'setDescription'
  | 'isStarred'
  | 'setStarred'
  | 'setContent'
  | 'getAccess'
  | 'revokePermissions'
  | 'isShareableByEditors'
>(true);

export class FakeFolder extends DriveItem {
  protected readonly className = 'Folder';

  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this.call('getUrl').id}`;
  }
  private children(method: string, predicate: (r: DriveRecord) => boolean): string[] {
    const folder = this.call(method);
    return this.drive
      .records()
      .filter((r) => !r.trashed && r.parents.includes(folder.id) && predicate(r))
      .map((r) => r.id);
  }
  getFiles(): FakeFileIterator {
    return new FakeFileIterator(
      this.drive,
      this.children('getFiles', (r) => !isFolderRecord(r)),
    );
  }
  getFilesByName(name: string): FakeFileIterator {
    return new FakeFileIterator(
      this.drive,
      this.children('getFilesByName', (r) => !isFolderRecord(r) && r.name === String(name)),
    );
  }
  getFilesByType(mimeType: string): FakeFileIterator {
    return new FakeFileIterator(
      this.drive,
      this.children('getFilesByType', (r) => !isFolderRecord(r) && r.mimeType === String(mimeType)),
    );
  }
  getFolders(): FakeFolderIterator {
    return new FakeFolderIterator(this.drive, this.children('getFolders', isFolderRecord));
  }
  getFoldersByName(name: string): FakeFolderIterator {
    return new FakeFolderIterator(
      this.drive,
      this.children('getFoldersByName', (r) => isFolderRecord(r) && r.name === String(name)),
    );
  }
  createFolder(name: string): FakeFolder {
    const folder = this.call('createFolder');
    return new FakeFolder(this.drive, this.drive.newFolder(name, folder.id).id);
  }
  createFile(blobOrName: string | GoogleAppsScript.Base.BlobSource, content?: string, mimeType?: string): FakeFile {
    const folder = this.call('createFile');
    return new FakeFile(this.drive, this.drive.createFileIn(folder.id, blobOrName, content, mimeType).id);
  }
  addFile(child: GoogleAppsScript.Drive.File): FakeFolder {
    const folder = this.call('addFile');
    const record = this.drive.fileRecordOf(child);
    if (!record.parents.includes(folder.id)) record.parents.push(folder.id);
    return this;
  }
  removeFile(child: GoogleAppsScript.Drive.File): FakeFolder {
    const folder = this.call('removeFile');
    const record = this.drive.fileRecordOf(child);
    record.parents = record.parents.filter((p) => p !== folder.id);
    return this;
  }
  addFolder(child: GoogleAppsScript.Drive.Folder): FakeFolder {
    const folder = this.call('addFolder');
    const record = this.drive.folderRecordOf(child);
    if (!record.parents.includes(folder.id)) record.parents.push(folder.id);
    return this;
  }
  removeFolder(child: GoogleAppsScript.Drive.Folder): FakeFolder {
    const folder = this.call('removeFolder');
    const record = this.drive.folderRecordOf(child);
    record.parents = record.parents.filter((p) => p !== folder.id);
    return this;
  }
  setName(name: string): FakeFolder {
    this.doSetName(name);
    return this;
  }
  setDescription(description: string): FakeFolder {
    this.doSetDescription(description);
    return this;
  }
  setTrashed(trashed: boolean): FakeFolder {
    this.doSetTrashed(trashed);
    return this;
  }
  setStarred(starred: boolean): FakeFolder {
    this.doSetStarred(starred);
    return this;
  }
  setSharing(accessType: GoogleAppsScript.Drive.Access, permissionType: GoogleAppsScript.Drive.Permission): FakeFolder {
    this.doSetSharing(accessType, permissionType);
    return this;
  }
  addViewer(user: string | GoogleAppsScript.Base.User): FakeFolder {
    this.doAddPeople('addViewer', [user], 'viewers');
    return this;
  }
  addViewers(emailAddresses: string[]): FakeFolder {
    this.doAddPeople('addViewers', [...emailAddresses], 'viewers');
    return this;
  }
  addEditor(user: string | GoogleAppsScript.Base.User): FakeFolder {
    this.doAddPeople('addEditor', [user], 'editors');
    return this;
  }
  addEditors(emailAddresses: string[]): FakeFolder {
    this.doAddPeople('addEditors', [...emailAddresses], 'editors');
    return this;
  }
  removeViewer(user: string | GoogleAppsScript.Base.User): FakeFolder {
    this.doRemovePerson('removeViewer', user, 'viewers');
    return this;
  }
  removeEditor(user: string | GoogleAppsScript.Base.User): FakeFolder {
    this.doRemovePerson('removeEditor', user, 'editors');
    return this;
  }
  revokePermissions(user: string | GoogleAppsScript.Base.User): FakeFolder {
    this.doRevoke(user);
    return this;
  }
  moveTo(destination: GoogleAppsScript.Drive.Folder): FakeFolder {
    this.doMoveTo(destination);
    return this;
  }
}
conforms<
  GoogleAppsScript.Drive.Folder,
  FakeFolder,
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getUrl'
  | 'getFiles'
  | 'getFilesByName'
  | 'getFilesByType'
  | 'getFolders'
  | 'getFoldersByName'
  | 'createFolder'
  | 'createFile'
  | 'addFile'
  | 'removeFile'
  | 'addFolder'
  | 'removeFolder'
  | 'setTrashed'
  | 'isTrashed'
  | 'getParents'
  | 'moveTo'
  | 'setSharing'
  | 'getSharingAccess'
  | 'getSharingPermission'
  | 'addViewer'
  | 'addViewers'
  | 'removeViewer'
  | 'getViewers'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'getEditors'
  | 'getOwner'
  | 'getDateCreated'
  | 'getLastUpdated'
  | 'getDescription'
  | 'setDescription'
  | 'isStarred'
  | 'setStarred'
  | 'getSize'
  | 'getAccess'
  | 'revokePermissions'
  | 'isShareableByEditors'
>(true);

/** The DriveApp global. */
export class FakeDriveApp {
  readonly Access = Access;
  readonly Permission = Permission;
  constructor(private readonly drive: DriveService) {}
  private call(method: string): void {
    this.drive.rt.call('DriveApp', `DriveApp.${method}`);
  }
  private all(predicate: (r: DriveRecord) => boolean): string[] {
    return this.drive
      .records()
      .filter((r) => !r.trashed && r.id !== this.drive.rootId && predicate(r))
      .map((r) => r.id);
  }
  getRootFolder(): FakeFolder {
    this.call('getRootFolder');
    return new FakeFolder(this.drive, this.drive.rootId);
  }
  getFileById(id: string): FakeFile {
    this.call('getFileById');
    return new FakeFile(this.drive, this.drive.lookup(id, 'file').id);
  }
  getFolderById(id: string): FakeFolder {
    this.call('getFolderById');
    return new FakeFolder(this.drive, this.drive.lookup(id, 'folder').id);
  }
  createFolder(name: string): FakeFolder {
    this.call('createFolder');
    return new FakeFolder(this.drive, this.drive.newFolder(name, this.drive.rootId).id);
  }
  createFile(blobOrName: string | GoogleAppsScript.Base.BlobSource, content?: string, mimeType?: string): FakeFile {
    this.call('createFile');
    return new FakeFile(this.drive, this.drive.createFileIn(this.drive.rootId, blobOrName, content, mimeType).id);
  }
  getFiles(): FakeFileIterator {
    this.call('getFiles');
    return new FakeFileIterator(
      this.drive,
      this.all((r) => !isFolderRecord(r)),
    );
  }
  getFilesByName(name: string): FakeFileIterator {
    this.call('getFilesByName');
    return new FakeFileIterator(
      this.drive,
      this.all((r) => !isFolderRecord(r) && r.name === String(name)),
    );
  }
  getFilesByType(mimeType: string): FakeFileIterator {
    this.call('getFilesByType');
    return new FakeFileIterator(
      this.drive,
      this.all((r) => !isFolderRecord(r) && r.mimeType === String(mimeType)),
    );
  }
  getFolders(): FakeFolderIterator {
    this.call('getFolders');
    return new FakeFolderIterator(this.drive, this.all(isFolderRecord));
  }
  getFoldersByName(name: string): FakeFolderIterator {
    this.call('getFoldersByName');
    return new FakeFolderIterator(
      this.drive,
      this.all((r) => isFolderRecord(r) && r.name === String(name)),
    );
  }
  getTrashedFiles(): FakeFileIterator {
    this.call('getTrashedFiles');
    return new FakeFileIterator(
      this.drive,
      this.drive
        .records()
        .filter((r) => r.trashed && !isFolderRecord(r))
        .map((r) => r.id),
    );
  }
  getTrashedFolders(): FakeFolderIterator {
    this.call('getTrashedFolders');
    return new FakeFolderIterator(
      this.drive,
      this.drive
        .records()
        .filter((r) => r.trashed && isFolderRecord(r))
        .map((r) => r.id),
    );
  }
  continueFileIterator(continuationToken: string): FakeFileIterator {
    this.call('continueFileIterator');
    const token = parseToken(continuationToken, 'FileIterator');
    return new FakeFileIterator(this.drive, token.ids, token.i);
  }
  continueFolderIterator(continuationToken: string): FakeFolderIterator {
    this.call('continueFolderIterator');
    const token = parseToken(continuationToken, 'FolderIterator');
    return new FakeFolderIterator(this.drive, token.ids, token.i);
  }
  addFile(child: GoogleAppsScript.Drive.File): FakeFolder {
    this.call('addFile');
    const record = this.drive.fileRecordOf(child);
    if (!record.parents.includes(this.drive.rootId)) record.parents.push(this.drive.rootId);
    return new FakeFolder(this.drive, this.drive.rootId);
  }
  removeFile(child: GoogleAppsScript.Drive.File): FakeFolder {
    this.call('removeFile');
    const record = this.drive.fileRecordOf(child);
    record.parents = record.parents.filter((p) => p !== this.drive.rootId);
    return new FakeFolder(this.drive, this.drive.rootId);
  }
  getStorageUsed(): number {
    this.call('getStorageUsed');
    return this.drive.records().reduce((sum, r) => sum + r.bytes.length, 0);
  }
  getStorageLimit(): number {
    this.call('getStorageLimit');
    return 15 * 1024 * 1024 * 1024;
  }
}
conforms<
  GoogleAppsScript.Drive.DriveApp,
  FakeDriveApp,
  | 'getRootFolder'
  | 'getFileById'
  | 'getFolderById'
  | 'createFolder'
  | 'createFile'
  | 'getFiles'
  | 'getFilesByName'
  | 'getFilesByType'
  | 'getFolders'
  | 'getFoldersByName'
  | 'getTrashedFiles'
  | 'getTrashedFolders'
  | 'continueFileIterator'
  | 'continueFolderIterator'
  | 'addFile'
  | 'removeFile'
  | 'getStorageUsed'
  | 'getStorageLimit'
>(true);

function parseToken(token: string, kind: string): { ids: string[]; i: number } {
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { k: string; ids: string[]; i: number };
    if (parsed.k === kind && Array.isArray(parsed.ids)) return { ids: parsed.ids, i: parsed.i };
  } catch {
    // fall through
  }
  throw driveError('Invalid argument: continuationToken');
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class DriveService {
  private store = new Map<string, DriveRecord>();
  private counter = 0;
  private refused = new Map<string, string>();
  /** Addresses with no Google account (withoutGoogleAccount), lower-cased. */
  private noAccount = new Set<string>();
  /** Google's sharing e-mails to addresses with no Google account: invitations to make one. */
  private invited: Array<{ fileId: string; email: string; atMs: number }> = [];
  private readonly natives = new Map<string, NativeHandler>();
  rootId = '';

  constructor(readonly rt: Runtime) {
    rt.registerState('drive', this);
    this.reset();
  }

  private reset(): void {
    this.store.clear();
    this.counter = 0;
    this.refused.clear();
    this.noAccount.clear();
    this.invited = [];
    this.rootId = this.newId('0A', 19);
    this.store.set(this.rootId, this.blankRecord(this.rootId, 'My Drive', FOLDER_MIME, []));
  }

  globals(): Record<string, unknown> {
    return { DriveApp: new FakeDriveApp(this), Drive: new FakeDriveAdvanced(this) };
  }

  // --- internals shared with the fakes and DocumentService -------------------------------------

  /** A Drive-looking id, deterministic per store: "1" + 32 chars for files, 44 chars for Google Docs. */
  newId(prefix = '1', length = 33): string {
    this.counter += 1;
    const digest = createHash('sha256').update(`carnet-drive:${this.counter}`).digest();
    let id = prefix;
    for (let i = 0; id.length < length; i++) id += ID_ALPHABET[digest[i % digest.length] % 64];
    return id;
  }

  private blankRecord(id: string, name: string, mimeType: string, parents: string[]): DriveRecord {
    const now = this.rt.clock.now();
    return {
      id,
      name,
      mimeType,
      parents,
      trashed: false,
      bytes: new Uint8Array(0),
      description: null,
      starred: false,
      createdMs: now,
      updatedMs: now,
      owner: this.rt.ownerEmail,
      access: 'PRIVATE',
      permission: 'NONE',
      viewers: [],
      editors: [],
    };
  }

  newRecord(init: { name: string; mimeType: string; parents: string[]; bytes?: Uint8Array; description?: string | null; id?: string }): DriveRecord {
    const id = init.id ?? (init.mimeType.startsWith('application/vnd.google-apps.') && init.mimeType !== FOLDER_MIME ? this.newId('1', 44) : this.newId());
    const record = this.blankRecord(id, String(init.name), init.mimeType, [...init.parents]);
    record.bytes = init.bytes ?? new Uint8Array(0);
    record.description = init.description ?? null;
    this.store.set(id, record);
    return record;
  }

  newFolder(name: string, parentId: string): DriveRecord {
    return this.newRecord({ name: String(name), mimeType: FOLDER_MIME, parents: [parentId] });
  }

  record(id: string): DriveRecord | undefined {
    return this.store.get(id);
  }

  records(): DriveRecord[] {
    return [...this.store.values()];
  }

  /** getFileById / getFolderById: unknown, deleted or wrong-kind id → the real "No item…" error. */
  lookup(id: unknown, kind: 'file' | 'folder'): DriveRecord {
    if (id === null || id === undefined || String(id).trim() === '') throw driveError('Invalid argument: id');
    const record = this.store.get(String(id));
    if (!record || isFolderRecord(record) !== (kind === 'folder')) throw driveError(NOT_FOUND);
    return record;
  }

  fileRecordOf(file: unknown): DriveRecord {
    if (!(file instanceof FakeFile)) throw driveError('Invalid argument: child');
    return this.lookup(file.getId(), 'file');
  }

  folderRecordOf(folder: unknown): DriveRecord {
    if (!(folder instanceof FakeFolder)) throw driveError('Invalid argument: destination');
    // Read directly: Drive's own use of the folder it was handed is not a call the script makes.
    return this.lookup((folder as unknown as { id: string }).id, 'folder');
  }

  /** createFile(blob) or createFile(name, content[, mimeType]) in a folder. */
  createFileIn(parentId: string, blobOrName: unknown, content?: unknown, mimeType?: unknown): DriveRecord {
    if (typeof blobOrName === 'string') {
      if (content === undefined) throw driveError(`The parameters (String) don't match the method signature for DriveApp.createFile.`);
      const type = mimeType === undefined || mimeType === null ? 'text/plain' : String(mimeType);
      if (type.startsWith('application/vnd.google-apps.')) {
        throw new Error(`Emulator: createFile cannot make a ${type} file; use DocumentApp.create`);
      }
      return this.newRecord({ name: blobOrName, mimeType: type, parents: [parentId], bytes: toUint8(String(content)) });
    }
    if (!blobOrName || typeof (blobOrName as { getBlob?: unknown }).getBlob !== 'function') throw driveError('Invalid argument: blob');
    const blob = (blobOrName as { getBlob(): unknown }).getBlob();
    let bytes: Uint8Array;
    let name: string | null;
    let type: string | null;
    if (blob instanceof EmulatedBlob) {
      bytes = blob.rawBytes();
      name = blob.getName();
      type = blob.getContentType();
    } else {
      const b = blob as { getBytes(): number[]; getName(): string | null; getContentType(): string | null };
      bytes = toUint8(b.getBytes());
      name = b.getName();
      type = b.getContentType();
    }
    return this.newRecord({ name: name ?? 'Untitled', mimeType: type ?? 'application/octet-stream', parents: [parentId], bytes });
  }

  /** A Google-native file (Docs) whose content another service keeps. */
  createNative(name: string, mimeType: string, parentId = this.rootId): DriveRecord {
    return this.newRecord({ name, mimeType, parents: [parentId] });
  }

  registerNative(mimeType: string, handler: NativeHandler): void {
    this.natives.set(mimeType, handler);
  }

  nativeHandler(mimeType: string): NativeHandler | undefined {
    return this.natives.get(mimeType);
  }

  /** Marks a file as modified now (DocumentService calls it on every edit). */
  touch(id: string): void {
    const record = this.store.get(id);
    if (record) record.updatedMs = this.rt.clock.now();
  }

  /** addViewer(s)/addEditor(s): every address is checked before any is added; DriveApp notifies them all (an address with no Google account gets an invitation). */
  addPeople(record: DriveRecord, people: unknown[], role: 'viewers' | 'editors', notify = true): void {
    const emails = people.map(emailOf);
    for (const email of emails) this.checkShareable(email);
    for (const email of emails.map((e) => e.toLowerCase())) {
      if (email === record.owner.toLowerCase()) continue;
      if (notify && this.noAccount.has(email) && !record.viewers.includes(email) && !record.editors.includes(email))
        this.invited.push({ fileId: record.id, email, atMs: this.rt.clock.now() });
      if (role === 'editors') {
        record.viewers = record.viewers.filter((v) => v !== email);
        if (!record.editors.includes(email)) record.editors.push(email);
      } else if (!record.editors.includes(email) && !record.viewers.includes(email)) {
        record.viewers.push(email);
      }
    }
  }

  /** removeViewer has no effect on an editor, removeEditor none on a viewer (reference pages). */
  removePerson(record: DriveRecord, person: unknown, role: 'viewers' | 'editors'): void {
    const email = emailOf(person).toLowerCase();
    record[role] = record[role].filter((e) => e !== email);
  }

  /** Throws the real errors for an address Drive refuses to share with. */
  checkShareable(email: string): void {
    if (!EMAIL.test(email)) throw driveError(`Invalid email: ${email}`);
    const refusal = this.refused.get(email.toLowerCase());
    if (refusal !== undefined) throw driveError(refusal);
  }

  /** The converter that lets a Doc's PDF blob be converted back only to PDF (Drive has no other export here). */
  private readonly converter: BlobConverter = () => null;

  /** The content of a file as a blob; a Google Doc as its PDF export ("<name>.pdf", application/pdf). */
  blobOf(id: string): EmulatedBlob {
    const record = this.store.get(id);
    if (!record) throw driveError(NOT_FOUND);
    if (record.mimeType === FOLDER_MIME) throw driveError(`Converting from ${FOLDER_MIME} to application/pdf is not supported.`);
    const handler = this.natives.get(record.mimeType);
    if (handler) return new EmulatedBlob(this.rt, handler.exportPdf(id), 'application/pdf', `${record.name}.pdf`, this.converter);
    if (record.mimeType.startsWith('application/vnd.google-apps.')) {
      throw driveError(`Converting from ${record.mimeType} to application/pdf is not supported.`);
    }
    return new EmulatedBlob(this.rt, record.bytes, record.mimeType, record.name, this.converter);
  }

  // --- test API --------------------------------------------------------------------------------

  private info(record: DriveRecord): DriveFileInfo {
    const handler = this.natives.get(record.mimeType);
    return {
      id: record.id,
      name: record.name,
      mimeType: record.mimeType,
      parents: [...record.parents],
      trashed: record.trashed,
      size: handler ? 0 : record.bytes.length,
      owner: record.owner,
      viewers: [...record.viewers],
      editors: [...record.editors],
      sharing: { access: record.access, permission: record.permission },
    };
  }

  /** Every file and folder but the root, in creation order. */
  files(): DriveFileInfo[] {
    return this.records()
      .filter((r) => r.id !== this.rootId)
      .map((r) => this.info(r));
  }

  file(id: string): DriveFileInfo | undefined {
    const record = this.store.get(id);
    return record ? this.info(record) : undefined;
  }

  /** The first file or folder with that name (not trashed ones first). */
  fileByName(name: string): DriveFileInfo | undefined {
    const matches = this.records().filter((r) => r.id !== this.rootId && r.name === name);
    const record = matches.find((r) => !r.trashed) ?? matches[0];
    return record ? this.info(record) : undefined;
  }

  /** The bytes of a file (a Google Doc: its PDF export). */
  bytes(id: string): Uint8Array {
    return this.blobOf(id).rawBytes();
  }

  seedFile(name: string, content: string | Uint8Array, mimeType = 'application/octet-stream', folderId = this.rootId): string {
    return this.newRecord({ name, mimeType, parents: [folderId], bytes: toUint8(content) }).id;
  }

  seedFolder(name: string, parentId = this.rootId): string {
    return this.newFolder(name, parentId).id;
  }

  /** Deletes an item for good (emptied trash): its id stops resolving. */
  purge(id: string): void {
    this.store.delete(id);
  }

  /** Whether this address has a Google account (every address has one unless named by withoutGoogleAccount). */
  hasGoogleAccount(email: string): boolean {
    return !this.noAccount.has(email.toLowerCase());
  }

  /** `email` has no Google account: Drive can only invite it (see the header). */
  withoutGoogleAccount(email: string): void {
    this.noAccount.add(email.toLowerCase());
  }

  /** The person makes a Google account with this address (e.g. after Google's invitation): what was shared with it opens. */
  createGoogleAccount(email: string): void {
    this.noAccount.delete(email.toLowerCase());
  }

  /** Google's invitations sent so far (to addresses with no Google account), oldest first. */
  invitations(): Array<{ fileId: string; email: string }> {
    return this.invited.map(({ fileId, email }) => ({ fileId, email }));
  }

  /** Whether this person can actually open the item now: owner, or shared with (or anyone with the link) and signed in with a Google account at this address. */
  canOpen(id: string, email: string): boolean {
    const record = this.store.get(id);
    const who = email.toLowerCase();
    if (!record || record.trashed) return false;
    if (who === record.owner.toLowerCase()) return true;
    if (!this.hasGoogleAccount(who)) return false;
    return record.viewers.includes(who) || record.editors.includes(who) || record.access === 'ANYONE' || record.access === 'ANYONE_WITH_LINK';
  }

  /** Makes Drive refuse to share with `email` (an address it cannot share with). */
  refuseViewer(email: string, message = DEFAULT_REFUSAL): void {
    this.refused.set(email.toLowerCase(), message);
  }

  save(): unknown {
    return {
      rootId: this.rootId,
      counter: this.counter,
      records: this.records(),
      refused: [...this.refused.entries()],
      noAccount: [...this.noAccount],
      invited: this.invited,
    };
  }

  load(data: unknown): void {
    const state = data as {
      rootId: string;
      counter: number;
      records: DriveRecord[];
      refused: Array<[string, string]>;
      noAccount?: string[];
      invited?: Array<{ fileId: string; email: string; atMs: number }>;
    } | null;
    if (!state) return this.reset();
    this.store = new Map(state.records.map((r) => [r.id, { ...r, bytes: new Uint8Array(r.bytes) }]));
    this.counter = state.counter;
    this.rootId = state.rootId;
    this.refused = new Map(state.refused);
    this.noAccount = new Set(state.noAccount ?? []);
    this.invited = state.invited ?? [];
  }
}

/**
 * The Drive advanced service (Drive API v3 as Apps Script exposes it), as far as Carnet uses it:
 * Files.list / get / copy / create (driveFiles.ts), and Permissions.create(resource, fileId, optionalArgs) (developers.google.com/drive/api/reference/rest/v3/permissions/create):
 * `sendNotificationEmail` defaults to true; false shares silently, which Drive only does for a Google
 * account (see the header). Errors as Apps Script throws them: "API call to drive.permissions.create
 * failed with error: <the API's message>".
 */
export class FakeDriveAdvanced {
  readonly Permissions: { create: (resource: unknown, fileId: unknown, optionalArgs?: unknown) => Record<string, unknown> };
  readonly Files: FakeDriveFiles;

  constructor(private readonly drive: DriveService) {
    this.Files = new FakeDriveFiles(drive);
    this.Permissions = { create: (resource, fileId, optionalArgs) => this.createPermission(resource, fileId, optionalArgs) };
  }

  private createPermission(resource: unknown, fileId: unknown, optionalArgs: unknown): Record<string, unknown> {
    this.drive.rt.call('Drive', 'Permissions.create');
    const fail = (message: string): Error => {
      const error = new Error(`API call to drive.permissions.create failed with error: ${message}`);
      error.name = 'GoogleJsonResponseException';
      return error;
    };
    const r = (resource && typeof resource === 'object' ? resource : {}) as Record<string, unknown>;
    const args = (optionalArgs && typeof optionalArgs === 'object' ? optionalArgs : {}) as Record<string, unknown>;
    const record = this.drive.record(String(fileId ?? ''));
    if (!record) throw fail(`File not found: ${String(fileId)}.`);
    if (!r.type) throw fail('The permission type field is required.');
    if (!r.role) throw fail('The permission role field is required.');
    if (r.type !== 'user' || (r.role !== 'reader' && r.role !== 'writer' && r.role !== 'commenter'))
      throw fail(`Emulator: permissions.create with type ${String(r.type)} and role ${String(r.role)} is not emulated.`);
    const email = String(r.emailAddress ?? '');
    try {
      this.drive.checkShareable(email);
    } catch (error) {
      throw fail((error as Error).message);
    }
    const notify = args.sendNotificationEmail !== false;
    if (!notify && !this.drive.hasGoogleAccount(email))
      throw fail(
        `You are trying to invite ${email}. Since there is no Google account associated with this email address, you must check the "Notify people" box to invite this recipient.`,
      );
    this.drive.addPeople(record, [email], r.role === 'writer' ? 'editors' : 'viewers', notify);
    return { kind: 'drive#permission', id: this.drive.newId('0', 20), type: 'user', emailAddress: email.toLowerCase(), role: r.role };
  }
}
