// The dashboard in one server call: each tab it needs is read once, in one block (a single
// getValues per tab, no per-row call), then everything is computed in memory.
import type { Dashboard, Figures, TodoItem } from '../../../ui/contract';
import { BOOKING_STATUS, EVENT_STATUS, INVOICE_STATUS, PAYMENT_STATUS, TABS, type CellValue, type TabKey } from '../../../domain/schema';
import { eurosToCents, formatEuros } from '../../../domain/money';
import { asNumber, asText, isDate } from '../../../domain/values';
import { blockRecords } from '../../../gas/table';
import { Workbook } from '../../../gas/workbook';
import { formatInZone, formatMoment, now } from '../../../gas/clock';
import { remainingMailQuota } from '../../../gas/mail';
import { scriptTimeZone } from '../../../gas/session';
import { cockpitText } from '../../../i18n/cockpitText';
import { PROPERTY, readProperty } from '../../../gas/scriptProperties';

const TODO_LIMIT = 40;
const DAY_MS = 24 * 3600 * 1000;

type Rows = Array<Record<string, CellValue>>;

/** A whole tab as records keyed by header, in one read; empty when the tab is missing. */
function tab(book: Workbook, key: TabKey): Rows {
  const sheet = book.spreadsheet.getSheetByName(TABS[key]);
  if (!sheet) return [];
  return blockRecords(sheet.getDataRange().getValues() as CellValue[][]).map((r) => r.values);
}

export function loadDashboard(): Dashboard {
  const book = Workbook.active();
  const locale = book.settings.locale;
  const text = cockpitText(locale);
  const at = now();
  const data = {
    events: tab(book, 'events'),
    invoices: tab(book, 'invoices'),
    bookings: tab(book, 'bookings'),
    payments: tab(book, 'payments'),
    clients: tab(book, 'clients'),
    receipts: tab(book, 'receipts'),
  };
  const todo: TodoItem[] = [];
  for (const e of data.events) {
    const status = asText(e['Statut']);
    if (status !== EVENT_STATUS.failed && status !== EVENT_STATUS.abandoned && status !== EVENT_STATUS.setAside) continue;
    // A set-aside event may be half applied: the admin checks it by hand, no button processes it again.
    const action = status === EVENT_STATUS.setAside ? null : 'retry';
    todo.push({ kind: 'event', id: asText(e['ID']), title: text.eventTodo(asText(e['Type'])), detail: `${status} : ${asText(e['Erreur'])}`, action });
  }
  for (const f of data.invoices) {
    const status = asText(f['Statut']);
    if (status !== INVOICE_STATUS.toSend && status !== INVOICE_STATUS.uncertain) continue;
    const number = asText(f['Numéro']);
    todo.push({
      kind: 'invoice',
      id: number,
      title: text.invoiceTodo(number, asText(f['E-mail'])),
      detail: text.invoiceTodoDetail(status, asText(f['Erreur'])),
      action: asText(f['Fichier']) ? 'resend' : null,
    });
  }
  for (const b of data.bookings) {
    if (asText(b['Statut']) !== BOOKING_STATUS.noCredit) continue;
    const start = b['Début'];
    if (isDate(start) && start.getTime() < at.getTime() - 7 * DAY_MS) continue;
    todo.push({
      kind: 'booking',
      id: asText(b['Événement']),
      title: text.bookingTodo(asText(b['E-mail'])),
      detail: isDate(start) ? formatMoment(start, locale) : '',
      action: null,
    });
  }
  for (const p of data.payments) {
    const status = asText(p['Statut']);
    const email = asText(p['E-mail']);
    if (status === PAYMENT_STATUS.disputed) {
      todo.push({ kind: 'dispute', id: asText(p['Session Stripe']), title: text.disputeTodo(email), detail: asText(p['Litige']), action: null });
    } else if (status === PAYMENT_STATUS.pending && asText(p['Demande'])) {
      const until = p['Expire le'];
      todo.push({
        kind: 'request',
        id: asText(p['Session Stripe']),
        title: text.requestTodo(email, formatEuros(eurosToCents(asNumber(p['Montant']) || 0), locale)),
        detail: isDate(until) ? text.requestTodoDetail(formatMoment(until, locale)) : '',
        action: null,
      });
    }
  }
  return { todo: todo.slice(0, TODO_LIMIT), figures: figures(book, data, at) };
}

function figures(book: Workbook, data: { events: Rows; bookings: Rows; clients: Rows; receipts: Rows }, at: Date): Figures {
  const locale = book.settings.locale;
  const text = cockpitText(locale);
  const tz = scriptTimeZone();
  const monthOf = (d: Date) => formatInZone(d, tz, 'yyyy-MM');
  // The last 12 months, oldest first, by calendar month in the script's time zone.
  const [year, month] = monthOf(at).split('-').map(Number);
  const months: Array<{ key: string; label: string; cents: number }> = [];
  for (let i = 11; i >= 0; i--) {
    const m = (((month - 1 - i) % 12) + 12) % 12;
    const y = year + Math.floor((month - 1 - i) / 12);
    months.push({ key: `${y}-${String(m + 1).padStart(2, '0')}`, label: text.monthsShort[m], cents: 0 });
  }
  const byKey = new Map(months.map((m) => [m.key, m]));
  for (const r of data.receipts) {
    const date = r['Date'];
    if (!isDate(date)) continue;
    const bucket = byKey.get(monthOf(date));
    const amount = asNumber(r['Montant']);
    if (bucket && Number.isFinite(amount)) bucket.cents += eurosToCents(amount);
  }
  let activeClients = 0;
  let creditsOutstanding = 0;
  for (const c of data.clients) {
    const balance = asNumber(c['Solde']);
    if (Number.isFinite(balance) && balance > 0) {
      activeClients += 1;
      creditsOutstanding += balance;
    }
  }
  // This week: Monday 00:00 to next Monday, in the script's time zone.
  const weekday = Number(formatInZone(at, tz, 'u'));
  const mondayKey = formatInZone(new Date(at.getTime() - (weekday - 1) * DAY_MS), tz, 'yyyy-MM-dd');
  const sundayKey = formatInZone(new Date(at.getTime() + (7 - weekday) * DAY_MS), tz, 'yyyy-MM-dd');
  let bookingsThisWeek = 0;
  for (const b of data.bookings) {
    const start = b['Début'];
    if (!isDate(start) || asText(b['Statut']) !== BOOKING_STATUS.booked) continue;
    const day = formatInZone(start, tz, 'yyyy-MM-dd');
    if (day >= mondayKey && day <= sundayKey) bookingsThisWeek += 1;
  }
  let lastWebhook: Date | null = null;
  for (const e of data.events) {
    const received = e['Reçu le'];
    if (asText(e['Source']) === 'webhook' && isDate(received) && (!lastWebhook || received.getTime() > lastWebhook.getTime())) lastWebhook = received;
  }
  const backstopMs = Number(readProperty(PROPERTY.lastBackstop));
  const thisMonth = months[months.length - 1].cents;
  const year12 = months.reduce((s, m) => s + m.cents, 0);
  return {
    revenueMonth: formatEuros(thisMonth, locale),
    revenueYear: formatEuros(year12, locale),
    months: months.map(({ label, cents }) => ({ label, cents })),
    activeClients,
    creditsOutstanding,
    bookingsThisWeek,
    mailQuota: remainingMailQuota(),
    lastWebhook: lastWebhook ? formatMoment(lastWebhook, locale) : null,
    lastBackstop: backstopMs ? formatMoment(new Date(backstopMs), locale) : null,
  };
}
