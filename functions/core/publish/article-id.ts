import { createHash } from 'node:crypto';

/**
 * The article id for a key below the incoming prefix: a lower-case ASCII slug of the path without its extension
 * (`incoming/World/Wang Yi visit.txt` → `world-wang-yi-visit-…`). When the slug loses anything (case, spaces,
 * accents, other characters) a short hash of the whole key is appended, so two different keys never share an id
 * and the same key always gets the same one.
 */
export function articleIdFor(key: string, incomingPrefix = 'incoming/'): string {
  const relative = key.startsWith(incomingPrefix) ? key.slice(incomingPrefix.length) : key;
  const withoutExtension = relative.replace(/\.[A-Za-z0-9]{1,10}$/u, '');
  const slug = withoutExtension
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 80)
    .replace(/-+$/u, '');
  const exact = slug !== '' && slug === withoutExtension && /\.(?:txt|md|html|docx)$/u.test(relative);
  if (exact) return slug;
  const hash = createHash('sha256').update(relative).digest('hex').slice(0, 8);
  return slug === '' ? `article-${hash}` : `${slug}-${hash}`;
}
