/**
 * An S3-compatible endpoint run in-process for local mode and tests, on top of s3rver (the maintained
 * `@20minutes/s3rver` fork). It listens on 127.0.0.1 only, keeps objects in a data folder, accepts any
 * credentials, creates the bucket, and tells the caller about created objects as real S3 notifications would.
 *
 * What s3rver gets wrong, and what is done about it here:
 * - it knows one access key: every key is mapped to its account and signatures are not checked;
 * - it cannot read aws-chunked uploads with checksum trailers (the SDKs' default for streams): decoded first;
 * - paged ListObjectsV2 fails (DES tokens, gone from OpenSSL 3): answered by `list-objects-v2.ts` instead;
 * - XML text is escaped twice (`a&b` listed as `a&amp;b`): one level is taken off;
 * - a multipart completion is reported as `Post` and a copy without ETag: both are put right;
 * - keys map to file paths, so `.`/`..` segments are refused rather than written outside the data folder;
 * - objects are written in place and read piecemeal, so a GET during a PUT (or after a crash) could see a
 *   half-written object: writes go to a temporary file that is renamed (`atomic-object-store.ts`);
 * - no versioning: events and reads never carry a versionId.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { S3EventRecord } from 'aws-lambda';
import {
  type FilesystemObjectStore,
  makeObjectWritesAtomic,
  removeLeftoverTemporaryFiles,
} from './atomic-object-store.js';
import { decodeChunkedRequest, hasChunkedTrailer } from './aws-chunked-decoder.js';
import { answerListObjectsV2, type ListingStore, listObjectsV2Bucket } from './list-objects-v2.js';

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

export interface EmbeddedS3Options {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Folder the objects are kept in (created when missing); they survive a restart. */
  readonly dataDir: string;
  /** Created at start when it does not exist. */
  readonly bucket: string;
  /** Region written into event records. */
  readonly region?: string;
  /** Request logging of s3rver; off by default. */
  readonly verbose?: boolean;
}

export interface EmbeddedS3 {
  /** `http://127.0.0.1:PORT`: give it to the S3 client (path-style) or `aws --endpoint-url`. */
  readonly endpoint: string;
  readonly port: number;
  readonly bucket: string;
  readonly region: string;
  readonly dataDir: string;
  /**
   * Calls `listener` for every object created, once the upload is stored; returns a function that
   * unsubscribes it. A listener handles its own errors (one it throws is an uncaught exception).
   */
  onObjectCreated(listener: ObjectCreatedListener): () => void;
  close(): Promise<void>;
}

