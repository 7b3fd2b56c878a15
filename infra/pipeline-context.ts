import {
  toAmazonTranslateLanguageCode,
  toSourceLanguageSetting,
  UnsupportedLanguageError,
} from '../functions/shared/amazon-translate-languages.js';
import type { ArticlePipelineProps } from './article-pipeline.js';
import {
  DEFAULT_TARGET_LANGUAGES,
  FORMALITY_VALUES,
  type Formality,
  LOG_LEVELS,
  type PipelineLogLevel,
  PROFANITY_VALUES,
  TRANSLATION_SCOPES,
  type TranslationScope,
  type TranslationSetting,
} from './pipeline-settings.js';

/**
 * The CDK context keys the app reads (defaults in cdk.json, overrides with `-c key=value`). Values given on the
 * command line arrive as strings, so lists are comma-separated and maps are `lang=VALUE` pairs (JSON also works).
 */
export const CONTEXT_KEYS = [
  'languages',
  'sourceLanguage',
  'formality',
  'profanity',
  'terminology',
  'maxArticleBytes',
  'reservedConcurrency',
  'alarmEmail',
  'maxConcurrency',
  'translateConcurrency',
  'translationScope',
  'batchSize',
  'logLevel',
  'pricePerMillionCharacters',
  'cacheExpirationDays',
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** Context keys CDK tooling itself writes to cdk.json without a `:` in their name. */
const CDK_TOOLING_KEYS = new Set(['cli-telemetry']);

/** The context props the app passes to the pipeline. */
export type PipelineContextProps = Pick<
  ArticlePipelineProps,
  | 'languages'
  | 'sourceLanguage'
  | 'translationSettings'
  | 'terminologyNames'
  | 'maxArticleBytes'
  | 'reservedConcurrency'
  | 'alarmEmail'
  | 'maxConcurrency'
  | 'translateConcurrency'
  | 'translationScope'
  | 'batchSize'
  | 'logLevel'
  | 'pricePerMillionCharacters'
  | 'cacheExpirationDays'
>;

export interface ParsedPipelineContext {
  readonly props: PipelineContextProps;
  /** Context keys that look like settings but are not read (probably typos). */
  readonly unknownKeys: readonly string[];
}

/** A context value the app cannot use. The message names the key and shows what it accepts. */
export class ContextError extends Error {
  override readonly name = 'ContextError';
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`Invalid CDK context "${key}": ${detail}`);
  }
}

/** Unset: absent, null or an empty string (so `-c alarmEmail=` clears a cdk.json default). */
function isUnset(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function parseJsonIfStructured(key: string, value: unknown): unknown {
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      throw new ContextError(key, `${value} is not valid JSON.`);
    }
  }
  return value;
}

function toList(key: string, raw: unknown, example: string): string[] {
  const value = parseJsonIfStructured(key, raw);
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.map((item) => item.trim()).filter((item) => item !== '');
  }
  throw new ContextError(
    key,
    `expected a comma-separated list such as "${example}", got ${JSON.stringify(raw)}.`,
  );
}

/** `{ "de": "FORMAL" }`, `"de=FORMAL,es=INFORMAL"` or `"de:FORMAL"` → entries. */
function toLanguageMap(key: string, raw: unknown, example: string): [string, string][] {
  const value = parseJsonIfStructured(key, raw);
  if (typeof value === 'string') {
    return toList(key, value, example).map((pair) => {
      const match = /^([^=:]+)[=:](.+)$/.exec(pair);
      if (!match?.[1] || !match[2]) {
        throw new ContextError(key, `expected language=VALUE pairs such as "${example}", got "${pair}".`);
      }
      return [match[1].trim(), match[2].trim()];
    });
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).map(([language, setting]) => {
      if (typeof setting !== 'string') {
        throw new ContextError(
          key,
          `the value for ${language} must be a string, got ${JSON.stringify(setting)}.`,
        );
      }
      return [language, setting];
    });
  }
  throw new ContextError(
    key,
    `expected language=VALUE pairs such as "${example}", got ${JSON.stringify(raw)}.`,
  );
}

function toLanguage(key: string, value: string) {
  try {
    return toAmazonTranslateLanguageCode(value, `context "${key}"`);
  } catch (error) {
    if (error instanceof UnsupportedLanguageError) {
      throw new ContextError(key, error.message);
    }
    throw error;
  }
}

function toInteger(key: string, raw: unknown, min: number): number {
  const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ContextError(key, `expected a whole number of at least ${min}, got ${JSON.stringify(raw)}.`);
  }
  return value;
}

function parseLanguages(context: Readonly<Record<string, unknown>>): string[] | undefined {
  const raw = context.languages;
  if (isUnset(raw)) {
    return undefined;
  }
  const languages = toList('languages', raw, 'es,fr,de').map((value) => toLanguage('languages', value));
  if (languages.length === 0) {
    throw new ContextError('languages', 'name at least one target language, e.g. "es,fr,de".');
  }
  return languages;
}

