import { describe, expect, it } from 'vitest';
import { packedBuckets, packedIncludes } from '../../functions/core/facts/packed-list.js';

describe('packedIncludes', () => {
  const packed = ['Aberdeen', 'Bath', 'New York', 'Zürich', 'aachen', 'ﬁnal'].sort().join('|');

  it('finds every entry of a sorted packed list, first and last included', () => {
    for (const entry of packed.split('|')) expect(packedIncludes(packed, entry)).toBe(true);
  });

  it('finds no prefix, extension or absent value', () => {
    for (const value of ['', 'A', 'Bat', 'Baths', 'New', 'York', 'Zurich', 'zzz', '|']) {
      expect(packedIncludes(packed, value)).toBe(false);
    }
  });

  it('handles a list of one entry and an empty list', () => {
    expect(packedIncludes('Paris', 'Paris')).toBe(true);
    expect(packedIncludes('Paris', 'Rome')).toBe(false);
    expect(packedIncludes('', 'Paris')).toBe(false);
  });

  it('reads bucketed lists', () => {
    expect(packedBuckets('3:a|b;5:c')).toEqual([
      { bucket: 3, values: 'a|b' },
      { bucket: 5, values: 'c' },
    ]);
  });
});
