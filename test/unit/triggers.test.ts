// setup()'s triggers, with a fake of the triggers adapter (src/gas/triggers.ts): the project's
// triggers are a list in memory, so what setup() leaves installed can be read back.
import { BACKSTOP_HANDLER, CALENDAR_HANDLER, DAILY_HANDLER, installTriggers } from '../../src/app/admin/triggers';

interface FakeTrigger {
  handler: string;
  /** The calendar watched, or null for a time-driven trigger. */
  source: string | null;
  schedule: string;
  getHandlerFunction(): string;
  getTriggerSourceId(): string | null;
}

const mockProject: FakeTrigger[] = [];

function mockTrigger(handler: string, source: string | null, schedule: string): FakeTrigger {
  return { handler, source, schedule, getHandlerFunction: () => handler, getTriggerSourceId: () => source };
}

jest.mock('../../src/gas/triggers', () => ({
  projectTriggers: () => [...mockProject],
  deleteTrigger: (trigger: FakeTrigger) => {
    const at = mockProject.indexOf(trigger);
    if (at < 0) throw new Error('Trigger not found');
    mockProject.splice(at, 1);
  },
  installEveryMinutes: (handler: string, minutes: number) => mockProject.push(mockTrigger(handler, null, `every ${minutes} min`)),
  installDaily: (handler: string, hour: number) => mockProject.push(mockTrigger(handler, null, `daily at ${hour}`)),
  installOnCalendarChange: (handler: string, calendarId: string) => mockProject.push(mockTrigger(handler, calendarId, 'calendar change')),
  installOnceAfter: (handler: string, ms: number) => mockProject.push(mockTrigger(handler, null, `once after ${ms} ms`)),
}));

const installed = () => mockProject.map((t) => `${t.handler} ${t.schedule}${t.source ? ` on ${t.source}` : ''}`).sort();

beforeEach(() => {
  mockProject.length = 0;
});

describe("setup()'s triggers", () => {
  it('installs the backstop every 10 minutes, the booking calendar watch and the daily job at 6', () => {
    expect(installTriggers({ bookingCalendarId: 'prof@example.com' })).toEqual([BACKSTOP_HANDLER, CALENDAR_HANDLER, DAILY_HANDLER]);
    expect(installed()).toEqual(['carnetBackstop every 10 min', 'carnetCalendarChanged calendar change on prof@example.com', 'carnetDaily daily at 6']);
  });

  it('changes nothing the second time', () => {
    installTriggers({ bookingCalendarId: 'prof@example.com' });
    const before = [...mockProject];
    expect(installTriggers({ bookingCalendarId: 'prof@example.com' })).toEqual([]);
    expect(mockProject).toEqual(before);
  });

  it('puts back only the one the admin deleted', () => {
    installTriggers({ bookingCalendarId: 'prof@example.com' });
    mockProject.splice(
      mockProject.findIndex((t) => t.handler === DAILY_HANDLER),
      1,
    );
    expect(installTriggers({ bookingCalendarId: 'prof@example.com' })).toEqual([DAILY_HANDLER]);
    expect(installed()).toHaveLength(3);
    expect(installed()).toContain('carnetDaily daily at 6');
  });

  it('watches the new booking calendar once the setting changed, and no longer the old one', () => {
    installTriggers({ bookingCalendarId: 'prof@example.com' });
    expect(installTriggers({ bookingCalendarId: 'cours@group.calendar.google.com' })).toEqual([CALENDAR_HANDLER]);
    expect(installed()).toEqual([
      'carnetBackstop every 10 min',
      'carnetCalendarChanged calendar change on cours@group.calendar.google.com',
      'carnetDaily daily at 6',
    ]);
  });

  it('keeps a duplicated time trigger as it is (the health check reports it)', () => {
    installTriggers({ bookingCalendarId: 'prof@example.com' });
    mockProject.push(mockTrigger(BACKSTOP_HANDLER, null, 'every 10 min'));
    expect(installTriggers({ bookingCalendarId: 'prof@example.com' })).toEqual([]);
    expect(installed().filter((t) => t.startsWith(BACKSTOP_HANDLER))).toHaveLength(2);
  });

  it('replaces every calendar watch of the old calendar by one on the new calendar', () => {
    mockProject.push(mockTrigger(CALENDAR_HANDLER, 'old@example.com', 'calendar change'), mockTrigger(CALENDAR_HANDLER, 'old@example.com', 'calendar change'));
    installTriggers({ bookingCalendarId: 'prof@example.com' });
    expect(installed().filter((t) => t.startsWith(CALENDAR_HANDLER))).toEqual(['carnetCalendarChanged calendar change on prof@example.com']);
  });
});
