import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ArticleTooLargeError, PreconditionFailedError } from '../core/errors.js';
import type {
  ArticleStore,
  GetOptions,
  ObjectInfo,
  PutOptions,
  PutResult,
  StoredObject,
} from '../core/ports.js';

export interface FsArticleStoreOptions {
  /** The folder standing in for the bucket: key `a/b.json` is the file `<root>/a/b.json`. */
  readonly root: string;
  /** Keys served from files elsewhere (`incoming/x.txt` → the file the user named), read-only. */
  readonly sources?: ReadonlyMap<string, string>;
  /**
   * The name recorded as the bucket in manifests and failed records. Default: the folder's own name (`out`), not
   * its path, which would publish where the user's files are on their machine.
   */
  readonly location?: string;
}

function etagOf(body: Uint8Array): string {
  // Bare, as the S3 adapter returns ETags, so manifests compare alike whichever store wrote them.
  return createHash('md5').update(body).digest('hex');
}

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;

/**
 * A folder as an `ArticleStore`, for `polybrief run`. Writes go to a temporary file first, then a rename.
 * Conditional puts (`ifMatch`, `ifNoneMatch`) are checked and written while holding the key's lock (a
 * `<file>.polybrief-lock` created exclusively, so other processes on the same folder wait too): compare and write are
 * one step, as in S3. The folder keeps no user metadata: `polybrief run` chooses with its flags.
 */
export class FsArticleStore implements ArticleStore {
  readonly location: string;
  /** The folder's absolute path. */
  readonly root: string;
  readonly #root: string;
  readonly #sources: ReadonlyMap<string, string>;
  /** Per file, the conditional write in this process that holds (or waits for) its lock. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(options: FsArticleStoreOptions) {
    this.#root = resolve(options.root);
    this.root = this.#root;
    this.location = options.location ?? (basename(this.#root) || 'out');
    this.#sources = options.sources ?? new Map();
  }

  #path(key: string): string {
    const source = this.#sources.get(key);
    if (source) return source;
    const path = resolve(join(this.#root, ...key.split('/')));
    if (!path.startsWith(this.#root + sep))
      throw new Error(`Key ${JSON.stringify(key)} points outside ${this.#root}.`);
    return path;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const stats = await stat(this.#path(key));
      return stats.isFile() ? { key, size: stats.size, lastModified: stats.mtime } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async get(key: string, options: GetOptions = {}): Promise<StoredObject | undefined> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.#path(key), 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return undefined;
      throw error;
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return undefined;
      // Checked before reading: an oversized upload is never loaded into memory.
      if (options.maxBytes !== undefined && stats.size > options.maxBytes) {
        throw new ArticleTooLargeError(stats.size, options.maxBytes);
      }
      const body = new Uint8Array(await readFile(handle));
      return { info: { key, size: body.length, etag: etagOf(body), lastModified: stats.mtime }, body };
    } finally {
      await handle.close();
    }
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<PutResult> {
    if (this.#sources.has(key)) throw new Error(`Refusing to overwrite the input ${key}.`);
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    if (options.ifMatch === undefined && options.ifNoneMatch === undefined) return replaceFile(path, bytes);
    return this.#exclusive(path, async () => {
      const current = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      const holds =
        options.ifNoneMatch !== undefined
          ? current === undefined
          : current !== undefined && etagOf(current) === options.ifMatch;
      if (!holds) throw new PreconditionFailedError(key);
      return replaceFile(path, bytes);
    });
  }

  /** Runs `work` holding the file's lock: queued behind this process's other writers, then the lock file. */
  async #exclusive<T>(path: string, work: () => Promise<T>): Promise<T> {
    const before = this.#queues.get(path) ?? Promise.resolve();
    const turn = before.catch(() => undefined).then(() => withLockFile(path, work));
    this.#queues.set(path, turn);
    try {
      return await turn;
    } finally {
      if (this.#queues.get(path) === turn) this.#queues.delete(path);
    }
  }
}

async function replaceFile(path: string, bytes: Uint8Array): Promise<PutResult> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
  return { etag: etagOf(bytes) };
}

/** Holds `<path>.polybrief-lock` (created exclusively, so one process at a time) while `work` runs. */
async function withLockFile<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lock = `${path}.polybrief-lock`;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      await (await open(lock, 'wx')).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = await stat(lock).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) await unlink(lock).catch(() => undefined);
      else await sleep(wait);
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
