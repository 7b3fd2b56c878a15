import type { S3Event, S3EventRecord, SQSEvent, SQSRecord } from 'aws-lambda';

/** S3 URL-encodes keys in event notifications, with `+` for a space (so a literal `+` arrives as `%2B`). */
export function decodeS3EventKey(key: string): string {
  const spaced = key.replace(/\+/gu, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A malformed escape cannot come from S3 itself; keep the key as given rather than lose the record.
    return spaced;
  }
}

export interface ObjectCreated {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly etag?: string;
  readonly size?: number;
}

/** The message S3 sends when a notification configuration is created; it names no object. */
export function isS3TestEvent(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { Event?: unknown }).Event === 's3:TestEvent';
}

export function objectsCreated(event: Partial<S3Event>): ObjectCreated[] {
  return (event.Records ?? [])
    .filter(
      (record: S3EventRecord) =>
        record.eventSource === 'aws:s3' && record.eventName.startsWith('ObjectCreated:'),
    )
    .map((record) => ({
      bucket: record.s3.bucket.name,
      key: decodeS3EventKey(record.s3.object.key),
      ...(record.s3.object.versionId ? { versionId: record.s3.object.versionId } : {}),
      ...(record.s3.object.eTag ? { etag: record.s3.object.eTag } : {}),
      ...(record.s3.object.size === undefined ? {} : { size: record.s3.object.size }),
    }));
}

export function isSqsEvent(event: unknown): event is SQSEvent {
  const records = (event as { Records?: unknown[] } | undefined)?.Records;
  return Array.isArray(records) && records.length > 0 && (records[0] as SQSRecord).eventSource === 'aws:sqs';
}
