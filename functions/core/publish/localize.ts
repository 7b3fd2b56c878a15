import {
  type ArticleJson,
  type ContainerJson,
  type FactsJson,
  type InlineMarkJson,
  type LanguageLinkJson,
  type MentionJson,
  type MetadataJson,
  type ParagraphJson,
  type Review,
  SCHEMA_VERSION,
  type TextSpanJson,
  type TranslationScope,
} from '../contract.js';
import {
  type ArticleMetadata,
  allSentences,
  type Container,
  firstEndingAfter,
  headlineOf,
  overlappingSentences,
  type Paragraph,
  type Sentence,
  type Span,
} from '../document.js';
import type { Quote } from '../facts/types.js';
import { directionOf } from '../locale/languages.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import { type NameKind, spannedSentences } from '../translate/protected-names.js';
import { type Lookup, segmentKey } from '../translate/segments.js';
import { nameRefKey, type VersionSentence, type VersionText } from '../translate/version-text.js';

/** Who wrote the text a version gives for a source text: `original`, `machine` or `reviewed` (an editor). */
export type ReviewOf = (sourceText: string) => Review;

/** `original` in the source language; in a translation, `reviewed` for an editor's correction, else `machine`. */
export function reviewOf(translated: boolean, reviewed: ReadonlySet<string> = new Set()): ReviewOf {
  if (!translated) return () => 'original';
  return (text) => (reviewed.has(segmentKey(text)) ? 'reviewed' : 'machine');
}

/**
 * `version` reading each sentence once for one localisation: a sentence is read for its text, its marks and for
 * each name it mentions, and each reading builds the sentence's marks and names again.
 */
function onceEach(version: VersionText): VersionText {
  const read = new Map<Sentence, VersionSentence>();
  return {
    plain: version.plain,
    sentence: (sentence) => {
      let known = read.get(sentence);
      if (known === undefined) {
        known = version.sentence(sentence);
        read.set(sentence, known);
      }
      return known;
    },
  };
}

function marksJson(version: VersionText, sentence: Sentence): { marks?: InlineMarkJson[] } {
  const marks = version.sentence(sentence).marks;
  if (!marks || marks.length === 0) return {};
  return {
    marks: marks.map(({ kind, start, end, href }) => ({
      kind,
      start,
      end,
      ...(href === undefined ? {} : { href }),
    })),
  };
}

function span(sentence: Sentence, version: VersionText, review: ReviewOf): TextSpanJson {
  return {
    id: sentence.id,
    text: version.sentence(sentence).text,
    review: review(sentence.text),
    start: sentence.start,
    end: sentence.end,
    ...marksJson(version, sentence),
  };
}

/**
 * Each mention, with where it stands in this version's sentence: where the engine carried its element, or else
 * (an engine that was not sent the element, or an answer whose markup was refused) where the name's own
 * translation, or the name as written, first stands in the sentence.
 */
function mentionLocator(article: AnalysedArticle, version: VersionText, names: Lookup) {
  const sentences = spannedSentences(article);
  return (kind: NameKind, entity: number, name: string, spans: readonly Span[]): MentionJson[] =>
    spans.map(({ start, end }, mention) => {
      const sentence = firstOverlapping(sentences, start, end);
      if (!sentence) return { start, end };
      const translated = version.sentence(sentence);
      const at =
        translated.names.get(nameRefKey({ kind, entity, mention })) ??
        findName(translated.text, [names(name), name, article.document.text.slice(start, end)]);
      return at
        ? { start, end, sentence: { id: sentence.id, start: at.start, end: at.end } }
        : { start, end };
    });
}

/** `overlappingSentences(sentences, start, end)[0]`, without listing the others. */
function firstOverlapping(sentences: readonly Sentence[], start: number, end: number): Sentence | undefined {
  const sentence = sentences[firstEndingAfter(sentences, start)];
  return sentence && sentence.start < end ? sentence : undefined;
}

function findName(text: string, candidates: readonly string[]): Span | undefined {
  for (const candidate of candidates) {
    const at = candidate === '' ? -1 : text.indexOf(candidate);
    if (at >= 0) return { start: at, end: at + candidate.length };
  }
  return undefined;
}

