/**
 * Structural checks of what polybrief syndicates, written from the specifications: Atom 1.0 (RFC 4287, sections
 * 4.1-4.2: the elements a feed and an entry must have, how often, and in which form) and the sitemap protocol 0.9
 * (the sitemap XSD: a urlset of url elements whose sequence is loc, lastmod?, changefreq?, priority?, then elements
 * of other namespaces; absolute URLs of at most 2,048 characters on one host; 50,000 URLs and 50 MB at most) with
 * Google's news and xhtml:link extensions. The XML is read by saxes, a strict parser: anything not well-formed fails.
 */
import {
  childElement,
  childElements,
  parseXml,
  textOf,
  type XmlElement,
} from '../../functions/core/publish/syndication/xml.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';
const XHTML = 'http://www.w3.org/1999/xhtml';

/** RFC 3339 date-time (RFC 4287 3.3), with an upper-case T and Z as the RFC's examples write them. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/u;
/** W3C Datetime, as sitemaps take it: a date, or a date-time with a time zone. */
const W3C_DATETIME =
  /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/u;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/u;

function count(element: XmlElement, uri: string, name: string): number {
  return childElements(element, uri, name).length;
}

function exactlyOne(
  where: string,
  element: XmlElement,
  name: string,
  problems: string[],
): XmlElement | undefined {
  const found = childElements(element, ATOM, name);
  if (found.length !== 1) problems.push(`${where}: ${found.length} atom:${name}, RFC 4287 wants exactly one`);
  return found[0];
}

function atomDate(where: string, element: XmlElement | undefined, problems: string[]): void {
  if (element && !RFC3339.test(textOf(element)))
    problems.push(`${where}: ${JSON.stringify(textOf(element))} is not an RFC 3339 date-time`);
}

function person(where: string, author: XmlElement, problems: string[]): void {
  if (count(author, ATOM, 'name') !== 1 || textOf(childElement(author, ATOM, 'name')).trim() === '')
    problems.push(`${where}: an atom:author needs exactly one non-empty atom:name`);
}

function links(where: string, element: XmlElement, problems: string[]): XmlElement[] {
  const all = childElements(element, ATOM, 'link');
  const alternates = new Set<string>();
  for (const link of all) {
    if (!link.attributes.get('href')) problems.push(`${where}: an atom:link without href`);
    if ((link.attributes.get('rel') ?? 'alternate') !== 'alternate') continue;
    const pair = `${link.attributes.get('type') ?? ''} ${link.attributes.get('hreflang') ?? ''}`;
    if (alternates.has(pair)) problems.push(`${where}: two alternate links with the same type and hreflang`);
    alternates.add(pair);
  }
  return all.filter((link) => (link.attributes.get('rel') ?? 'alternate') === 'alternate');
}

/** What keeps an Atom document from being a valid Atom 1.0 feed; empty when it is one. */
export function atomProblems(xml: string): string[] {
  const problems: string[] = [];
  let feed: XmlElement;
  try {
    feed = parseXml(xml);
  } catch (error) {
    return [`not well-formed XML: ${String(error)}`];
  }
  if (feed.uri !== ATOM || feed.name !== 'feed') return ['the root element is not atom:feed'];
  const id = exactlyOne('feed', feed, 'id', problems);
  if (id && !ABSOLUTE_IRI.test(textOf(id))) problems.push('feed: atom:id is not an absolute IRI');
  exactlyOne('feed', feed, 'title', problems);
  atomDate('feed atom:updated', exactlyOne('feed', feed, 'updated', problems), problems);
  links('feed', feed, problems);
  const feedAuthors = childElements(feed, ATOM, 'author');
  for (const author of feedAuthors) person('feed', author, problems);
  const ids = new Set<string>();
  childElements(feed, ATOM, 'entry').forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const entryId = exactlyOne(where, entry, 'id', problems);
    if (entryId && !ABSOLUTE_IRI.test(textOf(entryId)))
      problems.push(`${where}: atom:id is not an absolute IRI`);
    if (entryId && ids.has(textOf(entryId))) problems.push(`${where}: the id of an earlier entry`);
    if (entryId) ids.add(textOf(entryId));
    exactlyOne(where, entry, 'title', problems);
    atomDate(`${where} atom:updated`, exactlyOne(where, entry, 'updated', problems), problems);
    if (count(entry, ATOM, 'published') > 1) problems.push(`${where}: more than one atom:published`);
    atomDate(`${where} atom:published`, childElement(entry, ATOM, 'published'), problems);
    if (count(entry, ATOM, 'summary') > 1) problems.push(`${where}: more than one atom:summary`);
    if (count(entry, ATOM, 'content') > 1) problems.push(`${where}: more than one atom:content`);
    const alternates = links(where, entry, problems);
    if (count(entry, ATOM, 'content') === 0 && alternates.length === 0)
      problems.push(`${where}: no atom:content and no alternate link`);
    const authors = childElements(entry, ATOM, 'author');
    for (const author of authors) person(where, author, problems);
    if (authors.length === 0 && feedAuthors.length === 0)
      problems.push(`${where}: no atom:author, and the feed has none`);
  });
  return problems;
}

