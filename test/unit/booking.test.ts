import {
  ALERT_FLAG,
  BOOKING_STATUS,
  HOUR_MS,
  balanceAlert,
  chooseBooker,
  creditsExpiringOn,
  decide,
  giveBack,
  isEarlyCancellation,
  isoDatesBeforePattern,
  meetLinkOf,
  observe,
  readTaken,
  takeCredit,
  writeTaken,
  type BookingRule,
  type CalendarEvent,
  type DecisionContext,
  type Observation,
  type StoredBooking,
} from '../../src/domain/booking';
import type { Lot } from '../../src/domain/ledger';
import { parseSettings } from '../../src/domain/settings';
import type { CellValue } from '../../src/domain/schema';

const OWNER = 'prof@example.com';
const RULE: BookingRule = { ownerEmails: [OWNER, 'claire@example.fr'], titleFilter: '' };
const START = Date.parse('2026-11-28T09:00:00Z');
const END = START + HOUR_MS;
const NOW = Date.parse('2026-11-21T09:00:00Z');

/** An appointment booking as the Calendar API returns it: organised by the owner, the booker among the guests. */
function booking(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id: 'evt0001',
    status: 'confirmed',
    etag: '"3180000000000001"',
    summary: 'Cours de français (Claire Martin)',
    created: '2026-11-21T09:30:00.000Z',
    updated: '2026-11-21T09:30:00.000Z',
    eventType: 'default',
    start: { dateTime: '2026-11-28T10:00:00+01:00' },
    end: { dateTime: '2026-11-28T11:00:00+01:00' },
    organizer: { email: OWNER, self: true },
    attendees: [
      { email: OWNER, organizer: true, self: true, responseStatus: 'accepted' },
      { email: 'Alice@Example.com', displayName: 'Alice Dupont', responseStatus: 'accepted' },
    ],
    hangoutLink: 'https://meet.google.com/abc-defg-hij',
    ...overrides,
  };
}

function ctx(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return { nowMs: NOW, cancellationHours: 24, refundLateCancellation: false, declineWithoutCredit: false, balance: 5, watchingSinceMs: 0, ...overrides };
}

function stored(overrides: Partial<StoredBooking> = {}): StoredBooking {
  return { status: BOOKING_STATUS.booked, email: 'alice@example.com', startMs: START, endMs: END, credit: 1, ...overrides };
}

const active = (startMs = START, endMs = END, createdMs: number | null = NOW): Observation => ({
  kind: 'active',
  bookers: [{ email: 'alice@example.com', name: 'Alice Dupont' }],
  startMs,
  endMs,
  meetLink: '',
  createdMs,
});
const cancelledAt = (atMs: number | null): Observation => ({ kind: 'cancelled', atMs });

