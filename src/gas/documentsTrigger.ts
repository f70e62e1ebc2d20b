// The documents run: a one-off time trigger that makes the PDFs and sends the e-mails about a minute
// after a webhook recorded a payment, so that Stripe's delivery is answered without waiting for them.
// At most one is pending at a time (Apps Script allows 20 triggers per user per script); its own run
// deletes it. When it cannot be created (quota, too many triggers) the 10-minute backstop does the work.
import { deleteProperties, PROPERTY, readProperty, writeProperty } from './scriptProperties';
import { deleteTrigger, installOnceAfter, projectTriggers } from './triggers';

export const DOCUMENTS_HANDLER = 'carnetDocuments';
const DELAY_MS = 60 * 1000;
/** A run scheduled this long ago and not started did not fire (deleted by hand): another one is made. */
const STALE_MS = 10 * 60 * 1000;

/** Schedules the documents run unless one is pending. Call under the script lock. False when the trigger could not be made. */
export function scheduleDocumentsRun(): boolean {
  const since = Number(readProperty(PROPERTY.documentsRun) ?? '');
  if (since && Date.now() - since < STALE_MS) return true;
  try {
    if (since) removeDocumentsTriggers();
    installOnceAfter(DOCUMENTS_HANDLER, DELAY_MS);
  } catch (error) {
    // Nothing is lost: the documents wait in Factures and the backstop makes them within 10 minutes.
    console.warn(`documents run not scheduled: ${String((error as Error)?.message ?? error)}`);
    return false;
  }
  writeProperty(PROPERTY.documentsRun, String(Date.now()));
  return true;
}

/** The documents run started: its trigger goes (a fired one-off trigger still counts until deleted), and the next payment schedules a new one. */
export function documentsRunStarted(): void {
  removeDocumentsTriggers();
  deleteProperties([PROPERTY.documentsRun]);
}

function removeDocumentsTriggers(): void {
  for (const trigger of projectTriggers()) if (trigger.getHandlerFunction() === DOCUMENTS_HANDLER) deleteTrigger(trigger);
}
