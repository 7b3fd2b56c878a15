import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { AmazonTranslateTranslator } from '../adapters/amazon-translate-translator.js';
import { createEventBridgeClient, createS3Client, createTranslateClient } from '../adapters/aws-clients.js';
import { EventBridgeEventSink } from '../adapters/eventbridge-event-sink.js';
import { S3ArticleStore } from '../adapters/s3-article-store.js';
import { systemClock } from '../adapters/system-clock.js';
import { fetchTerminologyVersions } from '../adapters/terminology-versions.js';
import type { ArticleOutcome } from '../core/pipeline.js';
import type { ArticleStore, LogAttributes } from '../core/ports.js';
import { pipelineVersion } from '../version.js';
import { createArticleHandler } from './article-handler.js';
import { parseLambdaConfig } from './config.js';

// Built once per container: configuration (fails the init naming what is wrong), clients, logger, metrics.
const config = parseLambdaConfig(process.env);
const powertoolsLogger = new Logger({ serviceName: 'polybrief' });
const metrics = new Metrics({ namespace: 'Polybrief', serviceName: 'polybrief' });
const s3 = createS3Client();
const translateClient = createTranslateClient();
const translator = new AmazonTranslateTranslator({
  client: translateClient,
  concurrency: config.translateConcurrency,
  settings: config.translateSettings,
  terminologyNames: config.terminologyNames,
  // Part of every translation memory key: re-importing a terminology retires what was translated with it.
  terminologyVersions: await fetchTerminologyVersions(translateClient, config.terminologyNames),
});
const stores = new Map<string, ArticleStore>();
const events = config.eventBusName
  ? new EventBridgeEventSink({ client: createEventBridgeClient(), eventBusName: config.eventBusName })
  : undefined;

const logger = {
  debug: (message: string, attributes: LogAttributes = {}) =>
    powertoolsLogger.debug(message, { ...attributes }),
  info: (message: string, attributes: LogAttributes = {}) =>
    powertoolsLogger.info(message, { ...attributes }),
  warn: (message: string, attributes: LogAttributes = {}) =>
    powertoolsLogger.warn(message, { ...attributes }),
  error: (message: string, attributes: LogAttributes = {}) =>
    powertoolsLogger.error(message, { ...attributes }),
};

function record(outcome: ArticleOutcome): void {
  const names: Record<ArticleOutcome['status'], string> = {
    published: 'ArticlesPublished',
    partial: 'ArticlesPartiallyPublished',
    failed: 'ArticlesFailed',
    unchanged: 'ArticlesUnchanged',
    ignored: 'ObjectsIgnored',
  };
  metrics.addMetric(names[outcome.status], MetricUnit.Count, 1);
  if (outcome.status !== 'published' && outcome.status !== 'partial') return;
  for (const [language, usage] of Object.entries(outcome.usage)) {
    metrics.addMetric('CharactersSent', MetricUnit.Count, usage.charactersSent);
    metrics.addMetric('CharactersFromMemory', MetricUnit.Count, usage.charactersFromMemory);
    // USD at PRICE_PER_MILLION_CHARACTERS: its Sum over a day is the day's estimated translation bill.
    metrics.addMetric('EstimatedTranslationCostUsd', MetricUnit.NoUnit, usage.estimatedCostUsd);
    metrics.addMetric('TranslateRequests', MetricUnit.Count, usage.requests);
    metrics.addMetric('TranslateRetries', MetricUnit.Count, usage.retries);
    const latency = outcome.languagesMs[language];
    if (latency !== undefined) {
      metrics
        .singleMetric()
        .addDimension('Language', language)
        .addMetric('TranslationLatency', MetricUnit.Milliseconds, latency);
    }
  }
}

const handleArticles = createArticleHandler({
  settings: { ...config.pipeline, pipelineVersion },
  storeFor: (bucket) => {
    let store = stores.get(bucket);
    if (!store) {
      store = new S3ArticleStore({ client: s3, bucket });
      stores.set(bucket, store);
    }
    return store;
  },
  translator,
  clock: systemClock,
  logger,
  record,
  ...(events ? { events } : {}),
  translationMemory: { prefix: config.cachePrefix },
});

export const handler = async (event: Parameters<typeof handleArticles>[0]) => {
  try {
    return await handleArticles(event);
  } finally {
    metrics.publishStoredMetrics();
  }
};
