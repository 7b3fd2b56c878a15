import {
  type ArticleJson,
  type FactsJson,
  type LanguageLinkJson,
  type MentionJson,
  SCHEMA_VERSION,
  type TextSpanJson,
  type TranslationScope,
} from '../contract.js';
import { allSentences, headlineOf, overlappingSentences, type Sentence, type Span } from '../document.js';
import type { Quote } from '../facts/types.js';
import { directionOf } from '../locale/languages.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import type { Lookup } from '../translate/segments.js';

function span(sentence: Sentence, lookup: Lookup): TextSpanJson {
  return { id: sentence.id, text: lookup(sentence.text), start: sentence.start, end: sentence.end };
}

function mentions(spans: readonly Span[]): MentionJson[] {
  return spans.map(({ start, end }) => ({ start, end }));
}

/**
 * The facts as published: every field picked by name, so the contract changes only when the schema does, not
 * whenever the extraction's own types grow.
 */
function localizeFacts(article: AnalysedArticle, lookup: Lookup, sourceLookup: boolean): FactsJson {
  const { facts, document } = article;
  const sentences = allSentences(document);
  const quoteText = (quote: Quote): string => {
    if (sourceLookup) return quote.text;
    const within = overlappingSentences(sentences, quote.start, quote.end);
    return within.length === 0 ? quote.text : within.map((item) => lookup(item.text)).join(' ');
  };
  return {
    people: facts.people.map((person) => ({
      name: lookup(person.name),
      sourceName: person.name,
      roles: person.roles.map(lookup),
      mentions: mentions(person.mentions),
    })),
    organisations: facts.organisations.map((item) => ({
      name: lookup(item.name),
      sourceName: item.name,
      aliases: [...item.aliases],
      mentions: mentions(item.mentions),
    })),
    places: facts.places.map((item) => ({
      name: lookup(item.name),
      sourceName: item.name,
      mentions: mentions(item.mentions),
    })),
    dates: facts.dates.map(({ text, iso, start, end }) => ({ text, iso, start, end })),
    quotes: facts.quotes.map((quote) => ({
      kind: quote.kind,
      text: quoteText(quote),
      ...(quote.speaker === undefined ? {} : { speaker: lookup(quote.speaker) }),
      start: quote.start,
      end: quote.end,
      ...(quote.quotation === undefined ? {} : { quotation: { ...quote.quotation } }),
    })),
    figures: facts.figures.map(({ text, value, unit, start, end }) => ({
      text,
      value,
      ...(unit === undefined ? {} : { unit }),
      start,
      end,
    })),
  };
}

export interface LocalizeOptions {
  readonly language: string;
  readonly sourceLanguage: string;
  /** `undefined` for the source language. */
  readonly translation?: { readonly engine: string; readonly scope: TranslationScope };
  readonly lookup: Lookup;
  readonly languages: readonly LanguageLinkJson[];
}

/** One language version of the article, as published in `<lang>.json`. */
export function localize(article: AnalysedArticle, options: LocalizeOptions): ArticleJson {
  const { document } = article;
  const { lookup, translation } = options;
  const brief = translation?.scope === 'brief';
  const sentencesById = new Map(allSentences(document).map((sentence) => [sentence.id, sentence]));
  return {
    schemaVersion: SCHEMA_VERSION,
    articleId: article.articleId,
    language: options.language,
    sourceLanguage: options.sourceLanguage,
    direction: directionOf(options.language),
    translation: translation ?? null,
    source: { key: article.key, format: document.format },
    headline: span(headlineOf(document), lookup),
    caption: document.caption ? span(document.caption, lookup) : null,
    dateline: document.dateline
      ? {
          date: document.dateline.date ?? null,
          place: document.dateline.place ? lookup(document.dateline.place) : null,
          start: document.dateline.start,
          end: document.dateline.end,
        }
      : null,
    summary: article.summary.map((item) => ({
      sentenceId: item.sentenceId,
      text: lookup(sentencesById.get(item.sentenceId)?.text ?? item.text),
      start: item.start,
      end: item.end,
    })),
    facts: localizeFacts(article, lookup, translation === undefined),
    body: brief
      ? []
      : document.paragraphs.map((paragraph) => ({
          id: paragraph.id,
          kind: paragraph.kind,
          sentences: paragraph.sentences.map((sentence) => span(sentence, lookup)),
        })),
    languages: options.languages,
  };
}
