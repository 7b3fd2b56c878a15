/** A span of the analysed text: JavaScript string indices (UTF-16 code units), `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Sentence extends Span {
  /** Stable within an article and shared by every language version: `p<paragraph>s<sentence>`, `headline`... */
  readonly id: string;
  /** The sentence as read: `text.slice(start, end)` with inline markup removed and whitespace collapsed. */
  readonly text: string;
  /** Inline markup of the sentence, offsets into `text` (not the article); absent when it has none. */
  readonly marks?: readonly InlineMark[];
}

export type InlineMarkKind = 'link' | 'emphasis' | 'strong' | 'code' | 'break';

/**
 * Inline markup over part of a sentence: `start`/`end` index the sentence's own `text`, so the same shape
 * describes a translated sentence. Marks nest (a link inside strong) but never cross; a `break` is empty
 * (`start === end`). Readers produce marks, translators carry them into every language, pages render them.
 */
export interface InlineMark extends Span {
  readonly kind: InlineMarkKind;
  /** `link` only: an `http:`, `https:` or `mailto:` URL; readers drop links to anything else. */
  readonly href?: string;
}

export type BlockKind = 'paragraph' | 'heading' | 'quote' | 'list-item';

export interface Paragraph extends Span {
  readonly id: string;
  readonly kind: BlockKind;
  readonly sentences: readonly Sentence[];
}

export interface Dateline extends Span {
  /** ISO 8601 date (`2023-09-22`), or `undefined` when only a place was given. */
  readonly date?: string;
  readonly place?: string;
}

export type SourceFormat = 'text' | 'markdown' | 'html';

/**
 * An article after decoding and parsing. All offsets index `text`: for plain text it is the decoded file
 * itself; for Markdown and HTML it is the extracted readable text.
 */
export interface SourceDocument {
  readonly format: SourceFormat;
  readonly text: string;
  readonly headline?: Sentence;
  readonly caption?: Sentence;
  readonly dateline?: Dateline;
  readonly paragraphs: readonly Paragraph[];
}

export function allSentences(document: SourceDocument): Sentence[] {
  return document.paragraphs.flatMap((paragraph) => paragraph.sentences);
}

/** The headline, or the first sentence when the article has no headline of its own. */
export function headlineOf(document: SourceDocument): Sentence {
  const headline = document.headline ?? allSentences(document)[0];
  if (!headline) throw new Error('A parsed document always has a headline or a sentence.');
  return headline;
}

/** The sentences (in document order, as parsed) that overlap `[start, end)`, found by binary search. */
export function overlappingSentences(sentences: readonly Sentence[], start: number, end: number): Sentence[] {
  let low = 0;
  let high = sentences.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sentences[middle]?.end ?? 0) <= start) low = middle + 1;
    else high = middle;
  }
  const found: Sentence[] = [];
  for (let index = low; index < sentences.length; index++) {
    const sentence = sentences[index] as Sentence;
    if (sentence.start >= end) break;
    found.push(sentence);
  }
  return found;
}
