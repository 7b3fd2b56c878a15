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

/**
 * What a block of text is, by its innermost container: running prose, a sub-heading, a paragraph of a block
 * quote, of a list item or of a table cell, or a figure's (or table's) caption.
 */
export type BlockKind = 'paragraph' | 'heading' | 'quote' | 'list-item' | 'table-cell' | 'caption';

export type ContainerKind = 'quote' | 'list' | 'item' | 'table' | 'row' | 'cell' | 'figure';

/**
 * A structure a block sits in: a block quote, a list and its item, a table, its row and cell, a figure. Every
 * block in the same container carries the same `id` (unique in the article), so nesting is rebuilt by comparing
 * the containers of consecutive blocks; what a container is never depends on its blocks' text.
 */
export interface Container {
  readonly id: string;
  readonly kind: ContainerKind;
  /** `list`: numbered. */
  readonly ordered?: boolean;
  /** `row`: a header row; `cell`: a header cell. */
  readonly header?: boolean;
  /** `cell`: its column, from 1 (empty cells hold no block, so the column says where a cell goes). */
  readonly column?: number;
  /** `table`: how many columns it has. */
  readonly columns?: number;
  /** `figure`: the picture, when it has one with an http(s) address. */
  readonly image?: { readonly url: string; readonly alt?: string };
}

export interface Paragraph extends Span {
  readonly id: string;
  readonly kind: BlockKind;
  readonly sentences: readonly Sentence[];
  /** `heading`: its level as written (2 for a section heading; the headline is 1). */
  readonly level?: number;
  /** The structures the block sits in, outermost first; absent for a block of the body itself. */
  readonly containers?: readonly Container[];
}

export interface Dateline extends Span {
  /** ISO 8601 date (`2023-09-22`), or `undefined` when only a place was given. */
  readonly date?: string;
  readonly place?: string;
}

export type SourceFormat = 'text' | 'markdown' | 'html' | 'docx';

export interface Author {
  readonly name: string;
  /** An http(s) page about the author, when the source gives one. */
  readonly url?: string;
}

export interface ArticleImage {
  /** http(s) address of the picture. */
  readonly url: string;
  readonly alt?: string;
  readonly caption?: string;
  /** Who took or owns it: `Reuters/Jane Doe`. */
  readonly credit?: string;
}

/**
 * What the source says about the article, beside its text: HTML's JSON-LD, `<meta>` and `<figure>` elements,
 * Markdown's front matter, a Word file's properties. Dates are ISO 8601, a date (`2024-03-04`) or a date-time with
 * its offset (`2024-03-04T09:30:00Z`), as precise as the source declared them.
 */
export interface ArticleMetadata {
  readonly authors?: readonly Author[];
  readonly datePublished?: string;
  readonly dateModified?: string;
  readonly section?: string;
  readonly keywords?: readonly string[];
  readonly canonicalUrl?: string;
  readonly images?: readonly ArticleImage[];
}

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
  /** Absent when the source declares nothing. */
  readonly metadata?: ArticleMetadata;
}

export function allSentences(document: SourceDocument): Sentence[] {
  // A loop, not flatMap: V8's flatMap takes about 0.4 µs an element, a cost an article of thousands of
  // one-word sentences pays on every call.
  const sentences: Sentence[] = [];
  for (const paragraph of document.paragraphs)
    for (const sentence of paragraph.sentences) sentences.push(sentence);
  return sentences;
}

/** The headline, or the first sentence when the article has no headline of its own. */
export function headlineOf(document: SourceDocument): Sentence {
  const headline = document.headline ?? allSentences(document)[0];
  if (!headline) throw new Error('A parsed document always has a headline or a sentence.');
  return headline;
}

/** The sentences (in document order, as parsed) that overlap `[start, end)`, found by binary search. */
export function overlappingSentences(sentences: readonly Sentence[], start: number, end: number): Sentence[] {
  const found: Sentence[] = [];
  for (let index = firstEndingAfter(sentences, start); index < sentences.length; index++) {
    const sentence = sentences[index] as Sentence;
    if (sentence.start >= end) break;
    found.push(sentence);
  }
  return found;
}

/** The index of the first of `sentences` (sorted by start, not overlapping) that ends after `offset`. */
export function firstEndingAfter(sentences: readonly Sentence[], offset: number): number {
  let low = 0;
  let high = sentences.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sentences[middle]?.end ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
