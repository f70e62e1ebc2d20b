// Payment requests from the sheet: a Checkout Session per request (one per double click), its e-mail,
// a reminder after an hour, expiry; and a Stripe Payment Link per product.
import { webAppUrl as deployedUrl } from '../../gas/webAppUrl';
import { PAYMENT_STATUS } from '../../domain/schema';
import {
  checkoutParams,
  CLIENT_COLLECTION,
  defaultRequestId,
  priceIdOf,
  reminderDue,
  requestExpiresAt,
  timeLeft,
  validateRequest,
  type ValidRequest,
} from '../../domain/request';
import { centsToEuros, eurosToCents, formatEuros } from '../../domain/money';
import { ProblemError } from '../../domain/problem';
import { FREE_LINE_CODE } from '../../domain/catalogue';
import { describeLines, metadataCodes } from '../../domain/purchase';
import { senderName } from '../../domain/settings';
import { firstName, type MailParagraph } from '../../domain/mailBody';
import { asNumber, asText, isDate } from '../../domain/values';
import type { CheckoutSession } from '../../domain/stripe';
import { fetchSession } from '../stripe/stripeReads';
import { requestText, type RequestText } from '../../i18n/requestText';
import { StripeApi, StripeApiError, stripeKey } from '../../gas/stripeApi';
import { Workbook } from '../../gas/workbook';
import { withScriptLock } from '../../gas/lock';
import { runPlan } from '../plans';
import { journal } from '../../gas/journal';
import { formatMoment, now } from '../../gas/clock';
import { MAIL_PRIORITY } from '../../domain/outbox';
import type { Step } from '../../domain/plan';
import { deliverOutbox } from '../mail/deliver';
import { md5Hex } from '../../gas/digest';
import { forgetConfig } from '../../gas/configCache';
import { requestDeadline } from '../../gas/requestDeadline';

const LOCK_MS = 30000;

export interface RequestResult {
  session: string;
  url: string;
  expiresAt: string;
  /** False when the same request had already been made (a double click): nothing new was created or sent. */
  created: boolean;
}

function api(text: RequestText): StripeApi {
  const key = stripeKey();
  if (!key) throw new ProblemError(text.noKey);
  return new StripeApi(key);
}

function webAppUrl(text: RequestText): string {
  const url = deployedUrl();
  if (!url) throw new ProblemError(text.noWebApp);
  return url;
}

/** Creates (or finds again) the Checkout Session of a request, records it `en attente`, and e-mails the link. */
export function createPaymentRequest(input: unknown): RequestResult {
  const book = Workbook.active();
  const text = requestText(book.settings.locale);
  const request = validateRequest(input, book.catalogue().products, text);
  const given = String((input as { requestId?: unknown })?.requestId ?? '').trim();
  const requestId = given ? given.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64) : defaultRequestId(request, now().getTime(), md5Hex);
  return openRequest(book, text, request, requestId);
}

function openRequest(book: Workbook, text: RequestText, request: ValidRequest, requestId: string): RequestResult {
  const settings = book.settings;
  const base = webAppUrl(text);
  const payments = book.table('payments');
  const known = payments.findRow('Demande', requestId);
  if (known) {
    const v = payments.read(known);
    return {
      session: asText(v['Session Stripe']),
      url: asText(v['Lien de paiement']),
      expiresAt: isDate(v['Expire le']) ? (v['Expire le'] as Date).toISOString() : '',
      created: false,
    };
  }
  // A retried request must send the same parameters as the first try, deadline included (Stripe checks them under the key).
  const expiresAt = requestDeadline(requestId, () => requestExpiresAt(now().getTime(), settings.requestValidityHours ?? 24));
  let session: CheckoutSession;
  try {
    session = api(text).post<CheckoutSession>(
      '/v1/checkout/sessions',
      checkoutParams(request, {
        requestId,
        expiresAt,
        successUrl: `${base}?page=merci`,
        cancelUrl: `${base}?page=annule`,
        currency: settings.currency,
        locale: settings.locale,
      }),
      `carnet-request-${requestId}`,
    );
  } catch (error) {
    if (error instanceof StripeApiError) throw new ProblemError(text.stripeRefused(error.message));
    throw error;
  }
  const expires = new Date((session.expires_at ?? expiresAt) * 1000);
  const amount = formatEuros(request.amountCents, settings.locale);
  const locked = withScriptLock(LOCK_MS, () => {
    if (payments.findRow('Session Stripe', session.id)) return false;
    runPlan(book, {
      cause: `demande:${requestId}`,
      steps: [
        {
          kind: 'upsert',
          tab: 'payments',
          key: session.id,
          values: {
            Date: now(),
            'E-mail': request.email,
            Nom: request.name,
            Montant: centsToEuros(request.amountCents),
            Statut: PAYMENT_STATUS.pending,
            Produits: describeLines(request),
            'Lien de paiement': session.url ?? '',
            'Expire le': expires,
            Relances: 0,
            Demande: requestId,
            'Mis à jour': now(),
          },
        },
        {
          kind: 'mail',
          priority: MAIL_PRIORITY.confirmation,
          to: request.email,
          subject: text.mailSubject(senderName(settings)),
          paragraphs: [
            { text: text.mailIntro(firstName(request.name)) },
            { text: text.mailBody(describeLines(request), amount) },
            { text: text.mailDeadline(formatMoment(expires, settings.locale)) },
            { text: text.mailPay, link: session.url ?? '' },
            { text: text.signature(senderName(settings)) },
          ],
        },
      ],
    });
    // The admin is waiting: the request leaves now, unless the day's quota is used up (it then waits in Envois).
    deliverOutbox(book);
    return true;
  });
  if (!locked.acquired) throw new ProblemError(book.text.busy);
  const result = { session: session.id, url: session.url ?? '', expiresAt: expires.toISOString(), created: locked.value };
  if (!locked.value) return result;
  journal(book, 'info', text.requestSent(request.email, amount));
  return result;
}

