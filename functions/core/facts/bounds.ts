import type { Span } from '../document.js';

/**
 * Limits that keep the facts analysis linear in the article's length whatever its shape. Each is several times
 * what real news text reaches (CoNLL-2003 and BBC News: sentences up to 113 tokens and 513 characters, words up to
 * 61 code points), so they change nothing on prose and cut only what no reader would call a sentence or a word.
 */

/** A word longer than this is cut into pieces of this many code points (a URL, a run of digits or letters). */
export const maxWordCodePoints = 64;

/** The entity tagger and the rules around names see at most this many tokens at a time. */
export const maxSentenceTokens = 250;

/** Sentences longer than this are analysed in windows of at most this many UTF-16 code units. */
export const maxSentenceChars = 1000;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * `spans` with every span longer than `limit` cut into consecutive windows of at most `limit` code units: at the
 * last whitespace of a window's second half when there is one, else at the limit (never inside a surrogate pair).
 */
export function boundedSpans(text: string, spans: readonly Span[], limit = maxSentenceChars): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    let start = span.start;
    while (span.end - start > limit) {
      let cut = start + limit;
      for (let i = cut; i > start + limit / 2; i--) {
        if (/\s/u.test(text.charAt(i - 1))) {
          cut = i;
          break;
        }
      }
      if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
      out.push({ start, end: cut });
      start = cut;
    }
    out.push(start === span.start ? span : { start, end: span.end });
  }
  return out;
}