describe('observe: what counts as a booking', () => {
  it('an event the owner organises with a guest is a booking by that guest, e-mail lower-cased, with its time and Meet link', () => {
    expect(observe(booking(), RULE)).toEqual({
      kind: 'active',
      bookers: [{ email: 'alice@example.com', name: 'Alice Dupont' }],
      startMs: START,
      endMs: END,
      meetLink: 'https://meet.google.com/abc-defg-hij',
      createdMs: Date.parse('2026-11-21T09:30:00.000Z'),
    });
  });

  it('ignores the owner’s own event: no guest, or only the owner’s other addresses', () => {
    expect(observe(booking({ attendees: undefined }), RULE)).toEqual({ kind: 'ignored', reason: 'noGuest' });
    expect(observe(booking({ attendees: [{ email: OWNER, self: true }, { email: 'CLAIRE@example.fr' }] }), RULE)).toEqual({
      kind: 'ignored',
      reason: 'noGuest',
    });
  });

  it('ignores rooms and guests who already declined', () => {
    const attendees = [
      { email: 'salle-1@resource.calendar.google.com', resource: true },
      { email: 'bob@example.com', responseStatus: 'declined' },
    ];
    expect(observe(booking({ attendees }), RULE)).toEqual({ kind: 'ignored', reason: 'noGuest' });
  });

  it('ignores an invitation someone else organised', () => {
    expect(observe(booking({ organizer: { email: 'bob@example.com' } }), RULE)).toEqual({ kind: 'ignored', reason: 'notOrganizer' });
  });

  it('accepts an organiser given by address only when it is one of the owner’s addresses', () => {
    expect(observe(booking({ organizer: { email: 'claire@example.fr' } }), RULE).kind).toBe('active');
  });

  it('ignores all-day events (availability blocks, holidays) and special event types', () => {
    expect(observe(booking({ start: { date: '2026-11-28' }, end: { date: '2026-11-29' } }), RULE)).toEqual({ kind: 'ignored', reason: 'allDay' });
    for (const eventType of ['focusTime', 'outOfOffice', 'workingLocation', 'birthday', 'fromGmail']) {
      expect(observe(booking({ eventType }), RULE)).toEqual({ kind: 'ignored', reason: 'specialEvent' });
    }
  });

  it('with a schedule name set, keeps only events whose title contains it (any case)', () => {
    const rule = { ...RULE, titleFilter: 'cours de français' };
    expect(observe(booking(), rule).kind).toBe('active');
    expect(observe(booking({ summary: 'Réunion parents' }), rule)).toEqual({ kind: 'ignored', reason: 'title' });
    expect(observe(booking({ summary: undefined }), rule)).toEqual({ kind: 'ignored', reason: 'title' });
  });

  it('lists every guest who may be the client, in order, once each', () => {
    const attendees = [
      { email: OWNER, self: true },
      { email: 'alice@example.com' },
      { email: 'ALICE@example.com' },
      { email: 'bob@example.com', displayName: ' Bob ' },
    ];
    const seen = observe(booking({ attendees }), RULE);
    expect(seen.kind === 'active' && seen.bookers).toEqual([
      { email: 'alice@example.com', name: '' },
      { email: 'bob@example.com', name: 'Bob' },
    ]);
  });

  it('a cancelled or deleted event is a cancellation, dated by its last update when it has one', () => {
    expect(observe(booking({ status: 'cancelled', updated: '2026-11-27T20:00:00Z' }), RULE)).toEqual(cancelledAt(Date.parse('2026-11-27T20:00:00Z')));
    expect(observe({ id: 'evt0001', status: 'cancelled' }, RULE)).toEqual(cancelledAt(null));
  });

  it('an event without an id is ignored', () => {
    expect(observe({ status: 'confirmed' }, RULE)).toEqual({ kind: 'ignored', reason: 'noId' });
  });

  describe('for a booking already recorded (its client known)', () => {
    it('stays the client’s booking even if renamed or if the title filter no longer matches', () => {
      const rule = { ...RULE, titleFilter: 'Cours' };
      expect(observe(booking({ summary: 'Leçon' }), rule, 'alice@example.com').kind).toBe('active');
    });

    it('ends when the client declines or is removed from the guests', () => {
      const declined = booking({
        attendees: [
          { email: OWNER, self: true },
          { email: 'alice@example.com', responseStatus: 'declined' },
        ],
      });
      expect(observe(declined, RULE, 'alice@example.com')).toEqual(cancelledAt(Date.parse('2026-11-21T09:30:00.000Z')));
      expect(observe(booking({ attendees: [{ email: OWNER, self: true }] }), RULE, 'alice@example.com').kind).toBe('cancelled');
    });

    it('follows the new time of a moved event', () => {
      const moved = observe(
        booking({ start: { dateTime: '2026-12-01T15:00:00+01:00' }, end: { dateTime: '2026-12-01T16:00:00+01:00' } }),
        RULE,
        'alice@example.com',
      );
      expect(moved).toMatchObject({ kind: 'active', startMs: Date.parse('2026-12-01T14:00:00Z') });
    });
  });
});

describe('meetLinkOf', () => {
  it('takes hangoutLink, else the video entry point of conferenceData, else nothing', () => {
    expect(meetLinkOf({ hangoutLink: 'https://meet.google.com/a' })).toBe('https://meet.google.com/a');
    expect(
      meetLinkOf({
        conferenceData: {
          entryPoints: [
            { entryPointType: 'phone', uri: 'tel:+33' },
            { entryPointType: 'video', uri: 'https://zoom.us/j/1' },
          ],
        },
      }),
    ).toBe('https://zoom.us/j/1');
    expect(meetLinkOf({})).toBe('');
  });
});

