import { Readability } from '@mozilla/readability';
import type { ArticleImage, ArticleMetadata } from '../../document.js';
import { MAX_LIST_ITEMS } from '../metadata-values.js';
import { removeBoilerplate } from './boilerplate.js';
import type { DomDocument, DomElement, DomNode } from './dom.js';
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
  const reader = new Readability<DomElement>(document as never, {
    keepClasses: true,
    charThreshold: charThreshold(document),
    serializer: (node) => node as unknown as DomElement,
  });
  // Readability finds elements by tag with `querySelectorAll`, which linkedom answers by compiling the selector
  // anew at every call: on pages of many small elements (thousands of paragraphs, formatting in every word)
  // that compiling, once per element, cost more than the rest of the extraction. The same elements, in the
  // same order, found by their tag names.
  (reader as unknown as { _getAllNodesWithTag: typeof elementsWithTag })._getAllNodesWithTag =
    elementsWithTag;
  const found = reader.parse();
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

/**
 * The elements under `root` whose tag is one of `tagNames`, in document order, as `querySelectorAll` with the
 * tag names finds them (the root left out, a template's content not entered).
 */
export function elementsWithTag(root: DomNode, tagNames: readonly string[]): DomElement[] {
  const wanted = new Set(tagNames.map((name) => name.toLowerCase()));
  const found: DomElement[] = [];
  // A walk in document order along the tree's own links: no list of children is built at any element.
  let element = (root as TreeNode).firstElementChild;
  while (element) {
    const name = element.localName.toLowerCase();
    if (wanted.has(name)) found.push(element);
    let next = name === 'template' ? null : element.firstElementChild;
    for (
      let at: TreeNode | null = element;
      !next && at && at !== root;
      at = at.parentNode as TreeNode | null
    ) {
      next = at.nextElementSibling;
    }
    element = next;
  }
  return found;
}

/** The links between elements the walk above follows (linkedom has them; the project's DOM types leave them out). */
interface TreeNode extends DomNode {
  readonly firstElementChild: (DomElement & TreeNode) | null;
  readonly nextElementSibling: (DomElement & TreeNode) | null;
}

/** Readability's own threshold: an article with less text than this makes it try again with looser rules. */
const READABILITY_CHAR_THRESHOLD = 500;

/**
 * Readability's threshold, lowered to the page's own text when the page holds less: no attempt can find more
 * text than the page has (each attempt's text is part of the body's, measured the same way), so the retries a
 * short page otherwise costs (up to four whole passes, each re-parsing the page) would only find what the first
 * one already holds. When the first attempt falls short of the page's text, the retries run as before and the
 * longest wins, as before.
 */
function charThreshold(document: DomDocument): number {
  const text = (document.body?.textContent ?? '').trim().replace(/\s{2,}/gu, ' ');
  return Math.max(1, Math.min(READABILITY_CHAR_THRESHOLD, text.length));
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
