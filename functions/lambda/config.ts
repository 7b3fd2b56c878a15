import type { AmazonTranslateSettings } from '../adapters/amazon-translate-translator.js';
import { type PipelineSettings, pipelineSettings } from '../core/settings.js';
import { decodeEnvironment, type Environment } from '../shared/options/environment.js';
import type { Terminologies } from '../shared/options/translate-values.js';

/**
 * Everything the function is configured with, read once at start-up from the environment the construct wrote
 * (the options table, functions/shared/options/table.ts, names each variable, its default and its rule).
 */
export interface LambdaConfig {
  readonly pipeline: Omit<PipelineSettings, 'pipelineVersion'>;
  readonly translateSettings: Readonly<Record<string, AmazonTranslateSettings>>;
  /** At most one custom terminology per target language (`*`: every language). */
  readonly terminologies: Terminologies;
  /** Translate requests in flight at once per container, shared by every article and language. */
  readonly translateConcurrency: number;
  /** Key prefix of the translation memory in each bucket. */
  readonly cachePrefix: string;
  /** The secret holding the key the memory's entries are sealed with. */
  readonly memoryKeySecret: string;
  /** Bus for completion events (`default`), or `undefined` when `EVENT_BUS_NAME` is empty: no events. */
  readonly eventBusName: string | undefined;
  /** Powertools' service name and the metrics' namespace. */
  readonly serviceName: string;
  readonly metricsNamespace: string;
}

/**
 * Parses the function's environment. Every problem is collected and reported at once, naming the variable, so a
 * misconfigured deployment fails at start-up rather than on the first article.
 */
export function parseLambdaConfig(env: Environment): LambdaConfig {
  const options = decodeEnvironment(env);
  const { pipelineVersion, ...pipeline } = pipelineSettings(options, '');
  return {
    pipeline,
    translateSettings: options.translationSettings as Readonly<Record<string, AmazonTranslateSettings>>,
    terminologies: options.terminologies,
    translateConcurrency: options.translateConcurrency,
    cachePrefix: options.cachePrefix,
    memoryKeySecret: options.memoryKeySecret,
    eventBusName: options.eventBusName,
    serviceName: options.serviceName,
    metricsNamespace: options.metricsNamespace,
  };
}
