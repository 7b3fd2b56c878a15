import { createHash } from 'node:crypto';
import { ArticleTooLargeError } from '../../functions/core/errors.js';
import type {
  ArticleStore,
  GetOptions,
  ObjectInfo,
  PutOptions,
  PutResult,
  StoredObject,
} from '../../functions/core/ports.js';

interface Version {
  readonly versionId: string;
  readonly body: Uint8Array;
  readonly etag: string;
  readonly lastModified: Date;
}

/**
 * An in-memory store that behaves like a versioned S3 bucket: every put adds a version, a plain get reads the
 * newest, a get with a version id reads that version for ever. `versioned: false` makes it an unversioned bucket
 * (puts replace, no version ids). `beforePut` lets a test act in the middle of a publication, or fail a write.
 */
export class VersionedStore implements ArticleStore {
  readonly location = 'versioned-bucket';
  readonly writes: string[] = [];
  beforePut: ((key: string) => void | Promise<void>) | undefined;
  #versions = new Map<string, Version[]>();
  #counter = 0;
  #time = Date.parse('2024-01-01T00:00:00Z');

  constructor(private readonly versioned = true) {}

  #add(key: string, bytes: Uint8Array): Version {
    this.#counter++;
    // One second per write: upload times order versions, as S3's Last-Modified does.
    this.#time += 1000;
    const version = {
      versionId: `${key}#${this.#counter}`,
      body: bytes,
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
      lastModified: new Date(this.#time),
    };
    const history = this.versioned ? (this.#versions.get(key) ?? []) : [];
    this.#versions.set(key, [...history, version]);
    return version;
  }

  #info(key: string, version: Version): ObjectInfo {
    return {
      key,
      size: version.body.length,
      etag: version.etag,
      lastModified: version.lastModified,
      ...(this.versioned ? { versionId: version.versionId } : {}),
    };
  }

  /** An upload, as a user makes it (never through the pipeline's puts). */
  upload(key: string, body: string | Uint8Array): ObjectInfo {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    return this.#info(key, this.#add(key, bytes));
  }

  /** The newest version of every key. */
  current(): Map<string, Uint8Array> {
    return new Map(
      [...this.#versions].flatMap(([key, history]) => {
        const newest = history.at(-1);
        return newest ? [[key, newest.body] as const] : [];
      }),
    );
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const newest = this.#versions.get(key)?.at(-1);
    return newest ? this.#info(key, newest) : undefined;
  }

  async get(key: string, options: GetOptions = {}): Promise<StoredObject | undefined> {
    const history = this.#versions.get(key) ?? [];
    const version =
      options.versionId === undefined
        ? history.at(-1)
        : history.find((candidate) => candidate.versionId === options.versionId);
    if (!version) return undefined;
    if (options.maxBytes !== undefined && version.body.length > options.maxBytes) {
      throw new ArticleTooLargeError(version.body.length, options.maxBytes);
    }
    return { info: this.#info(key, version), body: version.body };
  }

  async put(key: string, body: Uint8Array | string, _options: PutOptions): Promise<PutResult> {
    await this.beforePut?.(key);
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const version = this.#add(key, bytes);
    this.writes.push(key);
    return { etag: version.etag, ...(this.versioned ? { versionId: version.versionId } : {}) };
  }
}
