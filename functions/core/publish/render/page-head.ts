import type { LanguageLinkJson, TextDirection } from '../../contract.js';
import { INDEX_PAGE } from '../../key-layout.js';
import { escapeHtml as e } from './escape.js';
import { contentSecurityPolicy, pageStyle } from './page-style.js';

export interface PageHead {
  /** The page's language and direction, on `<html>`. */
  readonly language: string;
  readonly direction: TextDirection;
  readonly title: string;
  /** The article's language versions, each linked as an alternate; the index page (`index.html`) is x-default. */
  readonly languages: readonly LanguageLinkJson[];
  /** Further `<link>` elements, after the language alternates. */
  readonly links?: readonly string[];
  /** Further elements closing the head (structured data). */
  readonly end?: readonly string[];
}

/**
 * A published page from `<!DOCTYPE html>` to `</head>`, the same for article and index pages: the security policy
 * (CSP allowing only the inline stylesheet, no referrer), the viewport, the title, the language alternates and
 * the stylesheet.
 */
export function pageHead(head: PageHead): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${e(head.language)}" dir="${head.direction}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(head.title)}</title>`,
    `<link rel="alternate" hreflang="x-default" href="${INDEX_PAGE}">`,
    ...head.languages.map(
      (link) => `<link rel="alternate" hreflang="${e(link.language)}" href="${e(link.html)}">`,
    ),
    ...(head.links ?? []),
    `<style>${pageStyle}</style>`,
    ...(head.end ?? []),
    '</head>',
  ].join('\n');
}
