import type { ArticleImage, ArticleMetadata, Author } from '../../document.js';
import {
  articleImage,
  decodeMetadataReferences,
  distinctLabels,
  isoDate,
  labelText,
  MAX_LIST_ITEMS,
  MAX_URL_CHARS,
  webUrl,
} from '../metadata-values.js';
import { type DomDocument, type DomElement, visibleText } from './dom.js';

/** What a page declares about itself, read before the article is extracted (extraction changes the tree). */
export interface PageMetadata extends ArticleMetadata {
  /** The article's own title as the page declares it (JSON-LD `headline`, `og:title`), site name not removed. */
  readonly declaredHeadline?: string;
  /** `<title>`. */
  readonly title?: string;
  /** The page's `<h1>` headings: inside `<article>` first, then inside `<main>`, then the rest. */
  readonly h1s: readonly string[];
  readonly siteName?: string;
  /** JSON-LD `articleBody`: the publisher's own text of the article, when it gives one. */
  readonly articleBody?: string;
  /** JSON-LD says the page is an article (`NewsArticle`, `BlogPosting`...) or `og:type` is `article`. */
  readonly declaresArticle: boolean;
  /** The address relative links resolve against: `<base href>`, else the canonical URL. */
  readonly baseUrl?: string;
  /**
   * The page is a web page around an article (navigation, banners or footers, or many links), not an article's
   * HTML on its own (an export from an editor, a Word file's HTML).
   */
  readonly webPage: boolean;
}

/** Bounds on what is read from JSON-LD: a page is hostile input, its scripts most of all. */
const MAX_JSON_LD_CHARS = 1_000_000;
const MAX_JSON_LD_NODES = 20_000;
/** A page with this many links or more is a web page around an article, whatever its markup. */
const WEB_PAGE_LINKS = 15;

const articleTypes = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'reviewnewsarticle',
  'backgroundnewsarticle',
  'askpublicnewsarticle',
  'blogposting',
  'liveblogposting',
  'socialmediaposting',
  'report',
  'scholarlyarticle',
  'techarticle',
  'satiricalarticle',
  'advertisercontentarticle',
]);

