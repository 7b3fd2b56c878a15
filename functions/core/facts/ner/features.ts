import {
  demonymSuffixes,
  functionWords,
  months,
  organisationHeads,
  organisationNouns,
  personTitles,
  placeHeads,
  placePrepositions,
  reportingVerbs,
  roleModifiers,
  surnameSuffixes,
  weekdays,
} from '../cues.js';
import { type Lexicon, lexicon } from '../lexicon.js';
import type { Token } from '../tokens.js';

/**
 * Features of tokens for the entity tagger. They describe a token by its shape, by which gazetteers and closed
 * word classes it belongs to, and by how the rest of the document writes it — never by the word itself, except for
 * the hand-written closed classes in `cues.ts`. That keeps the fitted weights small and free of memorised names.
 */

/** What the whole document says about words, gathered before tagging any sentence. */
export interface DocumentEvidence {
  /** Lower-cased words seen written in lower case somewhere in the document. */
  readonly lowerCase: ReadonlySet<string>;
  /** Words seen capitalised away from the start of a mixed-case sentence. */
  readonly capitalisedInside: ReadonlySet<string>;
  /** Tokens of the document's first line (upper-cased), to tell sports reports and tables apart. */
  readonly sports: boolean;
}

const sportsWords = new Set([
  'SOCCER',
  'FOOTBALL',
  'CRICKET',
  'TENNIS',
  'GOLF',
  'BASEBALL',
  'BASKETBALL',
  'RUGBY',
  'ATHLETICS',
  'CYCLING',
  'MOTOR',
  'MOTORCYCLING',
  'HOCKEY',
  'BOXING',
  'SKIING',
  'SWIMMING',
  'HORSE',
  'RACING',
  'SQUASH',
  'BADMINTON',
  'VOLLEYBALL',
  'HANDBALL',
  'NFL',
  'NBA',
  'NHL',
  'OLYMPICS',
  'ROWING',
  'SAILING',
  'CHESS',
  'FORMULA',
]);

const isLetter = /\p{L}/u;
const startsUpper = /^\p{Lu}/u;
const hasLower = /\p{Ll}/u;

export function isCapitalised(text: string): boolean {
  return startsUpper.test(text);
}

/** Shape of a word: runs of upper, lower, digit and other characters, each run written once (`Xx`, `X.X.`). */
export function shape(text: string): string {
  let out = '';
  let last = '';
  for (const char of text) {
    let kind: string;
    if (/\p{Lu}/u.test(char)) kind = 'X';
    else if (/\p{Ll}/u.test(char)) kind = 'x';
    else if (/\p{N}/u.test(char)) kind = 'd';
    else kind = char;
    if (kind !== last) out += kind;
    last = kind;
    if (out.length > 6) break;
  }
  return out;
}

const connectors = new Set(['of', '&', 'de', 'for', "'s", '’s', 'du', 'van', 'von', 'der', 'la', 'di']);
const runTags = new Set([
  'first',
  'name',
  'city',
  'city-big',
  'country',
  'demonym',
  'title',
  'role-mod',
  'org-head',
  'place-head',
  'upper-usual',
  'lf-hi',
  'lf-mid',
  'doc-lower',
  'opening',
  'month',
  'weekday',
]);
const isNameWord = (text: string): boolean => startsUpper.test(text) || /^\p{Lu}/u.test(text);

const titleCase = (word: string): string => word.charAt(0) + word.slice(1).toLowerCase();

/** A sentence written in capitals (a headline or a table heading), where case tells nothing. */
export function isAllCaps(tokens: readonly Token[]): boolean {
  let words = 0;
  let upper = 0;
  for (const token of tokens) {
    if (!isLetter.test(token.text)) continue;
    words++;
    if (!hasLower.test(token.text)) upper++;
  }
  return words >= 2 && upper / words > 0.8;
}

