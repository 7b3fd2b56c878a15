/**
 * Where the local endpoint keeps things in its data folder, and the last line of defence: every path is
 * resolved here and checked to lie inside the folder it belongs to, so an input that slipped past the request
 * checks fails closed (`PathOutsideDataFolderError`) instead of reaching the rest of the machine.
 *
 * The layout is s3rver's, so data folders made by earlier versions keep working:
 * `<root>/<bucket>/<key segments>/<last segment>._S3rver_object` holds an object's bytes, with
 * `._S3rver_object.md5` (its ETag) and `._S3rver_metadata.json` (its headers) beside it; multipart uploads live
 * in `<root>/<bucket>/._S3rver_uploads/<uploadId>/`.
 */
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export const OBJECT_SUFFIX = '._S3rver_object';
const MD5_SUFFIX = '._S3rver_object.md5';
const METADATA_SUFFIX = '._S3rver_metadata.json';
export const UPLOADS_FOLDER = '._S3rver_uploads';
export const TEMPORARY_SUFFIX = /\.polybrief-tmp-[0-9a-f]{16}$/;

export class PathOutsideDataFolderError extends Error {
  constructor(readonly path: string) {
    super(`Refused a path outside the data folder: ${path}`);
    this.name = 'PathOutsideDataFolderError';
  }
}

/** The files of one object. */
export interface ObjectFiles {
  readonly folder: string;
  readonly object: string;
  readonly md5: string;
  readonly metadata: string;
}

export class DataFolder {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  bucket(bucket: string): string {
    return inside(this.root, join(this.root, bucket));
  }

  objectFiles(bucket: string, key: string): ObjectFiles {
    const bucketFolder = this.bucket(bucket);
    const segments = key.split('/');
    const last = segments.pop() ?? '';
    const folder = inside(bucketFolder, join(bucketFolder, ...segments), true);
    return {
      folder,
      object: inside(bucketFolder, join(folder, last + OBJECT_SUFFIX)),
      md5: inside(bucketFolder, join(folder, last + MD5_SUFFIX)),
      metadata: inside(bucketFolder, join(folder, last + METADATA_SUFFIX)),
    };
  }

  uploads(bucket: string): string {
    const bucketFolder = this.bucket(bucket);
    return inside(bucketFolder, join(bucketFolder, UPLOADS_FOLDER));
  }

  upload(bucket: string, uploadId: string): string {
    const uploads = this.uploads(bucket);
    return inside(uploads, join(uploads, uploadId));
  }

  part(
    bucket: string,
    uploadId: string,
    partNumber: number,
  ): { readonly bytes: string; readonly md5: string } {
    const upload = this.upload(bucket, uploadId);
    return {
      bytes: inside(upload, join(upload, `part-${partNumber}`)),
      md5: inside(upload, join(upload, `part-${partNumber}.md5`)),
    };
  }
}

/** A new temporary file beside `path`, renamed over it once complete. */
export function temporaryPath(path: string): string {
  return `${path}.polybrief-tmp-${randomBytes(8).toString('hex')}`;
}

/** `path`, resolved, if it lies inside `folder` (or is `folder` itself, when `orSelf`); otherwise throws. */
function inside(folder: string, path: string, orSelf = false): string {
  const resolved = resolve(path);
  const rel = relative(folder, resolved);
  const within = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  if (!within && !(orSelf && rel === '')) throw new PathOutsideDataFolderError(path);
  return resolved;
}
