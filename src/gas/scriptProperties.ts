// Every Script Property Carnet keeps, and the one module that reads and writes them.
//
// Under the script lock, reads are served from one getProperties() snapshot taken at the first read
// of the lock section (one Properties call instead of one per key); writes go to the store and to the
// snapshot. Outside the lock (the webhook's token check, web pages) each read asks the store: another
// execution may change a value at any time, and a snapshot taken before the lock would miss, for
// example, an invoice counter advanced meanwhile. The snapshot is dropped when the lock is taken and
// released (gas/lock.ts), so it never outlives the section it was read in.

/** The keys (values are strings, 9 KB each at most). */
export const PROPERTY = {
  /** The Stripe secret key (CONTRACT.md). */
  stripeKey: 'STRIPE_SECRET_KEY',
  /** The secret the webhook URL carries as `?token=…` (CONTRACT.md). */
  webhookToken: 'WEBHOOK_TOKEN',
  /** The secret download tokens are derived from. */
  downloadSecret: 'DOWNLOAD_SECRET',
  /** The write-ahead copy of the plan being carried out (its further parts: `…_1`, `…_2`). */
  pendingPlan: 'CARNET_PENDING_PLAN',
  /** The Stripe `created` second up to which the backstop has polled events. */
  pollCursor: 'CARNET_POLL_CURSOR',
  /** When the backstop last finished (ms). */
  lastBackstop: 'CARNET_LAST_BACKSTOP',
  /** The calendar sync's place (sync token, listing in progress). */
  calendarSync: 'CARNET_CALENDAR_SYNC',
  /** The daily expiry job's progress and warnings already sent. */
  expiry: 'CARNET_EXPIRY',
  /** Causes of failed events already told to the admin. */
  failureCauses: 'CARNET_FAILURE_CAUSES',
  /** The deployed web app's /exec URL. */
  webAppUrl: 'CARNET_WEB_APP_URL',
  /** The Factures and Factures/<year> folder ids and the template's name and folder (gas/invoiceDrive.ts): checked by one Drive search per document. */
  invoiceFolders: 'CARNET_INVOICE_FOLDERS',
  /** Where each tab's keyed rows ended when Carnet last wrote to it (gas/layout.ts). */
  layout: 'CARNET_LAYOUT',
  /** When the pending documents run was scheduled (ms); absent when none is pending (gas/documentsTrigger.ts). */
  documentsRun: 'CARNET_DOCUMENTS_RUN',
} as const;

/** The numbering counter of one series of documents (`F`, `AV`…). */
export function counterProperty(prefix: string): string {
  return `CARNET_COUNTER_${prefix.toUpperCase()}`;
}

/** Part `i` (1…) of a pending plan too big for one value. */
export function planPartProperty(i: number): string {
  return `${PROPERTY.pendingPlan}_${i}`;
}

let locked = false;
let snapshot: Record<string, string> | null = null;
let handle: GoogleAppsScript.Properties.Properties | null = null;

/** Values to write with the next write under the lock, or when it is released (writeSoon). */
let deferred: Record<string, string> = {};

/** gas/lock.ts: the script lock was just taken (true) or is being released (false). */
export function scriptLockHeld(held: boolean): void {
  if (!held && Object.keys(deferred).length) {
    try {
      writeProperties({});
    } catch (error) {
      console.warn(`Script Properties not written at the lock's release: ${String((error as Error)?.message ?? error)}`);
    }
  }
  locked = held;
  snapshot = null;
  handle = null;
  deferred = {};
}

/** The store; under the lock, one handle for the whole section. */
function store(): GoogleAppsScript.Properties.Properties {
  if (!locked) return PropertiesService.getScriptProperties();
  handle ??= PropertiesService.getScriptProperties();
  return handle;
}

/** The value of `key`, or null. */
export function readProperty(key: string): string | null {
  if (!locked) return store().getProperty(key);
  snapshot ??= store().getProperties();
  return Object.prototype.hasOwnProperty.call(snapshot, key) ? snapshot[key] : null;
}

/** Every property (one call; the snapshot under the lock). */
export function readAllProperties(): Record<string, string> {
  if (!locked) return store().getProperties();
  snapshot ??= store().getProperties();
  return { ...snapshot };
}

/** Writes these values in one call (all or nothing), with those waiting to be written soon. */
export function writeProperties(given: Record<string, string>): void {
  const values = { ...deferred, ...given };
  deferred = {};
  const keys = Object.keys(values);
  if (keys.length === 0) return;
  if (keys.length === 1) store().setProperty(keys[0], values[keys[0]]);
  else store().setProperties(values);
  if (snapshot) Object.assign(snapshot, values);
}

/**
 * Under the lock: a value that need not be written at once rides with the next write (a plan's
 * write-ahead copy) or goes when the lock is released, saving a Properties call; read back at once.
 * Outside the lock: written now.
 */
export function writeSoon(key: string, value: string): void {
  if (!locked) return writeProperty(key, value);
  snapshot ??= store().getProperties();
  snapshot[key] = value;
  deferred[key] = value;
}

export function writeProperty(key: string, value: string): void {
  writeProperties({ [key]: value });
}

/** Removes these keys (one call each: Apps Script has no batch delete short of deleting everything). */
export function deleteProperties(keys: readonly string[]): void {
  for (const key of keys) {
    delete deferred[key];
    store().deleteProperty(key);
    if (snapshot) delete snapshot[key];
  }
}
