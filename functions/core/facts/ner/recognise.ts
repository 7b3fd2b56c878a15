import type { Span } from '../../document.js';
import { boundedSpans, maxSentenceTokens } from '../bounds.js';
import { TokenTable } from '../token-table.js';
import { type Token, tokenize } from '../tokens.js';
import {
  type DocumentEvidence,
  evidenceGatherer,
  gatherEvidence,
  hintFeatures,
  sentenceFeatures,
  sentenceMode,
} from './features.js';
import { type EntityType, isInside, labelCount, labelType } from './labels.js';
import { packedModel } from './model.js';
import { bestPath, emissionScores, sentenceEmissions, type TaggerModel, unpackModel } from './tagger.js';

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
  const counts = new Map<string, Map<string, number>>();
  const add = (word: string, tag: string): void => {
    const key = word.toLowerCase();
    let tags = counts.get(key);
    if (!tags) {
      tags = new Map();
      counts.set(key, tags);
    }
    tags.set(tag, (tags.get(tag) ?? 0) + 1);
  };
  for (const mention of mentions) {
    const words = tokenize(mention.text).filter((token) => /^\p{Lu}/u.test(token.text));
    words.forEach((word, index) => {
      add(word.text, mention.type);
      if (words.length > 1 && index === words.length - 1) add(word.text, `${mention.type}-last`);
      if (words.length > 1 && index === 0) add(word.text, `${mention.type}-first`);
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
  let open: { type: EntityType; start: number; end: number } | undefined;
  const close = (): void => {
    if (open) mentions.push({ ...open, text: text.slice(open.start, open.end) });
    open = undefined;
  };
  path.forEach((label, index) => {
    const token = tokens[index] as Token;
    const type = labelType(label);
    if (type && isInside(label) && open?.type === type) {
      open.end = token.end;
      return;
    }
    close();
    if (type) open = { type, start: token.start, end: token.end };
  });
  close();
  return mentions;
}

export interface RecognisedEntities {
  /** Tokens of the given sentences, in the order given (sentences over the length bounds in windows). */
  readonly tokens: TokenTable;
  readonly mentions: readonly EntityMention[];
}

/**
 * Both tagging passes, a sentence at a time: a sentence's features are made once and dropped with it; what the
 * second pass needs of them is kept as its label scores (9 numbers a token), and the second pass adds only the
 * features of what the first pass found in the document.
 */
function tagTable(table: TokenTable, evidence: DocumentEvidence, tagger: TwoPassModel): EntityMention[] {
  const firstPass: EntityMention[] = [];
  const secondScores: Float64Array[] = [];
  for (let sentence = 0; sentence < table.sentenceCount; sentence++) {
    const tokens = table.tokens(sentence);
    const features = sentenceFeatures(tokens, evidence);
    const path = bestPath(tagger.first, sentenceEmissions(tagger.first, features));
    for (const mention of labelsToMentions(table.text, tokens, path)) firstPass.push(mention);
    secondScores.push(sentenceEmissions(tagger.second, features));
  }
  const hints = documentHints(firstPass);
  const mentions: EntityMention[] = [];
  const extra = new Float64Array(labelCount);
  for (let sentence = 0; sentence < table.sentenceCount; sentence++) {
    const tokens = table.tokens(sentence);
    const scores = secondScores[sentence] as Float64Array;
    const mode = sentenceMode(tokens);
    tokens.forEach((token, t) => {
      const found = hintFeatures(token, hints, mode);
      if (found.length === 0) return;
      emissionScores(tagger.second, found, extra);
      for (let label = 0; label < labelCount; label++) {
        const at = t * labelCount + label;
        scores[at] = (scores[at] as number) + (extra[label] as number);
      }
    });
    for (const mention of labelsToMentions(table.text, tokens, bestPath(tagger.second, scores)))
      mentions.push(mention);
    secondScores[sentence] = new Float64Array(0);
  }
  return mentions;
}

/**
 * Person, organisation, place and other names in the given sentences of `text` (in text order, not overlapping),
 * in text order. Work and memory are linear in the text: long sentences are tagged in bounded windows.
 */
export function recogniseEntities(
  text: string,
  sentences: readonly Span[],
  tagger = taggerModel(),
): RecognisedEntities {
  const table = new TokenTable(text);
  const gatherer = evidenceGatherer();
  for (const span of boundedSpans(text, sentences)) {
    for (const tokens of tokenWindows(text, span)) {
      table.addSentence(tokens);
      gatherer.add(tokens);
    }
  }
  return { tokens: table, mentions: tagTable(table, gatherer.evidence(), tagger) };
}
