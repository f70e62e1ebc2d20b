// The daily job: credits past their expiry date leave the balance (a ledger row, motif
// « Expiration »), and clients are warned some days before their credits expire. The clients
// concerned are found with a regular-expression text finder on the `Lots` column, so the job's cost
// follows the number of clients concerned, not the size of the tab.
import { balance, ledgerStep, writeLots, type Lot } from '../../domain/ledger';
import { balanceAlert, creditsExpiringOn, isoDatesBeforePattern } from '../../domain/booking';
import type { Step } from '../../domain/plan';
import { MAIL_PRIORITY } from '../../domain/outbox';
import { addDaysToIso, formatDateLong, parseIsoDate } from '../../domain/localDate';
import { asText } from '../../domain/values';
import { bookingText } from '../../i18n/bookingText';
import { remindFailures } from '../stripe/failures';
import { Workbook } from '../../gas/workbook';
import { SchemaError } from '../../gas/table';
import { runPlan, resumePendingPlan } from '../plans';
import { withScriptLock } from '../../gas/lock';
import { journal } from '../../gas/journal';
import { adminEmail } from '../../gas/mail';
import { formatLocal, isoDay, now } from '../../gas/clock';
import { adjustmentSteps, checkCreditColumns, clientState, type ClientState } from './clientCredits';
import { alertMailSteps, mail, paragraphs, reportSettingProblems } from '../bookings/calendarSync';
import { maintainWorkbook } from '../admin/maintenance';
import { deliverOutbox } from '../mail/deliver';
import { PROPERTY, readProperty, writeProperty } from '../../gas/scriptProperties';

const LOCK_MS = 30 * 1000;
const WORK_BUDGET_MS = 4 * 60 * 1000;
/** Warnings missed on days the job did not run are caught up for at most this many days. */
const MAX_WARNING_DAYS = 31;

interface ExpiryState {
  /** The last day (ISO) whose run went to the end: a day without it is resumed by the backstop. */
  completedOn?: string;
  /** Every expiry date up to this one (ISO) has had its warnings sent. */
  warnedThrough?: string;
  /** "email|date" already warned in a run that stopped before the end. */
  warned?: string[];
}

export interface ExpiryReport {
  ran: boolean;
  expiredClients: number;
  expiredCredits: number;
  warned: number;
  complete: boolean;
}

/** The daily trigger's handler. */
export function runDaily(): ExpiryReport {
  const started = Date.now();
  const book = Workbook.active();
  const report: ExpiryReport = { ran: false, expiredClients: 0, expiredCredits: 0, warned: 0, complete: false };
  withScriptLock(LOCK_MS, () => {
    report.ran = true;
    if (resumePendingPlan(book)) journal(book, 'warning', book.text.walReplayed);
    expireCredits(book, () => Date.now() - started < WORK_BUDGET_MS, report);
    remindFailures(book);
    if (Date.now() - started < WORK_BUDGET_MS) maintainWorkbook(book);
    if (Date.now() - started < WORK_BUDGET_MS) deliverOutbox(book, () => Date.now() - started < WORK_BUDGET_MS);
  });
  return report;
}

/** The daily job's hour (Europe/Paris): its trigger fires then (admin/triggers.ts), and before it a day's run is not due yet. */
export const DAILY_HOUR = 6;

/** Today's run has not gone to the end (it stopped at its time budget, died, or its trigger did not fire). */
export function dailyRunDue(): boolean {
  const at = now();
  const hour = Number(formatLocal(at, 'H'));
  return hour >= DAILY_HOUR && loadState().completedOn !== isoDay(at);
}

function loadState(): ExpiryState {
  try {
    return (JSON.parse(readProperty(PROPERTY.expiry) ?? '{}') as ExpiryState) ?? {};
  } catch {
    return {};
  }
}

/** Rows of `Clients` whose `Lots` cell holds a lot expiring on a date that `datePattern` matches. */
function rowsWithExpiry(book: Workbook, datePattern: string): number[] {
  if (!datePattern) return [];
  return book.table('clients').findRowsMatching('Lots', `"expires":"(${datePattern})"`);
}

interface ClientRow {
  email: string;
  name: string;
  flag: string;
  client: ClientState;
}

function readRow(book: Workbook, row: number): ClientRow | null {
  const values = book.table('clients').read(row);
  const email = asText(values['E-mail']).toLowerCase();
  if (!email) return null;
  return { email, name: asText(values['Nom']), flag: asText(values['Alerte solde']), client: clientState(row, values) };
}

