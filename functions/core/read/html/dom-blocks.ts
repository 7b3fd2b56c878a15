import type { ArticleImage, Container, InlineMarkKind } from '../../document.js';
import { BlockWriter, ContainerIds } from '../formats/block-writer.js';
import type { Block, BlockKind } from '../formats/blocks.js';
import { labelText, linkUrl, webUrl } from '../metadata-values.js';
import { type DomElement, type DomNode, isElement, isText } from './dom.js';

/** Never article text: code, embedded content, forms, page furniture. */
const skipped = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'footer',
  'form',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'button',
  'select',
  'textarea',
  'input',
  'label',
  'audio',
  'video',
  'source',
  'track',
  'head',
  'title',
  'meta',
  'link',
  'dialog',
  'menu',
  'pre',
  'map',
]);

/** Elements that end the text before them and start a new block. */
const blockTags = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'address',
  'hgroup',
  'center',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'hr',
  'details',
  'summary',
]);

const markTags: Readonly<Record<string, Exclude<InlineMarkKind, 'break' | 'link'>>> = {
  em: 'emphasis',
  i: 'emphasis',
  strong: 'strong',
  b: 'strong',
  code: 'code',
  kbd: 'code',
  samp: 'code',
  tt: 'code',
};

/** Structures nested deeper than this are read as the innermost one kept: articles nest a few levels at most. */
export const MAX_CONTAINER_DEPTH = 8;

/** Hidden from readers: the `hidden` attribute, `aria-hidden`, or an inline style that hides it. */
export function isHidden(element: DomElement): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/iu.test(style);
}

/** Attribute the HTML reader sets on an element it found to be a picture caption outside any `<figure>`. */
export const CAPTION_ATTRIBUTE = 'data-polybrief-caption';

/**
 * A table of data rather than one laying out the page: it has a caption, header cells or a header section, or
 * its cells hold short text (a paragraph or two, as Word writes cells) and no lists, headings or figures.
 */
function isDataTable(table: DomElement): boolean {
  const role = table.getAttribute('role');
  if (role === 'presentation' || role === 'none') return false;
  if (table.querySelector('table')) return false;
  if (table.querySelector('caption, thead, th')) return true;
  const cells = Array.from(table.querySelectorAll('td'));
  if (cells.length < 2) return false;
  return cells.every(
    (cell) =>
      !cell.querySelector('ul, ol, h1, h2, h3, h4, h5, h6, blockquote, figure') &&
      (cell.textContent ?? '').length <= 400,
  );
}

type Picture = { readonly url: string; readonly alt?: string };

/** An `<img>`'s picture, when it has a web address (lazy-loading pages put it in `data-src`). */
function pictureOf(img: DomElement, baseUrl: string | undefined): Picture | undefined {
  const url = webUrl(
    img.getAttribute('src') ?? img.getAttribute('data-src') ?? img.getAttribute('data-original'),
    baseUrl,
  );
  if (!url) return undefined;
  const alt = labelText(img.getAttribute('alt'));
  return { url, ...(alt ? { alt } : {}) };
}

/** The first picture inside `element` with a web address. */
function firstPicture(element: DomElement, baseUrl: string | undefined): Picture | undefined {
  for (const img of Array.from(element.querySelectorAll('img')).slice(0, 10)) {
    const picture = pictureOf(img, baseUrl);
    if (picture) return picture;
  }
  return undefined;
}

function columnsOf(table: DomElement): number {
  let columns = 0;
  for (const row of Array.from(table.querySelectorAll('tr')).slice(0, 1000)) {
    let count = 0;
    for (const cell of Array.from(row.children)) {
      if (cell.localName === 'td' || cell.localName === 'th') count += spanOf(cell);
    }
    columns = Math.max(columns, count);
  }
  return columns;
}

function spanOf(cell: DomElement): number {
  const span = Number(cell.getAttribute('colspan') ?? 1);
  return Number.isInteger(span) && span > 1 && span <= 100 ? span : 1;
}

export interface DomReadOptions {
  /** The address relative links and pictures resolve against; without it, relative ones are dropped. */
  readonly baseUrl?: string;
  /** Written first, as the headline block (a heading of level 1). */
  readonly headline?: string;
  /** Written after the headline, as the lead picture's caption (a caption block before the text). */
  readonly leadCaption?: string;
}

export interface DomBlocks {
  readonly text: string;
  readonly blocks: readonly Block[];
  /** Pictures found in the content (figures and loose `<img>`), in order, with their captions. */
  readonly images: readonly ArticleImage[];
}

type Frame =
  | { readonly type: 'node'; readonly node: DomNode }
  | { readonly type: 'close-mark' }
  | { readonly type: 'end-block' }
  | { readonly type: 'pop-container' }
  | { readonly type: 'end-heading' }
  | { readonly type: 'end-caption' }
  | { readonly type: 'end-figure'; readonly image: ArticleImage | undefined; readonly from: number };

/**
 * Reads the blocks of an HTML tree: paragraphs, sub-headings with their level, lists (nested), block quotes, data
 * tables cell by cell, figures with their captions, and inline marks (links to http, https and mailto addresses,
 * emphasis, strong, code, line breaks). Scripts, forms, embedded content and hidden elements are left out. The
 * walk keeps its own stack, so no nesting depth exhausts the call stack, and every node is visited once.
 */
