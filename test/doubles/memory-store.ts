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

interface Entry {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly versionId: string;
  readonly etag: string;
}

/** An in-memory, versioned bucket that records every write, for tests of the core. */
export class MemoryArticleStore implements ArticleStore {
  readonly location = 'memory-bucket';
  readonly objects = new Map<string, Entry>();
  readonly writes: string[] = [];
  #version = 0;

  /** Put an upload in place, as a user would. */
  upload(key: string, body: string | Uint8Array, versionId?: string): ObjectInfo {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const created = this.#entry(bytes, 'application/octet-stream');
    const entry = versionId ? { ...created, versionId } : created;
    this.objects.set(key, entry);
    return { key, size: bytes.length, etag: entry.etag, versionId: entry.versionId };
  }

  text(key: string): string {
    const entry = this.objects.get(key);
    if (!entry) throw new Error(`no object ${key}`);
    return new TextDecoder().decode(entry.body);
  }

  json<T = Record<string, unknown>>(key: string): T {
    return JSON.parse(this.text(key)) as T;
  }

  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  #entry(body: Uint8Array, contentType: string): Entry {
    this.#version++;
    return {
      body,
      contentType,
      versionId: `v${this.#version}`,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
    };
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const entry = this.objects.get(key);
    return entry ? { key, size: entry.body.length, etag: entry.etag, versionId: entry.versionId } : undefined;
  }

  async get(key: string, options: GetOptions = {}): Promise<StoredObject | undefined> {
    const entry = this.objects.get(key);
    if (!entry || (options.versionId && options.versionId !== entry.versionId)) return undefined;
    if (options.maxBytes !== undefined && entry.body.length > options.maxBytes) {
      throw new ArticleTooLargeError(entry.body.length, options.maxBytes);
    }
    return {
      info: { key, size: entry.body.length, etag: entry.etag, versionId: entry.versionId },
      body: entry.body,
    };
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<PutResult> {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const entry = this.#entry(bytes, options.contentType);
    this.objects.set(key, entry);
    this.writes.push(key);
    return { etag: entry.etag, versionId: entry.versionId };
  }
}
