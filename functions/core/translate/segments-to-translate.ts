import type { TranslationScope } from '../contract.js';
import { allSentences, headlineOf, overlappingSentences, type Sentence } from '../document.js';
import type { Facts } from '../facts/types.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import { encodeInline } from './inline-markup.js';
import { type NameRule, type SentenceSpan, sentenceSpans } from './protected-names.js';
import { SegmentSet, segmentKey } from './segments.js';

/** A sentence that travels as a tagged segment (inline HTML): its marks, kept names and located places. */
export interface TaggedSentence {
  /** The tagged segment, as the pipeline keys it: what is sent and remembered. */
  readonly key: string;
  readonly text: string;
  readonly spans: readonly SentenceSpan[];
}

/**
 * What a language version needs translated, in reading order: headline, caption, body sentences (or, in `brief`
 * scope, only those the summary and quotes use), then the names in the facts that are translated. Sentences with
 * spans go as tagged segments, the others as plain text. Summary, quotes and facts reuse these translations.
 */
export interface TranslationPlan {
  /** Distinct plain-text segments. */
  readonly plain: readonly string[];
  /** Distinct tagged segments. */
  readonly tagged: readonly TaggedSentence[];
  /** The tagged segment of each sentence that has one, by sentence id. */
  readonly sentences: ReadonlyMap<string, TaggedSentence>;
}

function chosenSentences(article: AnalysedArticle, scope: TranslationScope): Sentence[] {
  const { document, facts } = article;
  const sentences = allSentences(document);
  const chosen = [headlineOf(document), ...(document.caption ? [document.caption] : [])];
  if (scope === 'full') return [...chosen, ...sentences];
  const ids = new Set(article.summary.map((item) => item.sentenceId));
  for (const quote of facts.quotes) {
    for (const sentence of overlappingSentences(sentences, quote.start, quote.end)) ids.add(sentence.id);
  }
  return [...chosen, ...sentences.filter((sentence) => ids.has(sentence.id))];
}

export function planTranslation(
  article: AnalysedArticle,
  scope: TranslationScope,
  rule: NameRule = {},
): TranslationPlan {
  const spans = sentenceSpans(article, rule);
  const plain = new SegmentSet();
  const tagged = new Map<string, TaggedSentence>();
  const bySentence = new Map<string, TaggedSentence>();
  for (const sentence of chosenSentences(article, scope)) {
    const sentenceSpansOf = spans.get(sentence.id);
    if (!sentenceSpansOf) {
      plain.add(sentence.text);
      continue;
    }
    const key = segmentKey(encodeInline(sentence.text, sentenceSpansOf));
    const entry = tagged.get(key) ?? { key, text: sentence.text, spans: sentenceSpansOf };
    tagged.set(key, entry);
    bySentence.set(sentence.id, entry);
  }
  plain.addAll(nameSegments(article, rule));
  return { plain: plain.list(), tagged: [...tagged.values()], sentences: bySentence };
}

/** Every distinct segment of the plan, tagged ones as their inline HTML, in reading order of each kind. */
export function segmentsToTranslate(
  article: AnalysedArticle,
  scope: TranslationScope,
  rule: NameRule = {},
): string[] {
  const plan = planTranslation(article, scope, rule);
  return [...plan.tagged.map((sentence) => sentence.key), ...plan.plain];
}

/**
 * The names in the facts that are translated, in the same batch as the sentences: roles, places, the dateline's
 * place and the organisations the terminology translates. People's names never are, nor other organisations'.
 */
export function nameSegments(article: AnalysedArticle, rule: NameRule = {}): string[] {
  const { facts, document } = article;
  return [
    ...facts.people.flatMap((person) => person.roles),
    ...facts.organisations.filter((item) => rule.translatedTerms?.has(item.name)).map((item) => item.name),
    ...facts.places.map((place) => place.name),
    ...(document.dateline?.place ? [document.dateline.place] : []),
  ];
}

/**
 * The words of facts found in an article's English version that each language shows translated from English: roles,
 * organisations and places (people's names are never translated).
 */
export function factNames(facts: Facts): string[] {
  return [
    ...facts.people.flatMap((person) => person.roles),
    ...facts.organisations.map((organisation) => organisation.name),
    ...facts.places.map((place) => place.name),
  ];
}
