import { type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
  /** `<Code>` of an S3 XML error body, if there is one. */
  readonly code: string | undefined;
}

export interface RawRequest {
  readonly method?: string;
  /** Sent as written: no normalisation, no encoding. */
  readonly path: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Buffer;
  /**
   * Adds what an SDK sends (a SigV4 `Authorization` header, `x-amz-date`, `x-amz-content-sha256`), signature
   * made up: the endpoint does not check signatures. Default true; false sends what a web page can send.
   */
  readonly signed?: boolean;
}

/** A request built by hand, for the shapes no SDK would send. Loopback only. */
export function rawRequest(endpoint: string, options: RawRequest): Promise<RawResponse> {
  const url = new URL(endpoint);
  const headers: Record<string, string | number> = {
    host: url.host,
    ...(options.signed === false ? {} : signedHeaders()),
    ...(options.body === undefined ? {} : { 'content-length': Buffer.byteLength(options.body) }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, method: options.method ?? 'GET', path: options.path, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            text,
            code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Headers of a SigV4-signed request, with a signature nobody checks. */
export function signedHeaders(): Record<string, string> {
  const now = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=AKIAANYTHING/${now.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
    'x-amz-date': now,
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
  };
}

/**
 * Writes `head` (request line and headers, CRLF-separated, ending with the blank line) and `body` to a new
 * connection, then closes it after `closeAfterMs` without waiting for an answer: a client that dies mid-request.
 */
export function abandonedRequest(endpoint: string, head: string, body: Buffer, closeAfterMs = 50) {
  const url = new URL(endpoint);
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => {
      socket.write(head);
      socket.write(body);
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, closeAfterMs);
    });
    socket.on('error', reject);
  });
}

/** A `multipart/form-data` body with the given fields, then one file field. */
export function formBody(fields: Record<string, string>, file: string, boundary = 'polybriefboundary') {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.html"\r\nContent-Type: text/html\r\n\r\n${file}\r\n`,
  );
  return {
    body: `${parts.join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
