import { type DefaultTreeAdapterMap, parse } from 'parse5';
import type { Span } from '../../document.js';
import { type BlockKind, type ExtractedText, TextBuilder } from './blocks.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Never article text: code, embedded content, page furniture. */
const dropped = new Set([
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
  'picture',
  'img',
  'head',
  'dialog',
  'menu',
  'pre',
  'code',
  'table',
]);

const blockKinds: Readonly<Record<string, BlockKind>> = {
  p: 'paragraph',
  div: 'paragraph',
  section: 'paragraph',
  article: 'paragraph',
  main: 'paragraph',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  li: 'list-item',
  dd: 'paragraph',
  dt: 'paragraph',
  blockquote: 'quote',
  figcaption: 'caption',
  address: 'paragraph',
  header: 'paragraph',
  figure: 'paragraph',
  ul: 'paragraph',
  ol: 'paragraph',
  dl: 'paragraph',
  br: 'paragraph',
};

const isElement = (node: Node): node is Element => 'tagName' in node;

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function isHidden(element: Element): boolean {
  return attribute(element, 'hidden') !== undefined || attribute(element, 'aria-hidden') === 'true';
}

/** Children of a node, for walks that keep their own stack (no recursion: nesting depth is the page's choice). */
function childrenOf(node: Node): readonly Node[] {
  return 'childNodes' in node ? node.childNodes : [];
}

/** The first element in document order that passes `test`. */
function findFirst(root: Node, test: (element: Element) => boolean): Element | undefined {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isElement(node) && test(node)) return node;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
  return undefined;
}

function isSkipped(element: Element): boolean {
  return dropped.has(element.tagName) || isHidden(element);
}

function textOf(root: Node): string {
  let text = '';
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.nodeName === '#text' && 'value' in node) text += node.value;
    else if (isElement(node) && isSkipped(node)) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
  return text;
}

class BlockCollector {
  readonly builder = new TextBuilder();
  #buffer = '';
  #kind: BlockKind = 'paragraph';
  #level: number | undefined;

  flush(): void {
    this.builder.add(this.#kind, this.#buffer, this.#level);
    this.#buffer = '';
  }

  /** Collects the blocks of `root`'s content, in document order. */
  visit(root: Node, outsideArticle: boolean): void {
    // A frame is a node to read in the block kind and level around it, or `undefined`: the end of a block.
    type Frame =
      | { readonly node: Node; readonly kind: BlockKind; readonly level: number | undefined }
      | undefined;
    const stack: Frame[] = [];
    const pushChildren = (node: Node, kind: BlockKind, level: number | undefined): void => {
      const children = childrenOf(node);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Node, kind, level });
    };
    pushChildren(root, 'paragraph', undefined);
    while (stack.length > 0) {
      const frame = stack.pop();
      if (frame === undefined) {
        this.flush();
        continue;
      }
      const { node, kind, level } = frame;
      if (node.nodeName === '#text' && 'value' in node) {
        this.#buffer += node.value;
        this.#kind = kind;
        this.#level = level;
        continue;
      }
      if (!isElement(node)) continue;
      const tag = node.tagName;
      if (isSkipped(node) || (outsideArticle && tag === 'header')) continue;
      const blockKind = blockKinds[tag];
      if (blockKind === undefined) {
        pushChildren(node, kind, level);
        continue;
      }
      this.flush();
      stack.push(undefined);
      const innerKind = kind === 'quote' || kind === 'caption' ? kind : blockKind;
      pushChildren(node, innerKind, blockKind === 'heading' ? Number(tag.slice(1)) : level);
    }
  }
}

/**
 * Reads HTML with a standards-compliant parser (parse5). The article is taken from `<article>`, else `<main>`,
 * else `<body>`; scripts, styles, navigation and other page furniture are dropped. Offsets index the extracted
 * text, whose blocks are separated by blank lines. Every walk of the tree keeps its own stack, so no nesting depth
 * can exhaust the call stack.
 */
export function readHtml(source: string): ExtractedText {
  const document = parse(source);
  const root =
    findFirst(document, (element) => element.tagName === 'article') ??
    findFirst(document, (element) => element.tagName === 'main' || attribute(element, 'role') === 'main') ??
    findFirst(document, (element) => element.tagName === 'body') ??
    document;
  const collector = new BlockCollector();
  const hasHeading = findFirst(root, (element) => /^h[1-6]$/u.test(element.tagName)) !== undefined;
  let title: Span | undefined;
  if (!hasHeading) {
    const titleElement = findFirst(document, (element) => element.tagName === 'title');
    title = titleElement ? collector.builder.add('heading', textOf(titleElement), 1) : undefined;
  }
  collector.visit(root, !isElement(root) || root.tagName === 'body');
  collector.flush();
  return collector.builder.result(title);
}
