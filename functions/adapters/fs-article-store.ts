import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { ArticleTooLargeError } from '../core/errors.js';
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
}

function etagOf(body: Uint8Array): string {
  // Bare, as the S3 adapter returns ETags, so manifests compare alike whichever store wrote them.
  return createHash('md5').update(body).digest('hex');
}

/** A folder as an `ArticleStore`, for `polybrief run`. Writes go to a temporary file first, then a rename. */
export class FsArticleStore implements ArticleStore {
  readonly location: string;
  readonly #root: string;
  readonly #sources: ReadonlyMap<string, string>;

  constructor(options: FsArticleStoreOptions) {
    this.#root = resolve(options.root);
    this.location = this.#root;
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

  async put(key: string, body: Uint8Array | string, _options: PutOptions): Promise<PutResult> {
    if (this.#sources.has(key)) throw new Error(`Refusing to overwrite the input ${key}.`);
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
    return { etag: etagOf(bytes) };
  }
}
