/**
 * `published/feeds/<lang>.xml`: an Atom 1.0 feed (RFC 4287) of the most recent articles published in one language,
 * newest first. The feed is its own state: each publish reads it, puts its entry in (replacing the article's
 * earlier one, keeping when it was first published) and writes it back conditionally (see shared-object.ts).
 */
import { sha256Hex } from '../../hashing.js';
import { endonym, languageTag } from '../../locale/languages.js';
import { childElement, childElements, escapeXml, parseXml, textOf, type XmlElement } from './xml.js';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const ATOM_TYPE = 'application/atom+xml';
/** Entries a feed keeps: the most recent, by first publication. */
export const FEED_ENTRIES = 50;

export interface FeedEntry {
  readonly articleId: string;
  /** The headline, in the feed's language. */
  readonly title: string;
  /** The summary sentences, joined. */
  readonly summary: string;
  /** When the article was first published in this language (RFC 3339). */
  readonly published: string;
  /** When this version was published (a republish or an editor's correction moves it). */
  readonly updated: string;
  readonly authors: readonly string[];
}

/** The feed's language and where its links point (absolute under a public base URL, else relative to the feed). */
export interface FeedLinks {
  readonly language: string;
  /** The feed's own address. */
  readonly self: string;
  /** The address of an article's page in this language. */
  readonly page: (articleId: string) => string;
}

/** A stable `urn:uuid:` (name-based, SHA-256 truncated to a version 5 layout) for a name. */
export function uuidUrn(name: string): string {
  const hex = sha256Hex(name);
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const PAGE = /(?:^|\/)([a-z0-9]+(?:-[a-z0-9]+)*)\/[A-Za-z0-9-]+\.html$/u;

/** The entries of a feed polybrief wrote; an entry it cannot read is left out. Throws on XML that is not a feed. */
export function readFeed(xml: string): FeedEntry[] {
  const feed = parseXml(xml);
  if (feed.uri !== ATOM_NS || feed.name !== 'feed') throw new Error('not an Atom feed');
  return childElements(feed, ATOM_NS, 'entry').flatMap((entry) => {
    const alternate = childElements(entry, ATOM_NS, 'link').find(
      (link) => (link.attributes.get('rel') ?? 'alternate') === 'alternate',
    );
    const articleId = PAGE.exec(alternate?.attributes.get('href') ?? '')?.[1];
    const published = textOf(childElement(entry, ATOM_NS, 'published'));
    const updated = textOf(childElement(entry, ATOM_NS, 'updated'));
    if (!articleId || !updated) return [];
    return [
      {
        articleId,
        title: textOf(childElement(entry, ATOM_NS, 'title')),
        summary: textOf(childElement(entry, ATOM_NS, 'summary')),
        published: published || updated,
        updated,
        authors: childElements(entry, ATOM_NS, 'author').map((author: XmlElement) =>
          textOf(childElement(author, ATOM_NS, 'name')),
        ),
      },
    ];
  });
}

/**
 * The entries with `entry` in place of the article's earlier one (whose first publication it keeps), newest first
 * by first publication, at most `max`; `undefined` when the feed already says exactly this.
 */
export function withEntry(
  entries: readonly FeedEntry[],
  entry: FeedEntry,
  max = FEED_ENTRIES,
): FeedEntry[] | undefined {
  const earlier = entries.find((item) => item.articleId === entry.articleId);
  const placed: FeedEntry = earlier ? { ...entry, published: earlier.published } : entry;
  if (earlier && JSON.stringify(earlier) === JSON.stringify(placed)) return undefined;
  return [placed, ...entries.filter((item) => item.articleId !== entry.articleId)]
    .sort((a, b) => b.published.localeCompare(a.published) || a.articleId.localeCompare(b.articleId))
    .slice(0, max);
}

/** The feed document. */
export function renderFeed(
  links: FeedLinks,
  entries: readonly FeedEntry[],
  generatorVersion: string,
): string {
  const { language } = links;
  const updated = entries
    .map((entry) => entry.updated)
    .sort()
    .at(-1);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="${ATOM_NS}" xml:lang="${escapeXml(languageTag(language))}">`,
    `  <id>${uuidUrn(`polybrief:feed:${language}`)}</id>`,
    `  <title>polybrief · ${escapeXml(endonym(language))}</title>`,
    `  <updated>${updated || '1970-01-01T00:00:00.000Z'}</updated>`,
    // RFC 4287 wants an author for the feed when not every entry has one.
    '  <author><name>polybrief</name></author>',
    `  <link rel="self" type="${ATOM_TYPE}" href="${escapeXml(links.self)}"/>`,
    `  <generator version="${escapeXml(generatorVersion)}">polybrief</generator>`,
    ...entries.flatMap((entry) => [
      '  <entry>',
      `    <id>${uuidUrn(`polybrief:article:${entry.articleId}:${language}`)}</id>`,
      `    <title>${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" hreflang="${escapeXml(languageTag(language))}" href="${escapeXml(links.page(entry.articleId))}"/>`,
      `    <published>${entry.published}</published>`,
      `    <updated>${entry.updated}</updated>`,
      ...entry.authors.map((name) => `    <author><name>${escapeXml(name)}</name></author>`),
      `    <summary>${escapeXml(entry.summary)}</summary>`,
      '  </entry>',
    ]),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}
