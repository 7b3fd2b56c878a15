import type {
  ArtefactJson,
  FailedRecordJson,
  LanguageErrorJson,
  LanguageLinkJson,
  ManifestJson,
  PreviousLanguageJson,
  TranslationAccountingJson,
} from './contract.js';
import { SCHEMA_VERSION } from './contract.js';
import { ArticleError, ArticleNotFoundError, TranslationError } from './errors.js';
import { extractFacts, summarize } from './facts/index.js';
import { sha256Hex } from './hashing.js';
import type {
  ArticleStore,
  Clock,
  EventSink,
  Logger,
  ObjectInfo,
  PipelineEvent,
  TranslationUsage,
  Translator,
} from './ports.js';
import { articleIdFor } from './publish/article-id.js';
import { type AnalysedArticle, localize, segmentsToTranslate } from './publish/localize.js';
import { renderArticleHtml } from './publish/render/article-html.js';
import { renderArticleIndexHtml } from './publish/render/article-index-html.js';
import { decodeArticle } from './read/decode.js';
import { checkSourceLanguage } from './read/language-check.js';
import { parseArticle, requireFormat } from './read/parse-article.js';
import type { PipelineSettings } from './settings.js';
import { identity, lookupFrom, segmentKey } from './translate/segments.js';

export interface PipelineDependencies {
  readonly store: ArticleStore;
  readonly translator: Translator;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Told of every published set and failed article; optional. */
  readonly events?: EventSink;
}

/** An object to process, as an S3 event names it (key already URL-decoded). */
export interface ArticleRef {
  readonly key: string;
  readonly versionId?: string;
  readonly etag?: string;
}

export interface PublishedOutcome {
  readonly status: 'published' | 'partial';
  readonly articleId: string;
  readonly key: string;
  readonly manifestKey: string;
  readonly languages: readonly string[];
  readonly htmlKeys: Readonly<Record<string, string>>;
  readonly errors: readonly LanguageErrorJson[];
  /** True when a failed language may succeed on another delivery (throttling, timeouts). */
  readonly retryable: boolean;
  readonly usage: Readonly<Record<string, TranslationAccountingJson>>;
  /** Translation time per language, for latency metrics. */
  readonly languagesMs: Readonly<Record<string, number>>;
}

export interface UnchangedOutcome {
  readonly status: 'unchanged';
  readonly articleId: string;
  readonly key: string;
  readonly manifestKey: string;
  /** The languages of the set that stands, as its manifest lists them. */
  readonly languages: readonly string[];
  readonly htmlKeys: Readonly<Record<string, string>>;
}

export interface FailedOutcome {
  readonly status: 'failed';
  readonly articleId: string;
  readonly key: string;
  readonly failedKey: string;
  readonly error: FailedRecordJson['error'];
}

export interface IgnoredOutcome {
  readonly status: 'ignored';
  readonly key: string;
  readonly reason: string;
}

export type ArticleOutcome = PublishedOutcome | UnchangedOutcome | FailedOutcome | IgnoredOutcome;

const JSON_TYPE = 'application/json' satisfies ArtefactJson['contentType'];
const HTML_TYPE = 'text/html; charset=utf-8' satisfies ArtefactJson['contentType'];

function elapsed(clock: Clock, since: Date): number {
  return clock.now().getTime() - since.getTime();
}

