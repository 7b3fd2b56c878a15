/**
 * A throttling storm: the loopback Translate server answers a share of all requests with 429 at once (as a throttle
 * is refused, without translating), the rest after the usual latency. The same articles are translated into the
 * same languages through one client, as one function instance or `polybrief dev` does, with each retry strategy and
 * per-language concurrency, with and without the storm, side by side in one run: each configuration's time under
 * the storm as a ratio to its own time without it, and the languages it gave up (which the queue would deliver
 * again, later).
 */
import { AmazonTranslateTranslator } from '../../functions/adapters/amazon-translate-translator.js';
import { createTranslateClient } from '../../functions/adapters/aws-clients.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../functions/adapters/retry-strategy.js';
import { TranslationError } from '../../functions/core/errors.js';
import { DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE } from '../../functions/shared/translate-concurrency.js';
import { seededRandom } from '../../test/support/seeded-random.js';
import { startTranslateProtocolServer } from '../../test/support/translate-protocol-server.js';
import type { Figure } from './figures.js';
import { syntheticArticle } from './synthetic-article.js';

export interface StormOptions {
  readonly articles: number;
  readonly articleBytes: number;
  readonly languages: readonly string[];
  /** Share of requests answered 429. */
  readonly share: number;
  /** How long the storm lasts from the first request; `undefined`: the whole run. */
  readonly stormSeconds?: number;
  /** Time to answer a request that is translated. */
  readonly latencyMs: number;
  /** Time to answer a throttled one. */
  readonly throttleLatencyMs: number;
  /** Runs per configuration and condition; the median time is kept. */
  readonly repeats: number;
  /** What is compared; default every configuration of STORM_CONFIGS. */
  readonly configs?: readonly StormConfig[];
}

export const DEFAULT_STORM_OPTIONS: StormOptions = {
  articles: 8,
  articleBytes: 25_000,
  languages: ['es', 'fr', 'de'],
  share: 0.4,
  latencyMs: 300,
  throttleLatencyMs: 5,
  // Past the end of a calm run: the storm covers every request of a strategy that keeps up with it.
  stormSeconds: 3,
  repeats: 3,
};

export interface StormConfig {
  readonly label: string;
  readonly retry: RetryPolicy | 'adaptive' | 'standard';
  readonly concurrencyPerLanguage: number;
}

const tolerant = (policy: Partial<RetryPolicy>): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, ...policy });

/** What is compared: the SDK's modes as polybrief used them (5 attempts), and the throttle-tolerant strategy. */
export const STORM_CONFIGS: readonly StormConfig[] = [
  { label: 'SDK adaptive', retry: 'adaptive', concurrencyPerLanguage: 10 },
  { label: 'SDK standard', retry: 'standard', concurrencyPerLanguage: 10 },
  { label: 'tolerant 50 ms–2 s, 10 per language', retry: DEFAULT_RETRY_POLICY, concurrencyPerLanguage: 10 },
  {
    label: 'tolerant 25 ms–1 s',
    retry: tolerant({ baseDelayMs: 25, maxDelayMs: 1_000 }),
    concurrencyPerLanguage: 10,
  },
  {
    label: 'tolerant 100 ms–5 s',
    retry: tolerant({ baseDelayMs: 100, maxDelayMs: 5_000 }),
    concurrencyPerLanguage: 10,
  },
  { label: 'tolerant, 5 per language', retry: DEFAULT_RETRY_POLICY, concurrencyPerLanguage: 5 },
  { label: 'tolerant, 20 per language', retry: DEFAULT_RETRY_POLICY, concurrencyPerLanguage: 20 },
];

export interface StormRun {
  readonly seconds: number;
  readonly requests: number;
  readonly throttled: number;
  readonly retries: number;
  /** Languages of articles that failed (the storm outlasted the retries). */
  readonly givenUp: number;
}

