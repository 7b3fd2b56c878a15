import { type DefaultTreeAdapterMap, parse } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];

/**
 * Everything in a page that could execute or load something, found by parsing it as a browser would: script
 * elements other than JSON-LD data blocks, event-handler attributes, `javascript:` URLs, embedded content and
 * external resources. An empty list means the page is inert.
 */
export function executableContent(html: string): string[] {
  const problems: string[] = [];
  const visit = (node: Node): void => {
    if ('tagName' in node) {
      const attrs = new Map(node.attrs.map((attr) => [attr.name.toLowerCase(), attr.value]));
      if (node.tagName === 'script' && attrs.get('type') !== 'application/ld+json')
        problems.push('script element');
      if (
        ['iframe', 'object', 'embed', 'frame', 'img', 'video', 'audio', 'form', 'base'].includes(node.tagName)
      ) {
        problems.push(`${node.tagName} element`);
      }
      for (const [name, value] of attrs) {
        if (name.startsWith('on')) problems.push(`${name} attribute on ${node.tagName}`);
        if (/^\s*(?:javascript|vbscript|data):/iu.test(value))
          problems.push(`${name}="${value}" on ${node.tagName}`);
        if (
          ['src', 'href', 'action', 'srcset', 'poster'].includes(name) &&
          /^\s*(?:https?:)?\/\//iu.test(value)
        ) {
          problems.push(`external ${name} on ${node.tagName}`);
        }
      }
    }
    const children = 'childNodes' in node ? node.childNodes : [];
    for (const child of children) visit(child);
    if ('content' in node && node.content) visit(node.content as Node);
  };
  visit(parse(html));
  return problems;
}