/** The entries of a feed: article id (from its page link), title, published, updated, page link. */
export function feedEntries(
  xml: string,
): { title: string; published: string; updated: string; href: string }[] {
  return childElements(parseXml(xml), ATOM, 'entry').map((entry) => ({
    title: textOf(childElement(entry, ATOM, 'title')),
    published: textOf(childElement(entry, ATOM, 'published')),
    updated: textOf(childElement(entry, ATOM, 'updated')),
    href: childElement(entry, ATOM, 'link')?.attributes.get('href') ?? '',
  }));
}

const SEQUENCE = ['loc', 'lastmod', 'changefreq', 'priority'];
const FREQUENCIES = ['always', 'hourly', 'daily', 'weekly', 'monthly', 'yearly', 'never'];

function absoluteHttp(where: string, url: string, problems: string[]): URL | undefined {
  try {
    const parsed = new URL(url);
    if (!/^https?:$/u.test(parsed.protocol)) problems.push(`${where}: ${url} is not an http(s) URL`);
    if (url.length > 2048) problems.push(`${where}: a URL over 2,048 characters`);
    return parsed;
  } catch {
    problems.push(`${where}: ${JSON.stringify(url)} is not an absolute URL`);
    return undefined;
  }
}

/** What keeps a document from being a valid (news) sitemap; empty when it is one. */
export function sitemapProblems(xml: string): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(xml) > 50 * 1024 * 1024) problems.push('over 50 MB');
  let urlset: XmlElement;
  try {
    urlset = parseXml(xml);
  } catch (error) {
    return [`not well-formed XML: ${String(error)}`];
  }
  if (urlset.uri !== SITEMAP || urlset.name !== 'urlset') return ['the root element is not urlset'];
  const urls = childElements(urlset, SITEMAP, 'url');
  if (urls.length > 50_000) problems.push('more than 50,000 URLs');
  const others = urlset.children.filter(
    (child) => typeof child !== 'string' && child.uri === SITEMAP && child.name !== 'url',
  );
  if (others.length > 0) problems.push('urlset holds elements other than url');
  const hosts = new Set<string>();
  let news = 0;
  urls.forEach((url, index) => {
    const where = `url ${index + 1}`;
    const elements = url.children.filter((child): child is XmlElement => typeof child !== 'string');
    // The XSD's sequence: loc, lastmod?, changefreq?, priority?, then any elements of other namespaces.
    let position = 0;
    let foreign = false;
    for (const element of elements) {
      if (element.uri !== SITEMAP) {
        foreign = true;
        continue;
      }
      const at = SEQUENCE.indexOf(element.name);
      if (at < 0) problems.push(`${where}: sitemap element ${element.name} is not in the protocol`);
      else if (at < position || foreign) problems.push(`${where}: ${element.name} out of the XSD's sequence`);
      position = at + 1;
    }
    if (count(url, SITEMAP, 'loc') !== 1)
      problems.push(`${where}: ${count(url, SITEMAP, 'loc')} loc, wants one`);
    const loc = absoluteHttp(where, textOf(childElement(url, SITEMAP, 'loc')).trim(), problems);
    if (loc) hosts.add(loc.host);
    const lastmod = childElement(url, SITEMAP, 'lastmod');
    if (lastmod && !W3C_DATETIME.test(textOf(lastmod).trim()))
      problems.push(`${where}: lastmod is not a W3C datetime`);
    const frequency = childElement(url, SITEMAP, 'changefreq');
    if (frequency && !FREQUENCIES.includes(textOf(frequency).trim()))
      problems.push(`${where}: bad changefreq`);
    const priority = childElement(url, SITEMAP, 'priority');
    if (priority && !(Number(textOf(priority)) >= 0 && Number(textOf(priority)) <= 1))
      problems.push(`${where}: bad priority`);
    for (const link of childElements(url, XHTML, 'link')) {
      if (link.attributes.get('rel') !== 'alternate')
        problems.push(`${where}: xhtml:link without rel="alternate"`);
      if (!link.attributes.get('hreflang')) problems.push(`${where}: xhtml:link without hreflang`);
      absoluteHttp(`${where} xhtml:link`, link.attributes.get('href') ?? '', problems);
    }
    const article = childElements(url, NEWS, 'news');
    if (article.length > 1) problems.push(`${where}: more than one news:news`);
    for (const item of article) {
      news += 1;
      const publication = childElements(item, NEWS, 'publication');
      if (publication.length !== 1) problems.push(`${where}: news:news needs exactly one news:publication`);
      for (const one of publication) {
        if (textOf(childElement(one, NEWS, 'name')).trim() === '') problems.push(`${where}: no news:name`);
        if (!/^[a-z]{2,3}(?:-[a-z]{2})?$/u.test(textOf(childElement(one, NEWS, 'language')).trim()))
          problems.push(`${where}: news:language is not an ISO 639 code`);
      }
      if (!W3C_DATETIME.test(textOf(childElement(item, NEWS, 'publication_date')).trim()))
        problems.push(`${where}: news:publication_date is not a W3C datetime`);
      if (textOf(childElement(item, NEWS, 'title')).trim() === '') problems.push(`${where}: no news:title`);
    }
  });
  if (hosts.size > 1) problems.push(`URLs on ${hosts.size} hosts; a sitemap lists one host's`);
  if (news > 1_000) problems.push('a news sitemap of more than 1,000 URLs');
  return problems;
}

/** The page addresses a sitemap lists. */
export function sitemapLocations(xml: string): string[] {
  return childElements(parseXml(xml), SITEMAP, 'url').map((url) =>
    textOf(childElement(url, SITEMAP, 'loc')).trim(),
  );
}
