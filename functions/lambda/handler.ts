import { AmazonTranslateTranslator } from '../adapters/amazon-translate-translator.js';
import {
  createComprehendClient,
  createEventBridgeClient,
  createS3Client,
  createSecretsManagerClient,
  createTranslateClient,
} from '../adapters/aws-clients.js';
import { storesByBucket } from '../adapters/bucket-stores.js';
import { ComprehendLanguageDetector } from '../adapters/comprehend-language-detector.js';
import { EventBridgeEventSink } from '../adapters/eventbridge-event-sink.js';
import { fetchMemoryKey } from '../adapters/memory-key.js';
import { systemClock } from '../adapters/system-clock.js';
import { fetchTerminologyVersions } from '../adapters/terminology-versions.js';
import { AUTO_SOURCE_LANGUAGE } from '../shared/amazon-translate-languages.js';
import { terminologyNames } from '../shared/options/translate-values.js';
import { pipelineVersion } from '../version.js';
import { createArticleHandler } from './article-handler.js';
import { parseLambdaConfig } from './config.js';
import { recordOutcome } from './outcome-metrics.js';
import { createTelemetry } from './powertools.js';

// Built once per container: configuration (fails the init naming what is wrong), clients, logger, metrics.
const config = parseLambdaConfig(process.env);
const { logger, metrics } = createTelemetry(config);
const translateClient = createTranslateClient();
const translator = new AmazonTranslateTranslator({
  client: translateClient,
  concurrency: config.translateConcurrency,
  settings: config.translateSettings,
  terminologies: config.terminologies,
  // Part of every translation memory key: re-importing a terminology retires what was translated with it.
  terminologyVersions: await fetchTerminologyVersions(
    translateClient,
    terminologyNames(config.terminologies),
  ),
});
// sourceLanguage=auto: each article's language is detected once, before it is translated.
const detector =
  config.pipeline.sourceLanguage === AUTO_SOURCE_LANGUAGE
    ? new ComprehendLanguageDetector({ client: await createComprehendClient() })
    : undefined;
// Only entries sealed with this key are read from the memory: writing to the bucket is not enough to plant one.
const memoryKey = await fetchMemoryKey(createSecretsManagerClient(), config.memoryKeySecret);
const events = config.eventBusName
  ? new EventBridgeEventSink({ client: createEventBridgeClient(), eventBusName: config.eventBusName })
  : undefined;

const handleArticles = createArticleHandler({
  settings: { ...config.pipeline, pipelineVersion },
  storeFor: storesByBucket(createS3Client()),
  translator,
  clock: systemClock,
  logger,
  record: (outcome) => recordOutcome(metrics, outcome),
  ...(events ? { events } : {}),
  ...(detector ? { detector } : {}),
  translationMemory: { prefix: config.cachePrefix, memoryKey },
});

export const handler = async (event: Parameters<typeof handleArticles>[0]) => {
  try {
    return await handleArticles(event);
  } finally {
    metrics.publishStoredMetrics();
  }
};