describe('chooseBooker', () => {
  const bookers = [
    { email: 'a@example.com', name: 'A' },
    { email: 'b@example.com', name: 'B' },
    { email: 'c@example.com', name: 'C' },
  ];

  it('takes the first guest who is a client with credits', () => {
    const balances: Record<string, number | null> = { 'a@example.com': null, 'b@example.com': 0, 'c@example.com': 4 };
    expect(chooseBooker(bookers, (e) => balances[e])).toEqual({ booker: bookers[2], balance: 4 });
  });

  it('else the first client, else the first guest', () => {
    expect(chooseBooker(bookers, (e) => (e === 'b@example.com' ? 0 : null))).toEqual({ booker: bookers[1], balance: 0 });
    expect(chooseBooker(bookers, () => null)).toEqual({ booker: bookers[0], balance: null });
  });

  it('looks up at most 3 guests', () => {
    const looked: string[] = [];
    const many = [...bookers, { email: 'd@example.com', name: 'D' }];
    chooseBooker(many, (e) => {
      looked.push(e);
      return null;
    });
    expect(looked).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
  });
});

describe('isEarlyCancellation', () => {
  it('is early at exactly the window, late one millisecond after', () => {
    expect(isEarlyCancellation(START, START - 24 * HOUR_MS, 24)).toBe(true);
    expect(isEarlyCancellation(START, START - 24 * HOUR_MS + 1, 24)).toBe(false);
    expect(isEarlyCancellation(START, START + HOUR_MS, 0)).toBe(false);
    expect(isEarlyCancellation(START, START, 0)).toBe(true);
  });
});

