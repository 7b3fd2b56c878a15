const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Code points HTML forbids in a document (controls other than whitespace, noncharacters) and lone surrogates,
 * which cannot be encoded: an upload or a translation may carry them, a page must not.
 */
const forbidden = /(?![\t\n\f\r])[\p{Cc}\p{Noncharacter_Code_Point}]|\p{Cs}/gu;
const anyForbidden = new RegExp(forbidden.source, 'u');

// Each pattern is tested before it replaces: most texts have nothing to replace, and a page escapes every
// sentence, name and attribute one by one, where a test costs a fraction of a replace.

/** Text that can be written into any HTML document: forbidden code points become U+FFFD. */
export function documentSafe(text: string): string {
  return anyForbidden.test(text) ? text.replace(forbidden, '\uFFFD') : text;
}

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  const safe = documentSafe(text);
  return /[&<>"']/u.test(safe) ? safe.replace(/[&<>"']/gu, (char) => entities[char] ?? char) : safe;
}

/**
 * JSON safe inside a `<script type="application/ld+json">` data block: nothing can close the element, no
 * character HTML forbids gets in, and JavaScript line ends are escaped.
 */
export function jsonForScriptBlock(value: unknown): string {
  return documentSafe(JSON.stringify(value)).replace(
    /[<>&\u2028\u2029]/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
