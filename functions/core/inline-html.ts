/**
 * The inline HTML a tagged segment travels in to a translation engine and back: text with `&`, `<`, `>` escaped,
 * and inline elements that each carry an `id` (`<em id=2>`, `<span id=4 translate=no>`, `<br id=5>`). Amazon
 * Translate reads it as it is; the Apertium adapter turns it into word-bound blanks. The core builds it and
 * reads the answers (translate/inline-markup.ts); this module only knows its syntax, leniently, because answers
 * come from an engine and may be damaged.
 */

interface ElementToken {
  readonly name: string;
  readonly id: number | undefined;
  /** `translate=no`: the content is to come back exactly as sent. */
  readonly keep: boolean;
  readonly raw: string;
}

export type InlineToken =
  | { readonly type: 'text'; readonly text: string }
  | ({ readonly type: 'open' } & ElementToken)
  | ({ readonly type: 'void' } & ElementToken)
  | { readonly type: 'close'; readonly name: string; readonly raw: string };

const textEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text as the content of an inline element. */
export function escapeInlineText(text: string): string {
  // Tested first: most texts have nothing to escape, and a test costs a fraction of a replace with a callback.
  return /[&<>]/u.test(text) ? text.replace(/[&<>]/gu, (char) => textEscapes[char] ?? char) : text;
}

/** The character references every HTML reader knows by name: XML's five and the no-break space. */
export const BASIC_REFERENCE_NAMES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
};

/**
 * Character references as the text they stand for: numeric ones, and the names in `names`; anything unknown (or
 * out of Unicode's range) is kept as written.
 */
export function decodeCharacterReferences(
  text: string,
  names: Readonly<Record<string, string>> = BASIC_REFERENCE_NAMES,
): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/gu,
    (whole, dec, hex, name) => {
      if (name !== undefined) return names[name as string] ?? whole;
      const code = Number.parseInt((dec ?? hex) as string, dec === undefined ? 16 : 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    },
  );
}

const VOID = new Set(['br', 'hr', 'img', 'wbr']);
const TAG =
  /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/gu;
const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gu;

function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    attributes.set((match[1] as string).toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** The tokens of inline HTML, in order. Anything that is not a well-formed tag is text (a lone `<` included). */
export function tokenizeInlineHtml(html: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  let last = 0;
  const text = (upTo: number) => {
    if (upTo > last) tokens.push({ type: 'text', text: decodeCharacterReferences(html.slice(last, upTo)) });
  };
  for (const match of html.matchAll(TAG)) {
    const index = match.index ?? 0;
    text(index);
    last = index + match[0].length;
    const name = (match[2] as string).toLowerCase();
    if (match[1] === '/') {
      tokens.push({ type: 'close', name, raw: match[0] });
      continue;
    }
    const attributes = attributesOf(match[3] ?? '');
    const idText = attributes.get('id');
    const id = idText !== undefined && /^\d{1,6}$/u.test(idText) ? Number(idText) : undefined;
    const keep = attributes.get('translate')?.toLowerCase() === 'no';
    tokens.push({
      type: match[4] === '/' || VOID.has(name) ? 'void' : 'open',
      name,
      id,
      keep,
      raw: match[0],
    });
  }
  text(html.length);
  return tokens;
}

/** The text of inline HTML: tags dropped, entities decoded. */
export function inlineHtmlText(html: string): string {
  return tokenizeInlineHtml(html)
    .map((token) => (token.type === 'text' ? token.text : ''))
    .join('');
}
