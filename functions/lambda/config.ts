import type { AmazonTranslateSettings } from '../adapters/amazon-translate-translator.js';
import type { TranslationScope } from '../core/contract.js';
import { ConfigurationError } from '../core/errors.js';
import type { PipelineSettings } from '../core/settings.js';
import {
  toAmazonTranslateLanguageCode,
  toSourceLanguageSetting,
} from '../shared/amazon-translate-languages.js';
import { DEFAULT_TRANSLATE_CONCURRENCY } from '../shared/translate-concurrency.js';

/**
 * Everything the function is configured with, parsed once at start-up from its environment:
 *
 * - `SOURCE_LANGUAGE` (required; a code or `auto`), `TARGET_LANGUAGES` (required; comma-separated codes).
 * - `TRANSLATION_SCOPE`: `full` (default) translates the whole article; `brief` only the headline, summary,
 *   quotes and the names in the facts, for the gist in many languages at a fraction of the cost. The manifest
 *   records the scope that produced the set, and a set is republished when the scope changes.
 * - `PRICE_PER_MILLION_CHARACTERS`: USD, for the estimated cost in manifests (default 15, Amazon Translate's
 *   list price for standard text).
 * - `CACHE_PREFIX`: where the translation memory lives in the article's bucket (default `cache/`): one entry
 *   per translated sentence, language pair, engine and engine settings, so no sentence is paid for twice.
 * - `TRANSLATE_CONCURRENCY`: Translate requests in flight per container, a whole number of at least 1 (default
 *   the adapter's `DEFAULT_TRANSLATE_CONCURRENCY`, 50; the adapter also keeps at most 10 per language).
 * - `MAX_ARTICLE_BYTES`, `INCOMING_PREFIX`, `PUBLISHED_PREFIX`, `FAILED_PREFIX`, `TRANSLATE_SETTINGS`
 *   (JSON: language → {formality, profanity}), `TERMINOLOGY_NAMES`, `EVENT_BUS_NAME`.
 */
export interface LambdaConfig {
  readonly pipeline: Omit<PipelineSettings, 'pipelineVersion'>;
  readonly translateSettings: Readonly<Record<string, AmazonTranslateSettings>>;
  readonly terminologyNames: readonly string[];
  /** Translate requests in flight at once per container, shared by every article and language. */
  readonly translateConcurrency: number;
  /** Key prefix of the translation memory in each bucket. */
  readonly cachePrefix: string;
  /** Bus for completion events (`default`), or `undefined` when `EVENT_BUS_NAME` is empty: no events. */
  readonly eventBusName: string | undefined;
}

type Environment = Readonly<Record<string, string | undefined>>;

function positive(env: Environment, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    problems.push(`${name} must be a non-negative number (got "${raw}")`);
  return value;
}

function wholeNumber(
  env: Environment,
  name: string,
  fallback: number,
  min: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    problems.push(`${name} must be a whole number of at least ${min} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function prefix(env: Environment, name: string, fallback: string, problems: string[]): string {
  const value = env[name] ?? fallback;
  if (!/^[^/].*\/$/u.test(value))
    problems.push(`${name} must be a key prefix ending in "/" (got "${value}")`);
  return value;
}

function translateSettings(
  raw: string | undefined,
  problems: string[],
): Record<string, AmazonTranslateSettings> {
  if (raw === undefined || raw.trim() === '') return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object');
    const settings: Record<string, AmazonTranslateSettings> = {};
    for (const [language, value] of Object.entries(parsed as Record<string, Record<string, unknown>>)) {
      const formality = value.formality;
      const profanity = value.profanity;
      if (formality !== undefined && formality !== 'FORMAL' && formality !== 'INFORMAL') {
        problems.push(`TRANSLATE_SETTINGS.${language}.formality must be FORMAL or INFORMAL`);
      }
      if (profanity !== undefined && profanity !== 'MASK')
        problems.push(`TRANSLATE_SETTINGS.${language}.profanity must be MASK`);
      settings[language] = {
        ...(formality === 'FORMAL' || formality === 'INFORMAL' ? { formality } : {}),
        ...(profanity === 'MASK' ? { profanity } : {}),
      };
    }
    return settings;
  } catch (error) {
    problems.push(
      `TRANSLATE_SETTINGS must be a JSON object of language → {formality, profanity} (${(error as Error).message})`,
    );
    return {};
  }
}

/**
 * Parses the function's environment. Every problem is collected and reported at once, naming the variable, so a
 * misconfigured deployment fails at start-up rather than on the first article.
 */
export function parseLambdaConfig(env: Environment): LambdaConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    return value ?? '';
  };
  const attempt = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };

  const sourceRaw = required('SOURCE_LANGUAGE');
  const targetsRaw = required('TARGET_LANGUAGES');
  const sourceLanguage = sourceRaw
    ? attempt(() => toSourceLanguageSetting(sourceRaw, 'SOURCE_LANGUAGE'), 'en')
    : 'en';
  const targetLanguages = targetsRaw
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '')
    .map((code) => attempt(() => toAmazonTranslateLanguageCode(code, 'TARGET_LANGUAGES'), code));
  const scope = (env.TRANSLATION_SCOPE ?? 'full') as TranslationScope;
  if (scope !== 'full' && scope !== 'brief')
    problems.push(`TRANSLATION_SCOPE must be full or brief (got "${scope}")`);

  const config: LambdaConfig = {
    pipeline: {
      sourceLanguage,
      targetLanguages,
      maxArticleBytes: positive(env, 'MAX_ARTICLE_BYTES', 2_097_152, problems),
      incomingPrefix: prefix(env, 'INCOMING_PREFIX', 'incoming/', problems),
      publishedPrefix: prefix(env, 'PUBLISHED_PREFIX', 'published/', problems),
      failedPrefix: prefix(env, 'FAILED_PREFIX', 'failed/', problems),
      translationScope: scope,
      pricePerMillionCharacters: positive(env, 'PRICE_PER_MILLION_CHARACTERS', 15, problems),
    },
    translateSettings: translateSettings(env.TRANSLATE_SETTINGS, problems),
    terminologyNames: (env.TERMINOLOGY_NAMES ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    translateConcurrency: wholeNumber(
      env,
      'TRANSLATE_CONCURRENCY',
      DEFAULT_TRANSLATE_CONCURRENCY,
      1,
      problems,
    ),
    cachePrefix: prefix(env, 'CACHE_PREFIX', 'cache/', problems),
    eventBusName: env.EVENT_BUS_NAME === undefined ? 'default' : env.EVENT_BUS_NAME.trim() || undefined,
  };
  if (problems.length > 0) {
    throw new ConfigurationError(`polybrief is misconfigured:\n- ${problems.join('\n- ')}`);
  }
  return config;
}
