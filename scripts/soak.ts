/**
 * `npm run soak`: the local bucket (`polybrief dev`'s runner, in this process) takes a burst of uploads, and the
 * script checks that every one ends in exactly one complete manifest (or a failed record), none lost, none
 * published twice, reading everything back through S3, while memory is sampled.
 *
 *   npm run soak                               # 1,000 articles, loopback Translate server (20 ms per request)
 *   npm run soak -- --count 200 --languages es,fr,de
 *   npm run soak -- --throttle 0.5 --throttle-seconds 20   # half the Translate requests answered 429 for 20 s
 *   npm run soak -- --translator apertium --count 100       # the real offline engine (en → es)
 *
 * The default engine is the loopback Translate-protocol server behind the real Amazon Translate adapter and SDK
 * client: the soak tests the pipeline, the queue and the bucket, not an engine's speed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PutObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { articleText, syntheticArticle } from '../bench/translation/synthetic-article.js';
import { AmazonTranslateTranslator } from '../functions/adapters/amazon-translate-translator.js';
import { createS3Client, createTranslateClient } from '../functions/adapters/aws-clients.js';
import { chooseTranslator } from '../functions/cli/translator-choice.js';
import type { FailedRecordJson, ManifestJson } from '../functions/core/contract.js';
import { sha256Hex } from '../functions/core/hashing.js';
import type { EventSink, Logger, PipelineEvent, Translator } from '../functions/core/ports.js';
import { articleIdFor } from '../functions/core/publish/article-id.js';
import { defaultPrefixes, defaultSpendSettings, type PipelineSettings } from '../functions/core/settings.js';
import { type DevReport, startDevRunner } from '../functions/local/dev-runner.js';
import { objectText } from '../test/support/embedded-s3-fixture.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../test/support/translate-protocol-server.js';

export interface SoakOptions {
  readonly count: number;
  readonly translator: 'loopback' | 'apertium';
  readonly languages: readonly string[];
  /** Loopback engine: delay of every answer. */
  readonly latencyMs: number;
  /** Articles processed at once (`polybrief dev --concurrency`). */
  readonly concurrency: number;
  /** Uploads in flight at once during the burst. */
  readonly uploadConcurrency: number;
  /** About this many bytes per article. */
  readonly articleBytes: number;
  /** Loopback engine: this fraction of requests is answered 429 during the storm (0: none). */
  readonly throttle: number;
  /** How long the storm lasts, from the first Translate request. */
  readonly throttleSeconds: number;
  /** Gives up waiting when no article finishes for this long. */
  readonly stallSeconds: number;
  readonly onProgress?: (line: string) => void;
}

export const DEFAULT_SOAK_OPTIONS: SoakOptions = {
  count: 1000,
  translator: 'loopback',
  languages: ['es', 'fr'],
  latencyMs: 20,
  concurrency: 4,
  uploadConcurrency: 32,
  articleBytes: 2500,
  throttle: 0,
  throttleSeconds: 10,
  stallSeconds: 120,
};

export interface SoakFigures {
  readonly uploads: number;
  /** Uploads with a complete manifest at the end, describing exactly the bytes uploaded. */
  readonly published: number;
  /** Uploads with a failed record. */
  readonly failed: number;
  /** Articles published (complete) more than once. */
  readonly duplicates: number;
  /** Uploads with neither a complete manifest nor a failed record at the end. */
  readonly lost: number;
  /** Manifests whose listed objects were missing or not the listed version. */
  readonly inconsistent: number;
  readonly wallSeconds: number;
  readonly articlesPerSecond: number;
  readonly startRssMb: number;
  readonly peakRssMb: number;
  /** RSS when 25, 50, 75 and 100 % of the articles had an outcome. */
  readonly rssAtQuartersMb: readonly number[];
  readonly translateRequests: number;
  readonly throttled: number;
  /** Retries the SDK made, from the manifests' accounting. */
  readonly sdkRetries: number;
  /** Deliveries after the first (retry reports) and messages given up (dead letters). */
  readonly redeliveries: number;
  readonly deadLetters: number;
  /** Requests the pipeline made to the bucket, by operation and top-level prefix (`GetObject cache/`...). */
  readonly bucketRequests: Readonly<Record<string, number>>;
  readonly warnings: number;
  readonly errors: number;
}

const BUCKET = 'polybrief-soak';
const CREDENTIALS = { accessKeyId: 'SOAK', secretAccessKey: 'soak' };

