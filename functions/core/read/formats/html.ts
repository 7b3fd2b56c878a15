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

function findFirst(node: Node, test: (element: Element) => boolean): Element | undefined {
  if (isElement(node) && test(node)) return node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) {
    const found = findFirst(child, test);
    if (found) return found;
  }
  return undefined;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  if (isElement(node) && (dropped.has(node.tagName) || isHidden(node))) return '';
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
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

  visit(node: Node, kind: BlockKind, level: number | undefined, outsideArticle: boolean): void {
    if (node.nodeName === '#text' && 'value' in node) {
      this.#buffer += node.value;
      this.#kind = kind;
      this.#level = level;
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName;
    if (dropped.has(tag) || isHidden(node) || (outsideArticle && tag === 'header')) return;
    const blockKind = blockKinds[tag];
    if (blockKind === undefined) {
      for (const child of node.childNodes) this.visit(child, kind, level, outsideArticle);
      return;
    }
    this.flush();
    const innerKind = kind === 'quote' || kind === 'caption' ? kind : blockKind;
    const innerLevel = blockKind === 'heading' ? Number(tag.slice(1)) : level;
    for (const child of node.childNodes) this.visit(child, innerKind, innerLevel, outsideArticle);
    this.flush();
  }
}

/**
 * Reads HTML with a standards-compliant parser (parse5). The article is taken from `<article>`, else `<main>`,
 * else `<body>`; scripts, styles, navigation and other page furniture are dropped. Offsets index the extracted
 * text, whose blocks are separated by blank lines.
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
  const outsideArticle = !isElement(root) || root.tagName === 'body';
  for (const child of 'childNodes' in root ? root.childNodes : [])
    collector.visit(child, 'paragraph', undefined, outsideArticle);
  collector.flush();
  return collector.builder.result(title);
}
