import { MAX_CELL_CHARS, asPlainText, safeCell } from '../../src/domain/sheetText';

describe('asPlainText', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Cliquez")', '\'=HYPERLINK("http://evil.example","Cliquez")'],
    ['=1+1', "'=1+1"],
    ['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
    ['-5', "'-5"],
    ['-Jeanne', "'-Jeanne"],
    ['@import', "'@import"],
    ['=', "'="],
  ])('neutralises %p with a leading apostrophe', (value, written) => {
    expect(asPlainText(value)).toBe(written);
  });

  it.each(['Jeanne Martin', 'jeanne@example.fr', 'a=b', 'Cours 1+1', '', ' =1+1', 'cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY'])(
    'leaves %p as it is',
    (value) => {
      expect(asPlainText(value)).toBe(value);
    },
  );
});

describe('safeCell', () => {
  it('neutralises strings that would start a formula', () => {
    expect(safeCell('=IMPORTXML("http://evil.example","//a")')).toBe('\'=IMPORTXML("http://evil.example","//a")');
    expect(safeCell('@Jeanne')).toBe("'@Jeanne");
  });

  it('leaves numbers, booleans and dates untouched', () => {
    const date = new Date('2026-03-10T12:00:00Z');
    expect(safeCell(-12.5)).toBe(-12.5);
    expect(safeCell(0)).toBe(0);
    expect(safeCell(false)).toBe(false);
    expect(safeCell(date)).toBe(date);
  });

  it('keeps a string of exactly 50,000 characters whole', () => {
    const value = 'a'.repeat(50000);
    expect(MAX_CELL_CHARS).toBe(50000);
    expect(safeCell(value)).toBe(value);
  });

  it('caps a longer string at 50,000 characters, ending with an ellipsis', () => {
    const capped = safeCell('b'.repeat(50001)) as string;
    expect(capped).toHaveLength(50000);
    expect(capped.endsWith('b…')).toBe(true);
    expect(capped.slice(0, 49999)).toBe('b'.repeat(49999));
    expect((safeCell('c'.repeat(200000)) as string).length).toBe(50000);
  });

  it('neutralises a long formula-like string as well as capping it', () => {
    const written = safeCell(`=${'x'.repeat(60000)}`) as string;
    expect(written.startsWith("'=xxx")).toBe(true);
    expect(written.endsWith('…')).toBe(true);
  });

  // BUG: the apostrophe is added after the cap, so a formula-like string of 50,000+ characters is
  // written as 50,001 characters. The project's own emulator (emulator/src/spreadsheet/cells.ts,
  // parseText) checks the length before stripping the apostrophe and throws "more than the maximum
  // of 50000 characters": the whole row write fails. Fix: cap to MAX_CELL_CHARS - 1 when neutralising.
  test('never writes more than 50,000 characters, apostrophe included', () => {
    expect((safeCell(`=${'x'.repeat(60000)}`) as string).length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect((safeCell(`-${'x'.repeat(49999)}`) as string).length).toBeLessThanOrEqual(MAX_CELL_CHARS);
  });
});
