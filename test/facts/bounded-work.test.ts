import { describe, expect, it } from 'vitest';
import {
  boundedSpans,
  maxSentenceChars,
  maxSentenceTokens,
  maxWordCodePoints,
} from '../../functions/core/facts/bounds.js';
import { figurePatterns } from '../../functions/core/facts/figures.js';
import { extractFacts } from '../../functions/core/facts/index.js';
import { gatherEvidence, sentenceFeatures } from '../../functions/core/facts/ner/features.js';
import { recogniseEntities } from '../../functions/core/facts/ner/recognise.js';
import { type Token, tokenize } from '../../functions/core/facts/tokens.js';
import { article } from './helpers.js';

/** No lone surrogate: every high surrogate is followed by a low one and every low one preceded by a high one. */
const wellFormed = (text: string): boolean => !/\p{Cs}/u.test(text);

/** The tokens as an array that counts how often its elements are read: work, counted instead of timed. */
function counted(tokens: readonly Token[]): { tokens: readonly Token[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(tokens, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/u.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { tokens: proxy, reads: () => reads };
}

describe('facts analysis bounds (pathological text stays linear)', () => {
  it('cuts an over-long word into pieces of at most maxWordCodePoints code points, never inside a pair', () => {
    const letters = tokenize('a'.repeat(200));
    expect(letters.map((token) => token.text.length)).toEqual([64, 64, 64, 8]);
    const emoji = tokenize(`x${'😀'.repeat(100)}`);
    for (const token of emoji) {
      expect([...token.text].length).toBeLessThanOrEqual(maxWordCodePoints);
      expect(wellFormed(token.text)).toBe(true);
    }
    expect(emoji.map((token) => token.text).join('')).toBe(`x${'😀'.repeat(100)}`);
  });

  it('analyses an over-long sentence in windows that cover it exactly, cut at spaces', () => {
    const text = 'word '.repeat(1000);
    const windows = boundedSpans(text, [{ start: 0, end: text.length }]);
    expect(windows.length).toBeGreaterThan(4);
    expect(windows[0]?.start).toBe(0);
    expect(windows.at(-1)?.end).toBe(text.length);
    windows.forEach((window, index) => {
      expect(window.end - window.start).toBeLessThanOrEqual(maxSentenceChars);
      expect(text.charAt(window.end - 1) === ' ' || window.end === text.length).toBe(true);
      if (index > 0) expect(window.start).toBe(windows[index - 1]?.end);
    });
    const surrogates = `${'😀'.repeat(2000)}`;
    for (const window of boundedSpans(surrogates, [{ start: 0, end: surrogates.length }])) {
      expect(wellFormed(surrogates.slice(window.start, window.end))).toBe(true);
    }
  });

  it('tags at most maxSentenceTokens tokens at a time', () => {
    const text = '= '.repeat(3000);
    const { tokens } = recogniseEntities(text, [{ start: 0, end: text.length }]);
    expect(tokens.tokenCount).toBe(3000);
    for (let sentence = 0; sentence < tokens.sentenceCount; sentence++) {
      expect(tokens.sentenceEnd(sentence) - tokens.sentenceStart(sentence)).toBeLessThanOrEqual(
        maxSentenceTokens,
      );
    }
  });

  it('reads each token of a run of punctuation a bounded number of times while making features', () => {
    // Deciding whether a word opens its clause used to look back over every symbol before it.
    const tokens = tokenize(`${'='.repeat(2000)} Paris`);
    const evidence = gatherEvidence([tokens]);
    const probe = counted(tokens);
    sentenceFeatures(probe.tokens, evidence);
    expect(probe.reads()).toBeLessThan(60 * tokens.length);
    const gathering = counted(tokens);
    gatherEvidence([gathering.tokens]);
    expect(gathering.reads()).toBeLessThan(10 * tokens.length);
  });

  it('keeps a role to a few words however many role words come before a name', () => {
    const document = article(`The ${'deputy '.repeat(40)}minister Sarah Olsen said little on Monday.`);
    const olsen = extractFacts(document).people.find((person) => person.name === 'Sarah Olsen');
    expect(olsen).toBeDefined();
    for (const role of olsen?.roles ?? []) expect(role.split(' ').length).toBeLessThanOrEqual(8);
  });

  it('reads a number only from its first digit, so a failed rule is not retried inside it', () => {
    for (const pattern of figurePatterns) {
      // Every figure pattern opens with a currency, a word boundary before a spelled number, or a look-behind
      // that refuses to start after a digit (or a digit and a separator).
      expect(pattern.source).toMatch(
        /^(?:\(US|\\b|\(\?<!\[\\p\{N\}\]\|\[\\p\{N\}\]\[\.,\]\)|\(\?<!\[\\p\{L\}\\d\.,:\]\))/u,
      );
    }
  });
});
