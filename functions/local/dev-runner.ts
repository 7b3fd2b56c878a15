/**
 * `polybrief dev` without the command line: the deployed system rebuilt in one process. An embedded S3 endpoint
 * stands in for the bucket, a local queue for SQS, and the real Lambda handler (`createArticleHandler`) with the
 * real S3 article store does the work, fed S3 notifications of exactly the AWS shape inside SQS messages.
 */
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { createS3Client, type StaticCredentials } from '../adapters/aws-clients.js';
import { storesByBucket } from '../adapters/bucket-stores.js';
import { systemClock } from '../adapters/system-clock.js';
import { editTarget } from '../core/key-layout.js';
import type { ArticleOutcome } from '../core/pipeline.js';
import type { EventSink, LanguageDetector, Logger, Translator } from '../core/ports.js';
import { articleIdFor } from '../core/publish/article-id.js';
import type { PipelineSettings } from '../core/settings.js';
import { type ArticleHandlerDependencies, createArticleHandler } from '../lambda/article-handler.js';
import { objectsCreated } from '../lambda/s3-events.js';
import { type ObjectCreatedEvent, startEmbeddedS3, toS3EventRecord } from './embedded-s3.js';
import { type CloseResult, LocalQueue, type QueuedMessage, type SqsHandler } from './local-queue.js';
import { findPendingUploads, type IncomingObject } from './pending-uploads.js';

export const DEV_DEFAULTS = {
  port: 4569,
  dataDir: '.polybrief',
  bucket: 'polybrief-local',
  region: 'us-east-1',
  concurrency: 4,
  /** As deployed (`maxReceiveCount` of the redrive policy). */
  maxReceiveCount: 3,
  /** First redelivery delay; it doubles with every receive. */
  redeliveryDelayMs: 1_000,
  stopTimeoutMs: 30_000,
} as const;

/** The endpoint accepts any credentials; the runner's own client signs with these. */
const LOCAL_CREDENTIALS: StaticCredentials = {
  accessKeyId: 'POLYBRIEFLOCAL',
  secretAccessKey: 'polybrief-local',
};

export type DevReport =
  /** An article was dealt with (published, partially published, failed, unchanged or ignored). */
  | {
      readonly type: 'outcome';
      readonly outcome: ArticleOutcome;
      readonly ms: number;
      readonly attempt: number;
    }
  /** Processing threw or a language may succeed later: the message will be delivered again. */
  | {
      readonly type: 'retry';
      readonly key: string;
      readonly attempt: number;
      readonly maxReceiveCount: number;
      readonly delayMs: number;
    }
  /** Given up after `attempts` receives; the upload stays in the bucket. */
  | { readonly type: 'dead-letter'; readonly key: string; readonly attempts: number; readonly body: string };

export interface DevRunnerOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port?: number;
  readonly dataDir: string;
  readonly bucket: string;
  readonly region?: string;
  readonly settings: PipelineSettings;
  /** Owned by the caller, who closes it after `stop()`. */
  readonly translator: Translator;
  readonly logger: Logger;
  readonly events?: EventSink;
  /** For `sourceLanguage=auto`: tells each article's language. */
  readonly detector?: LanguageDetector;
  /** Articles processed at once. */
  readonly concurrency?: number;
  readonly maxReceiveCount?: number;
  readonly redeliveryDelayMs?: number;
  /** The translation memory in the bucket, as the deployed function keeps it (under `cache/` there). */
  readonly translationMemory?: ArticleHandlerDependencies['translationMemory'];
  readonly onReport?: (report: DevReport) => void;
  /**
   * Wraps the S3 client the handler's article stores use: a way to inject storage faults (a PUT failing, an
   * object deleted before it is read) and to watch requests, in tests and rehearsals.
   */
  readonly wrapS3Client?: (client: S3Client) => Pick<S3Client, 'send'>;
}

