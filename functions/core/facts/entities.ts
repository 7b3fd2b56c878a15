import type { Span } from '../document.js';
import { organisationHeads, personTitles, placeHeads, roleModifiers } from './cues.js';
import { lexicon } from './lexicon.js';
import type { EntityMention } from './ner/recognise.js';
import type { TokenTable } from './token-table.js';
import type { Organisation, Person, Place } from './types.js';

/**
 * Turns tagged mentions into the facts a reader expects: one person per human being under their full name with
 * the titles the article gives them, organisations tied to their acronyms, and places under one name each.
 */

const isUpper = (text: string): boolean => /^\p{Lu}/u.test(text);
const words = (text: string): string[] => text.split(/\s+/u).filter(Boolean);
const significant = (word: string): boolean => isUpper(word) || /^\p{N}/u.test(word);

export interface EntityFacts {
  readonly people: Person[];
  readonly organisations: Organisation[];
  readonly places: Place[];
}

function mention(text: string, type: EntityMention['type'], start: number, end: number): EntityMention {
  return { type, start, end, text: text.slice(start, end) };
}

/** Capitalised words that open sentences and clauses but never names (`And Ireland's`, `I`). */
const notNames = new Set([
  'i',
  'a',
  'an',
  'and',
  'but',
  'or',
  'so',
  'then',
  'as',
  'if',
  'when',
  'while',
  'after',
  'before',
  'because',
  'he',
  'she',
  'it',
  'we',
  'they',
  'you',
  'his',
  'her',
  'its',
  'our',
  'their',
  'this',
  'that',
  'these',
  'those',
  'there',
  'here',
  'yes',
  'no',
  'not',
  'also',
  'however',
  'meanwhile',
  "'s",
  '’s',
]);

/** Drops opening words that cannot start a name; undefined when nothing name-like is left. */
function trimFunctionWords(text: string, item: EntityMention, tokens: TokenTable): EntityMention | undefined {
  let start = item.start;
  let index = tokens.indexAt(start);
  while (index >= 0) {
    if (tokens.end(index) > item.end) break;
    const lower = tokens.tokenText(index).toLowerCase();
    const next = index + 1 < tokens.sentenceEnd(tokens.sentenceOf(index)) ? index + 1 : -1;
    // `The Bank of England` is the Bank of England; `The Hague` keeps its article.
    const article = lower === 'the' && next >= 0 && tokens.end(next) < item.end;
    if (!notNames.has(lower) && !article) break;
    if (next < 0 || tokens.start(next) >= item.end) return undefined;
    start = tokens.start(next);
    index = next;
  }
  if (!/^\p{L}/u.test(text.charAt(start))) return undefined;
  // A possessive ending is not part of the name (`Sale's` → `Sale`).
  const end = item.end - (/\s?['’]s$/u.exec(text.slice(start, item.end))?.[0].length ?? 0);
  if (end <= start) return undefined;
  return start === item.start && end === item.end ? item : mention(text, item.type, start, end);
}

/** `Ireland's Taniesha Scanlon`: a place or team, then a person. Other mentions are returned as they are. */
function splitPossessive(text: string, item: EntityMention): EntityMention[] {
  const match = /^(.+?)\s?['’]s\s+(\p{Lu}[\p{L}'’-]*)(\s.+)?$/u.exec(item.text);
  const given = match?.[2] ?? '';
  if (!match?.[1] || !match[3] || !(lexicon().firstNames.has(given) || lexicon().names.has(given)))
    return [item];
  const ownerEnd = item.start + match[1].length;
  const personStart = item.start + item.text.lastIndexOf(match[2] + (match[3] ?? ''));
  const lex = lexicon();
  const ownerType =
    lex.countryNames.has(match[1]) || lex.cities.has(match[1].toLowerCase()) ? 'LOC' : item.type;
  return [mention(text, ownerType, item.start, ownerEnd), mention(text, 'PER', personStart, item.end)];
}

/** Honorifics say nothing about what a person does. */
const honorifics = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'miss', 'mx', 'sir', 'dame']);