describe('decide', () => {
  describe('a new booking', () => {
    it('with credits: book it', () => {
      expect(decide(null, active(), ctx())).toEqual({ kind: 'book', startMs: START, endMs: END, meetLink: '' });
    });

    it('a client at 0, or someone not in Clients: no credit (never a negative balance)', () => {
      expect(decide(null, active(), ctx({ balance: 0 }))).toEqual({
        kind: 'noCredit',
        startMs: START,
        endMs: END,
        meetLink: '',
        knownClient: true,
        decline: false,
      });
      expect(decide(null, active(), ctx({ balance: null, declineWithoutCredit: true }))).toMatchObject({ kind: 'noCredit', knownClient: false, decline: true });
    });

    it('created before Carnet watched the calendar: not Carnet’s', () => {
      expect(decide(null, active(START, END, NOW - 1), ctx({ watchingSinceMs: NOW }))).toEqual({ kind: 'none' });
      expect(decide(null, active(START, END, NOW), ctx({ watchingSinceMs: NOW }))).toMatchObject({ kind: 'book' });
    });

    it('a cancelled or ignored event without a row: nothing', () => {
      expect(decide(null, cancelledAt(NOW), ctx())).toEqual({ kind: 'none' });
      expect(decide(null, { kind: 'ignored', reason: 'noGuest' }, ctx())).toEqual({ kind: 'none' });
    });
  });

  describe('a recorded booking', () => {
    it('seen again unchanged: nothing (the trigger and the sweep, a resumed page, a full resync)', () => {
      expect(decide(stored(), active(), ctx())).toEqual({ kind: 'none' });
      expect(decide(stored({ status: BOOKING_STATUS.noCredit, credit: 0 }), active(), ctx())).toEqual({ kind: 'none' });
    });

    it('moved: the row follows; the client is told only when the booking was confirmed', () => {
      const later = START + 3 * HOUR_MS;
      expect(decide(stored(), active(later, later + HOUR_MS), ctx())).toEqual({
        kind: 'move',
        startMs: later,
        endMs: later + HOUR_MS,
        meetLink: '',
        notify: true,
      });
      expect(decide(stored({ status: BOOKING_STATUS.noCredit, credit: 0 }), active(later, later + HOUR_MS), ctx())).toMatchObject({
        kind: 'move',
        notify: false,
      });
      expect(decide(stored(), active(START, END + HOUR_MS), ctx())).toMatchObject({ kind: 'move' });
    });

    it('cancelled early enough: credit back', () => {
      expect(decide(stored(), cancelledAt(START - 25 * HOUR_MS), ctx())).toEqual({ kind: 'cancel', late: false, refund: true, notify: true });
    });

    it('cancelled inside the window: late, credit kept, unless the setting gives it back', () => {
      expect(decide(stored(), cancelledAt(START - 2 * HOUR_MS), ctx({ nowMs: START }))).toEqual({ kind: 'cancel', late: true, refund: false, notify: true });
      expect(decide(stored(), cancelledAt(START - 2 * HOUR_MS), ctx({ nowMs: START, refundLateCancellation: true }))).toEqual({
        kind: 'cancel',
        late: true,
        refund: true,
        notify: true,
      });
    });

    it('the window is judged at the cancellation, not when a late sweep sees it', () => {
      expect(decide(stored(), cancelledAt(START - 25 * HOUR_MS), ctx({ nowMs: START - HOUR_MS }))).toMatchObject({ late: false, refund: true });
    });

    it('without a date of cancellation (a deleted event), or one in the future, the time it is seen counts', () => {
      expect(decide(stored(), cancelledAt(null), ctx({ nowMs: START - HOUR_MS }))).toMatchObject({ late: true });
      expect(decide(stored(), cancelledAt(START + HOUR_MS), ctx({ nowMs: START - 48 * HOUR_MS }))).toMatchObject({ late: false });
    });

    it('the window applies to the time the booking was moved to', () => {
      const movedTo = NOW + 10 * HOUR_MS;
      expect(decide(stored({ startMs: movedTo, endMs: movedTo + HOUR_MS }), cancelledAt(NOW), ctx())).toMatchObject({ late: true, refund: false });
    });

    it('a booking that holds no credit gives none back', () => {
      expect(decide(stored({ credit: 0 }), cancelledAt(NOW), ctx())).toMatchObject({ kind: 'cancel', refund: false });
    });

    it('a booking without credit that is cancelled: annulé, nothing to give back, nobody to tell', () => {
      expect(decide(stored({ status: BOOKING_STATUS.noCredit, credit: 0 }), cancelledAt(START - HOUR_MS), ctx())).toEqual({
        kind: 'cancel',
        late: false,
        refund: false,
        notify: false,
      });
    });

    it('an event that stops looking like a booking keeps its row as it is', () => {
      expect(decide(stored(), { kind: 'ignored', reason: 'allDay' }, ctx())).toEqual({ kind: 'none' });
    });

    it.each([BOOKING_STATUS.cancelled, BOOKING_STATUS.lateCancelled, BOOKING_STATUS.refused, 'offert'])('a row %p seen cancelled again: nothing', (status) => {
      expect(decide(stored({ status, credit: 0 }), cancelledAt(NOW), ctx())).toEqual({ kind: 'none' });
    });

    it('a cancelled booking that comes back (the client accepts again) is a new booking; a refused one is not', () => {
      expect(decide(stored({ status: BOOKING_STATUS.cancelled, credit: 0 }), active(), ctx())).toMatchObject({ kind: 'book' });
      expect(decide(stored({ status: BOOKING_STATUS.lateCancelled }), active(), ctx({ balance: 0 }))).toMatchObject({ kind: 'noCredit' });
      expect(decide(stored({ status: BOOKING_STATUS.refused, credit: 0 }), active(), ctx())).toEqual({ kind: 'none' });
    });
  });
});

