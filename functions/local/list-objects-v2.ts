import type { ServerResponse } from 'node:http';

/**
 * ListObjectsV2 for the embedded S3 endpoint. s3rver makes its continuation tokens with DES, which OpenSSL 3
 * (Node >= 17) no longer offers, so any truncated listing fails there with a 500. This answers path-style
 * `GET /<bucket>?list-type=2` from s3rver's store instead, with a token that is simply the last key returned.
 */

/** The part of s3rver's filesystem store used here. */
export interface ListingStore {
  getBucket(bucket: string): Promise<unknown>;
  listObjects(
    bucket: string,
    options: { prefix?: string; delimiter?: string; startAfter?: string; maxKeys?: number },
  ): Promise<{
    objects: readonly { key: string; size: number; metadata: { etag?: string }; lastModifiedDate: Date }[];
    commonPrefixes: readonly string[];
    isTruncated: boolean;
  }>;
}

/** The bucket of a path-style ListObjectsV2 request, or undefined for any other request. */
export function listObjectsV2Bucket(method: string | undefined, url: string): string | undefined {
  if (method !== 'GET') return undefined;
  const parsed = new URL(url, 'http://localhost');
  if (parsed.searchParams.get('list-type') !== '2') return undefined;
  const match = /^\/([^/]+)\/?$/.exec(parsed.pathname);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

const TOKEN_PREFIX = 'pb1:';

export function encodeContinuationToken(lastKey: string): string {
  return Buffer.from(TOKEN_PREFIX + lastKey, 'utf8').toString('base64');
}

function decodeContinuationToken(token: string): string | undefined {
  const text = Buffer.from(token, 'base64').toString('utf8');
  return text.startsWith(TOKEN_PREFIX) ? text.slice(TOKEN_PREFIX.length) : undefined;
}

/** Answers the listing; false when s3rver should answer instead (missing bucket, unusual arguments). */
export async function answerListObjectsV2(
  store: ListingStore,
  bucket: string,
  url: string,
  response: ServerResponse,
): Promise<boolean> {
  const query = new URL(url, 'http://localhost').searchParams;
  if (!(await store.getBucket(bucket))) return false;
  const maxKeysText = query.get('max-keys') ?? '1000';
  if (!/^\d+$/.test(maxKeysText)) return false;
  const maxKeys = Math.min(1000, Number(maxKeysText));
  const token = query.get('continuation-token');
  const startAfter = token === null ? (query.get('start-after') ?? '') : decodeContinuationToken(token);
  if (startAfter === undefined) {
    respond(response, 400, error('InvalidArgument', 'The continuation token provided is incorrect'));
    return true;
  }
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const result =
    maxKeys === 0
      ? { objects: [], commonPrefixes: [], isTruncated: false }
      : await store.listObjects(bucket, { prefix, delimiter, startAfter, maxKeys });
  const last = result.objects.at(-1)?.key;
  const owner = query.get('fetch-owner') === 'true';
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    tag('Name', bucket),
    tag('Prefix', prefix),
    token === null && startAfter !== '' ? tag('StartAfter', startAfter) : '',
    token === null ? '' : tag('ContinuationToken', token),
    result.isTruncated && last !== undefined
      ? tag('NextContinuationToken', encodeContinuationToken(last))
      : '',
    tag('KeyCount', String(result.objects.length + result.commonPrefixes.length)),
    tag('MaxKeys', maxKeysText),
    delimiter === '' ? '' : tag('Delimiter', delimiter),
    tag('IsTruncated', String(result.isTruncated)),
    ...result.objects.map(
      (object) =>
        `<Contents>${tag('Key', object.key)}${tag('LastModified', object.lastModifiedDate.toISOString())}${tag(
          'ETag',
          object.metadata.etag ?? '',
        )}${tag('Size', String(object.size))}${
          owner ? `<Owner>${tag('ID', '123456789000')}${tag('DisplayName', 'S3rver')}</Owner>` : ''
        }${tag('StorageClass', 'STANDARD')}</Contents>`,
    ),
    ...result.commonPrefixes.map((common) => `<CommonPrefixes>${tag('Prefix', common)}</CommonPrefixes>`),
    '</ListBucketResult>',
  ].join('');
  respond(response, 200, body);
  return true;
}

function respond(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

function error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${tag('Code', code)}${tag('Message', message)}</Error>`;
}

function tag(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