/** Text a page declares, its leftover character references decoded (see `decodeMetadataReferences`). */
function pageText(value: unknown, max?: number): string | undefined {
  return labelText(typeof value === 'string' ? decodeMetadataReferences(value) : value, max);
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type JsonObject = { readonly [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function asArray(value: Json | undefined): readonly Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value as Json];
}

function typesOf(node: JsonObject): string[] {
  return asArray(node['@type'])
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[/#]/u, '').toLowerCase());
}

/** The elements metadata is read from, found in one walk of the page (selectors would walk it per query). */
interface PageTags {
  /** `<meta>` contents by lower-case `property`, `name` or `itemprop`, in page order. */
  readonly meta: Map<string, string[]>;
  readonly jsonLd: DomElement[];
  readonly canonical?: string;
  readonly base?: string;
  readonly title?: DomElement;
  /** The page's `<h1>` elements: those inside `<article>` first, then inside `<main>`, then the rest (at most 10). */
  readonly h1s: DomElement[];
  /** `<time datetime>` values, those inside `<article>` first (at most 20). */
  readonly times: string[];
  /** `itemprop=datePublished` elements' `content` or `datetime`. */
  readonly itemDates: string[];
  /** Links with an address, anywhere in the page. */
  readonly links: number;
  /** Navigation, banner, footer or sidebar elements (`<nav>`, `<header>`, `role=navigation`...). */
  readonly furniture: number;
}

const furnitureTags = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
const furnitureRoles = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);

function collectTags(document: DomDocument): PageTags {
  const meta = new Map<string, string[]>();
  const jsonLd: DomElement[] = [];
  const articleTimes: string[] = [];
  const otherTimes: string[] = [];
  const itemDates: string[] = [];
  let canonical: string | undefined;
  let base: string | undefined;
  let title: DomElement | undefined;
  const h1s: DomElement[][] = [[], [], []];
  let links = 0;
  let furniture = 0;
  const root = document.documentElement;
  type Frame = { readonly element: DomElement; readonly inArticle: boolean; readonly inMain: boolean };
  const stack: Frame[] = root ? [{ element: root, inArticle: false, inMain: false }] : [];
  while (stack.length > 0) {
    const { element, inArticle, inMain } = stack.pop() as Frame;
    const tag = element.localName;
    if (tag === 'meta') {
      const content = element.getAttribute('content');
      if (content && content.trim() !== '') {
        for (const attribute of ['property', 'name', 'itemprop']) {
          const key = element.getAttribute(attribute)?.toLowerCase();
          if (key) meta.set(key, [...(meta.get(key) ?? []), content]);
        }
      }
    } else if (tag === 'script') {
      if (element.getAttribute('type')?.toLowerCase().trim() === 'application/ld+json') jsonLd.push(element);
      continue;
    } else if (tag === 'link') {
      if (canonical === undefined && /(?:^|\s)canonical(?:\s|$)/iu.test(element.getAttribute('rel') ?? ''))
        canonical = element.getAttribute('href') ?? undefined;
    } else if (tag === 'base') {
      base ??= element.getAttribute('href') ?? undefined;
    } else if (tag === 'title') {
      title ??= element;
    } else if (tag === 'h1') {
      (h1s[inArticle ? 0 : inMain ? 1 : 2] as DomElement[]).push(element);
    } else if (tag === 'time') {
      const value = element.getAttribute('datetime');
      if (value) (inArticle || inMain ? articleTimes : otherTimes).push(value);
    } else if (tag === 'style' || tag === 'svg' || tag === 'template') {
      continue;
    }
    if (tag === 'a' && element.hasAttribute('href')) links++;
    if (furnitureTags.has(tag) || furnitureRoles.has(element.getAttribute('role') ?? '')) furniture++;
    if (element.getAttribute('itemprop') === 'datePublished') {
      const value = element.getAttribute('content') ?? element.getAttribute('datetime');
      if (value) itemDates.push(value);
    }
    const article = inArticle || tag === 'article';
    const main = inMain || tag === 'main' || element.getAttribute('role') === 'main';
    const children = element.children;
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ element: children[i] as DomElement, inArticle: article, inMain: main });
    }
  }
  return {
    meta,
    jsonLd,
    times: [...articleTimes, ...otherTimes].slice(0, 20),
    itemDates,
    links,
    furniture,
    ...(canonical ? { canonical } : {}),
    ...(base ? { base } : {}),
    ...(title ? { title } : {}),
    h1s: h1s.flat().slice(0, 10),
  };
}

/** Every object in the page's JSON-LD blocks (top level, arrays, `@graph`, nested values), bounded. */
function jsonLdObjects(scripts: readonly DomElement[]): JsonObject[] {
  const objects: JsonObject[] = [];
  let budget = MAX_JSON_LD_NODES;
  for (const script of scripts) {
    const source = script.textContent ?? '';
    if (source.length > MAX_JSON_LD_CHARS) continue;
    let parsed: Json;
    try {
      // Some pages wrap the JSON in an HTML comment or CDATA marker.
      parsed = JSON.parse(source.replace(/^\s*(?:<!--|\/\/<!\[CDATA\[)|(?:-->|\/\/\]\]>)\s*$/gu, ''));
    } catch {
      continue;
    }
    const stack: Json[] = [parsed];
    while (stack.length > 0 && budget > 0) {
      const value = stack.pop() as Json;
      budget--;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push(value[i] as Json);
      } else if (isObject(value)) {
        objects.push(value);
        for (const child of Object.values(value)) if (typeof child === 'object' && child) stack.push(child);
      }
    }
  }
  return objects;
}

function meta(tags: PageTags, ...names: string[]): string | undefined {
  for (const name of names) {
    const content = tags.meta.get(name.toLowerCase())?.[0];
    if (content) return content;
  }
  return undefined;
}

