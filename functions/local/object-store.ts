/**
 * The objects of the local endpoint, as files in its data folder (layout: `data-folder.ts`), with what polybrief
 * relies on from S3: a write is all or nothing, a read sees one whole version, a conditional write is decided
 * against the object there at the moment it is installed, and listings come in S3's key order.
 *
 * Every object is written to a temporary file beside its place and renamed over it, then its ETag file is
 * written; operations on one key are installed one at a time (a slow upload holds nobody up: only the final
 * rename is serialised). A reader holding the old file keeps reading the old bytes; a process killed at any
 * point leaves the old object or the new one, never a mix (temporary files are removed at the next start).
 */
import { createHash } from 'node:crypto';
import { createReadStream, type Dirent } from 'node:fs';
import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import {
  DataFolder,
  OBJECT_SUFFIX,
  type ObjectFiles,
  TEMPORARY_SUFFIX,
  temporaryPath,
  UPLOADS_FOLDER,
} from './data-folder.js';
import { checkBucketName } from './key-rules.js';
import { checkWriteConditions, type WriteConditions } from './request-conditions.js';
import { S3Error } from './s3-errors.js';

/** The headers kept with an object and sent back with it: the standard ones S3 stores, and `x-amz-meta-*`. */
export type ObjectMetadata = Readonly<Record<string, string>>;

export const STORED_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-type',
  'expires',
  'x-amz-storage-class',
  'x-amz-website-redirect-location',
] as const;

export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  /** Bare (no quotes): the MD5 of the bytes, or `<md5 of the parts' MD5s>-<parts>` for a multipart upload. */
  readonly etag: string;
  /** To the second, as S3 reports it. */
  readonly lastModified: Date;
  readonly metadata: ObjectMetadata;
}

export interface OpenedObject {
  readonly info: ObjectInfo;
  /** Open on the version `info` describes; the caller closes it (a read stream made from it does). */
  readonly handle: FileHandle;
}

/** Writes the new object's bytes to `file` and says what its ETag is. */
export type ObjectProducer = (file: string) => Promise<string>;

export interface KeyRange {
  /** Only keys starting with this. */
  readonly prefix: string;
  /** Only keys after this one (in S3 order). */
  readonly after: string;
  /** Read before each step: keys starting with what it returns are skipped (a common prefix already listed). */
  readonly skip: () => string | undefined;
}

export class ObjectStore {
  readonly folder: DataFolder;
  readonly #locks = new KeyLocks();

  constructor(root: string) {
    this.folder = new DataFolder(root);
  }

  async bucketExists(bucket: string): Promise<boolean> {
    const stats = await stat(this.folder.bucket(bucket)).catch(missingAsUndefined);
    return stats?.isDirectory() ?? false;
  }

  async requireBucket(bucket: string): Promise<void> {
    if (!(await this.bucketExists(bucket)))
      throw new S3Error('NoSuchBucket', undefined, { BucketName: bucket });
  }

  async createBucket(bucket: string): Promise<void> {
    await mkdir(this.folder.bucket(bucket), { recursive: true });
  }

  async listBuckets(): Promise<{ readonly name: string; readonly created: Date }[]> {
    const entries = await readdir(this.folder.root, { withFileTypes: true }).catch(() => [] as Dirent[]);
    const names = entries
      .filter((entry) => entry.isDirectory() && isBucketName(entry.name))
      .map((e) => e.name);
    const buckets = await Promise.all(
      names.map(async (name) => ({ name, created: (await stat(this.folder.bucket(name))).birthtime })),
    );
    return buckets.sort((a, b) => compareKeys(a.name, b.name));
  }

