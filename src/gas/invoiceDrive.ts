// Where an invoice's files go in Drive, and what must hold before one is made, in one Drive API search:
// Factures/<year> (remembered by id, with Factures and the template's place), whether the invoice's PDF
// (and e-invoice) already exist there, and whether the template is in the trash. Each check rides on
// that one files.list:
// - the year folder is asked for among the folders of its remembered Factures folder (renamed, it is
//   still it): it comes back with `trashed`, true when it or a folder above it is in the trash; absent
//   or trashed, the folders are found (or made) again from Carnet's folder, whose loss gives the admin
//   folderMissing;
// - the PDF by its name in that folder, not trashed: one PDF per invoice, even when a run died between
//   making it and writing its row; and the filled copy of the template a run killed midway left there
//   (then trashed, one call);
// - the template by its remembered name in its remembered folder, so that a trashed template gives the
//   admin templateMissing; when it is not found there (renamed, moved, deleted) one files.get tells.
import { PROPERTY, readProperty, writeProperty } from './scriptProperties';
import { openFolder } from './drive';
import type { Messages } from '../i18n/messages';

export class TemplateError extends Error {}

const FOLDER = 'application/vnd.google-apps.folder';
const GOOGLE_DOC = 'application/vnd.google-apps.document';

interface Remembered {
  root?: string;
  factures?: string;
  years?: Record<string, string>;
  template?: { id: string; name: string; parent: string };
}

/** What the search found. */
export interface InvoicePlace {
  folderId: string;
  /** The id of the invoice's PDF already in the folder, if any. */
  pdf: string | null;
  /** Whether the e-invoice (XML) is already in the folder. */
  xml: boolean;
  /** Copies of the template for this document that a killed run left in the folder (not in the trash). */
  leftovers: string[];
}

type DriveFile = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;

function files(): GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection {
  if (typeof Drive === 'undefined' || !Drive?.Files) throw new Error('The Drive advanced service (v3) is not enabled (appsscript.json).');
  return Drive.Files;
}

/** A string in a Drive search query: apostrophes and backslashes escaped (guides/ref-search-terms). */
const quoted = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function remembered(rootId: string): Remembered {
  try {
    const known = JSON.parse(readProperty(PROPERTY.invoiceFolders) ?? '{}') as Remembered;
    // Another Carnet folder: its folders are not these.
    return known.root === rootId ? known : { template: known.template };
  } catch {
    return {};
  }
}

function childFolder(parent: GoogleAppsScript.Drive.Folder, name: string): GoogleAppsScript.Drive.Folder {
  const found = parent.getFoldersByName(name);
  return found.hasNext() ? found.next() : parent.createFolder(name);
}

/** Factures/<year> under Carnet's folder, found by name or made (only when the remembered one is gone). */
function findFolders(rootId: string, year: string, known: Remembered, text: Messages): Remembered {
  const root = openFolder(rootId);
  if (!root) throw new TemplateError(text.folderMissing);
  const factures = childFolder(root, 'Factures');
  const facturesId = factures.getId();
  const years = known.factures === facturesId ? { ...known.years } : {};
  years[year] = childFolder(factures, year).getId();
  return { ...known, root: rootId, factures: facturesId, years };
}

/** The template's name and folder, or templateMissing when it is deleted or in the trash. */
function templatePlace(templateId: string, text: Messages): Remembered['template'] {
  let file: DriveFile;
  try {
    file = files().get(templateId, { fields: 'id,name,parents,trashed', supportsAllDrives: true });
  } catch (error) {
    // Deleted, or never shared with this account: Drive says 404. Anything else (a quota) is no fault of the template.
    if (String((error as Error).message).includes('File not found')) throw new TemplateError(text.templateMissing);
    throw error;
  }
  if (file.trashed) throw new TemplateError(text.templateMissing);
  return { id: templateId, name: String(file.name), parent: file.parents?.[0] ?? '' };
}

