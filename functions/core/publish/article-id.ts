import { sha256Hex } from '../hashing.js';
import { supportedExtensions } from '../read/parse-article.js';

/** Hex digits of the key's SHA-256 in an id that is not the key's own name: 128 bits, out of reach of a collision. */
export const ID_HASH_DIGITS = 32;
const MAX_SLUG_LENGTH = 80;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const HASH_LIKE = new RegExp(`^[0-9a-f]{${ID_HASH_DIGITS}}$`, 'u');
/** The extension whose files keep their bare name as id. */
const PLAIN_EXTENSION = 'txt';

/**
 * The article id for a key below the incoming prefix. Two different keys never share an id, and the same key
 * always gets the same one:
 *
 * - a key whose name is already a slug (lower-case a–z and 0–9, single hyphens) keeps it: `harbour-vote.txt` →
 *   `harbour-vote`, and another extension is added as a last word: `harbour-vote.md` → `harbour-vote-md`,
 *   `harbour-vote.html` → `harbour-vote-html`;
 * - any other key (capitals, spaces, folders, other scripts, no extension, or a name whose last word is an
 *   extension or looks like a hash) becomes its slug, a hyphen and the first 32 hex digits of the SHA-256 of the
 *   key below the prefix: `World/Wang Yi visit.txt` → `world-wang-yi-visit-<32 hex>`.
 *
 * The forms cannot meet: the last word of an id says which it is (32 hex digits: hashed; an extension: a named
 * file of that type; anything else: a named `.txt`), and a named file's own last word is never one of those.
 */
export function articleIdFor(key: string, incomingPrefix = 'incoming/'): string {
  const relative = key.startsWith(incomingPrefix) ? key.slice(incomingPrefix.length) : key;
  return namedId(relative) ?? hashedId(relative);
}

/** The id of a file whose name is a slug already, or `undefined`. */
function namedId(relative: string): string | undefined {
  const dot = relative.lastIndexOf('.');
  const stem = relative.slice(0, dot);
  const extension = relative.slice(dot + 1);
  if (dot <= 0 || !supportedExtensions.includes(extension)) return undefined;
  if (stem.length > MAX_SLUG_LENGTH || !SLUG.test(stem)) return undefined;
  const lastWord = stem.slice(stem.lastIndexOf('-') + 1);
  if (supportedExtensions.includes(lastWord) || HASH_LIKE.test(lastWord)) return undefined;
  return extension === PLAIN_EXTENSION ? stem : `${stem}-${extension}`;
}

function hashedId(relative: string): string {
  const slug = relative
    .replace(/\.[A-Za-z0-9]{1,10}$/u, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/u, '');
  const hash = sha256Hex(relative).slice(0, ID_HASH_DIGITS);
  return slug === '' ? `article-${hash}` : `${slug}-${hash}`;
}
