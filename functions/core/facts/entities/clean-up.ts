import {
  blocWords,
  institutionHeads,
  institutionTails,
  notNames,
  organisationHeads,
  personTitles,
  placeHeads,
  roleModifiers,
  streetConnectors,
  streetHeads,
  streetTails,
  thingAcronyms,
  workHeads,
} from '../cues.js';
import { lexicon } from '../lexicon.js';
import { isMoney } from '../money.js';
import type { EntityMention } from '../ner/recognise.js';
import type { TokenTable } from '../token-table.js';
import { firstWord, hasSpace, isUpper, lastWord, mention, words } from './text.js';

/**
 * Mention clean-up: corrections that make the tagger's output read as facts, the way news names things. Opening
 * function words and possessive endings go, a title taken into a name becomes a role, `China-Russia` is two places,
 * and a name the tagger cut in two (`Chinese` + `Foreign Ministry`) is joined again.
 */

/** Drops opening words that cannot start a name; undefined when nothing name-like is left. */
function trimFunctionWords(text: string, item: EntityMention, tokens: TokenTable): EntityMention | undefined {
  let start = item.start;
  let index = tokens.indexAt(start);
  while (index >= 0) {
    if (tokens.end(index) > item.end) break;
    const lower = tokens.tokenText(index).toLowerCase();
    const next = tokens.nextInSentence(index);
    // `The Bank of England` is the Bank of England; `The Hague` keeps its article; a person never has one.
    const article = lower === 'the' && next >= 0 && (item.type === 'PER' || tokens.end(next) < item.end);
    if (!notNames.has(lower) && !article) break;
    if (next < 0 || tokens.start(next) >= item.end) return undefined;
    start = tokens.start(next);
    index = next;
  }
  if (!/^\p{L}/u.test(text.charAt(start))) return undefined;
  // `the Spaniards`: one plural word after an article is a people, not a person.
  if (item.type === 'PER' && start > item.start && isPlural(text.slice(start, item.end))) {
    return mention(text, 'MISC', start, item.end);
  }
  // A possessive ending is not part of the name (`Sale's` → `Sale`).
  const possessive =
    text.charCodeAt(item.end - 1) === 0x73 ? /\s?['’]s$/u.exec(text.slice(start, item.end)) : null;
  const end = item.end - (possessive?.[0].length ?? 0);
  if (end <= start) return undefined;
  return start === item.start && end === item.end ? item : mention(text, item.type, start, end);
}

const isPlural = (name: string): boolean => !hasSpace(name) && /\p{Ll}s$/u.test(name) && !/ss$/u.test(name);

/** `Ireland's Taniesha Scanlon`: a place or team, then a person. Other mentions are returned as they are. */
function splitPossessive(text: string, item: EntityMention): EntityMention[] {
  if (!item.text.includes("'s") && !item.text.includes('’s')) return [item];
  const match = /^(.+?)\s?['’]s\s+(\p{Lu}[\p{L}'’-]*)(\s.+)?$/u.exec(item.text);
  const given = match?.[2] ?? '';
  const lex = lexicon();
  if (!match?.[1] || !match[3] || !(lex.firstNames.has(given) || lex.names.has(given))) return [item];
  const ownerEnd = item.start + match[1].length;
  const personStart = item.start + item.text.lastIndexOf(match[2] + (match[3] ?? ''));
  const ownerType =
    lex.countryNames.has(match[1]) || lex.cities.has(match[1].toLowerCase()) ? 'LOC' : item.type;
  return [mention(text, ownerType, item.start, ownerEnd), mention(text, 'PER', personStart, item.end)];
}

/** `China-Russia relations`: two places, not one; undefined when the mention is not such a pair. */
function placePair(text: string, item: EntityMention): EntityMention[] | undefined {
  if (!item.text.includes('-') && !item.text.includes('–')) return undefined;
  const lex = lexicon();
  const parts = item.text.split(/[-–]/u);
  if (
    parts.length < 2 ||
    !parts.every((part) => lex.countryNames.has(part) || lex.cities.has(part.toLowerCase()))
  )
    return undefined;
  const out: EntityMention[] = [];
  let offset = item.start;
  for (const part of parts) {
    out.push(mention(text, 'LOC', offset, offset + part.length));
    offset += part.length + 1;
  }
  return out;
}

