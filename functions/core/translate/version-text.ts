/**
 * The text of one language version, as the publishing stage reads it: each sentence with its marks and where
 * each name it mentions stands in it, and the plain translation of short texts (roles, places). The source
 * version reads the article itself; a translated one reads the engine's answers.
 */
import type { InlineMark, Sentence, Span } from '../document.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import type { DecodedInline, InlineSpan } from './inline-markup.js';
import { type NameRef, type SentenceSpan, sentenceSpans } from './protected-names.js';
import { segmentKey } from './segments.js';
import type { TranslationPlan } from './segments-to-translate.js';

export interface VersionSentence {
  readonly text: string;
  /** Marks of the sentence in this version, offsets into `text`; absent when it has none. */
  readonly marks?: readonly InlineMark[];
  /** Where each mention of a name in this sentence is in `text`, by `nameRefKey`. */
  readonly names: ReadonlyMap<string, Span>;
}

export interface VersionText {
  /** A short text (a role, a place) in this version's language. */
  plain(text: string): string;
  sentence(sentence: Sentence): VersionSentence;
}

export function nameRefKey(ref: NameRef): string {
  return `${ref.kind}:${ref.entity}:${ref.mention}`;
}

const MARK_KINDS = new Set<InlineSpan['kind']>(['link', 'emphasis', 'strong', 'code', 'break']);

/** The names of a sentence that mentions none: one map for all of them. */
const NO_NAMES: ReadonlyMap<string, Span> = new Map();

/**
 * A sentence's text with its marks and names, from its spans and where each came to be (`undefined`: lost).
 * Loops, and the marks' list only when there is one: every sentence of every version is read through here.
 */
function located(
  text: string,
  spans: readonly SentenceSpan[],
  positions: readonly (Span | undefined)[],
): VersionSentence {
  if (spans.length === 0) return { text, names: NO_NAMES };
  let marks: InlineMark[] | undefined;
  const names = new Map<string, Span>();
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index] as SentenceSpan;
    const position = positions[index];
    if (!position) continue;
    if (span.ref) names.set(nameRefKey(span.ref), position);
    else if (MARK_KINDS.has(span.kind)) {
      marks ??= [];
      marks.push({
        kind: span.kind as InlineMark['kind'],
        start: position.start,
        end: position.end,
        ...(span.href === undefined ? {} : { href: span.href }),
      });
    }
  }
  return marks ? { text, marks, names } : { text, names };
}

/** The source language's version: the article as it is. */
export function sourceVersion(article: AnalysedArticle): VersionText {
  const spans = sentenceSpans(article);
  return {
    plain: (text) => text,
    sentence: (sentence) => {
      const own = spans.get(sentence.id);
      return own ? located(sentence.text, own, own) : { text: sentence.text, names: NO_NAMES };
    },
  };
}

/** A translated version: the engine's plain answers by segment key, its tagged ones decoded, by tagged key. */
export function translatedVersion(
  plan: TranslationPlan,
  plain: ReadonlyMap<string, string>,
  tagged: ReadonlyMap<string, DecodedInline>,
): VersionText {
  const lookup = (text: string) => plain.get(segmentKey(text)) ?? text;
  return {
    plain: lookup,
    sentence: (sentence) => {
      const entry = plan.sentences.get(sentence.id);
      const decoded = entry && tagged.get(entry.key);
      if (!entry || !decoded) return { text: lookup(sentence.text), names: NO_NAMES };
      return located(decoded.text, entry.spans, decoded.spans);
    },
  };
}
