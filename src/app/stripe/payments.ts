// Applying Stripe events to the money and credit records: payments, clients, the credit ledger.
// Each handler reads the current state, computes a plan of writes, and runs it write-ahead
// (gas/planRunner.ts), so that a run that dies half-way is finished by the next one.
import { INVOICE_TO_ISSUE, PAYMENT_STATUS, type Row } from '../../domain/schema';
import {
  cataloguePrice,
  describeLine,
  describeLines,
  lineCredits,
  offCatalogueLines,
  PurchaseError,
  readPurchase,
  sessionEmail,
  type Purchase,
  type PurchaseLine,
} from '../../domain/purchase';
import { balance, grant, ledgerStep, reverse, writeLots, type Lot } from '../../domain/ledger';
import { centsToEuros, eurosToCents, formatEuros } from '../../domain/money';
import { addDaysToIso } from '../../domain/localDate';
import { idOf, latestCharge, paymentUsed, type Charge, type CheckoutSession, type Dispute, type Refund, type StripeEvent } from '../../domain/stripe';
import { fillText, invoiceText, paymentMethodName } from '../../i18n/invoiceText';
import { fetchSession, type FullSession } from './stripeReads';
import type { Plan, Step } from '../../domain/plan';
import { asNumber, asText, isDate } from '../../domain/values';
import type { StripeApi } from '../../gas/stripeApi';
import type { Workbook } from '../../gas/workbook';
import { runPlan, type KnownRows } from '../plans';
import { adjustmentSteps, readClient } from '../credits/clientCredits';
import { billedIdentity, profileUpdate } from '../../domain/clientProfile';
import { expiredMail } from '../requests/requests';
import { requestText } from '../../i18n/requestText';
import { planInvoice, storedInvoice, type DeliveryItem, type InvoiceDraft } from '../documents/invoicing';
import { deliveryFields, deliverySteps } from '../delivery/delivery';
import { lineInputsOf, NO_PAYMENT_METHOD, type InvoiceModel } from '../../domain/invoice';
import { ProblemError } from '../../domain/problem';
import { isoDay, now } from '../../gas/clock';
import { journal } from '../../gas/journal';
import { queueAlert } from '../../gas/outbox';
import { firstIn6Hours } from '../../gas/once';

export type Outcome =
  /** `documents`: the `Factures` rows of the invoices or credit notes issued, to render and send right away. */
  | { kind: 'applied'; documents?: number[]; recorded?: boolean }
  | { kind: 'ignored' }
  /** Waits for another event (a refund before its payment): retried later, never dropped. */
  | { kind: 'held'; note: string };

/**
 * `record` is the inbox step that marks the event processed: each handler ends its plan with it, so
 * that the records and "this event is done" are written together or not at all.
 */
export function applyEvent(book: Workbook, api: StripeApi, event: StripeEvent, record: EventRecord): Outcome {
  const object = event.data.object;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = fetchSession(api, String(object.id));
      if (session.payment_status === 'unpaid') return markPending(book, event, session, record);
      return applyPaid(book, event, session, record);
    }
    case 'checkout.session.async_payment_failed':
      return setPaymentStatus(book, event, api.get<CheckoutSession>(`/v1/checkout/sessions/${String(object.id)}`), PAYMENT_STATUS.failed, record);
    case 'checkout.session.expired':
      return setPaymentStatus(book, event, api.get<CheckoutSession>(`/v1/checkout/sessions/${String(object.id)}`), PAYMENT_STATUS.expired, record);
    case 'charge.refunded':
      return applyRefunds(book, api, event, api.get<Charge>(`/v1/charges/${String(object.id)}`), record);
    case 'refund.updated':
    case 'refund.failed':
    case 'charge.refund.updated':
      return applyRefundOutcome(book, event, api.get<Refund>(`/v1/refunds/${String(object.id)}`), record);
    case 'charge.dispute.created':
      return applyDispute(book, event, api.get<Dispute>(`/v1/disputes/${String(object.id)}`), record);
    case 'charge.dispute.closed':
      return applyDisputeClosed(book, event, api.get<Dispute>(`/v1/disputes/${String(object.id)}`), record);
    case 'charge.dispute.funds_withdrawn':
    case 'charge.dispute.funds_reinstated':
      return noteDisputeFunds(book, event, api.get<Dispute>(`/v1/disputes/${String(object.id)}`));
    default:
      return { kind: 'ignored' };
  }
}

export interface EventRecord {
  step: Step;
  row: number | null;
}