/** Removes expired credits and sends the warnings due. Must run under the script lock. */
export function expireCredits(book: Workbook, inTime: () => boolean, report: ExpiryReport): ExpiryReport {
  const text = bookingText(book.settings.locale);
  const today = isoDay(now());
  try {
    checkCreditColumns(book, true);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    journal(book, 'error', text.calendarProblem(error.message));
    return report;
  }
  reportSettingProblems(book);
  const admin = adminEmail(book);

  for (const row of rowsWithExpiry(book, isoDatesBeforePattern(today))) {
    if (!inTime()) return report;
    const found = readRow(book, row);
    if (!found) continue;
    const { email, name, client } = found;
    const gone = client.lots.filter((l) => l.expires !== null && l.expires < today && l.remaining > 0);
    if (gone.length === 0) continue;
    const at = now();
    const steps: Step[] = adjustmentSteps(book, email, client, `expiration:${email}:${today}`, at);
    const before = balance(client.lots);
    let running = before;
    gone.forEach((lot, i) => {
      running -= lot.remaining;
      steps.push(
        ledgerStep({
          operation: `expiration:${email}:${lot.ref}:${lot.expires}:${i}`,
          at,
          email,
          change: -lot.remaining,
          balanceAfter: running,
          motif: text.motifExpiry,
          reference: lot.ref,
          expires: lot.expires,
        }),
      );
    });
    const lots: Lot[] = client.lots.filter((l) => !gone.includes(l));
    const after = balance(lots);
    const alert = balanceAlert(found.flag, before, after, book.settings.lowBalanceThreshold);
    steps.push({ kind: 'upsert', tab: 'clients', key: email, values: { Solde: after, Lots: writeLots(lots), 'Alerte solde': alert.flag, 'Mis à jour': at } });
    steps.push(...alertMailSteps(book, admin, email, name, alert.send, after));
    runPlan(book, { cause: `expiration:${email}:${today}`, steps }, { client: row });
    report.expiredClients += 1;
    report.expiredCredits += before - after;
    journal(book, 'info', text.creditsExpired(email, before - after));
  }

  const state = loadState();
  const days = book.settings.expiryWarningDays;
  if (days > 0) {
    const target = addDaysToIso(today, days);
    // From the day after the last date warned (days the job did not run are caught up), only future expiries.
    let from = state.warnedThrough ? addDaysToIso(state.warnedThrough > today ? state.warnedThrough : today, 1) : target;
    if (from < addDaysToIso(target, -(MAX_WARNING_DAYS - 1))) from = addDaysToIso(target, -(MAX_WARNING_DAYS - 1));
    const dates: string[] = [];
    for (let d = from; d <= target; d = addDaysToIso(d, 1)) dates.push(d);
    const warned = new Set(state.warned ?? []);
    for (const row of rowsWithExpiry(book, dates.join('|'))) {
      if (!inTime()) return report;
      const found = readRow(book, row);
      if (!found) continue;
      for (const date of dates) {
        const credits = creditsExpiringOn(found.client.lots, date);
        const key = `${found.email}|${date}`;
        if (credits <= 0 || warned.has(key)) continue;
        warned.add(key);
        const dateText = formatDateLong(parseIsoDate(date), book.settings.locale);
        const link = book.settings.bookingLink;
        runPlan(book, {
          cause: `avertissement:${key}`,
          steps: [
            mail(
              found.email,
              text.expiryWarningSubject(credits, dateText),
              paragraphs(book, found.name, { text: text.expiryWarningBody(credits, dateText) }, link ? { text: text.bookLink, link } : null),
              MAIL_PRIORITY.reminder,
            ),
            {
              kind: 'setProperty',
              key: PROPERTY.expiry,
              value: JSON.stringify({ warnedThrough: state.warnedThrough, warned: [...warned] } satisfies ExpiryState),
            },
          ],
        });
        report.warned += 1;
        journal(book, 'info', text.expiryWarned(found.email, credits, dateText));
      }
    }
    if (dates.length) state.warnedThrough = target;
  }
  const done: ExpiryState = { completedOn: today, ...(state.warnedThrough ? { warnedThrough: state.warnedThrough } : {}) };
  writeProperty(PROPERTY.expiry, JSON.stringify(done));
  report.complete = true;
  return report;
}
