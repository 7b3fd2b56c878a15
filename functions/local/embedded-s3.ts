/**
 * An S3-compatible endpoint run in-process for local mode and tests. It listens on 127.0.0.1 only, keeps
 * objects in a data folder, accepts any credentials (signatures are not checked), creates its bucket, and tells
 * the caller about created objects as real S3 notifications would.
 *
 * It is built for a hostile world: every request may come from a web page the user has open, or be shaped to
 * escape the data folder or to kill the process. So, in order: `request-guard.ts` refuses what a web page could
 * send (wrong Host, foreign Origin, cross-site fetches, CORS preflights, unsigned writes); `s3-router.ts` answers
 * only the operations it offers (no POST Object); `key-rules.ts` checks every input that becomes a path (bucket,
 * key, upload id, part number, copy source, DeleteObjects keys), and `data-folder.ts` checks every resolved path
 * once more; request bodies are bounded (`request-body.ts`), XML bodies read in one pass (`xml-request.ts`); and
 * any failure is answered as the S3 error S3 would give, never raised to the process.
 *
 * It once wrapped s3rver; the handlers are now its own, because s3rver built file paths from unchecked
 * inputs in half a dozen places, crashed on a missing multipart part or a malformed aws-chunked body, and lacked
 * conditional writes, suffix ranges, Content-MD5, multipart abort and ETags. Data folders written by s3rver
 * keep working: the file layout is the same.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PathOutsideDataFolderError } from './data-folder.js';
import { checkBucketName } from './key-rules.js';
import { MultipartUploads } from './multipart-uploads.js';
import {
  type ObjectCreatedEvent,
  type ObjectCreatedListener,
  sequencerGenerator,
} from './object-created-event.js';
import { ObjectStore, removeLeftoverTemporaryFiles } from './object-store.js';
import { guardRequest } from './request-guard.js';
import { S3Error } from './s3-errors.js';
import { parseTarget, type S3Request, type Services } from './s3-request.js';
import { route } from './s3-router.js';

export {
  type ObjectCreatedEvent,
  type ObjectCreatedEventName,
  type ObjectCreatedListener,
  type S3EventRecordOptions,
  toS3EventRecord,
} from './object-created-event.js';
export { encodeS3EventKey } from './s3-key-encoding.js';

export interface EmbeddedS3Options {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Folder the objects are kept in (created when missing); they survive a restart. */
  readonly dataDir: string;
  /** Created at start when it does not exist. */
  readonly bucket: string;
  /** Region written into event records and answered to GetBucketLocation. */
  readonly region?: string;
  /** Objects under it are served inline, so pages open in a browser; all others as downloads. */
  readonly inlinePrefix?: string;
  /** A line per request (method, target, status) on stderr; off by default. */
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

export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  checkBucketName(options.bucket);
  const region = options.region ?? 'us-east-1';
  const store = new ObjectStore(options.dataDir);
  await removeLeftoverTemporaryFiles(store.folder.root);
  await store.createBucket(options.bucket);

  const events = new EventEmitter();
  const nextSequencer = sequencerGenerator();
  const services: Services = {
    store,
    uploads: new MultipartUploads(store),
    region,
    inlinePrefix: options.inlinePrefix ?? 'published/',
    // Delivered after the upload is answered, as S3 notifications are; a failing listener cannot fail the upload.
    created: (event) => {
      const full: ObjectCreatedEvent = { ...event, eventTime: new Date(), sequencer: nextSequencer() };
      setImmediate(() => events.emit('created', full));
    },
  };

  let port = 0;
  const handle = (request: IncomingMessage, response: ServerResponse, expectsContinue: boolean) => {
    const started = Date.now();
    if (options.verbose)
      response.once('finish', () =>
        process.stderr.write(
          `s3 ${request.method} ${request.url} ${response.statusCode} ${Date.now() - started}ms\n`,
        ),
      );
    // answer() turns every failure into a response; should sending that fail too, the connection is dropped.
    answer(request, response, expectsContinue, port, services).catch(() => response.destroy());
  };
  const server = createServer((request, response) => handle(request, response, false));
  // Answered like any request, so a refused upload is refused before its body is sent.
  server.on('checkContinue', (request, response) => handle(request, response, true));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: this endpoint has no authentication worth the name.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

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
    },
  };
}

/** Answers one request; whatever goes wrong becomes an S3 error response, never an exception. */
async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  expectsContinue: boolean,
  port: number,
  services: Services,
): Promise<void> {
  // Errors of a client that went away surface where the streams are read; these listeners keep them there.
  request.on('error', () => undefined);
  response.on('error', () => undefined);
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  response.setHeader('x-amz-request-id', requestId);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
  let continued = !expectsContinue;
  const continueBody = () => {
    if (continued) return;
    continued = true;
    response.writeContinue();
  };
  const resource = (request.url ?? '/').split('?')[0] ?? '/';
  try {
    guardRequest(request, port);
    const target = parseTarget(request.url ?? '/');
    const op: S3Request = {
      request,
      response,
      method: request.method ?? 'GET',
      ...target,
      requestId,
      continueBody,
    };
    await route(op, services);
  } catch (error) {
    sendError(request, response, toS3Error(error), resource, requestId);
  }
}

function toS3Error(error: unknown): S3Error {
  if (error instanceof S3Error) return error;
  if (error instanceof PathOutsideDataFolderError)
    return new S3Error('InvalidArgument', 'The request names a place outside the data folder.');
  return new S3Error('InternalError');
}

function sendError(
  request: IncomingMessage,
  response: ServerResponse,
  error: S3Error,
  resource: string,
  requestId: string,
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = error.toXml(resource, requestId);
  const unread = !request.complete;
  response.writeHead(error.status, {
    ...error.headers,
    'content-type': 'application/xml',
    'content-length': request.method === 'HEAD' ? '0' : String(Buffer.byteLength(body)),
    // A body left unread is not worth reading to keep the connection: it is dropped, and so is the connection.
    ...(unread ? { connection: 'close' } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  if (unread) request.resume();
}
