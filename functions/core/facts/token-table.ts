import type { Token } from './tokens.js';

/**
 * The tokens of a whole article as offsets in typed arrays (8 bytes a token), grouped in sentences. A token's text
 * is always `text.slice(start, end)`, so token objects are made only for the sentence being looked at and dropped
 * with it: a 2 MB article does not keep hundreds of thousands of objects alive while its facts are worked out.
 */
export class TokenTable {
  readonly text: string;
  #starts = new Int32Array(256);
  #ends = new Int32Array(256);
  #count = 0;
  /** First token of each sentence, then one past the last token of the last sentence. */
  #sentences = new Int32Array(64);
  #sentenceCount = 0;

  constructor(text: string) {
    this.text = text;
  }

  get tokenCount(): number {
    return this.#count;
  }

  get sentenceCount(): number {
    return this.#sentenceCount;
  }

  /** Appends one sentence's tokens (in text order, after every token already held). */
  addSentence(tokens: readonly Token[]): void {
    if (this.#count + tokens.length > this.#starts.length) {
      const size = Math.max(this.#starts.length * 2, this.#count + tokens.length);
      this.#starts = grown(this.#starts, size);
      this.#ends = grown(this.#ends, size);
    }
    if (this.#sentenceCount + 2 > this.#sentences.length) {
      this.#sentences = grown(this.#sentences, this.#sentences.length * 2);
    }
    this.#sentences[this.#sentenceCount] = this.#count;
    for (const token of tokens) {
      this.#starts[this.#count] = token.start;
      this.#ends[this.#count] = token.end;
      this.#count++;
    }
    this.#sentenceCount++;
    this.#sentences[this.#sentenceCount] = this.#count;
  }

  start(index: number): number {
    return this.#starts[index] as number;
  }

  end(index: number): number {
    return this.#ends[index] as number;
  }

  tokenText(index: number): string {
    return this.text.slice(this.#starts[index], this.#ends[index]);
  }

  /** Index of the first token of sentence `sentence`. */
  sentenceStart(sentence: number): number {
    return this.#sentences[sentence] as number;
  }

  /** One past the index of the last token of sentence `sentence`. */
  sentenceEnd(sentence: number): number {
    return this.#sentences[sentence + 1] as number;
  }

  /** One past the index of the last token of the sentence that holds token `index`. */
  sentenceEndOf(index: number): number {
    return this.sentenceEnd(this.sentenceOf(index));
  }

  /** The next token in the same sentence, or -1. */
  nextInSentence(index: number): number {
    return index + 1 < this.sentenceEndOf(index) ? index + 1 : -1;
  }

  /** Tokens `from` (inclusive) to `to` (exclusive) joined by `separator` (single spaces). */
  joinedText(from: number, to: number, separator = ' '): string {
    const parts: string[] = [];
    for (let i = from; i < to; i++) parts.push(this.tokenText(i));
    return parts.join(separator);
  }

  /** The sentence that holds token `index`. */
  sentenceOf(index: number): number {
    let low = 0;
    let high = this.#sentenceCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#sentences[middle] as number) <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Index of the token that starts exactly at `offset`, or -1. */
  indexAt(offset: number): number {
    let low = 0;
    let high = this.#count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.#starts[middle] as number) < offset) low = middle + 1;
      else high = middle;
    }
    return low < this.#count && this.#starts[low] === offset ? low : -1;
  }

  /** Fresh token objects of one sentence. */
  tokens(sentence: number): Token[] {
    const out: Token[] = [];
    for (let i = this.sentenceStart(sentence); i < this.sentenceEnd(sentence); i++) {
      out.push({ text: this.tokenText(i), start: this.#starts[i] as number, end: this.#ends[i] as number });
    }
    return out;
  }
}

function grown(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size);
  out.set(array);
  return out;
}