  /** The object's details, or undefined when there is none. */
  head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    const files = this.folder.objectFiles(bucket, key);
    return this.#locks.run(lockName(bucket, key), () => readInfo(files, key));
  }

  /** The object opened for reading, its details taken together with the bytes; undefined when there is none. */
  open(bucket: string, key: string): Promise<OpenedObject | undefined> {
    const files = this.folder.objectFiles(bucket, key);
    return this.#locks.run(lockName(bucket, key), async () => {
      const handle = await open(files.object, 'r').catch(missingAsUndefined);
      if (handle === undefined) return undefined;
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
        const [etag, metadata] = await Promise.all([readEtag(files), readMetadata(files)]);
        return {
          info: { key, size: stats.size, etag, lastModified: toSecond(stats.mtime), metadata },
          handle,
        };
      } catch (error) {
        await handle.close();
        if (isMissing(error)) return undefined;
        throw error;
      }
    });
  }

  /**
   * Creates or replaces an object: `produce` writes its bytes to a temporary file beside it, then, if the
   * object there at that moment meets `conditions`, the file is put in place with `metadata`.
   */
  async write(
    bucket: string,
    key: string,
    produce: ObjectProducer,
    metadata: ObjectMetadata,
    conditions: WriteConditions = {},
  ): Promise<ObjectInfo> {
    const files = this.folder.objectFiles(bucket, key);
    await mkdir(files.folder, { recursive: true });
    const temporary = temporaryPath(files.object);
    try {
      const etag = await produce(temporary);
      return await this.#locks.run(lockName(bucket, key), async () => {
        if (conditions.ifMatch !== undefined || conditions.ifNoneMatch)
          checkWriteConditions(conditions, await readInfo(files, key));
        // Metadata first, then the bytes, then their ETag: without an ETag file the bytes' MD5 is used, so a
        // crash before the last step still leaves a consistent object.
        await writeAtomically(files.metadata, JSON.stringify(metadata, null, 2));
        await unlinkIfPresent(files.md5);
        await rename(temporary, files.object);
        await writeAtomically(files.md5, etag);
        const stats = await stat(files.object);
        return { key, size: stats.size, etag, lastModified: toSecond(stats.mtime), metadata };
      });
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /** Removes the object; nothing happens when there is none. Empty folders stay (listings skip them). */
  delete(bucket: string, key: string): Promise<void> {
    const files = this.folder.objectFiles(bucket, key);
    return this.#locks.run(lockName(bucket, key), async () => {
      // The object first: once it is gone the key no longer exists, whatever happens to the rest.
      await unlinkIfPresent(files.object);
      await Promise.all([unlinkIfPresent(files.md5), unlinkIfPresent(files.metadata)]);
    });
  }

  /**
   * The keys of a bucket in S3's order (UTF-8 bytes), read folder by folder as they are needed: a listing reads
   * the folders on its way and no more, and skips whole folders before its start or under a common prefix.
   */
  keys(bucket: string, range: KeyRange): AsyncGenerator<string> {
    return walk(this.folder.bucket(bucket), '', range);
  }
}