function metaAll(tags: PageTags, name: string): string[] {
  return tags.meta.get(name.toLowerCase()) ?? [];
}

function nameOf(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return pageText(value);
  if (isObject(value)) return pageText(value.name) ?? pageText(value.alternateName);
  return undefined;
}

/** An author's name, unless it is an address or an account handle rather than a name. */
function authorName(value: string | undefined): string | undefined {
  if (!value || /^(?:https?:|www\.)|^@|[/\\]/u.test(value)) return undefined;
  return value.replace(/^by\s+/iu, '');
}

function authorsFrom(values: readonly Json[], base: string | undefined): Author[] {
  const authors: Author[] = [];
  for (const value of values) {
    const name = authorName(nameOf(value));
    if (!name) continue;
    // "Jane Doe and John Roe", "Jane Doe; John Roe" in one string are two authors ("Jane Doe, AP Writer" one).
    const names = typeof value === 'string' ? name.split(/\s+(?:and|&)\s+|\s*;\s*/u) : [name];
    const url = isObject(value)
      ? webUrl(typeof value.url === 'string' ? value.url : undefined, base)
      : undefined;
    for (const one of names) {
      const clean = pageText(one);
      if (!clean || authors.some((author) => author.name.toLowerCase() === clean.toLowerCase())) continue;
      authors.push({ name: clean, ...(url && names.length === 1 ? { url } : {}) });
    }
    if (authors.length >= MAX_LIST_ITEMS) break;
  }
  return authors;
}

function imagesFrom(values: readonly Json[], base: string | undefined): ArticleImage[] {
  const images: ArticleImage[] = [];
  for (const value of values) {
    const url = webUrl(
      typeof value === 'string' ? value : isObject(value) ? (value.url ?? value.contentUrl) : undefined,
      base,
    );
    if (!url || images.some((image) => image.url === url)) continue;
    const object = isObject(value) ? value : undefined;
    const caption = object ? pageText(object.caption) : undefined;
    const credit = object
      ? (pageText(object.creditText) ?? nameOf(object.copyrightHolder) ?? nameOf(object.author))
      : undefined;
    const alt = object ? pageText(object.description) : undefined;
    images.push(articleImage(url, { alt, caption, credit }));
    if (images.length >= MAX_LIST_ITEMS) break;
  }
  return images;
}

function keywordsFrom(values: readonly (Json | undefined)[]): string[] {
  return distinctLabels(
    values.flatMap((value) =>
      asArray(value).flatMap((item) => (typeof item === 'string' ? item.split(/\s*[,;]\s*/u) : [])),
    ),
  );
}

function headings(tags: PageTags): string[] {
  return tags.h1s.map((heading) => pageText(visibleText(heading))).filter((text) => text !== undefined);
}

/** The first `<time datetime>` of the article (or the page), when it carries an ISO date. */
function timeElement(tags: PageTags): string | undefined {
  for (const value of tags.times) {
    const date = isoDate(value);
    if (date) return date;
  }
  return undefined;
}

function canonicalOf(tags: PageTags, article: JsonObject | undefined): string | undefined {
  const mainEntity = article?.mainEntityOfPage;
  const declared = [
    tags.canonical,
    meta(tags, 'og:url'),
    isObject(mainEntity) ? mainEntity['@id'] : mainEntity,
    article?.url,
  ];
  for (const value of declared) {
    const url = webUrl(typeof value === 'string' ? value : undefined);
    if (url) return url;
  }
  return undefined;
}

/** The article's node in the page's JSON-LD: an article type, preferring one with a headline. */
function articleNode(objects: readonly JsonObject[]): JsonObject | undefined {
  const articles = objects.filter((node) => typesOf(node).some((type) => articleTypes.has(type)));
  return articles.find((node) => typeof node.headline === 'string') ?? articles[0];
}

function mergeImages(...lists: ArticleImage[][]): ArticleImage[] {
  const merged: ArticleImage[] = [];
  for (const image of lists.flat()) {
    const index = merged.findIndex((item) => item.url === image.url);
    if (index < 0) merged.push(image);
    else merged[index] = { ...image, ...merged[index] };
  }
  return merged.slice(0, MAX_LIST_ITEMS);
}

