import { columnLetter } from '../../src/gas/table';

describe('columnLetter', () => {
  it.each([
    [1, 'A'],
    [2, 'B'],
    [13, 'M'],
    [26, 'Z'],
    [27, 'AA'],
    [28, 'AB'],
    [52, 'AZ'],
    [53, 'BA'],
    [78, 'BZ'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [16384, 'XFD'],
    [18278, 'ZZZ'],
  ])('column %p is %p', (col, letter) => {
    expect(columnLetter(col)).toBe(letter);
  });

  it('is the inverse of reading an A1 column name', () => {
    const read = (letters: string): number => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
    for (let col = 1; col <= 2000; col++) expect(read(columnLetter(col))).toBe(col);
  });

  it('is empty for a column that does not exist', () => {
    expect(columnLetter(0)).toBe('');
    expect(columnLetter(-3)).toBe('');
  });
});
