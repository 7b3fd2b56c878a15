import { describe, expect, it } from 'vitest';
import { joinUnits, packUnits, segmentUnits } from '../../functions/adapters/segment-packing.js';
import { splitLongSegment, utf8Bytes } from '../../functions/adapters/split-long-segment.js';

function expectWellFormed(parts: readonly string[], text: string, maxBytes: number) {
  expect(parts.join('')).toBe(text);
  for (const part of parts) {
    expect(utf8Bytes(part)).toBeLessThanOrEqual(maxBytes);
    expect(part).not.toBe('');
    // A lone surrogate at either end would mean a pair was cut.
    expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  }
}

describe('splitLongSegment', () => {
  it('returns a text within the limit whole', () => {
    expect(splitLongSegment('Short enough.', 100)).toEqual(['Short enough.']);
  });

  it('cuts after clauses before cutting between words', () => {
    const text = 'The minister arrived in Moscow, where he met reporters; talks were long.';

    const parts = splitLongSegment(text, 40);

    expectWellFormed(parts, text, 40);
    expect(parts[0]).toBe('The minister arrived in Moscow, ');
  });

  it('cuts between words when a clause is too long', () => {
    const text = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');

    const parts = splitLongSegment(text, 50);

    expectWellFormed(parts, text, 50);
    for (const part of parts.slice(0, -1)) expect(part).toMatch(/ $/);
  });

  it('cuts CJK text and emoji at character boundaries, never inside a multi-byte character', () => {
    const text = '😀中文👍🏽'.repeat(50);

    const parts = splitLongSegment(text, 23);

    expectWellFormed(parts, text, 23);
    expect(parts.length).toBeGreaterThan(10);
  });

  it('keeps a skin-tone emoji together when its grapheme fits', () => {
    const parts = splitLongSegment('👍🏽'.repeat(4), 9);

    expect(parts).toEqual(['👍🏽', '👍🏽', '👍🏽', '👍🏽']);
  });

  it('refuses a limit under one code point', () => {
    expect(() => splitLongSegment('abc', 3)).toThrow(RangeError);
  });
});

describe('segment packing', () => {
  it('keeps whitespace and line breaks aside and puts them back around translations', () => {
    const segments = [' a ', '', 'b\nc'];

    const units = segmentUnits(segments, 100);
    const groups = packUnits(units, 100);
    const translated = units.map((u) => (u.text ? u.text.toUpperCase() : undefined));

    expect(units.map((u) => u.text)).toEqual(['a', '', 'b', 'c']);
    expect(groups).toEqual([[0, 2, 3]]);
    expect(joinUnits(segments.length, units, translated)).toEqual([' A ', '', 'B\nC']);
  });

  it('starts a new request when the next line and its separator would pass the limit', () => {
    const units = segmentUnits(['aaaa', 'bbbb', 'cccc'], 9);

    expect(packUnits(units, 9)).toEqual([[0, 1], [2]]);
  });
});
