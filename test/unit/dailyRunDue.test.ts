// When the 10-minute backstop runs the daily job itself (its trigger did not fire, or the run stopped
// halfway): dailyRunDue() with fakes of the clock (Europe/Paris) and of the Script Properties.
import { dailyRunDue } from '../../src/app/credits/expiry';

let mockNow = new Date();
const mockProperties = new Map<string, string>();

function parisParts(date: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

jest.mock('../../src/gas/clock', () => ({
  now: () => new Date(mockNow.getTime()),
  isoDay: (date: Date) => {
    const p = parisParts(date);
    return `${p.year}-${p.month}-${p.day}`;
  },
  formatLocal: (date: Date, pattern: string) => {
    if (pattern !== 'H') throw new Error(`pattern ${pattern} not faked`);
    return String(Number(parisParts(date).hour));
  },
}));

jest.mock('../../src/gas/scriptProperties', () => ({
  PROPERTY: { expiry: 'CARNET_EXPIRY' },
  readProperty: (key: string) => mockProperties.get(key) ?? null,
}));

const completedOn = (day: string) => mockProperties.set('CARNET_EXPIRY', JSON.stringify({ completedOn: day }));

beforeEach(() => mockProperties.clear());

describe('the daily job, when the backstop runs', () => {
  it('is not due before 6:00 in Paris, even never run', () => {
    mockNow = new Date('2026-12-07T04:59:00Z'); // 05:59 in Paris (UTC+1)
    expect(dailyRunDue()).toBe(false);
  });

  it('is due from 6:00 in Paris when it last went to the end yesterday', () => {
    completedOn('2026-12-06');
    mockNow = new Date('2026-12-07T05:00:00Z'); // 06:00 in Paris
    expect(dailyRunDue()).toBe(true);
  });

  it('is not due again once it went to the end today', () => {
    completedOn('2026-12-07');
    mockNow = new Date('2026-12-07T15:00:00Z');
    expect(dailyRunDue()).toBe(false);
  });

  it('is due when it never went to the end, or its saved progress cannot be read', () => {
    mockNow = new Date('2026-12-07T09:00:00Z');
    expect(dailyRunDue()).toBe(true);
    mockProperties.set('CARNET_EXPIRY', '{not json');
    expect(dailyRunDue()).toBe(true);
  });

  it('counts the day in Paris: at 00:30 in Paris a new day has begun but it is before 6:00', () => {
    completedOn('2026-12-07');
    mockNow = new Date('2026-12-07T23:30:00Z'); // 00:30 on the 8th in Paris
    expect(dailyRunDue()).toBe(false);
    mockNow = new Date('2026-12-08T05:30:00Z'); // 06:30 on the 8th in Paris
    expect(dailyRunDue()).toBe(true);
  });
});
