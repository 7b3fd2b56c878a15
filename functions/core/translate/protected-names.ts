/**
 * What stays as it is in every language, decided once for every engine: the people the facts found are never
 * translated; organisations are kept as written unless the desk's terminology translates them (then the engine
 * translates them, with that terminology); places go through the engine (exonyms such as Moscú are right), but
 * are marked so that their place in the translation is known. Code spans are kept too (inline-markup.ts). The
 * spans come with the mention each one is, so every mention can be located in every language.
 */
import { type InlineMark, overlappingSentences, type Sentence, type Span } from '../document.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import { type InlineSpan, nestedSpans } from './inline-markup.js';
import { isName, isWord } from './name-classes.js';

/** `quote`: the words of a quote, located so that a translated quote is the translation of those words only. */
export type NameKind = 'person' | 'organisation' | 'place' | 'quote';

/** Which mention a span is: `facts[kind][entity].mentions[mention]`; for a quote, its part in each sentence. */
export interface NameRef {
  readonly kind: NameKind;
  readonly entity: number;
  readonly mention: number;
}

export interface SentenceSpan extends InlineSpan {
  /** For names: the mention this span is. */
  readonly ref?: NameRef;
}

export interface NameRule {
  /** Source terms the engine's terminology translates for this target language; organisations named here are translated. */
  readonly translatedTerms?: ReadonlySet<string> | undefined;
  /**
   * Mark places and quotes too, to find them in the translation (default true). An engine that bills the
   * markup's characters is sent only the spans it must keep; places and quotes are then found by their words.
   */
  readonly locate?: boolean;
}

/** The sentences of an article that can carry spans: headline, caption and every body sentence, by start. */
export function spannedSentences(article: AnalysedArticle): Sentence[] {
  const { document } = article;
  // Loops, not flatMap and filter, and a sort only when out of order: an article of thousands of one-word
  // sentences pays these on every call.
  const sentences: Sentence[] = [];
  if (document.headline) sentences.push(document.headline);
  if (document.caption) sentences.push(document.caption);
  for (const paragraph of document.paragraphs)
    for (const sentence of paragraph.sentences) sentences.push(sentence);
  for (let index = 1; index < sentences.length; index++) {
    if ((sentences[index - 1] as Sentence).start > (sentences[index] as Sentence).start)
      return sentences.sort((a, b) => a.start - b.start);
  }
  return sentences;
}

/** Whitespace other than a lone space, which collapsing whitespace runs would change. */
const UNCOLLAPSED = /[^\S ]| {2}/u;

/**
 * Offset `offset` of the article's text as an offset into `sentence.text`, which is the article's slice with
 * whitespace runs collapsed; `undefined` when the sentence's text is not that (a reader that rewrote it).
 */
function sentenceOffset(
  sentence: Sentence,
  text: string,
  offset: number,
  collapsed: boolean,
): number | undefined {
  if (offset < sentence.start || offset > sentence.end) return undefined;
  if (collapsed) return offset - sentence.start;
  return collapse(text.slice(sentence.start, offset)).length;
}

/** Whitespace runs as one space; tested first, since most texts have none to collapse. */
function collapse(text: string): string {
  return UNCOLLAPSED.test(text) ? text.replace(/\s+/gu, ' ') : text;
}

/**
 * Whether the article's slice of `sentence` has no whitespace to collapse: then its offsets are the sentence's
 * own, and a mention is placed without collapsing the text before it (which, for each of a long sentence's
 * mentions, reread the sentence up to it).
 */
function isCollapsed(sentence: Sentence, text: string): boolean {
  return !UNCOLLAPSED.test(text.slice(sentence.start, sentence.end));
}

/**
 * A span of the article's text as a span of `sentence.text`, checked against the mention's own words;
 * `collapsed` is `isCollapsed(sentence, text)`.
 */
function spanInSentence(sentence: Sentence, text: string, span: Span, collapsed: boolean): Span | undefined {
  const start = sentenceOffset(sentence, text, span.start, collapsed);
  const end = sentenceOffset(sentence, text, span.end, collapsed);
  const surface = collapse(text.slice(span.start, span.end));
  if (start !== undefined && end !== undefined && sentence.text.slice(start, end) === surface)
    return { start, end };
  const found = sentence.text.indexOf(surface);
  return found < 0 || surface === '' ? undefined : { start: found, end: found + surface.length };
}