export interface DevRunner {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  readonly port: number;
  readonly bucket: string;
  readonly region: string;
  readonly dataDir: string;
  /** Uploads found at start whose current version had not been published or failed; they are queued. */
  readonly recovered: readonly IncomingObject[];
  /** Resolves once nothing is queued, waiting for redelivery or in flight. */
  idle(): Promise<void>;
  /** Articles in flight now. */
  inFlight(): number;
  /**
   * Stops taking work, lets the articles in flight finish (waiting at most `timeoutMs`), then closes the
   * endpoint. Uploads not finished are left in the bucket for the next start.
   */
  stop(options?: { readonly timeoutMs?: number }): Promise<CloseResult>;
}

/** When each article's current attempt started, for the line reported with its outcome. */
class Attempts {
  readonly #started = new Map<string, { readonly started: number; readonly attempt: number }>();

  /** The outcome's report line, timed from the start of its attempt. */
  report(outcome: ArticleOutcome): DevReport {
    const attempt = this.#started.get(outcome.key);
    return {
      type: 'outcome',
      outcome,
      ms: attempt ? Date.now() - attempt.started : 0,
      attempt: attempt?.attempt ?? 1,
    };
  }

  /** Runs `handle` on `event`, each key it names timed as an attempt meanwhile. */
  async around<T>(event: SQSEvent, handle: (event: SQSEvent) => Promise<T>): Promise<T> {
    const started = Date.now();
    for (const record of event.Records) {
      const attempt = Number(record.attributes.ApproximateReceiveCount);
      for (const key of keysOf(record.body)) this.#started.set(key, { started, attempt });
    }
    try {
      return await handle(event);
    } finally {
      for (const record of event.Records) for (const key of keysOf(record.body)) this.#started.delete(key);
    }
  }
}

/** What the runner is made of, resolved from its options and defaults. */
interface RunnerParts {
  readonly options: DevRunnerOptions;
  readonly region: string;
  readonly concurrency: number;
  readonly maxReceiveCount: number;
  readonly report: (report: DevReport) => void;
  readonly attempts: Attempts;
}

/** The real Lambda handler over the endpoint's bucket, reporting each outcome. */
function localHandler(parts: RunnerParts, storeFor: ArticleHandlerDependencies['storeFor']) {
  const { options, attempts, report } = parts;
  return createArticleHandler({
    settings: options.settings,
    storeFor,
    translator: options.translator,
    clock: systemClock,
    logger: options.logger,
    ...(options.events ? { events: options.events } : {}),
    ...(options.detector ? { detector: options.detector } : {}),
    ...(options.translationMemory ? { translationMemory: options.translationMemory } : {}),
    concurrency: parts.concurrency,
    record: (outcome) => report(attempts.report(outcome)),
  });
}

