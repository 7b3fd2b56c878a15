import { readFileSync } from 'node:fs';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import type { Logger } from '../../functions/core/ports.js';
import { defaultPrefixes, defaultSpendSettings } from '../../functions/core/settings.js';
import { createArticleHandler } from '../../functions/lambda/article-handler.js';
import { decodeS3EventKey } from '../../functions/lambda/s3-events.js';
import { expectValidOutputs } from '../contract/validate.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';

const event = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../samples/events/${name}`, import.meta.url), 'utf8')) as T;
const article = 'A headline\n\nThe council met on Monday. It approved the plan.\n';

function recordingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => {
    lines.push({ level, message });
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

describe('decodeS3EventKey', () => {
  it.each([
    ['incoming/World+News/Wang+Yi+visit.txt', 'incoming/World News/Wang Yi visit.txt'],
    ['incoming/c%2B%2B+%26+rust+news.txt', 'incoming/c++ & rust news.txt'],
    ['incoming/caf%C3%A9/%E5%8C%97%E4%BA%AC+report.md', 'incoming/café/北京 report.md'],
    ['incoming/100%25+sure.txt', 'incoming/100% sure.txt'],
    ['incoming/bad%E0%A4%A.txt', 'incoming/bad%E0%A4%A.txt'],
  ])('decodes %s', (encoded, decoded) => {
    expect(decodeS3EventKey(encoded)).toBe(decoded);
  });
});

describe('createArticleHandler', () => {
  let store: MemoryArticleStore;
  let translator: TaggingTranslator;
  let logger: ReturnType<typeof recordingLogger>;
  const handler = () =>
    createArticleHandler({
      settings: {
        ...defaultPrefixes,
        ...defaultSpendSettings,
        sourceLanguage: 'en',
        targetLanguages: ['es', 'fr'],
        maxArticleBytes: 100_000,
        pipelineVersion: 'test',
        translationScope: 'full',
        pricePerMillionCharacters: 15,
      },
      storeFor: () => store,
      translator,
      clock: { now: () => new Date() },
      logger,
    });

  beforeEach(() => {
    store = new MemoryArticleStore();
    translator = new TaggingTranslator();
    logger = recordingLogger();
  });

  // Every document the handler published follows its schema, and every manifest describes its objects exactly.
  afterEach(() => {
    expectValidOutputs(store.current());
  });

  it('processes every record of an SQS batch, decoding keys as S3 encodes them', async () => {
    store.upload('incoming/World News/Wang Yi visit.txt', article, 'v-space');
    store.upload('incoming/c++ & rust news.txt', article, 'v-plus');
    store.upload('incoming/café/北京 report.md', `# A headline\n\nThe council met on Monday.`, 'v-unicode');
    store.upload(
      'incoming/2024/05/01/desk/nested-story.html',
      '<h1>Headline</h1><p>It rained. It stopped.</p>',
      'v-nested',
    );
    store.upload(
      'incoming/scan.txt',
      new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]),
      'v-binary',
    );

    const response = await handler()(event<SQSEvent>('sqs-batch-encoded-keys.json'));

    expect(response.batchItemFailures).toEqual([]);
    const manifests = store.keys('published/').filter((key) => key.endsWith('manifest.json'));
    expect(manifests).toHaveLength(4);
    const sources = manifests.map((key) => store.json<ManifestJson>(key).source.key).sort();
    expect(sources).toEqual([
      'incoming/2024/05/01/desk/nested-story.html',
      'incoming/World News/Wang Yi visit.txt',
      'incoming/c++ & rust news.txt',
      'incoming/café/北京 report.md',
    ]);
    const failed = store.keys('failed/');
    expect(failed).toHaveLength(1);
    expect(store.json<FailedRecordJson>(failed[0] ?? '').error.code).toBe('binary');
    expect(logger.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      'article failed',
    ]);
  });

  it('reports only the messages worth retrying', async () => {
    store.upload('incoming/World News/Wang Yi visit.txt', article, 'v-space');
    store.upload('incoming/c++ & rust news.txt', article, 'v-plus');
    store.upload('incoming/café/北京 report.md', article, 'v-unicode');
    store.upload(
      'incoming/2024/05/01/desk/nested-story.html',
      '<h1>Headline</h1><p>It rained.</p>',
      'v-nested',
    );
    store.upload('incoming/scan.txt', 'Fine text\n\nNothing wrong here.', 'v-binary');
    const failingStore = new MemoryArticleStore();
    const original = store;
    let calls = 0;
    // The second message's store write fails: a storage fault, which another delivery may cure.
    const flaky = createArticleHandler({
      settings: {
        ...defaultPrefixes,
        ...defaultSpendSettings,
        sourceLanguage: 'en',
        targetLanguages: ['es'],
        maxArticleBytes: 100_000,
        pipelineVersion: 'test',
        translationScope: 'full',
        pricePerMillionCharacters: 15,
      },
      storeFor: () => {
        calls++;
        return calls === 2
          ? {
              ...failingStore,
              location: 'x',
              head: original.head.bind(original),
              get: original.get.bind(original),
              put: () => Promise.reject(new Error('SlowDown')),
            }
          : original;
      },
      translator,
      clock: { now: () => new Date() },
      logger,
    });

    const response = await flaky(event<SQSEvent>('sqs-batch-encoded-keys.json'));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }]);
    expect(
      logger.lines.some((line) => line.level === 'error' && line.message.includes('will be retried')),
    ).toBe(true);
  });

  it('retries a message whose article had a language fail for a passing reason', async () => {
    store.upload('incoming/wang-yi-moscow-visit.txt', article, '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY');
    const { TranslationError } = await import('../../functions/core/errors.js');
    translator.failing.set('fr', new TranslationError('Throttled.', true));
    const body = event<S3Event>('s3-put-seed.json');
    const sqsEvent = {
      Records: [
        {
          ...event<SQSEvent>('sqs-s3-test-event.json').Records[0],
          messageId: 'm1',
          body: JSON.stringify(body),
        },
      ],
    } as SQSEvent;

    const response = await handler()(sqsEvent);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(store.json<ManifestJson>('published/wang-yi-moscow-visit/manifest.json').status).toBe('partial');
  });

  it('ignores the S3 test event', async () => {
    const response = await handler()(event<SQSEvent>('sqs-s3-test-event.json'));
    expect(response.batchItemFailures).toEqual([]);
    expect(store.writes).toEqual([]);
    expect(logger.lines).toContainEqual({ level: 'info', message: 'S3 test event ignored' });
  });

  it('accepts a plain S3 event too', async () => {
    store.upload(
      'incoming/wang-yi-moscow-visit.txt',
      readFileSync(new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url)),
      '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
    );

    const response = await handler()(event<S3Event>('s3-put-seed.json'));

    expect(response.batchItemFailures).toEqual([]);
    expect(store.json<ManifestJson>('published/wang-yi-moscow-visit/manifest.json').languages).toEqual([
      'en',
      'es',
      'fr',
    ]);
  });
});
