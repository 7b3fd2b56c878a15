import { describe, expect, it } from 'vitest';
import {
  MAX_SENTENCE_CHARS,
  MAX_SENTENCE_TOKENS,
  sentenceTokenCount,
  splitSentences,
} from '../../functions/core/read/sentences.js';

const split = (text: string): string[] =>
  splitSentences(text).map((span) => text.slice(span.start, span.end));

describe('splitSentences', () => {
  it('keeps titles, initials and abbreviations inside sentences', () => {
    expect(
      split(
        'Mr. Smith met Dr. J. K. Rowling at 3 p.m. on Friday. They discussed No. 10 and the U.S. economy.',
      ),
    ).toEqual([
      'Mr. Smith met Dr. J. K. Rowling at 3 p.m. on Friday.',
      'They discussed No. 10 and the U.S. economy.',
    ]);
  });

  it('splits after an abbreviation when a sentence clearly starts', () => {
    expect(
      split('The talks were held in the U.S. The outcome is unclear. He left at 5 p.m. Officials said so.'),
    ).toEqual([
      'The talks were held in the U.S.',
      'The outcome is unclear.',
      'He left at 5 p.m.',
      'Officials said so.',
    ]);
  });

  it('splits after a company suffix only when a sentence clearly starts', () => {
    expect(split('He joined Warner Bros. But he left. Acme Inc. reported profits.')).toEqual([
      'He joined Warner Bros.',
      'But he left.',
      'Acme Inc. reported profits.',
    ]);
  });

  it('does not split decimals, versions or amounts', () => {
    expect(split('Growth was 3.5 per cent, up from 2.75. Prices rose $1.2 billion.')).toEqual([
      'Growth was 3.5 per cent, up from 2.75.',
      'Prices rose $1.2 billion.',
    ]);
  });

  it('ends sentences after closing quotes and brackets', () => {
    expect(
      split('He said: "We will win." Then he left. (It rained.) "Is it?" she asked. ‘Yes!’ Done.'),
    ).toEqual([
      'He said: "We will win."',
      'Then he left.',
      '(It rained.)',
      '"Is it?" she asked.',
      '‘Yes!’',
      'Done.',
    ]);
  });

  it('handles ellipses, question and exclamation marks', () => {
    expect(split('Wait... What happened? Nobody knows! It is over.')).toEqual([
      'Wait...',
      'What happened?',
      'Nobody knows!',
      'It is over.',
    ]);
  });

  it('treats line breaks inside a paragraph as spaces and returns offsets into the text', () => {
    const text = 'First line\r\ncontinues here. Second\nsentence.';
    const spans = splitSentences(text);
    expect(spans).toEqual([
      { start: 0, end: 27 },
      { start: 28, end: 44 },
    ]);
  });

  it('returns one sentence for text without final punctuation', () => {
    expect(split('  a headline without a full stop  ')).toEqual(['a headline without a full stop']);
  });
});

describe('splitSentences on hostile text', () => {
  const pieces = (text: string): string[] => split(text);
  /** What lies outside the spans, in order: only whitespace when they cover the text. */
  const gaps = (text: string, spans: readonly { start: number; end: number }[]): string =>
    spans
      .map((span, index) => text.slice(index === 0 ? 0 : (spans[index - 1]?.end ?? 0), span.start))
      .join('') + text.slice(spans.at(-1)?.end ?? 0);

  it('cuts a sentence of punctuation into pieces of at most MAX_SENTENCE_TOKENS tokens', () => {
    const text = `Text ${'= '.repeat(5_000)}text`;

    const found = splitSentences(text);

    expect(found.length).toBeGreaterThan(5_000 / MAX_SENTENCE_TOKENS);
    for (const span of found) expect(sentenceTokenCount(text, span)).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS);
    // Every character of the run is still in a piece, in order.
    expect(gaps(text, found).trim()).toBe('');
  });

  it('cuts a run of one character, with no space to cut at, by tokens', () => {
    const text = `Text ${'['.repeat(20_000)} text`;

    const found = splitSentences(text);

    expect(found.length).toBeGreaterThanOrEqual(20_000 / MAX_SENTENCE_TOKENS);
    for (const span of found) expect(sentenceTokenCount(text, span)).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS);
    expect(gaps(text, found).trim()).toBe('');
  });

  it('cuts an over-long word by code points, never inside a surrogate pair', () => {
    const word = '𝐀𝐛𝐜'.repeat(2_000);

    const text = `Start ${word} end.`;

    const found = splitSentences(text);

    expect(found.length).toBeGreaterThan(1);
    for (const span of found) {
      const piece = text.slice(span.start, span.end);
      expect([...piece].length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      // No lone surrogate at either end: the cut fell between code points.
      expect(piece).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/u);
    }
    expect(gaps(text, found).trim()).toBe('');
  });

  it('cuts a long sentence at a space in its second half', () => {
    const words = Array.from({ length: 600 }, (_, i) => `word${i}`).join(' ');

    const found = pieces(`${words}.`);

    expect(found.length).toBeGreaterThan(1);
    for (const piece of found.slice(0, -1)) {
      expect(piece).toMatch(/^word\d+( word\d+)*$/u);
      expect(sentenceTokenCount(piece, { start: 0, end: piece.length })).toBeGreaterThan(
        MAX_SENTENCE_TOKENS / 2,
      );
    }
  });

  it('leaves a long ordinary sentence whole', () => {
    const sentence = `${Array.from({ length: 90 }, (_, i) => `word${i},`).join(' ')} and the end.`;

    expect(pieces(`${sentence} Next one.`)).toEqual([sentence, 'Next one.']);
  });

  it('looks at each character of a run of full stops a bounded number of times', () => {
    const text = `Text ${'.'.repeat(5_000)} text`;
    let reads = 0;
    // The text, counting every character read (by index or by code).
    const counting = new Proxy(Object(text) as object, {
      get(target, property) {
        if (typeof property === 'string' && /^\d+$/u.test(property)) {
          reads++;
          return text[Number(property)];
        }
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (property === 'charCodeAt' || property === 'codePointAt') reads++;
          return (value as (...a: unknown[]) => unknown).apply(text, args);
        };
      },
    }) as unknown as string;

    splitSentences(counting, 0, text.length);

    expect(reads).toBeLessThan(10 * text.length);
  });
});
