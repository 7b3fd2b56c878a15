import { labelText } from '../metadata-values.js';
import type { PageMetadata } from './page-metadata.js';

/** What separates a title from the site's name in `<title>` and `og:title`: `Headline | The Courier`. */
const separator = /\s+[|–—·•»:/-]\s+|\s*[|·•»]\s*/u;

/** A name reduced to letters and digits, without a leading "the" or a web address's trimmings. */
function normalised(text: string): string {
  return text
    .toLowerCase()
    .replace(/^(?:https?:\/\/)?(?:www\.)?/u, '')
    .replace(/\.(?:com|co\.uk|org|net|news|co|uk|ca|au|de|fr|es|in|io)$/u, '')
    .replace(/^the\s+/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The parts of a title, split at the separators a site name is joined with. */
function partsOf(text: string): string[] {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function siteNames(metadata: PageMetadata): Set<string> {
  const names = new Set<string>();
  if (metadata.siteName) names.add(normalised(metadata.siteName));
  if (metadata.canonicalUrl) {
    const host = new URL(metadata.canonicalUrl).hostname;
    names.add(normalised(host));
  }
  names.delete('');
  return names;
}

/** The site's name, or its name with a word of its own after it ("BBC" and "BBC News"), never a headline. */
function isSiteName(part: string, names: ReadonlySet<string>): boolean {
  const value = normalised(part);
  if (value === '') return true;
  for (const name of names) {
    if (value === name || (value.startsWith(name) && value.length <= name.length + 8)) return true;
  }
  return false;
}

/**
 * `text` without the site's name before or after it ("Council votes | The Courier", "BBC News - Council
 * votes"). Without a known site name, only `<title>` loses a short last part ("Council votes - Courier"), and
 * only when what is left is a headline of its own.
 */
export function withoutSiteName(text: string, metadata: PageMetadata, isTitleElement: boolean): string {
  const parts = partsOf(text);
  if (parts.length < 2) return text;
  const names = siteNames(metadata);
  let first = 0;
  let last = parts.length;
  while (last - first > 1 && isSiteName(parts[last - 1] as string, names)) last--;
  while (last - first > 1 && isSiteName(parts[first] as string, names)) first++;
  if (first > 0 || last < parts.length) return joinedFrom(text, parts, first, last);
  if (!isTitleElement) return text;
  const tail = parts.at(-1) as string;
  const rest = joinedFrom(text, parts, 0, parts.length - 1);
  const words = (value: string) => value.split(/\s+/u).length;
  return words(tail) <= 4 && words(rest) >= 3 ? rest : text;
}

/** The original text from the start of part `first` to the end of part `last - 1`, separators kept inside. */
function joinedFrom(text: string, parts: readonly string[], first: number, last: number): string {
  let from = 0;
  for (let i = 0; i < first; i++) from = text.indexOf(parts[i] as string, from) + (parts[i] as string).length;
  const start = text.indexOf(parts[first] as string, from);
  let end = start;
  for (let i = first; i < last; i++)
    end = text.indexOf(parts[i] as string, end) + (parts[i] as string).length;
  return text.slice(start, end);
}

const truncated = /(?:…|\.\.\.)$/u;

/**
 * The article's headline from what the page declares: JSON-LD `headline` or `og:title`, the article's `<h1>`
 * (one inside `<article>`, then inside `<main>`, then any), `<title>`, each without the site's name; never the
 * site's name itself. A declared headline cut short ("...")
 * gives way to the `<h1>` or `<title>` it begins.
 */
export function chooseHeadline(metadata: PageMetadata): string | undefined {
  const names = siteNames(metadata);
  const candidates = [
    metadata.declaredHeadline && withoutSiteName(metadata.declaredHeadline, metadata, false),
    ...metadata.h1s.map((h1) => withoutSiteName(h1, metadata, false)),
    metadata.title && withoutSiteName(metadata.title, metadata, true),
  ]
    .map((candidate) => (candidate ? labelText(candidate) : undefined))
    .filter((candidate): candidate is string => candidate !== undefined && !isSiteName(candidate, names));
  const [chosen] = candidates;
  if (!chosen || !truncated.test(chosen)) return chosen;
  const stem = chosen.replace(truncated, '').trimEnd();
  return (
    candidates.find(
      (candidate) =>
        !truncated.test(candidate) && candidate.length > stem.length && candidate.startsWith(stem),
    ) ?? chosen
  );
}
