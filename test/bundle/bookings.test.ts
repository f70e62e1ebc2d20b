// Bookings through the Google Calendar appointment schedule, on the built bundle with the emulator's
// calendar: each booking costs one credit, cancelling early gives it back, and no change is ever
// counted twice (trigger and sweep, resumed runs, a sync token refused by Google).
import { Emulator } from '../../emulator/src';
import { addLessonPack, client, install, journal, records, runBackstop, setSetting, deliverAndSettle } from './harness';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Tuesday 24 November 2026, 10:00 in Paris: three days after the harness's start. */
const TUESDAY_10H = Date.UTC(2026, 10, 24, 9);
const OWNER = 'prof@example.com';
const SHOP = 'https://buy.stripe.com/pack10';
const TITLE = 'Cours de français (Claire Martin)';

let packs = 0;

/** A client who bought `credits` lesson credits through Stripe (the real path: webhook, ledger, invoice). */
function buyCredits(emu: Emulator, email: string, credits: number, validityDays?: number, name = 'Alice Dupont'): void {
  packs += 1;
  const { price } = addLessonPack(emu, `PACK${packs}`, credits, credits * 3000, validityDays ? { 'Validité (jours)': validityDays } : {});
  const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email, name });
  deliverAndSettle(emu, String(event.id));
}

function setUp(options: { credits?: number; settings?: Record<string, string | number> } = {}): Emulator {
  const emu = install({ settings: { "Lien d'achat de crédits": SHOP, ...options.settings } });
  if (options.credits !== undefined) buyCredits(emu, 'alice@example.com', options.credits);
  emu.mail.clearOutbox();
  return emu;
}

/** The client books on the appointment schedule: an event on the owner's calendar with them as guest. */
function book(emu: Emulator, email = 'alice@example.com', startMs = TUESDAY_10H, options: { title?: string; calendarId?: string; name?: string } = {}): string {
  const event = emu.calendar.book({
    calendarId: options.calendarId,
    title: options.title ?? TITLE,
    start: new Date(startMs),
    end: new Date(startMs + HOUR),
    attendees: [{ email, displayName: options.name ?? 'Alice Dupont' }],
    meet: true,
  });
  return String(event.id);
}

/** Time passes a little: the calendar trigger fires for the changes made since. */
function sync(emu: Emulator): void {
  emu.advance(1000);
}

function bookingRow(emu: Emulator, id: string): Record<string, unknown> | undefined {
  return records(emu, 'Réservations').find((r) => r['Événement'] === id);
}

function balance(emu: Emulator, email = 'alice@example.com'): unknown {
  return client(emu, email)?.['Solde'];
}

function ledgerOf(emu: Emulator, id: string): Array<Record<string, unknown>> {
  return records(emu, 'Crédits').filter((r) => r['Référence'] === id);
}

function subjects(emu: Emulator, email: string): string[] {
  return emu.mail.sentTo(email).map((m) => m.subject);
}

function calendarTriggerUid(emu: Emulator, handler: string): string {
  const trigger = emu.script.triggers().find((t) => t.handler === handler);
  if (!trigger) throw new Error(`no trigger ${handler}`);
  return trigger.uid;
}

describe('a client with credits books a lesson', () => {
  test('one credit leaves the balance, the ledger says why, a Réservations row, and a confirmation in French with the Meet link', () => {
    const emu = setUp({ credits: 10 });
    const id = book(emu);
    sync(emu);

    expect(balance(emu)).toBe(9);
    const rows = ledgerOf(emu, id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 'E-mail': 'alice@example.com', Variation: -1, Solde: 9, Motif: 'Réservation du mardi 24 novembre 2026 à 10 h 00' });
    expect(bookingRow(emu, id)).toMatchObject({
      'E-mail': 'alice@example.com',
      Statut: 'réservé',
      Début: new Date(TUESDAY_10H),
      Fin: new Date(TUESDAY_10H + HOUR),
      Crédit: 1,
    });
    const mails = emu.mail.sentTo('alice@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Cours réservé : mardi 24 novembre 2026 à 10 h 00');
    expect(mails[0].body).toContain('il vous reste 9 crédits');
    expect(mails[0].body).toMatch(/https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}/);
    expect(mails[0].body).toContain('jusqu’à 24 h avant le cours');
    expect(mails[0].htmlBody).toContain('<a href="https://meet.google.com/');
    expect(emu.triggerFailures).toEqual([]);
  });

  test('the credit comes from the pack that expires first', () => {
    const emu = setUp();
    buyCredits(emu, 'alice@example.com', 5);
    buyCredits(emu, 'alice@example.com', 3, 60);
    const id = book(emu);
    sync(emu);
    expect(balance(emu)).toBe(7);
    const lots = JSON.parse(String(client(emu, 'alice@example.com')?.['Lots'])) as Array<{ remaining: number; expires: string | null }>;
    expect(lots.map((l) => [l.remaining, l.expires])).toEqual([
      [5, null],
      [2, '2027-01-20'],
    ]);
    expect(JSON.parse(String(bookingRow(emu, id)?.['Lot']))).toEqual([expect.objectContaining({ remaining: 1, expires: '2027-01-20' })]);
  });

  test('seen again by the backstop sweep, by another trigger run and by setup: still one credit, one row, one e-mail', () => {
    const emu = setUp({ credits: 10 });
    const id = book(emu);
    sync(emu);
    runBackstop(emu);
    emu.run('carnetCalendarChanged', [{ triggerUid: calendarTriggerUid(emu, 'carnetCalendarChanged'), calendarId: OWNER }]);
    emu.run('setup');
    // A change that is not a move nor a cancellation: the event is listed again.
    emu.calendar.patchEvent('primary', id, { description: 'Niveau B1' });
    sync(emu);
    runBackstop(emu);
    expect(emu.triggerFailures).toEqual([]);
    expect(balance(emu)).toBe(9);
    expect(ledgerOf(emu, id)).toHaveLength(1);
    expect(records(emu, 'Réservations')).toHaveLength(1);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
  });

  test('the backstop alone finds a booking whose trigger never fired', () => {
    const emu = setUp({ credits: 10 });
    // The trigger is gone (deleted by hand, or Google did not fire it).
    emu.script.remove(calendarTriggerUid(emu, 'carnetCalendarChanged'));
    const id = book(emu);
    sync(emu);
    expect(bookingRow(emu, id)).toBeUndefined();
    runBackstop(emu);
    expect(bookingRow(emu, id)).toMatchObject({ Statut: 'réservé' });
    expect(balance(emu)).toBe(9);
  });
});

