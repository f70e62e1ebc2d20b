// Bytes Carnet makes or hands on (Utilities): CSV exports, a file sent to the browser as base64.

export function textBlob(text: string, contentType: string, name: string): GoogleAppsScript.Base.Blob {
  return Utilities.newBlob(text, contentType, name);
}

export function base64(bytes: GoogleAppsScript.Byte[]): string {
  return Utilities.base64Encode(bytes);
}
