import type {
  ArticleMetadata,
  Container,
  InlineMark,
  BlockKind as ParagraphKind,
  Span,
} from '../../document.js';

export type BlockKind = ParagraphKind;

/** A run of readable text found by a format reader, before headline, caption and sentences are worked out. */
export interface Block extends Span {
  readonly kind: BlockKind;
  /** Heading level (1 for the title) where the format has one. */
  readonly level?: number;
  /** Plain text only: the block is a single line of the file. */
  readonly singleLine?: boolean;
  /** Inline marks, offsets into the extracted text (not the block), nested, never crossing. */
  readonly marks?: readonly InlineMark[];
  /** The structures the block sits in, outermost first (see `Paragraph.containers`). */
  readonly containers?: readonly Container[];
}

export interface ExtractedText {
  /** The text every offset indexes. */
  readonly text: string;
  readonly blocks: readonly Block[];
  /**
   * The first block is the headline, known from outside the body (what an HTML page declares, a front matter's
   * `title`): it is taken as it is, whatever it looks like.
   */
  readonly headlineFirst?: boolean;
  /** What the source declares about the article. */
  readonly metadata?: ArticleMetadata;
}

/** Builds extracted text block by block, separating blocks with a blank line. */
export class TextBuilder {
  #text = '';
  readonly #blocks: Block[] = [];

  add(kind: BlockKind, content: string, level?: number): Span | undefined {
    const clean = content.replace(/\s+/gu, ' ').trim();
    if (clean === '') return undefined;
    if (this.#text !== '') this.#text += '\n\n';
    const start = this.#text.length;
    this.#text += clean;
    const block: Block = { kind, start, end: this.#text.length, ...(level === undefined ? {} : { level }) };
    this.#blocks.push(block);
    return block;
  }

  result(): ExtractedText {
    return { text: this.#text, blocks: this.#blocks };
  }
}
