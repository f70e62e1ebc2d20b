// doPost: Stripe's webhook. The URL's token authenticates the delivery; the body is only a hint
// whose event id is fetched back from the Stripe API, and only that copy is used.
import { isEventId, isLiveKey, type CheckoutSession, type StripeEvent } from '../../domain/stripe';
import { requestTarget, StripeApi, StripeApiError, stripeKey } from '../../gas/stripeApi';
import { Workbook } from '../../gas/workbook';
import { journal } from '../../gas/journal';
import { withScriptLock, type Locked } from '../../gas/lock';
import { EVENT_TABS, eventPath, fetchEvent, ingest, recover } from './ingest';
import { sessionRequest } from './stripeReads';
import type { Messages } from '../../i18n/messages';
import { primeLayout, type LookAhead } from '../../gas/layout';
import { sessionEmail } from '../../domain/purchase';
import { Inbox } from './inbox';
import { countRefusal, expectedToken, MAX_TOKEN_LENGTH } from '../../gas/webhookGate';
import { learnWebAppUrl } from '../../gas/webAppUrl';
import { rememberHandled, wasHandled } from '../../gas/handledEvents';
import { keepVerifiedAnswers } from '../../gas/verifiedAnswers';
import { claimDocumentsRun, scheduleDocumentsRun, type DocumentsRunClaim } from '../../gas/documentsTrigger';
import { htmlOutput } from '../../gas/html';

/** Stripe's timeout is short: wait this long for another run to finish, then leave the event to the backstop. */
const WEBHOOK_LOCK_MS = 5000;

/** The same short answer whatever happened: a caller learns nothing from it. */
const NEUTRAL_ANSWER = 'OK';

