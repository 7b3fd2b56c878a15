import { parseHTML } from 'linkedom';
import { type DefaultTreeAdapterMap, defaultTreeAdapter, parse, serialize } from 'parse5';

/**
 * The part of the DOM the HTML reader uses, typed here because the project compiles without the DOM library:
 * linkedom (a light, standards-following DOM over htmlparser2) implements it, and Readability reads it.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly parentNode: DomNode | null;
  readonly parentElement: DomElement | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
}

export interface DomElement extends DomNode {
  /** Lower-case tag name. */
  readonly localName: string;
  readonly children: ArrayLike<DomElement>;
  readonly className: string;
  readonly id: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  remove(): void;
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  readonly head: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

export function isText(node: DomNode): boolean {
  return node.nodeType === TEXT_NODE;
}

/** Elements HTML never nests anything in: they open no level. */
const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

const selfClosing = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);

/**
 * An upper bound on how deep the page's elements nest as the fast parser reads them, or `limit + 1` as soon as it
 * goes over `limit`: an open tag goes on the stack, a close tag pops the stack down to its element (when it is
 * open), as htmlparser2 does; the elements it also closes on its own (an open `<p>` at the next `<p>`) stay on,
 * so the bound errs high. Raw text (scripts, styles) and comments are skipped. One pass over the source, at most
 * `limit` steps a tag.
 */
export function nestingBound(source: string, limit: number): number {
  const stack: string[] = [];
  let deepest = 0;
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>/gu;
  const lower = source.toLowerCase();
  for (let match = tag.exec(source); match; match = tag.exec(source)) {
    const name = match[2]?.toLowerCase();
    if (!name || voidElements.has(name)) continue;
    if (match[1] === '/') {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    if (name === 'script' || name === 'style' || name === 'textarea' || name === 'title') {
      const end = lower.indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = end < 0 ? source.length : end;
      continue;
    }
    // The commonest element closed by its own kind: an unclosed `<p>` or `<li>` before the next one.
    if (selfClosing.has(name) && stack.at(-1) === name) stack.pop();
    stack.push(name);
    if (stack.length > deepest) {
      deepest = stack.length;
      if (deepest > limit) return deepest;
    }
  }
  return deepest;
}

/**
 * Above this nesting the fast parser (linkedom's htmlparser2, whose stack of open elements costs its depth at
 * every tag) would slow down with the depth, so the page is parsed by parse5 instead. Real pages nest at most
 * about 50 levels (the development pages: 50).
 */
export const FAST_PARSE_MAX_NESTING = 128;

/**
 * Parses a page into linkedom, a light DOM the extractor walks, bounded in depth (see `MAX_DOM_DEPTH`). Most pages
 * are read by linkedom's own parser; a page nested beyond `FAST_PARSE_MAX_NESTING` is read by parse5 (the HTML
 * standard's algorithm, with a stack of its own and linear in the page), bounded, written out and read into
 * linkedom. A fragment (a Word file's HTML, an upload of body content only) gets its `<html>` and `<body>` first.
 * No walk recurses, so no depth exhausts the call stack.
 */
export function parseDocument(source: string): DomDocument {
  const whole = /<(?:html|body|head)[\s>]/iu.test(source);
  const html = whole ? source : `<!DOCTYPE html><html><head></head><body>${source}</body></html>`;
  if (nestingBound(html, FAST_PARSE_MAX_NESTING) <= FAST_PARSE_MAX_NESTING) {
    const document = parseHTML(html).document as unknown as DomDocument;
    boundDomDepth(document, MAX_DOM_DEPTH);
    return document;
  }
  const tree = parse(html);
  boundTreeDepth(tree, MAX_DOM_DEPTH);
  return parseHTML(serialize(tree)).document as unknown as DomDocument;
}

/** Text of a DOM subtree (scripts and styles left out), gathered with a stack of its own. */
function domText(root: DomNode): string {
  const parts: string[] = [];
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as DomNode;
    if (isText(node)) {
      parts.push(node.textContent ?? '');
      continue;
    }
    if (isElement(node) && /^(?:script|style|template|noscript)$/u.test(node.localName)) continue;
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as DomNode);
  }
  return parts.join('');
}

/** `boundTreeDepth` for a linkedom document. */
function boundDomDepth(document: DomDocument, maxDepth: number): void {
  const root = document.documentElement;
  if (!root) return;
  const stack: { readonly element: DomElement; readonly depth: number }[] = [{ element: root, depth: 0 }];
  while (stack.length > 0) {
    const { element, depth } = stack.pop() as { element: DomElement; depth: number };
    const children = element.children;
    if (depth >= maxDepth && children.length > 0) {
      (element as DomElement & { textContent: string }).textContent = domText(element);
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ element: children[i] as DomElement, depth: depth + 1 });
  }
}

type TreeNode = DefaultTreeAdapterMap['node'];
type TreeParent = DefaultTreeAdapterMap['parentNode'];

function childNodesOf(node: TreeNode): TreeNode[] {
  return 'childNodes' in node ? node.childNodes : [];
}

/** Text of a parsed subtree (scripts and styles left out), gathered with a stack of its own. */
function treeText(root: TreeNode): string {
  const parts: string[] = [];
  const stack: TreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TreeNode;
    if (node.nodeName === '#text' && 'value' in node) {
      parts.push(node.value);
      continue;
    }
    if ('tagName' in node && /^(?:script|style|template|noscript)$/u.test(node.tagName)) continue;
    const children = childNodesOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as TreeNode);
  }
  return parts.join('');
}

/**
 * Bounds a parsed tree's depth in place: an element at `maxDepth` keeps its text and loses the elements inside
 * it. Every node is visited once, each replaced subtree read once. Returns how many subtrees were replaced.
 */
export function boundTreeDepth(root: TreeParent, maxDepth: number): number {
  let replaced = 0;
  const stack: { readonly node: TreeNode; readonly depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: TreeNode; depth: number };
    const children = childNodesOf(node);
    if (depth >= maxDepth && children.some((child) => 'tagName' in child)) {
      const text = treeText(node);
      children.length = 0;
      if (text !== '') defaultTreeAdapter.insertText(node as DefaultTreeAdapterMap['element'], text);
      replaced++;
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ node: children[i] as TreeNode, depth: depth + 1 });
  }
  return replaced;
}

/** Text of an element with its whitespace collapsed, as a reader sees it. */
export function visibleText(node: DomNode): string {
  return (node.textContent ?? '').replace(/\s+/gu, ' ').trim();
}

/** The element's class and id, lower-case, for the vocabulary checks that look at both. */
export function classAndId(element: DomElement): string {
  return `${element.className ?? ''} ${element.id ?? ''}`.toLowerCase();
}

/**
 * Deeper than this, a page's elements are read as plain text. Real pages nest about 10 to 50 levels (the
 * development pages: at most 50); a hostile page nests thousands, and tree algorithms that look at ancestors or
 * subtrees (the article extractor's among them) then cost the depth times the size.
 */
export const MAX_DOM_DEPTH = 64;
