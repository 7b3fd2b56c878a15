/** The object operations of the local endpoint: GET, HEAD, PUT, copy, DELETE, multipart uploads, tagging. */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CopySource, parseCopySource, parsePartNumber } from './key-rules.js';
import type { CompletedPart } from './multipart-uploads.js';
import { metadataFromHeaders, objectResponseHeaders } from './object-headers.js';
import type { OpenedObject } from './object-store.js';
import { describeBody, type RequestBody, readSmallBody, receiveBody, uploadLength } from './request-body.js';
import {
  checkCopySourceConditions,
  checkWriteConditions,
  parseCopySourceRange,
  parseRange,
  readConditions,
  writeConditions,
} from './request-conditions.js';
import { S3Error } from './s3-errors.js';
import { type S3Request, type Services, sendEmpty, sendXml } from './s3-request.js';
import { childrenNamed, childText, malformed, parseXmlBody } from './xml-request.js';
import { S3_NAMESPACE, xmlDocument, xmlTag } from './xml-writer.js';

interface ObjectRequest extends S3Request {
  readonly bucket: string;
  readonly key: string;
}

export async function getObject(op: ObjectRequest, services: Services): Promise<void> {
  const versionId = op.query.get('versionId');
  const opened = await services.store.open(op.bucket, op.key);
  if (opened === undefined) throw new S3Error('NoSuchKey', undefined, { Key: op.key });
  let streaming = false;
  try {
    // No versioning here: the only version there is is the "null" one.
    if (versionId !== null && versionId !== 'null')
      throw new S3Error('NoSuchVersion', undefined, { Key: op.key, VersionId: versionId });
    const { info } = opened;
    const verdict = readConditions(op.request.headers, info);
    if (verdict === 'precondition-failed') throw new S3Error('PreconditionFailed');
    if (verdict === 'not-modified') {
      sendEmpty(op, 304, { etag: `"${info.etag}"`, 'last-modified': info.lastModified.toUTCString() });
      return;
    }
    const range = parseRange(op.request.headers.range, info.size);
    if (range.kind === 'unsatisfiable')
      throw new S3Error(
        'InvalidRange',
        undefined,
        { RangeRequested: op.request.headers.range ?? '', ActualObjectSize: String(info.size) },
        { 'content-range': `bytes */${info.size}` },
      );
    const headers = objectResponseHeaders(info, {
      inlinePrefix: services.inlinePrefix,
      query: op.query,
      signed: op.request.headers.authorization !== undefined,
    });
    const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, info.size - 1];
    if (range.kind === 'part') headers['content-range'] = `bytes ${start}-${end}/${info.size}`;
    headers['content-length'] = String(end - start + 1);
    op.response.writeHead(range.kind === 'part' ? 206 : 200, headers);
    if (op.method === 'HEAD' || info.size === 0) {
      op.response.end();
      return;
    }
    streaming = true;
    await pipeline(opened.handle.createReadStream({ start, end, autoClose: true }), op.response).catch(() => {
      // The client went away, or the file could not be read: the response is cut short.
      op.response.destroy();
    });
  } finally {
    if (!streaming) await opened.handle.close();
  }
}

export async function putObject(op: ObjectRequest, services: Services): Promise<void> {
  const body = describeBody(op.request);
  const metadata = metadataFromHeaders(op.request.headers);
  const conditions = writeConditions(op.request.headers);
  // Decided again when the object is put in place; checking now saves receiving a body for nothing.
  if (conditions.ifMatch !== undefined || conditions.ifNoneMatch)
    checkWriteConditions(conditions, await services.store.head(op.bucket, op.key));
  const info = await services.store.write(op.bucket, op.key, receiveUpload(op, body), metadata, conditions);
  services.created({ eventName: 'ObjectCreated:Put', ...event(op, info.size, info.etag) });
  sendEmpty(op, 200, { etag: `"${info.etag}"` });
}

/**
 * Receives the request body into the file as an upload (object or part): its declared length is required, at
 * most 5 GiB, and must be what arrives. Returns the MD5 of the bytes.
 */