export function readDomBlocks(root: DomElement, options: DomReadOptions = {}): DomBlocks {
  const writer = new BlockWriter();
  const containers: Container[] = [];
  const ids = new ContainerIds();
  const images: ArticleImage[] = [];
  const headingLevels: number[] = [];
  let captionDepth = 0;
  let column = 0;

  const kindNow = (): BlockKind => {
    if (headingLevels.length > 0) return 'heading';
    if (captionDepth > 0) return 'caption';
    switch (containers.at(-1)?.kind) {
      case 'cell':
        return 'table-cell';
      case 'item':
        return 'list-item';
      case 'quote':
        return 'quote';
      case 'figure':
        return 'caption';
      default:
        return 'paragraph';
    }
  };
  const endBlock = (): void => {
    const level = headingLevels.at(-1);
    writer.end(kindNow(), containers, level);
  };

  const stack: Frame[] = [];
  const pushChildren = (node: DomNode): void => {
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ type: 'node', node: children[i] as DomNode });
  };
  const openContainer = (container: Omit<Container, 'id'>): boolean => {
    if (containers.length >= MAX_CONTAINER_DEPTH) {
      stack.push({ type: 'end-block' });
      return false;
    }
    containers.push({ ...container, id: ids.next(container.kind) });
    stack.push({ type: 'pop-container' });
    return true;
  };

  if (options.headline) {
    writer.text(options.headline);
    writer.end('heading', [], 1);
  }
  if (options.leadCaption) {
    writer.text(options.leadCaption);
    writer.end('caption', []);
  }
  pushChildren(root);
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    switch (frame.type) {
      case 'close-mark':
        writer.close();
        continue;
      case 'end-block':
        endBlock();
        continue;
      case 'pop-container':
        endBlock();
        containers.pop();
        continue;
      case 'end-heading':
        endBlock();
        headingLevels.pop();
        continue;
      case 'end-caption':
        endBlock();
        captionDepth--;
        continue;
      case 'end-figure': {
        endBlock();
        const { image, from } = frame;
        if (image) {
          const captionText = writer
            .result()
            .blocks.slice(from)
            .filter((block) => block.kind === 'caption')
            .map((block) => writer.result().text.slice(block.start, block.end))
            .join(' ');
          const caption = labelText(captionText, 1_000);
          images.push({ ...image, ...(caption ? { caption } : {}) });
        }
        continue;
      }
    }
    const { node } = frame;
    if (isText(node)) {
      writer.text(node.textContent ?? '');
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.localName;
    if (skipped.has(tag) || isHidden(node)) continue;

    if (tag === 'br') {
      // Two line breaks in a row separate paragraphs, as pages without <p> write them.
      let next = node.nextSibling;
      while (next && isText(next) && (next.textContent ?? '').trim() === '') next = next.nextSibling;
      if (next && isElement(next) && next.localName === 'br') endBlock();
      else writer.lineBreak();
      continue;
    }
    if (tag === 'img') {
      if (!containers.some((container) => container.kind === 'figure')) {
        const image = pictureOf(node, options.baseUrl);
        if (image && !images.some((item) => item.url === image.url)) images.push(image);
      }
      continue;
    }
    if (tag === 'a') {
      const href = linkUrl(node.getAttribute('href'), options.baseUrl);
      writer.open('link', href);
      stack.push({ type: 'close-mark' });
      pushChildren(node);
      continue;
    }
    const mark = markTags[tag];
    if (mark) {
      writer.open(mark);
      stack.push({ type: 'close-mark' });
      pushChildren(node);
      continue;
    }
    if (!blockTags.has(tag) && !node.hasAttribute(CAPTION_ATTRIBUTE)) {
      pushChildren(node);
      continue;
    }

    endBlock();
    if (/^h[1-6]$/u.test(tag)) {
      headingLevels.push(Number(tag.slice(1)));
      stack.push({ type: 'end-heading' });
    } else if (tag === 'figcaption' || tag === 'caption') {
      captionDepth++;
      stack.push({ type: 'end-caption' });
    } else if (tag === 'blockquote') {
      openContainer({ kind: 'quote' });
    } else if (tag === 'ul' || tag === 'ol') {
      openContainer({ kind: 'list', ...(tag === 'ol' ? { ordered: true } : {}) });
    } else if (tag === 'li') {
      openContainer({ kind: 'item' });
    } else if (tag === 'table') {
      if (isDataTable(node)) {
        const columns = columnsOf(node);
        openContainer({ kind: 'table', ...(columns > 0 ? { columns } : {}) });
      } else stack.push({ type: 'end-block' });
    } else if (tag === 'tr' && containers.at(-1)?.kind === 'table') {
      const header =
        node.parentElement?.localName === 'thead' ||
        (node.children.length > 0 && Array.from(node.children).every((cell) => cell.localName === 'th'));
      column = 0;
      openContainer({ kind: 'row', ...(header ? { header: true } : {}) });
    } else if ((tag === 'td' || tag === 'th') && containers.at(-1)?.kind === 'row') {
      column += 1;
      const at = column;
      column += spanOf(node) - 1;
      openContainer({ kind: 'cell', column: at, ...(tag === 'th' ? { header: true } : {}) });
    } else if (tag === 'figure' || node.hasAttribute(CAPTION_ATTRIBUTE)) {
      const image = firstPicture(node, options.baseUrl);
      const opened = openContainer({ kind: 'figure', ...(image ? { image } : {}) });
      if (node.hasAttribute(CAPTION_ATTRIBUTE)) {
        captionDepth++;
        stack.push({ type: 'end-caption' });
      }
      if (opened) {
        // Runs after the container is popped: the figure's picture, with the caption read inside it.
        stack.splice(stack.length - (node.hasAttribute(CAPTION_ATTRIBUTE) ? 2 : 1), 0, {
          type: 'end-figure',
          image,
          from: writer.result().blocks.length,
        });
      }
    } else {
      stack.push({ type: 'end-block' });
    }
    pushChildren(node);
  }
  endBlock();
  const { text, blocks } = writer.result();
  return { text, blocks, images };
}
