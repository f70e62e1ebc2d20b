import { type NumberingSettings, auditSequence, checkCounterAgainstLast, formatNumber, nextNumber, parseNumber } from '../../src/domain/numbering';

const yearly: NumberingSettings = { prefix: 'F', digits: 4, yearly: true };
const continuous: NumberingSettings = { prefix: 'F', digits: 4, yearly: false };
const creditNotes: NumberingSettings = { prefix: 'A', yearly: true };

describe('formatNumber', () => {
  it('formats yearly and continuous series', () => {
    expect(formatNumber(yearly, 2026, 1)).toBe('F-2026-0001');
    expect(formatNumber(continuous, 2026, 1)).toBe('F-0001');
    expect(formatNumber(continuous, null, 42)).toBe('F-0042');
    expect(formatNumber(creditNotes, 2026, 7)).toBe('A-2026-0007');
  });

  it('pads to 4 digits by default and grows past the width without truncating', () => {
    expect(formatNumber({ prefix: 'F', yearly: true }, 2026, 3)).toBe('F-2026-0003');
    expect(formatNumber(yearly, 2026, 9999)).toBe('F-2026-9999');
    expect(formatNumber(yearly, 2026, 12345)).toBe('F-2026-12345');
    expect(formatNumber({ prefix: 'F', digits: 6, yearly: false }, null, 12)).toBe('F-000012');
  });

  it('refuses invalid inputs', () => {
    expect(() => formatNumber(yearly, 2026, 0)).toThrow(/invalide/);
    expect(() => formatNumber(yearly, 2026, 1.5)).toThrow(/invalide/);
    expect(() => formatNumber(yearly, null, 1)).toThrow(/Année/);
    expect(() => formatNumber({ prefix: 'F-', yearly: true }, 2026, 1)).toThrow(/Préfixe/);
    expect(() => formatNumber({ prefix: '', yearly: true }, 2026, 1)).toThrow(/Préfixe/);
    expect(() => formatNumber({ prefix: 'F', digits: 0, yearly: true }, 2026, 1)).toThrow(/chiffres/);
  });
});

describe('parseNumber', () => {
  it('reads back what formatNumber writes', () => {
    expect(parseNumber(yearly, 'F-2026-0001')).toEqual({ year: 2026, seq: 1 });
    expect(parseNumber(yearly, 'F-2026-12345')).toEqual({ year: 2026, seq: 12345 });
    expect(parseNumber(continuous, 'F-0042')).toEqual({ seq: 42 });
    expect(parseNumber(yearly, '  F-2026-0010 ')).toEqual({ year: 2026, seq: 10 });
  });

  it('returns null for a number of another series or shape', () => {
    expect(parseNumber(yearly, 'A-2026-0001')).toBeNull();
    expect(parseNumber(creditNotes, 'F-2026-0001')).toBeNull();
    expect(parseNumber(yearly, 'F-0001')).toBeNull();
    expect(parseNumber(continuous, 'F-2026-0001')).toBeNull();
    expect(parseNumber(yearly, 'f-2026-0001')).toBeNull();
    expect(parseNumber(yearly, 'FA-2026-0001')).toBeNull();
    expect(parseNumber(yearly, '')).toBeNull();
    expect(parseNumber(yearly, 12 as unknown as string)).toBeNull();
  });

  it('returns null for numbers we would never issue', () => {
    expect(parseNumber(yearly, 'F-2026-01')).toBeNull();
    expect(parseNumber(yearly, 'F-2026-00001')).toBeNull();
    expect(parseNumber(yearly, 'F-2026-0000')).toBeNull();
    expect(parseNumber(yearly, 'F-0999-0001')).toBeNull();
  });
});

