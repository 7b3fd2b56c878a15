import type { TranslationScope } from '../functions/core/contract.js';
import { AUTO_SOURCE_LANGUAGE } from '../functions/shared/amazon-translate-languages.js';
import { assertNoProblems, propsSurface } from '../functions/shared/options/phrasing.js';
import type { PipelinePrefixes } from '../functions/shared/options/prefixes.js';
import { type OptionProblem, text, valid } from '../functions/shared/options/problems.js';
import {
  type OptionInput,
  prefixesOf,
  type Resolution,
  resolveOptions,
} from '../functions/shared/options/resolve.js';
import {
  type LOG_LEVELS,
  type OptionName,
  type OptionValues,
  optionSpec,
  propPath,
} from '../functions/shared/options/table.js';
import type { TranslationSetting } from '../functions/shared/options/translate-values.js';
import { DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE } from '../functions/shared/translate-concurrency.js';
import { type FunctionSizing, FunctionSizingError, sizeFunction } from './function-sizing.js';

export type {
  Formality,
  Profanity,
  TranslationSetting,
} from '../functions/shared/options/translate-values.js';
export type PipelineLogLevel = (typeof LOG_LEVELS)[number];
export { TRANSLATION_SCOPES } from '../functions/shared/options/table.js';
export type { TranslationScope };

/**
 * The translation and runtime options of the pipeline. Their defaults and rules are the options table's
 * (functions/shared/options/table.ts), where each is documented once for every surface.
 */
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
   * Amazon Translate custom terminologies (created beforehand with `aws translate import-terminology`), at most one
   * per target language since TranslateText applies one per request: `{ es: 'newsroom-es', fr: 'newsroom-fr' }`,
   * or `{ '*': 'newsroom-names' }` for one that covers every target language. Two for one language fail the synth.
   * @default - none
   */
  readonly terminologies?: Readonly<Record<string, string>>;
  /**
   * Largest article accepted, in bytes; bigger ones go to `failed/`. Memory and timeout are sized from it.
   * @default 2097152 (2 MiB)
   */
  readonly maxArticleBytes?: number;
  /**
   * Longest the analysis of one article (decode, parse, facts, summary) may take, in milliseconds; an article
   * that takes longer gets a failed record `analysis-too-slow`. The timeout is sized to leave room for it.
   * @default 120000 (2 minutes)
   */
  readonly analysisBudgetMs?: number;
  /**
   * Most characters one article may send to Amazon Translate, all its languages together, counting only what the
   * translation memory does not have; an article that would send more gets a `failed/` record (`over-budget`)
   * before any request.
   * @default 14000000 (the 2 MiB limit article in six languages, with a tenth to spare)
   */
  readonly maxCharactersPerArticle?: number;
  /**
   * Characters sent to Amazon Translate in any 24 hours (the `CharactersSent` metric) at which an alarm notifies
   * the alarm topic; `0` or `null`: no such alarm.
   * @default 20000000 (USD 300 at USD 15 per million characters)
   */
  readonly dailyCharacterBudget?: number | null;
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
   * Where readers get the bucket's objects, e.g. `https://news.example.org/` for a CloudFront distribution over the
   * bucket: a page's address is this URL followed by the page's key. Pages then link their language versions
   * (`rel=alternate`) and themselves (`rel=canonical`) with absolute URLs, as search engines prefer. An absolute
   * `https:` or `http:` URL without query or fragment; a `/` is added at the end when missing.
   * @default - none: pages link each other relatively
   */
  readonly publicBaseUrl?: string;
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
  /**
   * Email address subscribed to the alarm topic: the dead-letter and daily budget alarms (it must confirm the subscription).
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * Days after which a translation memory entry (an object under the cache prefix) expires in a bucket the
   * pipeline creates, counted from when the entry was written, used since or not: a sentence still in use is then
   * translated (and paid for) once more, a sentence no longer in use stops costing storage. Replaced entries
   * expire after a day. `0` or `null` keeps the memory forever (replaced entries then follow
   * `noncurrentVersionExpiration`). Ignored, with a warning, for a bucket you pass in.
   * @default 365
   */
  readonly cacheExpirationDays?: number | null;
}

