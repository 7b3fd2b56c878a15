/**
 * Makes s3rver's filesystem store behave like S3 where polybrief relies on it: a PUT or copy is all or nothing.
 *
 * s3rver writes an object's bytes in place (truncating the file first), then its MD5 and metadata files, and
 * reads those three files one after another. A GET during a PUT of the same key could therefore answer an empty
 * or half-written body, or one with another version's ETag, and a process killed mid-write left a torn object
 * behind for good. Here every object is written to a temporary file beside it and renamed over it, and every
 * operation on one key runs alone (re-entrant, as s3rver's own methods call each other). A reader holding the
 * old file keeps reading the old bytes; a crash leaves either the old object or the new one, never a mix.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The part of s3rver's `FilesystemStore` replaced or used here. */
export interface FilesystemObjectStore {
  getResourcePath(bucket: string, key?: string, resource?: string): string;
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
  getObject(bucket: string, key: string, options?: unknown): Promise<unknown>;
  putObject(object: StoredObjectInput): Promise<{ size: number; md5: string }>;
  copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata?: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  deleteObject(bucket: string, key: string): Promise<void>;
}

/** What s3rver hands `putObject` (an `S3Object`): the request body as a stream, or a buffer. */
interface StoredObjectInput {
  readonly bucket: string;
  readonly key: string;
  readonly content: NodeJS.ReadableStream | Buffer;
  readonly metadata: Record<string, unknown>;
}

/** As s3rver's `putMetadata` keeps them: the standard headers and the user's `x-amz-meta-*`. */
const ALLOWED_METADATA = new Set([
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-type',
  'expires',
  'x-amz-storage-class',
  'x-amz-website-redirect-location',
]);

const TEMPORARY_SUFFIX = /\.polybrief-tmp-[0-9a-f]{16}$/;

function temporaryPath(path: string): string {
  return `${path}.polybrief-tmp-${randomBytes(8).toString('hex')}`;
}

function metadataJson(metadata: Record<string, unknown>): string {
  const kept = Object.entries(metadata).filter(
    ([name]) => ALLOWED_METADATA.has(name) || name.startsWith('x-amz-meta-'),
  );
  return JSON.stringify(Object.fromEntries(kept), null, 2);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function unlinkIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
}

/** Writes `data` to a temporary file and renames it to `path`: readers see the old file or the new one. */
async function writeAtomically(path: string, data: string | Buffer): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Streams `content` into a new file at `path`, returning its size and MD5 once it is written. Not synced to
 * disk: what is promised is surviving the process being killed, not the machine losing power.
 */
async function writeContent(
  path: string,
  content: NodeJS.ReadableStream | Buffer,
): Promise<{ size: number; md5: string }> {
  await mkdir(dirname(path), { recursive: true });
  const md5 = createHash('md5');
  let size = 0;
  if (Buffer.isBuffer(content)) {
    md5.update(content);
    size = content.length;
    await writeFile(path, content, { flag: 'wx' });
  } else {
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    await pipeline(content, measure, createWriteStream(path, { flags: 'wx' }));
  }
  return { size, md5: md5.digest('hex') };
}

/** Runs each key's operations one at a time; a call already holding a key's lock goes straight through. */
function keyLocks() {
  const held = new AsyncLocalStorage<ReadonlySet<string>>();
  const tails = new Map<string, Promise<void>>();
  return async function withLock<T>(bucket: string, key: string, work: () => Promise<T>): Promise<T> {
    const name = `${bucket}\n${key}`;
    const holding = held.getStore();
    if (holding?.has(name)) return work();
    const previous = tails.get(name) ?? Promise.resolve();
    let release = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    tails.set(name, tail);
    await previous;
    try {
      return await held.run(new Set([...(holding ?? []), name]), work);
    } finally {
      release();
      if (tails.get(name) === tail) tails.delete(name);
    }
  };
}

