// Apps Script entry points: each a one-line call. The build re-declares every export as a top-level
// function of dist/Code.js; everything else stays private inside the bundle.
import { handleWebhook } from './app/webhook';
import { handleGet } from './app/web';
import { buildMenu, menuCatchUp, menuProductLinks, menuSetup } from './app/menu';
import { runSetup } from './app/setup';
import { runBackstop } from './app/backstop';
import { runCalendarSync } from './app/bookings';
import { runDaily } from './app/expiry';
import { adminOnly, triggerOrAdmin } from './app/guard';
import { forgetConfigOnEdit } from './gas/configCache';
import { resendDocument } from './app/documents';
import { exportEReporting, exportReceipts, totalsForYear } from './app/register';
import { createPaymentRequest, createProductLinks, renewPaymentRequest } from './app/requests';
import { revokeDownload } from './app/downloads';

export function doPost(e: GoogleAppsScript.Events.DoPost) { return handleWebhook(e); }
export function doGet(e: GoogleAppsScript.Events.DoGet) { return handleGet(e); }
export function onOpen() { return buildMenu(); }
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit) { return forgetConfigOnEdit(e); }
export function setup() { return adminOnly(runSetup); }
export function carnetBackstop(e: GoogleAppsScript.Events.TimeDriven) { return triggerOrAdmin(e, runBackstop); }
export function carnetCalendarChanged(e: GoogleAppsScript.Events.CalendarEventUpdated) { return triggerOrAdmin(e, runCalendarSync); }
export function carnetDaily(e: GoogleAppsScript.Events.TimeDriven) { return triggerOrAdmin(e, runDaily); }
export function carnetMenuSetup() { return adminOnly(menuSetup); }
export function carnetMenuCatchUp() { return adminOnly(menuCatchUp); }
export function carnetResendInvoice(number: string) { return adminOnly(() => resendDocument(number)); }
export function carnetExportReceipts(from: string, to: string) { return adminOnly(() => exportReceipts(from, to)); }
export function carnetExportEReporting(month: string) { return adminOnly(() => exportEReporting(month)); }
export function carnetReceiptTotals(year: number) { return adminOnly(() => totalsForYear(year)); }
export function carnetCreatePaymentRequest(input: unknown) { return adminOnly(() => createPaymentRequest(input)); }
export function carnetRenewPaymentRequest(session: string) { return adminOnly(() => renewPaymentRequest(session)); }
export function carnetCreateProductLinks() { return adminOnly(createProductLinks); }
export function carnetMenuProductLinks() { return adminOnly(menuProductLinks); }
export function carnetRevokeDownload(tokenOrHashOrRow: unknown) { return adminOnly(() => revokeDownload(tokenOrHashOrRow)); }
