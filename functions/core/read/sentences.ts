import type { Span } from '../document.js';

/** Abbreviations after which a full stop does not end a sentence (compared lower-case, without dots). */
const abbreviations = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'gen',
  'gov',
  'sen',
  'rep',
  'lt',
  'col',
  'capt',
  'cpt',
  'sgt',
  'maj',
  'cmdr',
  'adm',
  'rev',
  'hon',
  'pres',
  'supt',
  'insp',
  'det',
  'fr',
  'sr',
  'mme',
  'mlle',
  'messrs',
  'dept',
  'univ',
  'assn',
  'est',
  'approx',
  'vs',
  'etc',
  'cf',
  'al',
  'eg',
  'ie',
  'fig',
  'figs',
  'vol',
  'vols',
  'ch',
  'pp',
  'para',
  'art',
  'sec',
  'ed',
  'eds',
  'rd',
  'ave',
  'blvd',
  'mt',
  'ft',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'no',
  'nos',
  'tel',
  'ext',
  'min',
  'max',
  'ca',
]);

/** Abbreviations that also close sentences: split after them only when a typical sentence opener follows. */
const terminalAbbreviations = new Set([
  'us',
  'uk',
  'un',
  'eu',
  'am',
  'pm',
  'dc',
  'usa',
  'ussr',
  'phd',
  'etc',
  // Company suffixes end sentences as often as they sit inside them.
  'inc',
  'ltd',
  'co',
  'corp',
  'plc',
  'bros',
]);

const sentenceOpeners = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'his',
  'her',
  'its',
  'their',
  'our',
  'this',
  'that',
  'these',
  'those',
  'there',
  'but',
  'and',
  'however',
  'meanwhile',
  'in',
  'on',
  'at',
  'after',
  'before',
  'during',
  'when',
  'while',
  'as',
  'if',
  'so',
  'yet',
  'then',
  'now',
  'some',
  'many',
  'most',
  'officials',
  'experts',
  'both',
  'no',
  'not',
  'one',
  'two',
  'for',
  'with',
  'since',
  'although',
  'despite',
  'according',
]);

