import '../support/quiet-aws-sdk.js';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DevProcess, devEnvironment, killHard, startDev } from '../support/dev-process.js';
import { s3Client, startTestS3, type TestS3 } from '../support/embedded-s3-fixture.js';

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('hex');

async function read(client: S3Client, bucket: string, key: string) {
  const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const body = Buffer.from((await output.Body?.transformToByteArray()) ?? []);
  return { body, etag: (output.ETag ?? '').replaceAll('"', ''), length: output.ContentLength };
}

describe('the local bucket, read while it is written', () => {
  let test: TestS3;
  beforeAll(async () => {
    test = await startTestS3('atomic');
  });
  afterAll(async () => {
    await test.close();
  });

  it('answers every GET during repeated PUTs of one key with one whole version and its own ETag', async () => {
    const size = 256 * 1024;
    const versions = [Buffer.alloc(size, 'a'), Buffer.alloc(size, 'b')];
    const put = (body: Buffer) =>
      test.client.send(
        new PutObjectCommand({ Bucket: 'atomic', Key: 'published/x/manifest.json', Body: body }),
      );
    await put(versions[0] as Buffer);
    let writing = true;
    const problems: string[] = [];
    let reads = 0;

    const writer = (async () => {
      for (let round = 1; round <= 40; round++) await put(versions[round % 2] as Buffer);
      writing = false;
    })();
    const reader = async () => {
      while (writing || reads < 20) {
        try {
          const { body, etag, length } = await read(test.client, 'atomic', 'published/x/manifest.json');
          reads++;
          const whole = versions.some((version) => version.equals(body));
          if (!whole || etag !== md5(body) || length !== body.length)
            problems.push(`${body.length} bytes (declared ${length}), ETag ${etag || 'none'}`);
        } catch (error) {
          problems.push(String(error));
        }
      }
    };
    await Promise.all([writer, reader(), reader()]);

    expect(reads).toBeGreaterThanOrEqual(20);
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('the local bucket, killed in the middle of a write', () => {
  let work: string;
  const running: DevProcess[] = [];
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-crash-'));
  });
  afterEach(async () => {
    for (const dev of running.splice(0)) await killHard(dev);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('keeps the previous object whole and never shows the interrupted one', async () => {
    const data = join(work, 'data');
    // --translator aws needs no engine on this machine; nothing is uploaded under incoming/.
    const args = ['--port', '0', '--data', data, '--translator', 'aws', '--languages', 'es'];
    const env = devEnvironment(work);
    const first = startDev(args, env, work);
    running.push(first);
    const client = s3Client(await first.endpoint());
    const earlier = Buffer.from('{"version": 1}\n');
    await client.send(
      new PutObjectCommand({ Bucket: 'polybrief-local', Key: 'notes/existing.json', Body: earlier }),
    );

    // The SDK warns on the console when a streamed upload fails, as these will.
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Two slow uploads, over an existing key and to a new one, still streaming when the process dies.
    const size = 4 * 1024 * 1024;
    let sent = 0;
    const slowBody = () =>
      Readable.from(
        (async function* () {
          for (let offset = 0; offset < size; offset += 64 * 1024) {
            sent += 64 * 1024;
            yield Buffer.alloc(64 * 1024, 'z');
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        })(),
      );
    const uploads = ['notes/existing.json', 'notes/new.json'].map((key) =>
      client
        .send(
          new PutObjectCommand({
            Bucket: 'polybrief-local',
            Key: key,
            Body: slowBody(),
            ContentLength: size,
          }),
        )
        .then(
          () => 'finished',
          () => 'interrupted',
        ),
    );
    while (sent < 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 10));
    await killHard(first);
    client.destroy();
    const outcomes = await Promise.all(uploads);
    quiet.mockRestore();

    const second = startDev(args, env, work);
    running.push(second);
    const after = s3Client(await second.endpoint());
    const existing = await read(after, 'polybrief-local', 'notes/existing.json');
    const missing = await read(after, 'polybrief-local', 'notes/new.json').catch(
      (error: Error) => error.name,
    );
    const listed = await after.send(
      new ListObjectsV2Command({ Bucket: 'polybrief-local', Prefix: 'notes/' }),
    );
    after.destroy();
    const leftovers = (await readdir(data, { recursive: true })).filter((name) => name.includes('tmp'));

    expect(outcomes).toEqual(['interrupted', 'interrupted']);
    expect(existing.body.equals(earlier)).toBe(true);
    expect(existing.etag).toBe(md5(earlier));
    expect(missing).toBe('NoSuchKey');
    expect(listed.Contents?.map((object) => object.Key)).toEqual(['notes/existing.json']);
    expect(leftovers).toEqual([]);
  }, 60_000);
});