/** A new link for an expired (or failed) request, with the same client and products, in one call. */
export function renewPaymentRequest(sessionId: string): RequestResult {
  const book = Workbook.active();
  const text = requestText(book.settings.locale);
  const payments = book.table('payments');
  const row = payments.findRow('Session Stripe', String(sessionId).trim());
  if (!row) throw new ProblemError(text.unknownRequest(String(sessionId)));
  const values = payments.read(row);
  const status = asText(values['Statut']);
  if (status !== PAYMENT_STATUS.expired && status !== PAYMENT_STATUS.failed) throw new ProblemError(text.notRenewable(status));
  const old = fetchSession(api(text), String(sessionId).trim());
  const codes = metadataCodes(old);
  const items = old.line_items.data.map((item, i) =>
    codes[i] === FREE_LINE_CODE
      ? { label: item.description ?? '', amount: centsToEuros(item.price?.unit_amount ?? item.amount_total) }
      : { code: codes[i] ?? '', quantity: item.quantity ?? 1 },
  );
  const request = validateRequest({ email: values['E-mail'], name: values['Nom'], items }, book.catalogue().products, text);
  return openRequest(book, text, request, `${asText(values['Demande']) || 'demande'}-r${md5Hex(`${sessionId}|${now().getTime()}`).slice(0, 8)}`);
}

interface PendingRequest {
  row: number;
  email: string;
  name: string;
  what: string;
  amount: number;
  session: string;
  url: string;
  created: Date;
  expires: Date;
  reminders: number;
}

function pendingRequests(book: Workbook): PendingRequest[] {
  const payments = book.table('payments');
  const out: PendingRequest[] = [];
  for (const row of payments.findRows('Statut', PAYMENT_STATUS.pending)) {
    const v = payments.read(row);
    if (!asText(v['Demande']) || !isDate(v['Date']) || !isDate(v['Expire le'])) continue;
    out.push({
      row,
      email: asText(v['E-mail']),
      name: asText(v['Nom']),
      what: asText(v['Produits']),
      amount: asNumber(v['Montant']),
      session: asText(v['Session Stripe']),
      url: asText(v['Lien de paiement']),
      created: v['Date'] as Date,
      expires: v['Expire le'] as Date,
      reminders: asNumber(v['Relances']) || 0,
    });
  }
  return out;
}

