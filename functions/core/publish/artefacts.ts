import type { ArtefactJson, ArticleJson } from '../contract.js';
import { sha256Hex } from '../hashing.js';
import { languageFiles, type SetKeys } from '../key-layout.js';
import { mapBounded } from '../map-bounded.js';
import type { ArticleStore, PutOptions } from '../ports.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import { type ArticleRun, msSince } from '../run.js';
import { safeText } from '../safe-text.js';
import { lookupFrom } from '../translate/segments.js';
import type { Translations } from '../translate/translate-languages.js';
import { sourceVersion } from '../translate/version-text.js';
import { digestOf, localize, type VersionDigest } from './localize.js';
import { renderArticleHtml } from './render/article-html.js';
import { renderArticleIndexHtml } from './render/article-index-html.js';

export const JSON_TYPE = 'application/json' satisfies ArtefactJson['contentType'];
export const HTML_TYPE = 'text/html; charset=utf-8' satisfies ArtefactJson['contentType'];

/** Languages rendered and written at once. */
const LANGUAGES_AT_ONCE = 2;

/** Every promise settles before the outcome is known, so none is left running when this returns or throws. */
async function settled<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}

/** The objects a set wrote, and the language versions among them. */
export interface WrittenSet {
  readonly artefacts: readonly ArtefactJson[];
  /** What the feeds and the manifest need of each published language version, by language, source first. */
  readonly versions: ReadonlyMap<string, VersionDigest>;
}

/**
 * Writes the set's objects: each published language's JSON and HTML, then the index page. Every write settles
 * before this returns or throws (no language starts after one failed), so none is left running; the manifest that
 * publishes them is not written here.
 */
export async function writeSet(
  run: ArticleRun,
  article: AnalysedArticle,
  translations: Translations,
  sourceSha256: string,
): Promise<WrittenSet> {
  const { store, translator, clock } = run.deps;
  const { keys } = run;
  const started = clock.now();
  const { sourceLanguage, languages } = translations;
  const links = languages.map(languageFiles);
  const headlines: Record<string, string> = {};
  const source = sourceVersion(translations.planned);
  const versions = new Map<string, VersionDigest>();
  // A few languages at a time: every language's JSON and HTML of a long article at once would not fit in memory.
  const pages = await mapBounded(languages, LANGUAGES_AT_ONCE, (language) => {
    const translated = translations.translated.get(language);
    const reviewed = translations.reviewed.get(language);
    const names = translations.names.get(language);
    const version = localize(article, {
      language,
      sourceLanguage,
      version: translated ?? source,
      ...(reviewed ? { reviewed } : {}),
      ...(names ? { names: lookupFrom(names) } : {}),
      languages: links,
      sourceSha256,
      ...(translated
        ? { translation: { engine: translator.engine, scope: run.settings.translationScope } }
        : {}),
    });
    headlines[language] = version.headline.text;
    versions.set(language, digestOf(version));
    return settled(writeVersion(store, keys, version));
  });
  const index = renderArticleIndexHtml({
    articleId: run.articleId,
    headlines,
    sourceLanguage,
    languages: links,
    href: keys.href,
  });
  const artefacts = [...pages.flat(), await writeArtefact(store, keys.index, index, HTML_TYPE, null)];
  run.stagesMs.publish = msSince(run, started);
  return { artefacts, versions };
}

/** The writes of one language version: its JSON, then its page. */
export function writeVersion(
  store: ArticleStore,
  keys: SetKeys,
  version: ArticleJson,
  conditions: { readonly json?: WriteCondition; readonly html?: WriteCondition } = {},
): Promise<ArtefactJson>[] {
  const { language } = version;
  return [
    writeArtefact(store, keys.json(language), languageJson(version), JSON_TYPE, language, conditions.json),
    writeArtefact(
      store,
      keys.html(language),
      renderArticleHtml(version, keys.href),
      HTML_TYPE,
      language,
      conditions.html,
    ),
  ];
}

/** A condition a write of a shared object must meet (see `PutOptions`). */
export type WriteCondition = Pick<PutOptions, 'ifMatch' | 'ifNoneMatch'>;

/**
 * A language version as JSON. Its texts were made safe where they came in (decoding, engine answers), but a
 * sentence cut out of a text can still hold one of a bidi pair without the other, so every string is made safe
 * again; by then only such controls are left to replace, one code unit for one, so offsets stay right.
 */
export function languageJson(version: unknown): string {
  return `${JSON.stringify(version, (_key, value: unknown) => (typeof value === 'string' ? safeText(value) : value), 2)}\n`;
}

/** Writes one object of a set and describes it as the manifest lists it. */
export async function writeArtefact(
  store: ArticleStore,
  key: string,
  content: string,
  contentType: ArtefactJson['contentType'],
  language: string | null,
  condition: WriteCondition = {},
): Promise<ArtefactJson> {
  const bytes = new TextEncoder().encode(content);
  const result = await store.put(key, bytes, { contentType, ...condition });
  return {
    key,
    language,
    contentType,
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
    versionId: result.versionId ?? null,
  };
}
