import '../support/quiet-aws-sdk.js';
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import pLimit from 'p-limit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import { chooseTranslator, type TranslatorChoice } from '../../functions/cli/translator-choice.js';
import type { ArticleJson, FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { TranslationError } from '../../functions/core/errors.js';
import type { TranslationRequest, TranslationResult, Translator } from '../../functions/core/ports.js';
import { articleIdFor } from '../../functions/core/publish/article-id.js';
import type { DevReport } from '../../functions/local/dev-runner.js';
import { TEST_MEMORY_KEY } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';
import { startTestS3 } from '../support/embedded-s3-fixture.js';
import {
  devSample,
  GatedTranslator,
  getText,
  pollJson,
  RecordingEventSink,
  RecordingLogger,
  SlowTranslator,
  sampleArticle,
  settingsFor,
  startTestRunner,
  type TestRunner,
  upload,
} from './helpers.js';

const idOf = (key: string) => articleIdFor(key, 'incoming/');
const manifestKey = (key: string) => `published/${idOf(key)}/manifest.json`;
const isOutcome = (status?: string) => (report: DevReport) =>
  report.type === 'outcome' && (status === undefined || report.outcome.status === status);
const md5 = (data: Uint8Array | string) => createHash('md5').update(data).digest('hex');

const modes = await listApertiumModes();
const hasSpanish = modes?.includes('eng-spa') === true;
if (!hasSpanish)
  console.warn(
    'Skipping the polybrief dev runner tests with Apertium: apertium-eng-spa is not installed (sudo apt-get install apertium apertium-eng-spa).',
  );

/** Keys S3 users really make: spaces, `+`, `&`, other scripts, nested folders. */
const awkwardKeys = [
  ['incoming/World News/wang yi visit.txt', 'wang-yi-moscow-visit.txt'],
  ['incoming/c++ & rust+news.md', 'city-budget-vote.md'],
  ['incoming/café/北京 report.txt', 'harbour-ferry-returns.txt'],
  ['incoming/2024/05/01/desk/nested-story.html', 'wind-farm-approval.html'],
] as const;

describe.skipIf(!hasSpanish)('polybrief dev runner with Apertium (en → es)', () => {
  let test: TestRunner;
  let choice: TranslatorChoice;
  const events = new RecordingEventSink();
  const logger = new RecordingLogger();
  beforeAll(async () => {
    choice = await chooseTranslator({
      name: 'apertium',
      sourceLanguage: 'en',
      languages: ['es'],
      installMissing: false,
      say: () => undefined,
    });
    test = await startTestRunner({
      settings: settingsFor(choice.languages),
      translator: choice.translator,
      logger,
      events,
    });
  });
  afterAll(async () => {
    await test?.close();
    await choice?.close();
  });

  it('publishes uploads whose keys have spaces, +, unicode and nested folders, as the deployed handler would', async () => {
    for (const [key, sample] of awkwardKeys) await upload(test.client, key, await sampleArticle(sample));

    const manifests = await Promise.all(
      awkwardKeys.map(([key]) => pollJson<ManifestJson>(test.client, manifestKey(key))),
    );

    for (const [index, [key, sample]] of awkwardKeys.entries()) {
      const manifest = manifests[index] as ManifestJson;
      expect(manifest).toMatchObject({
        articleId: idOf(key),
        status: 'complete',
        languages: ['en', 'es'],
        source: { bucket: 'polybrief-local', key, etag: md5(await sampleArticle(sample)) },
      });
      const spanish = JSON.parse(
        (await getText(test.client, `published/${idOf(key)}/es.json`)) ?? '{}',
      ) as ArticleJson;
      expect(spanish.translation).toEqual({ engine: 'apertium', scope: 'full' });
      expect(spanish.source.key).toBe(key);
    }
    const published = await test.until(isOutcome('published'), awkwardKeys.length);
    expect(published.map((report) => report.type === 'outcome' && report.outcome.key).sort()).toEqual(
      awkwardKeys.map(([key]) => key).sort(),
    );
    expect(
      events.events
        .filter((event) => event.type === 'ArticlePublished')
        .map((event) => event.detail.sourceKey)
        .sort(),
    ).toEqual(awkwardKeys.map(([key]) => key).sort());
  });

  it('serves a published page to a browser as UTF-8 HTML', async () => {
    const [key, sample] = awkwardKeys[0];
    await upload(test.client, key, await sampleArticle(sample));
    await pollJson<ManifestJson>(test.client, manifestKey(key));

    const response = await fetch(`${test.runner.endpoint}/polybrief-local/published/${idOf(key)}/es.html`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<html lang="es"');
  });

  it('records an upload that is not an article under failed/ and reports it', async () => {
    const key = 'incoming/desk/photo saved as text.txt';
    await upload(test.client, key, await devSample('photo-saved-as-text.txt'));

    const record = await pollJson<FailedRecordJson>(test.client, `failed/${idOf(key)}.json`);

    expect(record).toMatchObject({
      articleId: idOf(key),
      status: 'failed',
      source: { key },
      error: { code: 'binary' },
    });
    await test.until(isOutcome('failed'));
    expect(events.events).toContainEqual(
      expect.objectContaining({ type: 'ArticleFailed', detail: expect.objectContaining({ sourceKey: key }) }),
    );
    expect(await getText(test.client, manifestKey(key))).toBeUndefined();
  });
});

/** Throws (not a TranslationError, so the whole article is retried) for the first `failures` requests. */
class FlakyTranslator implements Translator {
  readonly engine = 'tagging';
  readonly #inner = new TaggingTranslator();
  constructor(private failures: number) {}
  settingsFor(targetLanguage: string): string {
    return this.#inner.settingsFor(targetLanguage);
  }
  async translate(request: TranslationRequest): Promise<TranslationResult> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('engine crashed');
    }
    return this.#inner.translate(request);
  }
}

