import type { Span } from '../../document.js';
import { boundedSpans, maxSentenceTokens } from '../bounds.js';
import type { Checkpoint } from '../checkpoint.js';
import { TokenTable } from '../token-table.js';
import { type Token, tokenize } from '../tokens.js';
import {
  type DocumentEvidence,
  evidenceGatherer,
  gatherEvidence,
  hintFeatures,
  type SentenceParts,
  sentenceFeatures,
  sentenceParts,
  tokenFeatures,
  tokenSignature,
} from './features.js';
import { type EntityType, isInside, labelCount, labelType } from './labels.js';
import { packedModel } from './model.js';
import { bestPath, emissionScores, type TaggerModel, unpackModel } from './tagger.js';

export interface EntityMention extends Span {
  readonly type: EntityType;
  readonly text: string;
}

export interface TaggingInput {
  readonly tokens: readonly Token[];
  readonly features: readonly (readonly string[])[];
}

export interface PreparedDocument {
  readonly tokenised: readonly (readonly Token[])[];
  readonly evidence: DocumentEvidence;
}

/** A sentence's tokens in pieces of at most `maxSentenceTokens` (one piece, maybe empty, for any real sentence). */
export function tokenWindows(text: string, span: Span): Token[][] {
  const tokens = tokenize(text, span.start, span.end);
  if (tokens.length <= maxSentenceTokens) return [tokens];
  const windows: Token[][] = [];
  for (let i = 0; i < tokens.length; i += maxSentenceTokens)
    windows.push(tokens.slice(i, i + maxSentenceTokens));
  return windows;
}

/** Every sentence tokenised at once: for fitting the tagger, where the features are kept across epochs. */
export function prepareDocument(text: string, sentences: readonly Span[]): PreparedDocument {
  const tokenised = boundedSpans(text, sentences).flatMap((span) => tokenWindows(text, span));
  return { tokenised, evidence: gatherEvidence(tokenised) };
}

/** Tokens and features of each sentence, with what a first pass found in the document when `hints` are given. */
export function tagInputs(
  prepared: PreparedDocument,
  hints?: ReadonlyMap<string, readonly string[]>,
): TaggingInput[] {
  return prepared.tokenised.map((tokens) => ({
    tokens,
    features: sentenceFeatures(tokens, prepared.evidence, hints),
  }));
}

/**
 * What the first pass made of each capitalised word across the document: every type it was given, the type it
 * was given most, and whether it ended or began a longer name (`Clinton` after `Bill Clinton`).
 */
export function documentHints(mentions: readonly EntityMention[]): Map<string, string[]> {
  // Each distinct name once, with how often it was found: the same counts, in the same order, as reading every
  // mention (a list of thousands of initials is one name).
  const names = new Map<string, { type: string; text: string; times: number }>();
  for (const mention of mentions) {
    const key = `${mention.type} ${mention.text}`;
    const name = names.get(key);
    if (name) name.times++;
    else names.set(key, { type: mention.type, text: mention.text, times: 1 });
  }
  const counts = new Map<string, Map<string, number>>();
  const add = (word: string, tag: string, times: number): void => {
    const key = word.toLowerCase();
    let tags = counts.get(key);
    if (!tags) {
      tags = new Map();
      counts.set(key, tags);
    }
    tags.set(tag, (tags.get(tag) ?? 0) + times);
  };
  for (const { type, text, times } of names.values()) {
    const words = tokenize(text).filter((token) => /^\p{Lu}/u.test(token.text));
    words.forEach((word, index) => {
      add(word.text, type, times);
      if (words.length > 1 && index === words.length - 1) add(word.text, `${type}-last`, times);
      if (words.length > 1 && index === 0) add(word.text, `${type}-first`, times);
    });
  }
  const hints = new Map<string, string[]>();
  for (const [word, tags] of counts) {
    const types = [...tags].filter(([tag]) => !tag.includes('-'));
    const best = types.sort((a, b) => b[1] - a[1])[0];
    const out = [...tags.keys()].map((tag) => `seen-${tag}`);
    if (best) out.push(`most-${best[0]}`);
    hints.set(word, out);
  }
  return hints;
}

export interface TwoPassModel {
  readonly first: TaggerModel;
  readonly second: TaggerModel;
}

let model: TwoPassModel | undefined;

function taggerModel(): TwoPassModel {
  model ??= { first: unpackModel(packedModel.first), second: unpackModel(packedModel.second) };
  return model;
}

