import type { Span } from '../../document.js';
import { type Token, tokenize } from '../tokens.js';
import { type DocumentEvidence, gatherEvidence, sentenceFeatures } from './features.js';
import { type EntityType, isInside, labelType } from './labels.js';
import { packedModel } from './model.js';
import { type TaggerModel, unpackModel, viterbi } from './tagger.js';

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

export function prepareDocument(text: string, sentences: readonly Span[]): PreparedDocument {
  const tokenised = sentences.map((span) => tokenize(text, span.start, span.end));
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

function tagAll(text: string, inputs: readonly TaggingInput[], tagger: TaggerModel): EntityMention[] {
  return inputs.flatMap(({ tokens, features }) => labelsToMentions(text, tokens, viterbi(tagger, features)));
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
  /** Tokens of each given sentence, in the order given. */
  readonly tokenised: readonly (readonly Token[])[];
  readonly mentions: readonly EntityMention[];
}

/** Person, organisation, place and other names in the given sentences of `text`, in text order. */
export function recogniseEntities(
  text: string,
  sentences: readonly Span[],
  tagger = taggerModel(),
): RecognisedEntities {
  const prepared = prepareDocument(text, sentences);
  const firstPass = tagAll(text, tagInputs(prepared), tagger.first);
  return {
    tokenised: prepared.tokenised,
    mentions: tagAll(text, tagInputs(prepared, documentHints(firstPass)), tagger.second),
  };
}
