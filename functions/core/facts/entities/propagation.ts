import type { Span } from '../../document.js';
import { functionWords, placeHeads } from '../cues.js';
import { lexicon } from '../lexicon.js';
import type { EntityMention } from '../ner/recognise.js';
import type { TokenTable } from '../token-table.js';
import { isUpper, mention, words } from './text.js';
import { withoutLowerCasePhrases } from './written-lower-case.js';

/**
 * Propagation: what the article says once about a name holds wherever the name stands. An acronym in brackets
 * names its organisation everywhere, a part of a full name (`Zhang` after `Zhang Hong`) is that person, `Thames`
 * after `River Thames` is the place, `Belt and Road` after `Belt and Road Initiative` the organisation, and a name
 * the tagger found once is found again where it missed it.
 */

/** Names of more words than this are not looked up by their beginnings. */
const maxPrefixWords = 10;
/** The longest name, in tokens, looked for again where the tagger missed it. */
const maxSpreadTokens = 6;

const significant = (word: string): boolean => isUpper(word) || /^\p{N}/u.test(word);

/** Initials of an organisation's capitalised words (`Belt and Road Initiative` → `BRI`). */
function initials(name: string, everyWord = false): string {
  return words(name)
    .filter((word) => everyWord || significant(word))
    .map((word) => word[0])
    .join('')
    .toUpperCase();
}

/** The acronym in brackets right after an organisation's name, when its letters are the name's initials. */
export function acronymAfter(text: string, item: Span & { readonly text: string }): string | undefined {
  const acronym = /^\s*\(\s*(\p{Lu}[\p{L}\p{N}&.]{1,9})\s*\)/u.exec(text.slice(item.end, item.end + 16))?.[1];
  if (!acronym) return undefined;
  const letters = acronym.replaceAll('.', '').toUpperCase();
  // `Belt and Road Initiative (BRI)` skips the small words; `Bank of England (BoE)` keeps them.
  return letters === initials(item.text) || letters === initials(item.text, true) ? acronym : undefined;
}