/** Corrections that make tagger output read as facts (and follow how news names things). */
function tidy(text: string, raw: readonly EntityMention[], tokens: TokenTable): EntityMention[] {
  const lex = lexicon();
  const out: EntityMention[] = [];
  const pieces = raw.flatMap((item) => {
    const trimmedItem = trimFunctionWords(text, item, tokens);
    return trimmedItem ? splitPossessive(text, trimmedItem) : [];
  });
  for (const piece of pieces) {
    let current = piece;
    // `China-Russia relations`: two places, not one.
    const pieces = current.text.split(/[-–]/u);
    if (
      pieces.length > 1 &&
      pieces.every((part) => lex.countryNames.has(part) || lex.cities.has(part.toLowerCase()))
    ) {
      let offset = current.start;
      for (const part of pieces) {
        out.push(mention(text, 'LOC', offset, offset + part.length));
        offset += part.length + 1;
      }
      continue;
    }
    // A title the tagger took into a name (`President Putin`) is a role, not part of the name.
    if (current.type === 'PER') {
      let start = current.start;
      let index = tokens.indexAt(start);
      while (index >= 0) {
        const next = index + 1 < tokens.sentenceEnd(tokens.sentenceOf(index)) ? index + 1 : -1;
        if (
          next < 0 ||
          tokens.start(next) >= current.end ||
          !personTitles.has(tokens.tokenText(index).toLowerCase())
        )
          break;
        start = tokens.start(next);
        index = next;
      }
      if (start !== current.start) current = mention(text, 'PER', start, current.end);
      // A title alone (`Prince`, `President`) names nobody.
      if (personTitles.has(current.text.toLowerCase())) continue;
    }
    // A nationality adjective is not a place.
    if (current.type === 'LOC' && lex.demonyms.has(current.text) && !lex.countryNames.has(current.text)) {
      current = { ...current, type: 'MISC' };
    }
    // `River Thames`, `Mount Kenya`, `Lake Geneva`: a natural or built place, whatever the tagger thought.
    const parts = words(current.text);
    if (
      current.type === 'ORG' &&
      parts.length > 1 &&
      placeHeads.has(parts[0]?.toLowerCase() ?? '') &&
      !organisationHeads.has(parts.at(-1)?.toLowerCase() ?? '')
    ) {
      current = { ...current, type: 'LOC' };
    }
    const previous = out.at(-1);
    const between = previous ? text.slice(previous.end, current.start) : '';
    // `Chinese Foreign Ministry`, `Chinese Academy` + `of` + `Social Sciences`: one organisation.
    if (previous && current.type === 'ORG' && previous.type === 'MISC' && /^ $/u.test(between)) {
      if (lex.demonyms.has(previous.text)) {
        out[out.length - 1] = mention(text, 'ORG', previous.start, current.end);
        continue;
      }
    }
    if (
      previous?.type === 'ORG' &&
      /^ of (the )?$/u.test(between) &&
      (current.type === 'ORG' || current.type === 'LOC') &&
      organisationHeads.has(words(previous.text).at(-1)?.toLowerCase() ?? '')
    ) {
      out[out.length - 1] = mention(text, 'ORG', previous.start, current.end);
      continue;
    }
    out.push(current);
  }
  return out;
}

/** The acronym in brackets right after an organisation's name, when its letters are the name's initials. */
function acronymAfter(text: string, item: Span & { readonly text: string }): string | undefined {
  const acronym = /^\s*\(\s*(\p{Lu}[\p{L}\p{N}&.]{1,9})\s*\)/u.exec(text.slice(item.end, item.end + 16))?.[1];
  if (!acronym) return undefined;
  const letters = acronym.replaceAll('.', '').toUpperCase();
  // `Belt and Road Initiative (BRI)` skips the small words; `Bank of England (BoE)` keeps them.
  return letters === initials(item.text) || letters === initials(item.text, true) ? acronym : undefined;
}

/** Initials of an organisation's capitalised words (`Belt and Road Initiative` → `BRI`). */
function initials(name: string, everyWord = false): string {
  return words(name)
    .filter((word) => everyWord || significant(word))
    .map((word) => word[0])
    .join('')
    .toUpperCase();
}

/** A role is a few words: the scan for one stops this far from the name. */
const maxRoleWords = 8;
/** Names of more words than this are not looked up by their beginnings. */
const maxPrefixWords = 10;

/** One past the last token of the sentence that holds token `index`. */
const sentenceEndOf = (tokens: TokenTable, index: number): number =>
  tokens.sentenceEnd(tokens.sentenceOf(index));

const joined = (tokens: TokenTable, from: number, to: number): string => {
  const parts: string[] = [];
  for (let i = from; i < to; i++) parts.push(tokens.tokenText(i));
  return parts.join(' ');
};

