import '../support/quiet-aws-sdk.js';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { TranslateTextCommand } from '@aws-sdk/client-translate';
import { afterEach, describe, expect, it } from 'vitest';
import { createS3Client, createTranslateClient } from '../../functions/adapters/aws-clients.js';
import {
  DEFAULT_RETRY_POLICY,
  ThrottleTolerantRetryStrategy,
} from '../../functions/adapters/retry-strategy.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';
import { startTestS3 } from '../support/embedded-s3-fixture.js';
import { startTranslateProtocolServer } from '../support/translate-protocol-server.js';

const modeOf = (strategy: object) => (strategy as { mode?: string }).mode;

const saved = { ...process.env };
afterEach(() => {
  for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_TRANSLATE']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('createTranslateClient', () => {
  it('retries with the throttle-tolerant strategy, the attempts bounded when given', async () => {
    const bounded = createTranslateClient({
      region: DUMMY_REGION,
      credentials: DUMMY_CREDENTIALS,
      maxAttempts: 7,
    });
    const byDefault = createTranslateClient({ region: DUMMY_REGION, credentials: DUMMY_CREDENTIALS });

    expect(await bounded.config.retryStrategy()).toBeInstanceOf(ThrottleTolerantRetryStrategy);
    expect(await bounded.config.maxAttempts()).toBe(7);
    expect(await byDefault.config.maxAttempts()).toBe(DEFAULT_RETRY_POLICY.throttledAttempts);
    // The SDK's own modes stay available, for the benchmark's comparison.
    const adaptive = createTranslateClient({
      region: DUMMY_REGION,
      credentials: DUMMY_CREDENTIALS,
      retry: 'adaptive',
    });
    expect(modeOf(await adaptive.config.retryStrategy())).toBe('adaptive');
  });

  it('lets the SDK pick the endpoint up from AWS_ENDPOINT_URL_TRANSLATE', async () => {
    const server = await startTranslateProtocolServer();
    try {
      process.env.AWS_ENDPOINT_URL_TRANSLATE = server.endpoint;
      const client = createTranslateClient({ region: DUMMY_REGION, credentials: DUMMY_CREDENTIALS });

      const output = await client.send(
        new TranslateTextCommand({ Text: 'Hello', SourceLanguageCode: 'en', TargetLanguageCode: 'es' }),
      );

      expect(output.TranslatedText).toBe('[es] Hello');
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('createS3Client', () => {
  it('computes and validates checksums only when an operation requires them', async () => {
    const client = createS3Client({ region: DUMMY_REGION, credentials: DUMMY_CREDENTIALS });

    expect(await client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
    expect(modeOf(await client.config.retryStrategy())).toBe('adaptive');
  });

  it('lets the SDK pick the endpoint up from AWS_ENDPOINT_URL_S3 and streams uploads to an s3rver endpoint', async () => {
    const test = await startTestS3('env-bucket');
    try {
      process.env.AWS_ENDPOINT_URL_S3 = test.s3.endpoint;
      const client = createS3Client({
        region: DUMMY_REGION,
        credentials: DUMMY_CREDENTIALS,
        forcePathStyle: true,
      });

      // A stream body is where the SDK's default checksum trailers (aws-chunked) would break s3rver.
      await client.send(
        new PutObjectCommand({
          Bucket: 'env-bucket',
          Key: 'incoming/streamed.txt',
          Body: Readable.from([Buffer.from('streamed '), Buffer.from('body')]),
          ContentLength: 13,
        }),
      );
      const read = await client.send(
        new GetObjectCommand({ Bucket: 'env-bucket', Key: 'incoming/streamed.txt' }),
      );

      expect(await read.Body?.transformToString()).toBe('streamed body');
    } finally {
      await test.close();
    }
  });
});