type PrefixOption = 'incomingPrefix' | 'publishedPrefix' | 'failedPrefix' | 'cachePrefix';

/** {@link PipelineOptions} checked, with the defaults applied and the function sized: what a deployment is. */
export interface DeploymentSettings extends Omit<OptionValues, PrefixOption> {
  readonly prefixes: PipelinePrefixes;
  readonly sizing: FunctionSizing;
}

/** The options the sizing formula reads: a problem in one of them leaves the sizing unchecked. */
const SIZING_OPTIONS: readonly OptionName[] = [
  'maxArticleBytes',
  'analysisBudgetMs',
  'languages',
  'translateConcurrency',
  'batchSize',
];

function sizingOf(values: OptionValues): { sizing?: FunctionSizing; problem?: OptionProblem } {
  try {
    return {
      sizing: sizeFunction({
        maxArticleBytes: values.maxArticleBytes,
        analysisBudgetMs: values.analysisBudgetMs,
        targetLanguageCount: values.languages.length,
        translateConcurrency: values.translateConcurrency,
        translateConcurrencyPerLanguage: DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
        batchSize: values.batchSize,
      }),
    };
  } catch (error) {
    if (!(error instanceof FunctionSizingError)) throw error;
    return { problem: { option: 'maxArticleBytes', alsoOptions: SIZING_OPTIONS, ...text(error.message) } };
  }
}

/** The option values as settings of a deployment. */
function deploymentSettings(values: OptionValues, sizing: FunctionSizing): DeploymentSettings {
  const { incomingPrefix, publishedPrefix, failedPrefix, cachePrefix, ...rest } = values;
  return { ...rest, prefixes: prefixesOf(values), sizing };
}

/** The settings back as option values, e.g. to write the function's environment. */
export function optionValuesOf(settings: DeploymentSettings): OptionValues {
  const { prefixes, sizing, ...rest } = settings;
  return {
    ...rest,
    incomingPrefix: prefixes.incoming,
    publishedPrefix: prefixes.published,
    failedPrefix: prefixes.failed,
    cachePrefix: prefixes.cache,
    editsPrefix: prefixes.edits,
  };
}

function propValue(options: PipelineOptions, name: OptionName): unknown {
  const path = propPath(name);
  if (path === undefined) return undefined;
  const value = path
    .split('.')
    .reduce<unknown>((object, key) => (object as Record<string, unknown>)?.[key], options);
  return value === null ? optionSpec(name).cleared : value;
}

export interface DeploymentCheck {
  /** `undefined` when there are problems. */
  readonly settings: DeploymentSettings | undefined;
  /** Every problem: each option's, across options, and the sizing's. */
  readonly problems: readonly OptionProblem[];
  readonly resolution: Resolution;
}

/**
 * Checks the options a surface gives by the table's rules and sizes the function, collecting every problem.
 * The sizing is left out while an option it reads has a problem of its own.
 */
export function checkDeployment(input: OptionInput): DeploymentCheck {
  const resolution = resolveOptions(input);
  const problems = [...resolution.problems];
  const unsized = SIZING_OPTIONS.some((name) => resolution.failed.has(name));
  const { sizing, problem } = unsized ? {} : sizingOf(resolution.values);
  if (problem) problems.push(problem);
  const settings =
    sizing && problems.length === 0 ? deploymentSettings(resolution.values, sizing) : undefined;
  return { settings, problems, resolution };
}

/**
 * Checks `options` and fills in the defaults. Throws an InvalidOptionsError naming every bad property at once.
 */
export function resolveDeploymentSettings(options: PipelineOptions): DeploymentSettings {
  const { settings, problems } = checkDeployment((name) => {
    const value = propValue(options, name);
    return value === undefined ? undefined : valid(value);
  });
  assertNoProblems(problems, propsSurface);
  return settings as DeploymentSettings;
}

export function detectsSourceLanguage(settings: DeploymentSettings): boolean {
  return settings.sourceLanguage === AUTO_SOURCE_LANGUAGE;
}
