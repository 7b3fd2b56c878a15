/**
 * Which operation answers a request (path-style only: `/<bucket>/<key>`). The endpoint does what polybrief, the
 * AWS CLI and the SDKs use of S3; any other subresource is 501 NotImplemented, as S3 answers what it does not
 * offer, rather than being mistaken for a plain GET or PUT of the object.
 */
import {
  createBucket,
  deleteObjects,
  getBucketLocation,
  headBucket,
  listBuckets,
  listObjects,
} from './bucket-operations.js';
import { checkBucketName, checkKey } from './key-rules.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  copyObject,
  createMultipartUpload,
  deleteObject,
  getObject,
  getObjectTagging,
  putObject,
  uploadPart,
} from './object-operations.js';
import { S3Error } from './s3-errors.js';
import { type S3Request, type Services, subresource } from './s3-request.js';

const BUCKET_SUBRESOURCES_NOT_OFFERED = [
  'accelerate',
  'acl',
  'analytics',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'lifecycle',
  'logging',
  'metadataTable',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'session',
  'tagging',
  'uploads',
  'versioning',
  'versions',
  'website',
];

const OBJECT_SUBRESOURCES_NOT_OFFERED = [
  'acl',
  'attributes',
  'legal-hold',
  'renameObject',
  'restore',
  'retention',
  'select',
  'torrent',
];

export async function route(op: S3Request, services: Services): Promise<void> {
  const { method, bucket, key, query } = op;
  if (bucket === undefined) {
    if (method === 'GET') return listBuckets(op, services);
    throw notAllowed(method);
  }
  checkBucketName(bucket);
  if (key === undefined) {
    const on = { ...op, bucket };
    if (method === 'POST' && query.has('delete')) return deleteObjects(on, services);
    const unoffered = subresource(query, BUCKET_SUBRESOURCES_NOT_OFFERED);
    if (unoffered !== undefined) throw notImplemented(unoffered);
    switch (method) {
      case 'GET':
        return query.has('location') ? getBucketLocation(on, services) : listObjects(on, services);
      case 'HEAD':
        return headBucket(on, services);
      case 'PUT':
        return createBucket(on, services);
      case 'POST':
        throw new S3Error(
          'MethodNotAllowed',
          'POST Object (an upload from a browser form) is not supported by the local endpoint: any web page could use it to write into the bucket.',
          { Method: 'POST', ResourceType: 'BUCKET' },
        );
      default:
        // DELETE: deleting the bucket is left to a file manager.
        throw notImplemented('DeleteBucket');
    }
  }
  checkKey(key);
  await services.store.requireBucket(bucket);
  const on = { ...op, bucket, key };
  const unoffered = subresource(query, OBJECT_SUBRESOURCES_NOT_OFFERED);
  if (unoffered !== undefined) throw notImplemented(unoffered);
  const multipart = query.has('uploadId');
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (query.has('tagging')) return getObjectTagging(on, services);
      if (multipart) throw notImplemented('ListParts');
      return getObject(on, services);
    case 'PUT':
      if (query.has('tagging')) throw notImplemented('tagging');
      if (multipart || query.has('partNumber')) return uploadPart(on, services);
      return op.request.headers['x-amz-copy-source'] === undefined
        ? putObject(on, services)
        : copyObject(on, services);
    case 'POST':
      if (query.has('uploads')) return createMultipartUpload(on, services);
      if (multipart) return completeMultipartUpload(on, services);
      throw notAllowed(method);
    default:
      if (query.has('tagging')) throw notImplemented('tagging');
      return multipart ? abortMultipartUpload(on, services) : deleteObject(on, services);
  }
}

function notImplemented(what: string): S3Error {
  return new S3Error('NotImplemented', `${what} is not offered by the local endpoint.`);
}

function notAllowed(method: string): S3Error {
  return new S3Error('MethodNotAllowed', undefined, { Method: method });
}