/** Role words right before the name at token `index` (`Russian President`, `US National Security Adviser`). */
function roleBefore(tokens: TokenTable, index: number): string | undefined {
  if (index < 0) return undefined;
  const lex = lexicon();
  const first = Math.max(tokens.sentenceStart(tokens.sentenceOf(index)), index - maxRoleWords);
  let start = index;
  let sawTitle = false;
  for (let i = index - 1; i >= first; i--) {
    const text = tokens.tokenText(i);
    const lower = text.toLowerCase();
    const title = personTitles.has(lower);
    if (i === index - 1 && !title) return undefined;
    if (title) sawTitle = true;
    const part =
      title ||
      roleModifiers.has(lower) ||
      (isUpper(text) &&
        (lex.demonyms.has(text) || lex.countryNames.has(text) || organisationHeads.has(lower)));
    if (!part || (!isUpper(text) && i < index - 1 && !roleModifiers.has(lower))) break;
    start = i;
  }
  if (!sawTitle || start === index) return undefined;
  return joined(tokens, start, index);
}

/** Apposition after a name ending at token `endIndex`: `Mao Ning, the Chinese Foreign Ministry spokesperson,`. */
function roleAfter(tokens: TokenTable, endIndex: number): string | undefined {
  if (endIndex < 0) return undefined;
  const end = sentenceEndOf(tokens, endIndex);
  const at = (i: number): string => (i < end ? tokens.tokenText(i) : '');
  if (endIndex + 1 >= end || at(endIndex + 1) !== ',') return undefined;
  let i = endIndex + 2;
  if (/^(?:the|a|an)$/iu.test(at(i))) i++;
  const start = i;
  let lastTitle = -1;
  for (; i < end && i < start + 8; i++) {
    const text = at(i);
    if (/^[,;:()]$/u.test(text) || /^(?:at|of|in|for|with|who|which|from|and|said|says)$/iu.test(text)) break;
    if (personTitles.has(text.toLowerCase())) lastTitle = i;
  }
  if (lastTitle < start) return undefined;
  return joined(tokens, start, lastTitle + 1);
}

/** Index of the last token of `item` (which starts at token `index`), or -1. */
function endTokenIndex(tokens: TokenTable, index: number, item: Span): number {
  if (index < 0) return -1;
  const end = sentenceEndOf(tokens, index);
  let i = index;
  while (i + 1 < end && tokens.end(i + 1) <= item.end) i++;
  return i;
}

/** Flags, by token index, of every token inside one of `items`. */
function coveredTokens(items: readonly Span[], tokens: TokenTable): Uint8Array {
  const covered = new Uint8Array(tokens.tokenCount);
  for (const item of items) {
    const index = tokens.indexAt(item.start);
    if (index < 0) continue;
    const end = sentenceEndOf(tokens, index);
    for (let i = index; i < end; i++) {
      if (tokens.end(i) > item.end) break;
      covered[i] = 1;
    }
  }
  return covered;
}

/** Every proper prefix of two or more words (at most `maxPrefixWords`) of each name → the first name it begins. */
function namePrefixes(names: readonly string[]): Map<string, string> {
  const prefixes = new Map<string, string>();
  for (const name of names) {
    const parts = words(name);
    for (let length = 2; length < parts.length && length <= maxPrefixWords; length++) {
      const prefix = parts.slice(0, length).join(' ');
      if (!prefixes.has(prefix)) prefixes.set(prefix, name);
    }
  }
  return prefixes;
}

const span = (item: Span): Span => ({ start: item.start, end: item.end });
const byStart = (a: Span, b: Span): number => a.start - b.start;

/** Full names tried for one mention at most: a bound for articles made of thousands of names sharing a word. */
const maxCandidates = 256;