/** The queue in front of the handler: redeliveries doubling their delay, then the dead-letter log line. */
function localQueue(parts: RunnerParts, handler: SqsHandler): LocalQueue {
  const { options, attempts, report, maxReceiveCount } = parts;
  const { logger } = options;
  const firstDelayMs = options.redeliveryDelayMs ?? DEV_DEFAULTS.redeliveryDelayMs;
  return new LocalQueue({
    concurrency: parts.concurrency,
    maxReceiveCount,
    region: parts.region,
    redeliveryDelayMs: (receiveCount) => firstDelayMs * 2 ** (receiveCount - 1),
    handler: (event: SQSEvent) => attempts.around(event, handler),
    onRedelivery: (message, delayMs) => {
      for (const key of keysOf(message.body))
        report({ type: 'retry', key, attempt: message.receiveCount, maxReceiveCount, delayMs });
    },
    onDeadLetter: (message: QueuedMessage) => {
      const keys = keysOf(message.body);
      // The local dead-letter queue is this log line: the message, as it would sit in the DLQ.
      logger.error('message moved to the dead-letter log', {
        messageId: message.messageId,
        receiveCount: message.receiveCount,
        keys,
        body: message.body,
      });
      for (const key of keys)
        report({ type: 'dead-letter', key, attempts: message.receiveCount, body: message.body });
    },
    onInvocationError: (error) =>
      logger.error('handler invocation failed; its messages will be delivered again', {
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
  });
}

/** Queues an upload's notification as S3 would send it: one article at a time, each version once. */
function enqueuer(parts: RunnerParts, queue: LocalQueue): (event: ObjectCreatedEvent) => void {
  const { settings } = parts.options;
  const articleGroup = (key: string): string => {
    const edited = editTarget(key, settings.editsPrefix)?.articleId;
    return `article:${edited ?? articleIdFor(key, settings.incomingPrefix)}`;
  };
  return (event) => {
    const body = JSON.stringify({ Records: [toS3EventRecord(event, { region: parts.region })] });
    // One article at a time (its uploads and its edits, in upload order); the same version queued twice (event
    // and start-up scan) runs once.
    queue.send(body, { group: articleGroup(event.key), deduplicationId: `${event.key}\n${event.eTag}` });
  };
}

export async function startDevRunner(options: DevRunnerOptions): Promise<DevRunner> {
  const { settings, bucket } = options;
  const parts: RunnerParts = {
    options,
    region: options.region ?? DEV_DEFAULTS.region,
    concurrency: options.concurrency ?? DEV_DEFAULTS.concurrency,
    maxReceiveCount: options.maxReceiveCount ?? DEV_DEFAULTS.maxReceiveCount,
    report: options.onReport ?? (() => undefined),
    attempts: new Attempts(),
  };
  const { region } = parts;
  const s3 = await startEmbeddedS3({
    port: options.port ?? DEV_DEFAULTS.port,
    dataDir: options.dataDir,
    bucket,
    region,
  });
  const client = createS3Client({
    endpoint: s3.endpoint,
    region,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  const storeFor = storesByBucket(options.wrapS3Client?.(client) ?? client);
  const queue = localQueue(parts, localHandler(parts, storeFor));
  const enqueue = enqueuer(parts, queue);
  // The bucket notification's filters: only keys under the incoming and edits prefixes notify (the outputs do not).
  const unsubscribe = s3.onObjectCreated((event) => {
    const notifies = [settings.incomingPrefix, settings.editsPrefix].some((prefix) =>
      event.key.startsWith(prefix),
    );
    if (event.bucket === bucket && notifies) enqueue(event);
  });
  const close = async (timeoutMs: number): Promise<CloseResult> => {
    unsubscribe();
    const result = await queue.close(timeoutMs);
    client.destroy();
    await s3.close();
    return result;
  };

  let recovered: IncomingObject[];
  try {
    recovered = await findPendingUploads({
      client,
      store: storeFor(bucket),
      bucket,
      incomingPrefix: settings.incomingPrefix,
      publishedPrefix: settings.publishedPrefix,
      failedPrefix: settings.failedPrefix,
    });
  } catch (error) {
    await close(0);
    throw error;
  }
  // What S3 sends once a notification is configured, before any object: the handler must let it go.
  queue.send(JSON.stringify(testEvent(bucket)));
  for (const object of recovered) enqueue(recoveredEvent(bucket, object));

  let stopping: Promise<CloseResult> | undefined;
  return {
    endpoint: s3.endpoint,
    port: s3.port,
    bucket,
    region,
    dataDir: s3.dataDir,
    recovered,
    idle: () => queue.idle(),
    inFlight: () => queue.counts().inFlight,
    stop(stopOptions = {}) {
      stopping ??= close(stopOptions.timeoutMs ?? DEV_DEFAULTS.stopTimeoutMs);
      return stopping;
    },
  };
}

/** The keys a message's S3 notification names (decoded), or none when it is not one. */
function keysOf(body: string): string[] {
  try {
    return objectsCreated(JSON.parse(body) as object).map((object) => object.key);
  } catch {
    return [];
  }
}

/** The `s3:TestEvent` message S3 sends to a queue when a bucket notification to it is set up. */
function testEvent(bucket: string) {
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: new Date().toISOString(),
    Bucket: bucket,
    RequestId: randomBytes(8).toString('hex').toUpperCase(),
    HostId: randomBytes(48).toString('base64'),
  };
}

/** The notification S3 would have sent for an upload found at start. */
function recoveredEvent(bucket: string, object: IncomingObject): ObjectCreatedEvent {
  return {
    eventName: 'ObjectCreated:Put',
    eventTime: object.lastModified,
    bucket,
    key: object.key,
    size: object.size,
    eTag: object.eTag,
    sequencer: (BigInt(object.lastModified.getTime()) << 16n).toString(16).toUpperCase().padStart(18, '0'),
    sourceIp: '127.0.0.1',
  };
}