describe('takeCredit / giveBack', () => {
  const lots: Lot[] = [
    { ref: 'cs_late', remaining: 3, expires: '2027-06-01' },
    { ref: 'ajustement', remaining: 1, expires: null },
    { ref: 'cs_soon', remaining: 1, expires: '2027-01-15' },
  ];

  it('takes the credit that expires first and says which lot it came from', () => {
    const { lots: after, taken } = takeCredit(lots);
    expect(taken).toEqual({ ref: 'cs_soon', remaining: 1, expires: '2027-01-15' });
    expect(after).toEqual([
      { ref: 'cs_late', remaining: 3, expires: '2027-06-01' },
      { ref: 'ajustement', remaining: 1, expires: null },
    ]);
  });

  it('takes from a lot without expiry last', () => {
    const { taken } = takeCredit([
      { ref: 'ajustement', remaining: 2, expires: null },
      { ref: 'cs_a', remaining: 1, expires: '2030-01-01' },
    ]);
    expect(taken).toEqual({ ref: 'cs_a', remaining: 1, expires: '2030-01-01' });
    expect(takeCredit([{ ref: 'ajustement', remaining: 2, expires: null }]).taken).toEqual({ ref: 'ajustement', remaining: 1, expires: null });
  });

  it('refuses to go below 0', () => {
    expect(() => takeCredit([])).toThrow(/Insufficient/);
  });

  it('gives a credit back to its own lot, with its expiry, even when that lot was used up', () => {
    const { lots: after, taken } = takeCredit(lots);
    expect(giveBack(after, [taken])).toEqual([...after, { ref: 'cs_soon', remaining: 1, expires: '2027-01-15' }]);
    expect(giveBack(lots, [{ ref: 'cs_late', remaining: 1, expires: '2027-06-01' }])[0]).toEqual({ ref: 'cs_late', remaining: 4, expires: '2027-06-01' });
  });

  it('never changes the lots it was given', () => {
    const copy = JSON.parse(JSON.stringify(lots));
    takeCredit(lots);
    giveBack(lots, [{ ref: 'cs_late', remaining: 1, expires: '2027-06-01' }]);
    expect(lots).toEqual(copy);
  });

  it('the Lot cell round-trips, and an unreadable one holds nothing', () => {
    const taken = [{ ref: 'cs_a', remaining: 1, expires: '2027-01-15' }];
    expect(readTaken(writeTaken(taken))).toEqual(taken);
    expect(writeTaken([])).toBe('');
    for (const bad of ['', 'garbage', '{"ref":"x"}', '[{"ref":"x","remaining":-1,"expires":null}]', '[{"ref":"x","remaining":1,"expires":"demain"}]']) {
      expect(readTaken(bad)).toEqual([]);
    }
  });
});

describe('balanceAlert', () => {
  const T = 1;

  it('reaching the low threshold: one reminder, then none until the balance rises above it', () => {
    expect(balanceAlert('', 2, 1, T)).toEqual({ flag: ALERT_FLAG.low, send: 'low' });
    expect(balanceAlert(ALERT_FLAG.low, 1, 1, T)).toEqual({ flag: ALERT_FLAG.low, send: 'none' });
  });

  it('reaching 0: the empty alert once', () => {
    expect(balanceAlert(ALERT_FLAG.low, 1, 0, T)).toEqual({ flag: ALERT_FLAG.empty, send: 'empty' });
    expect(balanceAlert('', 1, 0, T)).toEqual({ flag: ALERT_FLAG.empty, send: 'empty' });
    expect(balanceAlert(ALERT_FLAG.empty, 0, 0, T)).toEqual({ flag: ALERT_FLAG.empty, send: 'none' });
  });

  it('a flag left from an earlier fall is cleared by a balance that rose since (a purchase Carnet did not watch)', () => {
    // Bought 5 credits after the "low" reminder: falling to 1 again reminds again.
    expect(balanceAlert(ALERT_FLAG.low, 2, 1, T)).toEqual({ flag: ALERT_FLAG.low, send: 'low' });
    // Rose from 0 to 1 and fell back to 0: the empty alert comes again.
    expect(balanceAlert(ALERT_FLAG.empty, 1, 0, T)).toEqual({ flag: ALERT_FLAG.empty, send: 'empty' });
  });

  it('within the low zone, a second fall that does not reach 0 sends nothing', () => {
    expect(balanceAlert(ALERT_FLAG.low, 2, 1, 3)).toEqual({ flag: ALERT_FLAG.low, send: 'none' });
    expect(balanceAlert('', 3, 2, 3)).toEqual({ flag: ALERT_FLAG.low, send: 'low' });
  });

  it('a balance that rises clears or lowers the flag and sends nothing', () => {
    expect(balanceAlert(ALERT_FLAG.empty, 0, 1, T)).toEqual({ flag: ALERT_FLAG.low, send: 'none' });
    expect(balanceAlert(ALERT_FLAG.empty, 0, 5, T)).toEqual({ flag: ALERT_FLAG.none, send: 'none' });
    expect(balanceAlert(ALERT_FLAG.low, 1, 2, T)).toEqual({ flag: ALERT_FLAG.none, send: 'none' });
  });

  it('above the threshold: nothing', () => {
    expect(balanceAlert('', 5, 4, T)).toEqual({ flag: ALERT_FLAG.none, send: 'none' });
  });

  it('threshold 0: only the empty alert', () => {
    expect(balanceAlert('', 2, 1, 0)).toEqual({ flag: ALERT_FLAG.none, send: 'none' });
    expect(balanceAlert('', 1, 0, 0)).toEqual({ flag: ALERT_FLAG.empty, send: 'empty' });
  });

  it('a flag typed by hand that Carnet does not know counts as none', () => {
    expect(balanceAlert('envoyé ?', 2, 1, T)).toEqual({ flag: ALERT_FLAG.low, send: 'low' });
  });
});