function buildPeople(people: readonly EntityMention[], tokens: TokenTable): Person[] {
  // A mention joins the longest (then earliest) full name that contains all its words: `Putin` → `Vladimir Putin`.
  const byWord = new Map<string, string[]>();
  const wordsOf = new Map<string, string[]>();
  for (const name of new Set(people.map((item) => item.text))) wordsOf.set(name, words(name));
  const fullNames = [...wordsOf.keys()]
    .filter((name) => (wordsOf.get(name) as string[]).length > 1)
    .sort((a, b) => (wordsOf.get(b) as string[]).length - (wordsOf.get(a) as string[]).length);
  for (const name of fullNames) {
    for (const part of new Set(wordsOf.get(name))) {
      const list = byWord.get(part) ?? [];
      list.push(name);
      byWord.set(part, list);
    }
  }
  const canonicalOf = new Map<string, string>();
  const groups = new Map<string, { mentions: Span[]; roles: string[] }>();
  for (const item of people) {
    let canonical = canonicalOf.get(item.text);
    if (canonical === undefined) {
      const parts = wordsOf.get(item.text) as string[];
      // A name that contains every word is on every word's list, in the same order: read the shortest list.
      let candidates: readonly string[] = byWord.get(parts[0] ?? '') ?? [];
      for (const part of parts) {
        const list = byWord.get(part) ?? [];
        if (list.length < candidates.length) candidates = list;
      }
      canonical =
        candidates.slice(0, maxCandidates).find((candidate) => {
          const candidateWords = wordsOf.get(candidate) as string[];
          return (
            candidateWords.length >= parts.length && parts.every((part) => candidateWords.includes(part))
          );
        }) ?? item.text;
      canonicalOf.set(item.text, canonical);
    }
    let group = groups.get(canonical);
    if (!group) {
      group = { mentions: [], roles: [] };
      groups.set(canonical, group);
    }
    group.mentions.push(span(item));
    const index = tokens.indexAt(item.start);
    for (const role of [roleBefore(tokens, index), roleAfter(tokens, endTokenIndex(tokens, index, item))]) {
      if (
        role &&
        !honorifics.has(role.toLowerCase()) &&
        group.roles.length < 20 &&
        !group.roles.some((known) => known.toLowerCase() === role.toLowerCase())
      ) {
        group.roles.push(role);
      }
    }
  }
  return [...groups].map(([name, group]) => ({
    name,
    // `President` says less than `Russian President`: keep the fuller form only.
    roles: group.roles.filter(
      (role) =>
        !group.roles.some(
          (other) => other !== role && other.toLowerCase().endsWith(` ${role.toLowerCase()}`),
        ),
    ),
    mentions: group.mentions.sort(byStart),
  }));
}

