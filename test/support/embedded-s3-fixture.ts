import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../functions/adapters/aws-clients.js';
import { type EmbeddedS3, startEmbeddedS3 } from '../../functions/local/embedded-s3.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from './dummy-aws.js';

export interface TestS3 {
  readonly s3: EmbeddedS3;
  /** A client aimed at the endpoint: path-style, dummy credentials, few retries. */
  readonly client: S3Client;
  readonly dataDir: string;
  /** Closes the endpoint and the client; the data folder is removed unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts an embedded S3 endpoint on an ephemeral loopback port, in a new temporary folder unless given one. */
export async function startTestS3(bucket = 'polybrief-test', dataDir?: string): Promise<TestS3> {
  const folder = dataDir ?? (await mkdtemp(join(tmpdir(), 'polybrief-s3-')));
  const s3 = await startEmbeddedS3({ dataDir: folder, bucket, port: 0 });
  const client = s3Client(s3.endpoint);
  return {
    s3,
    client,
    dataDir: folder,
    async close(options = {}) {
      client.destroy();
      await s3.close();
      if (!options.keepData) await rm(folder, { recursive: true, force: true });
    },
  };
}

export function s3Client(endpoint: string, credentials = DUMMY_CREDENTIALS): S3Client {
  return createS3Client({
    endpoint,
    region: DUMMY_REGION,
    credentials,
    forcePathStyle: true,
    maxAttempts: 2,
    requestTimeoutMs: 10_000,
  });
}

/** The object at `key` as UTF-8 text, or `undefined` while it does not exist. */
export async function objectText(client: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await output.Body?.transformToString('utf8');
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}
