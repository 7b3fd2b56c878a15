import {
  allSentences,
  headlineOf,
  overlappingSentences,
  type Paragraph,
  type Sentence,
  type SourceDocument,
  type Span,
} from '../document.js';
import type { Facts, Quote, SummarySentence } from '../facts/types.js';
import { type AnalysedArticle, EXTRACTOR_LANGUAGE } from '../read/analyse-article.js';
import { articleFacts, articleSummary } from '../read/prose-view.js';
import { lookupFrom } from './segments.js';

/** A span of the source text that a fact was found in, naming the sentence when it is one. */
export interface SourceSpan extends Span {
  readonly sentenceId?: string;
}

/**
 * The facts and summary of an article in another language than English, found by the English rules in its
 * English version, never in the source text itself. Every sentence keeps its id in the English version, so each
 * fact is placed in the source by the sentences it was found in: a mention becomes its sentence (the sentence's
 * offsets in the source text, and its id here), a date, figure or quote the source span of the sentences it
 * covers, a summary sentence the source sentence of the same id. Names stay as the English version writes them;
 * each language version translates roles, organisations and places from English.
 */
export function factsFromEnglish(
  article: AnalysedArticle,
  english: ReadonlyMap<string, string>,
): AnalysedArticle {
  const translated = englishDocument(article.document, english);
  // Read as the source's own facts are (read/prose-view.ts): no table cell is prose, no caption a summary line.
  const facts = articleFacts(translated.document, article.referenceDate);
  const summary = articleSummary(translated.document, facts);
  const place = sourcePlacer(translated.sentences, article.document);
  return {
    ...article,
    facts: placeFacts(facts, place),
    summary: summary.flatMap((item) => place.summary(item)),
    factsLanguage: EXTRACTOR_LANGUAGE,
  };
}

interface EnglishDocument {
  readonly document: SourceDocument;
  /** The English sentences, in document order, each with the id of its source sentence. */
  readonly sentences: readonly Sentence[];
}

/**
 * The article's English version as a document of its own: the same blocks and sentence ids, each sentence's
 * English text at its own offsets. No dateline: its place and date were read from the source text.
 */
function englishDocument(document: SourceDocument, english: ReadonlyMap<string, string>): EnglishDocument {
  const lookup = lookupFrom(english);
  let text = '';
  const sentence = (source: Sentence, separator: string): Sentence => {
    text += separator;
    const translated = lookup(source.text);
    const start = text.length;
    text += translated;
    return { id: source.id, text: translated, start, end: text.length };
  };
  const headline = document.headline ? sentence(document.headline, '') : undefined;
  const caption = document.caption ? sentence(document.caption, text === '' ? '' : '\n\n') : undefined;
  const paragraphs: Paragraph[] = document.paragraphs.map((paragraph) => {
    const separator = text === '' ? '' : '\n\n';
    const start = text.length + separator.length;
    const sentences = paragraph.sentences.map((item, index) => sentence(item, index === 0 ? separator : ' '));
    return { id: paragraph.id, kind: paragraph.kind, start, end: text.length, sentences };
  });
  const translated: SourceDocument = {
    format: document.format,
    text,
    ...(headline ? { headline } : {}),
    ...(caption ? { caption } : {}),
    paragraphs,
  };
  return {
    document: translated,
    sentences: [...(headline ? [headline] : []), ...(caption ? [caption] : []), ...allSentences(translated)],
  };
}

interface SourcePlacer {
  /** The source span of the sentences `span` of the English text overlaps, naming the sentence when one. */
  readonly span: (span: Span) => SourceSpan;
  /** The source sentences `span` of the English text overlaps, as one text. */
  readonly text: (span: Span) => string | undefined;
  readonly summary: (item: SummarySentence) => SummarySentence[];
}

function sourcePlacer(englishSentences: readonly Sentence[], document: SourceDocument): SourcePlacer {
  const sources = new Map(
    [headlineOf(document), ...(document.caption ? [document.caption] : []), ...allSentences(document)].map(
      (sentence) => [sentence.id, sentence],
    ),
  );
  const everywhere: SourceSpan = { start: 0, end: document.text.length };
  const sourcesOf = ({ start, end }: Span): Sentence[] =>
    overlappingSentences(englishSentences, start, Math.max(end, start + 1))
      .map((sentence) => sources.get(sentence.id))
      .filter((sentence) => sentence !== undefined);
  return {
    text: (span) => {
      const within = sourcesOf(span);
      return within.length === 0 ? undefined : within.map((sentence) => sentence.text).join(' ');
    },
    span: (span) => {
      const within = sourcesOf(span);
      const first = within[0];
      const last = within.at(-1);
      if (!first || !last) return everywhere;
      return within.length === 1
        ? { start: first.start, end: first.end, sentenceId: first.id }
        : { start: first.start, end: last.end };
    },
    summary: (item) => {
      const source = sources.get(item.sentenceId);
      return source
        ? [{ sentenceId: source.id, text: source.text, start: source.start, end: source.end }]
        : [];
    },
  };
}

/** Every span of the facts moved to the source text; each quote's text becomes the source sentences it is in. */
function placeFacts(facts: Facts, place: SourcePlacer): Facts {
  const spans = (mentions: readonly Span[]) => mentions.map(place.span);
  const at = <T extends Span>(fact: T): T => ({ ...fact, ...bounds(place.span(fact)) });
  return {
    people: facts.people.map((person) => ({ ...person, mentions: spans(person.mentions) })),
    organisations: facts.organisations.map((item) => ({ ...item, mentions: spans(item.mentions) })),
    places: facts.places.map((item) => ({ ...item, mentions: spans(item.mentions) })),
    dates: facts.dates.map(at),
    figures: facts.figures.map(at),
    quotes: facts.quotes.map((quote): Quote => {
      // The quotation's offsets would index the English text: left out. The quote reads as the source says it.
      const { quotation: _englishOnly, ...rest } = quote;
      return { ...rest, text: place.text(quote) ?? quote.text, ...bounds(place.span(quote)) };
    }),
  };
}

function bounds({ start, end }: Span): Span {
  return { start, end };
}