describe('cancellations', () => {
  test('cancelled more than 24 h before: the credit comes back to its pack, status annulé, the client is told', () => {
    const emu = setUp({ credits: 10 });
    const id = book(emu);
    sync(emu);
    emu.calendar.cancel('primary', id);
    sync(emu);
    expect(balance(emu)).toBe(10);
    expect(ledgerOf(emu, id).map((r) => [r['Variation'], r['Solde']])).toEqual([
      [-1, 9],
      [1, 10],
    ]);
    expect(ledgerOf(emu, id)[1]['Motif']).toBe('Annulation de la réservation du mardi 24 novembre 2026 à 10 h 00');
    expect(bookingRow(emu, id)).toMatchObject({ Statut: 'annulé', Crédit: 0 });
    const last = emu.mail.sentTo('alice@example.com').pop();
    expect(last?.subject).toBe('Cours annulé : mardi 24 novembre 2026 à 10 h 00');
    expect(last?.body).toContain('Votre crédit vous a été rendu : vous avez maintenant 10 crédits.');
    expect(JSON.parse(String(client(emu, 'alice@example.com')?.['Lots']))).toHaveLength(1);
  });

  test('several changes of one client in the same sync: each sees the balance the one before left (no credit taken or given twice)', () => {
    const emu = setUp({ credits: 3 });
    const first = book(emu);
    sync(emu);
    expect(balance(emu)).toBe(2);
    // One sync sees three changes of alice: two new bookings and the first one cancelled early.
    const second = book(emu, 'alice@example.com', TUESDAY_10H + DAY);
    const third = book(emu, 'alice@example.com', TUESDAY_10H + 2 * DAY);
    emu.calendar.cancel('primary', first);
    emu.mail.clearOutbox();
    sync(emu);
    expect(balance(emu)).toBe(1);
    const ledger = records(emu, 'Crédits').filter((r) => r['E-mail'] === 'alice@example.com');
    // A running balance: each line's Solde is the one before plus its Variation.
    for (let i = 1; i < ledger.length; i++) expect(ledger[i]['Solde']).toBe(Number(ledger[i - 1]['Solde']) + Number(ledger[i]['Variation']));
    expect(ledger.map((r) => r['Variation'])).toEqual([3, -1, ...ledger.slice(2).map((r) => r['Variation'])]);
    expect(
      ledger
        .slice(2)
        .map((r) => r['Variation'])
        .sort(),
    ).toEqual([-1, -1, 1]);
    expect([first, second, third].map((id) => bookingRow(emu, id)?.['Statut'])).toEqual(['annulé', 'réservé', 'réservé']);
    expect(JSON.parse(String(client(emu, 'alice@example.com')?.['Lots']))).toEqual([expect.objectContaining({ remaining: 1 })]);
    // One e-mail per change, each with the balance after it.
    const mails = subjects(emu, 'alice@example.com');
    expect(mails.filter((m) => m.startsWith('Cours réservé'))).toHaveLength(2);
    expect(mails.filter((m) => m.startsWith('Cours annulé'))).toHaveLength(1);
  });

  test('deleted from the calendar, or declined by the client: the same as a cancellation', () => {
    const emu = setUp({ credits: 10 });
    const deleted = book(emu);
    const declined = book(emu, 'alice@example.com', TUESDAY_10H + DAY);
    sync(emu);
    expect(balance(emu)).toBe(8);
    emu.calendar.deleteEvent('primary', deleted);
    emu.calendar.decline('primary', declined, 'alice@example.com');
    sync(emu);
    expect(balance(emu)).toBe(10);
    expect(bookingRow(emu, deleted)?.['Statut']).toBe('annulé');
    expect(bookingRow(emu, declined)?.['Statut']).toBe('annulé');
  });

  test('cancelled less than 24 h before: annulation tardive, the teacher keeps the credit, the e-mail says so', () => {
    const emu = setUp({ credits: 10 });
    const id = book(emu);
    sync(emu);
    emu.rt.clock.set(TUESDAY_10H - 3 * HOUR);
    emu.calendar.cancel('primary', id);
    sync(emu);
    expect(balance(emu)).toBe(9);
    expect(ledgerOf(emu, id)).toHaveLength(1);
    expect(bookingRow(emu, id)).toMatchObject({ Statut: 'annulation tardive', Crédit: 1 });
    expect(emu.mail.sentTo('alice@example.com').pop()?.body).toContain(
      'moins de 24 h avant son début : comme prévu par les conditions d’annulation, le crédit n’est pas rendu',
    );
  });

  test('the window is the setting, and the setting "Rendre le crédit en cas d\'annulation tardive" gives it back anyway', () => {
    const emu = setUp({ credits: 10, settings: { "Délai d'annulation (heures)": 48, "Rendre le crédit en cas d'annulation tardive": 'oui' } });
    const id = book(emu);
    sync(emu);
    emu.rt.clock.set(TUESDAY_10H - 47 * HOUR);
    emu.calendar.cancel('primary', id);
    sync(emu);
    expect(bookingRow(emu, id)?.['Statut']).toBe('annulation tardive');
    expect(balance(emu)).toBe(10);
    expect(emu.mail.sentTo('alice@example.com').pop()?.body).toContain('moins de 48 h avant son début. Votre crédit vous a tout de même été rendu');
  });

  test('a cancellation seen late by the sweep is judged at the time it was made', () => {
    const emu = setUp({ credits: 10 });
    const id = book(emu);
    sync(emu);
    emu.script.remove(calendarTriggerUid(emu, 'carnetCalendarChanged'));
    emu.rt.clock.set(TUESDAY_10H - 24 * HOUR - 60 * 1000);
    emu.calendar.cancel('primary', id);
    // The sweep runs 10 minutes later, inside the 24 hours.
    runBackstop(emu);
    expect(bookingRow(emu, id)?.['Statut']).toBe('annulé');
    expect(balance(emu)).toBe(10);
  });
});

