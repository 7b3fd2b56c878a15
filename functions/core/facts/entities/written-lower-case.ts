import type { EntityMention } from '../ner/recognise.js';
import type { TokenTable } from '../token-table.js';
import { hasSpace, words } from './text.js';

/**
 * A phrase of several words the tagger took for an organisation or a person, which the same article also writes
 * in lower case (`Foster Care System` beside `the foster care system`), is a common noun phrase written with
 * capitals, not a name: names keep their capitals wherever they stand.
 */

/** Lower-case occurrences looked at per first word: enough for any article, and the work stays linear. */
const maxOccurrences = 64;

/** `mentions` with those of phrases the article also writes in lower case retyped as MISC. */
export function withoutLowerCasePhrases(
  mentions: readonly EntityMention[],
  tokens: TokenTable,
): EntityMention[] {
  const phrases = new Map<string, string[]>();
  for (const item of mentions) {
    if ((item.type !== 'ORG' && item.type !== 'PER') || !hasSpace(item.text)) continue;
    const parts = words(item.text.toLowerCase());
    if (parts.length > 1 && parts.length <= 6) phrases.set(item.text.toLowerCase(), parts);
  }
  if (phrases.size === 0) return [...mentions];
  const firstWords = new Set([...phrases.values()].map((parts) => parts[0] as string));
  const at = new Map<string, number[]>();
  for (let i = 0; i < tokens.tokenCount; i++) {
    const word = tokens.tokenText(i);
    if (!firstWords.has(word)) continue;
    const list = at.get(word) ?? [];
    if (list.length < maxOccurrences) list.push(i);
    at.set(word, list);
  }
  const lowered = new Set<string>();
  for (const [phrase, parts] of phrases) {
    const written = (at.get(parts[0] as string) ?? []).some((start) =>
      parts.every((part, offset) => {
        const index = start + offset;
        return index < tokens.tokenCount && tokens.sentenceOf(index) === tokens.sentenceOf(start)
          ? tokens.tokenText(index) === part
          : false;
      }),
    );
    if (written) lowered.add(phrase);
  }
  return mentions.map((item) =>
    lowered.has(item.text.toLowerCase()) && (item.type === 'ORG' || item.type === 'PER')
      ? { ...item, type: 'MISC' }
      : item,
  );
}
