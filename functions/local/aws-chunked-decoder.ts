import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Decodes an `aws-chunked` request body with trailing checksums (what AWS SDKs send for streamed uploads by
 * default: `x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER` or `...-HMAC-SHA256-PAYLOAD-TRAILER`),
 * which s3rver cannot parse. Chunk signatures and trailers are dropped, not verified: this serves local tools.
 *
 * Format: `<hex size>[;chunk-signature=...]\r\n<data>\r\n` ... `0[;...]\r\n` then trailer lines and `\r\n`.
 */
export class AwsChunkedDecoder extends Transform {
  #state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';
  #line = '';
  #remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let i = 0;
    try {
      while (i < chunk.length && this.#state !== 'done') {
        if (this.#state === 'data') {
          const take = Math.min(this.#remaining, chunk.length - i);
          this.push(chunk.subarray(i, i + take));
          i += take;
          this.#remaining -= take;
          if (this.#remaining === 0) this.#state = 'data-end';
          continue;
        }
        const newline = chunk.indexOf(0x0a, i);
        const end = newline === -1 ? chunk.length : newline + 1;
        this.#line += chunk.toString('latin1', i, end);
        i = end;
        if (newline === -1) {
          if (this.#line.length > 4096) throw new Error('aws-chunked: line too long');
          continue;
        }
        this.#endOfLine(this.#line.replace(/\r?\n$/, ''));
        this.#line = '';
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.#state === 'done' ? null : new Error('aws-chunked: the body ended inside a chunk'));
  }

  #endOfLine(line: string): void {
    switch (this.#state) {
      case 'size': {
        const size = Number.parseInt(line.split(';')[0] ?? '', 16);
        if (!Number.isFinite(size) || size < 0) throw new Error(`aws-chunked: bad chunk header ${line}`);
        this.#remaining = size;
        this.#state = size === 0 ? 'trailer' : 'data';
        return;
      }
      case 'data-end':
        if (line !== '') throw new Error('aws-chunked: chunk longer than its declared size');
        this.#state = 'size';
        return;
      case 'trailer':
        // Trailer headers (checksums, trailer signature) end with an empty line.
        if (line === '') this.#state = 'done';
        return;
    }
  }
}

/** True for the aws-chunked bodies with trailers that s3rver cannot read. */
export function hasChunkedTrailer(request: IncomingMessage): boolean {
  const payload = request.headers['x-amz-content-sha256'];
  return typeof payload === 'string' && payload.startsWith('STREAMING-') && payload.endsWith('-TRAILER');
}

/**
 * A request s3rver can read in place of `request`: the decoded body with the headers of a plain upload.
 * (Koa only uses the request's stream, headers, method, url, version and socket.)
 */
export function decodeChunkedRequest(request: IncomingMessage): IncomingMessage {
  const decoded = new AwsChunkedDecoder();
  request.on('error', (error) => decoded.destroy(error));
  request.pipe(decoded);
  const headers = { ...request.headers };
  const length = headers['x-amz-decoded-content-length'];
  const encodings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'aws-chunked');
  if (encodings.length > 0) headers['content-encoding'] = encodings.join(', ');
  else delete headers['content-encoding'];
  if (length !== undefined) headers['content-length'] = String(length);
  delete headers['transfer-encoding'];
  delete headers['x-amz-decoded-content-length'];
  delete headers['x-amz-trailer'];
  headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  return Object.assign(decoded, {
    headers,
    rawHeaders: Object.entries(headers).flatMap(([name, value]) => [name, String(value)]),
    method: request.method,
    url: request.url,
    httpVersion: request.httpVersion,
    httpVersionMajor: request.httpVersionMajor,
    httpVersionMinor: request.httpVersionMinor,
    socket: request.socket,
    connection: request.socket,
  }) as unknown as IncomingMessage;
}
