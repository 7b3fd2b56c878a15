import { Readability } from '@mozilla/readability';
import type { ArticleImage, ArticleMetadata } from '../../document.js';
import { MAX_LIST_ITEMS } from '../metadata-values.js';
import { removeBoilerplate } from './boilerplate.js';
import type { DomDocument, DomElement } from './dom.js';
import { type DomBlocks, readDomBlocks } from './dom-blocks.js';
import { chooseHeadline } from './headline.js';
import { type PageMetadata, readPageMetadata } from './page-metadata.js';

/** An article found in a page: its blocks (the headline first, when known), and what the page declares. */
export interface PageArticle extends DomBlocks {
  readonly headline?: string;
  readonly metadata: ArticleMetadata;
  readonly page: PageMetadata;
}

/**
 * Finds the article in a web page. Firefox's reader view (`@mozilla/readability`) finds the element that holds
 * it; what the page declares about itself (JSON-LD, OpenGraph, `<meta>`, `<h1>`, `<time>`) gives the headline and
 * the metadata, and, when it carries the article's text, tells the article's paragraphs from the rest; what
 * is left of page furniture inside the article's element is then removed (see boilerplate.ts). `undefined` when
 * the page has no element that reads as an article.
 */
export function extractArticle(document: DomDocument): PageArticle | undefined {
  // Read first: the extractor rewrites the tree as it goes.
  const page = readPageMetadata(document);
  const headline = chooseHeadline(page);
  const found = new Readability<DomElement>(document as never, {
    keepClasses: true,
    serializer: (node) => node as unknown as DomElement,
  }).parse();
  const content = found?.content;
  if (!content) return undefined;
  const authors = (page.authors ?? []).map((author) => author.name);
  removeBoilerplate(content, {
    authors,
    ...(headline ? { headline } : {}),
    ...(page.articleBody ? { articleBody: page.articleBody } : {}),
  });
  const options = { ...(page.baseUrl ? { baseUrl: page.baseUrl } : {}), ...(headline ? { headline } : {}) };
  let blocks = readDomBlocks(content, options);
  // The lead picture's caption, when the page declares it and the article's element did not hold its figure.
  const declaredCaption = page.images?.[0]?.caption;
  if (declaredCaption && !hasLeadCaption(blocks)) {
    blocks = readDomBlocks(content, { ...options, leadCaption: declaredCaption });
  }
  return {
    ...blocks,
    ...(headline ? { headline } : {}),
    metadata: articleMetadata(page, blocks.images),
    page,
  };
}

/** Whether a caption comes before the article's running text (the lead picture's). */
function hasLeadCaption(blocks: DomBlocks): boolean {
  for (const block of blocks.blocks) {
    if (block.kind === 'caption') return true;
    if (block.kind !== 'heading') return false;
  }
  return false;
}

/** The page's declared metadata, with the pictures of the article's figures after the declared ones. */
function articleMetadata(page: PageMetadata, figures: readonly ArticleImage[]): ArticleMetadata {
  const images: ArticleImage[] = [...(page.images ?? [])];
  for (const figure of figures) {
    const index = images.findIndex((image) => image.url === figure.url);
    if (index < 0) images.push(figure);
    else images[index] = { ...figure, ...images[index] };
  }
  const { authors, datePublished, dateModified, section, keywords, canonicalUrl } = page;
  return {
    ...(authors ? { authors } : {}),
    ...(datePublished ? { datePublished } : {}),
    ...(dateModified ? { dateModified } : {}),
    ...(section ? { section } : {}),
    ...(keywords ? { keywords } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
    ...(images.length > 0 ? { images: images.slice(0, MAX_LIST_ITEMS) } : {}),
  };
}