// s3rver ships no type declarations: this is the part of its API used here.
interface S3rverRecord {
  readonly eventName: string;
  readonly requestParameters: { readonly sourceIPAddress: string };
  readonly s3: {
    readonly bucket: { readonly name: string };
    readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string };
  };
}
interface S3rverApp {
  on(event: 'event', listener: (event: { Records: readonly S3rverRecord[] }) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
  configureBuckets(): Promise<unknown>;
  readonly store: ListingStore & FilesystemObjectStore;
  readonly logger: { close(): void };
}
interface S3rverConstructor {
  new (options: Record<string, unknown>): S3rverApp;
}
interface S3rverAccountModule {
  readonly registry: Map<string, unknown>;
  readonly DUMMY_ACCOUNT: unknown;
}

const require = createRequire(import.meta.url);

/**
 * s3rver only knows its own access key `S3RVER`. Local tools (the AWS CLI with a user's profile, the SDK with
 * whatever credentials are around) must work as they are, so every access key maps to its one account; with
 * `allowMismatchedSignatures`, SigV4 signatures made with any secret are then accepted.
 */
function acceptAnyAccessKey(): void {
  const accounts = require('@20minutes/s3rver/lib/models/account.js') as S3rverAccountModule;
  const registry = accounts.registry;
  if ((registry as { acceptsAny?: boolean }).acceptsAny) return;
  const get = registry.get.bind(registry);
  registry.get = (accessKeyId: string) => get(accessKeyId) ?? accounts.DUMMY_ACCOUNT;
  (registry as { acceptsAny?: boolean }).acceptsAny = true;
}

interface RequestContext {
  readonly method: string;
  readonly url: string;
}

export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  const S3rver = require('@20minutes/s3rver') as S3rverConstructor;
  acceptAnyAccessKey();
  const region = options.region ?? 'us-east-1';
  const app = new S3rver({
    directory: options.dataDir,
    silent: !options.verbose,
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: options.bucket }],
  });
  makeObjectWritesAtomic(app.store);
  await removeLeftoverTemporaryFiles(options.dataDir);
  await app.configureBuckets();

  const events = new EventEmitter();
  // Delivered after the upload is answered, as S3 notifications are; a failing listener cannot fail the upload.
  const deliver = (event: ObjectCreatedEvent) => setImmediate(() => events.emit('created', event));
  const requests = new AsyncLocalStorage<RequestContext>();
  const nextSequencer = sequencerGenerator();

  app.on('event', ({ Records }) => {
    const context = requests.getStore();
    for (const record of Records) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      const { bucket, object } = record.s3;
      // s3rver reports a multipart completion as a POST, and a copy without its ETag.
      const multipart = context?.method === 'POST' && /[?&]uploadId=/.test(context.url);
      const eventName = (
        multipart ? 'ObjectCreated:CompleteMultipartUpload' : record.eventName
      ) as ObjectCreatedEventName;
      const base = {
        eventName,
        eventTime: new Date(),
        bucket: bucket.name,
        key: object.key,
        size: object.size ?? 0,
        sequencer: nextSequencer(),
        sourceIp: record.requestParameters.sourceIPAddress,
      };
      if (object.eTag !== undefined) {
        deliver({ ...base, eTag: object.eTag });
        continue;
      }
      app.store.getMetadata(bucket.name, object.key).then(
        ({ etag }) => deliver({ ...base, eTag: String(etag).replaceAll('"', '') }),
        () => deliver({ ...base, eTag: '' }),
      );
    }
  });
  // Errors are answered to the client as S3 XML errors already; keep them out of the process's stderr.
  app.on('error', () => {});

  const handle = app.callback();
  const server = createServer((request, response) => {
    if (escapesDataDir(request.url ?? '/')) {
      response.writeHead(400, { 'content-type': 'application/xml' });
      response.end(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidArgument</Code><Message>Keys with "." or ".." path segments are not supported by the embedded S3 endpoint.</Message></Error>',
      );
      return;
    }
    const url = request.url ?? '/';
    const toS3rver = () => {
      undoDoubleEscaping(response);
      // SDKs stream uploads as aws-chunked with checksum trailers by default; s3rver only reads plain bodies.
      const readable = hasChunkedTrailer(request) ? decodeChunkedRequest(request) : request;
      requests.run({ method: request.method ?? 'GET', url }, () => handle(readable, response));
    };
    const listed = listObjectsV2Bucket(request.method, url);
    if (listed === undefined) return toS3rver();
    answerListObjectsV2(app.store, listed, url, response).then(
      (answered) => answered || toS3rver(),
      () => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/xml' });
        response.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code></Error>');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: this endpoint has no authentication worth the name.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    bucket: options.bucket,
    region,
    dataDir: options.dataDir,
    onObjectCreated(listener) {
      events.on('created', listener);
      return () => events.off('created', listener);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      events.removeAllListeners();
      app.logger.close();
    },
  };
}

/** The store maps keys to file paths: `.`/`..` segments would reach outside the data folder. */
function escapesDataDir(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  return decoded.split(/[/\\]/).some((segment) => segment === '.' || segment === '..');
}

/**
 * s3rver escapes XML text twice (its own `he.escape`, then fast-xml-parser's builder), so a listed key
 * `a&b` would reach clients as `a&amp;b`. One level is taken off successful XML bodies before they leave.
 */
function undoDoubleEscaping(response: ServerResponse): void {
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.end = ((...args: unknown[]) => {
    const [chunk, ...rest] = args;
    const type = String(response.getHeader('content-type') ?? '');
    const text = typeof chunk === 'string' || Buffer.isBuffer(chunk);
    if (!text || !type.includes('xml') || response.statusCode >= 300 || response.headersSent)
      return end(...args);
    const fixed = chunk.toString().replace(/&amp;(?=(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);)/g, '&');
    response.setHeader('content-length', Buffer.byteLength(fixed));
    return end(fixed, ...rest);
  }) as ServerResponse['end'];
}

function sequencerGenerator(): () => string {
  let last = 0n;
  return () => {
    const candidate = BigInt(Date.now()) << 16n;
    last = candidate > last ? candidate : last + 1n;
    return last.toString(16).toUpperCase().padStart(18, '0');
  };
}

/**
 * Encodes a key the way S3 writes it into event notifications (form encoding): spaces become `+`, `/` and
 * `A-Z a-z 0-9 . - _ *` stay, everything else is percent-encoded UTF-8 (so `+` is `%2B`). A handler decodes
 * it with `decodeURIComponent(key.replaceAll('+', ' '))`.
 */
export function encodeS3EventKey(key: string): string {
  let encoded = '';
  for (const char of key) {
    if (/^[A-Za-z0-9.\-_*/]$/.test(char)) encoded += char;
    else if (char === ' ') encoded += '+';
    else {
      for (const byte of Buffer.from(char, 'utf8'))
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return encoded;
}

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
