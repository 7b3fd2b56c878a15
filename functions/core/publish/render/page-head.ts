import type { LanguageLinkJson, TextDirection } from '../../contract.js';
import { INDEX_PAGE } from '../../key-layout.js';
import { languageTag } from '../../locale/languages.js';
import { escapeHtml as e } from './escape.js';
import { contentSecurityPolicy, pageStyle } from './page-style.js';

export interface PageHead {
  /** The page's language (a translator's code: `<html lang>` gets its BCP 47 tag) and direction. */
  readonly language: string;
  readonly direction: TextDirection;
  readonly title: string;
  /** The article's language versions, each linked as an alternate; the index page (`index.html`) is x-default. */
  readonly languages: readonly LanguageLinkJson[];
  /** This page's file in the set (`es.html`), its `rel=canonical`. */
  readonly file: string;
  /**
   * How the alternates and the canonical link a file of the set: absolute under the public base URL when one is
   * configured (see `SetKeys.href`), the file name itself by default.
   */
  readonly href?: (file: string) => string;
  /** Further `<link>` elements, after the language alternates. */
  readonly links?: readonly string[];
  /** Further elements closing the head (structured data). */
  readonly end?: readonly string[];
}

/**
 * A published page from `<!DOCTYPE html>` to `</head>`, the same for article and index pages: the security policy
 * (CSP allowing only the inline stylesheet, no referrer), the viewport, the title, the canonical address, the
 * language alternates and the stylesheet.
 */
export function pageHead(head: PageHead): string {
  const href = head.href ?? ((file: string) => file);
  return [
    '<!DOCTYPE html>',
    `<html lang="${e(languageTag(head.language))}" dir="${head.direction}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(head.title)}</title>`,
    `<link rel="canonical" href="${e(href(head.file))}">`,
    `<link rel="alternate" hreflang="x-default" href="${e(href(INDEX_PAGE))}">`,
    ...head.languages.map(
      (link) =>
        `<link rel="alternate" hreflang="${e(languageTag(link.language))}" href="${e(href(link.html))}">`,
    ),
    ...(head.links ?? []),
    `<style>${pageStyle}</style>`,
    ...(head.end ?? []),
    '</head>',
  ].join('\n');
}
