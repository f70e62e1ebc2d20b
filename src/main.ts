// Apps Script entry points: each a one-line call. The build re-declares every export as a top-level
// function of dist/Code.js; everything else stays private inside the bundle.
import { handleWebhook } from './app/stripe/webhook';
import { handleGet } from './app/web';
import { buildMenu, menuCatchUp, menuProductLinks, menuSetup } from './app/admin/menu';
import { runSetup } from './app/admin/setup';
import { runBackstop } from './app/stripe/backstop';
import { runCalendarSync } from './app/bookings/calendarSync';
import { runDaily } from './app/credits/expiry';
import { runDocuments } from './app/documents/documentsRun';
import { adminOnly, triggerOrAdmin } from './app/admin/guard';
import { forgetConfigOnEdit } from './gas/configCache';
import { resendDocument } from './app/documents/documents';
import { exportEReporting, exportReceipts, totalsForYear } from './app/documents/register';
import { createPaymentRequest, createProductLinks, renewPaymentRequest } from './app/requests/requests';
import { revokeDownload } from './app/delivery/downloads';
import { showDialog, showSidebar, uiCall } from './app/admin/cockpit/ui';
import { loadDashboard } from './app/admin/cockpit/dashboard';
import {
  adjustCredits,
  exportRegister,
  formData,
  productLinks,
  refundPayment,
  requestPayment,
  resendInvoice,
  retryEvent,
  revokeLink,
} from './app/admin/cockpit/actions';
import { healthCheck } from './app/admin/cockpit/health';
import { registerWebhook, saveSettings, saveStripeKey, saveWebApp, setupFromWizard, wizardState } from './app/admin/cockpit/wizard';
import type { AdjustInput, PaymentRequestInput, RefundInput, WizardSettings } from './ui/contract';

export function doPost(e: GoogleAppsScript.Events.DoPost) {
  return handleWebhook(e);
}
export function doGet(e: GoogleAppsScript.Events.DoGet) {
  return handleGet(e);
}
export function onOpen() {
  return buildMenu();
}
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit) {
  return forgetConfigOnEdit(e);
}
export function setup() {
  return adminOnly(runSetup);
}
export function carnetBackstop(e: GoogleAppsScript.Events.TimeDriven) {
  return triggerOrAdmin(e, 'carnetBackstop', runBackstop);
}
export function carnetCalendarChanged(e: GoogleAppsScript.Events.CalendarEventUpdated) {
  return triggerOrAdmin(e, 'carnetCalendarChanged', runCalendarSync);
}
export function carnetDocuments(e: GoogleAppsScript.Events.TimeDriven) {
  return triggerOrAdmin(e, 'carnetDocuments', runDocuments);
}
export function carnetDaily(e: GoogleAppsScript.Events.TimeDriven) {
  return triggerOrAdmin(e, 'carnetDaily', runDaily);
}
export function carnetMenuSetup() {
  return adminOnly(menuSetup);
}
export function carnetMenuCatchUp() {
  return adminOnly(menuCatchUp);
}
export function carnetResendInvoice(number: string) {
  return adminOnly(() => resendDocument(number));
}
export function carnetExportReceipts(from: string, to: string) {
  return adminOnly(() => exportReceipts(from, to));
}
export function carnetExportEReporting(month: string) {
  return adminOnly(() => exportEReporting(month));
}
export function carnetReceiptTotals(year: number) {
  return adminOnly(() => totalsForYear(year));
}
export function carnetCreatePaymentRequest(input: unknown) {
  return adminOnly(() => createPaymentRequest(input));
}
export function carnetRenewPaymentRequest(session: string) {
  return adminOnly(() => renewPaymentRequest(session));
}
export function carnetCreateProductLinks() {
  return adminOnly(createProductLinks);
}
export function carnetMenuProductLinks() {
  return adminOnly(menuProductLinks);
}
export function carnetRevokeDownload(tokenOrHashOrRow: unknown) {
  return adminOnly(() => revokeDownload(tokenOrHashOrRow));
}
// The cockpit: menu entries open the sidebar or a dialog; the pages call the carnetUi* functions (src/ui/contract.ts).
export function carnetMenuDashboard() {
  return adminOnly(() => showSidebar('dashboard'));
}
export function carnetMenuRequest() {
  return adminOnly(() => showSidebar('request'));
}
export function carnetMenuAdjust() {
  return adminOnly(() => showSidebar('adjust'));
}
export function carnetMenuResend() {
  return adminOnly(() => showSidebar('resend'));
}
export function carnetMenuRefund() {
  return adminOnly(() => showSidebar('refund'));
}
export function carnetMenuLinks() {
  return adminOnly(() => showSidebar('links'));
}
export function carnetMenuExport() {
  return adminOnly(() => showSidebar('export'));
}
export function carnetMenuRevoke() {
  return adminOnly(() => showSidebar('revoke'));
}
export function carnetMenuHealth() {
  return adminOnly(() => showSidebar('health'));
}
export function carnetMenuWizard() {
  return adminOnly(() => showDialog('wizard', 640, 680));
}
export function carnetUiDashboard() {
  return uiCall('dashboard', loadDashboard);
}
export function carnetUiFormData() {
  return uiCall('formData', formData);
}
export function carnetUiPaymentRequest(input: PaymentRequestInput) {
  return uiCall('paymentRequest', () => requestPayment(input));
}
export function carnetUiAdjustCredits(input: AdjustInput) {
  return uiCall('adjustCredits', () => adjustCredits(input));
}
export function carnetUiRefund(input: RefundInput) {
  return uiCall('refund', () => refundPayment(input));
}
export function carnetUiResendInvoice(number: string) {
  return uiCall('resendInvoice', () => resendInvoice(number));
}
export function carnetUiRevokeDownload(target: string) {
  return uiCall('revokeDownload', () => revokeLink(target));
}
export function carnetUiProductLinks() {
  return uiCall('productLinks', productLinks);
}
export function carnetUiExportReceipts(from: string, to: string) {
  return uiCall('exportReceipts', () => exportRegister(from, to));
}
export function carnetUiRetryEvent(id: string) {
  return uiCall('retryEvent', () => retryEvent(id));
}
export function carnetUiHealth() {
  return uiCall('health', healthCheck);
}
export function carnetUiWizard() {
  return uiCall('wizard', wizardState);
}
export function carnetUiSaveStripeKey(key: string) {
  return uiCall('saveStripeKey', () => saveStripeKey(key));
}
export function carnetUiSaveSettings(values: WizardSettings) {
  return uiCall('saveSettings', () => saveSettings(values));
}
export function carnetUiRunSetup() {
  return uiCall('runSetup', setupFromWizard);
}
export function carnetUiRegisterWebhook() {
  return uiCall('registerWebhook', registerWebhook);
}
export function carnetUiSaveWebAppUrl(url: string) {
  return uiCall('saveWebAppUrl', () => saveWebApp(url));
}
