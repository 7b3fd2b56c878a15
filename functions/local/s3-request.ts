/** One request to the local endpoint, as the operations see it, and the ways they answer it. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MultipartUploads } from './multipart-uploads.js';
import type { ObjectCreatedEvent } from './object-created-event.js';
import type { ObjectStore } from './object-store.js';
import { S3Error } from './s3-errors.js';

export interface S3Request {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly method: string;
  /** Decoded; undefined for the service (`GET /`). */
  readonly bucket: string | undefined;
  /** Decoded; undefined for a bucket operation. */
  readonly key: string | undefined;
  readonly query: URLSearchParams;
  readonly requestId: string;
  /** Sends `100 Continue` to a client waiting for it, once, before its body is read. */
  continueBody(): void;
}

/** What every operation works with. */
export interface Services {
  readonly store: ObjectStore;
  readonly uploads: MultipartUploads;
  readonly region: string;
  /** Keys under it are served inline (pages open in a browser); any other object is a download. */
  readonly inlinePrefix: string;
  /** Tells listeners about a created object. */
  readonly created: (event: Omit<ObjectCreatedEvent, 'eventTime' | 'sequencer'>) => void;
}

/** The bucket and key of a path-style request target, percent-decoded, and its query. */
export function parseTarget(url: string): Pick<S3Request, 'bucket' | 'key' | 'query'> {
  if (!url.startsWith('/')) throw new S3Error('InvalidURI');
  const question = url.indexOf('?');
  const path = question === -1 ? url : url.slice(0, question);
  const query = new URLSearchParams(question === -1 ? '' : url.slice(question + 1));
  const slash = path.indexOf('/', 1);
  const bucketText = slash === -1 ? path.slice(1) : path.slice(1, slash);
  const keyText = slash === -1 ? '' : path.slice(slash + 1);
  try {
    return {
      bucket: bucketText === '' ? undefined : decodeURIComponent(bucketText),
      key: keyText === '' ? undefined : decodeURIComponent(keyText),
      query,
    };
  } catch {
    throw new S3Error(
      'InvalidURI',
      "Couldn't parse the specified URI: it is not valid percent-encoded UTF-8.",
    );
  }
}

export function sendXml(
  op: S3Request,
  status: number,
  xml: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  op.response.writeHead(status, {
    ...headers,
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(xml),
  });
  op.response.end(op.method === 'HEAD' ? undefined : xml);
}

export function sendEmpty(
  op: S3Request,
  status: number,
  headers: Readonly<Record<string, string>> = {},
): void {
  // 204 and 304 carry no body and, by HTTP's rules, no Content-Length.
  op.response.writeHead(
    status,
    status === 204 || status === 304 ? headers : { ...headers, 'content-length': '0' },
  );
  op.response.end();
}

/** The first of `names` present in the query, if any. */
export function subresource(query: URLSearchParams, names: readonly string[]): string | undefined {
  return names.find((name) => query.has(name));
}
