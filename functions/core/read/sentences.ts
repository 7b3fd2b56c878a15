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
  while (start > floor && /[\p{L}.]/u.test(text[start - 1] ?? '')) start--;
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
 * closing a sentence (`..." Then`). Line breaks inside the range are ordinary spaces.
 */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  let sentenceStart = start;
  const push = (to: number): void => {
    let from = sentenceStart;
    let until = to;
    while (from < until && isSpace(text[from])) from++;
    while (until > from && isSpace(text[until - 1])) until--;
    if (until > from) spans.push({ start: from, end: until });
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
    if (after < end && !isSpace(text[after])) continue;
    let next = after;
    while (next < end && isSpace(text[next])) next++;
    if (next >= end) break;
    if (!openers.test(text[next] ?? '')) continue;
    if (char === '.' && after === i + 1 && !endsSentenceAtDot(text, i, next, start, end)) continue;
    push(after);
    sentenceStart = after;
    i = after - 1;
  }
  push(end);
  return spans;
}
