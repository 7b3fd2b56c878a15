/**
 * ListObjectsV2 and ListObjects (v1) for the local endpoint, from the keys of `object-store.ts` in S3's order.
 * A common prefix is listed when some key lies below it, however deep (`published/` holds only folders), and
 * counts towards `max-keys` as in S3. A continuation token is the last key or prefix returned; resuming after
 * a prefix skips everything under it. `encoding-type=url` encodes keys as S3 does (the AWS CLI asks for it).
 */
import type { ObjectInfo, ObjectStore } from './object-store.js';
import { S3Error } from './s3-errors.js';
import { encodeS3EventKey } from './s3-key-encoding.js';
import { OWNER_XML, S3_NAMESPACE, xmlDocument, xmlTag } from './xml-writer.js';

const TOKEN_PREFIX = 'pb1:';

function encodeContinuationToken(last: string): string {
  return Buffer.from(TOKEN_PREFIX + last, 'utf8').toString('base64');
}

function decodeContinuationToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX))
    throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', {
      ArgumentName: 'continuation-token',
      ArgumentValue: token,
    });
  return text.slice(TOKEN_PREFIX.length);
}

type Entry = { readonly key: string } | { readonly prefix: string };

interface Page {
  readonly objects: readonly ObjectInfo[];
  readonly prefixes: readonly string[];
  readonly truncated: boolean;
  /** The last key or prefix returned. */
  readonly last: string | undefined;
}

async function page(
  store: ObjectStore,
  bucket: string,
  prefix: string,
  delimiter: string,
  after: string,
  maxKeys: number,
): Promise<Page> {
  if (maxKeys === 0) return { objects: [], prefixes: [], truncated: false, last: undefined };
  // Starting inside a common prefix (a token that ended on one) skips the rest of it, as S3 does.
  let skip = delimiter === '' ? undefined : commonPrefix(after, prefix, delimiter);
  const entries: Entry[] = [];
  let truncated = false;
  const keys = store.keys(bucket, { prefix, after, skip: () => skip });
  try {
    for await (const key of keys) {
      const common = delimiter === '' ? undefined : commonPrefix(key, prefix, delimiter);
      if (entries.length === maxKeys) {
        truncated = true;
        break;
      }
      if (common === undefined) entries.push({ key });
      else {
        entries.push({ prefix: common });
        skip = common;
      }
    }
  } finally {
    await keys.return(undefined);
  }
  const listed = await Promise.all(
    entries.map((entry) => ('key' in entry ? store.head(bucket, entry.key) : undefined)),
  );
  const last = entries.at(-1);
  return {
    objects: listed.filter((object): object is ObjectInfo => object !== undefined),
    prefixes: entries.flatMap((entry) => ('prefix' in entry ? [entry.prefix] : [])),
    truncated,
    last: last === undefined ? undefined : 'key' in last ? last.key : last.prefix,
  };
}

/** The common prefix `key` rolls up into, if any. */
function commonPrefix(key: string, prefix: string, delimiter: string): string | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at === -1 ? undefined : key.slice(0, at + delimiter.length);
}

function parameters(query: URLSearchParams) {
  const maxKeysText = query.get('max-keys') ?? '1000';
  if (!/^\d{1,10}$/.test(maxKeysText))
    throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', {
      ArgumentName: 'max-keys',
      ArgumentValue: maxKeysText,
    });
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url')
    throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', {
      ArgumentName: 'encoding-type',
      ArgumentValue: encodingType,
    });
  const encode = encodingType === 'url' ? encodeS3EventKey : (text: string) => text;
  return {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? '',
    maxKeysText,
    maxKeys: Math.min(1000, Number(maxKeysText)),
    encode,
    encodingTag: encodingType === 'url' ? xmlTag('EncodingType', 'url') : '',
  };
}

function contents(objects: readonly ObjectInfo[], encode: (text: string) => string, owner: boolean): string {
  return objects
    .map(
      (object) =>
        `<Contents>${xmlTag('Key', encode(object.key))}${xmlTag('LastModified', object.lastModified.toISOString())}${xmlTag(
          'ETag',
          `"${object.etag}"`,
        )}${xmlTag('Size', String(object.size))}${owner ? OWNER_XML : ''}${xmlTag(
          'StorageClass',
          object.metadata['x-amz-storage-class'] ?? 'STANDARD',
        )}</Contents>`,
    )
    .join('');
}

function prefixes(list: readonly string[], encode: (text: string) => string): string {
  return list
    .map((prefix) => `<CommonPrefixes>${xmlTag('Prefix', encode(prefix))}</CommonPrefixes>`)
    .join('');
}

/** `GET /<bucket>?list-type=2`: the XML document to answer with. */
export async function listObjectsV2(
  store: ObjectStore,
  bucket: string,
  query: URLSearchParams,
): Promise<string> {
  const { prefix, delimiter, maxKeysText, maxKeys, encode, encodingTag } = parameters(query);
  const token = query.get('continuation-token');
  const startAfter = query.get('start-after') ?? '';
  const after = token === null ? startAfter : decodeContinuationToken(token);
  const result = await page(store, bucket, prefix, delimiter, after, maxKeys);
  return xmlDocument(
    [
      `<ListBucketResult xmlns="${S3_NAMESPACE}">`,
      xmlTag('Name', bucket),
      xmlTag('Prefix', encode(prefix)),
      startAfter === '' ? '' : xmlTag('StartAfter', encode(startAfter)),
      token === null ? '' : xmlTag('ContinuationToken', token),
      result.truncated && result.last !== undefined
        ? xmlTag('NextContinuationToken', encodeContinuationToken(result.last))
        : '',
      xmlTag('KeyCount', String(result.objects.length + result.prefixes.length)),
      xmlTag('MaxKeys', maxKeysText),
      delimiter === '' ? '' : xmlTag('Delimiter', encode(delimiter)),
      encodingTag,
      xmlTag('IsTruncated', String(result.truncated)),
      contents(result.objects, encode, query.get('fetch-owner') === 'true'),
      prefixes(result.prefixes, encode),
      '</ListBucketResult>',
    ].join(''),
  );
}

/** `GET /<bucket>` (ListObjects, version 1): the XML document to answer with. */
export async function listObjectsV1(
  store: ObjectStore,
  bucket: string,
  query: URLSearchParams,
): Promise<string> {
  const { prefix, delimiter, maxKeysText, maxKeys, encode, encodingTag } = parameters(query);
  const marker = query.get('marker') ?? '';
  const result = await page(store, bucket, prefix, delimiter, marker, maxKeys);
  return xmlDocument(
    [
      `<ListBucketResult xmlns="${S3_NAMESPACE}">`,
      xmlTag('Name', bucket),
      xmlTag('Prefix', encode(prefix)),
      xmlTag('Marker', encode(marker)),
      // As S3: NextMarker only with a delimiter; without one, the last key is the next marker.
      result.truncated && delimiter !== '' && result.last !== undefined
        ? xmlTag('NextMarker', encode(result.last))
        : '',
      xmlTag('MaxKeys', maxKeysText),
      delimiter === '' ? '' : xmlTag('Delimiter', encode(delimiter)),
      encodingTag,
      xmlTag('IsTruncated', String(result.truncated)),
      contents(result.objects, encode, true),
      prefixes(result.prefixes, encode),
      '</ListBucketResult>',
    ].join(''),
  );
}