describe('polybrief dev runner deliveries (tagging translator: the engine is not under test)', () => {
  const article = 'Harbour ferry returns\n\nThe ferry resumed service on Monday. Officials welcomed it.\n';
  let test: TestRunner | undefined;
  afterEach(async () => {
    await test?.close();
    test = undefined;
  });

  it('processes only objects under incoming/, as the bucket notification filter does', async () => {
    test = await startTestRunner({
      settings: settingsFor(['es']),
      translator: new TaggingTranslator(),
      logger: new RecordingLogger(),
    });
    await upload(test.client, 'notes/readme.txt', article);
    await upload(test.client, 'incoming/ferry.txt', article);

    await pollJson(test.client, manifestKey('incoming/ferry.txt'));
    await test.runner.idle();

    // The outputs the handler wrote (published/...) notified nothing either.
    expect(test.reports.map((report) => report.type === 'outcome' && report.outcome.key)).toEqual([
      'incoming/ferry.txt',
    ]);
  });

  it('delivers a failed message again, with its receive count, and publishes it on the next receive', async () => {
    test = await startTestRunner({
      settings: settingsFor(['es']),
      translator: new FlakyTranslator(1),
      logger: new RecordingLogger(),
      redeliveryDelayMs: 5,
    });

    await upload(test.client, 'incoming/flaky.txt', article);
    const [published] = await test.until(isOutcome('published'));

    expect(test.reports[0]).toMatchObject({
      type: 'retry',
      key: 'incoming/flaky.txt',
      attempt: 1,
      maxReceiveCount: 3,
    });
    expect(published).toMatchObject({ type: 'outcome', attempt: 2 });
  });

  it('redelivers an article whose languages failed retryably, until it is complete', async () => {
    const translator = new TaggingTranslator();
    translator.failing.set('es', new TranslationError('throttled', true));
    test = await startTestRunner({
      settings: settingsFor(['es']),
      translator,
      logger: new RecordingLogger(),
      redeliveryDelayMs: 5,
    });

    await upload(test.client, 'incoming/throttled.txt', article);
    await test.until(isOutcome('partial'));
    translator.failing.clear();
    await test.until(isOutcome('published'));

    expect((await pollJson<ManifestJson>(test.client, manifestKey('incoming/throttled.txt'))).status).toBe(
      'complete',
    );
    expect(test.reports.some((report) => report.type === 'retry')).toBe(true);
  });

  it('gives up after maxReceiveCount receives and logs the dead-lettered message: an S3 notification in AWS shape', async () => {
    const logger = new RecordingLogger();
    test = await startTestRunner({
      settings: settingsFor(['es']),
      translator: new FlakyTranslator(Number.POSITIVE_INFINITY),
      logger,
      maxReceiveCount: 2,
      redeliveryDelayMs: 5,
    });
    const key = 'incoming/poison pill+1.txt';

    await upload(test.client, key, article);
    const [dead] = await test.until((report) => report.type === 'dead-letter');

    expect(dead).toMatchObject({ type: 'dead-letter', key, attempts: 2 });
    expect(test.reports.filter((report) => report.type === 'retry')).toHaveLength(1);
    const line = logger.lines.find((entry) => entry.message === 'message moved to the dead-letter log');
    expect(line?.level).toBe('error');
    const notification = JSON.parse(String(line?.attributes.body)) as S3Event;
    expect(notification.Records).toHaveLength(1);
    expect(notification.Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'polybrief-local', arn: 'arn:aws:s3:::polybrief-local' },
        object: { key: 'incoming/poison+pill%2B1.txt', size: article.length, eTag: md5(article) },
      },
    });
  });

  it('keeps the translation memory in the bucket: the same text under another key is translated from memory', async () => {
    const translator = new TaggingTranslator();
    test = await startTestRunner({
      settings: settingsFor(['es']),
      translator,
      logger: new RecordingLogger(),
      translationMemory: { prefix: 'cache/', memoryKey: TEST_MEMORY_KEY },
    });

    await upload(test.client, 'incoming/first.txt', article);
    await test.until(isOutcome('published'));
    const requestsAfterFirst = translator.requests.length;
    await upload(test.client, 'incoming/second.txt', article);
    const [, second] = await test.until(isOutcome('published'), 2);
    await test.runner.idle();

    expect(requestsAfterFirst).toBeGreaterThan(0);
    expect(translator.requests).toHaveLength(requestsAfterFirst);
    expect(
      second?.type === 'outcome' && second.outcome.status === 'published' && second.outcome.usage.es,
    ).toMatchObject({
      charactersSent: 0,
      charactersFromMemory: expect.any(Number),
    });
    // Its entries are objects of the bucket that notify nothing.
    expect(test.reports).toHaveLength(2);
  });

  it('at start, processes the uploads whose current version has neither a manifest nor a failed record', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'polybrief-dev-scan-'));
    // Lay the bucket out with the endpoint alone, as a crash would have left it.
    const plain = await startTestS3('polybrief-local', dataDir);
    const put = (key: string, body: string) =>
      plain.client.send(
        new PutObjectCommand({ Bucket: 'polybrief-local', Key: key, Body: Buffer.from(body, 'utf8') }),
      );
    const record = (key: string, etag: string | null, sha256: string | null = null) =>
      JSON.stringify({ source: { key, etag, sha256, bytes: article.length } });
    await put('incoming/published.txt', article);
    await put(manifestKey('incoming/published.txt'), record('incoming/published.txt', md5(article)));
    await put('incoming/failed.txt', article);
    await put(`failed/${idOf('incoming/failed.txt')}.json`, record('incoming/failed.txt', md5(article)));
    await put('incoming/same bytes other etag.txt', article);
    await put(
      manifestKey('incoming/same bytes other etag.txt'),
      record(
        'incoming/same bytes other etag.txt',
        'abc-2',
        createHash('sha256').update(article).digest('hex'),
      ),
    );
    await put('incoming/changed since.txt', article);
    await put(manifestKey('incoming/changed since.txt'), record('incoming/changed since.txt', md5('older')));
    await put('incoming/never seen.txt', article);
    await put('incoming/folder/', '');
    await plain.close({ keepData: true });

    test = await startTestRunner({
      dataDir,
      settings: settingsFor(['es']),
      translator: new TaggingTranslator(),
      logger: new RecordingLogger(),
    });
    await test.runner.idle();

    expect(test.runner.recovered.map((object) => object.key).sort()).toEqual([
      'incoming/changed since.txt',
      'incoming/never seen.txt',
    ]);
    expect(
      test.reports
        .filter(isOutcome('published'))
        .map((report) => report.type === 'outcome' && report.outcome.key),
    ).toEqual(expect.arrayContaining(['incoming/changed since.txt', 'incoming/never seen.txt']));
    expect(test.reports).toHaveLength(2);
  });

  it('stopped mid-batch and started again, publishes every article exactly once', async () => {
    const total = 24;
    const keys = Array.from({ length: total }, (_, index) => `incoming/batch/story ${index + 1}.txt`);
    const events = new RecordingEventSink();
    const first = await startTestRunner({
      settings: settingsFor(['es']),
      translator: new SlowTranslator(new TaggingTranslator(), 40),
      logger: new RecordingLogger(),
      events,
      concurrency: 2,
    });
    test = first;
    const limit = pLimit(8);
    await Promise.all(keys.map((key) => limit(() => upload(first.client, key, `${article}Story ${key}.\n`))));
    await first.until(isOutcome('published'), 5);

    // Mid-batch: articles are in flight and more are queued.
    expect(first.runner.inFlight()).toBeGreaterThan(0);
    await first.close({ keepData: true });
    const publishedBefore = new Map(
      first.reports.flatMap((report) =>
        report.type === 'outcome' && report.outcome.status === 'published'
          ? [[report.outcome.key, report]]
          : [],
      ),
    );
    expect(publishedBefore.size).toBeLessThan(total);
    const publishedAtBefore = new Map<string, string>();
    const second = await startTestRunner({
      dataDir: first.dataDir,
      settings: settingsFor(['es']),
      translator: new TaggingTranslator(),
      logger: new RecordingLogger(),
      events,
    });
    test = second;
    for (const key of publishedBefore.keys())
      publishedAtBefore.set(key, (await pollJson<ManifestJson>(second.client, manifestKey(key))).publishedAt);
    await second.runner.idle();

    expect(second.runner.recovered.map((object) => object.key).sort()).toEqual(
      keys.filter((key) => !publishedBefore.has(key)).sort(),
    );
    const published = events.events.filter((event) => event.type === 'ArticlePublished');
    expect(published.map((event) => event.detail.sourceKey).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const manifest = await pollJson<ManifestJson>(second.client, manifestKey(key));
      expect(manifest.source.key).toBe(key);
      if (publishedAtBefore.has(key)) expect(manifest.publishedAt).toBe(publishedAtBefore.get(key));
    }
  });

  it('stops without waiting longer than asked for an article stuck in flight, which the next start processes', async () => {
    const gated = new GatedTranslator(new TaggingTranslator());
    const events = new RecordingEventSink();
    const first = await startTestRunner({
      settings: settingsFor(['es']),
      translator: gated,
      logger: new RecordingLogger(),
      events,
    });
    test = first;
    await upload(first.client, 'incoming/stuck.txt', article);
    while (gated.calls === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    const result = await first.runner.stop({ timeoutMs: 50 });
    await first.close({ keepData: true });

    expect(result).toMatchObject({ drained: false, abandoned: 1 });
    const second = await startTestRunner({
      dataDir: first.dataDir,
      settings: settingsFor(['es']),
      translator: new TaggingTranslator(),
      logger: new RecordingLogger(),
      events,
    });
    test = second;
    await second.runner.idle();
    // The abandoned attempt, let go now, cannot write through the closed endpoint.
    gated.release();

    expect(second.runner.recovered.map((object) => object.key)).toEqual(['incoming/stuck.txt']);
    expect((await pollJson<ManifestJson>(second.client, manifestKey('incoming/stuck.txt'))).status).toBe(
      'complete',
    );
    expect(events.events.map((event) => event.detail.sourceKey)).toEqual(['incoming/stuck.txt']);
  });

  it('publishes a burst of 200 uploads (tagging translator), none lost or failed', async () => {
    const events = new RecordingEventSink();
    const burstLogger = new RecordingLogger();
    test = await startTestRunner({
      settings: settingsFor(['es']),
      translator: new TaggingTranslator(),
      logger: burstLogger,
      events,
    });
    // Short articles: what is under test is the delivery path, not the core's analysis.
    const samples = await Promise.all(
      ['harbour-ferry-returns.txt', 'city-budget-vote.md'].map(sampleArticle),
    );
    const keys = Array.from(
      { length: 200 },
      (_, index) => `incoming/burst/article ${String(index).padStart(3, '0')}.txt`,
    );
    const limit = pLimit(16);
    const client = test.client;

    await Promise.all(
      keys.map((key, index) => limit(() => upload(client, key, samples[index % samples.length] as Buffer))),
    );
    await test.until(isOutcome(), keys.length);
    await test.runner.idle();

    const statuses = test.reports.map((report) =>
      report.type === 'outcome' ? report.outcome.status : report.type,
    );
    expect(burstLogger.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(statuses.filter((status) => status === 'published')).toHaveLength(200);
    expect(statuses).toHaveLength(200);
    expect(new Set(events.events.map((event) => event.detail.articleId)).size).toBe(200);
  }, 90_000);
});
