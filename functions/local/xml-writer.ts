/** The S3 XML namespace every response document declares. */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The `<Owner>` of everything here: there is one account. */
export const OWNER_XML = '<Owner><ID>polybrief-local</ID><DisplayName>polybrief-local</DisplayName></Owner>';

export function xmlDocument(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

export function xmlTag(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

/**
 * Escapes text for an element. Carriage returns and the other control characters are written as character
 * references, as S3 does, so a parser neither drops nor normalises them.
 */
export function escapeXml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped here.
  return text.replace(/[&<>"'\u0000-\u0008\u000b-\u001f\u007f]/g, (char) => {
    switch (char) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#x${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;
    }
  });
}
