import type { Span } from '../document.js';
import { maxWordCodePoints } from './bounds.js';

export interface Token extends Span {
  readonly text: string;
}

/** Abbreviations that keep their full stop (`Mr.`, `Corp.`), compared without it. */
const dottedAbbreviations = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Prof',
  'St',
  'Jr',
  'Sr',
  'Gen',
  'Gov',
  'Sen',
  'Rep',
  'Lt',
  'Col',
  'Capt',
  'Sgt',
  'Maj',
  'Adm',
  'Rev',
  'Hon',
  'Inc',
  'Ltd',
  'Co',
  'Corp',
  'Bros',
  'Mt',
  'Ft',
  'No',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
  'vs',
]);

// Order matters: dotted acronyms (`U.S.`), numbers with separators (`1,250.5`, `1996-08-30`, `10.9bn`), words with
// inner hyphens or apostrophes (`all-rounder`, `O'Neill`, `Wang's`), then any other single character.
const tokenPattern =
  /(?:\p{L}\.){2,}|\p{N}+(?:[.,:/-]\p{N}+)*(?:\p{L}+)?|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-&'’][\p{L}\p{M}\p{N}]+)*|\S/gu;

/** Splits `text.slice(start, end)` into word, number and punctuation tokens with their spans in `text`. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  // One pattern object read with `exec` (not `matchAll`, which copies the pattern on every call: a cost per
  // sentence that text of many one-word sentences pays thousands of times).
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(slice); match; match = tokenPattern.exec(slice)) {
    let from = start + match.index;
    let surface = match[0];
    // A possessive is a token of its own, so `Wang's` is the name `Wang` plus `'s`.
    const last = surface.charCodeAt(surface.length - 1);
    const possessive = last === 0x73 || last === 0x53 ? /^(.+?)(['’][sS])$/u.exec(surface) : null;
    if (possessive?.[1] && possessive[2] && /\p{L}/u.test(possessive[1])) {
      tokens.push({ text: possessive[1], start: from, end: from + possessive[1].length });
      from += possessive[1].length;
      surface = possessive[2];
    } else if (
      text[from + surface.length] === '.' &&
      from + surface.length < end &&
      (dottedAbbreviations.has(surface) || /^\p{Lu}$/u.test(surface))
    ) {
      surface += '.';
    }
    const previous = tokens.at(-1);
    // The full stop already taken into an abbreviation is not a token again.
    if (previous && previous.end > from) continue;
    if (surface.length > maxWordCodePoints) pushPieces(tokens, surface, from);
    else tokens.push({ text: surface, start: from, end: from + surface.length });
  }
  return tokens;
}

/** An over-long word as tokens of at most `maxWordCodePoints` code points each, so no look-up sees a huge key. */
function pushPieces(tokens: Token[], surface: string, from: number): void {
  let start = 0;
  let points = 0;
  for (let i = 0; i < surface.length; i++) {
    // The second half of a surrogate pair belongs to the code point before it.
    const code = surface.charCodeAt(i);
    const previous = surface.charCodeAt(i - 1);
    if (code >= 0xdc00 && code <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff) continue;
    if (points === maxWordCodePoints) {
      tokens.push({ text: surface.slice(start, i), start: from + start, end: from + i });
      start = i;
      points = 0;
    }
    points++;
  }
  tokens.push({ text: surface.slice(start), start: from + start, end: from + surface.length });
}
