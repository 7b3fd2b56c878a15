import type { Span } from '../document.js';

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
  const slice = text.slice(start, end);
  for (const match of slice.matchAll(tokenPattern)) {
    let from = start + (match.index ?? 0);
    let surface = match[0];
    // A possessive is a token of its own, so `Wang's` is the name `Wang` plus `'s`.
    const possessive = /^(.+?)(['’][sS])$/u.exec(surface);
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
    const last = tokens.at(-1);
    // The full stop already taken into an abbreviation is not a token again.
    if (last && last.end > from) continue;
    tokens.push({ text: surface, start: from, end: from + surface.length });
  }
  return tokens;
}
