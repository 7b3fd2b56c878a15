import { safeText } from '../../safe-text.js';

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Each pattern is tested before it replaces: most texts have nothing to replace, and a page escapes every
// sentence, name and attribute one by one, where a test costs a fraction of a replace.

/** Escapes text for HTML content and quoted attribute values, without a character no page may hold (`safeText`). */
export function escapeHtml(text: string): string {
  const safe = safeText(text);
  return /[&<>"']/u.test(safe) ? safe.replace(/[&<>"']/gu, (char) => entities[char] ?? char) : safe;
}

/**
 * JSON safe inside a `<script type="application/ld+json">` data block: nothing can close the element, no
 * character HTML forbids gets in, and JavaScript line ends are escaped.
 */
export function jsonForScriptBlock(value: unknown): string {
  return safeText(JSON.stringify(value)).replace(
    /[<>&\u2028\u2029]/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
