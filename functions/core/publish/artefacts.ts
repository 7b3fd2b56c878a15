import type { ArtefactJson } from '../contract.js';
import { sha256Hex } from '../hashing.js';
import { languageFiles } from '../key-layout.js';
import { mapBounded } from '../map-bounded.js';
import type { ArticleStore } from '../ports.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import { type ArticleRun, msSince } from '../run.js';
import type { Translations } from '../translate/translate-languages.js';
import { sourceVersion } from '../translate/version-text.js';
import { localize } from './localize.js';
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

/**
 * Writes the set's objects: each published language's JSON and HTML, then the index page. Every write settles
 * before this returns or throws (no language starts after one failed), so none is left running; the manifest that
 * publishes them is not written here.
 */
export async function writeSet(
  run: ArticleRun,
  article: AnalysedArticle,
  translations: Translations,
): Promise<ArtefactJson[]> {
  const { store, translator, clock } = run.deps;
  const { keys } = run;
  const started = clock.now();
  const { sourceLanguage, languages } = translations;
  const links = languages.map(languageFiles);
  const headlines: Record<string, string> = {};
  const source = sourceVersion(article);
  // A few languages at a time: every language's JSON and HTML of a long article at once would not fit in memory.
  const pages = await mapBounded(languages, LANGUAGES_AT_ONCE, (language) => {
    const translated = translations.translated.get(language);
    const version = localize(article, {
      language,
      sourceLanguage,
      version: translated ?? source,
      languages: links,
      ...(translated
        ? { translation: { engine: translator.engine, scope: run.settings.translationScope } }
        : {}),
    });
    headlines[language] = version.headline.text;
    return settled([
      writeArtefact(store, keys.json(language), `${JSON.stringify(version, null, 2)}\n`, JSON_TYPE, language),
      writeArtefact(store, keys.html(language), renderArticleHtml(version), HTML_TYPE, language),
    ]);
  });
  const index = renderArticleIndexHtml({
    articleId: run.articleId,
    headlines,
    sourceLanguage,
    languages: links,
  });
  const artefacts = [...pages.flat(), await writeArtefact(store, keys.index, index, HTML_TYPE, null)];
  run.stagesMs.publish = msSince(run, started);
  return artefacts;
}

/** Writes one object of a set and describes it as the manifest lists it. */
export async function writeArtefact(
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
