/**
 * Reading request bodies for the local endpoint: aws-chunked framing decoded, the length the client declared
 * and its `Content-MD5` checked, and every size bounded, so no body can grow past what its request allows.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder, AwsChunkedFormatError, isAwsChunked } from './aws-chunked-decoder.js';
import { S3Error } from './s3-errors.js';

/** S3's limit on one PUT (object or part). */
export const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;
/**
 * Limit on an XML request body: a DeleteObjects of 1,000 keys of 1,024 bytes, every byte escaped, or a
 * CompleteMultipartUpload of 10,000 parts, fits with room to spare.
 */
export const MAX_XML_BYTES = 8 * 1024 * 1024;

export interface RequestBody {
  /** Length the client declared: `Content-Length`, or `x-amz-decoded-content-length` for aws-chunked. */
  readonly declaredLength: number | undefined;
  /** `Content-MD5`, decoded. */
  readonly md5: Buffer | undefined;
  readonly awsChunked: boolean;
}

export interface ReceivedBody {
  readonly size: number;
  readonly md5: Buffer;
}

/** What the headers say about the body; throws InvalidDigest for a `Content-MD5` that is not an MD5. */
export function describeBody(request: IncomingMessage): RequestBody {
  const awsChunked = isAwsChunked(request.headers);
  const lengthHeader = awsChunked
    ? request.headers['x-amz-decoded-content-length']
    : request.headers['content-length'];
  const lengthText = Array.isArray(lengthHeader) ? lengthHeader[0] : lengthHeader;
  if (lengthText !== undefined && !/^\d{1,16}$/.test(lengthText))
    throw new S3Error('InvalidArgument', 'The declared content length is not a number.');
  const md5Header = request.headers['content-md5'];
  const md5Text = Array.isArray(md5Header) ? md5Header.join(',') : md5Header;
  if (md5Text !== undefined && !/^[A-Za-z0-9+/]{22}==$/.test(md5Text)) throw new S3Error('InvalidDigest');
  return {
    declaredLength: lengthText === undefined ? undefined : Number(lengthText),
    md5: md5Text === undefined ? undefined : Buffer.from(md5Text, 'base64'),
    awsChunked,
  };
}

/** The declared length of an upload (object or part), which S3 requires and limits to 5 GiB. */
export function uploadLength(body: RequestBody): number {
  if (body.declaredLength === undefined) throw new S3Error('MissingContentLength');
  if (body.declaredLength > MAX_UPLOAD_BYTES) throw new S3Error('EntityTooLarge');
  return body.declaredLength;
}

class BodyOverLimitError extends Error {}
class ClientGoneError extends Error {}

/**
 * Streams the request body into `sink`, decoded; checks its length against the declared one and its MD5
 * against `Content-MD5`. At most `limit` bytes are taken. The request itself is never destroyed here, so an
 * error can still be answered; an unread rest is left to the caller to drain.
 */
export async function receiveBody(
  request: IncomingMessage,
  body: RequestBody,
  sink: Writable,
  limit: number,
  tooLarge: () => S3Error,
): Promise<ReceivedBody> {
  const hash = createHash('md5');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) return callback(new BodyOverLimitError());
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const stages = body.awsChunked ? [new AwsChunkedDecoder(), measure] : [measure];
  const first = stages[0] as Transform;
  const gone = () => {
    if (!request.complete) first.destroy(new ClientGoneError());
  };
  request.once('close', gone);
  request.once('error', gone);
  request.pipe(first);
  try {
    await pipeline([...stages, sink]);
  } catch (error) {
    if (error instanceof BodyOverLimitError)
      throw body.declaredLength !== undefined && size > body.declaredLength
        ? new S3Error(
            'IncompleteBody',
            `The body is longer than the ${body.declaredLength} bytes its headers declare.`,
          )
        : tooLarge();
    if (error instanceof AwsChunkedFormatError) throw new S3Error('IncompleteBody', error.message);
    if (error instanceof ClientGoneError)
      throw new S3Error('IncompleteBody', 'The client closed the connection before the body was complete.');
    throw error;
  } finally {
    request.unpipe(first);
    request.off('close', gone);
    request.off('error', gone);
  }
  if (body.declaredLength !== undefined && size !== body.declaredLength)
    throw new S3Error(
      'IncompleteBody',
      `The body is ${size} bytes long; its headers declare ${body.declaredLength}.`,
    );
  const md5 = hash.digest();
  if (body.md5 !== undefined && !md5.equals(body.md5)) throw new S3Error('BadDigest');
  return { size, md5 };
}

/** A whole small body (an XML document), at most `MAX_XML_BYTES`. */
export async function readSmallBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const body = describeBody(request);
  if (body.declaredLength !== undefined && body.declaredLength > MAX_XML_BYTES)
    throw new S3Error('MaxMessageLengthExceeded');
  await receiveBody(request, body, collect, MAX_XML_BYTES, () => new S3Error('MaxMessageLengthExceeded'));
  return Buffer.concat(chunks);
}
