import { processEdit } from './edit/process-edit.js';
import { isArticleKey, isEditKey, setKeys } from './key-layout.js';
import { type ArticleOutcome, type ArticleRef, isOutcome } from './outcomes.js';
import { writeSet } from './publish/artefacts.js';
import { articleIdFor } from './publish/article-id.js';
import { recordFailure } from './publish/failed-record.js';
import { publishManifest } from './publish/manifest.js';
import { findStandingSet, newerSetPublished } from './publish/standing-set.js';
import { syndicate } from './publish/syndication/syndicate.js';
import { analyseUpload } from './read/analyse-article.js';
import { readUpload, type Upload } from './read/read-upload.js';
import { chooseForUpload } from './read/upload-choices.js';
import { type ArticleRun, type PipelineDependencies, runFor } from './run.js';
import type { PipelineSettings } from './settings.js';
import { translateLanguages } from './translate/translate-languages.js';

// What callers of processArticle pass and get back (the stages import them from their own modules).
export type {
  ArticleOutcome,
  ArticleRef,
  FailedOutcome,
  IgnoredOutcome,
  PublishedOutcome,
  UnchangedOutcome,
} from './outcomes.js';
export type { PipelineDependencies } from './run.js';

/**
 * Processes one created object, as the bucket notifies it: an article under the incoming prefix, or an editor's
 * correction under the edits prefix (its own course, edit/process-edit.ts); anything else is ignored.
 */
export async function processObject(
  ref: ArticleRef,
  settings: PipelineSettings,
  deps: PipelineDependencies,
): Promise<ArticleOutcome> {
  if (isEditKey(ref.key, settings.editsPrefix)) return processEdit(ref, settings, deps);
  return processArticle(ref, settings, deps);
}

/**
 * Processes one uploaded article: read, decode, parse, extract facts, translate into every target language, and
 * publish each language's JSON and HTML with the manifest last. An article that cannot be published gets a
 * `failed/` record instead; the upload is never modified. Storage and translation faults that another attempt
 * may cure are thrown (whole article) or reported as retryable (per language).
 */
export async function processArticle(
  ref: ArticleRef,
  settings: PipelineSettings,
  deps: PipelineDependencies,
): Promise<ArticleOutcome> {
  if (!isArticleKey(ref.key, settings.incomingPrefix)) {
    return { status: 'ignored', key: ref.key, reason: `not an article under ${settings.incomingPrefix}` };
  }
  const run = startRun(ref, settings, deps);

  // Read, skip, analyse: an upload that cannot be published gets its failed record here.
  const upload = await readUpload(run).catch(recordFailure(run));
  if (isOutcome(upload)) return upload;
  // The upload's own choices (metadata) settle the run's settings before anything is compared or translated.
  const chosen = await Promise.resolve()
    .then(() => chooseForUpload(run, upload))
    .catch(recordFailure(run, upload));
  if (isOutcome(chosen)) return chosen;
  return processUpload(chosen, upload);
}

/** The rest of the course, once the upload is read and its choices made. */
async function processUpload(run: ArticleRun, upload: Upload): Promise<ArticleOutcome> {
  const { deps } = run;
  const standing = await findStandingSet(run, upload).catch(recordFailure(run, upload));
  if (isOutcome(standing)) return standing;
  const analysis = await analyseUpload(run, upload).catch(recordFailure(run, upload));
  if (isOutcome(analysis)) return analysis;

  // Translate (an article over its budget gets its failed record), write, guard, feeds, manifest: a language that
  // fails is left out and reported; a write the store refuses for good (a missing permission) gets the failed
  // record; other faults are thrown (before the manifest, so the article is delivered again and the feeds,
  // idempotent, updated then).
  const translations = await translateLanguages(run, analysis.article).catch(recordFailure(run, upload));
  if (isOutcome(translations)) return translations;
  const written = await writeSet(run, translations.article, translations, upload.sha256).catch(
    recordFailure(run, upload),
  );
  if (isOutcome(written)) return written;
  const newer = await newerSetPublished(run, upload);
  if (newer) return newer;
  const refused = await syndicate(run, {
    versions: [...written.versions.values()],
    publishedAt: deps.clock.now().toISOString(),
  }).then(() => undefined, recordFailure(run, upload));
  if (refused) return refused;
  return publishManifest(run, { upload, standing, analysis, translations, written }).catch(
    recordFailure(run, upload),
  );
}

function startRun(ref: ArticleRef, settings: PipelineSettings, deps: PipelineDependencies): ArticleRun {
  const articleId = articleIdFor(ref.key, settings.incomingPrefix);
  return runFor(ref, settings, deps, articleId, setKeys(settings, articleId));
}
