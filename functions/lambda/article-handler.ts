import type { S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import pLimit from 'p-limit';
import { ArticleError } from '../core/errors.js';
import { type ArticleOutcome, processObject } from '../core/pipeline.js';
import type { ArticleStore, Clock, EventSink, LanguageDetector, Logger, Translator } from '../core/ports.js';
import type { PipelineSettings } from '../core/settings.js';
import { TranslationMemory, type TranslationMemoryOptions } from '../core/translate/translation-memory.js';
import { isS3TestEvent, isSqsEvent, type ObjectCreated, objectsCreated } from './s3-events.js';

export interface ArticleHandlerDependencies {
  readonly settings: PipelineSettings;
  /** The store over a bucket, built once per bucket name. */
  readonly storeFor: (bucket: string) => ArticleStore;
  readonly translator: Translator;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where completion events go (EventBridge in AWS). */
  readonly events?: EventSink;
  /** Tells each article's language, for `sourceLanguage=auto` (Amazon Comprehend in AWS). */
  readonly detector?: LanguageDetector;
  /** Called with every outcome, for metrics. */
  readonly record?: (outcome: ArticleOutcome) => void;
  /** Articles processed at once within one invocation. */
  readonly concurrency?: number;
  /**
   * Remember every translation in the bucket of the article, under `prefix` (e.g. `cache/`), and never pay for
   * the same sentence twice; without it every article is translated in full.
   */
  readonly translationMemory?: Pick<
    TranslationMemoryOptions,
    'prefix' | 'memoryKey' | 'read' | 'concurrency' | 'packSize'
  >;
}

export type ArticleHandler = (event: SQSEvent | S3Event) => Promise<SQSBatchResponse>;

/**
 * The Lambda handler, as an adapter: it turns SQS messages carrying S3 notifications (or plain S3 events) into
 * calls to the core and reports, for SQS, only the messages worth another delivery. A bad article is not one: it
 * gets its `failed/` record and its message is done.
 */
export function createArticleHandler(deps: ArticleHandlerDependencies): ArticleHandler {
  const { logger } = deps;
  const limit = pLimit(deps.concurrency ?? 4);
  // One memory per store, so all the articles of a bucket share its limit on store requests.
  const memories = new WeakMap<ArticleStore, Translator>();
  const translatorFor = (store: ArticleStore): Translator => {
    const options = deps.translationMemory;
    if (!options) return deps.translator;
    let memory = memories.get(store);
    if (!memory) {
      memory = new TranslationMemory(deps.translator, { ...options, store, logger });
      memories.set(store, memory);
    }
    return memory;
  };

  /** True when the object was dealt with for good; false when another delivery may succeed. */
  const handle = async (object: ObjectCreated): Promise<boolean> => {
    try {
      const store = deps.storeFor(object.bucket);
      const outcome = await processObject(
        {
          key: object.key,
          ...(object.versionId ? { versionId: object.versionId } : {}),
          ...(object.etag ? { etag: object.etag } : {}),
        },
        deps.settings,
        {
          store,
          translator: translatorFor(store),
          clock: deps.clock,
          logger,
          ...(deps.events ? { events: deps.events } : {}),
          ...(deps.detector ? { detector: deps.detector } : {}),
        },
      );
      deps.record?.(outcome);
      if (outcome.status === 'ignored')
        logger.info('object ignored', { key: object.key, reason: outcome.reason });
      if (outcome.status === 'partial' && outcome.retryable) {
        logger.error('article partially published, will be retried', {
          articleId: outcome.articleId,
          key: object.key,
          failedLanguages: outcome.errors.map((error) => error.language),
        });
        return false;
      }
      return true;
    } catch (error) {
      logger.error('article processing failed, will be retried', {
        key: object.key,
        bucket: object.bucket,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        // What to do, when the error knows (a permission the bucket refused even for the failed record).
        ...(error instanceof ArticleError ? { hint: error.hint } : {}),
      });
      return false;
    }
  };

  return async (event) => {
    if (!isSqsEvent(event)) {
      const results = await Promise.all(objectsCreated(event).map((object) => limit(() => handle(object))));
      if (results.includes(false)) throw new Error('Some articles could not be processed; see the logs.');
      return { batchItemFailures: [] };
    }
    const failures = await Promise.all(
      event.Records.map(async (message) => {
        let body: unknown;
        try {
          body = JSON.parse(message.body);
        } catch {
          logger.error('message is not an S3 notification, dropped', { messageId: message.messageId });
          return undefined;
        }
        if (isS3TestEvent(body)) {
          logger.info('S3 test event ignored', { messageId: message.messageId });
          return undefined;
        }
        const results = await Promise.all(
          objectsCreated(body as S3Event).map((object) => limit(() => handle(object))),
        );
        return results.includes(false) ? { itemIdentifier: message.messageId } : undefined;
      }),
    );
    return { batchItemFailures: failures.filter((failure) => failure !== undefined) };
  };
}
