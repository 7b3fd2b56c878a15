/**
 * The case of a sentence's first words. Some pairs' transfer rules move the capital of a sentence's first word
 * within its chunk when nothing stands before the sentence (en-eo: "A couple may" → "paro povas", "Smaller
 * tournaments" → "Pli Malgrandaj turniroj", "Farther south" → "Pli Fora sudo"). A sentence the source opens with a
 * capital opens with one in the translation; after an opening word that takes the capital of the word it
 * modifies (en-eo's comparatives "Pli", "Plej"), that word is lower-case again where the source's second word is
 * and the word is nowhere in the source as written.
 */
import { openingText, TAG } from './apertium-kept-text.js';

/** The first two words of the source's opening text, when it opens with a capitalised word. */
function sourceOpening(source: string): { second: string } | undefined {
  // A source opening with a kept name ("Google's profits") opens with a capital all the same.
  const opening = openingText(source, true);
  if (!opening || !/^\P{L}*\p{Lu}/u.test(opening.text)) return undefined;
  if (opening.kept) return { second: '' };
  const words = /^\P{L}*(\p{Lu}[\p{L}'’-]*)\s+(\S+)/u.exec(opening.text);
  return { second: words?.[2] ?? '' };
}

/** Whether `word` stands in `text` as a word of its own. */
function asWritten(text: string, word: string): boolean {
  let at = text.indexOf(word);
  while (at >= 0) {
    if (!/\p{L}/u.test(text.charAt(at - 1)) && !/\p{L}/u.test(text.charAt(at + word.length))) return true;
    at = text.indexOf(word, at + 1);
  }
  return false;
}

/**
 * `translation` (text or inline HTML) with its first words cased as the source's; `modifiers` are the lower-cased
 * opening words whose capital the rules copy to the next word.
 */
export function caseOpening(translation: string, source: string, modifiers: ReadonlySet<string>): string {
  const said = sourceOpening(source);
  if (!said) return translation;
  const opening = openingText(translation);
  if (!opening) return translation;
  let text = opening.text.replace(
    /^(\P{L}*)(\p{Ll})/u,
    (_, before: string, letter: string) => `${before}${letter.toUpperCase()}`,
  );
  if (/^\p{Ll}/u.test(said.second)) {
    text = text.replace(
      /^(\P{L}*(\p{Lu}\p{L}*)\s+)(\p{Lu})(\p{Ll}+)(?=[\s,.;:!?]|$)/u,
      (whole, before: string, first: string, capital: string, rest: string) =>
        !modifiers.has(first.toLowerCase()) || asWritten(source, `${capital}${rest}`)
          ? whole
          : `${before}${capital.toLowerCase()}${rest}`,
    );
  }
  if (text === opening.text) return translation;
  const parts = translation.split(TAG);
  parts[opening.index] = text;
  return parts.join('');
}
