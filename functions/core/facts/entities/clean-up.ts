import { notNames, organisationHeads, personTitles, placeHeads } from '../cues.js';
import { lexicon } from '../lexicon.js';
import type { EntityMention } from '../ner/recognise.js';
import type { TokenTable } from '../token-table.js';
import { firstWord, lastWord, mention, words } from './text.js';

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

/** Types the tagger gets wrong in ways a word list can tell. */
function retyped(item: EntityMention): EntityMention {
  const lex = lexicon();
  // A nationality adjective is not a place.
  if (item.type === 'LOC' && lex.demonyms.has(item.text) && !lex.countryNames.has(item.text)) {
    return { ...item, type: 'MISC' };
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

/** The tagger's mentions, cleaned up, in text order. */
export function cleanMentions(
  text: string,
  raw: readonly EntityMention[],
  tokens: TokenTable,
): EntityMention[] {
  const out: EntityMention[] = [];
  const pieces = raw.flatMap((item) => {
    const trimmed = trimFunctionWords(text, item, tokens);
    return trimmed ? splitPossessive(text, trimmed) : [];
  });
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
  return out;
}
