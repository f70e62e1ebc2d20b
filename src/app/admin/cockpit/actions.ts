// The admin's actions from the sidebar. Each validates its input again on the server (the page's
// checks are a convenience), writes nothing when the input is wrong, and answers one sentence.
import type { AdjustInput, Done, FormData, PaymentRequestInput, RefundInput } from '../../../ui/contract';
import { EVENT_STATUS, PAYMENT_STATUS, type Row } from '../../../domain/schema';
import { ADJUSTMENT_REF, balance, consume, grant, ledgerStep, writeLots } from '../../../domain/ledger';
import { isValidEmail, normalizeEmail } from '../../../domain/email';
import { eurosToCents, formatEuros } from '../../../domain/money';
import { ProblemError } from '../../../domain/problem';
import { asNumber, asText, isDate } from '../../../domain/values';
import type { Step } from '../../../domain/plan';
import { balanceAlert } from '../../../domain/booking';
import { cockpitText } from '../../../i18n/cockpitText';
import { StripeApi, StripeApiError, stripeKey } from '../../../gas/stripeApi';
import { Workbook } from '../../../gas/workbook';
import { withScriptLock } from '../../../gas/lock';
import { runPlan } from '../../plans';
import { journal } from '../../../gas/journal';
import { formatLocal, now } from '../../../gas/clock';
import { activeUserEmail } from '../../../gas/session';
import { adjustmentSteps, checkCreditColumns, readClient } from '../../credits/clientCredits';
import { createPaymentRequest, createProductLinks } from '../../requests/requests';
import { produceDocuments, resendDocument } from '../../documents/documents';
import { revokeDownload } from '../../delivery/downloads';
import { exportReceipts } from '../../documents/register';
import { fetchEvent, ingest, recover } from '../../stripe/ingest';
import { Inbox } from '../../stripe/inbox';
import { requestText } from '../../../i18n/requestText';

const LOCK_MS = 30000;
const MAX_ADJUSTMENT = 1000;
const LIST_LIMIT = 200;

function text(book: Workbook) {
  return cockpitText(book.settings.locale);
}

/** A key of our own making, safe in a ledger key or an Idempotency-Key. */
function cleanId(raw: unknown): string {
  return String(raw ?? '')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 64);
}

function lockedOrBusy<T>(book: Workbook, work: () => T): T {
  const locked = withScriptLock(LOCK_MS, work);
  if (!locked.acquired) throw new ProblemError(book.text.busy);
  return locked.value;
}

/** What the forms offer: clients (autocomplete), products, refundable payments, documents. Read in one block per tab. */
export function formData(): FormData {
  const book = Workbook.active();
  const locale = book.settings.locale;
  const records = (key: 'clients' | 'payments' | 'invoices') =>
    book
      .table(key)
      .readAll()
      .map((r) => r.values);
  const clients = records('clients')
    .map((c) => ({ email: asText(c['E-mail']), name: asText(c['Nom']), balance: asNumber(c['Solde']) || 0 }))
    .filter((c) => c.email);
  const products = book
    .catalogue()
    .products.filter((p) => p.active)
    .map((p) => ({ code: p.code, name: p.name, price: formatEuros(p.priceCents, locale) }));
  const payments = records('payments')
    .filter((p) => asText(p['Paiement Stripe']) && (asText(p['Statut']) === PAYMENT_STATUS.paid || asText(p['Statut']) === PAYMENT_STATUS.partiallyRefunded))
    .map((p) => {
      const left = eurosToCents(asNumber(p['Montant']) || 0) - eurosToCents(asNumber(p['Remboursé']) || 0);
      const date = p['Date'];
      const day = isDate(date) ? formatLocal(date, 'dd/MM') : '';
      // The amount first: a 300 px select shows the beginning of its label.
      return {
        session: asText(p['Session Stripe']),
        label: [formatEuros(left, locale), asText(p['E-mail']), day].filter(Boolean).join(' — '),
        refundableCents: left,
      };
    })
    .filter((p) => p.refundableCents > 0)
    .reverse()
    .slice(0, LIST_LIMIT);
  const documents = records('invoices')
    .filter((f) => asText(f['Fichier']))
    .map((f) => ({ number: asText(f['Numéro']), label: `${asText(f['Numéro'])} — ${asText(f['E-mail'])}` }))
    .reverse()
    .slice(0, LIST_LIMIT);
  return { clients, products, payments, documents };
}

