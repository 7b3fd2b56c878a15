import type { AmazonTranslateLanguageCode } from '../amazon-translate-languages.js';
import { DEFAULT_ANALYSIS_BUDGET_MS } from '../analysis-budget.js';
import {
  DEFAULT_TRANSLATE_CONCURRENCY,
  DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
} from '../translate-concurrency.js';
import { keyPrefix, type PipelinePrefixes } from './prefixes.js';
import { type OptionSpec, option } from './spec.js';
import {
  readFormality,
  readProfanity,
  sourceLanguage,
  type TranslationSettings,
  targetLanguages,
  terminologies,
  translationSettings,
} from './translate-values.js';
import {
  amount,
  baseUrl,
  choice,
  emailAddress,
  optionalName,
  orNone,
  plainText,
  wholeNumber,
} from './values.js';

export const DEFAULT_TARGET_LANGUAGES: readonly AmazonTranslateLanguageCode[] = [
  'es',
  'fr',
  'de',
  'ru',
  'zh',
  'ar',
];
/** Amazon Translate's list price for standard text translation, USD per million characters, when this was written. */
export const AMAZON_TRANSLATE_PRICE = 15;
/**
 * Amazon Comprehend's list price for DetectDominantLanguage when this was written: USD 0.0001 per unit of 100
 * characters (3 units at least per request), so USD 1 per million characters.
 */
export const AMAZON_COMPREHEND_DETECTION_PRICE = 1;
export const TRANSLATION_SCOPES = ['full', 'brief'] as const;
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const;

/** A key prefix of the bucket: `name/` by default, the construct's `prefixes.name`. */
function prefixOption(
  name: keyof PipelinePrefixes,
  variable: string,
  more: Pick<OptionSpec<string>, 'summary' | 'cli'> = {},
): OptionSpec<string> {
  return {
    kind: keyPrefix(name, `${name}/`),
    default: `${name}/`,
    prop: `prefixes.${name}`,
    env: { name: variable },
    ...more,
  };
}

function mergeSettings(parts: readonly TranslationSettings[]): TranslationSettings {
  const merged: Record<string, object> = {};
  for (const part of parts)
    for (const [language, setting] of Object.entries(part))
      merged[language] = { ...merged[language], ...setting };
  return merged;
}

/**
 * Every option of the pipeline, once: its default and rule, its `ArticlePipeline` property, CDK context key,
 * Lambda environment variable and command-line flag, and what `--help` and the README say of it. The CDK app reads
 * context through it (infra/pipeline-context.ts), the construct checks its props with it
 * (infra/pipeline-settings.ts), the function's environment is written and read with it (environment.ts), the
 * command line builds its flags from it (functions/cli/command-options.ts) and `npm run docs:options` writes the
 * README's tables from it. The order is the order of the function's environment and the README's context table.
 */
