/** The service and bucket operations of the local endpoint. */
import { checkKey } from './key-rules.js';
import { listObjectsV1, listObjectsV2 } from './list-objects.js';
import { readSmallBody } from './request-body.js';
import { S3Error } from './s3-errors.js';
import { type S3Request, type Services, sendEmpty, sendXml } from './s3-request.js';
import { childrenNamed, childText, malformed, parseXmlBody } from './xml-request.js';
import { OWNER_XML, S3_NAMESPACE, xmlDocument, xmlTag } from './xml-writer.js';

/** S3's limit on the keys of one DeleteObjects request. */
export const MAX_DELETE_KEYS = 1000;

interface BucketRequest extends S3Request {
  readonly bucket: string;
}

export async function listBuckets(op: S3Request, services: Services): Promise<void> {
  const buckets = await services.store.listBuckets();
  sendXml(
    op,
    200,
    xmlDocument(
      `<ListAllMyBucketsResult xmlns="${S3_NAMESPACE}">${OWNER_XML}<Buckets>${buckets
        .map(
          (bucket) =>
            `<Bucket>${xmlTag('Name', bucket.name)}${xmlTag('CreationDate', bucket.created.toISOString())}</Bucket>`,
        )
        .join('')}</Buckets></ListAllMyBucketsResult>`,
    ),
  );
}

export async function headBucket(op: BucketRequest, services: Services): Promise<void> {
  await services.store.requireBucket(op.bucket);
  sendEmpty(op, 200, { 'x-amz-bucket-region': services.region });
}

export async function getBucketLocation(op: BucketRequest, services: Services): Promise<void> {
  await services.store.requireBucket(op.bucket);
  // us-east-1 is written as an empty constraint, as S3 does.
  const region = services.region === 'us-east-1' ? '' : services.region;
  sendXml(op, 200, xmlDocument(`<LocationConstraint xmlns="${S3_NAMESPACE}">${region}</LocationConstraint>`));
}

export async function createBucket(op: BucketRequest, services: Services): Promise<void> {
  // The body (a CreateBucketConfiguration) says where; here there is one place.
  op.continueBody();
  await readSmallBody(op.request);
  await services.store.createBucket(op.bucket);
  sendEmpty(op, 200, { location: `/${op.bucket}` });
}

export async function listObjects(op: BucketRequest, services: Services): Promise<void> {
  await services.store.requireBucket(op.bucket);
  const xml =
    op.query.get('list-type') === '2'
      ? await listObjectsV2(services.store, op.bucket, op.query)
      : await listObjectsV1(services.store, op.bucket, op.query);
  sendXml(op, 200, xml);
}

/** DeleteObjects: a key the rules refuse cannot exist here, and is reported as an error of its own. */
export async function deleteObjects(op: BucketRequest, services: Services): Promise<void> {
  await services.store.requireBucket(op.bucket);
  op.continueBody();
  const root = parseXmlBody(await readSmallBody(op.request));
  if (root.name !== 'Delete') throw malformed();
  const quiet = childText(root, 'Quiet')?.trim() === 'true';
  const objects = childrenNamed(root, 'Object');
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) throw malformed();
  const keys = objects.map((object) => {
    const key = childText(object, 'Key');
    if (key === undefined) throw malformed();
    return key;
  });
  const results: string[] = [];
  for (const key of keys) {
    try {
      checkKey(key);
      await services.store.delete(op.bucket, key);
      if (!quiet) results.push(`<Deleted>${xmlTag('Key', key)}</Deleted>`);
    } catch (error) {
      if (!(error instanceof S3Error)) throw error;
      results.push(
        `<Error>${xmlTag('Key', key)}${xmlTag('Code', error.code)}${xmlTag('Message', error.message)}</Error>`,
      );
    }
  }
  sendXml(op, 200, xmlDocument(`<DeleteResult xmlns="${S3_NAMESPACE}">${results.join('')}</DeleteResult>`));
}
