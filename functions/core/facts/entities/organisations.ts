import type { Span } from '../../document.js';
import type { EntityMention } from '../ner/recognise.js';
import type { Organisation } from '../types.js';
import { acronymAfter, namePrefixes } from './propagation.js';
import { byStart, span } from './text.js';

/**
 * Organisations under one name each: an acronym in brackets (`Belt and Road Initiative (BRI)`) is an alias of the
 * name before it, and a beginning of a longer name found in the article (`Belt and Road`) is that organisation.
 */
export function buildOrganisations(text: string, organisations: readonly EntityMention[]): Organisation[] {
  const groups = new Map<string, { aliases: string[]; mentions: Span[] }>();
  const aliasOf = new Map<string, string>();
  const sorted = [...organisations].sort(byStart);
  for (const item of sorted) {
    const acronym = acronymAfter(text, item);
    if (acronym) aliasOf.set(acronym, item.text);
  }
  const prefixes = namePrefixes(
    [...new Set(sorted.map((item) => item.text))].filter((name) => !aliasOf.has(name)),
  );
  for (const item of sorted) {
    const name = aliasOf.get(item.text) ?? prefixes.get(item.text) ?? item.text;
    let group = groups.get(name);
    if (!group) {
      group = { aliases: [], mentions: [] };
      groups.set(name, group);
    }
    group.mentions.push(span(item));
  }
  for (const [acronym, name] of aliasOf) {
    const group = groups.get(name);
    if (group && !group.aliases.includes(acronym)) group.aliases.push(acronym);
  }
  return [...groups].map(([name, group]) => ({
    name,
    aliases: group.aliases,
    mentions: group.mentions.sort(byStart),
  }));
}
