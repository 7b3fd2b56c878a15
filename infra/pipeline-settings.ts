import type { TranslationScope } from '../functions/core/contract.js';
import {
  type AmazonTranslateLanguageCode,
  AUTO_SOURCE_LANGUAGE,
  FORMALITY_TARGET_LANGUAGES,
  type SourceLanguageSetting,
  supportsFormality,
  toAmazonTranslateLanguageCode,
  toSourceLanguageSetting,
} from '../functions/shared/amazon-translate-languages.js';
import {
  DEFAULT_TRANSLATE_CONCURRENCY,
  DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
} from '../functions/shared/translate-concurrency.js';
import { type FunctionSizing, sizeFunction } from './function-sizing.js';
import {
  DEFAULT_PIPELINE_PREFIXES,
  type PipelinePrefixes,
  validatePipelinePrefixes,
} from './pipeline-prefixes.js';

export type Formality = 'FORMAL' | 'INFORMAL';
export type Profanity = 'MASK';
export type PipelineLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL' | 'SILENT';

export type { TranslationScope };

/** `full` translates the whole article; `brief` the headline, summary, quotes and the names in the facts. */
export const TRANSLATION_SCOPES: readonly TranslationScope[] = ['full', 'brief'];
export const FORMALITY_VALUES: readonly Formality[] = ['FORMAL', 'INFORMAL'];
export const PROFANITY_VALUES: readonly Profanity[] = ['MASK'];
export const LOG_LEVELS: readonly PipelineLogLevel[] = [
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'ERROR',
  'CRITICAL',
  'SILENT',
];

/** Amazon Translate settings for one target language (the `Settings` of a TranslateText request). */
export interface TranslationSetting {
  readonly formality?: Formality;
  readonly profanity?: Profanity;
}

/** The translation and runtime options of the pipeline, each with its documented default. */
export interface PipelineOptions {
  /**
   * Target languages, as Amazon Translate codes.
   * @default ['es', 'fr', 'de', 'ru', 'zh', 'ar']
   */
  readonly languages?: readonly string[];
  /**
   * Language the articles are written in, or `auto` to let Amazon Translate detect it (which also grants the
   * function `comprehend:DetectDominantLanguage`).
   * @default 'en'
   */
  readonly sourceLanguage?: string;
  /**
   * Per target language formality and profanity masking, e.g. `{ de: { formality: 'FORMAL' } }`.
   * @default - none
   */
  readonly translationSettings?: Readonly<Record<string, TranslationSetting>>;
  /**
   * Amazon Translate custom terminologies to apply (created beforehand with `aws translate import-terminology`).
   * @default - none
   */
  readonly terminologyNames?: readonly string[];
  /**
   * Largest article accepted, in bytes; bigger ones go to `failed/`. Memory and timeout are sized from it.
   * @default 2097152 (2 MiB)
   */
  readonly maxArticleBytes?: number;
  /**
   * Translate requests in flight per function instance, shared by its articles and languages (the adapter
   * also keeps at most 10 in flight for any one language). The timeout is sized from it.
   * @default 50 (`DEFAULT_TRANSLATE_CONCURRENCY` of the Amazon Translate adapter)
   */
  readonly translateConcurrency?: number;
  /**
   * What is translated: `full`, the whole article, or `brief`, only the headline, summary, quotes and the names in
   * the facts (no translated body), for the gist in many languages at a fraction of the cost. Changing it
   * republishes each article on its next delivery. The function is sized for `full` either way.
   * @default 'full'
   */
  readonly translationScope?: TranslationScope;
  /**
   * Price of Amazon Translate per million characters in USD, for the cost metric the function emits.
   * @default 15
   */
  readonly pricePerMillionCharacters?: number;
  /**
   * Powertools log level of the function.
   * @default 'INFO'
   */
  readonly logLevel?: PipelineLogLevel;
  /**
   * SQS messages (one article each) per invocation. The timeout grows with it.
   * @default 1
   */
  readonly batchSize?: number;
  /**
   * Most concurrent invocations the SQS event source starts (2 to 1000): the bound on Translate traffic.
   * @default 5
   */
  readonly maxConcurrency?: number;
  /**
   * Concurrency reserved for (and capping) the function; at least `maxConcurrency` when set.
   * @default - none (unreserved account concurrency)
   */
  readonly reservedConcurrency?: number;
  /**
   * Receives before a message moves to the dead-letter queue.
   * @default 3
   */
  readonly maxReceiveCount?: number;
  /**
   * Key prefixes inside the bucket. Output prefixes may not overlap `incoming`.
   * @default incoming/, published/, failed/, cache/
   */
  readonly prefixes?: Partial<PipelinePrefixes>;
}