describe('a booking moved to another time', () => {
  test('no credit change, the row follows, the client is told, and the window applies to the new time', () => {
    const emu = setUp({ credits: 10 });
    const id = book(emu);
    sync(emu);
    const newStart = Date.UTC(2026, 10, 21, 15);
    emu.calendar.move('primary', id, new Date(newStart), new Date(newStart + HOUR));
    sync(emu);
    expect(balance(emu)).toBe(9);
    expect(ledgerOf(emu, id)).toHaveLength(1);
    expect(bookingRow(emu, id)).toMatchObject({ Statut: 'réservé', Début: new Date(newStart), Fin: new Date(newStart + HOUR) });
    expect(emu.mail.sentTo('alice@example.com').pop()?.body).toContain(
      'Votre cours du mardi 24 novembre 2026 à 10 h 00 est déplacé au samedi 21 novembre 2026 à 16 h 00.',
    );
    // Cancelled 3 days before the old time but a few hours before the new one: late.
    emu.calendar.cancel('primary', id);
    sync(emu);
    expect(bookingRow(emu, id)?.['Statut']).toBe('annulation tardive');
    expect(balance(emu)).toBe(9);
  });
});

describe('a booking without credit', () => {
  test('a client at 0: row sans crédit, no debit (never a negative balance), the link to buy credits, and the admin is told', () => {
    const emu = setUp({ credits: 1 });
    const first = book(emu);
    sync(emu);
    expect(balance(emu)).toBe(0);
    emu.mail.clearOutbox();
    const second = book(emu, 'alice@example.com', TUESDAY_10H + DAY);
    sync(emu);
    expect(balance(emu)).toBe(0);
    expect(ledgerOf(emu, second)).toEqual([]);
    expect(bookingRow(emu, first)?.['Statut']).toBe('réservé');
    expect(bookingRow(emu, second)).toMatchObject({ Statut: 'sans crédit', Crédit: 0 });
    const mail = emu.mail.sentTo('alice@example.com');
    expect(mail.map((m) => m.subject)).toEqual(['Réservation du mercredi 25 novembre 2026 à 10 h 00 : aucun crédit disponible']);
    expect(mail[0].body).toContain('votre compte n’a plus de crédit');
    expect(mail[0].body).toContain(SHOP);
    expect(subjects(emu, OWNER)).toEqual(['Carnet : réservation sans crédit de alice@example.com']);
    // Cancelled: nothing to give back, and the event stays a booking without credit in the history.
    emu.calendar.cancel('primary', second);
    sync(emu);
    expect(balance(emu)).toBe(0);
    expect(bookingRow(emu, second)?.['Statut']).toBe('annulé');
  });

  test('someone who is not in Clients: row sans crédit, an e-mail with the link to buy credits, one to the admin, no client created', () => {
    const emu = setUp();
    const id = book(emu, 'Bob@Example.org', TUESDAY_10H, { name: 'Bob' });
    sync(emu);
    expect(bookingRow(emu, id)).toMatchObject({ 'E-mail': 'bob@example.org', Nom: 'Bob', Statut: 'sans crédit' });
    expect(records(emu, 'Clients')).toEqual([]);
    expect(records(emu, 'Crédits')).toEqual([]);
    const mail = emu.mail.sentTo('bob@example.org');
    expect(mail).toHaveLength(1);
    expect(mail[0].body).toContain('aucun crédit de cours n’est enregistré à votre adresse e-mail');
    expect(mail[0].body).toContain(SHOP);
    expect(emu.mail.sentTo(OWNER)[0].body).toContain('n’est pas dans l’onglet Clients');
  });

  test('with "Refuser les réservations sans crédit": the event is cancelled in the calendar and the row says refusé', () => {
    const emu = setUp({ settings: { 'Refuser les réservations sans crédit': 'oui' } });
    const id = book(emu, 'bob@example.org');
    sync(emu);
    expect(emu.calendar.event('primary', id)?.status).toBe('cancelled');
    expect(bookingRow(emu, id)?.['Statut']).toBe('refusé');
    expect(emu.mail.sentTo('bob@example.org')[0].body).toContain('Votre réservation a donc été annulée');
    expect(emu.mail.sentTo(OWNER)[0].body).toContain('Carnet a annulé l’événement');
    // The cancellation Carnet made comes back through the sync: nothing more happens.
    sync(emu);
    runBackstop(emu);
    expect(bookingRow(emu, id)?.['Statut']).toBe('refusé');
    expect(emu.mail.sentTo('bob@example.org')).toHaveLength(1);
  });
});

