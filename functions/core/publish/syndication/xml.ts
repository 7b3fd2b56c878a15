/**
 * The little XML the feeds and the sitemap need: text escaped for XML 1.0, and a namespace-aware reader that turns
 * a document into a tree (saxes, a strict, non-validating parser that never fetches or expands external entities).
 */
import { SaxesParser } from 'saxes';

/** Control characters but tab, line feed and carriage return, U+FFFE, U+FFFF and lone surrogates: XML 1.0 forbids or discourages them. */
const notXml = /(?![\t\n\r])\p{Cc}|[\uFFFE\uFFFF]|\p{Cs}/gu;

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text for XML content and quoted attribute values; what XML cannot carry becomes U+FFFD. */
export function escapeXml(text: string): string {
  return text.replace(notXml, '\uFFFD').replace(/[&<>"']/gu, (char) => entities[char] ?? char);
}

export interface XmlElement {
  /** The local name. */
  readonly name: string;
  /** The namespace URI (`''` for none). */
  readonly uri: string;
  /** Attributes without a namespace, by local name; namespaced ones by `{uri}local`. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly (XmlElement | string)[];
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

interface Building {
  readonly name: string;
  readonly uri: string;
  readonly attributes: Map<string, string>;
  readonly children: (XmlElement | string)[];
}

/** The document's root element; throws `XmlSyntaxError` for anything that is not well-formed XML. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Building[] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes = new Map<string, string>();
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      const name = attribute.uri ? `{${attribute.uri}}${attribute.local}` : attribute.local;
      attributes.set(name, attribute.value);
    }
    stack.push({ name: tag.local, uri: tag.uri, attributes, children: [] });
  });
  parser.on('text', (content) => {
    stack.at(-1)?.children.push(content);
  });
  parser.on('cdata', (content) => {
    stack.at(-1)?.children.push(content);
  });
  parser.on('closetag', () => {
    const done = stack.pop() as Building;
    const parent = stack.at(-1);
    if (parent) parent.children.push(done);
    else root = done;
  });
  parser.write(text).close();
  if (failure) throw new XmlSyntaxError(failure.message);
  if (!root) throw new XmlSyntaxError('no root element');
  return root;
}

/** The child elements of `element` with this namespace and local name. */
export function childElements(element: XmlElement, uri: string, name: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && child.uri === uri && child.name === name,
  );
}

/** The first such child element, if any. */
export function childElement(element: XmlElement, uri: string, name: string): XmlElement | undefined {
  return childElements(element, uri, name)[0];
}

/** The text content of an element (its text children, joined). */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}