function buildOrganisations(text: string, organisations: readonly EntityMention[]): Organisation[] {
  const groups = new Map<string, { aliases: string[]; mentions: Span[] }>();
  const aliasOf = new Map<string, string>();
  const sorted = [...organisations].sort(byStart);
  // `Belt and Road Initiative (BRI)`: the bracketed acronym names the organisation before it.
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

/** Grouping key that lets `ABERDEEN` in a capitalised dateline join `Aberdeen`. */
const caseless = (name: string): string => name.toLowerCase();
const isAllCaps = (name: string): boolean => !/\p{Ll}/u.test(name) && name.length > 3;

function buildPlaces(places: readonly EntityMention[]): Place[] {
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

/**
 * People, organisations and places from the tagger's mentions. Acronyms tied to an organisation count as its
 * mentions wherever they appear, tagged or not.
 */
export function buildEntities(text: string, raw: readonly EntityMention[], tokens: TokenTable): EntityFacts {
  const mentions = tidy(text, raw, tokens);
  // Untagged or mistyped uses of a known acronym are mentions of its organisation.
  const acronyms = new Set<string>();
  for (const item of mentions) {
    const acronym = item.type === 'ORG' ? acronymAfter(text, item) : undefined;
    if (acronym) acronyms.add(acronym);
  }
  const retyped = mentions.map((item) => {
    // `The BoE`: the acronym, without the article.
    const bare = /^the\s+/iu.exec(item.text);
    if (bare && acronyms.has(item.text.slice(bare[0].length))) {
      return mention(text, 'ORG', item.start + bare[0].length, item.end);
    }
    return acronyms.has(item.text) && item.type !== 'ORG' ? { ...item, type: 'ORG' as const } : item;
  });
  // A name part of someone already named in full (`Zhang` after `Zhang Hong`) is that person wherever it stands.
  const nameParts = new Set<string>();
  for (const item of retyped) {
    if (item.type !== 'PER') continue;
    const parts = words(item.text);
    if (parts.length < 2) continue;
    for (const part of [parts[0], parts.at(-1)]) if (part && part.length > 1) nameParts.add(part);
  }
  // A lone name part tagged as something else (`Wang's visit` read as a company) is still that person.
  for (let i = 0; i < retyped.length; i++) {
    const item = retyped[i] as EntityMention;
    if (item.type !== 'PER' && nameParts.has(item.text) && !acronyms.has(item.text)) {
      retyped[i] = { ...item, type: 'PER' };
    }
  }
  // `Thames` after `River Thames`: the place.
  const placeNames = new Set<string>();
  for (const item of retyped) {
    const parts = words(item.text);
    if (item.type === 'LOC' && parts.length === 2 && placeHeads.has(parts[0]?.toLowerCase() ?? '')) {
      placeNames.add(parts[1] ?? '');
    }
  }
  for (let i = 0; i < retyped.length; i++) {
    const item = retyped[i] as EntityMention;
    if (item.type === 'ORG' && placeNames.has(item.text)) retyped[i] = { ...item, type: 'LOC' };
  }
  // `Belt and Road` alone, after `Belt and Road Initiative`: the organisation.
  const prefixes = namePrefixes(retyped.filter((item) => item.type === 'ORG').map((item) => item.text));
  for (let i = 0; i < retyped.length; i++) {
    const item = retyped[i] as EntityMention;
    if (item.type !== 'ORG' && prefixes.has(item.text)) retyped[i] = { ...item, type: 'ORG' };
  }
  // Names the tagger found once are the same names where it missed them or read less of them: every mention is
  // listed. Two-word-or-longer beginnings of an organisation's name (`Belt and Road`) count as that organisation.
  const known = new Map<string, EntityMention['type']>();
  for (const item of retyped) {
    if (item.type !== 'MISC' && item.text.length > 1 && !known.has(item.text))
      known.set(item.text, item.type);
  }
  const prefixOnly = new Set<string>();
  for (const prefix of prefixes.keys()) {
    if (known.has(prefix)) continue;
    known.set(prefix, 'ORG');
    prefixOnly.add(prefix);
  }
  const startingAt = new Map<number, number>();
  retyped.forEach((item, index) => {
    startingAt.set(item.start, index);
  });
  const covered = coveredTokens(retyped, tokens);
  const replaced = new Set<number>();
  for (let sentence = 0; sentence < tokens.sentenceCount; sentence++) {
    const end = tokens.sentenceEnd(sentence);
    for (let i = tokens.sentenceStart(sentence); i < end; i++) {
      const tokenText = tokens.tokenText(i);
      const tokenStart = tokens.start(i);
      const existingIndex = startingAt.get(tokenStart);
      const existing = existingIndex === undefined ? undefined : retyped[existingIndex];
      if ((covered[i] === 1 && !existing) || !isUpper(tokenText)) continue;
      let found: EntityMention | undefined;
      for (let length = Math.min(6, end - i); length >= 1 && !found; length--) {
        const lastEnd = tokens.end(i + length - 1);
        if (existing && lastEnd <= existing.end) break;
        // The longer name may take over the mention starting here, never cut into another one.
        let free = true;
        for (let k = i + 1; k < i + length && free; k++) {
          free = covered[k] !== 1 || (existing !== undefined && tokens.end(k) <= existing.end);
        }
        const phrase = text.slice(tokenStart, lastEnd);
        // A beginning of a name followed by more capitals is the start of another name (`Chinese Foreign Minister`).
        const cut = prefixOnly.has(phrase) && i + length < end && isUpper(tokens.tokenText(i + length));
        const type = free && !cut ? known.get(phrase) : undefined;
        if (type) found = mention(text, type, tokenStart, lastEnd);
      }
      if (!found && !existing && acronyms.has(tokenText))
        found = mention(text, 'ORG', tokenStart, tokens.end(i));
      if (!found && !existing && nameParts.has(tokenText))
        found = mention(text, 'PER', tokenStart, tokens.end(i));
      if (!found) continue;
      if (existingIndex !== undefined) replaced.add(existingIndex);
      retyped.push(found);
      while (i + 1 < end && tokens.end(i + 1) <= found.end) i++;
    }
  }
  if (replaced.size > 0) {
    const kept = retyped.filter((_, index) => !replaced.has(index));
    retyped.length = 0;
    retyped.push(...kept);
  }
  retyped.sort(byStart);
  const people = buildPeople(
    retyped.filter((item) => item.type === 'PER'),
    tokens,
  );
  return {
    people,
    organisations: buildOrganisations(
      text,
      retyped.filter((item) => item.type === 'ORG'),
    ),
    places: buildPlaces(retyped.filter((item) => item.type === 'LOC')),
  };
}
