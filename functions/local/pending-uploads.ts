/**
 * What the local runner finds to do when it starts: every upload under the incoming prefix whose current version
 * has neither a published manifest nor a failed record. A stop or a crash in the middle of a batch therefore
 * loses nothing; the next start picks those uploads up.
 */
import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import type { FailedRecordJson, ManifestJson } from '../core/contract.js';
import { sha256Hex } from '../core/hashing.js';
import { setKeys } from '../core/key-layout.js';
import type { ArticleStore } from '../core/ports.js';
import { articleIdFor } from '../core/publish/article-id.js';

export interface IncomingObject {
  readonly key: string;
  readonly size: number;
  /** Bare (no quotes), as S3 notifications carry it. */
  readonly eTag: string;
  readonly lastModified: Date;
}

export interface PendingUploadsOptions {
  readonly client: Pick<S3Client, 'send'>;
  readonly store: ArticleStore;
  readonly bucket: string;
  readonly incomingPrefix: string;
  readonly publishedPrefix: string;
  readonly failedPrefix: string;
  /** Records read at once. */
  readonly concurrency?: number;
}

type SourceRecord = Pick<
  ManifestJson['source'] | FailedRecordJson['source'],
  'key' | 'etag' | 'sha256' | 'bytes'
>;

/** Every object under the incoming prefix, oldest first (the order they would have been notified in). */
export async function listIncoming(
  client: Pick<S3Client, 'send'>,
  bucket: string,
  prefix: string,
): Promise<IncomingObject[]> {
  const objects: IncomingObject[] = [];
  for await (const page of paginateListObjectsV2(
    { client: client as S3Client },
    { Bucket: bucket, Prefix: prefix },
  )) {
    for (const object of page.Contents ?? []) {
      if (object.Key === undefined || object.Key.endsWith('/')) continue;
      objects.push({
        key: object.Key,
        size: object.Size ?? 0,
        eTag: (object.ETag ?? '').replaceAll('"', ''),
        lastModified: object.LastModified ?? new Date(0),
      });
    }
  }
  return objects.sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime());
}

/** The uploads whose current version has no published manifest and no failed record. */
export async function findPendingUploads(options: PendingUploadsOptions): Promise<IncomingObject[]> {
  const { store } = options;
  const objects = await listIncoming(options.client, options.bucket, options.incomingPrefix);
  const limit = pLimit(options.concurrency ?? 8);
  const settled = await Promise.all(
    objects.map((object) =>
      limit(async () => {
        const keys = setKeys(options, articleIdFor(object.key, options.incomingPrefix));
        const records = [
          (await readJson<ManifestJson>(store, keys.manifest))?.source,
          (await readJson<FailedRecordJson>(store, keys.failed))?.source,
        ];
        for (const record of records) {
          if (record && (await describesVersion(record, object, store))) return true;
        }
        return false;
      }),
    ),
  );
  return objects.filter((_, index) => !settled[index]);
}

/** True when a manifest's or failed record's source is the object's current version. */
async function describesVersion(
  record: SourceRecord,
  object: IncomingObject,
  store: ArticleStore,
): Promise<boolean> {
  if (record.key !== object.key) return false;
  if (record.etag !== null && record.etag === object.eTag) return true;
  // Same bytes under another ETag (a multipart upload with other part sizes): the content decides.
  if (record.sha256 === null || record.bytes !== object.size) return false;
  const current = await store.get(object.key);
  return current !== undefined && sha256Hex(current.body) === record.sha256;
}

async function readJson<T>(store: ArticleStore, key: string): Promise<T | undefined> {
  const object = await store.get(key);
  if (!object) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(object.body)) as T;
  } catch {
    // A record that cannot be read settles nothing: the upload is processed again and the record rewritten.
    return undefined;
  }
}