export function labelsToMentions(
  text: string,
  tokens: readonly Token[],
  path: readonly number[],
): EntityMention[] {
  const mentions: EntityMention[] = [];
  let type: EntityType | undefined;
  let start = 0;
  let end = 0;
  for (let index = 0; index < path.length; index++) {
    const label = path[index] as number;
    const token = tokens[index] as Token;
    const here = labelType(label);
    if (here && isInside(label) && type === here) {
      end = token.end;
      continue;
    }
    if (type) mentions.push({ type, start, end, text: text.slice(start, end) });
    type = here;
    start = token.start;
    end = token.end;
  }
  if (type) mentions.push({ type, start, end, text: text.slice(start, end) });
  return mentions;
}

export interface RecognisedEntities {
  /** Tokens of the given sentences, in the order given (sentences over the length bounds in windows). */
  readonly tokens: TokenTable;
  readonly mentions: readonly EntityMention[];
}

/** Token signatures remembered per document at most: bounds the memory of `EmissionMemo` (about 2 MB). */
export const maxRememberedSignatures = 1 << 14;

/**
 * Both models' label scores of a token, worked out once per token signature (`tokenSignature`): equal signatures
 * have equal features, so a remembered score is the one the features would give. Text of a few repeated tokens
 * (marks, initials, list lines) is scored once per distinct token context instead of once per token.
 */
class EmissionMemo {
  readonly #slots = new Map<string, number>();
  #scores = new Float64Array(64 * 2 * labelCount);
  readonly #first = new Float64Array(labelCount);
  readonly #second = new Float64Array(labelCount);
  /** Tokens whose features were made (not found in the memo): for tests of bounded work. */
  computed = 0;

  constructor(readonly tagger: TwoPassModel) {}

