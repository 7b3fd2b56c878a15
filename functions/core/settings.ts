import { defaultValues, type OptionName, type OptionValues, optionSpec } from '../shared/options/table.js';
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
  /** Where editors upload corrections (`edits/<articleId>/<lang>.json`). */
  readonly editsPrefix: string;
  /** Recorded in every manifest; a new version republishes on redelivery. */
  readonly pipelineVersion: string;
  readonly translationScope: TranslationScope;
  /** Price of the translation engine per million characters, for the cost estimate in manifests. */
  readonly pricePerMillionCharacters: number;
  /**
   * Longest the analysis of one article may take, then `analysis-too-slow` (the options table's default when
   * absent: `DEFAULT_ANALYSIS_BUDGET_MS`).
   */
  readonly analysisBudgetMs?: number;
  /**
   * Where readers get the published keys (ends in `/`): pages link alternates and canonical as this URL followed by
   * the key. `undefined`: relative links.
   */
  readonly publicBaseUrl?: string;
  /** Price of the language detection per million characters (with `auto`), for the estimate. Default: the table's. */
  readonly detectionPricePerMillionCharacters?: number;
  /**
   * How the person who reads a failed record names a setting where they can change it: `--max-article-bytes` on the
   * command line. Default: as the deployment names it (the CDK context key, `maxArticleBytes`).
   */
  readonly nameOf?: SettingName;
  /** Most characters one article may send to the engine, all languages together; more is refused before any. */
  readonly maxCharactersPerArticle: number;
}

/** An option of the options table, as a surface names it. */
export type SettingName = (option: OptionName) => string;

/** How the deployment names an option: its CDK context key (the README's deploy section), else its name. */
export const deploymentName: SettingName = (option) => optionSpec(option).context?.key ?? option;

/** The options that make up the pipeline's settings (the options table holds their defaults and rules). */
export type PipelineSettingOptions = Pick<
  OptionValues,
  | 'maxArticleBytes'
  | 'analysisBudgetMs'
  | 'incomingPrefix'
  | 'publishedPrefix'
  | 'failedPrefix'
  | 'editsPrefix'
  | 'translationScope'
  | 'pricePerMillionCharacters'
  | 'publicBaseUrl'
  | 'detectionPricePerMillionCharacters'
  | 'maxCharactersPerArticle'
> & {
  /** Checked by the translator where it knows other languages than Amazon Translate (Apertium). */
  readonly sourceLanguage: string;
  readonly languages: readonly string[];
};

/** The pipeline's settings from option values (the entry points read them, each from its own surface). */
export function pipelineSettings(options: PipelineSettingOptions, pipelineVersion: string): PipelineSettings {
  return {
    sourceLanguage: options.sourceLanguage,
    targetLanguages: options.languages,
    maxArticleBytes: options.maxArticleBytes,
    analysisBudgetMs: options.analysisBudgetMs,
    incomingPrefix: options.incomingPrefix,
    publishedPrefix: options.publishedPrefix,
    failedPrefix: options.failedPrefix,
    editsPrefix: options.editsPrefix,
    pipelineVersion,
    translationScope: options.translationScope,
    pricePerMillionCharacters: options.pricePerMillionCharacters,
    ...(options.publicBaseUrl === undefined ? {} : { publicBaseUrl: options.publicBaseUrl }),
    detectionPricePerMillionCharacters: options.detectionPricePerMillionCharacters,
    maxCharactersPerArticle: options.maxCharactersPerArticle,
  };
}

const defaults = defaultValues();

export const DEFAULT_DETECTION_PRICE = defaults.detectionPricePerMillionCharacters;

export const defaultPrefixes = {
  incomingPrefix: defaults.incomingPrefix,
  publishedPrefix: defaults.publishedPrefix,
  failedPrefix: defaults.failedPrefix,
  editsPrefix: defaults.editsPrefix,
} as const;

/** The spend settings' defaults: the per-article budget. */
export const defaultSpendSettings = {
  maxCharactersPerArticle: defaults.maxCharactersPerArticle,
} as const;