export const OPTIONS = {
  sourceLanguage: option({
    kind: sourceLanguage,
    default: 'en',
    context: {
      key: 'sourceLanguage',
      doc: "`auto`: each article's language is detected once, with Amazon Comprehend (adds `comprehend:DetectDominantLanguage`)",
    },
    env: { name: 'SOURCE_LANGUAGE', required: true },
    cli: {
      flags: '-s, --source-language <code>',
      help: "language the articles are written in; auto (with --translator aws) detects each article's",
      doc: "Apertium translates from English only; `auto` (with `aws`) detects each article's with Amazon Comprehend",
      engineChecked: true,
    },
  }),
  languages: option({
    kind: targetLanguages,
    default: DEFAULT_TARGET_LANGUAGES,
    context: {
      key: 'languages',
      doc: 'Amazon Translate codes; an unknown code fails the synth and lists the valid ones',
    },
    env: { name: 'TARGET_LANGUAGES', required: true },
    cli: {
      flags: '-l, --languages <codes>',
      help: `target languages, comma-separated (apertium default: es,ca, plus gl,eo when installed; aws default: ${DEFAULT_TARGET_LANGUAGES.join(',')})`,
      doc: 'target languages; unknown codes are a usage error listing what is supported',
      default: undefined,
      readmeDefault: '`es,ca` (+ `gl`, `eo` when installed)',
      engineChecked: true,
    },
  }),
  maxArticleBytes: option({
    kind: wholeNumber({ min: 1, max: 2 ** 30 }),
    default: 2_097_152,
    context: {
      key: 'maxArticleBytes',
      doc: 'larger uploads get a `failed/` record without being read; memory and timeout are sized from it',
    },
    env: { name: 'MAX_ARTICLE_BYTES' },
    cli: {
      flags: '--max-article-bytes <n>',
      help: 'refuse larger articles before reading them',
      doc: 'larger files are refused before they are read',
    },
  }),
  analysisBudgetMs: option({
    kind: wholeNumber({
      min: 1_000,
      max: 600_000,
      expected: 'a whole number of milliseconds from 1000 to 600000 (10 minutes)',
    }),
    default: DEFAULT_ANALYSIS_BUDGET_MS,
    context: {
      key: 'analysisBudgetMs',
      doc: 'a longer analysis of one article gets a `failed/` record `analysis-too-slow`; the timeout is sized from it',
    },
    env: { name: 'ANALYSIS_BUDGET_MS' },
    cli: {
      flags: '--analysis-budget-ms <ms>',
      help: 'refuse an article whose analysis takes longer (analysis-too-slow)',
      doc: 'an article whose analysis takes longer is refused as `analysis-too-slow`',
    },
  }),
  translationSettings: option<TranslationSettings>({
    kind: translationSettings,
    default: {},
    context: {
      key: 'formality',
      parts: { formality: readFormality, profanity: readProfanity },
      merge: mergeSettings,
      doc: 'per language: `-c formality=de=FORMAL` (only where Translate supports it), `-c profanity=es`',
    },
    env: { name: 'TRANSLATE_SETTINGS' },
  }),
  terminologies: option({
    kind: terminologies,
    default: {},
    context: {
      key: 'terminology',
      doc: 'custom terminologies, one per target language at most: `es=names-es,fr=names-fr`, or one name for all (see below)',
    },
    env: { name: 'TERMINOLOGIES' },
  }),
  incomingPrefix: prefixOption('incoming', 'INCOMING_PREFIX'),
  publishedPrefix: prefixOption('published', 'PUBLISHED_PREFIX'),
  failedPrefix: prefixOption('failed', 'FAILED_PREFIX'),
  cachePrefix: prefixOption('cache', 'CACHE_PREFIX', {
    summary: 'where the memory lives',
    cli: {
      flags: '--cache-prefix <prefix>',
      help: {
        run: 'where the translation memory lives, under the output folder',
        dev: 'where the translation memory lives in the bucket',
      },
      normalize: (raw) => (raw.endsWith('/') ? raw : `${raw}/`),
    },
  }),
  editsPrefix: prefixOption('edits', 'EDITS_PREFIX'),
  translateConcurrency: option({
    kind: wholeNumber({ min: 1, max: 100 }),
    default: DEFAULT_TRANSLATE_CONCURRENCY,
    context: {
      key: 'translateConcurrency',
      doc: `Translate requests in flight per function instance (1 to 100), at most ${DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE} per language; sizes the timeout`,
    },
    env: { name: 'TRANSLATE_CONCURRENCY' },
  }),
  translationScope: option({
    summary: 'translation scope',
    kind: choice(TRANSLATION_SCOPES, {
      fold: 'lower',
      note: 'full translates the whole article; brief only the headline, summary, quotes and the names in the facts',
    }),
    default: 'full',
    context: {
      key: 'translationScope',
      doc: '`brief`: only the headline, summary, quotes and names in the facts, no body (see "Accounting, price and scope")',
    },
    env: { name: 'TRANSLATION_SCOPE' },
    cli: {
      flags: '--scope <scope>',
      help: 'translate everything, or only headline, summary and facts',
      doc: '`brief` translates headline, summary and facts only',
    },
  }),
  pricePerMillionCharacters: option({
    summary: 'price per million characters, for the estimate',
    kind: amount('a price in USD of 0 or more, such as 15'),
    default: AMAZON_TRANSLATE_PRICE,
    context: {
      key: 'pricePerMillionCharacters',
      doc: 'USD, for the estimated cost in each manifest and the `EstimatedTranslationCostUsd` metric',
    },
    env: { name: 'PRICE_PER_MILLION_CHARACTERS' },
    cli: {
      flags: '--price <usd>',
      help: `price per million characters for the cost estimate (aws: ${AMAZON_TRANSLATE_PRICE}; apertium: 0)`,
      doc: 'price per million characters for the cost estimate in manifests',
      default: undefined,
      readmeDefault: `${AMAZON_TRANSLATE_PRICE} with \`aws\`, 0 with \`apertium\``,
    },
  }),
  detectionPricePerMillionCharacters: option({
    summary: 'price per million characters of language detection, for the estimate',
    kind: amount('a price in USD of 0 or more, such as 1'),
    default: AMAZON_COMPREHEND_DETECTION_PRICE,
    context: {
      key: 'detectionPricePerMillionCharacters',
      doc: 'USD, for the estimate of the detection `sourceLanguage=auto` makes (Amazon Comprehend, billed per 100 characters)',
    },
    env: { name: 'DETECTION_PRICE_PER_MILLION_CHARACTERS' },
  }),
  publicBaseUrl: option({
    summary: 'the address the outputs are served at',
    kind: orNone(baseUrl),
    default: undefined,
    context: {
      key: 'publicBaseUrl',
      doc: "where readers get the bucket's keys: pages link `rel=alternate` and `rel=canonical` as this URL followed by the key; none: relative",
    },
    env: { name: 'PUBLIC_BASE_URL' },
    cli: {
      flags: '--public-base-url <url>',
      help: "the address the outputs are served at (a page's URL is it followed by the page's key); pages then link alternates and canonical with absolute URLs",
      doc: 'pages link `rel=alternate` and `rel=canonical` as this URL followed by the key (none: relative)',
    },
  }),
  maxCharactersPerArticle: option({
    summary: 'characters one article may send to the engine',
    kind: wholeNumber({ min: 1 }),
    // The limit article in the default languages: 2 MiB of text × 6 languages × 1.1 (README, "What it costs").
    default: 14_000_000,
    context: {
      key: 'maxCharactersPerArticle',
      doc: 'characters one article may send to Translate, all languages together (what the memory has not counted); more gets a `failed/` record (`over-budget`) before any request',
    },
    env: { name: 'MAX_CHARACTERS_PER_ARTICLE' },
    cli: {
      flags: '--max-characters <n>',
      help: 'most characters one article may send to the engine, all languages together',
      doc: 'an article that would send more (what the memory has not) fails `over-budget` before any request',
    },
  }),
  /** Where completion events go: the account's default bus, the only one the function may put events on. */
  eventBusName: option({
    kind: optionalName,
    default: 'default',
    internal: true,
    env: { name: 'EVENT_BUS_NAME' },
  }),
  /**
   * The Secrets Manager secret (its ARN) whose text seals the translation memory's entries; the construct creates
   * it and sets the variable, so a function without it is misconfigured.
   */
  memoryKeySecret: option({
    kind: plainText,
    default: '',
    internal: true,
    env: { name: 'MEMORY_KEY_SECRET', required: true },
  }),
  /** Powertools' service name, in every log line and metric. */
  serviceName: option({
    kind: plainText,
    default: 'polybrief',
    internal: true,
    env: { name: 'POWERTOOLS_SERVICE_NAME' },
  }),
  /** The CloudWatch namespace of the function's metrics. */
  metricsNamespace: option({
    kind: plainText,
    default: 'Polybrief',
    internal: true,
    env: { name: 'POWERTOOLS_METRICS_NAMESPACE' },
  }),
  logLevel: option({
    kind: choice(LOG_LEVELS, { fold: 'upper' }),
    default: 'INFO',
    context: {
      key: 'logLevel',
      doc: `the function's log level: ${LOG_LEVELS.slice(0, -1)
        .map((level) => `\`${level}\``)
        .join(', ')} or \`${LOG_LEVELS.at(-1)}\``,
    },
    env: { name: 'POWERTOOLS_LOG_LEVEL' },
  }),
  // Lambda's limits for an SQS event source: batch size up to 10,000, maximum concurrency 2 to 1000.
  batchSize: option({
    kind: wholeNumber({ min: 1, max: 10_000 }),
    default: 1,
    context: { key: 'batchSize', doc: 'articles (SQS messages) per invocation; the timeout grows with it' },
  }),
  maxConcurrency: option({
    kind: wholeNumber({ min: 2, max: 1_000 }),
    default: 5,
    context: {
      key: 'maxConcurrency',
      doc: 'most invocations the queue starts at once (2 to 1000): the bound on Translate traffic',
    },
  }),
  reservedConcurrency: option({
    kind: orNone(wholeNumber({ min: 1, max: 100_000 })),
    default: undefined,
    context: {
      key: 'reservedConcurrency',
      doc: "caps the function's concurrency (and protects the account's other functions); at least `maxConcurrency`",
    },
  }),
  maxReceiveCount: option({
    kind: wholeNumber({ min: 1, max: 1_000 }),
    default: 3,
    cli: {
      flags: '--max-receive-count <n>',
      help: 'deliveries of a failing upload before it is given up (dead-lettered), as the deployed queue does',
      doc: 'deliveries of a failing upload before it is dead-lettered',
    },
  }),
  alarmEmail: option({
    kind: orNone(emailAddress),
    default: undefined,
    context: {
      key: 'alarmEmail',
      doc: 'subscribes an address to the dead-letter and daily budget alarms (confirm the subscription e-mail)',
    },
  }),
  dailyCharacterBudget: option({
    kind: wholeNumber({
      min: 0,
      expected: 'a whole number of characters such as 20000000, or 0 for no alarm',
    }),
    // About USD 300 a day at list price: a newsroom's ordinary day several times over, and one limit article.
    default: 20_000_000,
    cleared: 0,
    context: {
      key: 'dailyCharacterBudget',
      doc: 'an alarm (to the alarm topic: `alarmEmail`) when the characters sent to Translate in any 24 hours reach it; `0`: none',
    },
  }),
  cacheExpirationDays: option({
    kind: wholeNumber({
      min: 0,
      expected: 'a whole number of days such as 365, or 0 to keep the translation memory forever',
    }),
    default: 365,
    cleared: 0,
    context: {
      key: 'cacheExpirationDays',
      doc: 'translation memory entries expire this many days after they were written, used or not; `0`: never',
    },
  }),
} as const;

export type OptionName = keyof typeof OPTIONS;

/** The value of every option, defaults applied. */
export type OptionValues = {
  readonly [K in OptionName]: (typeof OPTIONS)[K] extends OptionSpec<infer T> ? T : never;
};

export const OPTION_NAMES = Object.keys(OPTIONS) as OptionName[];

/** The option's spec, typed loosely enough to iterate over the table. */
export function optionSpec(name: OptionName): OptionSpec<unknown> {
  return OPTIONS[name] as OptionSpec<unknown>;
}

export function defaultValues(): OptionValues {
  return Object.fromEntries(OPTION_NAMES.map((name) => [name, optionSpec(name).default])) as OptionValues;
}

/** The option's `ArticlePipeline` property path, or `undefined` for one the pipeline sets itself. */
export function propPath(name: OptionName): string | undefined {
  const spec = optionSpec(name);
  return spec.internal ? undefined : (spec.prop ?? name);
}

/** Every context key, in the table's order. */
export const CONTEXT_KEYS: readonly string[] = OPTION_NAMES.flatMap((name) => {
  const context = optionSpec(name).context;
  return context ? (context.parts ? Object.keys(context.parts) : [context.key]) : [];
});