/**
 * Reads what a page declares about itself: JSON-LD (`NewsArticle`, `Article`, `BlogPosting`...: headline, body,
 * dates, authors, section, keywords, images), OpenGraph and other `<meta>` tags, the canonical link, `<title>`,
 * the article's `<h1>` and `<time datetime>`. Nothing here is trusted as markup: every value is checked text, a
 * valid ISO date or an http(s) URL.
 */
export function readPageMetadata(document: DomDocument): PageMetadata {
  const tags = collectTags(document);
  const objects = jsonLdObjects(tags.jsonLd);
  const article = articleNode(objects);
  const canonicalUrl = canonicalOf(tags, article);
  const baseUrl = webUrl(tags.base, canonicalUrl) ?? canonicalUrl;
  const publisher = article?.publisher;
  const website = objects.find((node) => typesOf(node).includes('website'));

  const authors = authorsFrom(
    [
      ...asArray(article?.author),
      ...(article?.author === undefined ? asArray(article?.creator) : []),
      ...(article?.author === undefined ? metaAll(tags, 'author') : []),
      ...(article?.author === undefined ? metaAll(tags, 'article:author') : []),
    ],
    baseUrl,
  );
  const datePublished =
    isoDate(article?.datePublished) ??
    isoDate(meta(tags, 'article:published_time', 'datepublished', 'date', 'dc.date', 'dcterms.created')) ??
    isoDate(tags.itemDates[0]) ??
    timeElement(tags);
  const dateModified =
    isoDate(article?.dateModified) ??
    isoDate(meta(tags, 'article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified'));
  const section = pageText(asArray(article?.articleSection)[0]) ?? pageText(meta(tags, 'article:section'));
  const keywords = keywordsFrom([
    article?.keywords,
    ...metaAll(tags, 'article:tag'),
    meta(tags, 'news_keywords', 'keywords'),
  ]);
  const ogImage = webUrl(meta(tags, 'og:image:secure_url', 'og:image', 'twitter:image'), baseUrl);
  const ogAlt = pageText(meta(tags, 'og:image:alt', 'twitter:image:alt'));
  const images = mergeImages(
    imagesFrom(asArray(article?.image), baseUrl),
    ogImage ? [{ url: ogImage, ...(ogAlt ? { alt: ogAlt } : {}) }] : [],
  );
  const declaredHeadline =
    pageText(article?.headline) ??
    pageText(meta(tags, 'og:title', 'twitter:title')) ??
    pageText(article?.name);
  const title = tags.title ? pageText(visibleText(tags.title)) : undefined;
  const h1s = headings(tags);
  const siteName =
    pageText(meta(tags, 'og:site_name', 'application-name')) ??
    nameOf(publisher) ??
    nameOf(website ?? undefined);
  const body = typeof article?.articleBody === 'string' ? article.articleBody : undefined;
  const ogType = meta(tags, 'og:type')?.toLowerCase();

  return {
    ...(authors.length > 0 ? { authors } : {}),
    ...(datePublished ? { datePublished } : {}),
    ...(dateModified ? { dateModified } : {}),
    ...(section ? { section } : {}),
    ...(keywords.length > 0 ? { keywords } : {}),
    ...(canonicalUrl && canonicalUrl.length <= MAX_URL_CHARS ? { canonicalUrl } : {}),
    ...(images.length > 0 ? { images } : {}),
    ...(declaredHeadline ? { declaredHeadline } : {}),
    ...(title ? { title } : {}),
    h1s,
    ...(siteName ? { siteName } : {}),
    ...(body && body.trim() !== '' ? { articleBody: body } : {}),
    declaresArticle: article !== undefined || ogType === 'article',
    webPage: tags.furniture > 0 || tags.links >= WEB_PAGE_LINKS,
    ...(baseUrl ? { baseUrl } : {}),
  };
}
