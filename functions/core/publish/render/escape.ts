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

/** Text that can be written into any HTML document: forbidden code points become U+FFFD. */
export function documentSafe(text: string): string {
  return text.replace(forbidden, '\uFFFD');
}

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return documentSafe(text).replace(/[&<>"']/gu, (char) => entities[char] ?? char);
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
