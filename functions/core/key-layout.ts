import type { LanguageLinkJson } from './contract.js';
import type { PipelineSettings } from './settings.js';

/**
 * The bucket's key layout, in one place. Uploads arrive under the incoming prefix; each article's set lives in
 * `<publishedPrefix><articleId>/` (`<lang>.json`, `<lang>.html`, `index.html`, and `manifest.json`, written
 * last); an article that cannot be published gets `<failedPrefix><articleId>.json` instead.
 */
export type SetPrefixes = Pick<PipelineSettings, 'publishedPrefix' | 'failedPrefix' | 'publicBaseUrl'>;

/** The set's index page, as named inside its folder (and linked from every page). */
export const INDEX_PAGE = 'index.html';
const MANIFEST = 'manifest.json';

/** A language's two files, as named inside the set's folder: how the manifest and the pages link them. */
export function languageFiles(language: string): LanguageLinkJson {
  return { language, json: `${language}.json`, html: `${language}.html` };
}

/** Every key of one article's outputs. */
export interface SetKeys {
  /** `published/<articleId>/` */
  readonly folder: string;
  readonly manifest: string;
  readonly index: string;
  /** `failed/<articleId>.json` */
  readonly failed: string;
  readonly json: (language: string) => string;
  readonly html: (language: string) => string;
  /**
   * How the set's pages link a file of the set (`es.html`, `index.html`): by its absolute address when the
   * published keys are served at a public base URL, relatively (the file name) otherwise.
   */
  readonly href: (file: string) => string;
}

export function setKeys(prefixes: SetPrefixes, articleId: string): SetKeys {
  const folder = `${prefixes.publishedPrefix}${articleId}/`;
  return {
    folder,
    manifest: `${folder}${MANIFEST}`,
    index: `${folder}${INDEX_PAGE}`,
    failed: `${prefixes.failedPrefix}${articleId}.json`,
    json: (language) => `${folder}${languageFiles(language).json}`,
    html: (language) => `${folder}${languageFiles(language).html}`,
    href: (file) => (prefixes.publicBaseUrl ? publicUrl(prefixes.publicBaseUrl, `${folder}${file}`) : file),
  };
}

/** The address of a key under a base URL (ending in `/`), each segment of the key URL-encoded. */
export function publicUrl(baseUrl: string, key: string): string {
  return `${baseUrl}${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The page of each language, by language. */
export function htmlKeys(keys: SetKeys, languages: readonly string[]): Record<string, string> {
  return Object.fromEntries(languages.map((language) => [language, keys.html(language)]));
}

/** `published/feeds/<lang>.xml`: the Atom feed of the articles published in a language. */
export function feedKey(prefixes: Pick<PipelineSettings, 'publishedPrefix'>, language: string): string {
  return `${prefixes.publishedPrefix}feeds/${language}.xml`;
}

/** `published/sitemap.xml`: the news sitemap of every language version. */
export function sitemapKey(prefixes: Pick<PipelineSettings, 'publishedPrefix'>): string {
  return `${prefixes.publishedPrefix}sitemap.xml`;
}

/** What an editor's correction is about, from its key `edits/<articleId>/<lang>.json`. */
export interface EditTarget {
  readonly articleId: string;
  readonly language: string;
}

const EDIT_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.json$/u;

/** The article and language an edit key names; `undefined` when the key is not of that shape. */
export function editTarget(key: string, editsPrefix: string): EditTarget | undefined {
  const match = key.startsWith(editsPrefix) ? EDIT_NAME.exec(key.slice(editsPrefix.length)) : null;
  return match?.[1] && match[2] ? { articleId: match[1], language: match[2] } : undefined;
}

/** `edits/<articleId>/<lang>.json`: where an editor uploads the corrections of a language version. */
export function editKey(prefixes: Pick<PipelineSettings, 'editsPrefix'>, target: EditTarget): string {
  return `${prefixes.editsPrefix}${target.articleId}/${target.language}.json`;
}

/** `failed/edits/<name>.json`: why an edit could not be applied (`name`: `<articleId>/<lang>` for a well-formed key). */
export function failedEditKey(prefixes: Pick<PipelineSettings, 'failedPrefix'>, name: string): string {
  return `${prefixes.failedPrefix}edits/${name}.json`;
}

/** True for an edit to process: an object under the edits prefix (not a folder marker). */
export function isEditKey(key: string, editsPrefix: string): boolean {
  return key.startsWith(editsPrefix) && !key.endsWith('/');
}

/** True for a key the pipeline processes: an object under the incoming prefix (not a folder marker). */
export function isArticleKey(key: string, incomingPrefix: string): boolean {
  return key.startsWith(incomingPrefix) && !key.endsWith('/');
}