/** Every proper prefix of two or more words (at most `maxPrefixWords`) of each name → the first name it begins. */
export function namePrefixes(names: readonly string[]): Map<string, string> {
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

/** Flags, by token index, of every token inside one of `items`. */
function coveredTokens(items: readonly Span[], tokens: TokenTable): Uint8Array {
  const covered = new Uint8Array(tokens.tokenCount);
  for (const item of items) {
    const index = tokens.indexAt(item.start);
    if (index < 0) continue;
    const end = tokens.sentenceEndOf(index);
    for (let i = index; i < end; i++) {
      if (tokens.end(i) > item.end) break;
      covered[i] = 1;
    }
  }
  return covered;
}

/** Acronyms tied to an organisation in the article: its tagged and untagged uses are the organisation's. */
function acronymsOf(text: string, mentions: readonly EntityMention[]): Set<string> {
  const acronyms = new Set<string>();
  for (const item of mentions) {
    const acronym = item.type === 'ORG' ? acronymAfter(text, item) : undefined;
    if (acronym) acronyms.add(acronym);
  }
  return acronyms;
}

/** First and last words of every full name: each alone is that person wherever it stands. */
function namePartsOf(mentions: readonly EntityMention[]): Set<string> {
  const nameParts = new Set<string>();
  for (const item of mentions) {
    if (item.type !== 'PER') continue;
    const parts = words(item.text);
    if (parts.length < 2) continue;
    for (const part of [parts[0], parts.at(-1)]) {
      // `The`, `And`: a word that opens sentences is nobody wherever it stands.
      if (part && part.length > 1 && !functionWords.has(part.toLowerCase())) nameParts.add(part);
    }
  }
  return nameParts;
}

interface Retyped {
  readonly retyped: EntityMention[];
  /** Beginnings of organisation names (see `namePrefixes`). */
  readonly prefixes: Map<string, string>;
  readonly nameParts: Set<string>;
}

/** A town, country or region by the gazetteers. */
function isPlaceName(name: string): boolean {
  const lex = lexicon();
  return lex.countryNames.has(name) || lex.phraseKinds(name.toLowerCase()).some((kind) => kind !== 'demonym');
}

/** A country's name or alias by the gazetteers. */
function isCountry(name: string): boolean {
  const lex = lexicon();
  return lex.countryNames.has(name) || lex.phraseKinds(name.toLowerCase()).includes('country');
}

/** The mention at `index` stands where a place does: after `in`, `near`..., or listed with a place mention. */
function placeContext(text: string, mentions: readonly EntityMention[], index: number): boolean {
  const item = mentions[index] as EntityMention;
  const before = text.slice(Math.max(0, item.start - 12), item.start);
  if (/\b(?:in|at|near|outside|inside|across|around|via|towards?)\s$/u.test(before)) return true;
  const listed = (other: EntityMention | undefined, between: string): boolean =>
    other?.type === 'LOC' && /^(?:\s*,\s*|\s+(?:and|or|to)\s+)$/u.test(between);
  const previous = mentions[index - 1];
  const next = mentions[index + 1];
  return (
    listed(previous, previous ? text.slice(previous.end, item.start) : '') ||
    listed(next, next ? text.slice(item.end, next.start) : '')
  );
}

/**
 * A place name the tagger read as a person in one place and an organisation in another (`Timbuktu`), and never
 * as a place, is the place everywhere: one name, one sense, in one article. Retypes `mentions` in place.
 */
function placesOfConflictingTypes(mentions: EntityMention[]): void {
  const typesOf = new Map<string, Set<EntityMention['type']>>();
  for (const item of mentions) {
    if (item.type === 'MISC') continue;
    const types = typesOf.get(item.text) ?? new Set();
    types.add(item.type);
    typesOf.set(item.text, types);
  }
  for (let i = 0; i < mentions.length; i++) {
    const item = mentions[i] as EntityMention;
    const types = typesOf.get(item.text);
    // Never where it is also read as the place: a city's team (`Chicago`) is an organisation beside the city.
    if (item.type === 'LOC' || !types || types.size !== 2 || types.has('LOC')) continue;
    const lex = lexicon();
    if (!isPlaceName(item.text) || lex.names.has(item.text) || lex.firstNames.has(item.text)) continue;
    mentions[i] = { ...item, type: 'LOC' };
  }
}

/**
 * `Kruger National Park (KNP)`: the acronym of a place is the place; `the United States of America` read as an
 * organisation: a country is a place. Retypes `mentions` in place; `acronyms` are the organisations'.
 */
function placeAcronymsAndCountries(
  text: string,
  mentions: EntityMention[],
  acronyms: ReadonlySet<string>,
): void {
  const placeAcronyms = new Set<string>();
  for (const item of mentions) {
    const acronym = item.type === 'LOC' ? acronymAfter(text, item) : undefined;
    if (acronym && !acronyms.has(acronym)) placeAcronyms.add(acronym);
  }
  for (let i = 0; i < mentions.length; i++) {
    const item = mentions[i] as EntityMention;
    if (
      item.type !== 'LOC' &&
      (placeAcronyms.has(item.text) || (item.type === 'ORG' && isCountry(item.text)))
    )
      mentions[i] = { ...item, type: 'LOC' };
  }
}

/** Retypes mentions from what the article says elsewhere about the same names. */
function retype(text: string, mentions: readonly EntityMention[], acronyms: ReadonlySet<string>): Retyped {
  const retyped = mentions.map((item) => {
    // `The BoE`: the acronym, without the article.
    const bare = /^the\s+/iu.exec(item.text);
    if (bare && acronyms.has(item.text.slice(bare[0].length))) {
      return mention(text, 'ORG', item.start + bare[0].length, item.end);
    }
    return acronyms.has(item.text) && item.type !== 'ORG' ? { ...item, type: 'ORG' as const } : item;
  });
  const nameParts = namePartsOf(retyped);
  // A place name alone (`Greenwich`) is not a person where the sentence treats it as a place: after `in`, `near`...,
  // or listed with a place (`between Teddington and Greenwich`), unless it is part of someone's name in the article.
  for (let i = 0; i < retyped.length; i++) {
    const item = retyped[i] as EntityMention;
    if (
      (item.type !== 'PER' && item.type !== 'ORG') ||
      nameParts.has(item.text) ||
      words(item.text).length !== 1
    )
      continue;
    if (!isPlaceName(item.text) || !placeContext(text, retyped, i)) continue;
    retyped[i] = { ...item, type: 'LOC' };
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
    if ((item.type === 'ORG' || item.type === 'MISC') && placeNames.has(item.text))
      retyped[i] = { ...item, type: 'LOC' };
  }
  placesOfConflictingTypes(retyped);
  placeAcronymsAndCountries(text, retyped, acronyms);
  // `Belt and Road` alone, after `Belt and Road Initiative`: the organisation.
  const prefixes = namePrefixes(retyped.filter((item) => item.type === 'ORG').map((item) => item.text));
  for (let i = 0; i < retyped.length; i++) {
    const item = retyped[i] as EntityMention;
    if (item.type !== 'ORG' && prefixes.has(item.text)) retyped[i] = { ...item, type: 'ORG' };
  }
  return { retyped, prefixes, nameParts };
}

interface Known {
  /** Name as written → its type, for every name found, and ORG prefixes of two or more words. */
  readonly types: ReadonlyMap<string, EntityMention['type']>;
  /** The prefixes among them that were never found as names on their own. */
  readonly prefixOnly: ReadonlySet<string>;
  readonly acronyms: ReadonlySet<string>;
  readonly nameParts: ReadonlySet<string>;
}

function knownNames(
  mentions: readonly EntityMention[],
  prefixes: ReadonlyMap<string, string>,
  acronyms: ReadonlySet<string>,
  nameParts: ReadonlySet<string>,
): Known {
  const types = new Map<string, EntityMention['type']>();
  for (const item of mentions) {
    if (item.type !== 'MISC' && item.text.length > 1 && !types.has(item.text))
      types.set(item.text, item.type);
  }
  const prefixOnly = new Set<string>();
  for (const prefix of prefixes.keys()) {
    if (types.has(prefix)) continue;
    types.set(prefix, 'ORG');
    prefixOnly.add(prefix);
  }
  return { types, prefixOnly, acronyms, nameParts };
}

/**
 * The longest known name starting at token `i` (up to `end`, its sentence's end) that may replace `existing`, the
 * mention starting there if any, without cutting into another mention.
 */
function nameAt(
  tokens: TokenTable,
  i: number,
  end: number,
  existing: EntityMention | undefined,
  covered: Uint8Array,
  known: Known,
): EntityMention | undefined {
  const { text } = tokens;
  const tokenStart = tokens.start(i);
  for (let length = Math.min(maxSpreadTokens, end - i); length >= 1; length--) {
    const lastEnd = tokens.end(i + length - 1);
    if (existing && lastEnd <= existing.end) break;
    // The longer name may take over the mention starting here, never cut into another one.
    let free = true;
    for (let k = i + 1; k < i + length && free; k++) {
      free = covered[k] !== 1 || (existing !== undefined && tokens.end(k) <= existing.end);
    }
    const phrase = text.slice(tokenStart, lastEnd);
    // A beginning of a name followed by more capitals is the start of another name (`Chinese Foreign Minister`).
    const cut = known.prefixOnly.has(phrase) && i + length < end && isUpper(tokens.tokenText(i + length));
    const type = free && !cut ? known.types.get(phrase) : undefined;
    if (type) return mention(text, type, tokenStart, lastEnd);
  }
  if (existing) return undefined;
  const tokenText = tokens.tokenText(i);
  if (known.acronyms.has(tokenText)) return mention(text, 'ORG', tokenStart, tokens.end(i));
  if (known.nameParts.has(tokenText)) return mention(text, 'PER', tokenStart, tokens.end(i));
  return undefined;
}

/**
 * Names the tagger found once are the same names where it missed them or read less of them: every mention is
 * listed. Returns the mentions with the ones taken over by a longer name replaced, in text order.
 */
function spreadKnownNames(
  retyped: readonly EntityMention[],
  tokens: TokenTable,
  known: Known,
): EntityMention[] {
  const out = [...retyped];
  const startingAt = new Map<number, number>();
  retyped.forEach((item, index) => {
    startingAt.set(item.start, index);
  });
  const covered = coveredTokens(retyped, tokens);
  const replaced = new Set<number>();
  for (let sentence = 0; sentence < tokens.sentenceCount; sentence++) {
    const end = tokens.sentenceEnd(sentence);
    for (let i = tokens.sentenceStart(sentence); i < end; i++) {
      const existingIndex = startingAt.get(tokens.start(i));
      const existing = existingIndex === undefined ? undefined : retyped[existingIndex];
      if ((covered[i] === 1 && !existing) || !isUpper(tokens.tokenText(i))) continue;
      const found = nameAt(tokens, i, end, existing, covered, known);
      if (!found) continue;
      if (existingIndex !== undefined) replaced.add(existingIndex);
      out.push(found);
      while (i + 1 < end && tokens.end(i + 1) <= found.end) i++;
    }
  }
  const kept = replaced.size > 0 ? out.filter((_, index) => !replaced.has(index)) : out;
  return kept.sort((a, b) => a.start - b.start);
}

/** The cleaned-up mentions with what the article says elsewhere about each name applied, in text order. */
export function propagate(
  text: string,
  mentions: readonly EntityMention[],
  tokens: TokenTable,
): EntityMention[] {
  const named = withoutLowerCasePhrases(mentions, tokens);
  const acronyms = acronymsOf(text, named);
  const { retyped, prefixes, nameParts } = retype(text, named, acronyms);
  return spreadKnownNames(retyped, tokens, knownNames(retyped, prefixes, acronyms, nameParts));
}
