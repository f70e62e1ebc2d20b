// What the console shows, read from the emulator's state: tabs with their formats, mail, Drive,
// bookings, triggers, the clock. Nothing here is made up: every value comes from a service's state.
import type { Emulator } from '../emulator/src';
import type { LocalWorld } from './world';
import { bookingCalendar, openSessions, payments, products } from './actions';

export interface TabView {
  name: string;
  /** Displayed values (the cell formats the product set: dates, euros), header row first. */
  rows: string[][];
}

export function tabs(emu: Emulator): TabView[] {
  return emu.spreadsheet
    .sheetNames()
    .map((name) => ({ name, rows: emu.spreadsheet.displayValues(name) }))
    .filter((t) => t.rows.length > 0);
}

export function outbox(emu: Emulator) {
  return emu.mail.outbox().map((m, i) => ({
    index: i,
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    from: m.name ? `${m.name} <${m.from}>` : m.from,
    replyTo: m.replyTo,
    subject: m.subject,
    body: m.body,
    html: m.htmlBody !== null,
    sentAt: m.sentAt,
    attachments: m.attachments.map((a, j) => ({
      name: a.name ?? `pièce ${j + 1}`,
      contentType: a.contentType ?? 'application/octet-stream',
      size: a.bytes.length,
      url: `/outbox/${i}/${j}`,
    })),
  }));
}

export function drive(emu: Emulator) {
  const files = emu.drive.files();
  const byId = new Map(files.map((f) => [f.id, f]));
  const pathOf = (id: string, depth = 0): string => {
    const f = byId.get(id);
    if (!f || depth > 20) return '';
    const parent = f.parents[0];
    return byId.has(parent) ? `${pathOf(parent, depth + 1)}/${f.name}` : `/${f.name}`;
  };
  return files
    .filter((f) => !f.trashed)
    .map((f) => ({
      id: f.id,
      name: f.name,
      path: pathOf(f.id),
      mimeType: f.mimeType,
      folder: f.mimeType === 'application/vnd.google-apps.folder',
      size: f.size,
      sharing: f.sharing,
      viewers: f.viewers,
      url: `/drive/${f.id}`,
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export function calendar(emu: Emulator) {
  const id = bookingCalendar(emu);
  let events: Array<Record<string, unknown>> = [];
  try {
    events = emu.calendar.events(id);
  } catch {
    // A booking calendar that does not exist: the Journal says so; nothing to list.
  }
  return {
    calendarId: id,
    events: events
      .map((e) => {
        const start = e.start as { dateTime?: string; date?: string } | undefined;
        const end = e.end as { dateTime?: string; date?: string } | undefined;
        return {
          id: String(e.id),
          title: String(e.summary ?? ''),
          start: Date.parse(String(start?.dateTime ?? start?.date ?? '')),
          end: Date.parse(String(end?.dateTime ?? end?.date ?? '')),
          status: String(e.status ?? ''),
          attendees: ((e.attendees as Array<{ email: string; displayName?: string; responseStatus?: string }> | undefined) ?? []).map((a) => ({
            email: a.email,
            name: a.displayName ?? '',
            response: a.responseStatus ?? '',
          })),
        };
      })
      .sort((a, b) => a.start - b.start),
  };
}

export function triggers(emu: Emulator) {
  return {
    installed: emu.script.triggers().map((t) => ({ handler: t.handler, eventType: t.eventType, source: t.source, sourceId: t.sourceId, nextRun: t.nextRun })),
    failures: emu.triggerFailures.map((f) => ({ handler: f.handler, at: f.at, message: f.error.message })),
  };
}

export function snapshot(world: LocalWorld) {
  const emu = world.emu;
  return {
    now: emu.rt.clock.now(),
    realNow: Date.now(),
    webAppUrl: world.webAppUrl(),
    stripe: world.realStripe ? 'real' : 'fake',
    menus: emu.spreadsheet.menus(),
    tabs: tabs(emu),
    outbox: outbox(emu),
    drive: drive(emu),
    calendar: calendar(emu),
    triggers: triggers(emu),
  };
}

export function shopState(world: LocalWorld) {
  const emu = world.emu;
  return {
    now: emu.rt.clock.now(),
    stripe: world.realStripe ? 'real' : 'fake',
    products: products(emu),
    openSessions: openSessions(emu),
    payments: payments(emu),
    bookings: calendar(emu).events,
  };
}