/** Every page of one files.list search. */
function search(q: string): DriveFile[] {
  const found: DriveFile[] = [];
  let pageToken: string | undefined;
  do {
    const page = files().list({
      q,
      fields: 'nextPageToken,files(id,name,mimeType,parents,trashed)',
      pageSize: 100,
      supportsAllDrives: true,
      includeItemsFromAllDrives: true,
      ...(pageToken ? { pageToken } : {}),
    });
    found.push(...(page.files ?? []));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return found;
}

/**
 * The year's folder for this document, with its PDF if one was already made, whether its e-invoice
 * (`names.xml`, business clients) is there, and the filled copies a killed run left. Throws
 * TemplateError (folderMissing, templateMissing) for what the admin must fix.
 */
export function invoicePlace(
  rootId: string,
  year: string,
  templateId: string,
  names: { pdf: string; copy: string; xml: string | null },
  text: Messages,
): InvoicePlace {
  let known = remembered(rootId);
  const before = JSON.stringify(known);
  let foldersChecked = false;
  if (!known.factures || !known.years?.[year]) {
    known = findFolders(rootId, year, known, text);
    foldersChecked = true;
  }
  let templateChecked = false;
  if (known.template?.id !== templateId) {
    known.template = templatePlace(templateId, text);
    templateChecked = true;
  }

  const look = (): { folderOk: boolean; pdf: string | null; xml: boolean; leftovers: string[]; template: DriveFile | undefined } => {
    const yearId = (known.years as Record<string, string>)[year];
    const template = known.template as NonNullable<Remembered['template']>;
    const wanted = [names.pdf, names.copy, ...(names.xml ? [names.xml] : [])].map((n) => `name = ${quoted(n)}`).join(' or ');
    const terms = [
      `(${quoted(yearId)} in parents and (${wanted}))`,
      // Every folder in Factures (one a year), not only the one named so: a year folder the admin renamed is still it.
      `(${quoted(known.factures as string)} in parents and mimeType = '${FOLDER}')`,
      ...(template.parent ? [`(${quoted(template.parent)} in parents and name = ${quoted(template.name)})`] : []),
    ];
    let found: DriveFile[];
    try {
      found = search(terms.join(' or '));
    } catch (error) {
      // Should Drive refuse a search naming a folder that no longer exists, nothing found is taken for granted.
      if (!/File not found/.test(String((error as Error).message))) throw error;
      found = [];
    }
    const inFolder = (name: string) => found.filter((f) => f.name === name && !f.trashed && f.mimeType !== FOLDER && f.parents?.includes(yearId));
    const folder = found.find((f) => f.id === yearId);
    return {
      folderOk: !!folder && !folder.trashed,
      pdf: inFolder(names.pdf).find((f) => f.mimeType !== GOOGLE_DOC)?.id ?? null,
      xml: !!names.xml && inFolder(names.xml).length > 0,
      leftovers: inFolder(names.copy)
        .filter((f) => f.mimeType === GOOGLE_DOC)
        .map((f) => String(f.id)),
      template: found.find((f) => f.id === templateId),
    };
  };

  let seen = look();
  if (!seen.folderOk && !foldersChecked) {
    // The year's folder (or one above it) was trashed or deleted: found or made again, then searched.
    known = findFolders(rootId, year, known, text);
    seen = look();
  }
  if (!seen.pdf) {
    if (seen.template?.trashed) throw new TemplateError(text.templateMissing);
    if (!seen.template && !templateChecked) known.template = templatePlace(templateId, text);
  }
  if (JSON.stringify(known) !== before) writeProperty(PROPERTY.invoiceFolders, JSON.stringify(known));
  return { folderId: (known.years as Record<string, string>)[year], pdf: seen.pdf, xml: seen.xml, leftovers: seen.leftovers };
}

/** A copy of the template in the folder, named `name`; templateMissing when Drive cannot find it. */
export function copyTemplate(templateId: string, name: string, folderId: string, text: Messages): string {
  let copy: DriveFile;
  try {
    copy = files().copy({ name, parents: [folderId] }, templateId, { fields: 'id', supportsAllDrives: true });
  } catch (error) {
    if (String((error as Error).message).includes(`File not found: ${templateId}`)) throw new TemplateError(text.templateMissing);
    throw error;
  }
  return String(copy.id);
}

/** Moves a file to the trash (the Drive API's files.update with trashed: true). */
export function trashFile(fileId: string): void {
  // No new content: null where the media goes, so that the options can follow.
  files().update({ trashed: true }, fileId, null as unknown as GoogleAppsScript.Base.Blob, { fields: 'id', supportsAllDrives: true });
}

/** Saves a blob (the PDF, the e-invoice) in the folder under its own name; returns the new file's id. */
export function saveInFolder(folderId: string, blob: GoogleAppsScript.Base.Blob): string {
  const file = files().create(
    { name: blob.getName() ?? 'Untitled', parents: [folderId], mimeType: blob.getContentType() ?? 'application/octet-stream' },
    blob,
    {
      fields: 'id',
      supportsAllDrives: true,
    },
  );
  return String(file.id);
}