/** {@link PipelineOptions} validated, with defaults applied and the function sized. */
export interface PipelineSettings {
  readonly languages: readonly AmazonTranslateLanguageCode[];
  readonly sourceLanguage: SourceLanguageSetting;
  readonly translationSettings: Readonly<Partial<Record<AmazonTranslateLanguageCode, TranslationSetting>>>;
  readonly terminologyNames: readonly string[];
  readonly maxArticleBytes: number;
  readonly translateConcurrency: number;
  readonly translationScope: TranslationScope;
  readonly pricePerMillionCharacters: number;
  readonly logLevel: PipelineLogLevel;
  readonly batchSize: number;
  readonly maxConcurrency: number;
  readonly reservedConcurrency: number | undefined;
  readonly maxReceiveCount: number;
  readonly prefixes: PipelinePrefixes;
  readonly sizing: FunctionSizing;
}

export const DEFAULT_TARGET_LANGUAGES: readonly AmazonTranslateLanguageCode[] = [
  'es',
  'fr',
  'de',
  'ru',
  'zh',
  'ar',
];
export const DEFAULT_SOURCE_LANGUAGE: AmazonTranslateLanguageCode = 'en';
export const DEFAULT_MAX_ARTICLE_BYTES = 2_097_152;
export const DEFAULT_TRANSLATION_SCOPE: TranslationScope = 'full';
export const DEFAULT_PRICE_PER_MILLION_CHARACTERS = 15;
export const DEFAULT_BATCH_SIZE = 1;
export const DEFAULT_MAX_CONCURRENCY = 5;
export const DEFAULT_MAX_RECEIVE_COUNT = 3;

/** Amazon Translate's terminology name pattern and length (ImportTerminology `Name`). */
export const TERMINOLOGY_NAME_PATTERN = /^([A-Za-z0-9-]_?)+$/;

/** A pipeline option that cannot work. The message names the option and says what would. */
export class PipelineConfigError extends Error {
  override readonly name = 'PipelineConfigError';
  constructor(
    readonly option: string,
    detail: string,
  ) {
    super(`Invalid ${option}: ${detail}`);
  }
}

function integerIn(
  option: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < min || resolved > max) {
    throw new PipelineConfigError(option, `expected a whole number from ${min} to ${max}, got ${resolved}.`);
  }
  return resolved;
}

function resolveLanguages(values: readonly string[] | undefined): AmazonTranslateLanguageCode[] {
  const codes = (values ?? DEFAULT_TARGET_LANGUAGES).map((value) =>
    toAmazonTranslateLanguageCode(value, 'languages'),
  );
  if (codes.length === 0) {
    throw new PipelineConfigError('languages', 'name at least one target language.');
  }
  return [...new Set(codes)];
}

function resolveTranslationSettings(
  settings: Readonly<Record<string, TranslationSetting>>,
  languages: readonly AmazonTranslateLanguageCode[],
): Partial<Record<AmazonTranslateLanguageCode, TranslationSetting>> {
  const resolved: Partial<Record<AmazonTranslateLanguageCode, TranslationSetting>> = {};
  for (const [language, setting] of Object.entries(settings)) {
    const code = toAmazonTranslateLanguageCode(language, 'translationSettings');
    if (!languages.includes(code)) {
      throw new PipelineConfigError(
        'translationSettings',
        `${code} is not one of the target languages (${languages.join(', ')}).`,
      );
    }
    const { formality, profanity } = setting;
    if (formality !== undefined && !FORMALITY_VALUES.includes(formality)) {
      throw new PipelineConfigError(
        'translationSettings',
        `formality for ${code} must be ${FORMALITY_VALUES.join(' or ')}, got ${formality}.`,
      );
    }
    if (formality !== undefined && !supportsFormality(code)) {
      throw new PipelineConfigError(
        'translationSettings',
        `Amazon Translate ignores formality for ${code}; it applies to ${FORMALITY_TARGET_LANGUAGES.join(', ')}.`,
      );
    }
    if (profanity !== undefined && !PROFANITY_VALUES.includes(profanity)) {
      throw new PipelineConfigError(
        'translationSettings',
        `profanity for ${code} must be MASK, got ${profanity}.`,
      );
    }
    if (formality !== undefined || profanity !== undefined) {
      resolved[code] = {
        ...(formality === undefined ? {} : { formality }),
        ...(profanity === undefined ? {} : { profanity }),
      };
    }
  }
  return resolved;
}