describe('creditsExpiringOn', () => {
  it('sums the credits of the lots expiring that day', () => {
    const lots: Lot[] = [
      { ref: 'a', remaining: 2, expires: '2026-12-01' },
      { ref: 'b', remaining: 3, expires: '2026-12-01' },
      { ref: 'c', remaining: 4, expires: '2026-12-02' },
      { ref: 'd', remaining: 5, expires: null },
    ];
    expect(creditsExpiringOn(lots, '2026-12-01')).toBe(5);
    expect(creditsExpiringOn(lots, '2026-12-03')).toBe(0);
  });
});

describe('isoDatesBeforePattern', () => {
  function matches(day: string, candidate: string): boolean {
    return new RegExp(`^(?:${isoDatesBeforePattern(day)})$`).test(candidate);
  }

  it('matches exactly the dates before the given day', () => {
    const days = [
      '2026-11-21',
      '2026-01-01',
      '2027-10-10',
      '2000-02-29',
      '1999-12-31',
      '2026-11-20',
      '2026-11-22',
      '2025-12-31',
      '2026-10-31',
      '0001-01-01',
      '9999-12-31',
    ];
    for (const day of days) {
      for (const candidate of days) expect({ day, candidate, match: matches(day, candidate) }).toEqual({ day, candidate, match: candidate < day });
    }
  });

  it('is empty when nothing can come before', () => {
    expect(isoDatesBeforePattern('0000-00-00')).toBe('');
  });

  it('refuses what is not an ISO date', () => {
    expect(() => isoDatesBeforePattern('21/11/2026')).toThrow();
  });
});

describe('booking settings', () => {
  const parse = (rows: Record<string, CellValue>) => parseSettings(new Map(Object.entries(rows)));

  it('default to: the owner’s calendar, no title filter, 24 h, late cancellations kept, no refusal, low balance at 1, warning 7 days before', () => {
    const { settings, problems } = parse({});
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      bookingCalendar: '',
      scheduleName: '',
      cancellationHours: 24,
      refundLateCancellation: false,
      declineWithoutCredit: false,
      lowBalanceThreshold: 1,
      expiryWarningDays: 7,
    });
  });

  it('read what the admin types', () => {
    const { settings, problems } = parse({
      'Calendrier des réservations': ' cours@group.calendar.google.com ',
      'Nom du planning de rendez-vous': 'Cours de français',
      "Délai d'annulation (heures)": '48',
      "Rendre le crédit en cas d'annulation tardive": 'oui',
      'Refuser les réservations sans crédit': 'OUI',
      'Seuil de solde bas': 0,
      "Prévenir avant l'expiration (jours)": '',
    });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      bookingCalendar: 'cours@group.calendar.google.com',
      scheduleName: 'Cours de français',
      cancellationHours: 48,
      refundLateCancellation: true,
      declineWithoutCredit: true,
      lowBalanceThreshold: 0,
      expiryWarningDays: 7,
    });
  });

  it('a value that cannot be read: a French message naming the setting, and the default meanwhile', () => {
    const { settings, problems } = parse({
      "Délai d'annulation (heures)": 'un jour',
      'Refuser les réservations sans crédit': 'peut-être',
      'Seuil de solde bas': -1,
    });
    expect(problems).toEqual([
      "Paramètre « Délai d'annulation (heures) » : « un jour » n'est pas un nombre entier entre 0 et 720.",
      'Paramètre « Refuser les réservations sans crédit » : répondez « oui » ou « non » (lu : « peut-être »).',
      "Paramètre « Seuil de solde bas » : « -1 » n'est pas un nombre entier entre 0 et 100.",
    ]);
    expect(settings).toMatchObject({ cancellationHours: 24, declineWithoutCredit: false, lowBalanceThreshold: 1 });
  });
});
