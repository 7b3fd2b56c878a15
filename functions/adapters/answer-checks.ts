import { TranslationError } from '../core/errors.js';

/** An answer longer than this many times its text (plus a margin for short texts) is not a translation of it. */
const MAX_GROWTH = 20;
const GROWTH_MARGIN = 200;

/**
 * Rejects what cannot be the translation of `source`, as a translation fault another attempt would not cure:
 * an empty answer to a text (what an answer shifted by a line against its request leaves at one end) or one
 * thousands of times longer than its text. Nothing of the language is then published.
 */
export function checkAnswer(engine: string, source: string, answer: string): void {
  if (source.trim() !== '' && answer.trim() === '') {
    throw new TranslationError(
      `${engine} answered an empty line for a line of text: its answer is out of step with the request (shifted by a line), so nothing of this language is published.`,
      false,
    );
  }
  if (answer.length > MAX_GROWTH * source.length + GROWTH_MARGIN) {
    throw new TranslationError(
      `${engine} answered ${answer.length} characters for ${source.length}: not a translation of the text sent, so nothing of this language is published.`,
      false,
    );
  }
}
