/**
 * Conditional requests and ranges, as S3 evaluates them: `If-Match`, `If-None-Match`, `If-Modified-Since` and
 * `If-Unmodified-Since` on reads (RFC 7232 order), the same for a copy's source (`x-amz-copy-source-if-*`),
 * conditional writes (`If-None-Match: *`, `If-Match: <etag>`), and single `Range`s.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './s3-errors.js';

/** What a condition is checked against. ETags bare (no quotes); dates to the second, as HTTP dates carry. */
export interface Validators {
  readonly etag: string;
  readonly lastModified: Date;
}

export type ReadVerdict = 'proceed' | 'not-modified' | 'precondition-failed';

interface ConditionHeaders {
  readonly ifMatch: string | undefined;
  readonly ifNoneMatch: string | undefined;
  readonly ifModifiedSince: string | undefined;
  readonly ifUnmodifiedSince: string | undefined;
}

/** RFC 7232 section 6, which S3 follows: If-Match, else If-Unmodified-Since; If-None-Match, else If-Modified-Since. */
function evaluate(conditions: ConditionHeaders, object: Validators): ReadVerdict {
  const modified = Math.floor(object.lastModified.getTime() / 1000) * 1000;
  if (conditions.ifMatch !== undefined) {
    if (!etagListMatches(conditions.ifMatch, object.etag)) return 'precondition-failed';
  } else {
    const since = httpDate(conditions.ifUnmodifiedSince);
    if (since !== undefined && modified > since) return 'precondition-failed';
  }
  if (conditions.ifNoneMatch !== undefined) {
    if (etagListMatches(conditions.ifNoneMatch, object.etag)) return 'not-modified';
  } else {
    const since = httpDate(conditions.ifModifiedSince);
    if (since !== undefined && modified <= since) return 'not-modified';
  }
  return 'proceed';
}

/** GetObject and HeadObject. */
export function readConditions(headers: IncomingHttpHeaders, object: Validators): ReadVerdict {
  return evaluate(
    {
      ifMatch: single(headers['if-match']),
      ifNoneMatch: single(headers['if-none-match']),
      ifModifiedSince: single(headers['if-modified-since']),
      ifUnmodifiedSince: single(headers['if-unmodified-since']),
    },
    object,
  );
}

/** CopyObject and UploadPartCopy: a source that fails its conditions is 412 PreconditionFailed, 304 included. */
export function checkCopySourceConditions(headers: IncomingHttpHeaders, source: Validators): void {
  const verdict = evaluate(
    {
      ifMatch: single(headers['x-amz-copy-source-if-match']),
      ifNoneMatch: single(headers['x-amz-copy-source-if-none-match']),
      ifModifiedSince: single(headers['x-amz-copy-source-if-modified-since']),
      ifUnmodifiedSince: single(headers['x-amz-copy-source-if-unmodified-since']),
    },
    source,
  );
  if (verdict !== 'proceed')
    throw new S3Error('PreconditionFailed', undefined, { Condition: 'x-amz-copy-source-If-*' });
}

/** The conditions of a write (PutObject, CopyObject, CompleteMultipartUpload). */
export interface WriteConditions {
  /** The write goes ahead only if the object exists with this ETag (or exists at all, for `*`). */
  readonly ifMatch?: string;
  /** The write goes ahead only if no object has the key. */
  readonly ifNoneMatch?: true;
}

/** Reads the conditional-write headers; S3 accepts only `*` for If-None-Match on a write. */
export function writeConditions(headers: IncomingHttpHeaders): WriteConditions {
  const ifMatch = single(headers['if-match']);
  const ifNoneMatch = single(headers['if-none-match']);
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*')
    throw new S3Error('NotImplemented', undefined, {
      Header: 'If-None-Match',
      additionalMessage: 'Only * is supported',
    });
  return {
    ...(ifMatch === undefined ? {} : { ifMatch }),
    ...(ifNoneMatch === undefined ? {} : { ifNoneMatch: true as const }),
  };
}

/**
 * Checks write conditions against the object there now (undefined when none): If-Match on a missing key is 404
 * NoSuchKey, any other condition that does not hold 412 PreconditionFailed.
 */
export function checkWriteConditions(
  conditions: WriteConditions,
  current: { readonly etag: string } | undefined,
) {
  if (conditions.ifMatch !== undefined) {
    if (current === undefined) throw new S3Error('NoSuchKey');
    if (!etagListMatches(conditions.ifMatch, current.etag))
      throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
  }
  if (conditions.ifNoneMatch && current !== undefined)
    throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
}

export type RangeAnswer =
  | { readonly kind: 'whole' }
  | { readonly kind: 'part'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

/**
 * One `Range: bytes=first-last`, `bytes=first-` or `bytes=-suffix`, as S3 reads it: a header it cannot read,
 * several ranges, or a last byte before the first are ignored (the whole object is sent); a range that starts
 * at or past the end, a suffix of 0, or any range of an empty object is 416 InvalidRange.
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.POSITIVE_INFINITY : Number(last);
  if (end < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(end, size - 1) };
}

/** `x-amz-copy-source-range: bytes=first-last` (both required), within a source of `size` bytes. */
export function parseCopySourceRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d{1,16})-(\d{1,16})$/.exec(header.trim());
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (match === null || end < start)
    throw new S3Error(
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: header },
    );
  if (end >= size)
    throw new S3Error('InvalidArgument', `Range specified is not valid for source object of size: ${size}`, {
      ArgumentName: 'x-amz-copy-source-range',
      ArgumentValue: header,
    });
  return { start, end };
}

/** S3 compares ETags without their quotes; a list matches if one member does; `*` matches any. */
function etagListMatches(list: string, etag: string): boolean {
  return list.split(',').some((member) => {
    const candidate = member.trim().replace(/^W\//, '').replaceAll('"', '');
    return candidate === '*' || candidate === etag;
  });
}

function httpDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