/** A title the tagger took into a name (`President Putin`) is a role; a title alone names nobody (undefined). */
function withoutTitles(text: string, item: EntityMention, tokens: TokenTable): EntityMention | undefined {
  let start = item.start;
  let index = tokens.indexAt(start);
  while (index >= 0) {
    const next = tokens.nextInSentence(index);
    if (
      next < 0 ||
      tokens.start(next) >= item.end ||
      !personTitles.has(tokens.tokenText(index).toLowerCase())
    )
      break;
    start = tokens.start(next);
    index = next;
  }
  const name = start === item.start ? item : mention(text, 'PER', start, item.end);
  return personTitles.has(name.text.toLowerCase()) ? undefined : name;
}

/** `Soviet`, `Egyptians`, `Phoenicians`: a nationality or a people, not a person, an organisation or a place. */
function isPeopleByNationality(word: string): boolean {
  const lex = lexicon();
  if (lex.demonyms.has(word) && !lex.countryNames.has(word)) return true;
  if (!word.endsWith('s') || word.length < 5) return false;
  const singular = word.slice(0, -1);
  if (lex.demonyms.has(singular)) return true;
  // A word the film-subtitle counts know (`Phoenicians`), not a club's (`Airdrieonians`) or a town's (`Orleans`).
  return (
    /\p{Ll}(?:ian|ean)$/u.test(singular) && lex.wordFrequency.has(word) && !lex.cities.has(word.toLowerCase())
  );
}

/** Types the tagger gets wrong in ways a word list can tell. */
function retyped(item: EntityMention): EntityMention {
  const lex = lexicon();
  if (item.type !== 'MISC' && !hasSpace(item.text)) {
    // `DNA`, `BCE`, `GBP`: acronyms of things, eras and currencies name no organisation, person or place.
    if (thingAcronyms.has(item.text) || isMoney(item.text) || isPeopleByNationality(item.text)) {
      return { ...item, type: 'MISC' };
    }
  }
  // `Riga Peace Treaty`, `Cultural Revolution`, `Congolese Francs`: a treaty, an event, a currency, not an organisation.
  if (
    item.type === 'ORG' &&
    hasSpace(item.text) &&
    (workHeads.has(lastWord(item.text)) || isMoney(item.text))
  ) {
    return { ...item, type: 'MISC' };
  }
  // A nationality adjective is not a place.
  if (item.type === 'LOC' && lex.demonyms.has(item.text) && !lex.countryNames.has(item.text)) {
    return { ...item, type: 'MISC' };
  }
  // `Imperial College`, `Tokyo University`: a place name before an institution's head word names the institution.
  if (item.type === 'LOC' && words(item.text).length > 1 && institutionTails.has(lastWord(item.text))) {
    return { ...item, type: 'ORG' };
  }
  // `River Thames`, `Mount Kenya`, `Lake Geneva`: a natural or built place, whatever the tagger thought.
  if (
    (item.type === 'ORG' || item.type === 'MISC') &&
    words(item.text).length > 1 &&
    placeHeads.has(firstWord(item.text)) &&
    !organisationHeads.has(lastWord(item.text))
  ) {
    return { ...item, type: 'LOC' };
  }
  return item;
}

/** `Chinese Foreign Ministry`, `Chinese Academy` + `of` + `Social Sciences`: the two mentions as one, or undefined. */
function joined(
  text: string,
  previous: EntityMention | undefined,
  item: EntityMention,
): EntityMention | undefined {
  if (!previous) return undefined;
  const between = text.slice(previous.end, item.start);
  if (item.type === 'ORG' && previous.type === 'MISC' && /^ $/u.test(between)) {
    if (lexicon().demonyms.has(previous.text)) return mention(text, 'ORG', previous.start, item.end);
  }
  if (
    previous.type === 'ORG' &&
    /^ of (the )?$/u.test(between) &&
    (item.type === 'ORG' || item.type === 'LOC') &&
    organisationHeads.has(lastWord(previous.text))
  ) {
    return mention(text, 'ORG', previous.start, item.end);
  }
  return undefined;
}

