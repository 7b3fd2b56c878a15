import type { Span } from '../../document.js';

export type BlockKind = 'heading' | 'paragraph' | 'quote' | 'list-item' | 'caption';

/** A run of readable text found by a format reader, before headline, caption and sentences are worked out. */
export interface Block extends Span {
  readonly kind: BlockKind;
  /** Heading level (1 for the title) where the format has one. */
  readonly level?: number;
  /** Plain text only: the block is a single line of the file. */
  readonly singleLine?: boolean;
}

export interface ExtractedText {
  /** The text every offset indexes. */
  readonly text: string;
  readonly blocks: readonly Block[];
  /** A title known from outside the body (HTML `<title>`), used when the body has no heading. */
  readonly title?: Span;
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

  result(title?: Span): ExtractedText {
    return { text: this.#text, blocks: this.#blocks, ...(title ? { title } : {}) };
  }
}
