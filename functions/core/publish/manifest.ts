import {
  type LanguageErrorJson,
  type ManifestJson,
  SCHEMA_VERSION,
  type TranslationAccountingJson,
} from '../contract.js';
import { htmlKeys } from '../key-layout.js';
import type { LanguageUsage, PublishedOutcome } from '../outcomes.js';
import type { Analysis } from '../read/analyse-article.js';
import type { Upload } from '../read/read-upload.js';
import { type ArticleRun, msSince } from '../run.js';
import type { Translations } from '../translate/translate-languages.js';
import { JSON_TYPE, type WrittenSet } from './artefacts.js';
import { notifyCompletion } from './completion-events.js';
import type { VersionDigest } from './localize.js';
import { previousVersionOf, type StandingSet } from './standing-set.js';

/** What a run has made of its article by the time the manifest is written. */
export interface SetParts {
  readonly upload: Upload;
  readonly standing: StandingSet;
  readonly analysis: Analysis;
  readonly translations: Translations;
  readonly written: WrittenSet;
}

/**
 * Writes the manifest, last: until it exists the new set is not published. Then tells the event sink and logs;
 * the outcome names what was published and which languages failed.
 */
export async function publishManifest(run: ArticleRun, parts: SetParts): Promise<PublishedOutcome> {
  const { translations } = parts;
  const manifest = buildManifest(run, parts);
  await run.deps.store.put(run.keys.manifest, `${JSON.stringify(manifest, null, 2)}\n`, {
    contentType: JSON_TYPE,
  });
  await notifyPublished(run, manifest);
  run.deps.logger.info(manifest.status === 'complete' ? 'article published' : 'article partially published', {
    ...run.log,
    languages: translations.languages,
    failedLanguages: manifest.errors.map((error) => error.language),
    totalMs: manifest.timings.totalMs,
  });
  return publishedOutcome(run, manifest, translations);
}

/** Tells the event sink that the set of `manifest` (just written) is published. */
export async function notifyPublished(run: ArticleRun, manifest: ManifestJson): Promise<void> {
  await notifyCompletion(run, {
    type: 'ArticlePublished',
    detail: {
      articleId: run.articleId,
      status: manifest.status,
      bucket: run.deps.store.location,
      sourceKey: run.key,
      key: run.keys.manifest,
      languages: manifest.languages,
      time: manifest.publishedAt,
    },
  });
}

/** The outcome of publishing the set of `manifest`, with what translating it took (nothing, for an edit). */
export function publishedOutcome(
  run: ArticleRun,
  manifest: ManifestJson,
  translated: Pick<Translations, 'usage' | 'languagesMs'> = { usage: {}, languagesMs: {} },
): PublishedOutcome {
  return {
    status: manifest.status === 'complete' ? 'published' : 'partial',
    articleId: run.articleId,
    key: run.key,
    manifestKey: run.keys.manifest,
    languages: manifest.languages,
    htmlKeys: htmlKeys(run.keys, manifest.languages),
    errors: manifest.errors,
    retryable: manifest.errors.some((error) => error.retryable),
    usage: translated.usage,
    languagesMs: translated.languagesMs,
  };
}

/** `published/<articleId>/manifest.json`: the source, every object of the set, the languages that failed. */
export function buildManifest(run: ArticleRun, parts: SetParts): ManifestJson {
  const { settings, deps } = run;
  const { upload, analysis, translations } = parts;
  const { info } = upload;
  const errors = languageErrors(translations, parts.standing);
  return {
    schemaVersion: SCHEMA_VERSION,
    articleId: run.articleId,
    status: errors.length === 0 ? 'complete' : 'partial',
    publishedAt: deps.clock.now().toISOString(),
    pipelineVersion: settings.pipelineVersion,
    settingsFingerprint: parts.standing.fingerprint,
    source: {
      bucket: deps.store.location,
      key: run.key,
      versionId: info.versionId ?? null,
      etag: info.etag ?? null,
      lastModified: info.lastModified?.toISOString() ?? null,
      sha256: upload.sha256,
      bytes: upload.body.length,
      format: analysis.article.document.format,
      encoding: analysis.encoding,
    },
    sourceLanguage: translations.sourceLanguage,
    languages: [...translations.languages],
    artefacts: [...parts.written.artefacts],
    errors,
    timings: {
      totalMs: msSince(run, run.started),
      stagesMs: run.stagesMs,
      languagesMs: translations.languagesMs,
    },
    translation: {
      scope: settings.translationScope,
      pricePerMillionCharactersUsd: settings.pricePerMillionCharacters,
      languages: withReviews(translations.usage, parts.written.versions),
      ...(analysis.detection ? { detection: analysis.detection } : {}),
    },
    edits: [],
  };
}

/** Each language's accounting with the number of its sentences an editor corrected. */
export function withReviews(
  usage: Readonly<Record<string, LanguageUsage>>,
  versions: ReadonlyMap<string, VersionDigest>,
): Record<string, TranslationAccountingJson> {
  return Object.fromEntries(
    Object.entries(usage).map(([language, accounting]) => {
      return [language, { ...accounting, reviewedSentences: versions.get(language)?.reviewedSentences ?? 0 }];
    }),
  );
}

/** The languages that failed, by language, each with the last version of it that stays published. */
function languageErrors(translations: Translations, standing: StandingSet): LanguageErrorJson[] {
  return translations.failures
    .map((failure) => ({ ...failure, previous: previousVersionOf(failure.language, standing.earlier) }))
    .sort((a, b) => a.language.localeCompare(b.language));
}