const OPENING = /["“„«‹「『‘‚]/u;
const CLOSING = /["”“»›」』’]/u;

/** The words between the first opening and the last closing quotation mark of a translated text, if any. */
function quotedWords(text: string): string | undefined {
  const open = text.search(OPENING);
  if (open < 0) return undefined;
  let close = -1;
  for (let i = text.length - 1; i > open; i--) {
    if (CLOSING.test(text[i] as string)) {
      close = i;
      break;
    }
  }
  const words = close < 0 ? '' : text.slice(open + 1, close).trim();
  return words === '' ? undefined : words.replace(/[,.]$/u, '');
}

/**
 * The facts as published: every field picked by name, so the contract changes only when the schema does, not
 * whenever the extraction's own types grow.
 */
function localizeFacts(
  article: AnalysedArticle,
  version: VersionText,
  review: ReviewOf,
  source: boolean,
  names?: Lookup,
): FactsJson {
  const { facts, document } = article;
  const sentences = allSentences(document);
  // Names found in the English version of an article in another language are English: translated from English.
  const lookup = names ?? version.plain;
  const mentions = mentionLocator(article, version, lookup);
  const spanned = spannedSentences(article);
  /** A translated quote is the translation of its words, found in each sentence they run through. */
  const quoteText = (quote: Quote, index: number): string => {
    if (source) return quote.text;
    const parts = overlappingSentences(spanned, quote.start, quote.end).map((sentence, part) => {
      const translated = version.sentence(sentence);
      const at = translated.names.get(nameRefKey({ kind: 'quote', entity: index, mention: part }));
      return at && translated.text.slice(at.start, at.end);
    });
    if (parts.length > 0 && parts.every((part) => part !== undefined)) return parts.join(' ');
    // Not located: for a direct quote, the words between the translation's quotation marks; otherwise (or
    // without marks) the translated sentences that hold the quote.
    const within = overlappingSentences(sentences, quote.start, quote.end);
    if (within.length === 0) return quote.text;
    const translated = within.map((item) => version.sentence(item).text).join(' ');
    return (quote.kind === 'direct' ? quotedWords(translated) : undefined) ?? translated;
  };
  /** A quote is reviewed when an editor corrected every sentence that holds it. */
  const quoteReview = (quote: Quote): Review => {
    if (source) return 'original';
    const within = overlappingSentences(sentences, quote.start, quote.end);
    return within.length > 0 && within.every((item) => review(item.text) === 'reviewed')
      ? 'reviewed'
      : 'machine';
  };
  return {
    // People's names are never translated; organisations only where the engine's terminology translates them.
    people: facts.people.map((person, index) => ({
      name: person.name,
      sourceName: person.name,
      roles: person.roles.map(lookup),
      roleReviews: person.roles.map(review),
      mentions: mentions('person', index, person.name, person.mentions),
    })),
    organisations: facts.organisations.map((item, index) => ({
      name: lookup(item.name),
      sourceName: item.name,
      aliases: [...item.aliases],
      mentions: mentions('organisation', index, item.name, item.mentions),
    })),
    places: facts.places.map((item, index) => ({
      name: lookup(item.name),
      sourceName: item.name,
      mentions: mentions('place', index, item.name, item.mentions),
    })),
    dates: facts.dates.map(({ text, iso, start, end }) => ({ text, iso, start, end })),
    quotes: facts.quotes.map((quote, index) => ({
      kind: quote.kind,
      text: quoteText(quote, index),
      review: quoteReview(quote),
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

/** The structures a block sits in, every field picked by name (see `localizeFacts`). */
function containersJson(containers: readonly Container[]): ContainerJson[] {
  return containers.map(({ id, kind, ordered, header, column, columns, image }) => ({
    id,
    kind,
    ...(ordered ? { ordered } : {}),
    ...(header ? { header } : {}),
    ...(column === undefined ? {} : { column }),
    ...(columns === undefined ? {} : { columns }),
    ...(image ? { image: { url: image.url, ...(image.alt ? { alt: image.alt } : {}) } } : {}),
  }));
}

/** A block in this version: its sentences translated, its level and containers (no text of theirs) as in the source. */
function paragraphJson(paragraph: Paragraph, version: VersionText, review: ReviewOf): ParagraphJson {
  return {
    id: paragraph.id,
    kind: paragraph.kind,
    ...(paragraph.level === undefined ? {} : { level: paragraph.level }),
    ...(paragraph.containers ? { containers: containersJson(paragraph.containers) } : {}),
    sentences: paragraph.sentences.map((sentence) => span(sentence, version, review)),
  };
}

/** What the source declares about the article, as it declares it, in every version. */
export function metadataJson(metadata: ArticleMetadata | undefined): MetadataJson {
  if (!metadata) return {};
  const { authors, datePublished, dateModified, section, keywords, canonicalUrl, images } = metadata;
  return {
    ...(authors && authors.length > 0
      ? { authors: authors.map(({ name, url }) => ({ name, ...(url ? { url } : {}) })) }
      : {}),
    ...(datePublished ? { datePublished } : {}),
    ...(dateModified ? { dateModified } : {}),
    ...(section ? { section } : {}),
    ...(keywords && keywords.length > 0 ? { keywords: [...keywords] } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
    ...(images && images.length > 0
      ? {
          images: images.map(({ url, alt, caption, credit }) => ({
            url,
            ...(alt ? { alt } : {}),
            ...(caption ? { caption } : {}),
            ...(credit ? { credit } : {}),
          })),
        }
      : {}),
  };
}

export interface LocalizeOptions {
  readonly language: string;
  readonly sourceLanguage: string;
  /** `undefined` for the source language. */
  readonly translation?: { readonly engine: string; readonly scope: TranslationScope };
  /** The version's text: `sourceVersion(article)` for the source language. */
  readonly version: VersionText;
  /** The source texts (segment keys) whose translation is an editor's correction. */
  readonly reviewed?: ReadonlySet<string>;
  /** The names in the facts, when they are not in the source language (facts found in an English version). */
  readonly names?: Lookup;
  readonly languages: readonly LanguageLinkJson[];
  /** The SHA-256 of the upload the version is made from. */
  readonly sourceSha256: string;
}

/** One language version of the article, as published in `<lang>.json`. */
export function localize(article: AnalysedArticle, options: LocalizeOptions): ArticleJson {
  const { document } = article;
  const { translation } = options;
  const version = onceEach(options.version);
  const review = reviewOf(translation !== undefined, options.reviewed);
  const brief = translation?.scope === 'brief';
  const sentencesById = new Map(allSentences(document).map((sentence) => [sentence.id, sentence]));
  return {
    schemaVersion: SCHEMA_VERSION,
    articleId: article.articleId,
    language: options.language,
    sourceLanguage: options.sourceLanguage,
    direction: directionOf(options.language),
    translation: translation ?? null,
    source: { key: article.key, format: document.format, sha256: options.sourceSha256 },
    headline: span(headlineOf(document), version, review),
    caption: document.caption ? span(document.caption, version, review) : null,
    dateline: document.dateline
      ? {
          date: document.dateline.date ?? null,
          place: document.dateline.place ? version.plain(document.dateline.place) : null,
          start: document.dateline.start,
          end: document.dateline.end,
        }
      : null,
    metadata: metadataJson(document.metadata),
    summary: article.summary.map((item) => {
      const sentence = sentencesById.get(item.sentenceId);
      return {
        sentenceId: item.sentenceId,
        text: sentence ? version.sentence(sentence).text : version.plain(item.text),
        review: review(sentence?.text ?? item.text),
        start: item.start,
        end: item.end,
        ...(sentence ? marksJson(version, sentence) : {}),
      };
    }),
    facts: localizeFacts(article, version, review, translation === undefined, options.names),
    factsLanguage: article.factsLanguage,
    body: brief ? [] : document.paragraphs.map((paragraph) => paragraphJson(paragraph, version, review)),
    languages: options.languages,
  };
}

/** The sentences of a version (headline, caption, body and summary sentences, by id) an editor corrected. */
export function reviewedSentences(version: ArticleJson): number {
  const ids = new Set<string>();
  const spans = [
    version.headline,
    version.caption,
    ...version.body.flatMap((paragraph) => paragraph.sentences),
  ];
  for (const span of spans) if (span?.review === 'reviewed') ids.add(span.id);
  for (const item of version.summary) if (item.review === 'reviewed') ids.add(item.sentenceId);
  return ids.size;
}

/** What the feeds and the manifest keep of a written version: not its body (a long article's would not fit). */
export type VersionDigest = Pick<ArticleJson, 'language' | 'headline' | 'summary'> & {
  readonly reviewedSentences: number;
};

export function digestOf(version: ArticleJson): VersionDigest {
  const { language, headline, summary } = version;
  return { language, headline, summary, reviewedSentences: reviewedSentences(version) };
}