/**
 * Keys sort by their UTF-8 bytes in S3, which is code point order; JavaScript compares UTF-16 units, which
 * puts U+E000..U+FFFF after the surrogates of U+10000 and above. Units at or above U+D800 are remapped.
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

function codeUnitRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

interface WalkEntry {
  readonly sortKey: string;
  readonly folder: boolean;
  readonly name: string;
}

async function* walk(folder: string, keyPrefix: string, range: KeyRange): AsyncGenerator<string> {
  const dirents = await readdir(folder, { withFileTypes: true }).catch(missingAsUndefined);
  if (dirents === undefined) return;
  const entries: WalkEntry[] = [];
  for (const dirent of dirents) {
    if (dirent.isDirectory()) {
      // No key segment may hold `._S3rver_` (key-rules.ts), so this is the uploads folder or a stranger.
      if (dirent.name.includes('._S3rver_') || dirent.name === UPLOADS_FOLDER) continue;
      entries.push({ sortKey: `${keyPrefix}${dirent.name}/`, folder: true, name: dirent.name });
    } else if (dirent.isFile() && dirent.name.endsWith(OBJECT_SUFFIX)) {
      entries.push({
        sortKey: keyPrefix + dirent.name.slice(0, -OBJECT_SUFFIX.length),
        folder: false,
        name: dirent.name,
      });
    }
  }
  // A folder's keys all start with `<name>/`, which sorts after the key `<name>` and before any other entry.
  entries.sort((a, b) => compareKeys(a.sortKey, b.sortKey));
  const { prefix, after } = range;
  for (const entry of entries) {
    const skip = range.skip();
    if (skip !== undefined && entry.sortKey.startsWith(skip)) continue;
    if (entry.folder) {
      const reaches = entry.sortKey.startsWith(prefix) || prefix.startsWith(entry.sortKey);
      // Every key below starts with sortKey; if `after` is past sortKey without starting with it, it is past them all.
      const passed = compareKeys(entry.sortKey, after) < 0 && !after.startsWith(entry.sortKey);
      if (reaches && !passed) yield* walk(join(folder, entry.name), entry.sortKey, range);
    } else if (entry.sortKey.startsWith(prefix) && compareKeys(entry.sortKey, after) > 0) {
      yield entry.sortKey;
    }
  }
}

/** Removes the temporary files a killed process left behind (they are never listed or served). */
export async function removeLeftoverTemporaryFiles(root: string): Promise<number> {
  let removed = 0;
  const visit = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(missingAsUndefined);
    for (const entry of entries ?? []) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile() && TEMPORARY_SUFFIX.test(entry.name)) {
        await rm(path, { force: true });
        removed++;
      }
    }
  };
  await visit(root);
  return removed;
}

async function readInfo(files: ObjectFiles, key: string): Promise<ObjectInfo | undefined> {
  const stats = await stat(files.object).catch(missingAsUndefined);
  if (!stats?.isFile()) return undefined;
  const [etag, metadata] = await Promise.all([readEtag(files), readMetadata(files)]);
  return { key, size: stats.size, etag, lastModified: toSecond(stats.mtime), metadata };
}

async function readEtag(files: ObjectFiles): Promise<string> {
  const stored = await readFile(files.md5, 'utf8').catch(missingAsUndefined);
  if (stored !== undefined && /^[0-9a-f]{32}(-\d{1,5})?$/.test(stored.trim())) return stored.trim();
  // Missing after a crash between the bytes and their ETag (or never written, by older versions).
  const hash = createHash('md5');
  for await (const chunk of createReadStream(files.object)) hash.update(chunk as Buffer);
  const etag = hash.digest('hex');
  await writeAtomically(files.md5, etag);
  return etag;
}

async function readMetadata(files: ObjectFiles): Promise<ObjectMetadata> {
  const text = await readFile(files.metadata, 'utf8').catch(missingAsUndefined);
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(
      ([name, value]) =>
        typeof value === 'string' &&
        ((STORED_HEADERS as readonly string[]).includes(name) || name.startsWith('x-amz-meta-')),
    ),
  ) as ObjectMetadata;
}

/** Writes `data` to a temporary file and renames it to `path`: readers see the old file or the new one. */
export async function writeAtomically(path: string, data: string | Buffer): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await writeFile(temporary, data, { flag: 'wx' });
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

export async function unlinkIfPresent(path: string): Promise<void> {
  await unlink(path).catch(missingAsUndefined);
}

export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** For `.catch()`: a missing file or folder reads as undefined; any other error goes on. */
export function missingAsUndefined(error: unknown): undefined {
  if (isMissing(error)) return undefined;
  throw error;
}

function toSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function isBucketName(name: string): boolean {
  try {
    checkBucketName(name);
    return true;
  } catch {
    return false;
  }
}

function lockName(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

/** Runs the operations on one name one at a time, in the order they asked. */
export class KeyLocks {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => held);
    this.#tails.set(name, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.#tails.get(name) === tail) this.#tails.delete(name);
    }
  }
}