/** One run of the workload: every article into every language at once, through one client. */
export async function stormRun(
  config: StormConfig,
  storm: boolean,
  options: StormOptions,
  seed: number,
): Promise<StormRun> {
  const random = seededRandom(seed);
  let stormEnds: number | undefined;
  const raging = () => {
    if (!storm) return false;
    if (options.stormSeconds === undefined) return true;
    stormEnds ??= performance.now() + options.stormSeconds * 1000;
    return performance.now() < stormEnds;
  };
  const server = await startTranslateProtocolServer({
    latencyMs: options.latencyMs,
    errorLatencyMs: options.throttleLatencyMs,
    faults: {
      custom: () =>
        raging() && random() < options.share
          ? { status: 429, type: 'ThrottlingException', message: 'Rate exceeded' }
          : undefined,
    },
  });
  // As createTranslateClient builds it for the function, but for the retry strategy.
  const client = createTranslateClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'BENCH', secretAccessKey: 'bench' },
    retry: config.retry,
    ...(typeof config.retry === 'string' ? { maxAttempts: 5 } : {}),
  });
  const translator = new AmazonTranslateTranslator({
    client,
    concurrencyPerLanguage: config.concurrencyPerLanguage,
  });
  let retries = 0;
  let givenUp = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: options.articles }, (_, index) => {
        const article = syntheticArticle({ seed: index + 1, bytes: options.articleBytes });
        const segments = [article.headline, ...article.paragraphs.flat()];
        return Promise.all(
          options.languages.map(async (targetLanguage) => {
            try {
              const result = await translator.translate({ sourceLanguage: 'en', targetLanguage, segments });
              retries += result.usage.retries;
            } catch (error) {
              if (!(error instanceof TranslationError)) throw error;
              givenUp += 1;
            }
          }),
        );
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const stats = server.stats();
    return { seconds, requests: stats.requests, throttled: stats.outcomes.throttled, retries, givenUp };
  } finally {
    client.destroy();
    await server.close();
  }
}

export interface StormComparison {
  readonly config: StormConfig;
  /** Median seconds without and with the storm. */
  readonly calm: number;
  readonly storm: number;
  readonly ratio: number;
  /** Over every stormed run. */
  readonly givenUp: number;
  readonly throttled: number;
  readonly requests: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * Every configuration, calm and stormed, interleaved run by run (so a busy moment of the machine falls on all of
 * them alike); the same seeds for every configuration, so each meets the same throttled answers in the same order.
 */
export async function compareStorms(
  options: StormOptions = DEFAULT_STORM_OPTIONS,
  progress: (line: string) => void = () => undefined,
): Promise<StormComparison[]> {
  const configs = options.configs ?? STORM_CONFIGS;
  const runs = configs.map(() => ({ calm: [] as number[], storm: [] as StormRun[] }));
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    progress(`throttling storm, round ${repeat + 1} of ${options.repeats}`);
    for (const [index, config] of configs.entries()) {
      runs[index]?.calm.push((await stormRun(config, false, options, repeat + 1)).seconds);
      runs[index]?.storm.push(await stormRun(config, true, options, repeat + 1));
    }
  }
  return configs.map((config, index) => {
    const { calm, storm } = runs[index] ?? { calm: [], storm: [] };
    const calmSeconds = median(calm);
    const stormSeconds = median(storm.map((run) => run.seconds));
    return {
      config,
      calm: calmSeconds,
      storm: stormSeconds,
      ratio: stormSeconds / calmSeconds,
      givenUp: storm.reduce((sum, run) => sum + run.givenUp, 0),
      throttled: storm.reduce((sum, run) => sum + run.throttled, 0),
      requests: storm.reduce((sum, run) => sum + run.requests, 0),
    };
  });
}

/** The configuration the adapter and client use by default. */
export const DEFAULT_STORM_CONFIG = STORM_CONFIGS.find(
  (config) =>
    config.retry === DEFAULT_RETRY_POLICY &&
    config.concurrencyPerLanguage === DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
) as StormConfig;

/**
 * The benchmark's figures: the default configuration's time under the storm as a ratio to its calm time, and the
 * languages it gave up (none may be); the other configurations' ratios side by side in the detail.
 */
export async function stormFigures(
  options: StormOptions,
  progress: (line: string) => void,
): Promise<Figure[]> {
  const rows = await compareStorms(options, progress);
  const chosen = rows.find((row) => row.config === DEFAULT_STORM_CONFIG) ?? rows[0];
  if (!chosen) return [];
  const others = rows
    .filter((row) => row !== chosen)
    .map(
      (row) =>
        `${row.config.label} ${row.ratio.toFixed(2)}${row.givenUp > 0 ? ` (${row.givenUp} given up)` : ''}`,
    )
    .join(', ');
  const storm = `${Math.round(options.share * 100)} % of requests answered 429 for ${options.stormSeconds ?? 'all the'} s`;
  return [
    {
      name: 'storm_ratio',
      value: chosen.ratio,
      kind: 'max',
      target: 1.5,
      digits: 2,
      detail: `time under a throttling storm ÷ calm (${chosen.storm.toFixed(2)} s ÷ ${chosen.calm.toFixed(2)} s, median of ${options.repeats}; ${storm}; ${chosen.config.label}); side by side: ${others || 'nothing else'}`,
    },
    {
      name: 'storm_languages_given_up',
      value: chosen.givenUp,
      kind: 'equal',
      target: 0,
      digits: 0,
      detail: `languages the default strategy gave up under the storm, over ${options.repeats} run(s) of ${options.articles} articles × ${options.languages.length} languages (${chosen.throttled} of ${chosen.requests} requests throttled)`,
    },
  ];
}
