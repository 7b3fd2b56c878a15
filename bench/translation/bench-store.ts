import { setTimeout as sleep } from 'node:timers/promises';
import { ArticleTooLargeError } from '../../functions/core/errors.js';
import type {
  ArticleStore,
  GetOptions,
  ObjectInfo,
  PutOptions,
  PutResult,
  StoredObject,
} from '../../functions/core/ports.js';

export interface StoreCounts {
  gets: number;
  puts: number;
}

/**
 * An in-memory, versioned bucket that counts requests per key prefix (`cache/`, `published/`...) and can wait
 * a fixed time per request, standing in for S3's round trip when store requests are what is measured.
 */
export class BenchStore implements ArticleStore {
  readonly location = 'bench-bucket';
  readonly objects = new Map<string, { body: Uint8Array; versionId: string; etag: string }>();
  readonly counts = new Map<string, StoreCounts>();
  latencyMs: number;
  #version = 0;

  constructor(latencyMs = 0) {
    this.latencyMs = latencyMs;
  }

  upload(key: string, body: string): string {
    const bytes = new TextEncoder().encode(body);
    this.#version += 1;
    const versionId = `v${this.#version}`;
    this.objects.set(key, { body: bytes, versionId, etag: versionId });
    return versionId;
  }

  /** Requests under `prefix` since the last `resetCounts()`. */
  countsFor(prefix: string): StoreCounts {
    return this.counts.get(prefix.split('/')[0] ?? '') ?? { gets: 0, puts: 0 };
  }

  resetCounts(): void {
    this.counts.clear();
  }

  /** Every object's version, to compare two states of the bucket: any write shows. */
  snapshot(): Map<string, string> {
    return new Map([...this.objects].map(([key, object]) => [key, `${object.versionId}:${object.etag}`]));
  }

  #count(key: string, kind: keyof StoreCounts): void {
    const slash = key.indexOf('/');
    const top = slash < 0 ? key : key.slice(0, slash);
    const counts = this.counts.get(top) ?? { gets: 0, puts: 0 };
    counts[kind] += 1;
    this.counts.set(top, counts);
  }

  async #wait(): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    this.#count(key, 'gets');
    await this.#wait();
    const object = this.objects.get(key);
    return object
      ? { key, size: object.body.length, versionId: object.versionId, etag: object.etag }
      : undefined;
  }

  async get(key: string, options: GetOptions = {}): Promise<StoredObject | undefined> {
    this.#count(key, 'gets');
    await this.#wait();
    const object = this.objects.get(key);
    if (!object || (options.versionId && options.versionId !== object.versionId)) return undefined;
    if (options.maxBytes !== undefined && object.body.length > options.maxBytes) {
      throw new ArticleTooLargeError(object.body.length, options.maxBytes);
    }
    return {
      info: { key, size: object.body.length, versionId: object.versionId, etag: object.etag },
      body: object.body,
    };
  }

  async put(key: string, body: Uint8Array | string, _options: PutOptions): Promise<PutResult> {
    this.#count(key, 'puts');
    await this.#wait();
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    this.#version += 1;
    const versionId = `v${this.#version}`;
    // A new version and tag per write (as in a versioned bucket), without hashing: the store's own time must
    // not weigh on what is measured.
    this.objects.set(key, { body: bytes, versionId, etag: versionId });
    return { etag: versionId, versionId };
  }
}
