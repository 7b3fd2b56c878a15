import type { Span } from '../../document.js';
import type { EntityMention } from '../ner/recognise.js';

/** Small text helpers shared by the entity modules. */

export const isUpper = (text: string): boolean => /^\p{Lu}/u.test(text);

/** The words of a name, split at whitespace. */
export const words = (text: string): string[] =>
  // Most names are one word: no need to split (and a split is costly, thousands of times over).
  hasSpace(text) ? text.split(/\s+/u).filter(Boolean) : text === '' ? [] : [text];

const space = /\s/u;

/** Whether `text` holds whitespace: a name of more than one word. */
export const hasSpace = (text: string): boolean => space.test(text);

/** `text` lower-cased without its accents ("Guaraní" → "guarani"). */
export const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The first word of `name`, lower-cased. */
export const firstWord = (name: string): string => words(name)[0]?.toLowerCase() ?? '';

/** The last word of `name`, lower-cased. */
export const lastWord = (name: string): string => words(name).at(-1)?.toLowerCase() ?? '';

/** A mention of `type` over `[start, end)` of `text`. */
export function mention(
  text: string,
  type: EntityMention['type'],
  start: number,
  end: number,
): EntityMention {
  return { type, start, end, text: text.slice(start, end) };
}

export const span = (item: Span): Span => ({ start: item.start, end: item.end });
export const byStart = (a: Span, b: Span): number => a.start - b.start;
