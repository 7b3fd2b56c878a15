import type { ArticleMetadata } from '../../document.js';
import { ArticleError } from '../../errors.js';
import { parseDocument } from '../html/dom.js';
import { readDomBlocks } from '../html/dom-blocks.js';
import { extractArticle, type PageArticle } from '../html/extract-article.js';
import type { Block, ExtractedText } from './blocks.js';

/**
 * Below this many words of running text, a web page holds no article (an index page, a login or cookie wall)...
 */
export const MIN_ARTICLE_WORDS = 40;
/** ... unless it declares itself an article (JSON-LD, `og:type`): a short news brief is an article. */
export const MIN_DECLARED_ARTICLE_WORDS = 15;

const proseKinds = new Set<Block['kind']>(['paragraph', 'quote', 'list-item']);

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Words of running text in the article: paragraphs, quotes and list items, not headings, captions or tables. */
function proseWords(article: PageArticle): number {
  let count = 0;
  for (const block of article.blocks) {
    if (proseKinds.has(block.kind)) count += wordCount(article.text.slice(block.start, block.end));
  }
  return count;
}

function noArticle(title: string | undefined, words: number): ArticleError {
  const named = title ? `"${title.length > 120 ? `${title.slice(0, 117)}...` : title}"` : 'with no title';
  return new ArticleError(
    'no-article',
    `The page ${named} holds no article: ${words} ${words === 1 ? 'word' : 'words'} of running text were ` +
      'found outside navigation, prompts and other page furniture (an index page, a login or cookie wall?).',
    'Upload the article page itself (the page a reader sees the whole story on), or its text as .txt, .md or .docx.',
  );
}

/**
 * Reads a web page: the article is found and cleaned of page furniture (html/extract-article.ts), its headline
 * and metadata taken from what the page declares. Offsets index the extracted text, whose blocks are separated by
 * blank lines. A page with no words refuses as `no-text`, one with words but no article as `no-article`.
 */
export function readHtml(source: string): ExtractedText {
  const document = parseDocument(source);
  const article = extractArticle(document);
  const title = article?.headline ?? article?.page.title;
  if (!article) {
    const words = wordCount(document.body?.textContent ?? '');
    if (words === 0 && !title) throw noText();
    throw noArticle(title, words);
  }
  const words = proseWords(article);
  if (words === 0 && !/\p{L}/u.test(article.text)) throw noText();
  // An article's HTML on its own (no navigation, few links) is the article, however short; a web page must hold
  // more than its furniture.
  const minimum = !article.page.webPage
    ? 1
    : article.page.declaresArticle
      ? MIN_DECLARED_ARTICLE_WORDS
      : MIN_ARTICLE_WORDS;
  if (words < minimum) throw noArticle(title, words);
  return {
    text: article.text,
    blocks: article.blocks,
    ...(article.headline ? { headlineFirst: true } : {}),
    ...(Object.keys(article.metadata).length > 0 ? { metadata: article.metadata } : {}),
  };
}

/**
 * Reads HTML that is an article and nothing else (a Word file's HTML): no extractor, no furniture to remove;
 * the headline is the declared title, else the first heading.
 */
export function readHtmlDocument(
  source: string,
  declared: { readonly title?: string; readonly metadata?: ArticleMetadata } = {},
): ExtractedText {
  const document = parseDocument(source);
  const body = document.body ?? document.documentElement;
  if (!body) throw noText();
  const own = readDomBlocks(body);
  const first = own.blocks[0];
  // The document's own title paragraph is its headline; a title only in its properties is written first.
  const titled =
    first?.kind === 'heading' &&
    declared.title !== undefined &&
    own.text.slice(first.start, first.end).toLowerCase() === declared.title.toLowerCase();
  const blocks = declared.title && !titled ? readDomBlocks(body, { headline: declared.title }) : own;
  if (!/\p{L}/u.test(blocks.text)) throw noText();
  const images = blocks.images;
  const metadata: ArticleMetadata = {
    ...(declared.metadata ?? {}),
    ...(images.length > 0 ? { images: [...(declared.metadata?.images ?? []), ...images] } : {}),
  };
  return {
    text: blocks.text,
    blocks: blocks.blocks,
    ...(declared.title ? { headlineFirst: true } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

function noText(): ArticleError {
  return new ArticleError(
    'no-text',
    'The page holds no words (no letters in its text).',
    'Upload the article text itself: a headline, then its paragraphs.',
  );
}
