import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ArticleTooLargeError, PreconditionFailedError } from '../../functions/core/errors.js';
import type {
  ArticleStore,
  GetOptions,
  ObjectInfo,
  PutOptions,
  PutResult,
  StoredObject,
} from '../../functions/core/ports.js';

/** One version of an object, as the store keeps it. */
export interface MemoryObject {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly versionId: string;
  readonly etag: string;
  /** Set when the store was given `lastModifiedFrom`. */
  readonly lastModified?: Date;
  /** User metadata, as an upload gave it. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Requests made under one top-level prefix (`cache`, `published`...); a head counts as a get. */
export interface StoreCounts {
  gets: number;
  puts: number;
}

export interface MemoryArticleStoreOptions {
  /** The bucket name the pipeline records as provenance. Default `memory-bucket`. */
  readonly location?: string;
  /**
   * `newest` (default): every write makes a new version (ids `v1`, `v2`... counted across the bucket) but only a
   * key's newest version is kept, so a get naming an older version finds nothing.
   * `all`: as in a versioned S3 bucket, every version stays readable by its id for ever; a plain get reads the
   * newest.
   */
  readonly keepVersions?: 'newest' | 'all';
  /**
   * Gives every version a Last-Modified: this time plus one second per write, so upload times order versions as
   * S3's Last-Modified does. Without it objects have none (the pipeline then dates facts by its clock).
   */
  readonly lastModifiedFrom?: Date;
  /**
   * `md5` (default): the hex MD5 of the body in quotes, as S3 gives a single-part upload. `version-id`: the
   * version id, still new on every write, so that hashing costs nothing when a benchmark measures the store.
   */
  readonly etags?: 'md5' | 'version-id';
  /** Milliseconds every head, get and put waits, standing in for S3's round trip. Default 0. */
  readonly latencyMs?: number;
}

/**
 * The in-memory bucket of the tests and benchmarks (the one `ArticleStore` double). It records every key the
 * pipeline writes (`writes`), counts requests per top-level prefix (`counts`), can wait per request
 * (`latencyMs`), and lets a test act just before any write (`beforePut`: change the bucket mid-publication, or
 * throw to fail the write). Uploads (`upload`) stand for a user's and are neither recorded nor counted.
 */
export class MemoryArticleStore implements ArticleStore {
  readonly location: string;
  /** The newest version of every key. */
  readonly objects = new Map<string, MemoryObject>();
  /** Every key put, in order. */
  readonly writes: string[] = [];
  /** Requests per top-level prefix since the last `resetCounts()`. */
  readonly counts = new Map<string, StoreCounts>();
  /** Called before each put is stored; what it throws, the put throws. */
  beforePut: ((key: string) => void | Promise<void>) | undefined;
  readonly #older = new Map<string, MemoryObject[]>();
  readonly #keepAll: boolean;
  readonly #etags: 'md5' | 'version-id';
  readonly #latencyMs: number;
  #time: number | undefined;
  #version = 0;

  constructor(options: MemoryArticleStoreOptions = {}) {
    this.location = options.location ?? 'memory-bucket';
    this.#keepAll = options.keepVersions === 'all';
    this.#etags = options.etags ?? 'md5';
    this.#latencyMs = options.latencyMs ?? 0;
    this.#time = options.lastModifiedFrom?.getTime();
  }

  /**
   * Puts an upload in place, as a user would; `versionId` replaces the one the store would give it, `metadata` is
   * the upload's user metadata (`x-amz-meta-*`, names without the prefix).
   */
  upload(
    key: string,
    body: string | Uint8Array,
    versionId?: string,
    metadata?: Readonly<Record<string, string>>,
  ): ObjectInfo {
    const object = this.#add(key, body, 'application/octet-stream', versionId, metadata);
    return this.#info(key, object);
  }

  text(key: string): string {
    const object = this.objects.get(key);
    if (!object) throw new Error(`no object ${key}`);
    return new TextDecoder().decode(object.body);
  }

