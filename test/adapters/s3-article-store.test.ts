import '../support/quiet-aws-sdk.js';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ArticleStore } from '../../functions/adapters/s3-article-store.js';
import { ArticleTooLargeError } from '../../functions/core/errors.js';
import { startTestS3, type TestS3 } from '../support/embedded-s3-fixture.js';

let test: TestS3;
let store: S3ArticleStore;

beforeAll(async () => {
  test = await startTestS3('newsroom');
  store = new S3ArticleStore({ client: test.client, bucket: 'newsroom' });
});
afterAll(async () => {
  await test.close();
});

const md5 = (data: string | Uint8Array) => createHash('md5').update(data).digest('hex');

/** A client answering every call with `answer`, to reach cases the local endpoint cannot produce. */
function stubClient(answer: () => unknown) {
  const calls: unknown[] = [];
  return {
    calls,
    client: {
      send: async (command: unknown) => {
        calls.push(command);
        return answer();
      },
    } as never,
  };
}

function serviceError(name: string, httpStatusCode: number) {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });
}

describe('S3ArticleStore', () => {
  it('names its bucket as location', () => {
    expect(store.location).toBe('newsroom');
  });

  it("gives an object's user metadata with what it reads, names in lower case without x-amz-meta-", async () => {
    await store.put('incoming/choices.txt', 'Headline\n\nBody.', {
      contentType: 'text/plain',
      metadata: { Languages: 'es,fr', scope: 'brief' },
    });

    const read = await store.get('incoming/choices.txt');
    const head = await store.head('incoming/choices.txt');

    expect(read?.info.metadata).toEqual({ languages: 'es,fr', scope: 'brief' });
    expect(head?.metadata).toEqual({ languages: 'es,fr', scope: 'brief' });
  });

  it('writes, heads and reads back an object with its content type', async () => {
    const text = '{"headline":"Wang Yi visits Moscow — día 1"}';

    const written = await store.put('published/a1/es.json', text, {
      contentType: 'application/json; charset=utf-8',
    });
    const info = await store.head('published/a1/es.json');
    const read = await store.get('published/a1/es.json');

    const size = Buffer.byteLength(text);
    expect(written).toEqual({ etag: md5(text) });
    expect(info).toMatchObject({ key: 'published/a1/es.json', size, etag: md5(text) });
    expect(info?.lastModified).toBeInstanceOf(Date);
    expect(Buffer.from(read?.body ?? []).toString('utf8')).toBe(text);
    expect(read?.info).toMatchObject({ key: 'published/a1/es.json', size, etag: md5(text) });
    const head = await test.client.send(
      new HeadObjectCommand({ Bucket: 'newsroom', Key: 'published/a1/es.json' }),
    );
    expect(head.ContentType).toBe('application/json; charset=utf-8');
    expect(head.CacheControl).toBe('no-cache');
  });

  it('writes bytes as they are, with no cache header for other content types', async () => {
    const bytes = new Uint8Array([0, 255, 1, 254, 10, 13]);

    await store.put('incoming/raw.bin', bytes, { contentType: 'application/octet-stream' });
    const read = await store.get('incoming/raw.bin');

    expect(Buffer.from(read?.body ?? []).equals(Buffer.from(bytes))).toBe(true);
    const head = await test.client.send(
      new HeadObjectCommand({ Bucket: 'newsroom', Key: 'incoming/raw.bin' }),
    );
    expect(head.CacheControl).toBeUndefined();
  });

  it('stores user metadata', async () => {
    await store.put('failed/a2.json', '{}', {
      contentType: 'application/json',
      metadata: { 'article-id': 'a2' },
    });

    const head = await test.client.send(new HeadObjectCommand({ Bucket: 'newsroom', Key: 'failed/a2.json' }));

    expect(head.Metadata).toEqual({ 'article-id': 'a2' });
  });

  it('answers undefined for a missing key', async () => {
    await expect(store.head('incoming/nothing-here.txt')).resolves.toBeUndefined();
    await expect(store.get('incoming/nothing-here.txt')).resolves.toBeUndefined();
  });

  it('keeps keys with spaces, plus signs, percent signs, unicode and nested folders intact', async () => {
    const keys = [
      'incoming/my article.txt',
      'incoming/a+b=c&d.txt',
      'incoming/100% true?.txt',
      'incoming/été/北京 🙂.md',
      'published/x/y/z/deep/es.html',
    ];

    for (const [i, key] of keys.entries()) await store.put(key, `body ${i}`, { contentType: 'text/plain' });
    const bodies = await Promise.all(
      keys.map(async (key) => Buffer.from((await store.get(key))?.body ?? []).toString()),
    );
    const sizes = await Promise.all(keys.map(async (key) => (await store.head(key))?.size));
    const listed = await test.client.send(
      new ListObjectsV2Command({ Bucket: 'newsroom', Prefix: 'incoming/' }),
    );

    expect(bodies).toEqual(keys.map((_, i) => `body ${i}`));
    expect(sizes).toEqual(keys.map((_, i) => `body ${i}`.length));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(expect.arrayContaining(keys.slice(0, 4)));
  });

  it('refuses an object over maxBytes with ArticleTooLargeError', async () => {
    await store.put('incoming/big.txt', 'x'.repeat(50_000), { contentType: 'text/plain' });

    const refused = store.get('incoming/big.txt', { maxBytes: 10_000 });

    await expect(refused).rejects.toBeInstanceOf(ArticleTooLargeError);
    await expect(refused).rejects.toMatchObject({ size: 50_000, maxBytes: 10_000, code: 'too-large' });
    await expect(store.get('incoming/big.txt', { maxBytes: 50_000 })).resolves.toBeDefined();
  });

  it('refuses on the declared length without reading the body', async () => {
    let pulled = false;
    const body = new Readable({
      read() {
        pulled = true;
        this.push(null);
      },
    });
    const { client } = stubClient(() => ({ Body: body, ContentLength: 2_000_000, $metadata: {} }));

    const refused = new S3ArticleStore({ client, bucket: 'b' }).get('k', { maxBytes: 1_000 });

    await expect(refused).rejects.toMatchObject({ name: 'ArticleTooLargeError', size: 2_000_000 });
    expect(pulled).toBe(false);
    expect(body.destroyed).toBe(true);
  });

  it('refuses a body without declared length once it passes maxBytes', async () => {
    const { client } = stubClient(() => ({
      Body: Readable.from([Buffer.alloc(600), Buffer.alloc(600)]),
      $metadata: {},
    }));

    const refused = new S3ArticleStore({ client, bucket: 'b' }).get('k', { maxBytes: 1_000 });

    await expect(refused).rejects.toBeInstanceOf(ArticleTooLargeError);
  });

  it('reads the requested version', async () => {
    const { client, calls } = stubClient(() => ({
      Body: Readable.from([Buffer.from('v1')]),
      ContentLength: 2,
      VersionId: 'v-1',
      ETag: '"abc"',
      $metadata: {},
    }));

    const read = await new S3ArticleStore({ client, bucket: 'b' }).get('k', { versionId: 'v-1' });

    expect((calls[0] as { input: unknown }).input).toEqual({ Bucket: 'b', Key: 'k', VersionId: 'v-1' });
    expect(read?.info).toEqual({ key: 'k', size: 2, etag: 'abc', versionId: 'v-1' });
  });

  it.each([
    ['NoSuchKey', 404],
    ['NoSuchVersion', 404],
    ['NotFound', 404],
    ['UnknownError', 404],
  ])('maps %s to a missing object', async (name, status) => {
    const { client } = stubClient(() => {
      throw serviceError(name, status);
    });
    const stubbed = new S3ArticleStore({ client, bucket: 'b' });

    await expect(stubbed.get('k', { versionId: 'gone' })).resolves.toBeUndefined();
    await expect(stubbed.head('k')).resolves.toBeUndefined();
  });

  it.each([
    ['NoSuchBucket', 404],
    ['InternalError', 500],
  ])('lets %s propagate', async (name, status) => {
    const { client } = stubClient(() => {
      throw serviceError(name, status);
    });

    await expect(new S3ArticleStore({ client, bucket: 'b' }).get('k')).rejects.toMatchObject({ name });
  });

  it('lets a missing bucket on the endpoint propagate', async () => {
    const elsewhere = new S3ArticleStore({ client: test.client, bucket: 'no-such-bucket' });

    await expect(elsewhere.get('incoming/x.txt')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});
