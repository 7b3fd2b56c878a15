import type { SourceFormat } from '../document.js';
import { ArticleNotFoundError } from '../errors.js';
import { sha256Hex } from '../hashing.js';
import type { ObjectInfo } from '../ports.js';
import { type ArticleRun, msSince } from '../run.js';
import { requireFormat } from './parse-article.js';

/** The uploaded object, read. */
export interface Upload {
  readonly format: SourceFormat;
  readonly info: ObjectInfo;
  readonly body: Uint8Array;
  readonly sha256: string;
}

/**
 * Reads the upload the run is about (the version the event names, if any). A file type polybrief cannot read is
 * refused before the store is asked, an object over the size limit before its body is read.
 */
export async function readUpload(run: ArticleRun): Promise<Upload> {
  const { ref, settings } = run;
  const format = requireFormat(ref.key);
  const object = await run.deps.store.get(ref.key, {
    maxBytes: settings.maxArticleBytes,
    ...(ref.versionId ? { versionId: ref.versionId } : {}),
  });
  if (!object) throw new ArticleNotFoundError(ref.key);
  run.stagesMs.read = msSince(run, run.started);
  return { format, info: object.info, body: object.body, sha256: sha256Hex(object.body) };
}