function parseTranslationSettings(
  context: Readonly<Record<string, unknown>>,
  languages: readonly string[],
): Record<string, TranslationSetting> | undefined {
  const settings: Record<string, { formality?: Formality; profanity?: 'MASK' }> = {};
  const requireTarget = (key: string, language: string) => {
    const code = toLanguage(key, language);
    if (!languages.includes(code)) {
      throw new ContextError(key, `${code} is not one of the target languages (${languages.join(', ')}).`);
    }
    return code;
  };

  if (!isUnset(context.formality)) {
    for (const [language, raw] of toLanguageMap('formality', context.formality, 'de=FORMAL,es=INFORMAL')) {
      const formality = raw.toUpperCase();
      if (!FORMALITY_VALUES.includes(formality as Formality)) {
        throw new ContextError('formality', `${language} must be FORMAL or INFORMAL, got "${raw}".`);
      }
      const code = requireTarget('formality', language);
      settings[code] = { ...settings[code], formality: formality as Formality };
    }
  }

  if (!isUnset(context.profanity)) {
    const value = parseJsonIfStructured('profanity', context.profanity);
    // A list names the languages to mask; a map spells the value out ({ "es": "MASK" }).
    const entries: [string, string][] =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? toLanguageMap('profanity', value, 'es=MASK')
        : toList('profanity', value, 'es,fr').map((language) => [language, 'MASK']);
    for (const [language, raw] of entries) {
      if (!PROFANITY_VALUES.includes(raw.toUpperCase() as 'MASK')) {
        throw new ContextError('profanity', `${language} must be MASK, got "${raw}".`);
      }
      const code = requireTarget('profanity', language);
      settings[code] = { ...settings[code], profanity: 'MASK' };
    }
  }

  return Object.keys(settings).length === 0 ? undefined : settings;
}

/**
 * Reads the pipeline settings from CDK context (`app.node.getAllContext()`), failing on the first bad value
 * with a {@link ContextError} that names the key. Unset keys are left out, so the pipeline's defaults apply.
 */
export function parsePipelineContext(context: Readonly<Record<string, unknown>>): ParsedPipelineContext {
  const languages = parseLanguages(context);
  const props: { -readonly [K in keyof PipelineContextProps]: PipelineContextProps[K] } = {};
  if (languages) {
    props.languages = languages;
  }

  if (!isUnset(context.sourceLanguage)) {
    if (typeof context.sourceLanguage !== 'string') {
      throw new ContextError(
        'sourceLanguage',
        `expected a language code or auto, got ${JSON.stringify(context.sourceLanguage)}.`,
      );
    }
    try {
      props.sourceLanguage = toSourceLanguageSetting(context.sourceLanguage, 'context "sourceLanguage"');
    } catch (error) {
      if (error instanceof UnsupportedLanguageError) {
        throw new ContextError('sourceLanguage', error.message);
      }
      throw error;
    }
  }

  const translationSettings = parseTranslationSettings(context, languages ?? DEFAULT_TARGET_LANGUAGES);
  if (translationSettings) {
    props.translationSettings = translationSettings;
  }

  if (!isUnset(context.terminology)) {
    props.terminologyNames = toList('terminology', context.terminology, 'newsroom-names');
  }
  if (!isUnset(context.maxArticleBytes)) {
    props.maxArticleBytes = toInteger('maxArticleBytes', context.maxArticleBytes, 1);
  }
  if (!isUnset(context.reservedConcurrency)) {
    props.reservedConcurrency = toInteger('reservedConcurrency', context.reservedConcurrency, 1);
  }
  if (!isUnset(context.maxConcurrency)) {
    props.maxConcurrency = toInteger('maxConcurrency', context.maxConcurrency, 2);
  }
  if (!isUnset(context.translateConcurrency)) {
    props.translateConcurrency = toInteger('translateConcurrency', context.translateConcurrency, 1);
  }
  if (!isUnset(context.translationScope)) {
    const raw = context.translationScope;
    const scope = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    if (!TRANSLATION_SCOPES.includes(scope as TranslationScope)) {
      throw new ContextError(
        'translationScope',
        `expected ${TRANSLATION_SCOPES.join(' or ')} (full translates the whole article; brief only the headline, ` +
          `summary, quotes and the names in the facts), got ${JSON.stringify(raw)}.`,
      );
    }
    props.translationScope = scope as TranslationScope;
  }
  if (!isUnset(context.batchSize)) {
    props.batchSize = toInteger('batchSize', context.batchSize, 1);
  }
  if (!isUnset(context.alarmEmail)) {
    if (
      typeof context.alarmEmail !== 'string' ||
      !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(context.alarmEmail.trim())
    ) {
      throw new ContextError(
        'alarmEmail',
        `expected an email address, got ${JSON.stringify(context.alarmEmail)}.`,
      );
    }
    props.alarmEmail = context.alarmEmail.trim();
  }
  if (!isUnset(context.logLevel)) {
    const logLevel = String(context.logLevel).toUpperCase();
    if (!LOG_LEVELS.includes(logLevel as PipelineLogLevel)) {
      throw new ContextError(
        'logLevel',
        `expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(context.logLevel)}.`,
      );
    }
    props.logLevel = logLevel as PipelineLogLevel;
  }
  if (!isUnset(context.pricePerMillionCharacters)) {
    const raw = context.pricePerMillionCharacters;
    const price = typeof raw === 'string' ? Number(raw.trim()) : raw;
    if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
      throw new ContextError(
        'pricePerMillionCharacters',
        `expected a price in USD such as 15, got ${JSON.stringify(raw)}.`,
      );
    }
    props.pricePerMillionCharacters = price;
  }

  if (context.cacheExpirationDays !== undefined) {
    // Unlike the other keys, clearing this one (null, or `-c cacheExpirationDays=`) turns the expiry off.
    const raw = context.cacheExpirationDays;
    const days = isUnset(raw) ? 0 : typeof raw === 'string' ? Number(raw.trim()) : raw;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) {
      throw new ContextError(
        'cacheExpirationDays',
        `expected a whole number of days such as 365, or 0 to keep the translation memory forever, got ${JSON.stringify(raw)}.`,
      );
    }
    props.cacheExpirationDays = days;
  }

  const known = new Set<string>(CONTEXT_KEYS);
  const unknownKeys = Object.keys(context).filter(
    (key) => !key.includes(':') && !known.has(key) && !CDK_TOOLING_KEYS.has(key),
  );
  return { props, unknownKeys };
}
