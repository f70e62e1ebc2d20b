// carnetDocuments: the run a webhook schedules 15 s ahead (it starts within about a minute). Under the script lock it finishes any
// interrupted plan, applies the events that webhooks left in the inbox because the lock was busy (a
// burst of payments), then makes the PDFs and sends the e-mails of every document still due, within
// its time budget; what it leaves (time out, a quota) is scheduled again or left to the backstop.
import { Workbook } from '../../gas/workbook';
import { withScriptLock } from '../../gas/lock';
import { claimDocumentsRun, documentsRunStarted, scheduleDocumentsRun } from '../../gas/documentsTrigger';
import { EVENT_TABS, recover } from '../stripe/ingest';
import { primeLayout } from '../../gas/layout';
import { catchUpInbox } from '../stripe/backstop';
import { StripeApi, stripeKey } from '../../gas/stripeApi';
import { pendingDocumentRows, produceDocuments, type ProduceReport } from './documents';
import { deliverOutbox } from '../mail/deliver';

const LOCK_MS = 30 * 1000;
/** Stop starting new documents after this much of the 6-minute execution limit. */
const WORK_BUDGET_MS = 4 * 60 * 1000;

export interface DocumentsRunReport extends ProduceReport {
  ran: boolean;
}

export function runDocuments(): DocumentsRunReport {
  const started = Date.now();
  const book = Workbook.active();
  const report: DocumentsRunReport = { ran: false, rendered: 0, sent: 0, failed: 0 };
  const locked = withScriptLock(LOCK_MS, () => {
    documentsRunStarted();
    // Every tab's header and saved last row in one call: the inbox, the documents due, the journal, the outbox.
    primeLayout(book, EVENT_TABS);
    recover(book);
    const inTime = () => Date.now() - started < WORK_BUDGET_MS;
    const key = stripeKey();
    if (key) catchUpInbox(book, new StripeApi(key), inTime);
    Object.assign(report, produceDocuments(book, pendingDocumentRows(book), inTime), { ran: true });
    // Then what waits in Envois (alerts, confirmations), by priority: invoices have gone first.
    if (inTime()) deliverOutbox(book, inTime);
    // Out of time with documents left: another run follows (a failure that waits for a fix does not count).
    if (!inTime() && pendingDocumentRows(book).length) {
      const claim = claimDocumentsRun();
      if (claim) scheduleDocumentsRun(claim);
    }
  });
  // Another run holds the lock (a webhook, the backstop): this trigger goes and a new one tries again shortly.
  if (!locked.acquired) {
    documentsRunStarted();
    const claim = claimDocumentsRun();
    if (claim) scheduleDocumentsRun(claim);
  }
  return report;
}
