// doPost: Stripe's webhook. The URL's token authenticates the delivery; the body is only a hint
// whose event id is fetched back from the Stripe API, and only that copy is used.
import { isEventId, isLiveKey, type StripeEvent } from '../../domain/stripe';
import { StripeApi, StripeApiError, stripeKey } from '../../gas/stripeApi';
import { Workbook } from '../../gas/workbook';
import { journal } from '../../gas/journal';
import { withScriptLock } from '../../gas/lock';
import { fetchEvent, ingest, recover } from './ingest';
import { Inbox } from './inbox';
import { countRefusal, expectedToken, MAX_TOKEN_LENGTH } from '../../gas/webhookGate';
import { learnWebAppUrl } from '../../gas/webAppUrl';
import { rememberHandled, wasHandled } from '../../gas/handledEvents';
import { scheduleDocumentsRun } from '../../gas/documentsTrigger';
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
  const id = eventIdFrom(e?.postData?.contents);
  if (id === undefined) return refuse(book, book.text.webhookBadBody);
  if (!isEventId(id)) return refuse(book, book.text.webhookNoId);
  // A repeat of an event already recorded (most deliveries, see handledEvents.ts): nothing to fetch or write.
  if (wasHandled(id)) return answer(NEUTRAL_ANSWER);
  const text = book.text;

  const key = stripeKey();
  if (!key) return refuse(book, text.webhookNoKey);
  const api = new StripeApi(key);
  let event: StripeEvent | null;
  try {
    event = fetchEvent(api, id);
  } catch (error) {
    // Stripe unreachable or refusing our key: the backstop will poll it later.
    const detail = error instanceof StripeApiError ? error.message : String(error);
    journal(book, 'warning', text.webhookStripeDown(id, detail));
    return answer(text.neutralAnswer);
  }
  if (!event) return refuse(book, text.webhookUnknownEvent(id));
  if (event.livemode !== isLiveKey(key)) return refuse(book, text.webhookWrongMode(id, event.livemode));

  const verified = event;
  const done = withScriptLock(WEBHOOK_LOCK_MS, () => {
    recover(book);
    // Stripe is answered now: the PDF and the e-mail are made by the documents run a minute later.
    const result = ingest(book, api, verified, 'webhook', undefined, () => scheduleDocumentsRun());
    if (result === 'applied' || result === 'ignored' || result === 'duplicate') rememberHandled(verified.id);
    // An alert or a client's e-mail queued in Envois (a dispute, a failure, an expired link) leaves with that run too.
    if (book.mailQueued) scheduleDocumentsRun();
    return result;
  });
  if (!done.acquired) {
    const inbox = new Inbox(book);
    if (!inbox.find(id)) inbox.addUnverified(id, 'webhook', text.lockBusy(id));
    journal(book, 'warning', text.lockBusy(id));
    // A burst of payments: the documents run, a minute from now, applies it (else the backstop within 10 minutes).
    scheduleDocumentsRun();
  }
  return answer(text.neutralAnswer);
}

/** The event id of a posted body, null when the JSON has none, undefined when it is not JSON at all. */
function eventIdFrom(body: string | undefined): unknown {
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? ((parsed as { id?: unknown }).id ?? null) : null;
  } catch {
    return undefined;
  }
}

function refuse(book: Workbook, reason: string): GoogleAppsScript.HTML.HtmlOutput {
  journal(book, 'warning', reason);
  return answer(book.text.neutralAnswer);
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
