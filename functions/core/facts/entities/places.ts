import type { Span } from '../../document.js';
import { placeHeads } from '../cues.js';
import { lexicon } from '../lexicon.js';
import type { EntityMention } from '../ner/recognise.js';
import type { Place } from '../types.js';
import { byStart, span, words } from './text.js';

/** Places under one name each: a country under its usual name, `ABERDEEN` with `Aberdeen`, `Thames` with `River Thames`. */

/** Grouping key that lets `ABERDEEN` in a capitalised dateline join `Aberdeen`. */
const caseless = (name: string): string => name.toLowerCase();
const isAllCaps = (name: string): boolean => !/\p{Ll}/u.test(name) && name.length > 3;

export function buildPlaces(places: readonly EntityMention[]): Place[] {
  const lex = lexicon();
  const groups = new Map<string, { name: string; mentions: Span[] }>();
  for (const item of places) {
    const name = lex.countryNames.get(item.text) ?? item.text;
    const key = caseless(name);
    const group = groups.get(key) ?? { name, mentions: [] };
    // Prefer the name as usually written over an all-capitals form.
    if (isAllCaps(group.name) && !isAllCaps(name)) group.name = name;
    group.mentions.push(span(item));
    groups.set(key, group);
  }
  // `Thames` is the `River Thames` the article also names.
  for (const [key, group] of groups) {
    const parts = words(group.name);
    if (parts.length !== 2 || !placeHeads.has(parts[0]?.toLowerCase() ?? '')) continue;
    const short = groups.get(caseless(parts[1] ?? ''));
    if (!short || short === group) continue;
    group.mentions.push(...short.mentions);
    groups.delete(caseless(parts[1] ?? ''));
    groups.set(key, group);
  }
  return [...groups.values()].map(({ name, mentions }) => ({ name, mentions: mentions.sort(byStart) }));
}