/** Counts log lines by level and keeps the first few warnings and errors to show. */
class CountingLogger implements Logger {
  readonly counts = { debug: 0, info: 0, warn: 0, error: 0 };
  readonly samples: string[] = [];
  #note(level: keyof CountingLogger['counts'], message: string, attributes: object) {
    this.counts[level]++;
    if ((level === 'warn' || level === 'error') && this.samples.length < 5)
      this.samples.push(`${level} ${message} ${JSON.stringify(attributes).slice(0, 300)}`);
  }
  debug(message: string, attributes = {}) {
    this.#note('debug', message, attributes);
  }
  info(message: string, attributes = {}) {
    this.#note('info', message, attributes);
  }
  warn(message: string, attributes = {}) {
    this.#note('warn', message, attributes);
  }
  error(message: string, attributes = {}) {
    this.#note('error', message, attributes);
  }
}

class CountingEventSink implements EventSink {
  readonly completePublications = new Map<string, number>();
  async publish(event: PipelineEvent): Promise<void> {
    if (event.type !== 'ArticlePublished' || event.detail.status !== 'complete') return;
    const count = this.completePublications.get(event.detail.sourceKey) ?? 0;
    this.completePublications.set(event.detail.sourceKey, count + 1);
  }
}

async function engine(
  options: SoakOptions,
): Promise<{ translator: Translator; server?: TranslateProtocolServer; close(): Promise<void> }> {
  if (options.translator === 'apertium') {
    const choice = await chooseTranslator({
      name: 'apertium',
      sourceLanguage: 'en',
      languages: options.languages,
      installMissing: false,
      say: () => undefined,
    });
    if (choice.warning) throw new Error(choice.warning);
    return { translator: choice.translator, close: choice.close };
  }
  let stormEnds: number | undefined;
  const server = await startTranslateProtocolServer({
    latencyMs: options.latencyMs,
    faults: {
      custom: () => {
        if (options.throttle <= 0) return undefined;
        stormEnds ??= Date.now() + options.throttleSeconds * 1000;
        return Date.now() < stormEnds && Math.random() < options.throttle
          ? { status: 429, type: 'ThrottlingException', message: 'Rate exceeded' }
          : undefined;
      },
    },
  });
  const client = createTranslateClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
  });
  return {
    translator: new AmazonTranslateTranslator({ client }),
    server,
    async close() {
      client.destroy();
      await server.close();
    },
  };
}

function readText(client: S3Client, key: string): Promise<string | undefined> {
  return objectText(client, BUCKET, key);
}

