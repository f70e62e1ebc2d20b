// Personal ebook links: `…/exec?d=<token>` gives the file to whoever holds a valid token, counts the
// download under the script lock and keeps its date in `Téléchargements` (evidence in a dispute).
// Any other token gets one polite page that says nothing about any purchase. The master file is
// never shared: its bytes go through the page.
//
// How the file reaches the browser. A web app can only answer with ContentService (text only: a
// TextOutput has no binary content, and its MIME types are text ones) or HtmlService. So the page
// carries the file as base64 and a small script turns it into a Blob and clicks an <a download>
// link named after the file. Apps Script's IFRAME sandbox lists `allow-downloads` among its keywords
// (developers.google.com/apps-script/guides/html/restrictions), which Chrome requires since version
// 83 for a sandboxed frame to start a download. The file is read with getBlob(), whose limit is 50 MB
// (larger files fail with "exceeds the maximum file size"); base64 adds a third, so files are capped
// at 25 MB (a page of ~33.4 MB). That HtmlService serves a page that large is not documented
// (unverified): a file over the cap gets the "unavailable" page and a journal line, never a count.
import { DOWNLOAD_MAX_BYTES, TOKEN_PATTERN, appendHistory, driveIdOf, downloadVerdict, parseRevokeTarget, readDownloadRecord } from '../../domain/delivery';
import { escapeHtml } from '../../domain/html';
import { findByCode } from '../../domain/catalogue';
import { ProblemError } from '../../domain/problem';
import { asText } from '../../domain/values';
import type { Locale } from '../../i18n/locale';
import { deliveryText, type DeliveryText } from '../../i18n/deliveryText';
import { Workbook } from '../../gas/workbook';
import { withScriptLock } from '../../gas/lock';
import { formatLocal, formatMoment, now } from '../../gas/clock';
import { journal } from '../../gas/journal';
import { tokenHash } from '../../gas/deliverySteps';
import { htmlPage, politePage } from '../../gas/pages';
import { openFile } from '../../gas/drive';
import { base64 } from '../../gas/blobs';

interface PageContext {
  business: string;
  locale: Locale;
  contact: string;
}

interface FileData {
  name: string;
  type: string;
  base64: string;
}

/** The answer to `?d=<token>`. */
export function downloadPage(raw: string, ctx: PageContext): GoogleAppsScript.HTML.HtmlOutput {
  const text = deliveryText(ctx.locale);
  const refused = () => politePage(ctx.business, text.pageInvalidTitle, withContact(text.pageInvalid, text, ctx), ctx.locale);
  // Only something shaped like a token is looked up; the page is the same whatever the reason.
  if (!TOKEN_PATTERN.test(raw)) return refused();
  const book = Workbook.active();
  const hash = tokenHash(raw);
  let downloads;
  try {
    downloads = book.table('downloads');
  } catch {
    return refused();
  }
  const row = downloads.findRow('Jeton (empreinte)', hash);
  if (!row) return refused();
  const first = downloads.read(row);
  if (asText(first['Jeton (empreinte)']) !== hash || downloadVerdict(readDownloadRecord(first), now()) !== 'ok') return refused();

  // Read before counting (outside the lock: up to 25 MB): a file that cannot be read costs the client nothing.
  // The file frozen at purchase; if there was none (the product had no file yet), the product's file now.
  const file = readFile(asText(first['Fichier']) || currentProductFile(book, asText(first['Produit'])), text);
  if ('problem' in file) {
    journal(book, 'error', text.fileUnavailable(asText(first['Produit']), asText(first['E-mail']), file.problem));
    return politePage(ctx.business, text.pageUnavailableTitle, withContact(text.pageUnavailable, text, ctx), ctx.locale);
  }
  const counted = withScriptLock(10000, () => {
    // Decided again under the lock: two clicks at once must not both take the last download.
    const values = downloads.read(row);
    const record = readDownloadRecord(values);
    if (asText(values['Jeton (empreinte)']) !== hash || downloadVerdict(record, now()) !== 'ok') return null;
    const at = now();
    const count = record.count + 1;
    downloads.update(row, {
      Téléchargements: count,
      'Dernier téléchargement': at,
      Historique: appendHistory(asText(values['Historique']), text.history(formatLocal(at, 'dd/MM/yyyy HH:mm:ss'), count, record.limit)),
    });
    return { count, limit: record.limit, until: record.expiresAt ? formatMoment(record.expiresAt, ctx.locale) : null };
  });
  if (!counted.acquired) return politePage(ctx.business, text.pageTitle, text.pageBusy, ctx.locale);
  if (!counted.value) return refused();
  return filePage(ctx, text, file, text.pageCount(counted.value.count, counted.value.limit, counted.value.until));
}