/**
 * Streets and buildings are places, not people: `Avenida del Puerto` (a person `Puerto` to the tagger), `Boulevard
 * Haussmann`, `Baker Street`, `the Alexander Fleming Building`. Returns the street, or undefined.
 */
function streetName(text: string, item: EntityMention, tokens: TokenTable): EntityMention | undefined {
  if (item.type === 'LOC') return undefined;
  const index = tokens.indexAt(item.start);
  if (index < 0) return undefined;
  const first = tokens.sentenceStart(tokens.sentenceOf(index));
  // A street word before the name, maybe with `del`, `de la`, `della`... between them.
  let before = index - 1;
  while (before >= first && before > index - 4 && streetConnectors.has(tokens.tokenText(before))) before--;
  const head = before >= first ? tokens.tokenText(before) : '';
  if (item.type !== 'MISC' && isUpper(head) && streetHeads.has(head.toLowerCase())) {
    return mention(text, 'LOC', tokens.start(before), item.end);
  }
  // A street or building word right after the name.
  const after = tokens.nextInSentence(lastTokenOf(tokens, index, item.end));
  const tail = after >= 0 ? tokens.tokenText(after) : '';
  if (item.type === 'PER' && after >= 0 && tokens.start(after) === item.end + 1 && isUpper(tail)) {
    if (streetTails.has(tail.toLowerCase())) return mention(text, 'LOC', item.start, tokens.end(after));
  }
  // `Boulevard Haussmann` as a person, `Alexander Fleming Building` as a work of art; `Beatrice Hall` stays a person.
  if (item.type === 'ORG') return undefined;
  const several = words(item.text).length > 1;
  const last = lastWord(item.text);
  const tailed =
    item.type === 'MISC' ? streetTails.has(last) : !surnameLike.has(last) && streetTails.has(last);
  if (several && (streetHeads.has(firstWord(item.text)) || tailed)) return { ...item, type: 'LOC' };
  return undefined;
}

/** Street and building words that are also surnames (`Beatrice Hall`, `Ian House`): a person may end in them. */
const surnameLike = new Set(['hall', 'house', 'bridge', 'tower', 'street', 'lane', 'drive', 'way']);

/** Index of the last token of the mention that starts at token `index` and ends at `end`. */
function lastTokenOf(tokens: TokenTable, index: number, end: number): number {
  let i = index;
  while (tokens.nextInSentence(i) >= 0 && tokens.end(i + 1) <= end) i++;
  return i;
}

/**
 * `US National Security Adviser Jake Sullivan`: capitalised role words the tagger took into a name before a title
 * and a person belong to the role, and the country before them is a place. Returns the name without them,
 * `null` when nothing is left, or undefined when there is nothing to correct.
 */
function withoutRoleWords(
  text: string,
  item: EntityMention,
  next: EntityMention | undefined,
  tokens: TokenTable,
): EntityMention | null | undefined {
  if (item.type === 'PER' || next?.type !== 'PER') return undefined;
  const between = text.slice(item.end, next.start).trim().split(/\s+/u);
  if (!/^ /u.test(text.slice(item.end, item.end + 1)) || between.length > 4) return undefined;
  if (!between.every((word) => isUpper(word))) return undefined;
  if (!personTitles.has(between.at(-1)?.toLowerCase() ?? '')) return undefined;
  let index = lastTokenOf(tokens, tokens.indexAt(item.start), item.end);
  let end = item.end;
  while (
    index >= 0 &&
    tokens.start(index) > item.start &&
    roleModifiers.has(tokens.tokenText(index).toLowerCase())
  ) {
    end = tokens.end(index - 1);
    index--;
  }
  if (end === item.end) {
    // `US National Security Adviser Jake Sullivan` with `US` alone tagged: the person's country is a place.
    return item.type !== 'LOC' && lexicon().countryNames.has(item.text)
      ? { ...item, type: 'LOC' }
      : undefined;
  }
  if (
    index < 0 ||
    (tokens.start(index) === item.start && roleModifiers.has(tokens.tokenText(index).toLowerCase()))
  )
    return null;
  const rest = mention(text, item.type, item.start, end);
  return lexicon().countryNames.has(rest.text) ? { ...rest, type: 'LOC' } : rest;
}

