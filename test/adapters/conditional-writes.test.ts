import '../support/quiet-aws-sdk.js';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsArticleStore } from '../../functions/adapters/fs-article-store.js';
import { S3ArticleStore } from '../../functions/adapters/s3-article-store.js';
import { PreconditionFailedError } from '../../functions/core/errors.js';
import type { ArticleStore } from '../../functions/core/ports.js';
import { updateSharedObject } from '../../functions/core/shared-object.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { startTestS3, type TestS3 } from '../support/embedded-s3-fixture.js';

let s3: TestS3;
let folder: string;
beforeAll(async () => {
  s3 = await startTestS3('conditional');
  folder = await mkdtemp(join(tmpdir(), 'polybrief-fs-conditional-'));
});
afterAll(async () => {
  await s3.close();
  await rm(folder, { recursive: true, force: true });
});

const stores: [string, () => ArticleStore][] = [
  [
    'S3ArticleStore (through the local endpoint)',
    () => new S3ArticleStore({ client: s3.client, bucket: 'conditional' }),
  ],
  ['FsArticleStore', () => new FsArticleStore({ root: folder })],
  ['MemoryArticleStore', () => new MemoryArticleStore()],
];

const text = (body: Uint8Array | undefined) => new TextDecoder().decode(body);
const json = { contentType: 'application/json' };

describe.each(stores)('%s conditional puts', (_name, makeStore) => {
  it('creates with ifNoneMatch only where nothing is, and replaces with ifMatch only the ETag read', async () => {
    const store = makeStore();
    const key = `shared/${Math.random().toString(36).slice(2)}.json`;

    const first = await store.put(key, 'one', { ...json, ifNoneMatch: '*' });
    await expect(store.put(key, 'other', { ...json, ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await store.put(key, 'two', { ...json, ifMatch: first.etag as string });
    await expect(store.put(key, 'stale', { ...json, ifMatch: first.etag as string })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(
      store.put(`${key}.missing`, 'x', { ...json, ifMatch: first.etag as string }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);

    expect(text((await store.get(key))?.body)).toBe('two');
  });

  it('loses no writer among many updating one object at once', async () => {
    const store = makeStore();
    const key = `shared/${Math.random().toString(36).slice(2)}.json`;
    const writers = Array.from({ length: 12 }, (_, index) => `w${index}`);

    await Promise.all(
      writers.map((writer) =>
        updateSharedObject(
          store,
          key,
          (current) => {
            const names = current ? (JSON.parse(text(current)) as string[]) : [];
            return names.includes(writer)
              ? undefined
              : { body: JSON.stringify([...names, writer]), contentType: 'application/json' };
          },
          { attempts: 100, firstDelayMs: 2 },
        ),
      ),
    );

    const names = JSON.parse(text((await store.get(key))?.body)) as string[];
    expect([...names].sort()).toEqual([...writers].sort());
  });
});

describe('updateSharedObject', () => {
  it('writes nothing when the change says so, and gives up with the last conflict after its attempts', async () => {
    const store = new MemoryArticleStore();
    store.upload('feed.xml', 'v0');
    expect(await updateSharedObject(store, 'feed.xml', () => undefined)).toBe('unchanged');
    expect(store.writes).toEqual([]);

    // Another writer gets in before every put.
    store.beforePut = () => {
      store.upload('feed.xml', `v${Math.random()}`);
    };
    await expect(
      updateSharedObject(store, 'feed.xml', () => ({ body: 'mine', contentType: 'text/plain' }), {
        attempts: 3,
        sleep: async () => undefined,
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(store.writes).toEqual([]);
  });
});

describe('FsArticleStore conditional puts', () => {
  it('leave no lock file behind', async () => {
    const root = await mkdtemp(join(folder, 'locks-'));
    const store = new FsArticleStore({ root });
    await store.put('a/b.json', '1', { ...json, ifNoneMatch: '*' });
    await expect(store.put('a/b.json', '2', { ...json, ifNoneMatch: '*' })).rejects.toThrow(
      PreconditionFailedError,
    );
    expect(await readdir(join(root, 'a'))).toEqual(['b.json']);
  });
});
