import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../functions/core/read/sentences.js';

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