/** Document evidence, gathered one sentence at a time (`add`), then read (`evidence`). */
export interface EvidenceGatherer {
  add(tokens: readonly Token[]): void;
  evidence(): DocumentEvidence;
}

export function evidenceGatherer(): EvidenceGatherer {
  const lowerCase = new Set<string>();
  const capitalisedInside = new Set<string>();
  let sports: boolean | undefined;
  return {
    add(tokens) {
      sports ??= tokens.some((token) => sportsWords.has(token.text.toUpperCase()));
      const caps = isAllCaps(tokens);
      const opening = openings(tokens);
      tokens.forEach((token, index) => {
        if (!isLetter.test(token.text)) return;
        if (!startsUpper.test(token.text)) lowerCase.add(token.text.toLowerCase());
        else if (!caps && index > 0 && hasLower.test(token.text) && !opening[index]) {
          capitalisedInside.add(token.text);
        }
      });
    },
    evidence: () => ({ lowerCase, capitalisedInside, sports: sports ?? false }),
  };
}

export function gatherEvidence(sentences: readonly (readonly Token[])[]): DocumentEvidence {
  const gatherer = evidenceGatherer();
  for (const tokens of sentences) gatherer.add(tokens);
  return gatherer.evidence();
}

/**
 * For each token: it opens its sentence, or opens a quotation or clause right after `"`, `:` or `-` with no word
 * or number before it since. One pass, so a run of punctuation costs its length, not its square.
 */
export function openings(tokens: readonly Token[]): boolean[] {
  const out = new Array<boolean>(tokens.length);
  let open = true;
  for (let i = 0; i < tokens.length; i++) {
    out[i] = open;
    const text = tokens[i]?.text ?? '';
    if (startsWordOrNumber.test(text)) open = false;
    else if (text.length === 1 && openers.has(text)) open = true;
  }
  return out;
}

const startsWordOrNumber = /^[\p{L}\p{N}]/u;
/** Marks after which a clause or quotation opens. */
const openers = new Set(['"', '“', '‘', "'", '(', ':', '-', '–', '—']);

const bucket = (value: number | undefined): string =>
  value === undefined ? 'none' : value >= 12 ? 'hi' : value >= 8 ? 'mid' : 'lo';

/** Closed-class tags of one token, used for the token and as context for its neighbours. */
function wordClasses(
  token: Token,
  caps: boolean,
  opening: boolean,
  lex: Lexicon,
  evidence: DocumentEvidence,
): string[] {
  const text = token.text;
  const lower = text.toLowerCase();
  const tags: string[] = [];
  if (!isLetter.test(text)) {
    if (/\p{N}/u.test(text)) tags.push('num');
    return tags;
  }
  const form = caps && !hasLower.test(text) && text.length > 1 ? titleCase(text) : text;
  const bare = form.replace(/\.$/, '');
  if (lex.firstNames.has(bare)) tags.push('first');
  if (lex.names.has(bare)) tags.push('name');
  const city = startsUpper.test(text) ? lex.cities.get(bare.toLowerCase()) : undefined;
  if (city !== undefined) tags.push(city >= 5 ? 'city-big' : 'city');
  if (lex.countryNames.has(text) || lex.countryNames.has(bare)) tags.push('country');
  if (lex.demonyms.has(bare)) tags.push('demonym');
  const lowerFrequency = lex.wordFrequency.get(lower);
  const upperFrequency = lex.wordFrequency.get(titleCase(lower));
  tags.push(`lf-${bucket(lowerFrequency)}`);
  tags.push(`uf-${bucket(upperFrequency)}`);
  if ((upperFrequency ?? -1) > (lowerFrequency ?? -1)) tags.push('upper-usual');
  if (personTitles.has(lower)) tags.push('title');
  if (roleModifiers.has(lower)) tags.push('role-mod');
  if (organisationHeads.has(lower)) tags.push('org-head');
  if (organisationNouns.has(lower) && !startsUpper.test(text)) tags.push('org-noun');
  if (placeHeads.has(lower)) tags.push('place-head');
  if (placePrepositions.has(lower)) tags.push('prep');
  if (reportingVerbs.has(lower)) tags.push('report');
  if (months.has(lower)) tags.push('month');
  if (weekdays.has(lower)) tags.push('weekday');
  if (demonymSuffixes.some((suffix) => lower.endsWith(suffix))) tags.push('sfx-dem');
  if (surnameSuffixes.some((suffix) => lower.endsWith(suffix) && lower.length > suffix.length + 2)) {
    tags.push('sfx-surname');
  }
  if (startsUpper.test(text)) {
    if (evidence.lowerCase.has(lower)) tags.push('doc-lower');
    if (evidence.capitalisedInside.has(form)) tags.push('doc-cap');
    if (opening) tags.push('opening');
  }
  return tags;
}

