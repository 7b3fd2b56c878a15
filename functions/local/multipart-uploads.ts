/**
 * Multipart uploads of the local endpoint, with S3's rules: upload ids are the endpoint's own (32 hex digits,
 * tied to one bucket and key); part numbers 1 to 10,000, a part uploaded again replaces the earlier one;
 * completion takes the parts named, in ascending order, each with its ETag, all but the last at least 5 MiB,
 * and gives the object the ETag `<MD5 of the parts' MD5s>-<number of parts>`; an aborted or completed upload
 * is gone (NoSuchUpload).
 *
 * An upload is a folder `._S3rver_uploads/<uploadId>/` holding `upload.json` (key and metadata), and
 * `part-<n>` with `part-<n>.md5` for each part.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { temporaryPath } from './data-folder.js';
import { isUploadId } from './key-rules.js';
import {
  isMissing,
  KeyLocks,
  missingAsUndefined,
  type ObjectInfo,
  type ObjectMetadata,
  type ObjectStore,
  writeAtomically,
} from './object-store.js';
import type { WriteConditions } from './request-conditions.js';
import { S3Error } from './s3-errors.js';

/** S3's smallest part, but for the last. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface CompletedPart {
  readonly partNumber: number;
  /** As the client sent it; quotes are ignored. */
  readonly etag: string;
}

interface UploadRecord {
  readonly key: string;
  readonly metadata: ObjectMetadata;
  readonly initiated: string;
}

/** Writes a part's bytes to `file`, returning their MD5 (hex). */
export type PartProducer = (file: string) => Promise<string>;

export class MultipartUploads {
  readonly #store: ObjectStore;
  readonly #locks = new KeyLocks();

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  async create(bucket: string, key: string, metadata: ObjectMetadata): Promise<string> {
    const uploadId = randomBytes(16).toString('hex');
    const folder = this.#store.folder.upload(bucket, uploadId);
    await mkdir(folder, { recursive: true });
    const record: UploadRecord = { key, metadata, initiated: new Date().toISOString() };
    await writeAtomically(join(folder, 'upload.json'), JSON.stringify(record));
    return uploadId;
  }

  /** Stores one part; the upload must exist for this bucket and key. Returns the part's ETag (bare). */
  async putPart(
    bucket: string,
    key: string,
    uploadId: string | null,
    partNumber: number,
    produce: PartProducer,
  ): Promise<string> {
    const id = await this.#existing(bucket, key, uploadId);
    const part = this.#store.folder.part(bucket, id, partNumber);
    const temporary = temporaryPath(part.bytes);
    try {
      const etag = await produce(temporary).catch(async (error: unknown) => {
        // The upload's folder went away under the part: aborted meanwhile.
        if (isMissing(error)) await this.#existing(bucket, key, id);
        throw error;
      });
      await this.#locks.run(id, async () => {
        // Aborted or completed while the part was arriving: it has nowhere to go.
        await this.#existing(bucket, key, id);
        await rename(temporary, part.bytes);
        await writeAtomically(part.md5, etag);
      });
      return etag;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /** Puts the object together from `parts` (see the rules above) and removes the upload. */
  complete(
    bucket: string,
    key: string,
    uploadId: string | null,
    parts: readonly CompletedPart[],
    conditions: WriteConditions,
  ): Promise<ObjectInfo> {
    return this.#locks.run(uploadId ?? '', async () => {
      const id = await this.#existing(bucket, key, uploadId);
      const record = await this.#record(bucket, id);
      for (let i = 1; i < parts.length; i++)
        if ((parts[i]?.partNumber ?? 0) <= (parts[i - 1]?.partNumber ?? 0))
          throw new S3Error('InvalidPartOrder');
      const found: { readonly path: string; readonly md5: string }[] = [];
      for (const [index, wanted] of parts.entries()) {
        const files = this.#store.folder.part(bucket, id, wanted.partNumber);
        const [size, md5] = await Promise.all([
          stat(files.bytes).then((stats) => stats.size, missingAsUndefined),
          readFile(files.md5, 'utf8').catch(missingAsUndefined),
        ]);
        if (size === undefined || md5 === undefined || md5 !== wanted.etag.replaceAll('"', '').toLowerCase())
          throw new S3Error('InvalidPart', undefined, {
            UploadId: id,
            PartNumber: String(wanted.partNumber),
            ETag: wanted.etag,
          });
        if (index < parts.length - 1 && size < MIN_PART_BYTES)
          throw new S3Error('EntityTooSmall', undefined, {
            ProposedSize: String(size),
            MinSizeAllowed: String(MIN_PART_BYTES),
            PartNumber: String(wanted.partNumber),
            ETag: wanted.etag,
          });
        found.push({ path: files.bytes, md5 });
      }
      const etag = `${createHash('md5')
        .update(Buffer.concat(found.map((part) => Buffer.from(part.md5, 'hex'))))
        .digest('hex')}-${found.length}`;
      const object = await this.#store.write(
        bucket,
        key,
        async (file) => {
          const out = createWriteStream(file, { flags: 'wx' });
          await pipeline(concatenation(found.map((part) => part.path)), out);
          return etag;
        },
        record.metadata,
        conditions,
      );
      await rm(this.#store.folder.upload(bucket, id), { recursive: true, force: true });
      return object;
    });
  }

  abort(bucket: string, key: string, uploadId: string | null): Promise<void> {
    return this.#locks.run(uploadId ?? '', async () => {
      const id = await this.#existing(bucket, key, uploadId);
      await rm(this.#store.folder.upload(bucket, id), { recursive: true, force: true });
    });
  }

  /** The upload id, if the endpoint issued it for this bucket and key and it is still open; else NoSuchUpload. */
  async #existing(bucket: string, key: string, uploadId: string | null): Promise<string> {
    if (isUploadId(uploadId)) {
      const record = await this.#record(bucket, uploadId).catch(missingAsUndefined);
      if (record?.key === key) return uploadId;
    }
    throw new S3Error('NoSuchUpload', undefined, { UploadId: uploadId ?? '' });
  }

  async #record(bucket: string, uploadId: string): Promise<UploadRecord> {
    const text = await readFile(join(this.#store.folder.upload(bucket, uploadId), 'upload.json'), 'utf8');
    return JSON.parse(text) as UploadRecord;
  }
}

/** The files one after another, opened one at a time. */
async function* concatenation(paths: readonly string[]): AsyncGenerator<Buffer> {
  for (const path of paths)
    for await (const chunk of createReadStream(path) as Readable) yield chunk as Buffer;
}
