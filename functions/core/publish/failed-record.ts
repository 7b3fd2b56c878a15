import { type FailedRecordJson, SCHEMA_VERSION } from '../contract.js';
import { ArticleError } from '../errors.js';
import type { FailedOutcome } from '../outcomes.js';
import type { Upload } from '../read/read-upload.js';
import type { ArticleRun } from '../run.js';
import { deploymentName } from '../settings.js';
import { JSON_TYPE } from './artefacts.js';
import { notifyCompletion } from './completion-events.js';

/**
 * For a stage's `.catch`: an `ArticleError` becomes the article's failed record (written, logged and notified),
 * and its outcome; anything else is thrown on. `upload` is what was read before the error, if anything.
 */
export function recordFailure(
  run: ArticleRun,
  upload?: Pick<Upload, 'info' | 'body' | 'sha256'>,
): (error: unknown) => Promise<FailedOutcome> {
  return async (error) => {
    if (!(error instanceof ArticleError)) throw error;
    const record = failedRecord(run, error, upload);
    await run.deps.store.put(run.keys.failed, `${JSON.stringify(record, null, 2)}\n`, {
      contentType: JSON_TYPE,
    });
    run.deps.logger.warn('article failed', { ...run.log, code: error.code, reason: error.message });
    await notifyCompletion(run, {
      type: 'ArticleFailed',
      detail: {
        articleId: run.articleId,
        status: 'failed',
        bucket: run.deps.store.location,
        sourceKey: run.key,
        key: run.keys.failed,
        languages: [],
        time: record.failedAt,
      },
    });
    return {
      status: 'failed',
      articleId: run.articleId,
      key: run.key,
      failedKey: run.keys.failed,
      error: record.error,
    };
  };
}

/** `failed/<articleId>.json`: what was wrong, what to do, and which upload it was about. */
export function failedRecord(
  run: ArticleRun,
  error: ArticleError,
  upload?: Pick<Upload, 'info' | 'body' | 'sha256'>,
): FailedRecordJson {
  const { ref, key } = run;
  return {
    schemaVersion: SCHEMA_VERSION,
    articleId: run.articleId,
    status: 'failed',
    failedAt: run.deps.clock.now().toISOString(),
    pipelineVersion: run.settings.pipelineVersion,
    input: key.slice(key.lastIndexOf('/') + 1),
    source: {
      bucket: run.deps.store.location,
      key,
      versionId: upload?.info.versionId ?? ref.versionId ?? null,
      etag: upload?.info.etag ?? ref.etag ?? null,
      sha256: upload ? upload.sha256 : null,
      bytes: upload ? upload.body.length : null,
    },
    error: {
      code: error.code,
      message: error.message,
      hint: error.hintFor(run.settings.nameOf ?? deploymentName),
    },
    ...(error.problems && error.problems.length > 0 ? { problems: [...error.problems] } : {}),
  };
}