/**
 * How one way of writing a word reads in this document: its word classes, its shape and the function word it is
 * (if any), worked out once (long articles repeat their words). `id` tells the written forms apart.
 */
interface TokenType {
  readonly id: number;
  readonly tags: readonly string[];
  readonly shape: string;
  readonly cue: string | undefined;
}

/** The features a place in a run of capitalised words gives (`run=3B`, `runF=first`...), made once per document. */
interface RunPlace {
  readonly id: number;
  readonly features: readonly string[];
}

interface DocumentCache {
  readonly types: Map<string, TokenType>;
  readonly runs: Map<string, RunPlace>;
}

const caches = new WeakMap<DocumentEvidence, DocumentCache>();

function documentCache(evidence: DocumentEvidence): DocumentCache {
  let cache = caches.get(evidence);
  if (!cache) {
    cache = { types: new Map(), runs: new Map() };
    caches.set(evidence, cache);
  }
  return cache;
}

interface PhraseTag {
  readonly kinds: readonly string[];
  readonly position: 'B' | 'I' | 'L' | 'U';
}

/** Longest gazetteer phrase starting at each capitalised token: `B`egin, `I`nside, `L`ast or `U`nit tags. */
function phraseTags(tokens: readonly Token[], lex: Lexicon): (PhraseTag | undefined)[] {
  const tags: (PhraseTag | undefined)[] = new Array(tokens.length).fill(undefined);
  for (let i = 0; i < tokens.length; i++) {
    if (!startsUpper.test(tokens[i]?.text ?? '')) continue;
    for (let length = Math.min(lex.maxPhraseWords, tokens.length - i); length >= 1; length--) {
      const last = tokens[i + length - 1];
      if (!last || !/^[\p{L}.]/u.test(last.text)) continue;
      const phrase = tokens
        .slice(i, i + length)
        .map((token) => token.text)
        .join(' ')
        .toLowerCase();
      const kinds = lex.phraseKinds(phrase);
      if (kinds.length === 0) continue;
      for (let k = 0; k < length; k++) {
        const position = length === 1 ? 'U' : k === 0 ? 'B' : k === length - 1 ? 'L' : 'I';
        tags[i + k] = { kinds: [...kinds], position };
      }
      i += length - 1;
      break;
    }
  }
  return tags;
}

/** A sentence made mostly of numbers and names: a results table or a list of scores. */
function isTable(tokens: readonly Token[]): boolean {
  let numbers = 0;
  let lowerWords = 0;
  for (const token of tokens) {
    if (/^\p{N}/u.test(token.text)) numbers++;
    else if (/^\p{Ll}/u.test(token.text)) lowerWords++;
  }
  return numbers >= 2 && lowerWords <= Math.max(1, tokens.length * 0.15);
}

/** The mode of a sentence for features: `C` written in capitals, `T` a table of numbers and names, `N` prose. */
export function sentenceMode(tokens: readonly Token[]): string {
  return isAllCaps(tokens) ? 'C' : isTable(tokens) ? 'T' : 'N';
}