async function readJson<T>(store: ArticleStore, key: string): Promise<T | undefined> {
  try {
    const object = await store.get(key);
    return object ? (JSON.parse(new TextDecoder().decode(object.body)) as T) : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Identifies everything besides the source that shapes a published set. */
function settingsFingerprint(settings: PipelineSettings, translator: Translator): string {
  const languages = [...settings.targetLanguages].sort();
  return sha256Hex(
    JSON.stringify({
      pipelineVersion: settings.pipelineVersion,
      sourceLanguage: settings.sourceLanguage,
      scope: settings.translationScope,
      engine: translator.engine,
      languages: languages.map((language) => [language, translator.settingsFor(language)]),
    }),
  ).slice(0, 16);
}

/**
 * The last published version of `language` before this set: the earlier manifest's own artefacts for it, or what
 * that manifest still carried for it after a failure of its own. Those objects are never written by a set in which
 * the language failed, so they stay exactly as listed.
 */
function previousVersionOf(language: string, earlier: ManifestJson | undefined): PreviousLanguageJson | null {
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

/**
 * True when `earlier` was published from a newer upload of the same key than the version being processed: an
 * older version's notification delivered late (SQS does not keep order). Only versioned reads can be older; an
 * unversioned read always gets the newest upload.
 */
function supersededBy(earlier: ManifestJson | undefined, ref: ArticleRef, info: ObjectInfo): boolean {
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
async function restoreSet(store: ArticleStore, manifest: ManifestJson): Promise<void> {
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

function unexpectedAnalysisError(error: unknown): ArticleError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ArticleError(
    'analysis-failed',
    `polybrief could not analyse this article (${detail}).`,
    'This is a fault in polybrief, not in the article: report it with this record. The upload is kept as it was.',
  );
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
  const { store, translator, clock, logger } = deps;
  // Completion events are best effort: the outputs are already safely written when they are sent.
  const notify = async (event: PipelineEvent): Promise<void> => {
    try {
      await deps.events?.publish(event);
    } catch (error) {
      logger.error('completion event not sent', { articleId: event.detail.articleId, error: String(error) });
    }
  };
  const { key } = ref;
  if (!key.startsWith(settings.incomingPrefix) || key.endsWith('/')) {
    return { status: 'ignored', key, reason: `not an article under ${settings.incomingPrefix}` };
  }
  const started = clock.now();
  const articleId = articleIdFor(key, settings.incomingPrefix);
  const manifestKey = `${settings.publishedPrefix}${articleId}/manifest.json`;
  const failedKey = `${settings.failedPrefix}${articleId}.json`;
  const log = { articleId, key };
  const unchanged = (standing: ManifestJson): UnchangedOutcome => ({
    status: 'unchanged',
    articleId,
    key,
    manifestKey,
    languages: standing.languages,
    htmlKeys: Object.fromEntries(
      standing.languages.map((language) => [
        language,
        `${settings.publishedPrefix}${articleId}/${language}.html`,
      ]),
    ),
  });
  const stagesMs = { read: 0, analyse: 0, translate: 0, publish: 0 };

  let info: ObjectInfo | undefined = ref.versionId ? { key, size: 0, versionId: ref.versionId } : undefined;
  let body: Uint8Array | undefined;
  const fail = async (error: ArticleError): Promise<FailedOutcome> => {
    const record: FailedRecordJson = {
      schemaVersion: SCHEMA_VERSION,
      articleId,
      status: 'failed',
      failedAt: clock.now().toISOString(),
      pipelineVersion: settings.pipelineVersion,
      input: key.slice(key.lastIndexOf('/') + 1),
      source: {
        bucket: store.location,
        key,
        versionId: info?.versionId ?? ref.versionId ?? null,
        etag: info?.etag ?? ref.etag ?? null,
        sha256: body ? sha256Hex(body) : null,
        bytes: body ? body.length : null,
      },
      error: { code: error.code, message: error.message, hint: error.hint },
    };
    await store.put(failedKey, `${JSON.stringify(record, null, 2)}\n`, { contentType: JSON_TYPE });
    logger.warn('article failed', { ...log, code: error.code, reason: error.message });
    await notify({
      type: 'ArticleFailed',
      detail: {
        articleId,
        status: 'failed',
        bucket: store.location,
        sourceKey: key,
        key: failedKey,
        languages: [],
        time: record.failedAt,
      },
    });
    return { status: 'failed', articleId, key, failedKey, error: record.error };
  };

  let analysed: AnalysedArticle;
  let encoding: string;
  let sourceSha: string;
  let fingerprint: string;
  let earlier: ManifestJson | undefined;
  try {
    const format = requireFormat(key);
    const object = await store.get(key, {
      maxBytes: settings.maxArticleBytes,
      ...(ref.versionId ? { versionId: ref.versionId } : {}),
    });
    if (!object) throw new ArticleNotFoundError(key);
    info = object.info;
    body = object.body;
    stagesMs.read = elapsed(clock, started);
    sourceSha = sha256Hex(body);
    fingerprint = settingsFingerprint(settings, translator);

    earlier = await readJson<ManifestJson>(store, manifestKey);
    if (
      earlier?.status === 'complete' &&
      earlier.source.sha256 === sourceSha &&
      earlier.source.key === key &&
      // In a versioned bucket every new version republishes, even with the same bytes (the memory makes it free).
      (earlier.source.versionId === null ||
        info.versionId === undefined ||
        earlier.source.versionId === info.versionId) &&
      earlier.settingsFingerprint === fingerprint
    ) {
      logger.info('article unchanged, already published', { ...log, manifestKey });
      return unchanged(earlier);
    }
    if (earlier && supersededBy(earlier, ref, info)) {
      await restoreSet(store, earlier);
      logger.info('article superseded: a newer upload is already published', { ...log, manifestKey });
      return unchanged(earlier);
    }

    const analysisStarted = clock.now();
    try {
      const decoded = decodeArticle(body);
      encoding = decoded.encoding;
      const document = parseArticle(decoded.text, format);
      if (document.paragraphs.length === 0) {
        throw new ArticleError(
          'no-sentences',
          'The file has a headline but no article text to publish.',
          'Upload the article text itself: a headline line, then its paragraphs.',
        );
      }
      checkSourceLanguage(document.text, settings.sourceLanguage);
      const referenceDate = (info.lastModified ?? clock.now()).toISOString().slice(0, 10);
      const facts = extractFacts(document, { referenceDate });
      analysed = { articleId, key, document, facts, summary: summarize(document, facts) };
    } catch (error) {
      if (error instanceof ArticleError) throw error;
      logger.error('article analysis failed', { ...log, error: String(error) });
      throw unexpectedAnalysisError(error);
    }
    stagesMs.analyse = elapsed(clock, analysisStarted);
  } catch (error) {
    if (error instanceof ArticleError) return fail(error);
    throw error;
  }

  const translateStarted = clock.now();
  const segments = segmentsToTranslate(analysed, settings.translationScope);
  const targets = settings.targetLanguages.filter((language) => language !== settings.sourceLanguage);
  const languagesMs: Record<string, number> = {};
  const errors: LanguageErrorJson[] = [];
  const usage: Record<string, TranslationAccountingJson> = {};
  let detectedSource: string | undefined;
  const translated = new Map<string, ReadonlyMap<string, string>>();
  await Promise.all(
    targets.map(async (language) => {
      const languageStarted = clock.now();
      try {
        const result = await translator.translate({
          sourceLanguage: settings.sourceLanguage,
          targetLanguage: language,
          segments,
        });
        detectedSource ??= result.detectedSourceLanguage;
        translated.set(
          language,
          new Map(
            segments.map((segment, index) => [segmentKey(segment), result.translations[index] ?? segment]),
          ),
        );
        usage[language] = accounting(translator.engine, result.usage, settings.pricePerMillionCharacters);
      } catch (error) {
        if (!(error instanceof TranslationError)) throw error;
        errors.push({
          language,
          message: error.message,
          retryable: error.retryable,
          previous: previousVersionOf(language, earlier),
        });
        logger.warn('language failed', {
          ...log,
          language,
          reason: error.message,
          retryable: error.retryable,
        });
      }
      languagesMs[language] = elapsed(clock, languageStarted);
    }),
  );
  stagesMs.translate = elapsed(clock, translateStarted);

  const writeStarted = clock.now();
  const sourceLanguage =
    settings.sourceLanguage === 'auto' ? (detectedSource ?? 'und') : settings.sourceLanguage;
  const published = [sourceLanguage, ...targets.filter((language) => translated.has(language))];
  const links: LanguageLinkJson[] = published.map((language) => ({
    language,
    json: `${language}.json`,
    html: `${language}.html`,
  }));
  const folder = `${settings.publishedPrefix}${articleId}/`;
  const headlines: Record<string, string> = {};
  const writes = published.flatMap((language) => {
    const translations = translated.get(language);
    const article = localize(analysed, {
      language,
      sourceLanguage,
      lookup: translations ? lookupFrom(translations) : identity,
      languages: links,
      ...(translations
        ? { translation: { engine: translator.engine, scope: settings.translationScope } }
        : {}),
    });
    headlines[language] = article.headline.text;
    return [
      write(store, `${folder}${language}.json`, `${JSON.stringify(article, null, 2)}\n`, JSON_TYPE, language),
      write(store, `${folder}${language}.html`, renderArticleHtml(article), HTML_TYPE, language),
    ];
  });
  writes.push(
    write(
      store,
      `${folder}index.html`,
      renderArticleIndexHtml({ articleId, headlines, sourceLanguage, languages: links }),
      HTML_TYPE,
      null,
    ),
  );
  // Every write settles before the outcome is known: none is left running when the function returns or throws.
  const results = await Promise.allSettled(writes);
  const artefacts: ArtefactJson[] = [];
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
    artefacts.push(result.value);
  }
  stagesMs.publish = elapsed(clock, writeStarted);

  // A newer upload was published while this one was being processed: its manifest stays, ours is not written,
  // and what this run overwrote of the newer set is put back.
  const newest = await readJson<ManifestJson>(store, manifestKey);
  if (newest && supersededBy(newest, ref, info)) {
    await restoreSet(store, newest);
    logger.warn('article superseded while it was processed: a newer upload is published', {
      ...log,
      manifestKey,
    });
    return unchanged(newest);
  }

  const manifest: ManifestJson = {
    schemaVersion: SCHEMA_VERSION,
    articleId,
    status: errors.length === 0 ? 'complete' : 'partial',
    publishedAt: clock.now().toISOString(),
    pipelineVersion: settings.pipelineVersion,
    settingsFingerprint: fingerprint,
    source: {
      bucket: store.location,
      key,
      versionId: info.versionId ?? null,
      etag: info.etag ?? null,
      lastModified: info.lastModified?.toISOString() ?? null,
      sha256: sourceSha,
      bytes: body.length,
      format: analysed.document.format,
      encoding,
    },
    sourceLanguage,
    languages: published,
    artefacts,
    errors: errors.sort((a, b) => a.language.localeCompare(b.language)),
    timings: { totalMs: elapsed(clock, started), stagesMs, languagesMs },
    translation: {
      scope: settings.translationScope,
      pricePerMillionCharactersUsd: settings.pricePerMillionCharacters,
      languages: usage,
    },
  };
  // Last: until the manifest exists the new set is not published.
  await store.put(manifestKey, `${JSON.stringify(manifest, null, 2)}\n`, { contentType: JSON_TYPE });
  await notify({
    type: 'ArticlePublished',
    detail: {
      articleId,
      status: manifest.status,
      bucket: store.location,
      sourceKey: key,
      key: manifestKey,
      languages: published,
      time: manifest.publishedAt,
    },
  });
  logger.info(manifest.status === 'complete' ? 'article published' : 'article partially published', {
    ...log,
    languages: published,
    failedLanguages: errors.map((error) => error.language),
    totalMs: manifest.timings.totalMs,
  });
  return {
    status: manifest.status === 'complete' ? 'published' : 'partial',
    articleId,
    key,
    manifestKey,
    languages: published,
    htmlKeys: Object.fromEntries(published.map((language) => [language, `${folder}${language}.html`])),
    errors: manifest.errors,
    retryable: errors.some((error) => error.retryable),
    usage,
    languagesMs,
  };
}

function accounting(
  engine: string,
  usage: TranslationUsage,
  pricePerMillion: number,
): TranslationAccountingJson {
  return {
    engine,
    charactersSent: usage.characters,
    charactersFromMemory: usage.charactersFromMemory ?? 0,
    requests: usage.requests,
    retries: usage.retries,
    estimatedCostUsd: Math.round((usage.characters / 1_000_000) * pricePerMillion * 1e6) / 1e6,
  };
}

async function write(
  store: ArticleStore,
  key: string,
  content: string,
  contentType: ArtefactJson['contentType'],
  language: string | null,
): Promise<ArtefactJson> {
  const bytes = new TextEncoder().encode(content);
  const result = await store.put(key, bytes, { contentType });
  return {
    key,
    language,
    contentType,
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
    versionId: result.versionId ?? null,
  };
}