  json<T = Record<string, unknown>>(key: string): T {
    return JSON.parse(this.text(key)) as T;
  }

  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  /** The newest body of every key, as `expectValidOutputs` takes them. */
  current(): Map<string, Uint8Array> {
    return new Map([...this.objects].map(([key, object]) => [key, object.body]));
  }

  /** The newest version id and ETag of every key, to compare two states of the bucket: any write shows. */
  versions(): Map<string, string> {
    return new Map([...this.objects].map(([key, object]) => [key, `${object.versionId}:${object.etag}`]));
  }

  /** Requests under `prefix` (its first path segment) since the last `resetCounts()`. */
  countsFor(prefix: string): StoreCounts {
    return this.counts.get(prefix.split('/')[0] ?? '') ?? { gets: 0, puts: 0 };
  }

  resetCounts(): void {
    this.counts.clear();
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    this.#count(key, 'gets');
    if (this.#latencyMs > 0) await sleep(this.#latencyMs);
    const object = this.objects.get(key);
    return object ? this.#info(key, object) : undefined;
  }

  async get(key: string, options: GetOptions = {}): Promise<StoredObject | undefined> {
    this.#count(key, 'gets');
    if (this.#latencyMs > 0) await sleep(this.#latencyMs);
    const object = this.#find(key, options.versionId);
    if (!object) return undefined;
    if (options.maxBytes !== undefined && object.body.length > options.maxBytes) {
      throw new ArticleTooLargeError(object.body.length, options.maxBytes);
    }
    return { info: this.#info(key, object), body: object.body };
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<PutResult> {
    this.#count(key, 'puts');
    if (this.#latencyMs > 0) await sleep(this.#latencyMs);
    if (this.beforePut) await this.beforePut(key);
    // Checked and written in one step (no await in between), as S3 evaluates a conditional write.
    const current = this.objects.get(key);
    if (options.ifNoneMatch !== undefined && current) throw new PreconditionFailedError(key);
    if (options.ifMatch !== undefined && current?.etag !== options.ifMatch)
      throw new PreconditionFailedError(key);
    const object = this.#add(key, body, options.contentType);
    this.writes.push(key);
    return { etag: object.etag, versionId: object.versionId };
  }

  #find(key: string, versionId: string | undefined): MemoryObject | undefined {
    const newest = this.objects.get(key);
    if (versionId === undefined || newest?.versionId === versionId) return newest;
    return this.#older.get(key)?.find((object) => object.versionId === versionId);
  }

  #add(
    key: string,
    body: string | Uint8Array,
    contentType: string,
    versionId?: string,
    metadata?: Readonly<Record<string, string>>,
  ): MemoryObject {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    this.#version++;
    const id = versionId ?? `v${this.#version}`;
    if (this.#time !== undefined) this.#time += 1000;
    const object: MemoryObject = {
      body: bytes,
      contentType,
      versionId: id,
      etag: this.#etags === 'md5' ? createHash('md5').update(bytes).digest('hex') : id,
      ...(this.#time !== undefined ? { lastModified: new Date(this.#time) } : {}),
      ...(metadata ? { metadata } : {}),
    };
    const replaced = this.objects.get(key);
    if (replaced && this.#keepAll) this.#older.set(key, [...(this.#older.get(key) ?? []), replaced]);
    this.objects.set(key, object);
    return object;
  }

  #info(key: string, object: MemoryObject): ObjectInfo {
    return {
      key,
      size: object.body.length,
      etag: object.etag,
      versionId: object.versionId,
      ...(object.lastModified ? { lastModified: object.lastModified } : {}),
      ...(object.metadata ? { metadata: object.metadata } : {}),
    };
  }

  #count(key: string, kind: keyof StoreCounts): void {
    const slash = key.indexOf('/');
    const top = slash < 0 ? key : key.slice(0, slash);
    const counts = this.counts.get(top) ?? { gets: 0, puts: 0 };
    counts[kind] += 1;
    this.counts.set(top, counts);
  }
}
