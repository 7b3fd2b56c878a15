/**
 * Encodes a key the way S3 writes it into event notifications and into listings asked for with
 * `encoding-type=url` (form encoding): spaces become `+`, `/` and `A-Z a-z 0-9 . - _ *` stay, everything else
 * is percent-encoded UTF-8 (so `+` is `%2B`). A handler decodes it with
 * `decodeURIComponent(key.replaceAll('+', ' '))`; the AWS CLI with `unquote_plus`.
 */
export function encodeS3EventKey(key: string): string {
  let encoded = '';
  for (const char of key) {
    if (/^[A-Za-z0-9.\-_*/]$/.test(char)) encoded += char;
    else if (char === ' ') encoded += '+';
    else {
      for (const byte of Buffer.from(char, 'utf8'))
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return encoded;
}