describe('what is not a booking', () => {
  test('the owner’s own events, all-day blocks and guests who already declined: no row, no credit, no e-mail', () => {
    const emu = setUp({ credits: 10 });
    const own = emu.calendar.book({ title: 'Dentiste', start: new Date(TUESDAY_10H), end: new Date(TUESDAY_10H + HOUR), attendees: [] });
    const Calendar = emu.calendar.globals().Calendar as { Events: { insert(resource: object, calendarId: string): { id: string } } };
    const allDay = Calendar.Events.insert(
      { summary: TITLE, start: { date: '2026-11-25' }, end: { date: '2026-11-26' }, attendees: [{ email: 'alice@example.com' }] },
      'primary',
    );
    const declined = emu.calendar.book({
      title: TITLE,
      start: new Date(TUESDAY_10H),
      end: new Date(TUESDAY_10H + HOUR),
      attendees: [{ email: 'alice@example.com', responseStatus: 'declined' }],
    });
    sync(emu);
    runBackstop(emu);
    expect(records(emu, 'Réservations')).toEqual([]);
    for (const id of [String(own.id), allDay.id, String(declined.id)]) expect(ledgerOf(emu, id)).toEqual([]);
    expect(balance(emu)).toBe(10);
    expect(emu.mail.outbox()).toEqual([]);
  });

  test('with "Nom du planning de rendez-vous" set, only events whose title contains it are bookings', () => {
    const emu = setUp({ credits: 10, settings: { 'Nom du planning de rendez-vous': 'cours de français' } });
    const meeting = book(emu, 'alice@example.com', TUESDAY_10H, { title: 'Réunion parents-professeurs' });
    const lesson = book(emu, 'alice@example.com', TUESDAY_10H + DAY);
    sync(emu);
    expect(bookingRow(emu, meeting)).toBeUndefined();
    expect(bookingRow(emu, lesson)?.['Statut']).toBe('réservé');
    expect(balance(emu)).toBe(9);
  });
});

describe('balance alerts', () => {
  test('reaching the low threshold: one reminder; reaching 0: the client (with the link) and the admin; again only after a rise', () => {
    const emu = setUp({ credits: 3 });
    const first = book(emu, 'alice@example.com', TUESDAY_10H);
    sync(emu);
    expect(subjects(emu, 'alice@example.com')).toEqual(['Cours réservé : mardi 24 novembre 2026 à 10 h 00']);
    book(emu, 'alice@example.com', TUESDAY_10H + DAY);
    sync(emu);
    expect(subjects(emu, 'alice@example.com').slice(1)).toEqual(['Cours réservé : mercredi 25 novembre 2026 à 10 h 00', 'Plus qu’un crédit de cours']);
    expect(client(emu, 'alice@example.com')?.['Alerte solde']).toBe('bas');
    const third = book(emu, 'alice@example.com', TUESDAY_10H + 2 * DAY);
    sync(emu);
    expect(balance(emu)).toBe(0);
    const empty = emu.mail.sentTo('alice@example.com').pop();
    expect(empty?.subject).toBe('Vous n’avez plus de crédit de cours');
    expect(empty?.body).toContain(SHOP);
    expect(subjects(emu, OWNER)).toEqual(['Carnet : alice@example.com n’a plus de crédit']);

    // Moves and syncs that change nothing send nothing.
    emu.mail.clearOutbox();
    runBackstop(emu);
    expect(emu.mail.outbox()).toEqual([]);

    // A credit comes back (cancelled early), then is used again: the balance rose and fell, the alert comes again.
    emu.calendar.cancel('primary', third);
    sync(emu);
    expect(balance(emu)).toBe(1);
    book(emu, 'alice@example.com', TUESDAY_10H + 3 * DAY);
    sync(emu);
    expect(balance(emu)).toBe(0);
    expect(subjects(emu, 'alice@example.com')).toEqual([
      'Cours annulé : jeudi 26 novembre 2026 à 10 h 00',
      'Cours réservé : vendredi 27 novembre 2026 à 10 h 00',
      'Vous n’avez plus de crédit de cours',
    ]);
    expect(subjects(emu, OWNER)).toEqual(['Carnet : alice@example.com n’a plus de crédit']);
    void first;
  });

  test('after a purchase the reminders start again', () => {
    const emu = setUp({ credits: 2, settings: { 'Seuil de solde bas': 2 } });
    book(emu, 'alice@example.com', TUESDAY_10H);
    sync(emu);
    expect(subjects(emu, 'alice@example.com')).toContain('Plus qu’un crédit de cours');
    buyCredits(emu, 'alice@example.com', 2);
    emu.mail.clearOutbox();
    book(emu, 'alice@example.com', TUESDAY_10H + DAY);
    sync(emu);
    expect(balance(emu)).toBe(2);
    expect(subjects(emu, 'alice@example.com')).toEqual(['Cours réservé : mercredi 25 novembre 2026 à 10 h 00', 'Plus que 2 crédits de cours']);
  });
});

