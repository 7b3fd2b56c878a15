import type { EntityMention } from '../ner/recognise.js';
import type { TokenTable } from '../token-table.js';
import { hasSpace, words } from './text.js';

/**
 * A phrase the tagger took for an organisation (or, of several words, a person), which the same article also
 * writes in lower case, in the singular or the plural (`Foster Care System` beside `the foster care system`,
 * `Scaffolds` beside `a scaffold`), is a common noun written with capitals, not a name: names keep their capitals
 * wherever they stand.
 */

/** Lower-case occurrences looked at per first word: enough for any article, and the work stays linear. */
const maxOccurrences = 64;

/** `mentions` with those of phrases the article also writes in lower case retyped as MISC. */
export function withoutLowerCasePhrases(
  mentions: readonly EntityMention[],
  tokens: TokenTable,
): EntityMention[] {
  // Each phrase, lower-cased, with the ways the article may write it in lower case.
  const phrases = new Map<string, string[][]>();
  for (const item of mentions) {
    if (item.type !== 'ORG' && (item.type !== 'PER' || !hasSpace(item.text))) continue;
    const parts = words(item.text.toLowerCase());
    if (parts.length > 6) continue;
    const last = parts.at(-1) as string;
    const number = last.endsWith('s') ? last.slice(0, -1) : `${last}s`;
    phrases.set(item.text.toLowerCase(), [parts, [...parts.slice(0, -1), number]]);
  }
  if (phrases.size === 0) return [...mentions];
  const firstWords = new Set([...phrases.values()].map((variants) => variants[0]?.[0] as string));
  const at = new Map<string, number[]>();
  for (let i = 0; i < tokens.tokenCount; i++) {
    const word = tokens.tokenText(i);
    if (!firstWords.has(word) && !firstWords.has(`${word}s`) && !firstWords.has(word.slice(0, -1))) continue;
    for (const key of [word, `${word}s`, word.slice(0, -1)]) {
      if (!firstWords.has(key)) continue;
      const list = at.get(key) ?? [];
      if (list.length < maxOccurrences) list.push(i);
      at.set(key, list);
    }
  }
  const writtenAt = (parts: readonly string[], start: number): boolean =>
    parts.every((part, offset) => {
      const index = start + offset;
      return index < tokens.tokenCount && tokens.sentenceOf(index) === tokens.sentenceOf(start)
        ? tokens.tokenText(index) === part
        : false;
    });
  const lowered = new Set<string>();
  for (const [phrase, variants] of phrases) {
    const starts = at.get(variants[0]?.[0] as string) ?? [];
    if (variants.some((parts) => starts.some((start) => writtenAt(parts, start)))) lowered.add(phrase);
  }
  return mentions.map((item) =>
    lowered.has(item.text.toLowerCase()) && (item.type === 'ORG' || item.type === 'PER')
      ? { ...item, type: 'MISC' }
      : item,
  );
}
