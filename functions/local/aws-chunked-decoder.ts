import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

/** A body that is not valid aws-chunked framing; answered 400 IncompleteBody. */
export class AwsChunkedFormatError extends Error {
  constructor(message: string) {
    super(`aws-chunked: ${message}`);
    this.name = 'AwsChunkedFormatError';
  }
}

const MAX_LINE = 4096;

/**
 * Decodes an `aws-chunked` request body (what AWS SDKs send for streamed uploads: `x-amz-content-sha256:
 * STREAMING-...`, with or without checksum trailers). Chunk signatures and trailers are dropped, not verified:
 * this serves local tools. Anything that is not the format fails with `AwsChunkedFormatError`.
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
      while (i < chunk.length) {
        if (this.#state === 'done') throw new AwsChunkedFormatError('data after the last chunk');
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
        if (this.#line.length > MAX_LINE) throw new AwsChunkedFormatError('line too long');
        if (newline === -1) continue;
        this.#endOfLine(this.#line.replace(/\r?\n$/, ''));
        this.#line = '';
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.#state === 'done' ? null : new AwsChunkedFormatError('the body ended inside a chunk'));
  }

  #endOfLine(line: string): void {
    switch (this.#state) {
      case 'size': {
        const size = line.split(';')[0] ?? '';
        if (!/^[0-9a-fA-F]{1,12}$/.test(size)) throw new AwsChunkedFormatError(`bad chunk header ${line}`);
        this.#remaining = Number.parseInt(size, 16);
        this.#state = this.#remaining === 0 ? 'trailer' : 'data';
        return;
      }
      case 'data-end':
        if (line !== '') throw new AwsChunkedFormatError('chunk longer than its declared size');
        this.#state = 'size';
        return;
      case 'trailer':
        // Trailer headers (checksums, trailer signature) end with an empty line.
        if (line === '') this.#state = 'done';
        return;
    }
  }
}

/** True for a body in aws-chunked framing, which must be decoded before it is stored. */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const payload = headers['x-amz-content-sha256'];
  const encodings = (headers['content-encoding'] ?? '').split(',').map((e) => e.trim().toLowerCase());
  return (
    (typeof payload === 'string' && payload.startsWith('STREAMING-')) || encodings.includes('aws-chunked')
  );
}