describe('robustness', () => {
  test('a sync token refused by Google (410) halfway: full resync of the window, nothing counted twice, nothing missed', () => {
    const emu = setUp({ credits: 10 });
    const a = book(emu, 'alice@example.com', TUESDAY_10H);
    const b = book(emu, 'alice@example.com', TUESDAY_10H + DAY);
    sync(emu);
    expect(balance(emu)).toBe(8);
    emu.calendar.invalidateSyncTokens();
    emu.calendar.cancel('primary', a);
    const c = book(emu, 'alice@example.com', TUESDAY_10H + 2 * DAY);
    sync(emu);
    expect(journal(emu)).toContain(
      'Agenda : la synchronisation a expiré (jeton refusé par Google) ; Carnet relit les 30 derniers jours et l’année à venir, sans rien compter deux fois.',
    );
    expect(balance(emu)).toBe(8);
    expect([a, b, c].map((id) => bookingRow(emu, id)?.['Statut'])).toEqual(['annulé', 'réservé', 'réservé']);
    expect([a, b, c].map((id) => ledgerOf(emu, id).length)).toEqual([2, 1, 1]);
    // The new token works: the next change is read incrementally.
    emu.calendar.cancel('primary', b);
    sync(emu);
    expect(balance(emu)).toBe(9);
    expect(journal(emu).filter((l) => l.includes('jeton refusé'))).toHaveLength(1);
  });

  test('a token invalidated while a long sync is between two pages: every booking counted exactly once', () => {
    const emu = setUp();
    for (let i = 0; i < 15; i++) buyCredits(emu, `c${i}@example.com`, 10, undefined, `Client ${i}`);
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) ids.push(book(emu, `c${i % 15}@example.com`, TUESDAY_10H + i * HOUR));
    emu.rt.faults.add({ target: 'Calendar.Events.list', nth: 2, action: () => emu.calendar.invalidateSyncTokens() });
    sync(emu);
    emu.rt.faults.clear();
    emu.calendar.cancel('primary', ids[0]);
    sync(emu);
    runBackstop(emu);
    expect(ids.map((id) => ledgerOf(emu, id).length)).toEqual([2, ...Array(149).fill(1)]);
    for (let i = 0; i < 15; i++) expect(balance(emu, `c${i}@example.com`)).toBe(i === 0 ? 1 : 0);
    expect(emu.triggerFailures).toEqual([]);
  });

  test('the trigger and the backstop at the same time: one waits, nothing is counted twice', () => {
    const emu = setUp({ credits: 10 });
    const id = book(emu);
    const backstop = calendarTriggerUid(emu, 'carnetBackstop');
    // While the trigger's run reads the calendar, the backstop starts.
    let nested: unknown;
    emu.rt.faults.add({ target: 'Calendar.Events.list', nth: 1, action: () => (nested = emu.run('carnetBackstop', [{ triggerUid: backstop }])) });
    sync(emu);
    emu.rt.faults.clear();
    expect(nested).toMatchObject({ ran: false });
    runBackstop(emu);
    expect(balance(emu)).toBe(9);
    expect(ledgerOf(emu, id)).toHaveLength(1);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);

    // And the other way round: the backstop holds the lock when the calendar trigger fires.
    const second = book(emu, 'alice@example.com', TUESDAY_10H + DAY);
    const release = emu.lock.holdScriptLock();
    sync(emu);
    expect(bookingRow(emu, second)).toBeUndefined();
    release();
    runBackstop(emu);
    sync(emu);
    expect(ledgerOf(emu, second)).toHaveLength(1);
    expect(balance(emu)).toBe(8);
  });

  // Issue 15, point 8: an e-mail beyond the daily quota waits, it is not lost.
  test('the daily e-mail quota used up: the booking is recorded, its confirmation waits in Envois and leaves once the quota is back', () => {
    const emu = setUp({ credits: 10 });
    emu.mail.setDailyQuota(0);
    const id = book(emu);
    sync(emu);
    expect(bookingRow(emu, id)?.['Statut']).toBe('réservé');
    expect(balance(emu)).toBe(9);
    const confirmation = () => records(emu, 'Envois').filter((r) => r['À'] === 'alice@example.com');
    expect(confirmation().map((r) => [r['Objet'], r['Statut']])).toEqual([['Cours réservé : mardi 24 novembre 2026 à 10 h 00', 'à envoyer']]);
    expect(journal(emu).some((l) => l.startsWith('1 e-mail attend le quota d’envoi du jour'))).toBe(true);
    runBackstop(emu);
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(0);
    // A new day: the quota is back, the next run sends it, once.
    emu.mail.setDailyQuota(100);
    runBackstop(emu);
    runBackstop(emu);
    expect(emu.mail.sentTo('alice@example.com').map((m) => m.subject)).toEqual(['Cours réservé : mardi 24 novembre 2026 à 10 h 00']);
    expect(confirmation().map((r) => r['Statut'])).toEqual(['envoyé']);
    expect(emu.triggerFailures).toEqual([]);
  });

  test('a Calendar error (quota, 5xx) applies nothing and keeps the saved place: the next run reads the change', () => {
    const emu = setUp({ credits: 10 });
    const id = book(emu);
    emu.rt.faults.add({ target: 'Calendar.Events.list', nth: 1, action: new Error('API call to calendar.events.list failed with error: Rate Limit Exceeded') });
    sync(emu);
    expect(bookingRow(emu, id)).toBeUndefined();
    expect(journal(emu).pop()).toBe(
      'Agenda injoignable pour l’instant (API call to calendar.events.list failed with error: Rate Limit Exceeded) : les réservations seront lues au prochain passage, rien n’est perdu.',
    );
    emu.rt.faults.clear();
    emu.rt.faults.add({ target: 'Calendar.Events.list', nth: 1, action: new Error('API call to calendar.events.list failed with error: Backend Error') });
    runBackstop(emu);
    expect(bookingRow(emu, id)).toBeUndefined();
    runBackstop(emu);
    expect(bookingRow(emu, id)).toMatchObject({ Statut: 'réservé' });
    expect(balance(emu)).toBe(9);
  });

  test('a run killed at any service call is finished by the next one: the records equal those of one clean run', () => {
    const clean = setUp({ credits: 10 });
    const cleanId = book(clean);
    const before = clean.rt.faults.log.length;
    sync(clean);
    const calls = clean.rt.faults.log.length - before;
    const expected = outcome(clean, cleanId);
    expect(calls).toBeGreaterThan(20);

    for (let k = 1; k <= calls; k++) {
      const emu = setUp({ credits: 10 });
      const id = book(emu);
      emu.rt.faults.add({ target: '*', nth: k, times: Infinity, action: new Error(`killed at call ${k}`) });
      sync(emu);
      emu.rt.faults.clear();
      emu.triggerFailures.splice(0);
      runBackstop(emu);
      expect({ k, failures: emu.triggerFailures }).toEqual({ k, failures: [] });
      const got = outcome(emu, id);
      // E-mails are sent at most once: a run killed while sending may lose one, never send two.
      expect(got.mails).toBeLessThanOrEqual(1);
      expect({ k, ...got, mails: 0 }).toEqual({ k, ...expected, mails: 0 });
    }
  });

  test('1,500 changes in one go: the first run stops cleanly before the 6-minute limit and the next runs finish, each counted once', () => {
    const emu = setUp();
    emu.mail.setDailyQuota(5000);
    for (let i = 0; i < 150; i++) buyCredits(emu, `c${i}@example.com`, 10, undefined, `Client ${i}`);
    const ids: string[] = [];
    for (let i = 0; i < 1500; i++) ids.push(book(emu, `c${i % 150}@example.com`, TUESDAY_10H + i * HOUR));
    // A slow Calendar (20 s a page of 100 events): the 15 pages do not fit in one run, whatever the sheet costs.
    emu.rt.latencyMs = { ...emu.rt.latencyMs, Calendar: 20000 };
    // The calendar trigger alone: advancing the clock could also fire an overdue backstop, which would finish the work.
    emu.fireCalendarTriggers();
    expect(emu.triggerFailures).toEqual([]);
    const firstRun = records(emu, 'Réservations').length;
    expect(firstRun).toBeGreaterThan(0);
    expect(firstRun).toBeLessThan(1500);
    expect(journal(emu).some((l) => /la suite sera traitée au prochain passage/.test(l))).toBe(true);
    for (let i = 0; i < 12; i++) runBackstop(emu);
    expect(emu.triggerFailures).toEqual([]);
    expect(records(emu, 'Réservations').map((r) => r['Statut'])).toEqual(Array(1500).fill('réservé'));
    expect(new Set(records(emu, 'Réservations').map((r) => r['Événement'])).size).toBe(1500);
    expect(ids.map((id) => ledgerOf(emu, id).length)).toEqual(Array(1500).fill(1));
    for (let i = 0; i < 150; i++) expect(balance(emu, `c${i}@example.com`)).toBe(0);
    expect(emu.mail.sentTo('c7@example.com').filter((m) => m.subject.startsWith('Cours réservé'))).toHaveLength(10);
  });
});

