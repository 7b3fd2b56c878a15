import type { Container, ContainerKind, InlineMark, InlineMarkKind } from '../../document.js';
import type { Block, BlockKind } from './blocks.js';

/** Marks nested deeper than this are not recorded (their text is): no sentence needs more, and it bounds work. */
export const MAX_MARK_DEPTH = 6;

interface OpenMark {
  readonly kind: Exclude<InlineMarkKind, 'break'>;
  readonly href?: string;
  /** Where the mark starts in the current block; `-1` until its first character arrives. */
  start: number;
}

const isSpace = (char: string): boolean => /\s/u.test(char);

/**
 * Writes the extracted text of a structured format (HTML, Markdown, Word) block by block, with inline marks and
 * containers. Whitespace is collapsed as it arrives (runs become one space, none at a block's edges), so the
 * marks' offsets stay exact; blocks are separated by a blank line. A mark still open when a block ends is cut
 * there and goes on in the next block. Every call costs the length of what it adds.
 */
export class BlockWriter {
  #text = '';
  readonly #blocks: Block[] = [];
  #buffer = '';
  #pendingSpace = false;
  #marks: InlineMark[] = [];
  readonly #open: OpenMark[] = [];
  /** For each `open` not yet closed: whether it was left out (too deep, a kind already open, a link to nowhere). */
  readonly #ignored: boolean[] = [];

  /** Text of the current block; whitespace collapses with what came before. */
  text(chunk: string): void {
    for (const char of chunk) {
      if (isSpace(char)) {
        if (this.#buffer !== '') this.#pendingSpace = true;
        continue;
      }
      if (this.#pendingSpace) {
        this.#buffer += ' ';
        this.#pendingSpace = false;
      }
      const position = this.#buffer.length;
      for (let i = this.#open.length - 1; i >= 0 && (this.#open[i] as OpenMark).start < 0; i--) {
        (this.#open[i] as OpenMark).start = position;
      }
      this.#buffer += char;
    }
  }

  /** Opens a mark; every `open` is paired with one `close`, in nesting order. */
  open(kind: Exclude<InlineMarkKind, 'break'>, href?: string): void {
    const ignored =
      this.#open.length >= MAX_MARK_DEPTH ||
      this.#open.some((mark) => mark.kind === kind) ||
      (kind === 'link' && href === undefined);
    this.#ignored.push(ignored);
    if (ignored) return;
    this.#open.push({ kind, start: -1, ...(href === undefined ? {} : { href }) });
  }

  close(): void {
    const ignored = this.#ignored.pop();
    if (ignored !== false) return;
    const mark = this.#open.pop();
    if (mark) this.#record(mark, this.#buffer.length);
  }

  /** A line break inside the block (`<br>`, a Markdown hard break): an empty `break` mark, and a space. */
  lineBreak(): void {
    if (this.#buffer === '') return;
    this.#marks.push({ kind: 'break', start: this.#buffer.length, end: this.#buffer.length });
    this.#pendingSpace = true;
  }

  /** The current block's text so far. */
  currentText(): string {
    return this.#buffer;
  }

  /** Whether the current block has any text yet. */
  get empty(): boolean {
    return this.#buffer === '';
  }

  /** Ends the current block (nothing is added when it has no text). */
  end(kind: BlockKind, containers: readonly Container[], level?: number): void {
    for (const mark of this.#open) {
      if (mark.start >= 0) this.#record(mark, this.#buffer.length);
      mark.start = -1;
    }
    if (this.#buffer !== '') {
      if (this.#text !== '') this.#text += '\n\n';
      const start = this.#text.length;
      this.#text += this.#buffer;
      const marks = this.#marks
        .filter((mark) => mark.kind !== 'break' || (mark.start > 0 && mark.start < this.#buffer.length))
        .map((mark) => ({ ...mark, start: mark.start + start, end: mark.end + start }))
        .sort((a, b) => a.start - b.start || b.end - a.end);
      this.#blocks.push({
        kind,
        start,
        end: this.#text.length,
        ...(level === undefined ? {} : { level }),
        ...(marks.length > 0 ? { marks } : {}),
        ...(containers.length > 0 ? { containers: [...containers] } : {}),
      });
    }
    this.#buffer = '';
    this.#pendingSpace = false;
    this.#marks = [];
  }

  #record(mark: OpenMark, end: number): void {
    if (mark.start < 0 || end <= mark.start) return;
    this.#marks.push({
      kind: mark.kind,
      start: mark.start,
      end,
      ...(mark.href === undefined ? {} : { href: mark.href }),
    });
  }

  /** The text written so far (blocks separated by blank lines) and its blocks; call after the last `end`. */
  result(): { readonly text: string; readonly blocks: readonly Block[] } {
    return { text: this.#text, blocks: this.#blocks };
  }
}

const containerPrefixes: Readonly<Record<ContainerKind, string>> = {
  quote: 'q',
  list: 'l',
  item: 'i',
  table: 't',
  row: 'r',
  cell: 'c',
  figure: 'f',
};

/** Container ids, unique in an article: `l1`, `i3`, `t1`, `r2`, `c5`, `q1`, `f1` (kind and count). */
export class ContainerIds {
  readonly #counts = new Map<ContainerKind, number>();

  next(kind: ContainerKind): string {
    const count = (this.#counts.get(kind) ?? 0) + 1;
    this.#counts.set(kind, count);
    return `${containerPrefixes[kind]}${count}`;
  }
}
