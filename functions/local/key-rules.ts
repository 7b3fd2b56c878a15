/**
 * What the local endpoint accepts as a bucket name, an object key, an upload id and a part number. Keys become
 * file paths in the data folder, so every input that names an object (URL path, copy source, DeleteObjects
 * keys) goes through `checkKey`, and only upload ids the endpoint issued pass `isUploadId`.
 */
import { S3Error } from './s3-errors.js';

/** S3's limit on a key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/**
 * Longest key segment (between slashes) the data folder can keep: each becomes a file or folder name, which the
 * file system limits to 255 bytes, and the endpoint appends up to 53 bytes of its own (`._S3rver_metadata.json`,
 * a temporary file's suffix).
 */
export const MAX_SEGMENT_BYTES = 200;
export const MAX_PART_NUMBER = 10_000;

/** Names the data folder uses for its own files; a key segment holding one could be mistaken for them. */
const RESERVED_IN_SEGMENT = ['._S3rver_', '.polybrief-tmp-'];

/** S3's rules for general purpose bucket names. */
export function checkBucketName(name: string): void {
  const valid =
    name.length >= 3 &&
    name.length <= 63 &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d{1,3}(\.\d{1,3}){3}$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.endsWith('-s3alias');
  if (!valid) throw new S3Error('InvalidBucketName', undefined, { BucketName: name });
}

/** S3's rules for keys, plus what a file path in the data folder needs (see the README). */
export function checkKey(key: string): void {
  const refuse = (message: string) => new S3Error('InvalidArgument', message, { Key: key });
  if (key === '') throw refuse('An object key must not be empty.');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES)
    throw new S3Error('KeyTooLongError', undefined, { Key: key });
  if (key.includes('\0')) throw refuse('The local endpoint does not support NUL characters in keys.');
  if (/\p{Cs}/u.test(key)) throw refuse('The key is not valid Unicode (a lone surrogate).');
  const segments = key.split('/');
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment === '' && !last)
      throw refuse(
        'Keys with an empty path segment (a leading "/" or "//") are not supported by the local endpoint: its objects are files in the data folder.',
      );
    if (segment.split('\\').some((part) => part === '.' || part === '..'))
      throw refuse(
        'Keys with "." or ".." path segments are not supported by the local endpoint: its objects are files in the data folder.',
      );
    if (RESERVED_IN_SEGMENT.some((reserved) => segment.includes(reserved)))
      throw refuse(
        `Keys containing "${RESERVED_IN_SEGMENT.join('" or "')}" are reserved by the local endpoint.`,
      );
    if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES)
      throw new S3Error(
        'KeyTooLongError',
        `The local endpoint keeps each part of a key between slashes as a file name: at most ${MAX_SEGMENT_BYTES} bytes.`,
        { Key: key },
      );
  }
}

/** Upload ids as the endpoint issues them: 32 lowercase hex digits. */
export function isUploadId(text: string | null): text is string {
  return text !== null && /^[0-9a-f]{32}$/.test(text);
}

/** A `partNumber` parameter: an integer 1 to 10,000 written plainly (no sign, no leading zero). */
export function parsePartNumber(text: string | null): number {
  const number = text !== null && /^[1-9]\d{0,4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(number <= MAX_PART_NUMBER))
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
      ArgumentName: 'partNumber',
      ArgumentValue: text ?? '',
    });
  return number;
}

export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/**
 * `x-amz-copy-source`: `[/]bucket/key[?versionId=...]`, URL-encoded. Bucket and key must pass the same rules as
 * a request's own, or the copy would read from wherever the path leads.
 */
export function parseCopySource(header: string): CopySource {
  const refuse = (message: string) =>
    new S3Error('InvalidArgument', message, { ArgumentName: 'x-amz-copy-source', ArgumentValue: header });
  const [path = '', query] = header.split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.startsWith('/') ? path.slice(1) : path);
  } catch {
    throw refuse('The copy source is not valid URL encoding.');
  }
  const slash = decoded.indexOf('/');
  const bucket = slash === -1 ? decoded : decoded.slice(0, slash);
  const key = slash === -1 ? '' : decoded.slice(slash + 1);
  try {
    checkBucketName(bucket);
    checkKey(key);
  } catch (error) {
    throw refuse(`Invalid copy source: ${(error as Error).message}`);
  }
  const versionId = query === undefined ? undefined : new URLSearchParams(query).get('versionId');
  return versionId === undefined || versionId === null ? { bucket, key } : { bucket, key, versionId };
}