describe('a page of 100 changes in one plan', () => {
  test('a run killed while writing a page is finished by the next one from its saved copy (kept gzipped, two Script Properties): each change counted once', () => {
    const emu = setUp();
    emu.mail.setDailyQuota(1000);
    for (let i = 0; i < 20; i++) buyCredits(emu, `p${i}@example.com`, 10, undefined, `Client ${i}`);
    emu.mail.clearOutbox();
    const ids = Array.from({ length: 100 }, (_, i) => book(emu, `p${i % 20}@example.com`, TUESDAY_10H + i * HOUR));
    // Killed at its second sheet write: the page's copy is saved, part of its rows are written.
    emu.rt.faults.add({ target: 'SpreadsheetApp.Range.setValues', nth: 2, times: Infinity, action: 'Exceeded maximum execution time' });
    emu.fireCalendarTriggers();
    emu.rt.faults.clear();
    const saved = [...emu.properties.scriptStore().entries()].filter(([k]) => k.startsWith('CARNET_PENDING_PLAN'));
    expect(saved.length).toBeLessThanOrEqual(2);
    expect(String(saved.find(([k]) => k === 'CARNET_PENDING_PLAN')?.[1])).toMatch(/^(parts:\d+\n)?gz:/);
    expect(emu.mail.outbox()).toHaveLength(0);
    emu.triggerFailures.splice(0);
    runBackstop(emu);
    runBackstop(emu);
    expect(emu.triggerFailures).toEqual([]);
    expect(emu.properties.scriptStore().has('CARNET_PENDING_PLAN')).toBe(false);
    expect(ids.map((id) => bookingRow(emu, id)?.['Statut'])).toEqual(Array(100).fill('réservé'));
    expect(records(emu, 'Réservations')).toHaveLength(100);
    expect(ids.map((id) => ledgerOf(emu, id).length)).toEqual(Array(100).fill(1));
    for (let i = 0; i < 20; i++) expect(balance(emu, `p${i}@example.com`)).toBe(5);
    for (let i = 0; i < 20; i++) expect(subjects(emu, `p${i}@example.com`).filter((m) => m.startsWith('Cours réservé'))).toHaveLength(5);
  });
});

