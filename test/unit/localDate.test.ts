import {
  type LocalDate,
  addDays,
  compareLocalDates,
  daysInMonth,
  formatDateLong,
  formatDateShort,
  isLeapYear,
  isValidLocalDate,
  parseIsoDate,
  serialToInstant,
  toIsoDate,
} from '../../src/domain/localDate';
import { offsetMinutes } from '../../emulator/src/calendar/time';

const d = (year: number, month: number, day: number): LocalDate => ({ year, month, day });

describe('parseIsoDate / toIsoDate', () => {
  it('parses a strict ISO date', () => {
    expect(parseIsoDate('2026-11-21')).toEqual(d(2026, 11, 21));
    expect(parseIsoDate('2024-02-29')).toEqual(d(2024, 2, 29));
    expect(parseIsoDate(' 2027-01-01 ')).toEqual(d(2027, 1, 1));
  });

  it.each(['2026-2-1', '2026-02-30', '2025-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '', 'abc', '2026-11-21T00:00', '21/11/2026'])(
    'rejects %p',
    (text) => {
      expect(() => parseIsoDate(text)).toThrow(/Date invalide/);
    },
  );

  it('accepts 29 February of a year divisible by 400', () => {
    expect(parseIsoDate('2000-02-29')).toEqual(d(2000, 2, 29));
  });

  it('pads when printing', () => {
    expect(toIsoDate(d(2026, 1, 5))).toBe('2026-01-05');
    expect(toIsoDate(d(999, 12, 31))).toBe('0999-12-31');
    expect(toIsoDate(parseIsoDate('2026-11-21'))).toBe('2026-11-21');
  });

  it('refuses to print an impossible date', () => {
    expect(() => toIsoDate(d(2026, 2, 30))).toThrow(/Date invalide/);
    expect(() => toIsoDate({ year: 2026, month: 1.5, day: 1 })).toThrow(/Date invalide/);
  });
});

describe('calendar helpers', () => {
  it('knows leap years and month lengths', () => {
    expect([2024, 2000, 1600].map(isLeapYear)).toEqual([true, true, true]);
    expect([2026, 1900, 2100].map(isLeapYear)).toEqual([false, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('validates shapes', () => {
    expect(isValidLocalDate(d(2026, 11, 21))).toBe(true);
    expect(isValidLocalDate(null)).toBe(false);
    expect(isValidLocalDate('2026-11-21')).toBe(false);
    expect(isValidLocalDate(d(0, 1, 1))).toBe(false);
    expect(isValidLocalDate(d(2026, 6, 31))).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays(d(2026, 11, 21), 10)).toEqual(d(2026, 12, 1));
    expect(addDays(d(2026, 12, 31), 1)).toEqual(d(2027, 1, 1));
    expect(addDays(d(2024, 2, 28), 1)).toEqual(d(2024, 2, 29));
    expect(addDays(d(2025, 2, 28), 1)).toEqual(d(2025, 3, 1));
    expect(addDays(d(2027, 1, 1), -1)).toEqual(d(2026, 12, 31));
    expect(addDays(d(2026, 3, 1), -1)).toEqual(d(2026, 2, 28));
    expect(addDays(d(2026, 11, 21), 0)).toEqual(d(2026, 11, 21));
    expect(addDays(d(2026, 1, 1), 365)).toEqual(d(2027, 1, 1));
    expect(addDays(d(2024, 1, 1), 365)).toEqual(d(2024, 12, 31));
  });

  it('agrees with the UTC calendar over several centuries', () => {
    const start = d(1899, 12, 25);
    const startMs = Date.UTC(1899, 11, 25);
    for (let n = 0; n < 150000; n += 37) {
      const utc = new Date(startMs + n * 86400000);
      expect(addDays(start, n)).toEqual(d(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate()));
    }
  });

  it('does not mutate its argument', () => {
    const date = d(2026, 11, 21);
    addDays(date, 40);
    expect(date).toEqual(d(2026, 11, 21));
  });

  it('rejects fractional day counts and dates out of range', () => {
    expect(() => addDays(d(2026, 1, 1), 1.5)).toThrow(/jours/);
    expect(() => addDays(d(9999, 12, 31), 1)).toThrow(/Date invalide/);
  });
});

describe('compareLocalDates', () => {
  it('orders dates', () => {
    expect(compareLocalDates(d(2026, 11, 21), d(2026, 11, 22))).toBeLessThan(0);
    expect(compareLocalDates(d(2027, 1, 1), d(2026, 12, 31))).toBeGreaterThan(0);
    expect(compareLocalDates(d(2026, 11, 21), d(2026, 11, 21))).toBe(0);
  });
});

describe('formatDateLong', () => {
  it('writes French dates in full, lower-case months with accents', () => {
    expect(formatDateLong(d(2026, 11, 21), 'fr')).toBe('21 novembre 2026');
    expect(formatDateLong(d(2026, 8, 11), 'fr')).toBe('11 août 2026');
    expect(formatDateLong(d(2026, 2, 2), 'fr')).toBe('2 février 2026');
    expect(formatDateLong(d(2026, 12, 31), 'fr')).toBe('31 décembre 2026');
  });

  it('writes "1er" for the first day of the month in French, and only then', () => {
    expect(formatDateLong(d(2027, 1, 1), 'fr')).toBe('1er janvier 2027');
    expect(formatDateLong(d(2026, 5, 1), 'fr')).toBe('1er mai 2026');
    expect(formatDateLong(d(2026, 5, 21), 'fr')).toBe('21 mai 2026');
    expect(formatDateLong(d(2026, 5, 11), 'fr')).toBe('11 mai 2026');
  });

  it('defaults to French', () => {
    expect(formatDateLong(d(2026, 11, 21))).toBe('21 novembre 2026');
  });

  it('writes English dates day first, with a capital month and no ordinal', () => {
    expect(formatDateLong(d(2026, 11, 21), 'en')).toBe('21 November 2026');
    expect(formatDateLong(d(2027, 1, 1), 'en')).toBe('1 January 2027');
  });

  it('refuses an impossible date', () => {
    expect(() => formatDateLong(d(2026, 2, 31), 'fr')).toThrow(/Date invalide/);
  });
});

describe('formatDateShort', () => {
  it('uses DD/MM/YYYY in French and ISO in English', () => {
    expect(formatDateShort(d(2026, 11, 21), 'fr')).toBe('21/11/2026');
    expect(formatDateShort(d(2027, 1, 1), 'fr')).toBe('01/01/2027');
    expect(formatDateShort(d(2026, 11, 21), 'en')).toBe('2026-11-21');
    expect(formatDateShort(d(2027, 1, 1), 'en')).toBe('2027-01-01');
  });
});

describe('serialToInstant (a date as the Sheets API gives it, unformatted)', () => {
  // Europe/Paris offsets from Node's time-zone data (the emulator's), as Utilities.formatDate gives them in Apps Script.
  const parisOffset = (t: number) => offsetMinutes(t, 'Europe/Paris') * 60000;

  test('a winter and a summer day at 10:30 in Paris', () => {
    // 46347 is 2026-11-21; .4375 of a day is 10:30.
    expect(new Date(serialToInstant(46347.4375, parisOffset)).toISOString()).toBe('2026-11-21T09:30:00.000Z');
    expect(new Date(serialToInstant(46204.4375, parisOffset)).toISOString()).toBe('2026-07-01T08:30:00.000Z');
  });

  test('midnight, and the hour after the spring change (03:30 exists, in summer time)', () => {
    expect(new Date(serialToInstant(46347, parisOffset)).toISOString()).toBe('2026-11-20T23:00:00.000Z');
    // 2026-03-29 is the change in Europe: 03:30 local is 01:30 UTC.
    expect(new Date(serialToInstant(46110 + 3.5 / 24, parisOffset)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});