/** Runs one soak and returns its figures; everything it made is removed afterwards. */
export async function runSoak(partial: Partial<SoakOptions> = {}): Promise<SoakFigures> {
  const options: SoakOptions = { ...DEFAULT_SOAK_OPTIONS, ...partial };
  const progress = options.onProgress ?? (() => undefined);
  const dataDir = await mkdtemp(join(tmpdir(), 'polybrief-soak-'));
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const { translator, server, close } = await engine(options);
  const logger = new CountingLogger();
  const events = new CountingEventSink();
  const reports: DevReport[] = [];
  /** RSS when a quarter, half, three quarters and all of the articles had an outcome: flat when memory is bounded. */
  const rssAtQuarters: number[] = [];
  /** Requests the handler's store made to the bucket, by operation and top-level prefix. */
  const requests = new Map<string, number>();
  let lastProgress = Date.now();
  const settings: PipelineSettings = {
    ...defaultPrefixes,
    ...defaultSpendSettings,
    sourceLanguage: 'en',
    targetLanguages: options.languages,
    maxArticleBytes: 2_097_152,
    pipelineVersion: 'soak',
    translationScope: 'full',
    pricePerMillionCharacters: 0,
  };
  const runner = await startDevRunner({
    port: 0,
    dataDir,
    bucket: BUCKET,
    settings,
    translator,
    logger,
    events,
    concurrency: options.concurrency,
    translationMemory: { prefix: 'cache/', memoryKey: randomBytes(32) },
    wrapS3Client: (inner) => ({
      send: ((command: { constructor: { name: string }; input?: { Key?: string; Prefix?: string } }) => {
        const where = (command.input?.Key ?? command.input?.Prefix ?? '').split('/')[0];
        const name = `${command.constructor.name.replace('Command', '')} ${where}/`;
        requests.set(name, (requests.get(name) ?? 0) + 1);
        return inner.send(command as never);
      }) as S3Client['send'],
    }),
    onReport: (report) => {
      reports.push(report);
      if (report.type !== 'outcome') return;
      lastProgress = Date.now();
      const done = reports.filter((entry) => entry.type === 'outcome').length;
      for (const quarter of [1, 2, 3, 4])
        if (done === Math.ceil((options.count * quarter) / 4))
          rssAtQuarters[quarter - 1] = process.memoryUsage.rss();
    },
  });
  const client = createS3Client({
    endpoint: runner.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    forcePathStyle: true,
  });

  try {
    const uploads = new Map<string, string>();
    for (let index = 0; index < options.count; index++) {
      const key = `incoming/soak/article ${String(index + 1).padStart(5, '0')}.txt`;
      uploads.set(key, articleText(syntheticArticle({ seed: index + 1, bytes: options.articleBytes })));
    }
    const finished = () =>
      new Set(reports.flatMap((report) => (report.type === 'outcome' ? [report.outcome.key] : []))).size;
    const idleNow = () =>
      Promise.race([
        runner.idle().then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 0)),
      ]);

    const started = Date.now();
    const limit = pLimit(options.uploadConcurrency);
    let uploaded = 0;
    await Promise.all(
      [...uploads].map(([key, text]) =>
        limit(async () => {
          await client.send(
            new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from(text, 'utf8') }),
          );
          uploaded++;
        }),
      ),
    );
    progress(`uploaded ${uploaded} articles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    lastProgress = Date.now();
    let lastLine = 0;
    // Done when every upload has had an outcome and nothing is queued, in flight or waiting for redelivery.
    while (finished() < uploads.size || !(await idleNow())) {
      if (Date.now() - lastProgress > options.stallSeconds * 1000) {
        progress(`no article finished for ${options.stallSeconds} s: giving up waiting`);
        break;
      }
      if (Date.now() - lastLine > 5000) {
        lastLine = Date.now();
        progress(`${finished()} of ${uploads.size} finished, ${runner.inFlight()} in flight`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const wallSeconds = (Date.now() - started) / 1000;

    // Read back as a consumer would: every manifest and failed record, and every object each manifest lists.
    const read = pLimit(16);
    const manifests = new Map<string, ManifestJson>();
    const failedRecords = new Map<string, FailedRecordJson>();
    let inconsistent = 0;
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client }, { Bucket: BUCKET }))
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    await Promise.all(
      keys.map((key) =>
        read(async () => {
          if (key.startsWith('published/') && key.endsWith('/manifest.json')) {
            const manifest = JSON.parse((await readText(client, key)) ?? '{}') as ManifestJson;
            manifests.set(manifest.source.key, manifest);
            for (const artefact of manifest.artefacts) {
              const text = await readText(client, artefact.key);
              if (text === undefined || sha256Hex(new TextEncoder().encode(text)) !== artefact.sha256) {
                inconsistent++;
                break;
              }
            }
          } else if (key.startsWith('failed/')) {
            const record = JSON.parse((await readText(client, key)) ?? '{}') as FailedRecordJson;
            failedRecords.set(record.source.key, record);
          }
        }),
      ),
    );
    let published = 0;
    let lost = 0;
    for (const [key, text] of uploads) {
      const manifest = manifests.get(key);
      const complete =
        manifest?.status === 'complete' &&
        manifest.articleId === articleIdFor(key, settings.incomingPrefix) &&
        manifest.source.sha256 === sha256Hex(new TextEncoder().encode(text));
      if (complete) published++;
      else if (!failedRecords.has(key)) lost++;
    }
    const stats = server?.stats();
    return {
      uploads: uploads.size,
      published,
      failed: failedRecords.size,
      duplicates: [...events.completePublications.values()].filter((count) => count > 1).length,
      lost,
      inconsistent,
      wallSeconds,
      articlesPerSecond: published / wallSeconds,
      startRssMb: startRss / 2 ** 20,
      peakRssMb: peakRss / 2 ** 20,
      rssAtQuartersMb: rssAtQuarters.map((rss) => rss / 2 ** 20),
      translateRequests: stats?.requests ?? 0,
      throttled: stats?.outcomes.throttled ?? 0,
      sdkRetries: [...manifests.values()].reduce(
        (sum, manifest) =>
          sum +
          Object.values(manifest.translation.languages).reduce(
            (total, usage) => total + (usage?.retries ?? 0),
            0,
          ),
        0,
      ),
      redeliveries: reports.filter((report) => report.type === 'retry').length,
      deadLetters: reports.filter((report) => report.type === 'dead-letter').length,
      bucketRequests: Object.fromEntries([...requests].sort()),
      warnings: logger.counts.warn,
      errors: logger.counts.error,
    };
  } finally {
    clearInterval(sampler);
    client.destroy();
    await runner.stop({ timeoutMs: 5_000 });
    await close();
    await rm(dataDir, { recursive: true, force: true });
    for (const sample of logger.samples) progress(sample);
  }
}

/** The figures as the table the README quotes. */
export function formatFigures(options: SoakOptions, figures: SoakFigures): string {
  const engineName =
    options.translator === 'apertium'
      ? 'Apertium'
      : `loopback Translate server (${options.latencyMs} ms per request${options.throttle > 0 ? `, ${Math.round(options.throttle * 100)} % answered 429 for ${options.throttleSeconds} s` : ''})`;
  const rows: [string, string][] = [
    ['engine', `${engineName}, languages ${options.languages.join(',')}, concurrency ${options.concurrency}`],
    ['uploads', String(figures.uploads)],
    ['published (complete, exact source)', String(figures.published)],
    ['failed', String(figures.failed)],
    ['duplicates (published more than once)', String(figures.duplicates)],
    ['lost', String(figures.lost)],
    ['manifests listing a missing or other object', String(figures.inconsistent)],
    ['wall time', `${figures.wallSeconds.toFixed(1)} s`],
    ['throughput', `${figures.articlesPerSecond.toFixed(1)} articles/s`],
    ['RSS at start / peak', `${figures.startRssMb.toFixed(0)} MB / ${figures.peakRssMb.toFixed(0)} MB`],
    [
      'RSS at 25 / 50 / 75 / 100 % done',
      `${figures.rssAtQuartersMb.map((rss) => rss.toFixed(0)).join(' / ')} MB`,
    ],
    ['Translate requests (throttled)', `${figures.translateRequests} (${figures.throttled})`],
    [
      'SDK retries / redeliveries / dead letters',
      `${figures.sdkRetries} / ${figures.redeliveries} / ${figures.deadLetters}`,
    ],
    [
      'bucket requests per article',
      Object.entries(figures.bucketRequests)
        .map(([name, count]) => `${name} ${(count / figures.uploads).toFixed(1)}`)
        .join(', '),
    ],
    ['log lines at warn / error', `${figures.warnings} / ${figures.errors}`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      translator: { type: 'string' },
      languages: { type: 'string' },
      'latency-ms': { type: 'string' },
      concurrency: { type: 'string' },
      'upload-concurrency': { type: 'string' },
      'article-bytes': { type: 'string' },
      throttle: { type: 'string' },
      'throttle-seconds': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'npm run soak -- [--count 1000] [--translator loopback|apertium] [--languages es,fr] [--latency-ms 20]\n' +
        '                [--concurrency 4] [--upload-concurrency 32] [--article-bytes 2500]\n' +
        '                [--throttle 0.5 --throttle-seconds 10]\n',
    );
    return 0;
  }
  const number = (value: string | undefined, fallback: number) =>
    value === undefined ? fallback : Number(value);
  const translator = (values.translator ?? 'loopback') as SoakOptions['translator'];
  if (translator !== 'loopback' && translator !== 'apertium')
    throw new Error('--translator is loopback or apertium');
  const options: SoakOptions = {
    ...DEFAULT_SOAK_OPTIONS,
    count: number(values.count, DEFAULT_SOAK_OPTIONS.count),
    translator,
    languages:
      values.languages?.split(',') ?? (translator === 'apertium' ? ['es'] : DEFAULT_SOAK_OPTIONS.languages),
    latencyMs: number(values['latency-ms'], DEFAULT_SOAK_OPTIONS.latencyMs),
    concurrency: number(values.concurrency, DEFAULT_SOAK_OPTIONS.concurrency),
    uploadConcurrency: number(values['upload-concurrency'], DEFAULT_SOAK_OPTIONS.uploadConcurrency),
    articleBytes: number(values['article-bytes'], DEFAULT_SOAK_OPTIONS.articleBytes),
    throttle: number(values.throttle, 0),
    throttleSeconds: number(values['throttle-seconds'], DEFAULT_SOAK_OPTIONS.throttleSeconds),
    onProgress: (line) => process.stderr.write(`soak: ${line}\n`),
  };
  const figures = await runSoak(options);
  process.stdout.write(`${formatFigures(options, figures)}\n`);
  const ok =
    figures.published + figures.failed === figures.uploads &&
    figures.lost === 0 &&
    figures.duplicates === 0 &&
    figures.inconsistent === 0;
  return ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.exitCode = await main();
}