describe('nextNumber', () => {
  it('starts at 1 on an empty counter', () => {
    expect(nextNumber(yearly, null, 2026)).toEqual({ year: 2026, seq: 1, text: 'F-2026-0001' });
    expect(nextNumber(yearly, { year: null, seq: 0 }, 2026)).toEqual({ year: 2026, seq: 1, text: 'F-2026-0001' });
    expect(nextNumber(continuous, null, 2026)).toEqual({ year: null, seq: 1, text: 'F-0001' });
  });

  it('follows the counter within a year', () => {
    expect(nextNumber(yearly, { year: 2026, seq: 11 }, 2026)).toEqual({ year: 2026, seq: 12, text: 'F-2026-0012' });
    expect(nextNumber(yearly, { year: 2026, seq: 9999 }, 2026).text).toBe('F-2026-10000');
  });

  it('restarts at 1 on a new year for a yearly series', () => {
    expect(nextNumber(yearly, { year: 2026, seq: 57 }, 2027)).toEqual({ year: 2027, seq: 1, text: 'F-2027-0001' });
    expect(nextNumber(yearly, { year: 2024, seq: 3 }, 2026).text).toBe('F-2026-0001');
  });

  it('never restarts a continuous series', () => {
    expect(nextNumber(continuous, { year: null, seq: 41 }, 2027)).toEqual({ year: null, seq: 42, text: 'F-0042' });
    expect(nextNumber(continuous, { year: 2026, seq: 41 }, 2027).text).toBe('F-0042');
  });

  it('refuses to go back in time', () => {
    expect(() => nextNumber(yearly, { year: 2027, seq: 2 }, 2026)).toThrow(/non chronologique/);
  });

  it('refuses broken counters and years', () => {
    expect(() => nextNumber(yearly, { year: null, seq: 4 }, 2026)).toThrow(/sans année/);
    expect(() => nextNumber(yearly, { year: 2026, seq: -1 }, 2026)).toThrow(/invalide/);
    expect(() => nextNumber(yearly, { year: 2026, seq: 2.5 }, 2026)).toThrow(/invalide/);
    expect(() => nextNumber(yearly, null, 26)).toThrow(/Année d'émission/);
  });
});

describe('checkCounterAgainstLast', () => {
  it('is ok when both are empty or when they agree', () => {
    expect(checkCounterAgainstLast(yearly, null, null)).toEqual({ ok: true });
    expect(checkCounterAgainstLast(yearly, { year: null, seq: 0 }, '')).toEqual({ ok: true });
    expect(checkCounterAgainstLast(yearly, { year: 2026, seq: 12 }, 'F-2026-0012')).toEqual({ ok: true });
    expect(checkCounterAgainstLast(continuous, { year: null, seq: 7 }, 'F-0007')).toEqual({ ok: true });
  });

  it('detects a gap: the counter is ahead of the sheet', () => {
    const result = checkCounterAgainstLast(yearly, { year: 2026, seq: 12 }, 'F-2026-0011');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('F-2026-0012');
    expect(result.reason).toContain('F-2026-0011');
    expect(result.reason).toMatch(/trou/);
    expect(result.reason).toMatch(/suspendue jusqu'à correction/);
  });

  it('detects a duplicate to come: the sheet is ahead of the counter', () => {
    const result = checkCounterAgainstLast(yearly, { year: 2026, seq: 12 }, 'F-2026-0013');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('F-2026-0012');
    expect(result.reason).toContain('F-2026-0013');
    expect(result.reason).toMatch(/doublon/);
    expect(result.reason).toMatch(/suspendue/);
  });

  it('compares years before sequences', () => {
    const ahead = checkCounterAgainstLast(yearly, { year: 2027, seq: 1 }, 'F-2026-0040');
    expect(ahead.ok).toBe(false);
    if (!ahead.ok) expect(ahead.reason).toMatch(/trou/);
    const behind = checkCounterAgainstLast(yearly, { year: 2026, seq: 40 }, 'F-2027-0001');
    expect(behind.ok).toBe(false);
    if (!behind.ok) expect(behind.reason).toMatch(/doublon/);
  });

  it('refuses an empty counter when the sheet has numbers, and the reverse', () => {
    const emptyCounter = checkCounterAgainstLast(yearly, null, 'F-2026-0003');
    expect(emptyCounter.ok).toBe(false);
    if (!emptyCounter.ok) expect(emptyCounter.reason).toMatch(/compteur est vide.*F-2026-0003.*doublon/);
    const emptySheet = checkCounterAgainstLast(yearly, { year: 2026, seq: 3 }, null);
    expect(emptySheet.ok).toBe(false);
    if (!emptySheet.ok) expect(emptySheet.reason).toMatch(/F-2026-0003.*aucune pièce/);
  });

  it('refuses a last number that is not of the series, or a broken counter', () => {
    const malformed = checkCounterAgainstLast(yearly, { year: 2026, seq: 3 }, 'F-26-3');
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) expect(malformed.reason).toMatch(/F-26-3.*F-AAAA-0001/);
    const broken = checkCounterAgainstLast(yearly, { year: null, seq: 3 }, 'F-2026-0003');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.reason).toMatch(/compteur enregistré/);
  });

  it('names the series in its French explanation', () => {
    const result = checkCounterAgainstLast(creditNotes, { year: 2026, seq: 2 }, 'A-2026-0001');
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^Numérotation de la série « A » incohérente/) });
  });
});

describe('auditSequence', () => {
  it('accepts a continuous history, restarting each year', () => {
    const audit = auditSequence(yearly, ['F-2025-0001', 'F-2025-0002', 'F-2026-0001', 'A-2026-0001', '', null, 'F-2026-0002']);
    expect(audit).toEqual({ last: 'F-2026-0002', problems: [] });
  });

  it('is empty for no number of the series', () => {
    expect(auditSequence(yearly, ['A-2026-0001', 42])).toEqual({ last: null, problems: [] });
  });

  it('reports gaps, single and multiple', () => {
    expect(auditSequence(yearly, ['F-2026-0001', 'F-2026-0003']).problems).toEqual(['Trou dans la numérotation : F-2026-0002 manque avant F-2026-0003.']);
    expect(auditSequence(continuous, ['F-0001', 'F-0005']).problems).toEqual(['Trou dans la numérotation : F-0002 à F-0004 manquent avant F-0005.']);
  });

  it('reports a history that does not start at 1, or a year that does not restart at 1', () => {
    expect(auditSequence(yearly, ['F-2026-0002']).problems).toEqual(['Trou dans la numérotation : F-2026-0001 manque avant F-2026-0002.']);
    expect(auditSequence(yearly, ['F-2025-0001', 'F-2026-0002']).problems).toHaveLength(1);
  });

  it('reports duplicates and out-of-order numbers', () => {
    const audit = auditSequence(yearly, ['F-2026-0001', 'F-2026-0002', 'F-2026-0002', 'F-2026-0004', 'F-2026-0003']);
    expect(audit.last).toBe('F-2026-0004');
    expect(audit.problems).toEqual([
      'Doublon : F-2026-0002 apparaît plusieurs fois.',
      'Trou dans la numérotation : F-2026-0003 manque avant F-2026-0004.',
      'Ordre non chronologique : F-2026-0003 est enregistré après F-2026-0004.',
    ]);
  });

  it('reports malformed numbers of the series', () => {
    expect(auditSequence(yearly, ['F-2026-0001', 'F-2026-2']).problems).toEqual(['Numéro mal formé : « F-2026-2 ».']);
  });
});
