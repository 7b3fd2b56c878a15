/**
 * The article before a kept name. A kept name reaches transfer as a proper noun, and en-eo's rules drop the
 * article before proper nouns ("the Red Cross" → "Red Cross", "the Guaycurú" → "Guaycurú"), where Esperanto, like
 * English, writes it before the names of organisations, peoples and things ("la Ruĝa Kruco"). A kept element the
 * source has "the" before gets the language's article back where the answer lost it.
 */

import { keptElementId } from './apertium-kept-text.js';

/** Ids of the kept elements that `source` has "the" before. */
function idsAfterThe(source: string): Set<string> {
  const ids = new Set<string>();
  for (const match of source.matchAll(/(?<!\p{L})[Tt]he\s+(<[A-Za-z][^<>]*>)/gu)) {
    const id = keptElementId(match[1] ?? '');
    if (id) ids.add(id);
  }
  return ids;
}

/** `translation` with `article` before each kept element the source has "the" before and the answer does not. */
export function articleBeforeKept(translation: string, source: string, article: string): string {
  const ids = idsAfterThe(source);
  if (ids.size === 0) return translation;
  const lower = article.toLowerCase();
  return translation.replace(/<[A-Za-z][^<>]*>/gu, (tag, offset: number) => {
    const id = keptElementId(tag);
    if (!id || !ids.has(id)) return tag;
    const before = translation.slice(0, offset).replace(/<[^<>]*>/gu, '');
    const word = /(\p{L}+)\s*$/u.exec(before)?.[1];
    if (word?.toLowerCase() === lower) return tag;
    // The sentence's first word: capitalised, and the name keeps its own case.
    const opening = /^[\s\p{P}]*$/u.test(before);
    const written = opening ? `${article.charAt(0).toUpperCase()}${article.slice(1)}` : lower;
    const space = before === '' || /\s$/u.test(before) ? '' : ' ';
    return `${space}${written} ${tag}`;
  });
}