/** `said nurse Ellen Park`: a first name and one more word right after a title name a person, whatever they end in. */
function isPersonAfterTitle(item: EntityMention, tokens: TokenTable): boolean {
  if (item.type === 'PER' || item.type === 'MISC') return false;
  const parts = words(item.text);
  if (parts.length !== 2 || !lexicon().firstNames.has(parts[0] ?? '')) return false;
  const index = tokens.indexAt(item.start);
  if (index <= tokens.sentenceStart(tokens.sentenceOf(index))) return false;
  return personTitles.has(tokens.tokenText(index - 1).toLowerCase());
}

/** `the West`, `the East` alone: a bloc or a direction, not a place. */
function isBloc(text: string, item: EntityMention, tokens: TokenTable): boolean {
  if (item.type !== 'LOC' || !blocWords.has(item.text.toLowerCase()) || !isUpper(item.text)) return false;
  if (!/\bthe\s$/iu.test(text.slice(Math.max(0, item.start - 4), item.start))) return false;
  const index = tokens.indexAt(item.start);
  const next = index >= 0 ? tokens.nextInSentence(index) : -1;
  return next < 0 || !isUpper(tokens.tokenText(next));
}

/**
 * `Green councillor Emma Blake`, `Labour MP ...`: one word before a title that is followed by a person's name is
 * the person's party or affiliation, not a person.
 */
function isAffiliation(item: EntityMention, next: EntityMention | undefined, tokens: TokenTable): boolean {
  if (item.type !== 'PER' || next?.type !== 'PER' || words(item.text).length !== 1) return false;
  const index = tokens.indexAt(item.start);
  if (index < 0) return false;
  let i = tokens.nextInSentence(index);
  let titles = 0;
  while (i >= 0 && tokens.start(i) < next.start) {
    const lower = tokens.tokenText(i).toLowerCase();
    if (personTitles.has(lower)) titles++;
    else if (!roleModifiers.has(lower)) return false;
    i = tokens.nextInSentence(i);
  }
  return titles > 0 && i >= 0 && tokens.start(i) === next.start;
}

/** The end of the run of capitalised words from token `index` on, in its sentence, or -1 when there is none. */
function capitalisedRun(tokens: TokenTable, index: number): number {
  let end = -1;
  for (let i = index; i >= 0 && isUpper(tokens.tokenText(i)); i = tokens.nextInSentence(i))
    end = tokens.end(i);
  return end;
}

/** Where an institution named as `<Head> of ...` starts: the mention's start, or the head's just before it. */
function institutionStart(item: EntityMention, tokens: TokenTable): number | undefined {
  const head = /^(?:the\s+)?(\p{Lu}\p{L}*)\s+of\s+\p{Lu}/u.exec(item.text);
  if (head) return institutionHeads.has(head[1]?.toLowerCase() ?? '') ? item.start : undefined;
  // `Institute of` left untagged before `Latin American, ...`.
  const index = tokens.indexAt(item.start);
  const first = index >= 0 ? tokens.sentenceStart(tokens.sentenceOf(index)) : 0;
  if (index - 2 < first || tokens.tokenText(index - 1) !== 'of') return undefined;
  const word = tokens.tokenText(index - 2);
  return isUpper(word) && institutionHeads.has(word.toLowerCase()) ? tokens.start(index - 2) : undefined;
}

/**
 * An institution's name that coordinates fields after `of` keeps its full extent across commas and `and`:
 * `Institute of Russian, Eastern European, and Central Asian Studies`. A list that names places does not join.
 * Returns the whole name, or undefined.
 */
