import type { ManifestJson, PreviousLanguageJson } from '../contract.js';
import { sha256Hex } from '../hashing.js';
import { htmlKeys } from '../key-layout.js';
import type { ArticleRef, UnchangedOutcome } from '../outcomes.js';
import type { ArticleStore, ObjectInfo, Translator } from '../ports.js';
import type { Upload } from '../read/read-upload.js';
import type { ArticleRun } from '../run.js';
import type { PipelineSettings } from '../settings.js';

/** What is published for the article before this run: its manifest (if any), and what this run would publish. */
export interface StandingSet {
  readonly earlier: ManifestJson | undefined;
  /** This run's settings fingerprint, recorded in its manifest. */
  readonly fingerprint: string;
}

/**
 * Looks at the set already published for the article. When it was published from this very upload with the
 * same settings, or from a newer upload of the same key, there is nothing to do: the outcome says so (and a
 * newer set that an older run may have overwritten in part is restored first).
 */
export async function findStandingSet(
  run: ArticleRun,
  upload: Upload,
): Promise<StandingSet | UnchangedOutcome> {
  const { store, logger } = run.deps;
  const fingerprint = settingsFingerprint(run.settings, run.deps.translator);
  const earlier = await readManifest(store, run.keys.manifest);
  if (earlier && publishedFromThis(earlier, run.key, upload, fingerprint)) {
    logger.info('article unchanged, already published', { ...run.log, manifestKey: run.keys.manifest });
    return unchangedOutcome(run, earlier);
  }
  if (earlier && supersededBy(earlier, run.ref, upload.info)) {
    await restoreSet(store, earlier);
    logger.info('article superseded: a newer upload is already published', {
      ...run.log,
      manifestKey: run.keys.manifest,
    });
    return unchangedOutcome(run, earlier);
  }
  return { earlier, fingerprint };
}

/**
 * The guard before the manifest: when a newer upload was published while this one was being processed, its
 * manifest stays, ours is not written, and what this run overwrote of the newer set is put back.
 */
export async function newerSetPublished(
  run: ArticleRun,
  upload: Upload,
): Promise<UnchangedOutcome | undefined> {
  const newest = await readManifest(run.deps.store, run.keys.manifest);
  if (!newest || !supersededBy(newest, run.ref, upload.info)) return undefined;
  await restoreSet(run.deps.store, newest);
  run.deps.logger.warn('article superseded while it was processed: a newer upload is published', {
    ...run.log,
    manifestKey: run.keys.manifest,
  });
  return unchangedOutcome(run, newest);
}

function unchangedOutcome(run: ArticleRun, standing: ManifestJson): UnchangedOutcome {
  return {
    status: 'unchanged',
    articleId: run.articleId,
    key: run.key,
    manifestKey: run.keys.manifest,
    languages: standing.languages,
    htmlKeys: htmlKeys(run.keys, standing.languages),
  };
}

/** The manifest at `key`; `undefined` when there is none or it is not JSON. */
export async function readManifest(store: ArticleStore, key: string): Promise<ManifestJson | undefined> {
  try {
    const object = await store.get(key);
    return object ? (JSON.parse(new TextDecoder().decode(object.body)) as ManifestJson) : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Identifies everything besides the source that shapes a published set. */
export function settingsFingerprint(settings: PipelineSettings, translator: Translator): string {
  const languages = [...settings.targetLanguages].sort();
  return sha256Hex(
    JSON.stringify({
      pipelineVersion: settings.pipelineVersion,
      sourceLanguage: settings.sourceLanguage,
      scope: settings.translationScope,
      engine: translator.engine,
      languages: languages.map((language) => [language, translator.settingsFor(language)]),
      // Only when set, so that sets published before the option existed stay unchanged.
      ...(settings.publicBaseUrl === undefined ? {} : { publicBaseUrl: settings.publicBaseUrl }),
    }),
  ).slice(0, 16);
}

/** True when `earlier` is a complete set published from these bytes of this key with these settings. */
export function publishedFromThis(
  earlier: ManifestJson,
  key: string,
  upload: Pick<Upload, 'info' | 'sha256'>,
  fingerprint: string,
): boolean {
  return (
    earlier.status === 'complete' &&
    earlier.source.sha256 === upload.sha256 &&
    earlier.source.key === key &&
    // In a versioned bucket every new version republishes, even with the same bytes (the memory makes it free).
    (earlier.source.versionId === null ||
      upload.info.versionId === undefined ||
      earlier.source.versionId === upload.info.versionId) &&
    earlier.settingsFingerprint === fingerprint
  );
}

/**
 * True when `earlier` was published from a newer upload of the same key than the version being processed: an
 * older version's notification delivered late (SQS does not keep order). Only versioned reads can be older; an
 * unversioned read always gets the newest upload.
 */
export function supersededBy(earlier: ManifestJson | undefined, ref: ArticleRef, info: ObjectInfo): boolean {
  if (ref.versionId === undefined || !earlier || earlier.source.key !== ref.key) return false;
  if (earlier.source.versionId === ref.versionId) return false;
  const earlierUpload = earlier.source.lastModified ? Date.parse(earlier.source.lastModified) : Number.NaN;
  const thisUpload = info.lastModified?.getTime() ?? Number.NaN;
  return thisUpload < earlierUpload;
}

/**
 * Puts back, from their versions, the objects of `manifest` (and the earlier languages it keeps) whose current
 * bytes are no longer the ones it lists: an older upload processed at the same time may have overwritten them.
 */
export async function restoreSet(store: ArticleStore, manifest: ManifestJson): Promise<void> {
  const listed = [
    ...manifest.artefacts,
    ...manifest.errors.flatMap((error) => error.previous?.artefacts ?? []),
  ];
  await Promise.all(
    listed.map(async (artefact) => {
      if (!artefact.versionId) return;
      const current = await store.get(artefact.key);
      if (current && sha256Hex(current.body) === artefact.sha256) return;
      const exact = await store.get(artefact.key, { versionId: artefact.versionId });
      if (exact) await store.put(artefact.key, exact.body, { contentType: artefact.contentType });
    }),
  );
}

/**
 * The last published version of `language` before this set: the earlier manifest's own artefacts for it, or what
 * that manifest still carried for it after a failure of its own. Those objects are never written by a set in which
 * the language failed, so they stay exactly as listed.
 */
export function previousVersionOf(
  language: string,
  earlier: ManifestJson | undefined,
): PreviousLanguageJson | null {
  if (!earlier) return null;
  if (earlier.languages.includes(language)) {
    const artefacts = earlier.artefacts
      .filter((artefact) => artefact.language === language)
      .map((artefact) => ({ ...artefact, versionId: artefact.versionId ?? null }));
    return artefacts.length === 0
      ? null
      : { publishedAt: earlier.publishedAt, sourceSha256: earlier.source.sha256, artefacts };
  }
  return earlier.errors.find((error) => error.language === language)?.previous ?? null;
}