/** What a booking leaves, to compare two histories. */
function outcome(emu: Emulator, id: string) {
  const row = bookingRow(emu, id);
  return {
    balance: balance(emu),
    ledger: ledgerOf(emu, id).map((r) => [r['Variation'], r['Solde'], r['Motif']]),
    bookings: records(emu, 'Réservations').length,
    status: row?.['Statut'],
    credit: row?.['Crédit'],
    lots: client(emu, 'alice@example.com')?.['Lots'],
    pending: emu.properties.scriptStore().get('CARNET_PENDING_PLAN') ?? null,
    mails: emu.mail.sentTo('alice@example.com').length,
  };
}

describe('installation', () => {
  test('setup installs the calendar trigger on the owner’s calendar and a daily trigger, once', () => {
    const emu = setUp();
    const triggers = emu.script.triggers();
    expect(triggers.filter((t) => t.handler === 'carnetCalendarChanged').map((t) => [t.eventType, t.sourceId])).toEqual([['ON_EVENT_UPDATED', OWNER]]);
    expect(triggers.filter((t) => t.handler === 'carnetDaily').map((t) => t.schedule?.kind)).toEqual(['days']);
    const again = emu.run<{ installedTriggers: string[] }>('setup');
    expect(again.installedTriggers).toEqual([]);
    expect(emu.script.triggers()).toHaveLength(triggers.length);
  });

  test('another booking calendar: setup moves the trigger there; its bookings made before the change are not counted, new ones are', () => {
    const emu = setUp({ credits: 10 });
    emu.calendar.addCalendar('cours@group.calendar.google.com', 'Cours');
    const old = book(emu, 'alice@example.com', TUESDAY_10H, { calendarId: 'cours@group.calendar.google.com' });
    setSetting(emu, 'Calendrier des réservations', 'cours@group.calendar.google.com');
    const summary = emu.run<{ installedTriggers: string[] }>('setup');
    expect(summary.installedTriggers).toEqual(['carnetCalendarChanged']);
    expect(
      emu.script
        .triggers()
        .filter((t) => t.handler === 'carnetCalendarChanged')
        .map((t) => t.sourceId),
    ).toEqual(['cours@group.calendar.google.com']);
    const fresh = book(emu, 'alice@example.com', TUESDAY_10H + DAY, { calendarId: 'cours@group.calendar.google.com' });
    const onPrimary = book(emu, 'alice@example.com', TUESDAY_10H + 2 * DAY);
    sync(emu);
    runBackstop(emu);
    expect(bookingRow(emu, old)).toBeUndefined();
    expect(bookingRow(emu, fresh)?.['Statut']).toBe('réservé');
    expect(bookingRow(emu, onPrimary)).toBeUndefined();
    expect(balance(emu)).toBe(9);
  });

  test('a booking calendar that does not exist: a clear French message to the admin, nothing written', () => {
    const emu = setUp({ credits: 10, settings: { 'Calendrier des réservations': 'inconnu@group.calendar.google.com' } });
    book(emu);
    runBackstop(emu);
    runBackstop(emu);
    const message =
      'Agenda « inconnu@group.calendar.google.com » introuvable (paramètre « Calendrier des réservations ») : vérifiez l’identifiant de l’agenda, ou videz la case pour utiliser votre agenda principal.';
    expect(journal(emu).filter((l) => l === message)).toHaveLength(1);
    expect(emu.mail.sentTo(OWNER).map((m) => m.body)).toEqual([message]);
    expect(records(emu, 'Réservations')).toEqual([]);
    expect(balance(emu)).toBe(10);
  });

  test('an unreadable booking setting: the admin is told once, in French, and the default applies meanwhile', () => {
    const emu = setUp({ credits: 10, settings: { "Délai d'annulation (heures)": 'un jour' } });
    const id = book(emu);
    sync(emu);
    runBackstop(emu);
    const message = "Paramètres : Paramètre « Délai d'annulation (heures) » : « un jour » n'est pas un nombre entier entre 0 et 720.";
    expect(journal(emu).filter((l) => l === message)).toHaveLength(1);
    expect(emu.mail.sentTo(OWNER).map((m) => m.body)).toEqual([message]);
    expect(bookingRow(emu, id)?.['Statut']).toBe('réservé');
    expect(emu.mail.sentTo('alice@example.com')[0].body).toContain('jusqu’à 24 h avant le cours');
  });

  test('a column of Réservations renamed by hand: the sync stops with a French message and nothing half-written, then resumes once fixed', () => {
    const emu = setUp({ credits: 10 });
    const headers = emu.spreadsheet.values('Réservations')[0].map(String);
    const col = String.fromCharCode(65 + headers.indexOf('Statut'));
    emu.spreadsheet.setCell('Réservations', `${col}1`, 'État');
    const id = book(emu);
    sync(emu);
    expect(journal(emu).pop()).toBe(
      'Réservations non traitées : Onglet « Réservations » : la colonne « Statut » est introuvable (ligne 1). Rétablissez son titre exact. Elles seront relues après correction, rien n’est perdu.',
    );
    expect(balance(emu)).toBe(10);
    expect(records(emu, 'Crédits').filter((r) => r['Référence'] === id)).toEqual([]);
    expect(emu.properties.scriptStore().get('CARNET_PENDING_PLAN')).toBeUndefined();
    emu.spreadsheet.setCell('Réservations', `${col}1`, 'Statut');
    runBackstop(emu);
    expect(bookingRow(emu, id)?.['Statut']).toBe('réservé');
    expect(balance(emu)).toBe(9);
  });
});

