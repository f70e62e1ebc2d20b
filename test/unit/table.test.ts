import { columnLetter, rowBlocks } from '../../src/gas/table';

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

describe('rowBlocks: the reads that fetch scattered rows', () => {
  const spans = (rows: number[], maxReads: number, mergeGap = 50) => rowBlocks(rows, maxReads, mergeGap).map((b) => [b.first, b.last]);

  it('reads rows that sit together in one block, whatever the budget', () => {
    expect(spans([1005, 1001, 1003, 1002], 3)).toEqual([[1001, 1005]]);
  });

  it('cuts at the widest gaps, never more reads than the budget', () => {
    const rows = [2, 3, 500, 502, 9000, 9001, 9003];
    expect(spans(rows, 1)).toEqual([[2, 9003]]);
    expect(spans(rows, 2)).toEqual([
      [2, 502],
      [9000, 9003],
    ]);
    expect(spans(rows, 3)).toEqual([
      [2, 3],
      [500, 502],
      [9000, 9003],
    ]);
    expect(spans(rows, 10)).toEqual([
      [2, 3],
      [500, 502],
      [9000, 9003],
    ]);
  });

  it('reads through a gap of mergeGap rows or fewer rather than cutting it', () => {
    expect(spans([10, 40, 200], 3, 50)).toEqual([
      [10, 40],
      [200, 200],
    ]);
    expect(spans([10, 40, 200], 3, 0)).toEqual([
      [10, 10],
      [40, 40],
      [200, 200],
    ]);
  });

  it('gives every row to exactly one block, once, and ignores the header row and duplicates', () => {
    const blocks = rowBlocks([7, 1, 7, 300, 2, 0], 2, 10);
    expect(blocks.flatMap((b) => b.rows)).toEqual([2, 7, 300]);
    for (const b of blocks) for (const r of b.rows) expect(r >= b.first && r <= b.last).toBe(true);
    expect(rowBlocks([], 3, 10)).toEqual([]);
  });
});
