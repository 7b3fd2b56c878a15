/**
 * `published/sitemap.xml`: a news sitemap (the sitemap protocol 0.9 with Google's news extension) of the articles
 * published in the last two days, one `<url>` per language version with `hreflang` alternates to every other
 * (`x-default`: the article's index page). Sitemaps take absolute URLs only, so there is none without a public
 * base URL. Like the feeds, it is its own state, updated conditionally by every publish.
 */
import { INDEX_PAGE } from '../../key-layout.js';
import { languageTag } from '../../locale/languages.js';
import { childElement, childElements, escapeXml, parseXml, textOf } from './xml.js';

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
export const SITEMAP_TYPE = 'application/xml';
/** News sitemaps list articles of the last two days, at most 1,000 URLs. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_MAX_URLS = 1_000;

export interface SitemapArticle {
  readonly articleId: string;
  /** Its language versions, each with its headline. */
  readonly titles: Readonly<Record<string, string>>;
  /** When it was first published (RFC 3339). */
  readonly published: string;
  /** When this version of the set was published. */
  readonly updated: string;
}

export interface SitemapPlace {
  /** The absolute address of a file of an article's set (`es.html`, `index.html`). */
  readonly url: (articleId: string, file: string) => string;
  /** `<news:name>`: the publication, as readers know it. */
  readonly publication: string;
}

const PAGE = /\/([a-z0-9]+(?:-[a-z0-9]+)*)\/([A-Za-z0-9-]+)\.html$/u;

/** The articles of a sitemap polybrief wrote; a `<url>` it cannot read is left out. */
export function readSitemap(xml: string): SitemapArticle[] {
  const urlset = parseXml(xml);
  if (urlset.uri !== SITEMAP_NS || urlset.name !== 'urlset') throw new Error('not a sitemap');
  const articles = new Map<string, { titles: Record<string, string>; published: string; updated: string }>();
  for (const url of childElements(urlset, SITEMAP_NS, 'url')) {
    const page = PAGE.exec(textOf(childElement(url, SITEMAP_NS, 'loc')).trim());
    const news = childElement(url, NEWS_NS, 'news');
    const updated = textOf(childElement(url, SITEMAP_NS, 'lastmod')).trim();
    const published = news ? textOf(childElement(news, NEWS_NS, 'publication_date')).trim() : '';
    if (!page?.[1] || !page[2] || !news || !updated || !published) continue;
    const article = articles.get(page[1]) ?? { titles: {}, published, updated };
    article.titles[page[2]] = textOf(childElement(news, NEWS_NS, 'title'));
    articles.set(page[1], article);
  }
  return [...articles].map(([articleId, article]) => ({ articleId, ...article }));
}

/**
 * The articles with `article` in place of its earlier entry (keeping its first publication), those first published
 * within the news window before `now`, newest first, within the URL limit; `undefined` when nothing changes.
 * `keepOtherLanguages` keeps the titles of languages `article` does not name (a republish of one language).
 */
export function withArticle(
  articles: readonly SitemapArticle[],
  article: SitemapArticle,
  now: Date,
  { keepOtherLanguages = false }: { readonly keepOtherLanguages?: boolean } = {},
): SitemapArticle[] | undefined {
  const earlier = articles.find((item) => item.articleId === article.articleId);
  const titles = keepOtherLanguages ? { ...earlier?.titles, ...article.titles } : article.titles;
  const placed = earlier ? { ...article, titles, published: earlier.published } : article;
  if (earlier && JSON.stringify(earlier) === JSON.stringify(placed)) return undefined;
  const since = now.getTime() - NEWS_WINDOW_MS;
  const kept: SitemapArticle[] = [];
  let urls = 0;
  for (const item of [placed, ...articles.filter((other) => other.articleId !== article.articleId)].sort(
    (a, b) => b.published.localeCompare(a.published) || a.articleId.localeCompare(b.articleId),
  )) {
    const count = Object.keys(item.titles).length;
    if (Date.parse(item.published) < since || urls + count > NEWS_MAX_URLS) continue;
    kept.push(item);
    urls += count;
  }
  return kept;
}

/** Google News names Chinese `zh-cn` and `zh-tw`; other languages by their ISO 639 code. */
function newsLanguage(language: string): string {
  if (language === 'zh') return 'zh-cn';
  if (language === 'zh-TW') return 'zh-tw';
  return language.split('-')[0] ?? language;
}

export function renderSitemap(place: SitemapPlace, articles: readonly SitemapArticle[]): string {
  const url = (articleId: string, file: string) => escapeXml(place.url(articleId, file));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}" xmlns:xhtml="${XHTML_NS}">`,
  ];
  for (const article of articles) {
    const languages = Object.keys(article.titles);
    for (const language of languages) {
      lines.push(
        '  <url>',
        `    <loc>${url(article.articleId, `${language}.html`)}</loc>`,
        `    <lastmod>${article.updated}</lastmod>`,
        ...languages.map(
          (other) =>
            `    <xhtml:link rel="alternate" hreflang="${escapeXml(languageTag(other))}" href="${url(article.articleId, `${other}.html`)}"/>`,
        ),
        `    <xhtml:link rel="alternate" hreflang="x-default" href="${url(article.articleId, INDEX_PAGE)}"/>`,
        '    <news:news>',
        '      <news:publication>',
        `        <news:name>${escapeXml(place.publication)}</news:name>`,
        `        <news:language>${escapeXml(newsLanguage(language))}</news:language>`,
        '      </news:publication>',
        `      <news:publication_date>${article.published}</news:publication_date>`,
        `      <news:title>${escapeXml(article.titles[language] ?? '')}</news:title>`,
        '    </news:news>',
        '  </url>',
      );
    }
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}