export function handleWebhook(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.HTML.HtmlOutput {
  try {
    // The token first, before the workbook is opened: a flood of wrong posts costs one cache read each.
    if (!tokenMatches(e?.parameter?.token)) return refuseStranger();
    learnWebAppUrl();
    return receive(e, Workbook.active());
  } catch (error) {
    // Never Google's error page: Stripe retries anyway, and the backstop finds the event by polling
    // (a quota run out included: nothing was written, the event is still in Stripe's list).
    console.error(`doPost: ${String((error as Error)?.stack ?? error)}`);
    return answer(NEUTRAL_ANSWER);
  }
}

function tokenMatches(given: unknown): boolean {
  if (typeof given !== 'string' || given.length > MAX_TOKEN_LENGTH) return false;
  const expected = expectedToken();
  return expected !== '' && constantTimeEquals(given, expected);
}

/** The first refusal of the hour goes to the Journal with the count of those before it; the others are only counted. */
function refuseStranger(): GoogleAppsScript.HTML.HtmlOutput {
  const silenced = countRefusal();
  if (silenced !== null) {
    const book = Workbook.active();
    journal(book, 'warning', silenced > 0 ? book.text.webhookBadTokenBurst(silenced) : book.text.webhookBadToken);
  }
  return answer(NEUTRAL_ANSWER);
}

function receive(e: GoogleAppsScript.Events.DoPost, book: Workbook): GoogleAppsScript.HTML.HtmlOutput {
  const hint = hintFrom(e?.postData?.contents);
  if (hint === undefined) return refuse(book, (text) => text.webhookBadBody);
  const id = hint.id;
  if (!isEventId(id)) return refuse(book, (text) => text.webhookNoId);
  // A repeat of an event already recorded (most deliveries, see handledEvents.ts): nothing to fetch or write.
  if (wasHandled(id)) return answer(NEUTRAL_ANSWER);

  const key = stripeKey();
  if (!key) return refuse(book, (text) => text.webhookNoKey);
  const api = new StripeApi(key);
  // The session a checkout event names is asked for with the event, in the same round trip; it is used
  // only if the event fetched back names the same session (else it is fetched again under the lock).
  if (hint.session) api.prefetch([{ path: eventPath(id) }, sessionRequest(hint.session)]);
  let event: StripeEvent | null;
  try {
    event = fetchEvent(api, id);
  } catch (error) {
    // Stripe unreachable or refusing our key: the backstop will poll it later.
    const detail = error instanceof StripeApiError ? error.message : String(error);
    journal(book, 'warning', book.text.webhookStripeDown(id, detail));
    return answer(NEUTRAL_ANSWER);
  }
  if (!event) return refuse(book, (text) => text.webhookUnknownEvent(id));
  const livemode = event.livemode;
  if (livemode !== isLiveKey(key)) return refuse(book, (text) => text.webhookWrongMode(id, livemode));

  const verified = event;
  let documentsDue = false;
  let handledNow = false;
  let claim: DocumentsRunClaim | null = null;
  let done: Locked<unknown>;
  try {
    done = withScriptLock(WEBHOOK_LOCK_MS, () => {
      // The tabs' headers and last rows, and a returning client's row, in one read (gas/layout.ts).
      primeLayout(book, EVENT_TABS, clientAhead(verified));
      // A paid checkout issues an invoice: its documents run is claimed first, so that the claim is written with
      // the payment's write-ahead copy (one Properties call less). A claim that turns out needless costs an idle run.
      if (isPaidCheckout(verified)) claim = claimDocumentsRun();
      recover(book);
      // Stripe is answered now: the PDF and the e-mail are made by the documents run within a minute.
      const result = ingest(book, api, verified, 'webhook', undefined, () => (documentsDue = true));
      handledNow = result === 'applied' || result === 'ignored' || result === 'duplicate';
      // An alert or a client's e-mail queued in Envois (a dispute, a failure, an expired link) leaves with that run too.
      if (book.mailQueued) documentsDue = true;
      if (documentsDue && !claim) claim = claimDocumentsRun();
    });
  } finally {
    // Decided under the lock (one pending run at a time), made once it is released — even when the work
    // above failed after claiming it: creating a trigger is slow, and a claim without its trigger would
    // stop the next webhooks from scheduling one for 10 minutes.
    if (claim) scheduleDocumentsRun(claim);
  }
  // Remembered once the lock is released (a cache write is slow): a repeat delivery is then answered at once.
  if (done.acquired && handledNow) rememberHandled(verified.id);
  if (!done.acquired) {
    const inbox = new Inbox(book);
    if (!inbox.find(id)) inbox.addUnverified(id, 'webhook', book.text.lockBusy(id));
    journal(book, 'warning', book.text.lockBusy(id));
    // The documents run applies it with what was fetched here (no second fetch of the event and its session).
    keepVerifiedAnswers(verified.id, api.live, answersToKeep(api, verified, hint.session));
    // A burst of payments: the documents run, within a minute, applies it (else the backstop within 10 minutes).
    const busyClaim = claimDocumentsRun();
    if (busyClaim) scheduleDocumentsRun(busyClaim);
  }
  return answer(NEUTRAL_ANSWER);
}

/** The verified event, and its session if it is the one fetched with it: what the documents run may use instead of fetching. */
function answersToKeep(api: StripeApi, event: StripeEvent, hintedSession: string | null): Record<string, string> {
  const answers: Record<string, string> = { [requestTarget({ path: eventPath(event.id) })]: JSON.stringify(event) };
  const named = (event.data.object as { id?: unknown }).id;
  if (hintedSession && named === hintedSession) {
    const session = api.answerAhead(sessionRequest(hintedSession));
    if (session !== undefined) answers[requestTarget(sessionRequest(hintedSession))] = session;
  }
  return answers;
}

/** The client row a Checkout Session event will read, to be read with the tabs' layout. */
function clientAhead(event: StripeEvent): LookAhead[] {
  if (!event.type.startsWith('checkout.session.')) return [];
  const email = sessionEmail(event.data.object as unknown as CheckoutSession);
  return email ? [{ tab: 'clients', header: 'E-mail', value: email }] : [];
}

/** A Checkout Session completed and paid: the event that issues an invoice. */
function isPaidCheckout(event: StripeEvent): boolean {
  const session = event.data.object as { payment_status?: string };
  return event.type === 'checkout.session.completed' && session.payment_status === 'paid';
}

/** What a posted body says: its event id (null when the JSON has none), and the Checkout Session it is about, if any. Undefined when it is not JSON at all. */
function hintFrom(body: string | undefined): { id: unknown; session: string | null } | undefined {
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (!parsed || typeof parsed !== 'object') return { id: null, session: null };
    const hint = parsed as { id?: unknown; type?: unknown; data?: { object?: { id?: unknown } } };
    const object = hint.data?.object?.id;
    const session =
      typeof hint.type === 'string' && hint.type.startsWith('checkout.session.') && typeof object === 'string' && /^cs_\w{1,200}$/.test(object) ? object : null;
    return { id: hint.id ?? null, session };
  } catch {
    return undefined;
  }
}

/** The settings (for the language) are read only when there is something to say. */
function refuse(book: Workbook, reason: (text: Messages) => string): GoogleAppsScript.HTML.HtmlOutput {
  journal(book, 'warning', reason(book.text));
  return answer(NEUTRAL_ANSWER);
}

// HtmlService rather than ContentService: ContentService answers a POST with a 302, which Stripe counts as a failure.
function answer(body: string): GoogleAppsScript.HTML.HtmlOutput {
  return htmlOutput(body);
}

/** Compares every character whatever the first difference, so the time taken says nothing about the token. */
export function constantTimeEquals(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