function institution(text: string, item: EntityMention, tokens: TokenTable): EntityMention | undefined {
  if (item.type === 'PER') return undefined;
  const start = institutionStart(item, tokens);
  if (start === undefined) return undefined;
  const lex = lexicon();
  let position = item.end;
  for (let conjuncts = 0; conjuncts < 8; conjuncts++) {
    const separator = /^(?:,\s*and|,|\s+and)\s+/u.exec(text.slice(position, position + 12));
    if (!separator) return undefined;
    const from = position + separator[0].length;
    const end = capitalisedRun(tokens, tokens.indexAt(from));
    if (end < 0) return undefined;
    const conjunct = text.slice(from, end);
    const kinds = lex.phraseKinds(conjunct.toLowerCase());
    if (lex.countryNames.has(conjunct) || kinds.some((kind) => kind !== 'demonym')) return undefined;
    position = end;
    if (separator[0].includes('and')) return mention(text, 'ORG', start, position);
  }
  return undefined;
}

/** Streets, blocs, affiliations and institutions the tagger read wrongly, corrected over the whole list. */
function corrected(text: string, mentions: readonly EntityMention[], tokens: TokenTable): EntityMention[] {
  const out: EntityMention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const item = mentions[i] as EntityMention;
    const street = streetName(text, item, tokens);
    if (street) {
      while (out.length > 0 && (out.at(-1) as EntityMention).end > street.start) out.pop();
      out.push(street);
      continue;
    }
    const trimmed = withoutRoleWords(text, item, mentions[i + 1], tokens);
    if (trimmed !== undefined) {
      if (trimmed) out.push(trimmed);
      continue;
    }
    if (isPersonAfterTitle(item, tokens)) {
      out.push({ ...item, type: 'PER' });
      continue;
    }
    if (isBloc(text, item, tokens) || isAffiliation(item, mentions[i + 1], tokens)) {
      out.push({ ...item, type: 'MISC' });
      continue;
    }
    const whole = institution(text, item, tokens);
    if (!whole) {
      out.push(item);
      continue;
    }
    while (out.length > 0 && (out.at(-1) as EntityMention).end > whole.start) out.pop();
    out.push(whole);
    while ((mentions[i + 1]?.start ?? Number.POSITIVE_INFINITY) < whole.end) i++;
  }
  return out;
}

/** `China-Russia relations` the tagger left untagged: the places, added to `mentions` in text order. */
function withUntaggedPairs(
  text: string,
  mentions: readonly EntityMention[],
  tokens: TokenTable,
): EntityMention[] {
  const out: EntityMention[] = [];
  let next = 0;
  for (let i = 0; i < tokens.tokenCount; i++) {
    const start = tokens.start(i);
    while (next < mentions.length && (mentions[next] as EntityMention).end <= start) {
      out.push(mentions[next] as EntityMention);
      next++;
    }
    const covering = mentions[next];
    if (covering && covering.start <= start) continue;
    const word = tokens.tokenText(i);
    if (!isUpper(word) || !/[-–]/u.test(word)) continue;
    const pair = placePair(text, { type: 'MISC', start, end: tokens.end(i), text: word });
    if (pair) out.push(...pair);
  }
  for (; next < mentions.length; next++) out.push(mentions[next] as EntityMention);
  return out;
}

/** The tagger's mentions, cleaned up, in text order. */
export function cleanMentions(
  text: string,
  raw: readonly EntityMention[],
  tokens: TokenTable,
): EntityMention[] {
  const out: EntityMention[] = [];
  const pieces: EntityMention[] = [];
  for (const item of raw) {
    const trimmed = trimFunctionWords(text, item, tokens);
    if (trimmed) for (const piece of splitPossessive(text, trimmed)) pieces.push(piece);
  }
  for (const piece of pieces) {
    const pair = placePair(text, piece);
    if (pair) {
      out.push(...pair);
      continue;
    }
    const named = piece.type === 'PER' ? withoutTitles(text, piece, tokens) : piece;
    if (!named) continue;
    const current = retyped(named);
    const whole = joined(text, out.at(-1), current);
    if (whole) out[out.length - 1] = whole;
    else out.push(current);
  }
  return corrected(text, withUntaggedPairs(text, out, tokens), tokens);
}