function resolveTerminologyNames(names: readonly string[]): string[] {
  for (const name of names) {
    if (name.length > 256 || !TERMINOLOGY_NAME_PATTERN.test(name)) {
      throw new PipelineConfigError(
        'terminologyNames',
        `"${name}" is not an Amazon Translate terminology name (letters, digits, "-" and single "_", up to 256).`,
      );
    }
  }
  return [...new Set(names)];
}

/** Validates `options` and fills in the defaults. Throws a {@link PipelineConfigError} naming the bad option. */
export function resolvePipelineSettings(options: PipelineOptions): PipelineSettings {
  const languages = resolveLanguages(options.languages);
  const sourceLanguage = toSourceLanguageSetting(
    options.sourceLanguage ?? DEFAULT_SOURCE_LANGUAGE,
    'sourceLanguage',
  );
  const translationSettings = resolveTranslationSettings(options.translationSettings ?? {}, languages);
  const terminologyNames = resolveTerminologyNames(options.terminologyNames ?? []);
  const maxArticleBytes = integerIn(
    'maxArticleBytes',
    options.maxArticleBytes,
    DEFAULT_MAX_ARTICLE_BYTES,
    1,
    2 ** 30,
  );
  const translateConcurrency = integerIn(
    'translateConcurrency',
    options.translateConcurrency,
    DEFAULT_TRANSLATE_CONCURRENCY,
    1,
    100,
  );
  const translationScope = options.translationScope ?? DEFAULT_TRANSLATION_SCOPE;
  if (!TRANSLATION_SCOPES.includes(translationScope)) {
    throw new PipelineConfigError(
      'translationScope',
      `expected ${TRANSLATION_SCOPES.join(' or ')}, got ${JSON.stringify(translationScope)}.`,
    );
  }
  const pricePerMillionCharacters = options.pricePerMillionCharacters ?? DEFAULT_PRICE_PER_MILLION_CHARACTERS;
  if (!Number.isFinite(pricePerMillionCharacters) || pricePerMillionCharacters < 0) {
    throw new PipelineConfigError(
      'pricePerMillionCharacters',
      `expected a price of zero or more, got ${pricePerMillionCharacters}.`,
    );
  }
  const logLevel = options.logLevel ?? 'INFO';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new PipelineConfigError('logLevel', `expected one of ${LOG_LEVELS.join(', ')}, got ${logLevel}.`);
  }
  // Lambda's limits for an SQS event source: batch size up to 10,000, maximum concurrency 2 to 1000.
  const batchSize = integerIn('batchSize', options.batchSize, DEFAULT_BATCH_SIZE, 1, 10_000);
  const maxConcurrency = integerIn(
    'maxConcurrency',
    options.maxConcurrency,
    DEFAULT_MAX_CONCURRENCY,
    2,
    1_000,
  );
  const reservedConcurrency =
    options.reservedConcurrency === undefined
      ? undefined
      : integerIn('reservedConcurrency', options.reservedConcurrency, 0, 1, 100_000);
  if (reservedConcurrency !== undefined && reservedConcurrency < maxConcurrency) {
    throw new PipelineConfigError(
      'reservedConcurrency',
      `${reservedConcurrency} is below maxConcurrency (${maxConcurrency}): the queue poller would be throttled and ` +
        'throttled messages still count toward maxReceiveCount. Reserve at least maxConcurrency, or lower maxConcurrency.',
    );
  }
  const maxReceiveCount = integerIn(
    'maxReceiveCount',
    options.maxReceiveCount,
    DEFAULT_MAX_RECEIVE_COUNT,
    1,
    1_000,
  );
  const prefixes: PipelinePrefixes = { ...DEFAULT_PIPELINE_PREFIXES, ...options.prefixes };
  validatePipelinePrefixes(prefixes);

  return {
    languages,
    sourceLanguage,
    translationSettings,
    terminologyNames,
    maxArticleBytes,
    translateConcurrency,
    translationScope,
    pricePerMillionCharacters,
    logLevel,
    batchSize,
    maxConcurrency,
    reservedConcurrency,
    maxReceiveCount,
    prefixes,
    sizing: sizeFunction({
      maxArticleBytes,
      targetLanguageCount: languages.length,
      translateConcurrency,
      translateConcurrencyPerLanguage: DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
      batchSize,
    }),
  };
}

export function detectsSourceLanguage(settings: PipelineSettings): boolean {
  return settings.sourceLanguage === AUTO_SOURCE_LANGUAGE;
}
