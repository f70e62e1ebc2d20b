// Digests through Utilities, as text. Apps Script's digests are Java's signed bytes.
import { hexOf } from '../domain/delivery';

export function md5Hex(text: string): string {
  return hexOf(Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, text));
}

export function md5WebSafe(text: string): string {
  return Utilities.base64EncodeWebSafe(Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, text));
}
