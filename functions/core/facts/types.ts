import type { Span } from '../document.js';

export interface Person {
  /** Canonical full name (`Vladimir Putin`, never `President Putin`). */
  readonly name: string;
  /** Titles and descriptions the article gives the person (`Russian President`). */
  readonly roles: readonly string[];
  readonly mentions: readonly Span[];
}

export interface Organisation {
  readonly name: string;
  /** Acronyms and short forms tied to the name (`BRI`). */
  readonly aliases: readonly string[];
  readonly mentions: readonly Span[];
}

export interface Place {
  readonly name: string;
  readonly mentions: readonly Span[];
}

export interface DateFact extends Span {
  /** The surface, `text.slice(start, end)`. */
  readonly text: string;
  /** ISO 8601 at the precision the text gives: `2023`, `2023-10`, `2023-09-22`. */
  readonly iso: string;
}

/** `direct`: the speaker's words, inside quotation marks in the article; `reported`: what they said, paraphrased. */
export type QuoteKind = 'direct' | 'reported';

/**
 * A quote: for a direct quote, `start`/`end`/`text` are exactly the quoted words (inside the marks, without the
 * comma or full stop before the closing mark); for reported speech, the clause that says what was said.
 */
export interface Quote extends Span {
  readonly kind: QuoteKind;
  readonly text: string;
  /** Canonical name of the speaker, when known. */
  readonly speaker?: string;
  /** Direct quotes only: the quotation as written, from the opening mark to the closing mark inclusive. */
  readonly quotation?: Span;
}

export interface Figure extends Span {
  readonly text: string;
  readonly value: number;
  /** `percent`, `USD`, `people`, `km`... or absent for a bare number. */
  readonly unit?: string;
}

export interface Facts {
  readonly people: readonly Person[];
  readonly organisations: readonly Organisation[];
  readonly places: readonly Place[];
  readonly dates: readonly DateFact[];
  readonly quotes: readonly Quote[];
  readonly figures: readonly Figure[];
}

export interface SummarySentence extends Span {
  readonly sentenceId: string;
  readonly text: string;
}