/** The backstop's part: reminders that are due, and requests whose deadline passed. Run under the lock. */
export function remindAndExpire(book: Workbook, stripe: StripeApi, inTime: () => boolean): void {
  const settings = book.settings;
  const text = requestText(settings.locale);
  for (const request of pendingRequests(book)) {
    if (!inTime()) return;
    const nowMs = now().getTime();
    const due = reminderDue({ createdMs: request.created.getTime(), expiresMs: request.expires.getTime(), sent: request.reminders }, nowMs, settings);
    const past = nowMs >= request.expires.getTime();
    if (!due && !past) continue;
    // The state at Stripe decides, checked just before sending: a paid or expired request is never reminded.
    let session: CheckoutSession;
    try {
      session = stripe.get<CheckoutSession>(`/v1/checkout/sessions/${request.session}`);
    } catch (error) {
      if (error instanceof StripeApiError) continue;
      throw error;
    }
    if (session.status === 'expired') {
      expireRequest(book, request.row);
      continue;
    }
    if (session.status !== 'open' || session.payment_status !== 'unpaid' || !due) continue;
    const amount = formatEuros(eurosToCents(request.amount), settings.locale);
    runPlan(
      book,
      {
        cause: `relance:${request.session}:${request.reminders + 1}`,
        steps: [
          { kind: 'upsert', tab: 'payments', key: request.session, values: { Relances: request.reminders + 1, 'Relancé le': now(), 'Mis à jour': now() } },
          {
            kind: 'mail',
            priority: MAIL_PRIORITY.reminder,
            to: request.email,
            subject: text.reminderSubject(senderName(settings)),
            paragraphs: [
              { text: text.mailIntro(firstName(request.name)) },
              { text: text.reminderBody(request.what, amount) },
              { text: text.reminderLeft(formatMoment(request.expires, settings.locale), timeLeft(request.expires.getTime() - nowMs)) },
              { text: text.mailPay, link: request.url },
              { text: text.signature(senderName(settings)) },
            ],
          },
        ],
      },
      { payment: request.row },
    );
    journal(book, 'info', text.reminderSent(request.email));
  }
}

/** Marks a pending request expired and tells the client a new link can be sent. Only the first call does anything. */
function expireRequest(book: Workbook, row: number): void {
  const payments = book.table('payments');
  const v = payments.read(row);
  if (asText(v['Statut']) !== PAYMENT_STATUS.pending) return;
  const session = asText(v['Session Stripe']);
  const mail = expiredMail(book, v);
  runPlan(
    book,
    {
      cause: `expiree:${session}`,
      steps: [{ kind: 'upsert', tab: 'payments', key: session, values: { Statut: PAYMENT_STATUS.expired, 'Mis à jour': now() } }, ...mail],
    },
    { payment: row },
  );
  if (mail.length) journal(book, 'info', requestText(book.settings.locale).requestExpired(asText(v['E-mail'])));
}

/** The e-mail telling the client of a request made by Carnet that its link expired and a new one can be sent (none for other payments). */
export function expiredMail(book: Workbook, v: Record<string, unknown>): Step[] {
  if (!asText(v['Demande'])) return [];
  const text = requestText(book.settings.locale);
  const business = senderName(book.settings);
  const paragraphs: MailParagraph[] = [
    { text: text.mailIntro(firstName(asText(v['Nom']))) },
    { text: text.expiredBody(asText(v['Produits'])) },
    { text: text.signature(business) },
  ];
  return [{ kind: 'mail', priority: MAIL_PRIORITY.reminder, to: asText(v['E-mail']), subject: text.expiredSubject(business), paragraphs }];
}

export interface LinksReport {
  created: number;
  kept: number;
  problems: string[];
}

/** For each active product without them: a Stripe Product, Price and Payment Link, written back into its row. Idempotent. */
export function createProductLinks(): LinksReport {
  const book = Workbook.active();
  const text = requestText(book.settings.locale);
  const stripe = api(text);
  const products = book.table('products');
  const { products: catalogue } = book.catalogue();
  const report: LinksReport = { created: 0, kept: 0, problems: [] };
  const rows = products.readAll();
  for (const product of catalogue) {
    if (!product.active) continue;
    const entry = rows.find((r) => asText(r.values['Code']).toLowerCase() === product.code.toLowerCase());
    if (!entry) continue;
    if (priceIdOf(product) && asText(entry.values['Lien de paiement'])) {
      report.kept += 1;
      continue;
    }
    try {
      let price = priceIdOf(product);
      if (!price) {
        const created = stripe.post<{ id: string }>(
          '/v1/products',
          { name: product.name, metadata: { product_code: product.code } },
          `carnet-product-${product.code}`,
        );
        price = stripe.post<{ id: string }>(
          '/v1/prices',
          { product: created.id, unit_amount: product.priceCents, currency: book.settings.currency },
          `carnet-price-${product.code}-${product.priceCents}`,
        ).id;
        products.update(entry.row, { Stripe: [asText(entry.values['Stripe']), price].filter(Boolean).join(', ') });
      }
      const link = stripe.post<{ url: string }>(
        '/v1/payment_links',
        { line_items: [{ price, quantity: 1 }], metadata: { product_code: product.code }, ...CLIENT_COLLECTION },
        `carnet-link-${product.code}-${price}`,
      );
      products.update(entry.row, { 'Lien de paiement': link.url });
      report.created += 1;
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      report.problems.push(text.linkProblem(product.code, error.message));
    }
  }
  forgetConfig();
  journal(book, report.problems.length ? 'warning' : 'info', [text.linksCreated(report.created, report.kept), ...report.problems].join(' '));
  return report;
}
