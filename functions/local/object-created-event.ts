import { randomBytes } from 'node:crypto';
import type { S3EventRecord } from 'aws-lambda';
import { encodeS3EventKey } from './s3-key-encoding.js';

export type ObjectCreatedEventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload';

/** An object written to the embedded endpoint. `key` is the object's real key (not URL-encoded). */
export interface ObjectCreatedEvent {
  readonly eventName: ObjectCreatedEventName;
  readonly eventTime: Date;
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** Without quotes, as in S3 notifications. */
  readonly eTag: string;
  readonly versionId?: string;
  /** Hex string that grows with every event of this endpoint, like S3's per-key ordering sequencer. */
  readonly sequencer: string;
  readonly sourceIp: string;
}

export type ObjectCreatedListener = (event: ObjectCreatedEvent) => void;

export interface S3EventRecordOptions {
  readonly region?: string;
  /** Name of the notification configuration. */
  readonly configurationId?: string;
  readonly principalId?: string;
}

/** The record real S3 would deliver for `event` (event version 2.1), with the key encoded as S3 encodes it. */
export function toS3EventRecord(
  event: ObjectCreatedEvent,
  options: S3EventRecordOptions = {},
): S3EventRecord {
  const principalId = options.principalId ?? 'AWS:POLYBRIEFLOCAL';
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: options.region ?? 'us-east-1',
    eventTime: event.eventTime.toISOString(),
    eventName: event.eventName,
    userIdentity: { principalId },
    requestParameters: { sourceIPAddress: event.sourceIp },
    responseElements: {
      'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-amz-id-2': randomBytes(48).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: options.configurationId ?? 'polybrief-local',
      bucket: {
        name: event.bucket,
        ownerIdentity: { principalId: principalId.replace(/^AWS:/, '') },
        arn: `arn:aws:s3:::${event.bucket}`,
      },
      object: {
        key: encodeS3EventKey(event.key),
        size: event.size,
        eTag: event.eTag,
        ...(event.versionId === undefined ? {} : { versionId: event.versionId }),
        sequencer: event.sequencer,
      },
    },
  };
}

/** Hex strings that grow with every call, like S3's per-key ordering sequencer. */
export function sequencerGenerator(): () => string {
  let last = 0n;
  return () => {
    const candidate = BigInt(Date.now()) << 16n;
    last = candidate > last ? candidate : last + 1n;
    return last.toString(16).toUpperCase().padStart(18, '0');
  };
}