/**
 * Replaces, on this store instance, the methods that write or read an object with all-or-nothing versions.
 * Empty folders are left in place when an object is deleted: removing them raced with writes beside them.
 */
export function makeObjectWritesAtomic(store: FilesystemObjectStore): void {
  const withLock = keyLocks();
  const original = {
    getMetadata: store.getMetadata.bind(store),
    getObject: store.getObject.bind(store),
  };
  const paths = (bucket: string, key: string) => ({
    object: store.getResourcePath(bucket, key, 'object'),
    md5: store.getResourcePath(bucket, key, 'object.md5'),
    metadata: store.getResourcePath(bucket, key, 'metadata.json'),
  });

  /** Puts a complete temporary file in place: metadata first, then the bytes, then their MD5. */
  const install = async (
    bucket: string,
    key: string,
    temporary: string,
    metadata: string | undefined,
    md5: string,
  ): Promise<void> => {
    const target = paths(bucket, key);
    if (metadata === undefined) await unlinkIfPresent(target.metadata);
    else await writeAtomically(target.metadata, metadata);
    // Without an MD5 file s3rver computes the ETag from the bytes, so a crash before the last step stays right.
    await unlinkIfPresent(target.md5);
    await rename(temporary, target.object);
    await writeAtomically(target.md5, md5);
  };

  store.getMetadata = (bucket, key) => withLock(bucket, key, () => original.getMetadata(bucket, key));
  store.getObject = (bucket, key, options) =>
    withLock(bucket, key, () => original.getObject(bucket, key, options));

  store.putObject = (object) =>
    withLock(object.bucket, object.key, async () => {
      const temporary = temporaryPath(paths(object.bucket, object.key).object);
      try {
        const written = await writeContent(temporary, object.content);
        await install(object.bucket, object.key, temporary, metadataJson(object.metadata), written.md5);
        return written;
      } finally {
        await rm(temporary, { force: true });
      }
    });

  store.copyObject = async (srcBucket, srcKey, destBucket, destKey, replacementMetadata) => {
    if (srcBucket === destBucket && srcKey === destKey) {
      return withLock(destBucket, destKey, async () => {
        if (replacementMetadata)
          await writeAtomically(paths(destBucket, destKey).metadata, metadataJson(replacementMetadata));
        return original.getMetadata(destBucket, destKey);
      });
    }
    const source = paths(srcBucket, srcKey);
    const temporary = temporaryPath(paths(destBucket, destKey).object);
    try {
      const copied = await withLock(srcBucket, srcKey, async () => {
        await mkdir(dirname(temporary), { recursive: true });
        await copyFile(source.object, temporary);
        const { etag } = await original.getMetadata(srcBucket, srcKey);
        const metadata = replacementMetadata
          ? metadataJson(replacementMetadata)
          : await readFile(source.metadata, 'utf8').catch((error: unknown) => {
              if (isMissing(error)) return undefined;
              throw error;
            });
        return { metadata, md5: JSON.parse(String(etag)) as string };
      });
      return await withLock(destBucket, destKey, async () => {
        await install(destBucket, destKey, temporary, copied.metadata, copied.md5);
        return original.getMetadata(destBucket, destKey);
      });
    } finally {
      await rm(temporary, { force: true });
    }
  };

  store.deleteObject = (bucket, key) =>
    withLock(bucket, key, async () => {
      const target = paths(bucket, key);
      // The object first: once it is gone the key no longer exists, whatever happens to the rest.
      await unlinkIfPresent(target.object);
      await Promise.all([unlinkIfPresent(target.md5), unlinkIfPresent(target.metadata)]);
    });
}

/** Removes temporary files a killed process left behind (they are never listed or served). */
export async function removeLeftoverTemporaryFiles(dataDir: string): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(dataDir, { recursive: true });
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
  const leftovers = entries.filter((entry) => TEMPORARY_SUFFIX.test(entry));
  await Promise.all(leftovers.map((entry) => rm(join(dataDir, entry), { force: true })));
  return leftovers.length;
}
