import type { TranslationScope } from '../contract.js';
import { allSentences, headlineOf, overlappingSentences } from '../document.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import { SegmentSet } from './segments.js';

/**
 * The distinct texts a language version needs translated, in reading order: headline, caption, body sentences
 * (or, in `brief` scope, only the sentences the summary and quotes use), then the names in the facts. Summary,
 * quotes and facts reuse these translations; nothing is sent twice.
 */
export function segmentsToTranslate(article: AnalysedArticle, scope: TranslationScope): string[] {
  const { document, facts } = article;
  const segments = new SegmentSet();
  segments.add(headlineOf(document).text);
  if (document.caption) segments.add(document.caption.text);
  const sentences = allSentences(document);
  if (scope === 'full') {
    segments.addAll(sentences.map((sentence) => sentence.text));
  } else {
    const ids = new Set(article.summary.map((item) => item.sentenceId));
    for (const quote of facts.quotes) {
      for (const sentence of overlappingSentences(sentences, quote.start, quote.end)) ids.add(sentence.id);
    }
    segments.addAll(sentences.filter((sentence) => ids.has(sentence.id)).map((sentence) => sentence.text));
  }
  segments.addAll(nameSegments(article));
  return segments.list();
}

/** Names and roles, translated in the same batch as the sentences. */
export function nameSegments(article: AnalysedArticle): string[] {
  const { facts, document } = article;
  return [
    ...facts.people.flatMap((person) => [person.name, ...person.roles]),
    ...facts.organisations.map((organisation) => organisation.name),
    ...facts.places.map((place) => place.name),
    ...(document.dateline?.place ? [document.dateline.place] : []),
  ];
}
