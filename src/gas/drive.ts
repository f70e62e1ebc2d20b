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
