// Drive items Carnet opens by id (its folder, the invoice template, a product's file or folder).

/** The folder, or null when the id is empty, unknown, or in the trash. */
export function openFolder(id: string): GoogleAppsScript.Drive.Folder | null {
  if (!id) return null;
  try {
    const folder = DriveApp.getFolderById(id);
    return folder.isTrashed() ? null : folder;
  } catch {
    return null;
  }
}

/** The file, or null when the id is empty, unknown, or in the trash. */
export function openFile(id: string): GoogleAppsScript.Drive.File | null {
  if (!id) return null;
  try {
    const file = DriveApp.getFileById(id);
    return file.isTrashed() ? null : file;
  } catch {
    return null;
  }
}

export type DriveItem = GoogleAppsScript.Drive.File | GoogleAppsScript.Drive.Folder;

/** A file or a folder by id; null when it cannot be opened or is in the trash. */
export function openDriveItem(id: string): DriveItem | null {
  if (!id) return null;
  let item: DriveItem | null = null;
  try {
    const file = DriveApp.getFileById(id);
    item = file.getMimeType() === 'application/vnd.google-apps.folder' ? DriveApp.getFolderById(id) : file;
  } catch {
    try {
      item = DriveApp.getFolderById(id);
    } catch {
      return null;
    }
  }
  return item.isTrashed() ? null : item;
}

const READ_ACCESS = ['VIEW', 'COMMENT', 'EDIT', 'OWNER', 'ORGANIZER'];

/** Whether this address can open the item (shared with it, or owner). */
export function canRead(item: DriveItem, email: string): boolean {
  return READ_ACCESS.includes(String(item.getAccess(email)));
}

/**
 * Read access for `email` without Google's sharing e-mail (Carnet's own e-mail tells the client), through
 * the Drive API (permissions.create, sendNotificationEmail=false). Drive does that only for an address
 * that is a Google account; for any other it refuses ("… no Google account associated with this email
 * address …"), and then only an invitation can share with it. Null when shared; else Drive's refusal;
 * undefined when the Drive advanced service is not enabled (an older manifest).
 */
export function shareSilently(fileId: string, email: string): string | null | undefined {
  if (typeof Drive === 'undefined' || !Drive?.Permissions) return undefined;
  try {
    Drive.Permissions.create({ role: 'reader', type: 'user', emailAddress: email }, fileId, { sendNotificationEmail: false, supportsAllDrives: true });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The file by id, trashed or not; throws when Drive cannot open it (unknown, or its trash emptied). */
export function fileById(id: string): GoogleAppsScript.Drive.File {
  return DriveApp.getFileById(id);
}

/** A new folder at the root of My Drive. */
export function createRootFolder(name: string): GoogleAppsScript.Drive.Folder {
  return DriveApp.createFolder(name);
}