function withContact(message: string, text: DeliveryText, ctx: PageContext): string {
  return ctx.contact ? `${message} ${text.contact(ctx.contact)}` : message;
}

function currentProductFile(book: Workbook, code: string): string {
  const product = findByCode(book.catalogue().products, code);
  return product ? (driveIdOf(product.file) ?? '') : '';
}

function readFile(id: string, text: DeliveryText): FileData | { problem: string } {
  const file = openFile(id);
  if (!file) return { problem: text.fileMissing };
  const size = file.getSize();
  if (size > DOWNLOAD_MAX_BYTES) return { problem: text.fileTooBig((size / (1024 * 1024)).toFixed(1).replace('.', ',')) };
  // A Google Doc comes as its PDF export (getBlob converts it).
  const blob = file.getBlob();
  return { name: blob.getName() || file.getName(), type: blob.getContentType() || 'application/octet-stream', base64: base64(blob.getBytes()) };
}

/** JSON inside a <script> element: "<" escaped so that no value can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The file as a page: its data in a JSON element, a script that saves it under its name at once, and a
 * button to save it again from the same data (no second request, no second count).
 */
function filePage(ctx: PageContext, text: DeliveryText, file: FileData, count: string): GoogleAppsScript.HTML.HtmlOutput {
  const body = `
<p>${escapeHtml(text.pageReady(file.name))}</p>
<p><button id="carnet-save" type="button">${escapeHtml(text.pageAgain)}</button></p>
<p class="small">${escapeHtml(count)}</p>
<noscript><p>${escapeHtml(text.noScript)}</p></noscript>
<script type="application/json" id="carnet-file">${scriptJson({ name: file.name, type: file.type, data: file.base64 })}</script>
<script>
(function () {
  var file = JSON.parse(document.getElementById('carnet-file').textContent);
  var url = null;
  function save() {
    if (!url) {
      var bin = atob(file.data), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      url = URL.createObjectURL(new Blob([bytes], { type: file.type }));
    }
    var a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }
  document.getElementById('carnet-save').addEventListener('click', save);
  save();
})();
</script>`;
  return htmlPage(ctx.business, text.pageTitle, ctx.locale, '.who,.small{color:#666}.small{font-size:.9rem}button{font-size:1rem;padding:.5rem 1rem}', body);
}

export interface Revoked {
  row: number;
  email: string;
  product: string;
  alreadyRevoked: boolean;
}

/**
 * The admin revokes one link, given the token (or the whole link from the e-mail), its hash from the
 * `Jeton (empreinte)` column, or its row number. Its next use gets the "not valid" page.
 */
export function revokeDownload(input: unknown): Revoked {
  const book = Workbook.active();
  const text = deliveryText(book.settings.locale);
  const shown = String(input ?? '').slice(0, 120);
  const target = parseRevokeTarget(input);
  if (!target) throw new ProblemError(text.revokeUnknown(shown));
  const downloads = book.table('downloads');
  const lastRow = downloads.lastRow();
  const row = target.kind === 'row' ? target.row : downloads.findRow('Jeton (empreinte)', target.kind === 'token' ? tokenHash(target.token) : target.hash);
  if (!row || row > lastRow) throw new ProblemError(text.revokeUnknown(shown));
  const locked = withScriptLock(30000, () => {
    const values = downloads.read(row);
    if (!asText(values['Jeton (empreinte)'])) return null;
    const alreadyRevoked = readDownloadRecord(values).revoked;
    if (!alreadyRevoked) downloads.update(row, { Révoqué: now() });
    return { row, email: asText(values['E-mail']), product: asText(values['Produit']), alreadyRevoked };
  });
  if (!locked.acquired) throw new ProblemError(book.text.busy);
  if (!locked.value) throw new ProblemError(text.revokeUnknown(shown));
  if (!locked.value.alreadyRevoked) journal(book, 'info', text.revoked(locked.value.product, locked.value.email, row));
  return locked.value;
}
