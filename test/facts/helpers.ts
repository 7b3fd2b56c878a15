import { readFileSync } from 'node:fs';
import type { SourceDocument, Span } from '../../functions/core/document.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';

export const sampleUrl = (name: string): URL => new URL(`../../samples/articles/${name}`, import.meta.url);

export function sampleDocument(name: string): SourceDocument {
  const format = name.endsWith('.html') ? 'html' : name.endsWith('.md') ? 'markdown' : 'text';
  return parseArticle(readFileSync(sampleUrl(name), 'utf8'), format);
}

/** A plain-text article: headline line, blank line, then the body. */
export function article(body: string, headline = 'News report'): SourceDocument {
  return parseArticle(`${headline}\n\n${body}\n`, 'text');
}

export const surfaces = (document: SourceDocument, spans: readonly Span[]): string[] =>
  spans.map((span) => document.text.slice(span.start, span.end));