function applyPaid(book: Workbook, event: StripeEvent, session: FullSession, record: EventRecord): Outcome {
  const text = book.text;
  const purchase = readFreshPurchase(book, session);
  // Only a session that Carnet created (a payment request) or an earlier event already has a row;
  // for the others the row is known to be absent (a replayed event stops at the inbox first).
  const known: KnownRows = { payment: null, documents: {} };
  if (event.type !== 'checkout.session.completed' || session.metadata?.carnet_request) {
    const payments = book.table('payments');
    known.payment = payments.findRow('Session Stripe', session.id);
    if (known.payment && isSettled(asText(payments.read(known.payment)['Statut']))) return { kind: 'applied' };
  }
  const paidAt = new Date(event.created * 1000);
  const client = readClient(book, purchase.email);
  known.client = client.row;
  const steps = adjustmentSteps(book, purchase.email, client, event.id, paidAt);
  let lots = client.lots;
  let credits = 0;
  const today = isoDay(paidAt);
  const items: DeliveryItem[] = [];
  purchase.lines.forEach((line, index) => {
    const n = lineCredits(line);
    const expires = creditExpiry(line, today);
    if (n > 0) {
      lots = grant(lots, { ref: purchase.sessionId, remaining: n, expires });
      credits += n;
      steps.push(
        ledgerStep({
          operation: `${purchase.sessionId}:${index}`,
          at: paidAt,
          email: purchase.email,
          change: n,
          balanceAfter: balance(lots),
          motif: text.motifPurchase(describeLine(line)),
          reference: purchase.sessionId,
          expires,
        }),
      );
    }
    items.push(deliveryItem(purchase, index, today, balance(lots)));
  });
  steps.unshift(clientStep(book, purchase, client.values, lots, paidAt));
  // Trainings and ebooks: Drive sharing and download rows, in the same plan as the payment.
  steps.push(...deliverySteps(book, purchase));
  const payment = paymentOfSession(session, purchase, event.type);
  const billed = billedIdentity(purchase, client.values);
  const invoice = planInvoice(book, invoiceDraft(book, billed, paidAt, payment, items));
  if (invoice.ok) steps.push(...invoice.steps);
  else reportInvoiceProblem(book, purchase.email, invoice.problem);
  const invoiceRef = invoice.ok ? invoice.number : INVOICE_TO_ISSUE;
  steps.push({
    kind: 'upsert',
    tab: 'payments',
    key: purchase.sessionId,
    values: {
      Date: paidAt,
      'E-mail': purchase.email,
      Montant: centsToEuros(purchase.amountCents),
      Statut: PAYMENT_STATUS.paid,
      Nom: purchase.name,
      Produits: describeLines(purchase),
      'Paiement Stripe': purchase.paymentIntent,
      Crédits: credits,
      Facture: invoiceRef,
      'Mis à jour': now(),
    },
  });
  steps.push({
    kind: 'upsert',
    tab: 'receipts',
    key: purchase.paymentIntent || purchase.sessionId,
    values: {
      Date: paidAt,
      Référence: invoiceRef,
      Client: billed.company || billed.name || billed.email,
      Nature: describeLines(purchase),
      Montant: centsToEuros(purchase.amountCents),
      'Mode de règlement': registerMethod(book, payment.method),
    },
  });
  known.receipt = null;
  known.event = record.row;
  runPlan(book, { cause: event.id, steps: [...steps, record.step] } satisfies Plan, known);
  // No journal line for a payment at the catalogue's price: the Paiements row is its record; the Journal keeps what needs attention.
  reportOffCatalogue(book, purchase);
  return { kind: 'applied', documents: Object.values(known.documents ?? {}), recorded: true };
}

/** A line charged another amount than the catalogue's price (a discount, a price changed in Stripe): the admin is told, once per payment. */
function reportOffCatalogue(book: Workbook, purchase: Purchase): void {
  const off = offCatalogueLines(purchase);
  if (off.length === 0) return;
  const text = book.text;
  const lines = off
    .map((l) => text.offCatalogueLine(describeLine(l), l.amountCents, cataloguePrice(l) ?? 0, l.discountCents, purchase.discountName))
    .join(' ; ');
  journal(book, 'warning', text.paymentOffCatalogue(purchase.email, purchase.sessionId, lines));
}

/** What the session bought; before saying a product is unknown, Produits is read again (not from the cache): it may have just been added. */
function readFreshPurchase(book: Workbook, session: FullSession): Purchase {
  try {
    return readPurchase(session, session.line_items.data, book.catalogue().products, book.settings.currency, book.text);
  } catch (error) {
    if (!(error instanceof PurchaseError)) throw error;
    book.reloadConfig();
    return readPurchase(session, session.line_items.data, book.catalogue().products, book.settings.currency, book.text);
  }
}

/** When the credits of a line bought on `day` expire (ISO day), or null: not lessons, or no validity. */
function creditExpiry(line: PurchaseLine, day: string): string | null {
  return lineCredits(line) > 0 && line.product.validityDays ? addDaysToIso(day, line.product.validityDays) : null;
}

/** What the e-mail of the invoice will say about one line (frozen with the invoice). */
function deliveryItem(purchase: Purchase, index: number, paidDay: string, balanceAfter: number): DeliveryItem {
  const line = purchase.lines[index];
  return {
    code: line.product.code,
    quantity: line.quantity,
    credits: lineCredits(line),
    expires: creditExpiry(line, paidDay),
    bookingLink: line.product.bookingLink,
    balanceAfter,
    ...deliveryFields(line.product, purchase.sessionId, index),
  };
}

/** The invoice lines of a purchase: the amount Stripe charged, per line, is what the invoice says. */
export function invoiceDraft(book: Workbook, purchase: Purchase, paidAt: Date, payment: SessionPayment, items: DeliveryItem[]): InvoiceDraft {
  return {
    kind: 'invoice',
    email: purchase.email,
    name: purchase.name,
    company: purchase.company,
    taxId: purchase.taxId,
    address: purchase.address,
    lines: purchase.lines.map((l) => {
      // The price before the reduction, then the reduction: together, what Stripe charged for the line.
      const before = Math.max(l.subtotalCents, l.amountCents);
      const even = before % l.quantity === 0;
      const discount = before - l.amountCents;
      return {
        designation: even ? l.product.name : `${l.quantity} × ${l.product.name}`,
        quantity: even ? l.quantity : 1,
        unitPriceTtcCents: even ? before / l.quantity : before,
        vatRatePercent: l.product.vatRate ?? book.settings.defaultVatRate,
        ...(discount > 0 ? { discount: { amountTtcCents: discount, label: discountLabel(book, purchase.discountName) } } : {}),
      };
    }),
    paidAt,
    paymentMethod: payment.method,
    paymentReference: payment.reference,
    paymentId: purchase.paymentIntent || purchase.sessionId,
    items,
  };
}