const closers = new Set(['"', "'", '”', '’', ')', ']', '»', '›']);
const openers = /[\p{Lu}\p{Lt}\p{N}"'“‘(«¿¡\p{Lo}]/u;
const isSpace = (char: string | undefined): boolean => char !== undefined && /\s/u.test(char);

/** The word (letters and inner dots) that ends right before `index`, e.g. `U.S` or `Mr`. */
function wordBefore(text: string, index: number, floor: number): string {
  let start = index;
  // Bounded: no abbreviation is longer, and a run of dotted letters must not be rescanned from every dot.
  const limit = Math.max(floor, index - 40);
  while (start > limit && /[\p{L}.]/u.test(text[start - 1] ?? '')) start--;
  return text.slice(start, index);
}

function nextWord(text: string, index: number, limit: number): string {
  const match = /^[\s"'“‘(«]*([\p{L}]+)/u.exec(text.slice(index, Math.min(limit, index + 40)));
  return match?.[1] ?? '';
}

function endsSentenceAtDot(text: string, dot: number, after: number, floor: number, limit: number): boolean {
  const word = wordBefore(text, dot, floor);
  const bare = word.replaceAll('.', '').toLowerCase();
  const next = nextWord(text, after, limit);
  const nextIsOpener = sentenceOpeners.has(next.toLowerCase());
  if (word.includes('.') || terminalAbbreviations.has(bare)) {
    // `U.S.`, `p.m.`, `Ph.D.`: part of the sentence unless a sentence clearly starts next.
    return nextIsOpener;
  }
  if (abbreviations.has(bare)) {
    // `No. 10`, `Mr. Smith`: never a boundary. `etc.` is handled above.
    return false;
  }
  // A single capital is an initial (`J. K. Rowling`), unless a sentence clearly starts next.
  if (/^\p{Lu}$/u.test(word)) return nextIsOpener;
  return true;
}

/**
 * Splits `text.slice(start, end)` into sentences and returns their spans in `text` (trimmed). Handles
 * abbreviations (`Mr.`, `U.S.`, `p.m.`, `No. 10`), initials, decimals (`3.5`), ellipses and quotes or brackets
 * closing a sentence (`..." Then`). Line breaks inside the range are ordinary spaces. An over-long sentence comes
 * back in pieces (see {@link boundSentence}).
 */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  let sentenceStart = start;
  const push = (to: number): void => {
    let from = sentenceStart;
    let until = to;
    while (from < until && isSpace(text[from])) from++;
    while (until > from && isSpace(text[until - 1])) until--;
    if (until > from) for (const piece of boundSentence(text, from, until)) spans.push(piece);
  };

  for (let i = start; i < end; i++) {
    const char = text[i];
    if (char !== '.' && char !== '!' && char !== '?' && char !== '…' && char !== '。') continue;
    let after = i + 1;
    while (
      after < end &&
      (text[after] === '.' || text[after] === '!' || text[after] === '?' || text[after] === '…')
    ) {
      after++;
    }
    while (after < end && closers.has(text[after] ?? '')) after++;
    // Whether a run of marks ends a sentence does not depend on where in the run it is looked at from, so a
    // run that does not is skipped whole: looking again from each of its marks would be quadratic.
    if (after < end && !isSpace(text[after])) {
      i = after - 1;
      continue;
    }
    let next = after;
    while (next < end && isSpace(text[next])) next++;
    if (next >= end) break;
    if (!openers.test(text[next] ?? '')) {
      i = next - 1;
      continue;
    }
    if (char === '.' && after === i + 1 && !endsSentenceAtDot(text, i, next, start, end)) continue;
    push(after);
    sentenceStart = after;
    i = after - 1;
  }
  push(end);
  return spans;
}

/**
 * At most this many tokens (words, numbers, and each other mark) in a sentence. Every later stage (facts,
 * translation, rendering) works sentence by sentence, so a bound here keeps any per-sentence cost bounded
 * whatever the input: a run of 20,000 `=` is 100 sentences, not one. Ordinary sentences stay well inside it
 * (the longest of 2,000 news sentences has about 120 tokens).
 */
export const MAX_SENTENCE_TOKENS = 200;
/** At most this many code points in a sentence: one endless word is cut too. */
export const MAX_SENTENCE_CHARS = 1_000;

type CharClass = 'space' | 'word' | 'mark';

function classOf(text: string, index: number): CharClass {
  const code = text.charCodeAt(index);
  if (code < 0x80) {
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return 'space';
    const letterOrDigit =
      (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    return letterOrDigit ? 'word' : 'mark';
  }
  const char = String.fromCodePoint(text.codePointAt(index) ?? code);
  if (/\s/u.test(char)) return 'space';
  return /[\p{L}\p{M}\p{N}]/u.test(char) ? 'word' : 'mark';
}

/** Code units of the code point at `index` (2 for a surrogate pair). */
function unitsAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff || index + 1 >= text.length) return 1;
  const low = text.charCodeAt(index + 1);
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

/** Tokens in `span` as the sentence bound counts them: runs of letters and digits, and every other mark. */
export function sentenceTokenCount(text: string, span: Span): number {
  let count = 0;
  let previous: CharClass = 'space';
  for (let i = span.start; i < span.end; i += unitsAt(text, i)) {
    const kind = classOf(text, i);
    if (kind === 'mark' || (kind === 'word' && previous !== 'word')) count++;
    previous = kind;
  }
  return count;
}

/**
 * Cuts the trimmed sentence `[start, end)` into pieces within {@link MAX_SENTENCE_TOKENS} and
 * {@link MAX_SENTENCE_CHARS}: at the last space of a piece when it is in the piece's second half, otherwise
 * right at the token (or, inside one endless word, the code point) that would go over. Each character is
 * looked at about twice at most.
 */
export function boundSentence(text: string, start: number, end: number): Span[] {
  const pieces: Span[] = [];
  let pieceStart = start;
  let tokens = 0;
  let points = 0;
  let lastSpace = -1;
  let previous: CharClass = 'space';
  for (let i = start; i < end; ) {
    const kind = classOf(text, i);
    const units = unitsAt(text, i);
    const startsToken = kind === 'mark' || (kind === 'word' && previous !== 'word');
    if (
      kind !== 'space' &&
      ((startsToken && tokens >= MAX_SENTENCE_TOKENS) || points >= MAX_SENTENCE_CHARS)
    ) {
      const cut = lastSpace > pieceStart + (i - pieceStart) / 2 ? lastSpace : i;
      let until = cut;
      while (until > pieceStart && classOf(text, until - 1) === 'space') until--;
      pieces.push({ start: pieceStart, end: until });
      let from = cut;
      while (from < end && classOf(text, from) === 'space') from++;
      pieceStart = from;
      i = from;
      tokens = 0;
      points = 0;
      lastSpace = -1;
      previous = 'space';
      continue;
    }
    if (kind === 'space' && previous !== 'space') lastSpace = i;
    if (startsToken) tokens++;
    points++;
    previous = kind;
    i += units;
  }
  if (end > pieceStart) pieces.push({ start: pieceStart, end });
  return pieces;
}