  /** Writes token `i`'s scores into `first` at `firstAt` and into `second` at `secondAt`. */
  score(
    parts: SentenceParts,
    i: number,
    first: Float64Array,
    firstAt: number,
    second: Float64Array,
    secondAt: number,
  ): void {
    const signature = tokenSignature(parts, i);
    const slot = this.#slots.get(signature);
    if (slot !== undefined) {
      const scores = this.#scores;
      const at = slot * 2 * labelCount;
      for (let label = 0; label < labelCount; label++) {
        first[firstAt + label] = scores[at + label] as number;
        second[secondAt + label] = scores[at + labelCount + label] as number;
      }
      return;
    }
    this.computed++;
    const features = tokenFeatures(parts, i);
    emissionScores(this.tagger.first, features, this.#first);
    emissionScores(this.tagger.second, features, this.#second);
    first.set(this.#first, firstAt);
    second.set(this.#second, secondAt);
    if (this.#slots.size < maxRememberedSignatures) {
      const at = this.#slots.size * 2 * labelCount;
      if (at + 2 * labelCount > this.#scores.length) {
        const grown = new Float64Array(this.#scores.length * 2);
        grown.set(this.#scores);
        this.#scores = grown;
      }
      this.#scores.set(this.#first, at);
      this.#scores.set(this.#second, at + labelCount);
      this.#slots.set(signature, this.#slots.size);
    }
  }
}

/** The second model's scores of a word's document-hint features, per lower-cased word and sentence mode. */
function hintScores(
  model: TaggerModel,
  hints: ReadonlyMap<string, readonly string[]>,
): (word: string, mode: string) => Float64Array | undefined {
  const known = new Map<string, Float64Array | undefined>();
  return (word, mode) => {
    const key = `${mode}${word.toLowerCase()}`;
    if (known.has(key)) return known.get(key);
    const found = hintFeatures(word, hints, mode);
    const scores = found.length === 0 ? undefined : emissionScores(model, found);
    if (known.size < maxRememberedSignatures) known.set(key, scores);
    return scores;
  };
}

/** What tagging a table cost: for tests that bound the work on repetitive text. */
export interface TaggingWork {
  /** Tokens whose features were made and scored (the others had a token context already scored). */
  scoredTokens: number;
  /** Sentences tagged (the others repeat, word for word, a short sentence tagged before). */
  taggedSentences: number;
}

/** Tokens of the sentences remembered per article, to tag a sentence repeated word for word once (about 1 MB). */
const maxRememberedTokens = 1 << 16;

/** The mentions a label path gives the tokens of `table` from index `from` on. */
function pathMentions(table: TokenTable, from: number, path: readonly number[], into: EntityMention[]): void {
  let type: EntityType | undefined;
  let start = 0;
  let end = 0;
  for (let index = 0; index < path.length; index++) {
    const label = path[index] as number;
    const here = labelType(label);
    if (here && isInside(label) && type === here) {
      end = table.end(from + index);
      continue;
    }
    if (type) into.push({ type, start, end, text: table.text.slice(start, end) });
    type = here;
    start = table.start(from + index);
    end = table.end(from + index);
  }
  if (type) into.push({ type, start, end, text: table.text.slice(start, end) });
}

/**
 * Both tagging passes, a sentence at a time: a sentence's features are made once and dropped with it; what the
 * second pass needs of them is kept as its label scores (9 numbers a token, in one array for the document), and
 * the second pass adds only the features of what the first pass found in the document. Features depend only on
 * the words of the sentence and on the document, so a sentence (or window of a long one) that repeats one
 * already tagged (a list of initials, the same list line, a run of the same marks) takes that sentence's labels.
 */
function tagTable(
  table: TokenTable,
  evidence: DocumentEvidence,
  tagger: TwoPassModel,
  tick: Checkpoint,
  work?: TaggingWork,
): EntityMention[] {
  const firstPass: EntityMention[] = [];
  const secondScores = new Float64Array(table.tokenCount * labelCount);
  let firstScores = new Float64Array(maxSentenceTokens * labelCount);
  const memo = new EmissionMemo(tagger);
  // The first sentence with the same words, per sentence (-1: none, or too long to look for), and its labels.
  const sameAs = new Int32Array(table.sentenceCount).fill(-1);
  const seen = new Map<string, number>();
  let remembered = 0;
  const firstPaths = new Map<number, number[]>();
  const secondPaths = new Map<number, number[]>();
  const modes: string[] = new Array(table.sentenceCount);
  for (let sentence = 0; sentence < table.sentenceCount; sentence++) {
    tick();
    const from = table.sentenceStart(sentence);
    const length = table.sentenceEnd(sentence) - from;
    const key = table.joinedText(from, from + length, '\u0000');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      sameAs[sentence] = earlier;
      pathMentions(table, from, firstPaths.get(earlier) as number[], firstPass);
      continue;
    }
    if (remembered + length <= maxRememberedTokens) {
      seen.set(key, sentence);
      sameAs[sentence] = sentence;
      remembered += length;
    }
    const tokens = table.tokens(sentence);
    if (firstScores.length < length * labelCount) firstScores = new Float64Array(length * labelCount);
    const parts = sentenceParts(tokens, evidence);
    modes[sentence] = parts.mode;
    for (let t = 0; t < length; t++) {
      memo.score(parts, t, firstScores, t * labelCount, secondScores, (from + t) * labelCount);
    }
    const path = bestPath(tagger.first, firstScores, 0, length);
    if (sameAs[sentence] === sentence) firstPaths.set(sentence, path);
    pathMentions(table, from, path, firstPass);
  }
  const hinted = hintScores(tagger.second, documentHints(firstPass));
  const mentions: EntityMention[] = [];
  for (let sentence = 0; sentence < table.sentenceCount; sentence++) {
    tick();
    const from = table.sentenceStart(sentence);
    const earlier = sameAs[sentence] as number;
    if (earlier >= 0 && earlier !== sentence) {
      pathMentions(table, from, secondPaths.get(earlier) as number[], mentions);
      continue;
    }
    if (work) work.taggedSentences++;
    const end = table.sentenceEnd(sentence);
    const mode = modes[sentence] as string;
    for (let i = from; i < end; i++) {
      const extra = hinted(table.tokenText(i), mode);
      if (!extra) continue;
      for (let label = 0; label < labelCount; label++) {
        const at = i * labelCount + label;
        secondScores[at] = (secondScores[at] as number) + (extra[label] as number);
      }
    }
    const path = bestPath(tagger.second, secondScores, from, end - from);
    if (earlier === sentence) secondPaths.set(sentence, path);
    pathMentions(table, from, path, mentions);
  }
  if (work) work.scoredTokens += memo.computed;
  return mentions;
}

/**
 * Person, organisation, place and other names in the given sentences of `text` (in text order, not overlapping),
 * in text order. Work and memory are linear in the text: long sentences are tagged in bounded windows.
 */
export interface RecogniseOptions {
  readonly tagger?: TwoPassModel;
  /** Counts what the tagging cost, for tests. */
  readonly work?: TaggingWork;
  /** Called once per sentence or window in each pass (see `perSentence`). */
  readonly tick?: Checkpoint;
}

export function recogniseEntities(
  text: string,
  sentences: readonly Span[],
  options: RecogniseOptions = {},
): RecognisedEntities {
  const tick = options.tick ?? (() => {});
  const table = new TokenTable(text);
  const gatherer = evidenceGatherer();
  for (const span of boundedSpans(text, sentences)) {
    tick();
    for (const tokens of tokenWindows(text, span)) {
      table.addSentence(tokens);
      gatherer.add(tokens);
    }
  }
  return {
    tokens: table,
    mentions: tagTable(table, gatherer.evidence(), options.tagger ?? taggerModel(), tick, options.work),
  };
}
