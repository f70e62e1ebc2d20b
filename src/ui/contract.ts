// The contract between the admin's pages (sidebar, dialogs) and the server functions they call with
// google.script.run. Both sides import these types: the page script (src/pages/) and src/main.ts
// (checked by test/unit/cockpit-contract.test.ts), so a renamed field fails the typecheck.
import type { CockpitText } from '../i18n/cockpitText';
import type { Locale } from '../i18n/locale';

export type View = 'dashboard' | 'request' | 'adjust' | 'resend' | 'refund' | 'links' | 'export' | 'revoke' | 'health' | 'wizard';

/** What a server function answers: never a thrown stack trace, a French message when it cannot. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** What the page is started with (embedded in the HTML by the server). */
export interface Boot {
  view: View;
  locale: Locale;
  text: CockpitText;
}

export type TodoKind = 'event' | 'invoice' | 'booking' | 'dispute' | 'request';

export interface TodoItem {
  kind: TodoKind;
  /** Event id, document number, booking event id, or Checkout Session id. */
  id: string;
  title: string;
  detail: string;
  /** The button shown beside it, if any. */
  action: 'retry' | 'resend' | null;
}

export interface Figures {
  revenueMonth: string;
  revenueYear: string;
  /** The last 12 months, oldest first. */
  months: Array<{ label: string; cents: number }>;
  activeClients: number;
  creditsOutstanding: number;
  bookingsThisWeek: number;
  mailQuota: number;
  lastWebhook: string | null;
  lastBackstop: string | null;
}

export interface Dashboard {
  todo: TodoItem[];
  figures: Figures;
}

export interface ClientChoice {
  email: string;
  name: string;
  balance: number;
}

export interface FormData {
  clients: ClientChoice[];
  products: Array<{ code: string; name: string; price: string }>;
  /** Paid payments that can still be refunded, newest first. */
  payments: Array<{ session: string; label: string; refundableCents: number }>;
  /** Invoices and credit notes with a PDF, newest first. */
  documents: Array<{ number: string; label: string }>;
}

export interface PaymentRequestInput {
  email: string;
  name: string;
  /** Catalogue products, or free amounts (`amount` as typed, e.g. "45,00": the server checks it again). */
  items: Array<{ code: string; quantity: number } | { label: string; amount: string }>;
  /** Made once per form: a double submit makes one request. */
  requestId: string;
}

export interface AdjustInput {
  email: string;
  /** Signed whole number of credits. */
  delta: number;
  reason: string;
  /** Made once per form: a double submit writes one row. */
  operationId: string;
}

export interface RefundInput {
  session: string;
  /** Euros as typed ("12,50"); empty = all that is left. */
  amount: string;
  /** Made once per form: a double submit makes one refund (Stripe's Idempotency-Key). */
  requestId: string;
}

export interface Done {
  message: string;
  /** A link to show with the message (a payment link, an exported file). */
  url?: string;
}

export type HealthLevel = 'ok' | 'warning' | 'error';

export interface HealthLine {
  level: HealthLevel;
  label: string;
  detail: string;
  /** What to do about it (empty when all is well). */
  fix: string;
}

export interface WizardSettings {
  legalName: string;
  businessName: string;
  businessAddress: string;
  siret: string;
  businessEmail: string;
  vatMode: string;
  invoicePrefix: string;
  creditNotePrefix: string;
  adminEmail: string;
  bookingCalendar: string;
  scheduleName: string;
}

export interface WizardState {
  /** The key as Stripe shows it (sk_test_****abcd), or empty. */
  maskedKey: string;
  mode: 'test' | 'live' | null;
  settings: WizardSettings;
  /** Web app URL with its token, or empty before deployment. */
  webhookUrl: string;
  /** The deployed /exec address Carnet knows, or empty. */
  webAppUrl: string;
  /** The Stripe endpoint that points to this web app, if any. */
  endpoint: { id: string; status: string; upToDate: boolean } | null;
  events: string[];
}

export interface SetupDone {
  lines: string[];
}

/** Every server function a page may call, with its arguments and answer. */
export interface ServerApi {
  carnetUiDashboard(): Outcome<Dashboard>;
  carnetUiFormData(): Outcome<FormData>;
  carnetUiPaymentRequest(input: PaymentRequestInput): Outcome<Done>;
  carnetUiAdjustCredits(input: AdjustInput): Outcome<Done>;
  carnetUiRefund(input: RefundInput): Outcome<Done>;
  carnetUiResendInvoice(number: string): Outcome<Done>;
  carnetUiRevokeDownload(target: string): Outcome<Done>;
  carnetUiProductLinks(): Outcome<Done>;
  carnetUiExportReceipts(from: string, to: string): Outcome<Done>;
  carnetUiRetryEvent(id: string): Outcome<Done>;
  carnetUiHealth(): Outcome<HealthLine[]>;
  carnetUiWizard(): Outcome<WizardState>;
  carnetUiSaveStripeKey(key: string): Outcome<WizardState>;
  carnetUiSaveSettings(values: WizardSettings): Outcome<Done>;
  carnetUiRunSetup(): Outcome<SetupDone>;
  carnetUiRegisterWebhook(): Outcome<Done>;
  carnetUiSaveWebAppUrl(url: string): Outcome<WizardState>;
}