export function requestPayment(input: PaymentRequestInput): Done {
  const result = createPaymentRequest(input);
  const book = Workbook.active();
  return { message: text(book).requestDone(normalizeEmail(input?.email), result.created), url: result.url };
}

/**
 * One `Crédits` row `ajustement manuel : <reason> (<admin>)`, under the lock; the balance never goes
 * below zero. A client unknown to `Clients` is created when credits are added. The same form
 * submitted twice (same operation id) writes one row.
 */
export function adjustCredits(input: AdjustInput): Done {
  const book = Workbook.active();
  const t = text(book);
  const email = normalizeEmail(input?.email);
  if (!isValidEmail(email)) throw new ProblemError(t.adjustNoEmail);
  const raw = String(input?.delta ?? '')
    .trim()
    .replace(/^\+/, '')
    .replace('−', '-');
  const delta = Number(raw);
  if (!/^-?\d+$/.test(raw) || delta === 0 || Math.abs(delta) > MAX_ADJUSTMENT) throw new ProblemError(t.adjustBadDelta(String(input?.delta ?? '')));
  const reason = String(input?.reason ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  if (!reason) throw new ProblemError(t.adjustNoReason);
  const operation = `ajustement-manuel:${cleanId(input?.operationId) || `${email}:${now().getTime()}`}`;
  const admin = activeUserEmail();
  return lockedOrBusy(book, () => {
    recover(book);
    checkCreditColumns(book, false);
    const ledger = book.table('ledger');
    if (ledger.findRow('Opération', operation)) return { message: t.adjustAlready(email) };
    const client = readClient(book, email);
    if (client.row === null && delta < 0) throw new ProblemError(t.adjustUnknownClient(email));
    const at = now();
    const steps: Step[] = adjustmentSteps(book, email, client, operation, at);
    const before = balance(client.lots);
    if (before + delta < 0) throw new ProblemError(t.adjustBelowZero(email, before, delta));
    const lots = delta > 0 ? grant(client.lots, { ref: ADJUSTMENT_REF, remaining: delta, expires: null }) : consume(client.lots, -delta).lots;
    const after = balance(lots);
    steps.push(ledgerStep({ operation, at, email, change: delta, balanceAfter: after, motif: t.adjustMotif(reason, admin), reference: ADJUSTMENT_REF }));
    // Credits added re-arm the low-balance alerts (as a purchase does); credits removed by hand send none.
    const values: Row<'clients'> = { Solde: after, Lots: writeLots(lots), 'Mis à jour': at };
    if (delta > 0) values['Alerte solde'] = balanceAlert(asText(client.values['Alerte solde']), before, after, book.settings.lowBalanceThreshold).flag;
    steps.push({ kind: 'upsert', tab: 'clients', key: email, values, createOnly: { 'Créé le': at } });
    runPlan(book, { cause: operation, steps }, { client: client.row });
    journal(book, 'info', t.adjustJournal(email, delta, reason, admin));
    return { message: t.adjustDone(email, delta, after) };
  });
}

/**
 * Asks Stripe to refund (all that is left, or an amount) with an Idempotency-Key made of the form's
 * id: a double click makes one refund. Nothing is written here: the credit note, the register line
 * and the credits taken back come from Stripe's `charge.refunded` event, as for a refund made in Stripe.
 */
export function refundPayment(input: RefundInput): Done {
  const book = Workbook.active();
  const t = text(book);
  const locale = book.settings.locale;
  const session = String(input?.session ?? '').trim();
  const payments = book.table('payments');
  const row = session ? payments.findRow('Session Stripe', session) : null;
  if (!row) throw new ProblemError(t.refundUnknown(session));
  const values = payments.read(row);
  const status = asText(values['Statut']);
  if (status !== PAYMENT_STATUS.paid && status !== PAYMENT_STATUS.partiallyRefunded) throw new ProblemError(t.refundNotPaid(status));
  const intent = asText(values['Paiement Stripe']);
  if (!/^pi_/.test(intent)) throw new ProblemError(t.refundNoIntent);
  const left = eurosToCents(asNumber(values['Montant']) || 0) - eurosToCents(asNumber(values['Remboursé']) || 0);
  if (left <= 0) throw new ProblemError(t.refundNothingLeft);
  const typed = String(input?.amount ?? '').trim();
  let cents = left;
  if (typed) {
    const normalized = typed.replace(/[\s\u00a0€]/g, '').replace(',', '.');
    if (!/^\d+(\.\d{1,2})?$/.test(normalized) || Number(normalized) <= 0) throw new ProblemError(t.refundBadAmount(typed));
    cents = eurosToCents(Number(normalized));
    if (cents > left) throw new ProblemError(t.refundTooMuch(formatEuros(cents, locale), formatEuros(left, locale)));
  }
  const key = stripeKey();
  if (!key) throw new ProblemError(requestText(locale).noKey);
  const requestId = cleanId(input?.requestId) || `${intent}-${cents}`;
  let refund: { id: string; status: string; amount: number };
  try {
    refund = new StripeApi(key).post(
      '/v1/refunds',
      { payment_intent: intent, amount: cents, metadata: { carnet_refund: requestId } },
      `carnet-refund-${requestId}`,
    );
  } catch (error) {
    if (error instanceof StripeApiError) throw new ProblemError(t.refundStripe(error.message));
    throw error;
  }
  return { message: t.refundDone(formatEuros(refund.amount, locale), t.refundStatus[refund.status as keyof typeof t.refundStatus] ?? refund.status) };
}

export function resendInvoice(number: string): Done {
  const result = resendDocument(String(number ?? ''));
  return { message: text(Workbook.active()).resendDone(String(number).trim(), result.sentTo) };
}

export function revokeLink(target: string): Done {
  const result = revokeDownload(target);
  return { message: text(Workbook.active()).revokeDone(result.product, result.email, result.alreadyRevoked) };
}

export function productLinks(): Done {
  const report = createProductLinks();
  const book = Workbook.active();
  return { message: [requestText(book.settings.locale).linksCreated(report.created, report.kept), ...report.problems].join(' ') };
}

export function exportRegister(from: string, to: string): Done {
  const result = exportReceipts(String(from ?? ''), String(to ?? ''));
  const book = Workbook.active();
  return { message: text(book).exportDone(result.name, result.rows, formatEuros(result.totalCents, book.settings.locale)), url: result.url };
}

/** Processes a failed or abandoned event again now (an abandoned one starts a new series of attempts). */
export function retryEvent(id: string): Done {
  const book = Workbook.active();
  const t = text(book);
  const eventId = String(id ?? '').trim();
  const key = stripeKey();
  if (!key) throw new ProblemError(requestText(book.settings.locale).noKey);
  const api = new StripeApi(key);
  return lockedOrBusy(book, () => {
    recover(book);
    const events = book.table('events');
    const row = /^evt_\w+$/.test(eventId) ? events.findRow('ID', eventId) : null;
    if (!row) throw new ProblemError(t.retryUnknown(eventId));
    const status = asText(events.read(row)['Statut']);
    if (status !== EVENT_STATUS.failed && status !== EVENT_STATUS.abandoned) throw new ProblemError(t.retryNotFailed(eventId, status));
    const event = fetchEvent(api, eventId);
    if (!event) throw new ProblemError(book.text.webhookUnknownEvent(eventId));
    if (status === EVENT_STATUS.abandoned) events.update(row, { Statut: EVENT_STATUS.received, Tentatives: 0 });
    // The admin waits for the answer: the documents of a retried event are made now.
    ingest(book, api, event, 'rattrapage', row, (rows) => produceDocuments(book, rows));
    const after = new Inbox(book).entry(row);
    if (after.status === EVENT_STATUS.failed || after.status === EVENT_STATUS.abandoned)
      throw new ProblemError(t.retryStillFailing(eventId, asText(events.read(row)['Erreur'])));
    return { message: t.retryDone(eventId, after.status) };
  });
}
