import '../support/quiet-aws-sdk.js';
import { readFileSync } from 'node:fs';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AmazonTranslateTranslator } from '../../functions/adapters/amazon-translate-translator.js';
import { createTranslateClient } from '../../functions/adapters/aws-clients.js';
import type { ManifestJson } from '../../functions/core/contract.js';
import { defaultPrefixes, defaultSpendSettings } from '../../functions/core/settings.js';
import { createArticleHandler } from '../../functions/lambda/article-handler.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, TEST_MEMORY_KEY } from '../doubles/pipeline-fixture.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

const seed = readFileSync(
  new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url),
  'utf8',
);
const seedEvent = JSON.parse(
  readFileSync(new URL('../../samples/events/s3-put-seed.json', import.meta.url), 'utf8'),
) as S3Event;
const key = 'incoming/wang-yi-moscow-visit.txt';
const manifestKey = 'published/wang-yi-moscow-visit/manifest.json';
const languages = ['es', 'fr', 'de', 'ru', 'zh', 'ar'];

/** The seed's S3 notification for `bucket` and `versionId`, delivered through SQS as the deployed queue does. */
function delivery(bucket: string, versionId: string, messageId = 'm-1'): SQSEvent {
  const record = seedEvent.Records[0] as S3Event['Records'][number];
  const body: S3Event = {
    Records: [
      {
        ...record,
        s3: {
          ...record.s3,
          bucket: { ...record.s3.bucket, name: bucket },
          object: { ...record.s3.object, versionId },
        },
      },
    ],
  };
  return {
    Records: [
      {
        messageId,
        receiptHandle: 'r',
        body: JSON.stringify(body),
        attributes: {} as SQSEvent['Records'][number]['attributes'],
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:polybrief',
        awsRegion: 'eu-west-1',
      },
    ],
  };
}

describe('createArticleHandler with a translation memory and Amazon Translate', () => {
  let server: TranslateProtocolServer;
  let buckets: Map<string, MemoryArticleStore>;
  let translator: AmazonTranslateTranslator;
  const handler = () =>
    createArticleHandler({
      settings: {
        ...defaultPrefixes,
        ...defaultSpendSettings,
        sourceLanguage: 'en',
        targetLanguages: languages,
        maxArticleBytes: 100_000,
        pipelineVersion: 'test',
        translationScope: 'full',
        pricePerMillionCharacters: 15,
      },
      storeFor: (bucket) => buckets.get(bucket) as MemoryArticleStore,
      translator,
      clock: fixedClock('2024-05-01T10:00:00Z'),
      logger: silentLogger,
      translationMemory: { prefix: 'cache/', memoryKey: TEST_MEMORY_KEY },
    });

  beforeAll(async () => {
    server = await startTranslateProtocolServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    buckets = new Map([
      ['newsroom-a', new MemoryArticleStore()],
      ['newsroom-b', new MemoryArticleStore()],
    ]);
    translator = new AmazonTranslateTranslator({
      client: createTranslateClient({
        endpoint: server.endpoint,
        region: DUMMY_REGION,
        credentials: DUMMY_CREDENTIALS,
      }),
    });
  });

  it('sends a short article in one request per language and format: plain sentences and names, tagged sentences', async () => {
    const a = buckets.get('newsroom-a') as MemoryArticleStore;
    const version = a.upload(key, seed);

    const response = await handler()(delivery('newsroom-a', version.versionId ?? ''));

    expect(response.batchItemFailures).toEqual([]);
    expect(server.stats().requests).toBe(2 * languages.length);
    for (const language of languages) {
      const [plain, tagged] = server.requests
        .filter((request) => request.targetLanguage === language)
        .sort((x, y) => Number(x.text.includes('translate=no')) - Number(y.text.includes('translate=no')));
      // People are never translated, so their names are not sent on their own; they stay in their sentences.
      expect(plain?.text.split('\n')).not.toContain('Jake Sullivan');
      expect(plain?.text).not.toContain('<');
      expect(tagged?.text.split('\n')).toContain(
        // Amazon Translate bills markup: places are not marked for it (they are found by their words after).
        '<span id=0 translate=no>Putin</span> has confirmed his upcoming visit to China next month, marking his first foreign trip of 2023.',
      );
    }
    const manifest = a.json<ManifestJson>(manifestKey);
    expect(manifest.translation.languages.es).toMatchObject({ requests: 2, charactersFromMemory: 0 });
    expect(manifest.translation.languages.es?.charactersSent).toBe(server.stats().byLanguage.es?.characters);
  });

  it('makes no request and writes nothing for a duplicate SQS delivery of the same version', async () => {
    const a = buckets.get('newsroom-a') as MemoryArticleStore;
    const version = a.upload(key, seed);
    await handler()(delivery('newsroom-a', version.versionId ?? ''));
    const requests = server.stats().requests;
    const writes = a.writes.length;
    const manifest = a.text(manifestKey);

    const response = await handler()(delivery('newsroom-a', version.versionId ?? '', 'm-2'));

    expect(response.batchItemFailures).toEqual([]);
    expect(server.stats().requests).toBe(requests);
    expect(a.writes.length).toBe(writes);
    expect(a.text(manifestKey)).toBe(manifest);
  });

  it('keeps each bucket’s memory in that bucket, under the cache prefix', async () => {
    const a = buckets.get('newsroom-a') as MemoryArticleStore;
    const b = buckets.get('newsroom-b') as MemoryArticleStore;
    a.upload(key, seed, 'va');
    b.upload(key, seed, 'vb');
    const run = handler();

    await run(delivery('newsroom-a', 'va'));
    const afterA = server.stats().requests;
    await run(delivery('newsroom-b', 'vb'));

    expect(a.keys('cache/segments/amazon-translate/en-es/').length).toBeGreaterThan(20);
    expect(b.keys('cache/').length).toBe(a.keys('cache/').length);
    expect(server.stats().requests).toBe(2 * afterA);
  });

  it('answers a new version of the same text from memory, with no request at all', async () => {
    const a = buckets.get('newsroom-a') as MemoryArticleStore;
    a.upload(key, seed, 'v1');
    const run = handler();
    await run(delivery('newsroom-a', 'v1'));
    const requests = server.stats().requests;
    // A re-upload that only changes line endings: a new object (and version) whose sentences are all known.
    a.upload(key, seed.replaceAll('\n', '\r\n'), 'v2');

    const response = await run(delivery('newsroom-a', 'v2'));

    expect(response.batchItemFailures).toEqual([]);
    expect(server.stats().requests).toBe(requests);
    const manifest = a.json<ManifestJson>(manifestKey);
    expect(manifest.source.versionId).toBe('v2');
    expect(manifest.translation.languages.es).toMatchObject({ charactersSent: 0, requests: 0 });
    expect(manifest.translation.languages.es?.charactersFromMemory).toBeGreaterThan(3_000);
  });
});
