import '../support/quiet-aws-sdk.js';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createS3Client } from '../../functions/adapters/aws-clients.js';
import { S3ArticleStore } from '../../functions/adapters/s3-article-store.js';
import type { FailedRecordJson } from '../../functions/core/contract.js';
import { ArticleError, StorageAccessDeniedError } from '../../functions/core/errors.js';
import type { Logger } from '../../functions/core/ports.js';
import { createArticleHandler } from '../../functions/lambda/article-handler.js';
import { silentLogger, testSettings } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';
import { type DenyingS3Server, startDenyingS3 } from '../support/denying-s3-server.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';

const bucket = 'newsroom';
const articleKey = 'incoming/council.txt';
const article =
  'Council approves budget\n\nThe council met on Monday. It approved the plan for the harbour.\n';

let server: DenyingS3Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function storeOver(allows: (method: string, key: string) => boolean): Promise<S3ArticleStore> {
  server = await startDenyingS3({ objects: { [articleKey]: article }, allows });
  // One attempt: a 403 is not retried by the SDK anyway, and the test stays quick.
  const client = createS3Client({
    endpoint: server.endpoint,
    region: DUMMY_REGION,
    credentials: DUMMY_CREDENTIALS,
    forcePathStyle: true,
    maxAttempts: 1,
  });
  return new S3ArticleStore({ client, bucket });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the store answered'),
    (error: unknown) => error,
  );
}

function sqsEvent(key: string): SQSEvent {
  const notification = {
    Records: [
      {
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: bucket }, object: { key, size: article.length } },
      },
    ],
  };
  return {
    Records: [{ eventSource: 'aws:sqs', messageId: 'm-1', body: JSON.stringify(notification) }],
  } as unknown as SQSEvent;
}

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return {
    ...silentLogger,
    errors,
    error: (message, attributes) => {
      errors.push(`${message} ${JSON.stringify(attributes)}`);
    },
  };
}

describe('S3ArticleStore when the bucket refuses a request (403 AccessDenied)', () => {
  it('says which read was refused and names the permissions that make a missing key read as missing', async () => {
    const store = await storeOver(() => false);

    for (const read of [() => store.get('published/council/manifest.json'), () => store.head('cache/x')]) {
      const error = await rejection(read());
      expect(error).toBeInstanceOf(StorageAccessDeniedError);
      expect(error).toBeInstanceOf(ArticleError);
      expect((error as StorageAccessDeniedError).code).toBe('access-denied');
      expect((error as StorageAccessDeniedError).hint).toContain(
        `s3:ListBucket on arn:aws:s3:::${bucket} (without a prefix condition)`,
      );
    }
    const error = (await rejection(store.get('published/council/manifest.json'))) as StorageAccessDeniedError;
    expect(error.message).toBe(
      'The bucket refused to let polybrief read published/council/manifest.json (AccessDenied: Access Denied).',
    );
    expect(error.hint).toContain(`s3:GetObject on arn:aws:s3:::${bucket}/published/council/manifest.json`);
  });

  it('says which write was refused and names s3:PutObject', async () => {
    const store = await storeOver(() => false);

    const error = (await rejection(
      store.put('published/council/es.json', '{}', { contentType: 'application/json' }),
    )) as StorageAccessDeniedError;

    expect(error.message).toBe(
      'The bucket refused to let polybrief write published/council/es.json (AccessDenied: Access Denied).',
    );
    expect(error.hint).toContain(`s3:PutObject on arn:aws:s3:::${bucket}/published/council/es.json`);
    expect(error.hint).not.toContain('s3:ListBucket');
  });
});

describe('the handler when the bucket refuses a read for good', () => {
  const handlerOver = (store: S3ArticleStore, logger: Logger) =>
    createArticleHandler({
      settings: testSettings({ targetLanguages: ['es'] }),
      storeFor: () => store,
      translator: new TaggingTranslator(),
      clock: { now: () => new Date('2024-05-01T10:00:00Z') },
      logger,
    });

  it('records the article as failed, naming the permission, and does not retry it', async () => {
    // The role without s3:ListBucket: a missing key (the first manifest) answers 403, not 404.
    const store = await storeOver((_method, key) => key === articleKey || key.startsWith('failed/'));

    const response = await handlerOver(store, silentLogger)(sqsEvent(articleKey));

    expect(response.batchItemFailures).toEqual([]);
    const record = JSON.parse(
      new TextDecoder().decode((await store.get('failed/council.json'))?.body),
    ) as FailedRecordJson;
    expect(record.error.code).toBe('access-denied');
    expect(record.error.message).toContain('read published/council/manifest.json');
    expect(record.error.hint).toContain('s3:ListBucket');
  });

  it('retries (and so dead-letters) an article whose failed record cannot be written either, logging why', async () => {
    const store = await storeOver((_method, key) => key === articleKey);
    const logger = recordingLogger();

    const response = await handlerOver(store, logger)(sqsEvent(articleKey));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(logger.errors.join('\n')).toContain('s3:PutObject on arn:aws:s3:::newsroom/failed/council.json');
  });
});
