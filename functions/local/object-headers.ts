/**
 * Headers between requests and stored objects: what a PUT (or CreateMultipartUpload, or a copy with
 * `x-amz-metadata-directive: REPLACE`) keeps, and what a GET or HEAD sends back, including how the endpoint
 * keeps objects from being opened as pages of its own origin.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { type ObjectInfo, type ObjectMetadata, STORED_HEADERS } from './object-store.js';
import { S3Error } from './s3-errors.js';

/** S3's limit on user metadata: the UTF-8 bytes of every `x-amz-meta-*` name (without the prefix) and value. */
export const MAX_USER_METADATA_BYTES = 2048;

const STORAGE_CLASSES = new Set([
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'GLACIER_IR',
  'OUTPOSTS',
  'EXPRESS_ONEZONE',
]);

/** The metadata a write keeps from its headers. S3 gives an object without a type `binary/octet-stream`. */
export function metadataFromHeaders(headers: IncomingHttpHeaders): ObjectMetadata {
  const metadata: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') metadata[name] = value;
  }
  // aws-chunked describes the request's framing, not the object.
  const encodings = (metadata['content-encoding'] ?? '')
    .split(',')
    .map((encoding) => encoding.trim())
    .filter((encoding) => encoding !== '' && encoding.toLowerCase() !== 'aws-chunked');
  if (encodings.length > 0) metadata['content-encoding'] = encodings.join(', ');
  else delete metadata['content-encoding'];
  metadata['content-type'] ??= 'binary/octet-stream';
  const storageClass = metadata['x-amz-storage-class'];
  if (storageClass !== undefined && !STORAGE_CLASSES.has(storageClass))
    throw new S3Error('InvalidStorageClass');
  let userBytes = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    metadata[name] = text;
    userBytes += Buffer.byteLength(name.slice('x-amz-meta-'.length)) + Buffer.byteLength(text);
  }
  if (userBytes > MAX_USER_METADATA_BYTES)
    throw new S3Error('MetadataTooLarge', undefined, { Size: String(userBytes), MaxSizeAllowed: '2048' });
  return metadata;
}

/** `response-*` query parameters S3 honours on signed GETs, and the header each one sets. */
const OVERRIDES = [
  ['response-content-type', 'content-type'],
  ['response-content-language', 'content-language'],
  ['response-expires', 'expires'],
  ['response-cache-control', 'cache-control'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
] as const;

export interface ServeOptions {
  /** Keys under it may open in a browser; every other object is sent as a download. */
  readonly inlinePrefix: string;
  readonly query: URLSearchParams;
  /**
   * Whether the request carried an `Authorization` header. Only then are the `response-*` overrides honoured
   * (S3 honours them on signed requests only; a URL "signed" in its query is forged by anyone here, signatures
   * not being checked).
   */
  readonly signed: boolean;
}

/** The headers of a GET or HEAD of `object` (without the length and range, which the caller sets). */
export function objectResponseHeaders(object: ObjectInfo, options: ServeOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'binary/octet-stream',
    etag: `"${object.etag}"`,
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
  };
  for (const [name, value] of Object.entries(object.metadata)) {
    if (name === 'x-amz-storage-class' && value === 'STANDARD') continue;
    headers[name] = value;
  }
  if (options.signed)
    for (const [parameter, header] of OVERRIDES) {
      const value = options.query.get(parameter);
      if (value === null) continue;
      if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value))
        throw new S3Error('InvalidArgument', `${parameter} is not a valid header value.`, {
          ArgumentName: parameter,
          ArgumentValue: value,
        });
      headers[header] = value;
    }
  if (!object.key.startsWith(options.inlinePrefix)) {
    // Opened inline, an uploaded page would run with the endpoint's origin, and so could call the endpoint.
    const stored = headers['content-disposition'];
    headers['content-disposition'] =
      stored !== undefined && /^\s*attachment\s*(;|$)/i.test(stored) ? stored : 'attachment';
    headers['content-security-policy'] = 'sandbox';
  }
  return headers;
}
