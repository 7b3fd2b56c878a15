import '../support/quiet-aws-sdk.js';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectCreatedEvent } from '../../functions/local/embedded-s3.js';
import { awsCli, hasAwsCli } from '../support/aws-cli.js';
import { startTestS3, type TestS3 } from '../support/embedded-s3-fixture.js';

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest();
const hex = (data: string | Buffer) => md5(data).toString('hex');
const MiB = 1024 * 1024;

/** The error an SDK call failed with: its name and HTTP status. */
async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const { name, $metadata } = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return [name, $metadata?.httpStatusCode];
  }
  return ['no error'];
}

describe('embedded S3 endpoint, behaving as S3 does', () => {
  let test: TestS3;
  const Bucket = 'semantics';
  const put = (Key: string, Body: string | Buffer, extra: Record<string, unknown> = {}) =>
    test.client.send(new PutObjectCommand({ Bucket, Key, Body, ...extra }));
  const text = async (Key: string, extra: Record<string, unknown> = {}) => {
    const output = await test.client.send(new GetObjectCommand({ Bucket, Key, ...extra }));
    return { body: await output.Body?.transformToString(), output };
  };
  beforeAll(async () => {
    test = await startTestS3(Bucket);
  });
  afterAll(async () => {
    await test.close();
  });

  describe('GetObject Range', () => {
    beforeAll(async () => {
      await put('range/ten.txt', '0123456789');
    });

    it.each([
      ['bytes=-3', '789', 'bytes 7-9/10'],
      ['bytes=-20', '0123456789', 'bytes 0-9/10'],
      ['bytes=2-4', '234', 'bytes 2-4/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=8-100', '89', 'bytes 8-9/10'],
    ])('%s reads %s (%s)', async (Range, expected, contentRange) => {
      const { body, output } = await text('range/ten.txt', { Range });

      expect(body).toBe(expected);
      expect(output.ContentRange).toBe(contentRange);
      expect(output.ContentLength).toBe(expected.length);
      expect(output.$metadata.httpStatusCode).toBe(206);
    });

    it('answers InvalidRange for a range that starts past the end, and for any range of an empty object', async () => {
      await put('range/empty.txt', '');

      expect(await failure(text('range/ten.txt', { Range: 'bytes=10-' }))).toEqual(['InvalidRange', 416]);
      expect(await failure(text('range/ten.txt', { Range: 'bytes=-0' }))).toEqual(['InvalidRange', 416]);
      expect(await failure(text('range/empty.txt', { Range: 'bytes=0-' }))).toEqual(['InvalidRange', 416]);
    });
  });

  describe('conditional reads', () => {
    it('If-Match and If-Unmodified-Since: 412 when they do not hold; If-None-Match: 304 when it matches', async () => {
      const { ETag } = await put('conditional/read.txt', 'read me');
      const past = new Date(Date.now() - 3_600_000);

      expect((await text('conditional/read.txt', { IfMatch: ETag })).body).toBe('read me');
      expect(await failure(text('conditional/read.txt', { IfMatch: `"${hex('other')}"` }))).toEqual([
        'PreconditionFailed',
        412,
      ]);
      expect(await failure(text('conditional/read.txt', { IfUnmodifiedSince: past }))).toEqual([
        'PreconditionFailed',
        412,
      ]);
      expect((await failure(text('conditional/read.txt', { IfNoneMatch: ETag })))[1]).toBe(304);
      expect((await text('conditional/read.txt', { IfNoneMatch: `"${hex('other')}"` })).body).toBe('read me');
      // If-Match holds, so If-Unmodified-Since is not looked at (RFC 7232 as S3 documents it).
      expect((await text('conditional/read.txt', { IfMatch: ETag, IfUnmodifiedSince: past })).body).toBe(
        'read me',
      );
    });
  });

  describe('conditional writes', () => {
    it('If-None-Match: * creates a key once; a second create gets 412 PreconditionFailed and changes nothing', async () => {
      await put('conditional/create.txt', 'first', { IfNoneMatch: '*' });

      expect(await failure(put('conditional/create.txt', 'second', { IfNoneMatch: '*' }))).toEqual([
        'PreconditionFailed',
        412,
      ]);
      expect((await text('conditional/create.txt')).body).toBe('first');
    });

    it('If-Match overwrites only the version it names: 412 on another ETag, 404 NoSuchKey when there is none', async () => {
      const first = await put('conditional/update.txt', 'v1');
      const second = await put('conditional/update.txt', 'v2', { IfMatch: first.ETag });

      expect(second.ETag).toBe(`"${hex('v2')}"`);
      expect(await failure(put('conditional/update.txt', 'v3', { IfMatch: first.ETag }))).toEqual([
        'PreconditionFailed',
        412,
      ]);
      expect(await failure(put('conditional/missing.txt', 'x', { IfMatch: first.ETag }))).toEqual([
        'NoSuchKey',
        404,
      ]);
      expect((await text('conditional/update.txt')).body).toBe('v2');
    });

    it('of writers racing with the same If-Match, exactly one wins (what a feed updated by many relies on)', async () => {
      const { ETag } = await put('conditional/feed.xml', '<feed/>');

      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, writer) =>
          put('conditional/feed.xml', `<feed>${writer}</feed>`, { IfMatch: ETag }).then(
            () => 'won',
            (error: Error) => error.name,
          ),
        ),
      );

      expect(outcomes.filter((outcome) => outcome === 'won')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'PreconditionFailed')).toHaveLength(7);
    });

    it('applies If-None-Match to CompleteMultipartUpload and CopyObject too', async () => {
      await put('conditional/taken.txt', 'taken');
      const { UploadId } = await test.client.send(
        new CreateMultipartUploadCommand({ Bucket, Key: 'conditional/taken.txt' }),
      );
      const part = await test.client.send(
        new UploadPartCommand({ Bucket, Key: 'conditional/taken.txt', UploadId, PartNumber: 1, Body: 'mp' }),
      );

      const completed = failure(
        test.client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: 'conditional/taken.txt',
            UploadId,
            IfNoneMatch: '*',
            MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
          }),
        ),
      );
      const copied = failure(
        test.client.send(
          new CopyObjectCommand({
            Bucket,
            Key: 'conditional/taken.txt',
            CopySource: `${Bucket}/conditional/read.txt`,
            IfNoneMatch: '*',
          }),
        ),
      );

      expect(await completed).toEqual(['PreconditionFailed', 412]);
      expect(await copied).toEqual(['PreconditionFailed', 412]);
      expect((await text('conditional/taken.txt')).body).toBe('taken');
    });
  });

  describe('Content-MD5', () => {
    it('stores a body whose Content-MD5 matches; BadDigest when it does not; InvalidDigest when it is not an MD5', async () => {
      await put('digest/right.txt', 'body', { ContentMD5: md5('body').toString('base64') });

      expect(
        await failure(put('digest/wrong.txt', 'body', { ContentMD5: md5('other').toString('base64') })),
      ).toEqual(['BadDigest', 400]);
      expect(await failure(put('digest/invalid.txt', 'body', { ContentMD5: 'not-an-md5' }))).toEqual([
        'InvalidDigest',
        400,
      ]);
      expect((await text('digest/right.txt')).body).toBe('body');
      expect(await failure(text('digest/wrong.txt'))).toEqual(['NoSuchKey', 404]);
    });
  });

  describe('multipart uploads', () => {
    const Key = 'multipart/object.bin';
    const create = async (key = Key, extra: Record<string, unknown> = {}) =>
      (await test.client.send(new CreateMultipartUploadCommand({ Bucket, Key: key, ...extra }))).UploadId;
    const part = (UploadId: string | undefined, PartNumber: number, Body: Buffer | string, key = Key) =>
      test.client.send(new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber, Body }));

    it('gives the object an ETag of the MD5 of the parts’ MD5s and their count, as S3 does', async () => {
      const parts = [Buffer.alloc(5 * MiB, 'a'), Buffer.alloc(5 * MiB, 'b'), Buffer.from('tail')];
      const UploadId = await create();
      const etags = [];
      for (const [index, body] of parts.entries()) etags.push((await part(UploadId, index + 1, body)).ETag);
      const events: ObjectCreatedEvent[] = [];
      const stop = test.s3.onObjectCreated((event) => events.push(event));

      const completed = await test.client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: etags.map((ETag, index) => ({ ETag, PartNumber: index + 1 })) },
        }),
      );
      const head = await test.client.send(new HeadObjectCommand({ Bucket, Key }));
      const read = await test.client.send(new GetObjectCommand({ Bucket, Key }));
      const body = Buffer.from((await read.Body?.transformToByteArray()) ?? []);
      await new Promise((resolve) => setImmediate(resolve));
      stop();

      const expected = `${hex(Buffer.concat(parts.map((p) => md5(p))))}-3`;
      expect(completed.ETag).toBe(`"${expected}"`);
      expect(head.ETag).toBe(`"${expected}"`);
      expect(events.map((event) => [event.eventName, event.eTag, event.size])).toEqual([
        ['ObjectCreated:CompleteMultipartUpload', expected, 10 * MiB + 4],
      ]);
      expect(body.equals(Buffer.concat(parts))).toBe(true);
    });

    it('replaces a part uploaded again under the same number', async () => {
      const UploadId = await create('multipart/again.txt');
      await part(UploadId, 1, 'first', 'multipart/again.txt');
      const second = await part(UploadId, 1, 'second', 'multipart/again.txt');

      await test.client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'multipart/again.txt',
          UploadId,
          MultipartUpload: { Parts: [{ ETag: second.ETag, PartNumber: 1 }] },
        }),
      );

      expect((await text('multipart/again.txt')).body).toBe('second');
    });

    it('refuses part numbers outside 1 to 10,000 with InvalidArgument', async () => {
      const UploadId = await create();

      expect(await failure(part(UploadId, 0, 'x'))).toEqual(['InvalidArgument', 400]);
      expect(await failure(part(UploadId, 10_001, 'x'))).toEqual(['InvalidArgument', 400]);
      expect((await part(UploadId, 10_000, 'x')).ETag).toBe(`"${hex('x')}"`);
    });

    it('after AbortMultipartUpload, its parts and its completion answer NoSuchUpload', async () => {
      const UploadId = await create('multipart/aborted.txt');
      const first = await part(UploadId, 1, 'x', 'multipart/aborted.txt');

      await test.client.send(
        new AbortMultipartUploadCommand({ Bucket, Key: 'multipart/aborted.txt', UploadId }),
      );

      expect(await failure(part(UploadId, 2, 'y', 'multipart/aborted.txt'))).toEqual(['NoSuchUpload', 404]);
      expect(
        await failure(
          test.client.send(
            new CompleteMultipartUploadCommand({
              Bucket,
              Key: 'multipart/aborted.txt',
              UploadId,
              MultipartUpload: { Parts: [{ ETag: first.ETag, PartNumber: 1 }] },
            }),
          ),
        ),
      ).toEqual(['NoSuchUpload', 404]);
      expect(
        await failure(
          test.client.send(
            new AbortMultipartUploadCommand({ Bucket, Key: 'multipart/aborted.txt', UploadId }),
          ),
        ),
      ).toEqual(['NoSuchUpload', 404]);
      expect(await failure(text('multipart/aborted.txt'))).toEqual(['NoSuchKey', 404]);
    });

    it('answers NoSuchUpload for an upload id used with another key', async () => {
      const UploadId = await create('multipart/mine.txt');

      expect(await failure(part(UploadId, 1, 'x', 'multipart/theirs.txt'))).toEqual(['NoSuchUpload', 404]);
    });
  });

  describe('listing', () => {
    it('lists a folder holding only folders as a common prefix, as `aws s3 ls` shows published/ and cache/', async () => {
      const listing = await startTestS3('tree');
      try {
        for (const Key of ['published/a/es.json', 'published/b/es.json', 'cache/x/y/entry.json', 'top.txt'])
          await listing.client.send(new PutObjectCommand({ Bucket: 'tree', Key, Body: Key }));

        const root = await listing.client.send(new ListObjectsV2Command({ Bucket: 'tree', Delimiter: '/' }));
        const published = await listing.client.send(
          new ListObjectsV2Command({ Bucket: 'tree', Delimiter: '/', Prefix: 'published/' }),
        );

        expect(root.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['cache/', 'published/']);
        expect(root.Contents?.map((o) => o.Key)).toEqual(['top.txt']);
        expect(root.KeyCount).toBe(3);
        expect(published.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['published/a/', 'published/b/']);
      } finally {
        await listing.close();
      }
    });

    it('pages through keys in S3 order (UTF-8 bytes) and loses none, however the folders nest', async () => {
      const keys = [
        'order/abc/1',
        'order/abc-def/1',
        'order/abc.txt',
        'order/abc',
        'order/ab/z',
        'order/é',
        'order/😀',
        'order/\uffff',
      ];
      for (const key of keys) await put(key, key);

      const seen: string[] = [];
      for await (const page of paginateListObjectsV2(
        { client: test.client, pageSize: 1 },
        { Bucket, Prefix: 'order/' },
      ))
        seen.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));

      const utf8Order = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      expect(seen).toEqual(utf8Order);
    });

    it('pages through common prefixes once each', async () => {
      for (const key of ['prefixes/a/1', 'prefixes/a/2', 'prefixes/b/1', 'prefixes/c', 'prefixes/d/e/f'])
        await put(key, key);

      const seen: string[] = [];
      for await (const page of paginateListObjectsV2(
        { client: test.client, pageSize: 1 },
        { Bucket, Prefix: 'prefixes/', Delimiter: '/' },
      ))
        seen.push(
          ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
          ...(page.Contents ?? []).map((o) => o.Key ?? ''),
        );

      expect(seen).toEqual(['prefixes/a/', 'prefixes/b/', 'prefixes/c', 'prefixes/d/']);
    });

    it('no longer lists a folder whose objects were all deleted', async () => {
      await put('gone/only/one.txt', 'x');
      await test.client.send(new DeleteObjectCommand({ Bucket, Key: 'gone/only/one.txt' }));

      const listed = await test.client.send(
        new ListObjectsV2Command({ Bucket, Prefix: 'gone/', Delimiter: '/' }),
      );

      expect(listed.CommonPrefixes ?? []).toEqual([]);
      expect(listed.KeyCount).toBe(0);
    });

    it('deletes a batch with DeleteObjects and reports each key', async () => {
      await put('batch/1', '1');
      await put('batch/2', '2');

      const deleted = await test.client.send(
        new DeleteObjectsCommand({
          Bucket,
          Delete: { Objects: [{ Key: 'batch/1' }, { Key: 'batch/2' }, { Key: 'batch/never' }] },
        }),
      );
      const listed = await test.client.send(new ListObjectsV2Command({ Bucket, Prefix: 'batch/' }));

      expect(deleted.Deleted?.map((d) => d.Key).sort()).toEqual(['batch/1', 'batch/2', 'batch/never']);
      expect(listed.KeyCount).toBe(0);
    });
  });

  describe('user metadata (x-amz-meta-*)', () => {
    const Metadata = { languages: 'es,fr', scope: 'brief' };

    it('keeps it on PutObject and returns it on HEAD and GET', async () => {
      await put('meta/put.txt', 'x', { Metadata, ContentType: 'text/plain' });

      const head = await test.client.send(new HeadObjectCommand({ Bucket, Key: 'meta/put.txt' }));
      const { output } = await text('meta/put.txt');

      expect(head.Metadata).toEqual(Metadata);
      expect(output.Metadata).toEqual(Metadata);
      expect(head.ContentType).toBe('text/plain');
    });

    it('keeps what CreateMultipartUpload was given', async () => {
      const { UploadId } = await test.client.send(
        new CreateMultipartUploadCommand({
          Bucket,
          Key: 'meta/multi.txt',
          Metadata,
          ContentType: 'text/markdown',
        }),
      );
      const part = await test.client.send(
        new UploadPartCommand({ Bucket, Key: 'meta/multi.txt', UploadId, PartNumber: 1, Body: 'x' }),
      );
      await test.client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'meta/multi.txt',
          UploadId,
          MultipartUpload: { Parts: [{ ETag: part.ETag, PartNumber: 1 }] },
        }),
      );

      const head = await test.client.send(new HeadObjectCommand({ Bucket, Key: 'meta/multi.txt' }));

      expect(head.Metadata).toEqual(Metadata);
      expect(head.ContentType).toBe('text/markdown');
    });

    it('copies it by default (COPY) and replaces it with x-amz-metadata-directive: REPLACE', async () => {
      await put('meta/source.txt', 'x', { Metadata, ContentType: 'text/plain' });
      const copy = (Key: string, extra: Record<string, unknown>) =>
        test.client.send(
          new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/meta/source.txt`, ...extra }),
        );

      await copy('meta/copied.txt', {});
      await copy('meta/copied-with-ignored.txt', { Metadata: { ignored: 'yes' } });
      await copy('meta/replaced.txt', { MetadataDirective: 'REPLACE', Metadata: { scope: 'full' } });
      await copy('meta/emptied.txt', { MetadataDirective: 'REPLACE' });
      const heads = await Promise.all(
        ['meta/copied.txt', 'meta/copied-with-ignored.txt', 'meta/replaced.txt', 'meta/emptied.txt'].map(
          (Key) => test.client.send(new HeadObjectCommand({ Bucket, Key })),
        ),
      );

      expect(heads.map((head) => head.Metadata)).toEqual([Metadata, Metadata, { scope: 'full' }, {}]);
      expect(heads.map((head) => head.ContentType)).toEqual([
        'text/plain',
        'text/plain',
        'binary/octet-stream',
        'binary/octet-stream',
      ]);
    });

    it('replaces an object’s own metadata by copying it onto itself with REPLACE, and refuses a plain self-copy', async () => {
      await put('meta/self.txt', 'x', { Metadata });
      const self = (extra: Record<string, unknown>) =>
        test.client.send(
          new CopyObjectCommand({
            Bucket,
            Key: 'meta/self.txt',
            CopySource: `${Bucket}/meta/self.txt`,
            ...extra,
          }),
        );

      expect(await failure(self({}))).toEqual(['InvalidRequest', 400]);
      await self({ MetadataDirective: 'REPLACE', Metadata: { scope: 'headline' } });

      expect(
        (await test.client.send(new HeadObjectCommand({ Bucket, Key: 'meta/self.txt' }))).Metadata,
      ).toEqual({
        scope: 'headline',
      });
      expect((await text('meta/self.txt')).body).toBe('x');
    });

    it('refuses more than 2 KB of it with MetadataTooLarge', async () => {
      expect(await failure(put('meta/large.txt', 'x', { Metadata: { big: 'x'.repeat(2100) } }))).toEqual([
        'MetadataTooLarge',
        400,
      ]);
    });
  });
});

if (!hasAwsCli) console.warn('Skipping the AWS CLI semantics tests: the `aws` command is not installed.');

describe.skipIf(!hasAwsCli)('embedded S3 with the AWS CLI, behaving as S3 does', () => {
  let test: TestS3;
  let cli: (...args: string[]) => Promise<string>;
  beforeAll(async () => {
    test = await startTestS3('polybrief-local');
    cli = awsCli(test.s3.endpoint, test.dataDir);
  });
  afterAll(async () => {
    await test.close();
  });

  it('`aws s3 ls s3://polybrief-local/` shows published/ and cache/', async () => {
    for (const Key of ['published/article/es.json', 'cache/es/entry.json', 'incoming/article.txt'])
      await test.client.send(new PutObjectCommand({ Bucket: 'polybrief-local', Key, Body: Key }));

    const listing = await cli('s3', 'ls', 's3://polybrief-local/');

    expect(listing.split('\n').map((line) => line.trim())).toEqual(
      expect.arrayContaining(['PRE cache/', 'PRE incoming/', 'PRE published/']),
    );
  });

  it('gives a file sent in parts an ETag ending in -2, and keeps its --metadata', async () => {
    const file = join(test.dataDir, 'nine.bin');
    await writeFile(file, Buffer.alloc(9 * MiB, 'n'));

    await cli(
      's3',
      'cp',
      file,
      's3://polybrief-local/incoming/nine.bin',
      '--metadata',
      'scope=brief',
      '--only-show-errors',
    );
    const head = JSON.parse(
      await cli('s3api', 'head-object', '--bucket', 'polybrief-local', '--key', 'incoming/nine.bin'),
    ) as { ETag: string; Metadata: Record<string, string>; ContentLength: number };

    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    expect(head.Metadata).toEqual({ scope: 'brief' });
    expect(head.ContentLength).toBe(9 * MiB);
  });

  it('lists, copies and removes keys with spaces, plus signs and percent signs exactly', async () => {
    const key = 'incoming/100%41 a+b.txt';
    await test.client.send(new PutObjectCommand({ Bucket: 'polybrief-local', Key: key, Body: 'odd' }));

    const listing = await cli('s3', 'ls', 's3://polybrief-local/incoming/');
    await cli(
      's3',
      'cp',
      `s3://polybrief-local/${key}`,
      's3://polybrief-local/copies/100%41 a+b.txt',
      '--only-show-errors',
    );
    const copied = await cli('s3', 'cp', 's3://polybrief-local/copies/100%41 a+b.txt', '-');
    await cli('s3', 'rm', `s3://polybrief-local/${key}`, '--only-show-errors');
    const after = await cli('s3', 'ls', 's3://polybrief-local/incoming/');

    expect(listing).toContain('100%41 a+b.txt');
    expect(copied).toBe('odd');
    expect(after).not.toContain('100%41 a+b.txt');
  });
});
