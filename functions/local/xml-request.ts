/**
 * Reads the XML documents S3 requests carry (CompleteMultipartUpload, Delete). One pass over a body already
 * bounded in size, nesting at most 16 deep; no DTD, no entity but XML's five and character references, so no
 * document makes the work grow faster than its length. Anything else is S3's 400 MalformedXML.
 */
import { S3Error } from './s3-errors.js';

export interface XmlElement {
  /** Local name (namespace prefix dropped). */
  readonly name: string;
  readonly children: readonly XmlElement[];
  /** The element's own text (entities decoded), its children's left out. */
  readonly text: string;
}

const MAX_DEPTH = 16;
const NAME = /^[A-Za-z_][\w.:-]*$/;

interface OpenElement {
  readonly qualifiedName: string;
  readonly children: XmlElement[];
  readonly text: string[];
}

export function parseXmlBody(bytes: Buffer): XmlElement {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw malformed();
  }
  return parseXml(text);
}

export function parseXml(text: string): XmlElement {
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end === -1) throw malformed();
    i = end + 2;
  }
  const close = (open: OpenElement) => {
    const element: XmlElement = {
      name: open.qualifiedName.slice(open.qualifiedName.indexOf(':') + 1),
      children: open.children,
      text: open.text.join(''),
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root === undefined) root = element;
    else throw malformed();
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? text.length : lt;
    if (textEnd > i) {
      const chunk = text.slice(i, textEnd);
      const parent = stack.at(-1);
      if (parent) parent.text.push(decodeEntities(chunk));
      else if (chunk.trim() !== '') throw malformed();
    }
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) throw malformed();
      i = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      const parent = stack.at(-1);
      if (end === -1 || !parent) throw malformed();
      parent.text.push(text.slice(lt + 9, end));
      i = end + 3;
      continue;
    }
    // A DOCTYPE (and with it any entity of its own) or a processing instruction: not in S3's schemas.
    if (text.startsWith('<!', lt) || text.startsWith('<?', lt)) throw malformed();
    const gt = text.indexOf('>', lt);
    if (gt === -1) throw malformed();
    const tag = text.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.qualifiedName !== tag.slice(1).trim()) throw malformed();
      close(open);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const inner = selfClosing ? tag.slice(0, -1) : tag;
    const space = inner.search(/\s/);
    const qualifiedName = space === -1 ? inner : inner.slice(0, space);
    if (!NAME.test(qualifiedName) || inner.includes('<')) throw malformed();
    if (root !== undefined && stack.length === 0) throw malformed();
    if (stack.length >= MAX_DEPTH) throw malformed();
    const open: OpenElement = { qualifiedName, children: [], text: [] };
    if (selfClosing) close(open);
    else stack.push(open);
  }
  if (stack.length > 0 || root === undefined) throw malformed();
  return root;
}

/** The children named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The text of the one child named `name`, or undefined; two of them is malformed. */
export function childText(element: XmlElement, name: string): string | undefined {
  const found = childrenNamed(element, name);
  if (found.length > 1) throw malformed();
  return found[0]?.text;
}

export function malformed(): S3Error {
  return new S3Error('MalformedXML');
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(chunk: string): string {
  if (!chunk.includes('&')) return chunk;
  let out = '';
  let i = 0;
  while (i < chunk.length) {
    const amp = chunk.indexOf('&', i);
    if (amp === -1) {
      out += chunk.slice(i);
      break;
    }
    out += chunk.slice(i, amp);
    const semicolon = chunk.indexOf(';', amp);
    if (semicolon === -1 || semicolon - amp > 10) throw malformed();
    const entity = chunk.slice(amp + 1, semicolon);
    out += entity.startsWith('#') ? characterReference(entity) : (NAMED[entity] ?? failMalformed());
    i = semicolon + 1;
  }
  return out;
}

function characterReference(entity: string): string {
  const code = /^#x[0-9a-fA-F]{1,6}$/.test(entity)
    ? Number.parseInt(entity.slice(2), 16)
    : /^#\d{1,7}$/.test(entity)
      ? Number(entity.slice(1))
      : Number.NaN;
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  // S3 writes other control characters of keys as references too; reading them back keeps such keys usable.
  const control = code >= 0x1 && code < 0x20;
  if (!allowed && !control) throw malformed();
  return String.fromCodePoint(code);
}

function failMalformed(): never {
  throw malformed();
}