/** What a first tagging pass made of the token's word elsewhere in the document, as features. */
export function hintFeatures(
  word: string,
  hints: ReadonlyMap<string, readonly string[]>,
  mode: string,
): string[] {
  const out: string[] = [];
  for (const hint of hints.get(word.toLowerCase()) ?? []) out.push(`doc=${hint}`, `doc|mode=${hint}|${mode}`);
  return out;
}

/** What the features of a sentence's tokens are made of: worked out once per sentence, read per token. */
export interface SentenceParts {
  readonly tokens: readonly Token[];
  readonly types: readonly TokenType[];
  readonly phrases: readonly (PhraseTag | undefined)[];
  /** Per token, its place in the run of capitalised words it is in (undefined outside a run). */
  readonly runs: readonly (RunPlace | undefined)[];
  /** `C` written in capitals, `T` a table of numbers and names, `N` prose. */
  readonly mode: string;
  readonly sports: boolean;
}

const noRun: readonly string[] = [];

const kindsOf = (phrase: PhraseTag | undefined): string => (phrase ? phrase.kinds.join(',') : '');

/** The features of the token at `k` in the run of capitalised words from `i` to `j` (exclusive). */
function runPlace(
  cache: DocumentCache,
  types: readonly TokenType[],
  phrases: readonly (PhraseTag | undefined)[],
  i: number,
  j: number,
  k: number,
): RunPlace {
  const length = Math.min(j - i, 5);
  const position = j - i === 1 ? 'U' : k === i ? 'B' : k === j - 1 ? 'L' : 'I';
  const first = types[i] as TokenType;
  const last = types[j - 1] as TokenType;
  const gzFirst = k !== i ? phrases[i] : undefined;
  const key = `${length}${position} ${first.id} ${last.id} ${kindsOf(gzFirst)}`;
  let place = cache.runs.get(key);
  if (!place) {
    const features = [`run=${length}${position}`];
    for (const tag of first.tags.filter((t) => runTags.has(t)))
      features.push(`runF=${tag}`, `runF|pos=${tag}|${position}`);
    for (const tag of last.tags.filter((t) => runTags.has(t)))
      features.push(`runL=${tag}`, `runL|pos=${tag}|${position}`);
    if (gzFirst) for (const kind of gzFirst.kinds) features.push(`runFgz=${kind}|${position}`);
    place = { id: cache.runs.size, features };
    cache.runs.set(key, place);
  }
  return place;
}

export function sentenceParts(tokens: readonly Token[], evidence: DocumentEvidence): SentenceParts {
  const lex = lexicon();
  const caps = isAllCaps(tokens);
  const table = isTable(tokens);
  const cache = documentCache(evidence);
  const opened = openings(tokens);
  const types = tokens.map((token, index) => {
    const opening = opened[index] as boolean;
    const key = `${caps ? 'C' : 'c'}${opening ? 'O' : 'o'}${token.text}`;
    let type = cache.types.get(key);
    if (!type) {
      const lower = token.text.toLowerCase();
      type = {
        id: cache.types.size,
        tags: wordClasses(token, caps, opening, lex, evidence),
        shape: shape(token.text),
        cue: functionWords.has(lower) ? lower : undefined,
      };
      cache.types.set(key, type);
    }
    return type;
  });
  const phrases = phraseTags(tokens, lex);
  // Runs of capitalised words (joined by `of`, `and`, `&`, `de`, `'s` when a capital follows): the run's length,
  // the token's place in it, and what its first and last words are.
  const runs = new Array<RunPlace | undefined>(tokens.length).fill(undefined);
  for (let i = 0; i < tokens.length; ) {
    if (!isNameWord(tokens[i]?.text ?? '')) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      if (isNameWord(tokens[j]?.text ?? '')) j++;
      else if (connectors.has(tokens[j]?.text.toLowerCase() ?? '') && isNameWord(tokens[j + 1]?.text ?? ''))
        j += 2;
      else break;
    }
    for (let k = i; k < j; k++) runs[k] = runPlace(cache, types, phrases, i, j, k);
    i = j;
  }
  const mode = caps ? 'C' : table ? 'T' : 'N';
  return { tokens, types, phrases, runs, mode, sports: evidence.sports };
}

