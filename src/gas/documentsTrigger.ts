// The documents run: a one-off time trigger that makes the PDFs and sends the e-mails within about a
// minute after a webhook recorded a payment, so that Stripe's delivery is answered without waiting for them.
// At most one is pending at a time (Apps Script allows 20 triggers per user per script); its own run
// deletes it. When it cannot be created (quota, too many triggers) the 10-minute backstop does the work.
import { deleteProperties, PROPERTY, readProperty, writeSoon } from './scriptProperties';
import { deleteTrigger, installOnceAfter, projectTriggers } from './triggers';

export const DOCUMENTS_HANDLER = 'carnetDocuments';
/** Google documents only a minimum ("the actual duration might vary"): asked short, so that the invoice follows within about a minute. */
export const DOCUMENTS_DELAY_MS = 15 * 1000;
/** A run scheduled this long ago and not started did not fire (deleted by hand): another one is made. */
const STALE_MS = 10 * 60 * 1000;

/**
 * True when a documents run must be scheduled: none is pending, or the pending one never started. It is
 * then noted as pending, so that no other execution schedules one too. Call under the script lock, and
 * scheduleDocumentsRun() after it — once the lock is released when possible: making a trigger is slow.
 */
export function claimDocumentsRun(): DocumentsRunClaim | null {
  const since = Number(readProperty(PROPERTY.documentsRun) ?? '');
  if (since && Date.now() - since < STALE_MS) return null;
  // With the next Properties write (a payment's write-ahead copy), or when the lock is released.
  writeSoon(PROPERTY.documentsRun, String(Date.now()));
  return { replacesStale: Boolean(since) };
}

/** A documents run this execution must schedule; `replacesStale`: one was scheduled long ago and never started (its trigger deleted by hand?). */
export interface DocumentsRunClaim {
  replacesStale: boolean;
}

/** Makes the one-off trigger of a claimed run (a stale one goes first). False when it could not be made. */
export function scheduleDocumentsRun(claim: DocumentsRunClaim): boolean {
  try {
    if (claim.replacesStale) removeDocumentsTriggers();
    installOnceAfter(DOCUMENTS_HANDLER, DOCUMENTS_DELAY_MS);
    return true;
  } catch (error) {
    // Nothing is lost: the documents wait in Factures and the backstop makes them within 10 minutes; the next payment tries again.
    console.warn(`documents run not scheduled: ${String((error as Error)?.message ?? error)}`);
    deleteProperties([PROPERTY.documentsRun]);
    return false;
  }
}

/** The documents run started: its trigger goes (a fired one-off trigger still counts until deleted), and the next payment schedules a new one. */
export function documentsRunStarted(): void {
  removeDocumentsTriggers();
  deleteProperties([PROPERTY.documentsRun]);
}

function removeDocumentsTriggers(): void {
  for (const trigger of projectTriggers()) if (trigger.getHandlerFunction() === DOCUMENTS_HANDLER) deleteTrigger(trigger);
}