describe('credits expire', () => {
  test('the client is warned 7 days before; on the day after expiry the credits leave the balance (motif Expiration), once', () => {
    const emu = setUp();
    buyCredits(emu, 'alice@example.com', 5, 30);
    buyCredits(emu, 'alice@example.com', 2);
    emu.mail.clearOutbox();
    // Credits bought on 21 November 2026 with 30 days of validity: valid until 21 December 2026.
    const daily = calendarTriggerUid(emu, 'carnetDaily');
    const runDaily = () => emu.run('carnetDaily', [{ triggerUid: daily }]);
    emu.rt.clock.set(Date.UTC(2026, 11, 14, 5));
    runDaily();
    expect(subjects(emu, 'alice@example.com')).toEqual(['5 crédits expirent le 21 décembre 2026']);
    expect(emu.mail.sentTo('alice@example.com')[0].body).toContain('5 crédits de votre compte expirent le 21 décembre 2026. Pensez à les utiliser d’ici là.');
    runDaily();
    emu.rt.clock.set(Date.UTC(2026, 11, 21, 5));
    runDaily();
    expect(emu.mail.sentTo('alice@example.com')).toHaveLength(1);
    expect(balance(emu)).toBe(7);
    emu.rt.clock.set(Date.UTC(2026, 11, 22, 5));
    runDaily();
    runDaily();
    expect(balance(emu)).toBe(2);
    const expired = records(emu, 'Crédits').filter((r) => r['Motif'] === 'Expiration');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ 'E-mail': 'alice@example.com', Variation: -5, Solde: 2 });
    expect(journal(emu)).toContain('5 crédits de alice@example.com ont expiré.');
  });

  test('the daily trigger catches up days it missed; a booking never takes an expired credit', () => {
    const emu = setUp();
    buyCredits(emu, 'alice@example.com', 1, 10);
    emu.rt.clock.set(Date.UTC(2027, 0, 20, 5));
    emu.advance(DAY);
    expect(balance(emu)).toBe(0);
    expect(emu.mail.sentTo('alice@example.com').map((m) => m.subject)).toContain('Vous n’avez plus de crédit de cours');
    const id = book(emu, 'alice@example.com', Date.UTC(2027, 0, 25, 9));
    sync(emu);
    expect(bookingRow(emu, id)?.['Statut']).toBe('sans crédit');
  });
});