function markSpans(marks: readonly InlineMark[] | undefined): SentenceSpan[] {
  return (marks ?? []).map((mark) => ({
    kind: mark.kind,
    start: mark.start,
    end: mark.end,
    ...(mark.href === undefined ? {} : { href: mark.href }),
  }));
}

/** Finds, by binary search over sentences sorted by start, the one holding `span`. */
function holder(sentences: readonly Sentence[], span: Span): Sentence | undefined {
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const sentence = sentences[middle] as Sentence;
    if (sentence.end <= span.start) low = middle + 1;
    else if (sentence.start > span.start) high = middle - 1;
    else return span.end <= sentence.end ? sentence : undefined;
  }
  return undefined;
}

/**
 * The spans of every sentence with any (by sentence id): its marks, its kept names and its located places, as
 * `nestedSpans` accepts them. Sentences whose text is not in Unicode NFC get none (offsets would not survive the
 * normalisation segments go through) and travel as plain text.
 */
export function sentenceSpans(article: AnalysedArticle, rule: NameRule = {}): Map<string, SentenceSpan[]> {
  const { facts, document } = article;
  const sentences = spannedSentences(article);
  const found = new Map<string, SentenceSpan[]>();
  const add = (sentence: Sentence, span: SentenceSpan) => {
    const list = found.get(sentence.id);
    if (list) list.push(span);
    else found.set(sentence.id, [span]);
  };
  // Whether each sentence's slice has whitespace to collapse, found once per sentence, not once per mention.
  const collapsed = new Map<Sentence, boolean>();
  const place = (sentence: Sentence, span: Span): Span | undefined => {
    let known = collapsed.get(sentence);
    if (known === undefined) {
      known = isCollapsed(sentence, document.text);
      collapsed.set(sentence, known);
    }
    return spanInSentence(sentence, document.text, span, known);
  };
  for (const sentence of sentences) {
    if (sentence.marks && sentence.marks.length > 0)
      for (const span of markSpans(sentence.marks)) add(sentence, span);
  }
  const names: { kind: NameKind; keep: boolean; mentions: readonly Span[] }[][] = [
    facts.people.map((person) => ({
      kind: 'person',
      keep: isName(person.name, 'person'),
      mentions: person.mentions,
    })),
    facts.organisations.map((item) => ({
      kind: 'organisation',
      keep: isName(item.name, 'organisation') && !rule.translatedTerms?.has(item.name),
      mentions: item.mentions,
    })),
    facts.places.map((item) => ({
      kind: 'place' as const,
      keep: false,
      mentions: isWord(item.name) ? [] : item.mentions,
    })),
  ];
  for (const entities of names) {
    for (const [index, entity] of entities.entries()) {
      if (!entity.keep && rule.locate === false) continue;
      const kind = entity.keep ? 'keep' : 'locate';
      for (const [mentionIndex, mention] of entity.mentions.entries()) {
        const sentence = holder(sentences, mention);
        const span = sentence && place(sentence, mention);
        if (!sentence || !span) continue;
        add(sentence, {
          kind,
          start: span.start,
          end: span.end,
          ref: { kind: entity.kind, entity: index, mention: mentionIndex },
        });
      }
    }
  }
  // A quote's words, in each sentence they run through: after the names, so a quote never displaces one.
  facts.quotes.forEach((quote, index) => {
    if (rule.locate === false) return;
    overlappingSentences(sentences, quote.start, quote.end).forEach((sentence, part) => {
      const words = { start: Math.max(quote.start, sentence.start), end: Math.min(quote.end, sentence.end) };
      const span = place(sentence, words);
      if (span && span.end > span.start)
        add(sentence, { kind: 'locate', ...span, ref: { kind: 'quote', entity: index, mention: part } });
    });
  });
  const result = new Map<string, SentenceSpan[]>();
  for (const sentence of sentences) {
    const spans = found.get(sentence.id);
    if (!spans || sentence.text.normalize('NFC') !== sentence.text) continue;
    const nested = nestedSpans(sentence.text, spans);
    if (nested.length > 0) result.set(sentence.id, nested);
  }
  return result;
}