function receiveUpload(op: ObjectRequest, body: RequestBody): (file: string) => Promise<string> {
  const length = uploadLength(body);
  return async (file) => {
    op.continueBody();
    const sink = createWriteStream(file, { flags: 'wx' });
    const received = await receiveBody(op.request, body, sink, length, () => new S3Error('IncompleteBody'));
    return received.md5.toString('hex');
  };
}

/** Copies an opened source (or `range` of it) to `file`, returning the MD5 of what was copied. */
async function copyBytes(source: OpenedObject, file: string, range?: { start: number; end: number }) {
  const hash = createHash('md5');
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(
    source.handle.createReadStream({ ...(range ?? {}), autoClose: false }),
    measure,
    createWriteStream(file, { flags: 'wx' }),
  );
  return hash.digest('hex');
}

function copySource(op: ObjectRequest): CopySource {
  return parseCopySource(String(op.request.headers['x-amz-copy-source']));
}

async function openCopySource(
  op: ObjectRequest,
  services: Services,
  source: CopySource,
): Promise<OpenedObject> {
  if (source.versionId !== undefined && source.versionId !== 'null')
    throw new S3Error('NoSuchVersion', undefined, { Key: source.key, VersionId: source.versionId });
  await services.store.requireBucket(source.bucket);
  const opened = await services.store.open(source.bucket, source.key);
  if (opened === undefined) throw new S3Error('NoSuchKey', undefined, { Key: source.key });
  try {
    checkCopySourceConditions(op.request.headers, opened.info);
  } catch (error) {
    await opened.handle.close();
    throw error;
  }
  return opened;
}

export async function copyObject(op: ObjectRequest, services: Services): Promise<void> {
  const directive = String(op.request.headers['x-amz-metadata-directive'] ?? 'COPY');
  if (directive !== 'COPY' && directive !== 'REPLACE')
    throw new S3Error('InvalidArgument', 'Unknown metadata directive.', {
      ArgumentName: 'x-amz-metadata-directive',
      ArgumentValue: directive,
    });
  const conditions = writeConditions(op.request.headers);
  const replacement = directive === 'REPLACE' ? metadataFromHeaders(op.request.headers) : undefined;
  const location = copySource(op);
  if (location.bucket === op.bucket && location.key === op.key && replacement === undefined)
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  const source = await openCopySource(op, services, location);
  try {
    const info = await services.store.write(
      op.bucket,
      op.key,
      (file) => copyBytes(source, file),
      replacement ?? source.info.metadata,
      conditions,
    );
    services.created({ eventName: 'ObjectCreated:Copy', ...event(op, info.size, info.etag) });
    sendXml(
      op,
      200,
      xmlDocument(
        `<CopyObjectResult xmlns="${S3_NAMESPACE}">${xmlTag('LastModified', info.lastModified.toISOString())}${xmlTag(
          'ETag',
          `"${info.etag}"`,
        )}</CopyObjectResult>`,
      ),
    );
  } finally {
    await source.handle.close();
  }
}

export async function deleteObject(op: ObjectRequest, services: Services): Promise<void> {
  if (op.request.headers['if-match'] !== undefined)
    throw new S3Error('NotImplemented', undefined, { Header: 'If-Match' });
  await services.store.delete(op.bucket, op.key);
  sendEmpty(op, 204);
}

export async function getObjectTagging(op: ObjectRequest, services: Services): Promise<void> {
  if ((await services.store.head(op.bucket, op.key)) === undefined)
    throw new S3Error('NoSuchKey', undefined, { Key: op.key });
  sendXml(op, 200, xmlDocument(`<Tagging xmlns="${S3_NAMESPACE}"><TagSet></TagSet></Tagging>`));
}

