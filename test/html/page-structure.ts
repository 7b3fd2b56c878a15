import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { contentSecurityPolicy, pageStyle } from '../../functions/core/publish/render/page-style.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Every element a page may contain, with the attributes it may carry. Anything else is a problem. */
const allowed: Readonly<Record<string, readonly string[]>> = {
  html: ['lang', 'dir'],
  head: [],
  meta: ['charset', 'http-equiv', 'content', 'name'],
  title: [],
  link: ['rel', 'hreflang', 'href', 'type'],
  style: [],
  script: ['type'],
  body: [],
  nav: ['aria-label'],
  main: [],
  article: [],
  header: [],
  footer: [],
  section: ['class', 'aria-label', 'aria-labelledby'],
  aside: ['class', 'aria-labelledby'],
  h1: [],
  h2: ['id'],
  p: ['id', 'class'],
  ul: ['class'],
  li: ['id', 'lang', 'dir'],
  a: ['href', 'hreflang', 'lang', 'dir', 'aria-current', 'type', 'class'],
  time: ['datetime'],
  dl: [],
  dt: [],
  dd: [],
  span: ['class', 'lang'],
  bdi: [],
  q: [],
  blockquote: ['id'],
};

/** Links stay inside the article's folder: `es.html`, `index.html`, `ar.json`. */
const localFile = /^[A-Za-z0-9-]+\.(?:html|json)$/u;

function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(text).join('') : '';
}

/**
 * What is wrong with a page's structure: an element or attribute outside the allow-list, a link leaving the
 * article's folder, a policy or stylesheet other than the pipeline's own, a data block that is not JSON. With
 * `executableContent` (test/lib/html-safety.ts) this proves the page can run nothing and load nothing.
 */
export function pageProblems(html: string): string[] {
  const problems: string[] = [];
  let policies = 0;
  let seenResource = false;
  const visit = (node: Node): void => {
    if ('tagName' in node) {
      const element = node as Element;
      const names = allowed[element.tagName];
      if (!names) problems.push(`<${element.tagName}> is not allowed`);
      const attrs = new Map(element.attrs.map((attr) => [attr.name, attr.value]));
      for (const name of attrs.keys()) {
        if (names && !names.includes(name)) problems.push(`${name} on <${element.tagName}> is not allowed`);
      }
      const href = attrs.get('href');
      if (href !== undefined && !localFile.test(href))
        problems.push(`href="${href}" leaves the article folder`);
      if (element.tagName === 'link' && !['alternate', 'canonical'].includes(attrs.get('rel') ?? ''))
        problems.push('a <link> that is neither an alternate nor the canonical');
      if (element.tagName === 'meta' && attrs.has('http-equiv')) {
        policies++;
        if (
          attrs.get('http-equiv') !== 'Content-Security-Policy' ||
          attrs.get('content') !== contentSecurityPolicy
        ) {
          problems.push('a <meta http-equiv> other than the Content-Security-Policy');
        }
        if (seenResource) problems.push('the Content-Security-Policy comes after content it should govern');
      }
      if (['style', 'script', 'link'].includes(element.tagName)) seenResource = true;
      if (element.tagName === 'style' && text(element) !== pageStyle)
        problems.push('a stylesheet other than the page style');
      if (element.tagName === 'script') {
        if (attrs.get('type') !== 'application/ld+json')
          problems.push('a script that is not a JSON-LD data block');
        try {
          JSON.parse(text(element));
        } catch {
          problems.push('a JSON-LD block that is not JSON');
        }
      }
    }
    for (const child of 'childNodes' in node ? node.childNodes : []) visit(child);
    if ('content' in node && node.content) visit(node.content as Node);
  };
  visit(parse(html));
  if (policies !== 1) problems.push(`${policies} Content-Security-Policy declarations`);
  return problems;
}

/** The text of the first element named `tagName`, as a browser would show it. */
export function textOf(html: string, tagName: string): string | undefined {
  let found: string | undefined;
  const visit = (node: Node): void => {
    if (found !== undefined) return;
    if ('tagName' in node && node.tagName === tagName) {
      found = text(node);
      return;
    }
    for (const child of 'childNodes' in node ? node.childNodes : []) visit(child);
  };
  visit(parse(html));
  return found;
}
