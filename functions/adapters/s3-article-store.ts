import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  PutObjectCommand,
  type PutObjectCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  ArticleTooLargeError,
  PreconditionFailedError,
  StorageAccessDeniedError,
  type StorageOperation,
} from '../core/errors.js';
import type {
  ArticleStore,
  GetOptions,
  ObjectInfo,
  PutOptions,
  PutResult,
  StoredObject,
} from '../core/ports.js';

export interface S3ArticleStoreOptions {
  /** Built once (see `createS3Client`). */
  readonly client: Pick<S3Client, 'send'>;
  readonly bucket: string;
  /**
   * `Cache-Control` of a written object, from its key and content type; `undefined` sets none. By default
   * JSON and HTML get `no-cache`: they are republished in place, so caches must revalidate (cheap with ETags).
   */
  readonly cacheControl?: (key: string, contentType: string) => string | undefined;
}

export function defaultCacheControl(_key: string, contentType: string): string | undefined {
  return /^(application\/json|text\/html)\b/.test(contentType) ? 'no-cache' : undefined;
}

// A missing key or version; a missing bucket (`NoSuchBucket`) is a configuration error and propagates.
const MISSING = new Set(['NoSuchKey', 'NotFound', 'NoSuchVersion']);

/** The article store over one S3 bucket. */
export class S3ArticleStore implements ArticleStore {
  readonly location: string;
  readonly #client: Pick<S3Client, 'send'>;
  readonly #cacheControl: (key: string, contentType: string) => string | undefined;

  constructor(options: S3ArticleStoreOptions) {
    this.#client = options.client;
    this.location = options.bucket;
    this.#cacheControl = options.cacheControl ?? defaultCacheControl;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const output = await this.#client.send(new HeadObjectCommand({ Bucket: this.location, Key: key }));
      return objectInfo(key, output.ContentLength ?? 0, output);
    } catch (error) {
      if (isMissing(error, false)) return undefined;
      throw this.#accessDenied(error, 'read', key) ?? error;
    }
  }

  async get(key: string, options: GetOptions = {}): Promise<StoredObject | undefined> {
    let output: GetObjectCommandOutput;
    try {
      output = await this.#client.send(
        new GetObjectCommand({
          Bucket: this.location,
          Key: key,
          ...(options.versionId === undefined ? {} : { VersionId: options.versionId }),
        }),
      );
    } catch (error) {
      if (isMissing(error, options.versionId !== undefined)) return undefined;
      throw this.#accessDenied(error, 'read', key) ?? error;
    }
    const { maxBytes } = options;
    const declared = output.ContentLength;
    if (maxBytes !== undefined && declared !== undefined && declared > maxBytes) {
      // Refused on the declared length: the body is dropped unread and its connection closed.
      discard(output.Body);
      throw new ArticleTooLargeError(declared, maxBytes);
    }
    const body = await readBody(output.Body, maxBytes);
    return { info: objectInfo(key, body.byteLength, output), body };
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<PutResult> {
    const cacheControl = this.#cacheControl(key, options.contentType);
    const command = new PutObjectCommand({
      Bucket: this.location,
      Key: key,
      Body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
      ContentType: options.contentType,
      ...(cacheControl === undefined ? {} : { CacheControl: cacheControl }),
      ...(options.metadata === undefined ? {} : { Metadata: { ...options.metadata } }),
      // S3 conditional writes; ETags are kept bare here and sent quoted, as HTTP writes them.
      ...(options.ifMatch === undefined ? {} : { IfMatch: `"${options.ifMatch}"` }),
      ...(options.ifNoneMatch === undefined ? {} : { IfNoneMatch: options.ifNoneMatch }),
    });
    let output: PutObjectCommandOutput;
    try {
      output = await this.#client.send(command);
    } catch (error) {
      if (isConditionFailure(error, options)) throw new PreconditionFailedError(key, { cause: error });
      throw this.#accessDenied(error, 'write', key) ?? error;
    }
    return {
      ...(output.ETag === undefined ? {} : { etag: unquote(output.ETag) }),
      ...(output.VersionId === undefined ? {} : { versionId: output.VersionId }),
    };
  }

  /** S3's refusal for a missing permission, as an error naming what to grant; `undefined` for any other error. */
  #accessDenied(
    error: unknown,
    operation: StorageOperation,
    key: string,
  ): StorageAccessDeniedError | undefined {
    const e = error as
      | { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }
      | undefined;
    // A HEAD has no body, so its refusal is a bare 403.
    if (e?.name !== 'AccessDenied' && e?.$metadata?.httpStatusCode !== 403) return undefined;
    const object = `arn:aws:s3:::${this.location}/${key}`;
    const permissions =
      operation === 'read'
        ? [
            `s3:GetObject on ${object}`,
            // Without it S3 answers 403 instead of 404 for a key that does not exist.
            `s3:ListBucket on arn:aws:s3:::${this.location} (without a prefix condition), so that a missing key reads as missing`,
          ]
        : [`s3:PutObject on ${object}`];
    const kms = operation === 'read' ? 'kms:Decrypt' : 'kms:GenerateDataKey';
    return new StorageAccessDeniedError(
      operation,
      key,
      [...permissions, `${kms} on the bucket's KMS key if it has a customer-managed one`],
      e?.name === 'AccessDenied' ? `AccessDenied: ${e.message || 'Access Denied'}` : '403 Forbidden',
    );
  }
}

function objectInfo(
  key: string,
  size: number,
  output: {
    ETag?: string | undefined;
    VersionId?: string | undefined;
    LastModified?: Date | undefined;
    Metadata?: Record<string, string> | undefined;
  },
): ObjectInfo {
  return {
    key,
    size,
    // The SDK gives user metadata with its names in lower case and without `x-amz-meta-`.
    ...(output.Metadata === undefined ? {} : { metadata: output.Metadata }),
    ...(output.ETag === undefined ? {} : { etag: unquote(output.ETag) }),
    ...(output.VersionId === undefined || output.VersionId === 'null' ? {} : { versionId: output.VersionId }),
    ...(output.LastModified === undefined ? {} : { lastModified: output.LastModified }),
  };
}

/** S3 quotes ETags in headers; notifications carry them bare. Bare everywhere keeps them comparable. */
function unquote(etag: string): string {
  return etag.replace(/^"(.*)"$/, '$1');
}

/**
 * A conditional put that lost: 412 PreconditionFailed, 409 ConditionalRequestConflict (a concurrent conditional
 * write in flight, which S3 asks to retry), or, for If-Match, the object gone (404 NoSuchKey).
 */
function isConditionFailure(error: unknown, options: PutOptions): boolean {
  if (options.ifMatch === undefined && options.ifNoneMatch === undefined) return false;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const status = e?.$metadata?.httpStatusCode;
  if (status === 412 || status === 409) return true;
  return options.ifMatch !== undefined && (e?.name === 'NoSuchKey' || status === 404);
}

function isMissing(error: unknown, versioned: boolean): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const name = e?.name ?? '';
  if (MISSING.has(name)) return true;
  const status = e?.$metadata?.httpStatusCode;
  // A version that is a delete marker answers 405 to a GET.
  if (versioned && status === 405) return true;
  return status === 404 && name !== 'NoSuchBucket';
}

function discard(body: unknown): void {
  const stream = body as { destroy?: () => void } | undefined;
  stream?.destroy?.();
}

/** Reads the body, still refusing it past `maxBytes` when the length was not declared. */
async function readBody(body: unknown, maxBytes: number | undefined): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.byteLength;
    if (maxBytes !== undefined && size > maxBytes) {
      discard(body);
      throw new ArticleTooLargeError(size, maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