/** « Remise « PRINTEMPS » », in the documents' language. */
function discountLabel(book: Workbook, name: string): string {
  const text = invoiceText(book.settings.locale);
  return name ? fillText(text.discountNamed, { name }) : text.discount;
}

/** How a session was paid: the method and a reference the client recognises (printed), from the charge. */
export interface SessionPayment {
  method: string;
  reference: string;
}

/**
 * What the charge says was used (session fetched with its latest charge). Without a charge (a
 * PaymentIntent Stripe did not expand), the only method the session allowed, else card for an
 * immediate payment and SEPA debit for a delayed one; the reference is then the PaymentIntent id.
 */
function paymentOfSession(session: CheckoutSession, purchase: Purchase, eventType: string): SessionPayment {
  // A no-cost order (100 % off): nothing was charged, there is no PaymentIntent.
  if (session.payment_status === 'no_payment_required') return { method: NO_PAYMENT_METHOD, reference: '' };
  const used = paymentUsed(latestCharge(session));
  const id = purchase.paymentIntent || purchase.sessionId;
  if (used) return { method: used.method, reference: used.reference || id };
  const types = session.payment_method_types ?? [];
  if (types.length === 1) return { method: types[0], reference: id };
  return { method: eventType === 'checkout.session.async_payment_succeeded' ? 'sepa_debit' : 'card', reference: id };
}

