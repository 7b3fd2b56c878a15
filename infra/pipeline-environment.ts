import type { PipelineSettings } from './pipeline-settings.js';

export const POWERTOOLS_SERVICE_NAME = 'polybrief';
export const POWERTOOLS_METRICS_NAMESPACE = 'Polybrief';
/** The bus completion events are sent to: the account's default bus, the only one the function may put events on. */
export const DEFAULT_EVENT_BUS = 'default';

/**
 * The environment variables the Lambda handler reads (its config module parses exactly these). The function
 * learns the bucket from each S3 event, so no bucket name is passed.
 */
export function pipelineEnvironment(settings: PipelineSettings): Record<string, string> {
  return {
    SOURCE_LANGUAGE: settings.sourceLanguage,
    TARGET_LANGUAGES: settings.languages.join(','),
    MAX_ARTICLE_BYTES: String(settings.maxArticleBytes),
    TRANSLATE_SETTINGS: JSON.stringify(settings.translationSettings),
    TERMINOLOGY_NAMES: settings.terminologyNames.join(','),
    INCOMING_PREFIX: settings.prefixes.incoming,
    PUBLISHED_PREFIX: settings.prefixes.published,
    FAILED_PREFIX: settings.prefixes.failed,
    CACHE_PREFIX: settings.prefixes.cache,
    TRANSLATE_CONCURRENCY: String(settings.translateConcurrency),
    TRANSLATION_SCOPE: settings.translationScope,
    PRICE_PER_MILLION_CHARACTERS: String(settings.pricePerMillionCharacters),
    EVENT_BUS_NAME: DEFAULT_EVENT_BUS,
    POWERTOOLS_SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: settings.logLevel,
  };
}