/**
 * Feature names of token `i` of a sentence. `hints` are, per lower-cased word, what a first tagging pass made of
 * the word elsewhere in the document (`ORG`, `PER-last`...): names keep one type within an article.
 */
export function tokenFeatures(
  parts: SentenceParts,
  i: number,
  hints?: ReadonlyMap<string, readonly string[]>,
): string[] {
  const { tokens, types, phrases, mode, sports } = parts;
  const own = types[i] as TokenType;
  const features = ['bias', `sh=${own.shape}`];
  features.push(`mode=${mode}`, `sh|mode=${own.shape}|${mode}`);
  if (sports) features.push('sports');
  for (const tag of own.tags) {
    features.push(`w=${tag}`, `w|mode=${tag}|${mode}`);
    if (sports) features.push(`w|sports=${tag}`);
  }
  if (own.cue) features.push(`cue=${own.cue}`);
  features.push(...(parts.runs[i]?.features ?? noRun));
  if (hints) features.push(...hintFeatures((tokens[i] as Token).text, hints, mode));
  const phrase = phrases[i];
  if (phrase) {
    for (const kind of phrase.kinds) {
      features.push(`gz=${kind}-${phrase.position}`, `gz|mode=${kind}|${mode}`);
      if (sports) features.push(`gz|sports=${kind}`);
    }
  }
  for (const offset of [-2, -1, 1, 2]) {
    const j = i + offset;
    const name = offset < 0 ? `p${-offset}` : `n${offset}`;
    const other = types[j];
    if (j < 0 || !other) {
      features.push(`${name}=edge`);
      continue;
    }
    features.push(`${name}sh=${other.shape}`);
    if (other.cue) features.push(`${name}w=${other.cue}`);
    if (offset === -1 || offset === 1) {
      for (const tag of other.tags) features.push(`${name}=${tag}`);
      const near = phrases[j];
      if (near) for (const kind of near.kinds) features.push(`${name}gz=${kind}`);
    }
  }
  features.push(`sh3=${types[i - 1]?.shape ?? '^'}_${own.shape}_${types[i + 1]?.shape ?? '$'}`);
  return features;
}

/**
 * A key that is the same for two tokens exactly when `tokenFeatures` (without hints) gives them the same
 * features: everything those read, as ids. Text made of a few repeated tokens (a run of marks, a list of
 * initials) has a few keys however long it is, so its features and scores can be worked out once per key.
 */
export function tokenSignature(parts: SentenceParts, i: number): string {
  const { types, phrases } = parts;
  const id = (j: number): number => (j < 0 ? -1 : (types[j]?.id ?? -1));
  const phrase = phrases[i];
  return `${parts.mode}${parts.sports ? 's' : ''} ${id(i - 2)} ${id(i - 1)} ${id(i)} ${id(i + 1)} ${id(i + 2)} ${
    phrase ? `${phrase.position}${kindsOf(phrase)}` : ''
  } ${kindsOf(phrases[i - 1])} ${kindsOf(phrases[i + 1])} ${parts.runs[i]?.id ?? -1}`;
}

/**
 * Feature names for every token of a sentence. `hints` are, per lower-cased word, what a first tagging pass
 * made of the word elsewhere in the document (`ORG`, `PER-last`...): names keep one type within an article.
 */
export function sentenceFeatures(
  tokens: readonly Token[],
  evidence: DocumentEvidence,
  hints?: ReadonlyMap<string, readonly string[]>,
): string[][] {
  const parts = sentenceParts(tokens, evidence);
  return tokens.map((_, i) => tokenFeatures(parts, i, hints));
}
