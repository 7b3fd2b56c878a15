import type { TranslationScope } from './contract.js';

/** How the pipeline is configured: parsed once by each entry point (Lambda config, CLI flags) and passed in. */
export interface PipelineSettings {
  /** ISO 639-1 code of the articles' language, or `auto` to let the translator detect it. */
  readonly sourceLanguage: string;
  /** Languages to publish besides the source language. */
  readonly targetLanguages: readonly string[];
  /** Larger uploads are refused before they are read. */
  readonly maxArticleBytes: number;
  readonly incomingPrefix: string;
  readonly publishedPrefix: string;
  readonly failedPrefix: string;
  /** Recorded in every manifest; a new version republishes on redelivery. */
  readonly pipelineVersion: string;
  readonly translationScope: TranslationScope;
  /** Price of the translation engine per million characters, for the cost estimate in manifests. */
  readonly pricePerMillionCharacters: number;
}

export const defaultPrefixes = {
  incomingPrefix: 'incoming/',
  publishedPrefix: 'published/',
  failedPrefix: 'failed/',
} as const;