/** The register's `Mode de règlement`: "Carte bancaire (Stripe)", "Prélèvement SEPA (Stripe)"… */
function registerMethod(book: Workbook, method: string): string {
  if (method === NO_PAYMENT_METHOD) return book.text.registerNoPayment;
  const name = paymentMethodName(book.settings.locale, method);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} (Stripe)`;
}

function reportInvoiceProblem(book: Workbook, email: string, problem: string): void {
  // One journal line and one alert per distinct problem every 6 hours, not one per payment or per backstop run.
  if (!firstIn6Hours('alert', problem)) return;
  const message = book.text.invoiceNotIssued(email, problem);
  journal(book, 'error', message);
  queueAlert(book, book.text.invoiceAlertSubject, message);
}

function isSettled(status: string): boolean {
  return status !== PAYMENT_STATUS.pending && status !== PAYMENT_STATUS.failed && status !== PAYMENT_STATUS.expired && status !== '';
}

/** The client's credits, and the profile fields that were empty (see domain/clientProfile.ts). */
function clientStep(book: Workbook, purchase: Purchase, stored: Record<string, unknown>, lots: Lot[], at: Date): Step {
  const { fill, kept } = profileUpdate(stored, {
    Nom: purchase.name,
    Téléphone: purchase.phone,
    'Client Stripe': purchase.customerId,
    Société: purchase.company,
    'N° TVA': purchase.taxId,
    Adresse: purchase.address,
  });
  if (kept.length)
    journal(
      book,
      'warning',
      book.text.profileKept(purchase.email, purchase.sessionId, kept.map((k) => book.text.profileDifference(k.field, k.stored, k.offered)).join(' ; ')),
    );
  return {
    kind: 'upsert',
    tab: 'clients',
    key: purchase.email,
    values: { Solde: balance(lots), Lots: writeLots(lots), 'Mis à jour': at, ...fill },
    createOnly: { 'Créé le': at },
  };
}

function markPending(book: Workbook, event: StripeEvent, session: CheckoutSession, record: EventRecord): Outcome {
  const payments = book.table('payments');
  const row = payments.findRow('Session Stripe', session.id);
  if (row && isSettled(asText(payments.read(row)['Statut']))) return { kind: 'applied' };
  runPlan(
    book,
    {
      cause: event.id,
      steps: [
        {
          kind: 'upsert',
          tab: 'payments',
          key: session.id,
          values: { Statut: PAYMENT_STATUS.pending, 'Paiement Stripe': idOf(session.payment_intent), 'Mis à jour': now() },
          createOnly: { Date: new Date(event.created * 1000), 'E-mail': sessionEmail(session), Montant: centsToEuros(session.amount_total ?? 0) },
        },
        record.step,
      ],
    },
    { payment: row, event: record.row },
  );
  journal(book, 'info', book.text.paymentPending(sessionEmail(session), formatEuros(session.amount_total ?? 0, book.settings.locale)));
  return { kind: 'applied', recorded: true };
}

/** Failed or expired: only a row Carnet knows (a pending payment or request) changes; a paid one never goes back. */
function setPaymentStatus(book: Workbook, event: StripeEvent, session: CheckoutSession, status: string, record: EventRecord): Outcome {
  const payments = book.table('payments');
  const row = payments.findRow('Session Stripe', session.id);
  if (!row) {
    if (status === PAYMENT_STATUS.failed) journal(book, 'warning', book.text.paymentFailed(sessionEmail(session), session.id));
    return { kind: 'applied' };
  }
  const values = payments.read(row);
  if (isSettled(asText(values['Statut']))) return { kind: 'applied' };
  // A payment request's client hears that the link expired (queued with the same plan).
  const mail = status === PAYMENT_STATUS.expired ? expiredMail(book, values) : [];
  runPlan(
    book,
    { cause: event.id, steps: [{ kind: 'upsert', tab: 'payments', key: session.id, values: { Statut: status, 'Mis à jour': now() } }, ...mail, record.step] },
    { payment: row, event: record.row },
  );
  if (mail.length) journal(book, 'info', requestText(book.settings.locale).requestExpired(asText(values['E-mail'])));
  journal(
    book,
    status === PAYMENT_STATUS.failed ? 'warning' : 'info',
    status === PAYMENT_STATUS.failed ? book.text.paymentFailed(sessionEmail(session), session.id) : book.text.paymentExpired(session.id),
  );
  return { kind: 'applied', recorded: true };
}

interface PaymentRecord {
  row: number;
  values: Record<string, unknown>;
}

function paymentOf(book: Workbook, paymentIntent: string): PaymentRecord | null {
  if (!paymentIntent) return null;
  const payments = book.table('payments');
  const row = payments.findRow('Paiement Stripe', paymentIntent);
  if (!row) return null;
  const values = payments.read(row);
  return asText(values['Statut']) === PAYMENT_STATUS.pending ? null : { row, values };
}

function applyRefunds(book: Workbook, api: StripeApi, event: StripeEvent, charge: Charge, record: EventRecord): Outcome {
  const paymentIntent = idOf(charge.payment_intent);
  const payment = paymentOf(book, paymentIntent);
  if (!payment) return { kind: 'held', note: book.text.eventHeld(paymentIntent || charge.id) };
  // Stripe lists newest first; reversed, then sorted by second, refunds made in the same second keep their order.
  const refunds = api
    .list<Refund>('/v1/refunds', { charge: charge.id })
    .filter((r) => r.status !== 'failed' && r.status !== 'canceled')
    .reverse()
    .sort((a, b) => a.created - b.created);
  const applied = asText(payment.values['Remboursements'])
    .split(/[\s,]+/)
    .filter(Boolean);
  const fresh = refunds.filter((r) => !applied.includes(r.id));
  if (fresh.length === 0) return { kind: 'applied' };

  const email = asText(payment.values['E-mail']);
  const session = asText(payment.values['Session Stripe']);
  // The credit note cites the invoice: while the invoice waits for its number, so does the refund.
  if (asText(payment.values['Facture']) === INVOICE_TO_ISSUE) return { kind: 'held', note: book.text.creditNoteWithoutInvoice(INVOICE_TO_ISSUE) };
  const invoice = originalInvoice(book, asText(payment.values['Facture']));
  const granted = asNumber(payment.values['Crédits']) || 0;
  const totalCents = charge.amount;
  let refundedCents = refunds.filter((r) => applied.includes(r.id)).reduce((s, r) => s + r.amount, 0);
  let reversedTarget = asNumber(payment.values['Crédits retirés']) || 0;
  const client = readClient(book, email);
  let lots = client.lots;
  let first = true;
  const documents: number[] = [];
  // One plan per refund: each credit note takes the next number only once the previous one is written.
  for (const refund of fresh) {
    const at = new Date(refund.created * 1000);
    const steps = first ? adjustmentSteps(book, email, client, event.id, at) : [];
    first = false;
    refundedCents += refund.amount;
    // Credits go back in proportion to the money, rounded down; only unused credits can be taken.
    const target = totalCents > 0 ? Math.floor((granted * Math.min(refundedCents, totalCents)) / totalCents) : 0;
    const { lots: next, removed } = reverse(lots, session, Math.max(0, target - reversedTarget));
    reversedTarget = target;
    lots = next;
    if (removed > 0) {
      steps.push(
        ledgerStep({ operation: refund.id, at, email, change: -removed, balanceAfter: balance(lots), motif: book.text.motifRefund, reference: refund.id }),
      );
    }
    if (client.row !== null)
      steps.push({ kind: 'upsert', tab: 'clients', key: email, values: { Solde: balance(lots), Lots: writeLots(lots), 'Mis à jour': now() } });
    // A full refund takes back what was delivered: download links revoked, training files unshared (issue 11, point 8).
    const fullyRefunded = refundedCents >= totalCents;
    const access = fullyRefunded ? withdrawnAccess(invoice.items) : [];
    const draft = creditNoteDraft(book, invoice, refund, refund.amount === totalCents, at, access);
    const note = planInvoice(book, { ...draft, refund: { creditsRemoved: removed, balanceAfter: balance(lots) } });
    if (!note.ok) throw new ProblemError(note.problem);
    steps.push(...note.steps);
    if (access.length) {
      const files = access
        .filter((i) => i.type === 'formation' && i.file && !ownedElsewhere(book, email, String(i.file), invoice.model.number))
        .map((i) => ({ fileId: String(i.file), product: i.code }));
      steps.push({ kind: 'revokeAccess', session, email, files });
    }
    applied.push(refund.id);
    steps.push({
      kind: 'upsert',
      tab: 'payments',
      key: session,
      values: {
        Statut: refundedCents >= totalCents ? PAYMENT_STATUS.refunded : PAYMENT_STATUS.partiallyRefunded,
        Remboursé: centsToEuros(refundedCents),
        Remboursements: applied.join(', '),
        'Crédits retirés': reversedTarget,
        'Mis à jour': now(),
      },
    });
    steps.push({
      kind: 'upsert',
      tab: 'receipts',
      key: refund.id,
      values: {
        Date: at,
        Référence: note.number,
        Client: invoice.model.client.company || invoice.model.client.name,
        Nature: `${book.text.motifRefund} (${invoice.model.number})`,
        Montant: -centsToEuros(refund.amount),
        'Mode de règlement': asText(invoice.receiptMethod) || 'Stripe',
      },
    });
    const last = refund === fresh[fresh.length - 1];
    if (last) steps.push(record.step);
    const known: KnownRows = { client: client.row, payment: payment.row, receipt: null, documents: {}, ...(last ? { event: record.row } : {}) };
    runPlan(book, { cause: `${event.id}:${refund.id}`, steps }, known);
    documents.push(...Object.values(known.documents ?? {}));
    journal(book, 'info', book.text.refundRecorded(formatEuros(refund.amount, book.settings.locale), email, removed));
    if (access.length) journal(book, 'info', book.text.accessWithdrawn(email, access.map((i) => i.name ?? i.code).join(', ')));
    else if (!fullyRefunded && withdrawnAccess(invoice.items).length) journal(book, 'info', book.text.accessKept(email));
  }
  return { kind: 'applied', documents, recorded: true };
}

interface OriginalInvoice {
  model: InvoiceModel;
  receiptMethod: string;
  items: DeliveryItem[];
}

/**
 * Whether another purchase of this client, still paid, shares this training file: its Drive access
 * then stays. The client's own invoices only (a search by e-mail), never the whole history.
 */
function ownedElsewhere(book: Workbook, email: string, fileId: string, refundedInvoice: string): boolean {
  const invoices = book.table('invoices');
  const payments = book.table('payments');
  for (const row of invoices.findRows('E-mail', email)) {
    const values = invoices.read(row);
    if (asText(values['Type']) !== 'Facture' || asText(values['Numéro']) === refundedInvoice || !asText(values['Données'])) continue;
    if (!storedInvoice(values).items.some((i) => i.type === 'formation' && i.file === fileId)) continue;
    const paymentRow = payments.findRow('Paiement Stripe', asText(values['Référence paiement']));
    const status = paymentRow ? asText(payments.read(paymentRow)['Statut']) : PAYMENT_STATUS.paid;
    if (status !== PAYMENT_STATUS.refunded && status !== PAYMENT_STATUS.disputeLost) return true;
  }
  return false;
}

/** The trainings and ebooks of a purchase, as the credit note's e-mail names them once withdrawn. */
function withdrawnAccess(items: readonly DeliveryItem[]): DeliveryItem[] {
  return items.filter((i) => i.type === 'formation' || i.type === 'ebook').map((i) => ({ ...i, withdrawn: true }));
}

function originalInvoice(book: Workbook, number: string): OriginalInvoice {
  const invoices = book.table('invoices');
  const row = number && number !== INVOICE_TO_ISSUE ? invoices.findRow('Numéro', number) : null;
  if (!row) throw new ProblemError(book.text.creditNoteWithoutInvoice(number || '?'));
  const { model, items } = storedInvoice(invoices.read(row));
  return { model, receiptMethod: registerMethod(book, model.payment.method), items };
}

/** A full refund repeats the invoice's lines; a partial one is one line per VAT rate, in proportion. */
function creditNoteDraft(book: Workbook, invoice: OriginalInvoice, refund: Refund, full: boolean, at: Date, withdrawn: DeliveryItem[]): InvoiceDraft {
  const m = invoice.model;
  const designation = book.text.creditNoteLine(m.number);
  let lines;
  if (full) {
    // The invoice's lines again, each reduction with its line: the credit note cancels exactly what was charged.
    lines = lineInputsOf(m);
  } else {
    const groups = new Map<number, number>();
    for (const l of m.lines) groups.set(l.vatRatePercent, (groups.get(l.vatRatePercent) ?? 0) + l.totalTtcCents);
    const total = m.totals.totalTtcCents;
    const entries = [...groups.entries()];
    let left = refund.amount;
    lines = entries
      .map(([rate, ttc], i) => {
        // A refund of an invoice of 0 € cannot come from Stripe (nothing was charged); should one come, it goes on the last rate.
        const share = i === entries.length - 1 || total <= 0 ? left : Math.round((refund.amount * ttc) / total);
        left -= share;
        return { designation, quantity: 1, unitPriceTtcCents: share, vatRatePercent: rate };
      })
      .filter((l) => l.unitPriceTtcCents > 0);
  }
  return {
    kind: 'creditNote',
    email: m.client.email,
    name: m.client.name,
    company: m.client.company,
    taxId: m.client.taxId,
    address: m.client.address,
    lines,
    paidAt: at,
    paymentMethod: m.payment.method,
    // The client recognises the card or account the money goes back to; the sheet keeps the refund id.
    paymentReference: m.payment.shownReference,
    paymentId: refund.id,
    citedInvoice: m.number,
    citedInvoiceDate: m.issueDate,
    saleDate: m.saleDate,
    cancelsInFull: full,
    items: withdrawn,
  };
}

function applyDispute(book: Workbook, event: StripeEvent, dispute: Dispute, record: EventRecord): Outcome {
  const paymentIntent = idOf(dispute.payment_intent);
  const payment = paymentOf(book, paymentIntent);
  if (!payment) return { kind: 'held', note: book.text.eventHeld(paymentIntent || idOf(dispute.charge)) };
  if (asText(payment.values['Litige']).includes(dispute.id)) return { kind: 'applied' };
  const email = asText(payment.values['E-mail']);
  const session = asText(payment.values['Session Stripe']);
  const locale = book.settings.locale;
  const amount = formatEuros(dispute.amount, locale);
  const due = dispute.evidence_details?.due_by ? isoDay(new Date(dispute.evidence_details.due_by * 1000)) : '';
  const dueText = due ? due.split('-').reverse().join('/') : '?';
  const steps: Step[] = [
    {
      kind: 'upsert',
      tab: 'payments',
      key: session,
      values: { Statut: PAYMENT_STATUS.disputed, Litige: `${dispute.id} (${dispute.reason})`, 'Mis à jour': now() },
    },
  ];
  const clients = book.table('clients');
  const clientRow = clients.findRow('E-mail', email);
  if (clientRow)
    steps.push({ kind: 'upsert', tab: 'clients', key: email, values: { Litige: book.text.disputeCell(dispute.id, amount, dueText), 'Mis à jour': now() } });
  runPlan(book, { cause: event.id, steps: [...steps, record.step] }, { client: clientRow, payment: payment.row, event: record.row });
  journal(book, 'error', book.text.disputeOpened(amount, email, dueText));
  queueAlert(book, book.text.disputeMailSubject(email), book.text.disputeMailBody(email, amount, dueText, dispute.reason));
  return { kind: 'applied', recorded: true };
}

/**
 * A refund that later fails (or is canceled): the money stayed with the business. Its credit note is
 * cancelled by a new invoice (legally numbered, citing the credit note in its lines), the credits it
 * took back are given back, the register gets the amount back, the payment row forgets the refund.
 * A refund Carnet never applied (it failed before) needs nothing; a succeeded one neither.
 */
function applyRefundOutcome(book: Workbook, event: StripeEvent, refund: Refund, record: EventRecord): Outcome {
  if (refund.status !== 'failed' && refund.status !== 'canceled') return { kind: 'applied' };
  const paymentIntent = idOf(refund.payment_intent ?? null);
  const payment = paymentOf(book, paymentIntent);
  if (!payment) return { kind: 'applied' };
  const applied = asText(payment.values['Remboursements'])
    .split(/[\s,]+/)
    .filter(Boolean);
  if (!applied.includes(refund.id)) return { kind: 'applied' };
  const text = book.text;
  const invoices = book.table('invoices');
  const noteRow = invoices.findRow('Référence paiement', refund.id);
  if (!noteRow) throw new ProblemError(text.creditNoteWithoutInvoice(refund.id));
  const { model: note } = storedInvoice(invoices.read(noteRow));
  const email = asText(payment.values['E-mail']);
  const session = asText(payment.values['Session Stripe']);
  const at = new Date(event.created * 1000);

  // The credits this refund took back (its ledger row), given back to the purchase's pack.
  const ledger = book.table('ledger');
  const takenRow = ledger.findRow('Opération', refund.id);
  const taken = takenRow ? -(asNumber(ledger.read(takenRow)['Variation']) || 0) : 0;
  const client = readClient(book, email);
  const steps = adjustmentSteps(book, email, client, event.id, at);
  let lots = client.lots;
  if (taken > 0) {
    lots = grant(lots, { ref: session, remaining: taken, expires: packExpiry(book, lots, session) });
    steps.push(
      ledgerStep({
        operation: `${refund.id}:échec`,
        at,
        email,
        change: taken,
        balanceAfter: balance(lots),
        motif: text.refundFailedLine(note.number),
        reference: refund.id,
      }),
    );
  }
  if (client.row !== null)
    steps.push({ kind: 'upsert', tab: 'clients', key: email, values: { Solde: balance(lots), Lots: writeLots(lots), 'Mis à jour': now() } });

  const refundedCents = Math.max(0, eurosToCents(asNumber(payment.values['Remboursé']) || 0) - refund.amount);
  const totalCents = eurosToCents(asNumber(payment.values['Montant']) || 0);
  const status = asText(payment.values['Statut']);
  // That refund made the payment fully refunded, which withdrew the trainings and ebooks: the client paid after all, they come back.
  // (A lost dispute took the money back anyway: nothing comes back then.)
  const wasFull = refundedCents + refund.amount >= totalCents && refundedCents < totalCents && status !== PAYMENT_STATUS.disputeLost;
  const restored = wasFull ? withdrawnAccess(originalInvoice(book, asText(payment.values['Facture'])).items) : [];

  const line = text.refundFailedLine(note.number);
  const invoice = planInvoice(book, {
    kind: 'invoice',
    email,
    name: note.client.name,
    company: note.client.company,
    taxId: note.client.taxId,
    address: note.client.address,
    lines: lineInputsOf(note).map((l) => ({ ...l, designation: `${line} : ${l.designation}` })),
    paidAt: at,
    paymentMethod: note.payment.method,
    paymentReference: note.payment.shownReference,
    paymentId: refund.id,
    items: [
      {
        code: '',
        quantity: 0,
        credits: 0,
        expires: null,
        bookingLink: '',
        balanceAfter: balance(lots),
        cancelsCreditNote: note.number,
        ...(restored.length ? { restoredAccess: restored.map((i) => i.name ?? i.code) } : {}),
      },
    ],
  });
  if (!invoice.ok) throw new ProblemError(invoice.problem);
  steps.push(...invoice.steps);
  if (restored.length) {
    const files = restored.filter((i) => i.type === 'formation' && i.file).map((i) => ({ fileId: String(i.file), product: i.code }));
    steps.push({ kind: 'revokeAccess', session, email, files, restoreSince: new Date(refund.created * 1000) });
  }
  const left = applied.filter((id) => id !== refund.id);
  const granted = asNumber(payment.values['Crédits']) || 0;
  steps.push({
    kind: 'upsert',
    tab: 'payments',
    key: session,
    values: {
      // An open dispute stays open: its end (applyDisputeClosed) settles the status by what is refunded then.
      Statut: status === PAYMENT_STATUS.disputed ? status : settledStatus(refundedCents, totalCents, status),
      Remboursé: centsToEuros(refundedCents),
      Remboursements: left.join(', '),
      'Crédits retirés': totalCents > 0 ? Math.floor((granted * refundedCents) / totalCents) : 0,
      'Mis à jour': now(),
    },
  });
  steps.push({
    kind: 'upsert',
    tab: 'receipts',
    key: `${refund.id}:échec`,
    values: {
      Date: at,
      Référence: invoice.number,
      Client: note.client.company || note.client.name,
      Nature: line,
      Montant: centsToEuros(refund.amount),
      'Mode de règlement': registerMethod(book, note.payment.method),
    },
  });
  const known: KnownRows = { client: client.row, payment: payment.row, receipt: null, documents: {}, event: record.row };
  runPlan(book, { cause: event.id, steps: [...steps, record.step] }, known);
  const amount = formatEuros(refund.amount, book.settings.locale);
  journal(book, 'error', text.refundFailed(refund.id, amount, email, invoice.number, taken));
  queueAlert(
    book,
    text.refundFailedMailSubject(email),
    text.refundFailedMailBody(email, amount, text.refundFailureReason(refund.failure_reason ?? refund.status ?? 'unknown'), invoice.number),
  );
  return { kind: 'applied', documents: Object.values(known.documents ?? {}), recorded: true };
}

/** The expiry of a purchase's credits: its pack's, else the one its ledger row gave, else none. */
function packExpiry(book: Workbook, lots: readonly Lot[], session: string): string | null {
  const lot = lots.find((l) => l.ref === session);
  if (lot) return lot.expires;
  const ledger = book.table('ledger');
  const row = ledger.findRow('Référence', session);
  const expiry = row ? ledger.read(row)['Expiration'] : null;
  return isDate(expiry) ? isoDay(expiry as Date) : null;
}

/** The payment's status once nothing is disputed: by what is refunded (a lost dispute stays lost). */
function settledStatus(refundedCents: number, totalCents: number, current: string): string {
  if (current === PAYMENT_STATUS.disputeLost) return current;
  if (refundedCents <= 0) return PAYMENT_STATUS.paid;
  return refundedCents >= totalCents ? PAYMENT_STATUS.refunded : PAYMENT_STATUS.partiallyRefunded;
}

/**
 * The end of a dispute. Won, or an inquiry closed without chargeback: the alert is closed (payment
 * back to its status, the client's `Litige` cell emptied). Lost: the money went back to the cardholder
 * — a negative line in the receipts register (no credit note: the business did not refund), the
 * unused credits of the purchase taken back in proportion, the payment `litige perdu`.
 */
function applyDisputeClosed(book: Workbook, event: StripeEvent, dispute: Dispute, record: EventRecord): Outcome {
  const paymentIntent = idOf(dispute.payment_intent);
  const payment = paymentOf(book, paymentIntent);
  if (!payment) return { kind: 'held', note: book.text.eventHeld(paymentIntent || idOf(dispute.charge)) };
  const text = book.text;
  const lost = dispute.status === 'lost';
  const outcome = lost ? text.disputeOutcomeLost : dispute.status === 'won' ? text.disputeOutcomeWon : text.disputeOutcomeWarningClosed;
  const cell = text.disputeClosedCell(dispute.id, outcome);
  if (asText(payment.values['Litige']).includes(cell)) return { kind: 'applied' };
  const email = asText(payment.values['E-mail']);
  const session = asText(payment.values['Session Stripe']);
  const at = new Date(event.created * 1000);
  const amount = formatEuros(dispute.amount, book.settings.locale);
  const totalCents = eurosToCents(asNumber(payment.values['Montant']) || 0);
  const refundedCents = eurosToCents(asNumber(payment.values['Remboursé']) || 0);
  const client = readClient(book, email);
  const steps: Step[] = adjustmentSteps(book, email, client, event.id, at);
  let removed = 0;
  const paymentValues: Row<'payments'> = { Litige: cell, 'Mis à jour': now() };
  if (lost) {
    let lots = client.lots;
    const granted = asNumber(payment.values['Crédits']) || 0;
    const already = asNumber(payment.values['Crédits retirés']) || 0;
    const target = totalCents > 0 ? Math.floor((granted * Math.min(totalCents, refundedCents + dispute.amount)) / totalCents) : 0;
    const result = reverse(lots, session, Math.max(0, target - already));
    lots = result.lots;
    removed = result.removed;
    if (removed > 0)
      steps.push(
        ledgerStep({ operation: dispute.id, at, email, change: -removed, balanceAfter: balance(lots), motif: text.disputeLostMotif, reference: dispute.id }),
      );
    if (client.row !== null)
      steps.push({ kind: 'upsert', tab: 'clients', key: email, values: { Solde: balance(lots), Lots: writeLots(lots), Litige: cell, 'Mis à jour': now() } });
    Object.assign(paymentValues, { Statut: PAYMENT_STATUS.disputeLost, 'Crédits retirés': Math.max(already, target) });
    const invoiceNumber = asText(payment.values['Facture']);
    const invoiceRow = invoiceNumber && invoiceNumber !== INVOICE_TO_ISSUE ? book.table('invoices').findRow('Numéro', invoiceNumber) : null;
    const original = invoiceRow ? storedInvoice(book.table('invoices').read(invoiceRow)).model : null;
    steps.push({
      kind: 'upsert',
      tab: 'receipts',
      key: dispute.id,
      values: {
        Date: at,
        Référence: invoiceNumber,
        Client: original ? original.client.company || original.client.name : asText(payment.values['Nom']) || email,
        Nature: text.disputeLostNature(invoiceNumber),
        Montant: -centsToEuros(dispute.amount),
        'Mode de règlement': original ? registerMethod(book, original.payment.method) : 'Stripe',
      },
    });
  } else {
    paymentValues['Statut'] = settledStatus(refundedCents, totalCents, asText(payment.values['Statut']));
    if (client.row !== null) steps.push({ kind: 'upsert', tab: 'clients', key: email, values: { Litige: '', 'Mis à jour': now() } });
  }
  steps.push({ kind: 'upsert', tab: 'payments', key: session, values: paymentValues });
  runPlan(book, { cause: event.id, steps: [...steps, record.step] }, { client: client.row, payment: payment.row, receipt: null, event: record.row });
  const message = lost
    ? text.disputeClosedLost(amount, email, removed)
    : dispute.status === 'won'
      ? text.disputeClosedWon(amount, email)
      : text.disputeClosedWarning(email);
  journal(book, lost ? 'error' : 'info', message);
  // An inquiry (warning_closed) was never a dispute: « litige … clos sans litige » would contradict itself.
  const inquiry = !lost && dispute.status !== 'won';
  queueAlert(book, inquiry ? text.inquiryClosedMailSubject(email) : text.disputeClosedMailSubject(email, outcome), message);
  return { kind: 'applied', recorded: true };
}

/** Money Stripe withholds during a dispute, or gives back: a Journal line (the register records only the final outcome). */
function noteDisputeFunds(book: Workbook, event: StripeEvent, dispute: Dispute): Outcome {
  const payment = paymentOf(book, idOf(dispute.payment_intent));
  const email = payment ? asText(payment.values['E-mail']) : idOf(dispute.charge);
  const amount = formatEuros(dispute.amount, book.settings.locale);
  const withdrawn = event.type === 'charge.dispute.funds_withdrawn';
  journal(
    book,
    withdrawn ? 'warning' : 'info',
    withdrawn ? book.text.disputeFundsWithdrawn(amount, email, dispute.id) : book.text.disputeFundsReinstated(amount, email, dispute.id),
  );
  return { kind: 'applied' };
}

/** Payments recorded while invoicing was stopped get their invoice once it works again. */
export function issueMissingInvoices(book: Workbook, api: StripeApi, inTime: () => boolean): void {
  const payments = book.table('payments');
  for (const row of payments.findRows('Facture', INVOICE_TO_ISSUE)) {
    if (!inTime()) return;
    const values = payments.read(row);
    const session = fetchSession(api, asText(values['Session Stripe']));
    const purchase = readPurchase(session, session.line_items.data, book.catalogue().products, book.settings.currency, book.text);
    const paidAt = isDate(values['Date']) ? (values['Date'] as Date) : new Date(session.created * 1000);
    const clientRow = book.table('clients').findRow('E-mail', purchase.email);
    const stored = clientRow ? book.table('clients').read(clientRow) : {};
    const balanceNow = asNumber(stored['Solde']) || 0;
    const paidDay = isoDay(paidAt);
    const items = purchase.lines.map((_line, index) => deliveryItem(purchase, index, paidDay, balanceNow));
    const invoice = planInvoice(
      book,
      invoiceDraft(book, billedIdentity(purchase, stored), paidAt, paymentOfSession(session, purchase, 'checkout.session.completed'), items),
    );
    if (!invoice.ok) {
      reportInvoiceProblem(book, purchase.email, invoice.problem);
      return;
    }
    const piece = purchase.paymentIntent || purchase.sessionId;
    runPlan(
      book,
      {
        cause: `facture:${session.id}`,
        steps: [
          ...invoice.steps,
          { kind: 'upsert', tab: 'payments', key: session.id, values: { Facture: invoice.number, 'Mis à jour': now() } },
          { kind: 'upsert', tab: 'receipts', key: piece, values: { Référence: invoice.number } },
        ],
      },
      { payment: row },
    );
    journal(book, 'info', book.text.invoiceIssued(invoice.number, purchase.email));
  }
}
