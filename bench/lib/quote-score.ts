import { readFileSync } from 'node:fs';
import type { Counts } from './ner-score.js';

/**
 * Quote precision and recall per kind on test/fixtures/quotes-annotated.jsonl: short news paragraphs written for
 * this project (not taken from any evaluation data), each with every direct quote and every reported statement an
 * editor would list, its speaker, and its words. A found quote matches an annotated one of the same kind and
 * speaker when their words overlap with a token F1 of at least 0.8 (clause boundaries of paraphrase are fuzzy).
 */

export interface AnnotatedQuote {
  readonly kind: 'direct' | 'reported';
  readonly speaker?: string;
  readonly text: string;
}

export interface AnnotatedItem {
  readonly id: string;
  readonly text: string;
  readonly quotes: readonly AnnotatedQuote[];
}

export const quoteKinds = ['direct', 'reported'] as const;

export function readAnnotatedQuotes(
  path = new URL('../../test/fixtures/quotes-annotated.jsonl', import.meta.url),
): AnnotatedItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AnnotatedItem);
}

const tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Token-level F1 between two texts (bags of lower-cased words). */
export function overlapF1(a: string, b: string): number {
  const left = tokens(a);
  const right = new Map<string, number>();
  for (const token of tokens(b)) right.set(token, (right.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of left) {
    const count = right.get(token) ?? 0;
    if (count > 0) {
      shared++;
      right.set(token, count - 1);
    }
  }
  const total = left.length + tokens(b).length;
  return total === 0 ? 0 : (2 * shared) / total;
}

const matches = (found: AnnotatedQuote, gold: AnnotatedQuote): boolean =>
  found.kind === gold.kind && found.speaker === gold.speaker && overlapF1(found.text, gold.text) >= 0.8;

/** Adds one item's matches to `tally` (per kind: tp, fp, fn); each annotated quote matches at most once. */
export function tallyQuotes(
  tally: Record<string, Counts>,
  gold: readonly AnnotatedQuote[],
  found: readonly AnnotatedQuote[],
): void {
  const unmatched = [...gold];
  for (const quote of found) {
    const counts = tally[quote.kind] as Counts;
    const index = unmatched.findIndex((candidate) => matches(quote, candidate));
    if (index < 0) counts.fp++;
    else {
      counts.tp++;
      unmatched.splice(index, 1);
    }
  }
  for (const quote of unmatched) (tally[quote.kind] as Counts).fn++;
}

export const emptyQuoteTally = (): Record<string, Counts> =>
  Object.fromEntries(quoteKinds.map((kind) => [kind, { tp: 0, fp: 0, fn: 0 }]));
