// The Apps Script side of delivery: download tokens (HMAC of the purchase with a secret kept in Script
// Properties; the sheet keeps only their SHA-256), Drive sharing for trainings, and the two plan steps
// that delivery adds (see domain/plan.ts).
import type { Step } from '../domain/plan';
import { hexOf, webSafe } from '../domain/delivery';
import { errorText } from '../domain/problem';
import { isDate } from '../domain/values';
import { deliveryText } from '../i18n/deliveryText';
import type { Workbook } from './workbook';
import type { Record_ } from './table';
import { journal } from './journal';
import { canRead, openDriveItem, shareSilently } from './drive';
import { now } from './clock';
import { PROPERTY, readProperty, writeProperty } from './scriptProperties';

type DeliveryStep = Extract<Step, { kind: 'grantViewer' | 'revokeAccess' }>;

/** The Drive side of a plan (its download rows are `append` steps, keyed by the token's hash). */
export function applyDeliveryStep(book: Workbook, step: DeliveryStep): void {
  if (step.kind === 'revokeAccess') {
    if (step.restoreSince) restoreAccess(book, step.session, step.email, step.files, step.restoreSince);
    else revokeAccess(book, step.session, step.email, step.files);
    return;
  }
  grantViewer(book, step.fileId, step.email, step.product);
}

/** Revokes the purchase's download rows (a replay changes nothing) and removes the client's read access to its training files. */
function revokeAccess(book: Workbook, session: string, email: string, files: ReadonlyArray<{ fileId: string; product: string }>): void {
  revokeDownloadRows(book, book.table('downloads').findRows('Session Stripe', session));
  for (const { fileId, product } of files) {
    const item = openDriveItem(fileId);
    if (!item) continue;
    try {
      if (canRead(item, email)) item.removeViewer(email);
    } catch (error) {
      journal(book, 'warning', book.text.accessDriveRefused(email, product, errorText(error)));
    }
  }
}

/**
 * Stamps `Révoqué` on the rows not revoked yet: one read and at most one write of the column over the rows'
 * span (a purchase's rows are appended together), whatever their number. The cells between keep their value.
 */
function revokeDownloadRows(book: Workbook, rows: readonly number[]): void {
  if (!rows.length) return;
  const sheet = book.spreadsheet.getSheetByName(book.table('downloads').name);
  if (!sheet) return;
  const first = Math.min(...rows);
  const range = sheet.getRange(first, book.table('downloads').column('Révoqué'), Math.max(...rows) - first + 1, 1);
  const cells = range.getValues();
  const at = now();
  let changed = false;
  for (const row of rows) {
    if (String(cells[row - first][0] ?? '').trim()) continue;
    cells[row - first][0] = at;
    changed = true;
  }
  if (changed) range.setValues(cells);
}

/**
 * A full refund that failed: the purchase's download rows revoked since `since` (by that refund; a link
 * the admin revoked before stays revoked) are valid again, and the client can read its training files again.
 */
function restoreAccess(book: Workbook, session: string, email: string, files: ReadonlyArray<{ fileId: string; product: string }>, since: Date): void {
  const downloads = book.table('downloads');
  for (const row of downloads.findRows('Session Stripe', session)) {
    const revoked = downloads.read(row)['Révoqué'];
    if (isDate(revoked) && (revoked as Date).getTime() >= since.getTime()) downloads.update(row, { Révoqué: '' } as Partial<Record_<'downloads'>>);
  }
  for (const { fileId, product } of files) grantViewer(book, fileId, email, product);
}

/**
 * Read access for the client; Drive refusing the address (or the file gone) is a note for the admin, never an error.
 * A Google account gets access silently; an address that is none gets Google's invitation (the only way Drive
 * shares with it: the client must make a Google account with that address, which the e-mail explains), and the
 * admin one Journal line (a replay finds the permission and says nothing again).
 */
function grantViewer(book: Workbook, fileId: string, email: string, product: string): void {
  const text = deliveryText(book.settings.locale);
  const item = openDriveItem(fileId);
  if (!item) {
    journal(book, 'warning', text.viewerFileMissing(product, email));
    return;
  }
  try {
    // Asking first saves the calls on a replay.
    if (canRead(item, email)) return;
    const refusal = shareSilently(fileId, email);
    if (refusal === null) return;
    item.addViewer(email);
    if (refusal !== undefined) journal(book, 'warning', text.viewerInvited(email, product, refusal));
  } catch (error) {
    journal(book, 'warning', text.viewerRefused(email, product, errorText(error)));
  }
}

/** The secret that download tokens are derived from; `create` makes it (256 bits) when absent. */
export function downloadSecret(create: boolean): string | null {
  const secret = readProperty(PROPERTY.downloadSecret);
  if (secret || !create) return secret;
  const made = newSecret();
  writeProperty(PROPERTY.downloadSecret, made);
  return made;
}

/** 256 bits: SHA-256 of three random UUIDs (3 × 122 random bits). */
function newSecret(): string {
  const seed = Utilities.getUuid() + Utilities.getUuid() + Utilities.getUuid();
  return Utilities.base64Encode(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, seed, Utilities.Charset.UTF_8));
}

/**
 * The download token of one line of a purchase: HMAC-SHA256(secret, session + ':' + line), 256 bits.
 * Deterministic, so the e-mail can be made again after a crash (or resent) without storing the token.
 */
export function downloadToken(secret: string, session: string, line: number): string {
  const mac = Utilities.computeHmacSha256Signature(`${session}:${line}`, secret, Utilities.Charset.UTF_8);
  return webSafe(Utilities.base64Encode(mac));
}

/** What the sheet keeps of a token. */
export function tokenHash(token: string): string {
  return hexOf(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, token, Utilities.Charset.UTF_8));
}
