import type { ComprehendClient, DetectDominantLanguageCommandOutput } from '@aws-sdk/client-comprehend';
import { TranslationError } from '../core/errors.js';
import type { LanguageDetection, LanguageDetector } from '../core/ports.js';
import { countCharacters } from './amazon-translate-translator.js';
import { errorDetail, passingFault } from './translate-errors.js';

/**
 * The sample one detection reads, in UTF-8 bytes. DetectDominantLanguage takes up to 100 KB, but a language is told
 * long before: 10,000 bytes drawn from the whole article keep a detection under USD 0.01 at list price.
 */
export const DETECTION_SAMPLE_BYTES = 10_000;
/** Comprehend bills DetectDominantLanguage in units of 100 characters, 3 units at least per request. */
const UNIT = 100;
const MINIMUM_UNITS = 3;

export interface ComprehendLanguageDetectorOptions {
  /** Built once (see `createComprehendClient`). */
  readonly client: Pick<ComprehendClient, 'send'>;
}

/**
 * Detects an article's language with Amazon Comprehend's DetectDominantLanguage, the service Translate's own
 * `auto` calls, but once per article and from a sample of all of it rather than per Translate request (a 10,000
 * byte window each, which can disagree within one article) and at Comprehend's price rather than Translate's.
 */
export class ComprehendLanguageDetector implements LanguageDetector {
  readonly engine = 'amazon-comprehend';
  readonly maxTextBytes = DETECTION_SAMPLE_BYTES;
  /** Comprehend's minimum. */
  readonly minTextCharacters = 20;
  readonly #client: Pick<ComprehendClient, 'send'>;

  constructor(options: ComprehendLanguageDetectorOptions) {
    this.#client = options.client;
  }

  async detect(text: string): Promise<LanguageDetection> {
    let output: DetectDominantLanguageCommandOutput;
    try {
      // Loaded with the client (see createComprehendClient), so only a pipeline that detects pays for it.
      const { DetectDominantLanguageCommand } = await import('@aws-sdk/client-comprehend');
      output = await this.#client.send(new DetectDominantLanguageCommand({ Text: text }));
    } catch (error) {
      const fault = passingFault(error);
      throw new TranslationError(
        fault
          ? `Amazon Comprehend could not detect the language this time${errorDetail(error)}; the article can be retried.`
          : `Amazon Comprehend refused to detect the language${errorDetail(error)}. Check that the role may call comprehend:DetectDominantLanguage in this region, or set the source language.`,
        fault !== undefined,
        { cause: error },
      );
    }
    const languages = (output.Languages ?? [])
      .map((language) => ({ language: language.LanguageCode ?? '', score: language.Score ?? 0 }))
      .sort((a, b) => b.score - a.score);
    const units = Math.max(MINIMUM_UNITS, Math.ceil(countCharacters(text) / UNIT));
    return {
      languages,
      usage: { characters: units * UNIT, requests: 1, retries: (output.$metadata.attempts ?? 1) - 1 },
    };
  }
}
