import { parseDocument } from 'yaml';
import type { ArticleImage, ArticleMetadata, Author } from '../../document.js';
import { ArticleError } from '../../errors.js';
import {
  articleImage,
  distinctLabels,
  isoDate,
  labelText,
  MAX_LIST_ITEMS,
  webUrl,
} from '../metadata-values.js';

/** Front matter longer than this is not metadata: refused before it is parsed. */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;
/** YAML aliases expand: a few are fine, a billion laughs is not. */
const MAX_ALIASES = 20;

export interface FrontMatter {
  /** The Markdown after the front matter. */
  readonly body: string;
  /** How many characters of the source the front matter took (the body starts there). */
  readonly length: number;
  readonly title?: string;
  readonly metadata: ArticleMetadata;
}

const opening = /^---[ \t]*\r?\n/u;
const closing = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/mu;

type Value = unknown;

const isRecord = (value: Value): value is Record<string, Value> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

function first(record: Record<string, Value>, ...keys: string[]): Value {
  for (const key of keys) if (record[key] !== undefined && record[key] !== null) return record[key];
  return undefined;
}

function list(value: Value): Value[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(/\s*[,;]\s*/u);
  return [value];
}

function authorsOf(value: Value): Author[] {
  const authors: Author[] = [];
  for (const item of Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/\s+and\s+|\s*[,;&]\s*/u)
      : [value]) {
    const name = labelText(isRecord(item) ? item.name : item);
    if (!name || authors.some((author) => author.name === name)) continue;
    const url = isRecord(item) ? webUrl(item.url) : undefined;
    authors.push({ name, ...(url ? { url } : {}) });
    if (authors.length >= MAX_LIST_ITEMS) break;
  }
  return authors;
}

function imagesOf(value: Value): ArticleImage[] {
  const images: ArticleImage[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    const url = webUrl(isRecord(item) ? first(item, 'url', 'src', 'path') : item);
    if (!url) continue;
    const record = isRecord(item) ? item : {};
    const alt = labelText(record.alt);
    const caption = labelText(record.caption, 1_000);
    const credit = labelText(first(record, 'credit', 'copyright'));
    images.push(articleImage(url, { alt, caption, credit }));
    if (images.length >= MAX_LIST_ITEMS) break;
  }
  return images;
}

function invalid(detail: string): ArticleError {
  return new ArticleError(
    'invalid-front-matter',
    `The front matter (the YAML between the --- lines at the top) cannot be read: ${detail}.`,
    'Correct the YAML (title, author, date, section, tags, image) or remove the front matter, and upload the file again.',
  );
}

/**
 * Reads a Markdown file's YAML front matter (`title`, `author`/`authors`, `date`, `updated`, `section`/
 * `category`, `tags`/`keywords`, `image`, `canonical`) with a maintained YAML parser in its core schema: no
 * custom types, no code, at most 20 aliases, and at most 64 KiB. Front matter that is not valid YAML, or not a
 * mapping, is refused (`invalid-front-matter`) rather than published as text or silently dropped. A file
 * without front matter comes back as it is.
 */
export function readFrontMatter(source: string): FrontMatter {
  const open = opening.exec(source);
  if (!open) return { body: source, length: 0, metadata: {} };
  const rest = source.slice(open[0].length, open[0].length + MAX_FRONT_MATTER_CHARS + 8);
  const close = closing.exec(rest);
  if (!close) {
    if (source.length - open[0].length > MAX_FRONT_MATTER_CHARS)
      throw invalid('it is over 64 KiB or never closed');
    // A file that opens with a thematic break and never closes it has no front matter.
    return { body: source, length: 0, metadata: {} };
  }
  const yaml = rest.slice(0, close.index);
  if (yaml.length > MAX_FRONT_MATTER_CHARS) throw invalid('it is over 64 KiB');
  const length = open[0].length + close.index + close[0].length;
  const document = parseDocument(yaml, { schema: 'core', uniqueKeys: true, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    // The line in the file (the opening --- is line 1), counted here: without prettyErrors, yaml gives offsets.
    const offset = error.pos?.[0];
    const line = offset === undefined ? undefined : yaml.slice(0, offset).split('\n').length + 1;
    throw invalid(`${error.message.split('\n')[0]}${line ? ` (line ${line} of the file)` : ''}`);
  }
  let value: Value;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    throw invalid(cause instanceof Error ? cause.message : String(cause));
  }
  if (value === null || value === undefined) return { body: source.slice(length), length, metadata: {} };
  if (!isRecord(value)) throw invalid('it is not a list of "key: value" lines');
  const record = Object.fromEntries(Object.entries(value).map(([key, item]) => [key.toLowerCase(), item]));

  const title = labelText(first(record, 'title', 'headline'));
  const authors = authorsOf(first(record, 'authors', 'author', 'byline'));
  const datePublished = isoDate(first(record, 'date', 'published', 'datepublished', 'pubdate'));
  const dateModified = isoDate(first(record, 'updated', 'modified', 'datemodified', 'lastmod'));
  const section = labelText(list(first(record, 'section', 'category', 'categories'))[0]);
  const keywords = distinctLabels(list(first(record, 'tags', 'keywords')));
  const canonicalUrl = webUrl(first(record, 'canonical', 'canonical_url', 'canonicalurl', 'url'));
  const images = imagesOf(first(record, 'image', 'images', 'cover'));
  return {
    body: source.slice(length),
    length,
    ...(title ? { title } : {}),
    metadata: {
      ...(authors.length > 0 ? { authors } : {}),
      ...(datePublished ? { datePublished } : {}),
      ...(dateModified ? { dateModified } : {}),
      ...(section ? { section } : {}),
      ...(keywords.length > 0 ? { keywords } : {}),
      ...(canonicalUrl ? { canonicalUrl } : {}),
      ...(images.length > 0 ? { images } : {}),
    },
  };
}