export async function createMultipartUpload(op: ObjectRequest, services: Services): Promise<void> {
  const uploadId = await services.uploads.create(op.bucket, op.key, metadataFromHeaders(op.request.headers));
  sendXml(
    op,
    200,
    xmlDocument(
      `<InitiateMultipartUploadResult xmlns="${S3_NAMESPACE}">${xmlTag('Bucket', op.bucket)}${xmlTag(
        'Key',
        op.key,
      )}${xmlTag('UploadId', uploadId)}</InitiateMultipartUploadResult>`,
    ),
  );
}

export async function uploadPart(op: ObjectRequest, services: Services): Promise<void> {
  const partNumber = parsePartNumber(op.query.get('partNumber'));
  if (op.request.headers['x-amz-copy-source'] !== undefined) return uploadPartCopy(op, services, partNumber);
  const body = describeBody(op.request);
  const etag = await services.uploads.putPart(
    op.bucket,
    op.key,
    op.query.get('uploadId'),
    partNumber,
    receiveUpload(op, body),
  );
  sendEmpty(op, 200, { etag: `"${etag}"` });
}

async function uploadPartCopy(op: ObjectRequest, services: Services, partNumber: number): Promise<void> {
  const source = await openCopySource(op, services, copySource(op));
  try {
    const range = parseCopySourceRange(
      op.request.headers['x-amz-copy-source-range'] as string | undefined,
      source.info.size,
    );
    const etag = await services.uploads.putPart(
      op.bucket,
      op.key,
      op.query.get('uploadId'),
      partNumber,
      (file) => copyBytes(source, file, range),
    );
    sendXml(
      op,
      200,
      xmlDocument(
        `<CopyPartResult xmlns="${S3_NAMESPACE}">${xmlTag('LastModified', new Date().toISOString())}${xmlTag(
          'ETag',
          `"${etag}"`,
        )}</CopyPartResult>`,
      ),
    );
  } finally {
    await source.handle.close();
  }
}

/** The parts of a CompleteMultipartUpload body: at least one, at most 10,000, each with number and ETag. */
function completedParts(body: Buffer): CompletedPart[] {
  const root = parseXmlBody(body);
  if (root.name !== 'CompleteMultipartUpload') throw malformed();
  const parts = childrenNamed(root, 'Part');
  if (parts.length === 0 || parts.length > 10_000) throw malformed();
  return parts.map((part) => {
    const number = childText(part, 'PartNumber');
    const etag = childText(part, 'ETag');
    if (number === undefined || etag === undefined) throw malformed();
    return { partNumber: parsePartNumber(number.trim()), etag: etag.trim() };
  });
}

export async function completeMultipartUpload(op: ObjectRequest, services: Services): Promise<void> {
  const conditions = writeConditions(op.request.headers);
  op.continueBody();
  const parts = completedParts(await readSmallBody(op.request));
  const info = await services.uploads.complete(
    op.bucket,
    op.key,
    op.query.get('uploadId'),
    parts,
    conditions,
  );
  services.created({
    eventName: 'ObjectCreated:CompleteMultipartUpload',
    ...event(op, info.size, info.etag),
  });
  const location = `http://${op.request.headers.host ?? ''}/${encodeURIComponent(op.bucket)}/${op.key
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`;
  sendXml(
    op,
    200,
    xmlDocument(
      `<CompleteMultipartUploadResult xmlns="${S3_NAMESPACE}">${xmlTag('Location', location)}${xmlTag(
        'Bucket',
        op.bucket,
      )}${xmlTag('Key', op.key)}${xmlTag('ETag', `"${info.etag}"`)}</CompleteMultipartUploadResult>`,
    ),
  );
}

export async function abortMultipartUpload(op: ObjectRequest, services: Services): Promise<void> {
  await services.uploads.abort(op.bucket, op.key, op.query.get('uploadId'));
  sendEmpty(op, 204);
}

function event(op: ObjectRequest, size: number, eTag: string) {
  const address = op.request.socket.remoteAddress ?? '127.0.0.1';
  return {
    bucket: op.bucket,
    key: op.key,
    size,
    eTag,
    sourceIp: address.replace(/^::ffff:/, ''),
  };
}
