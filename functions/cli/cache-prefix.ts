import { defaultPrefixes } from '../core/settings.js';
import { UsageError } from './usage-error.js';

/**
 * The translation memory's prefix in the local bucket: a relative folder of its own, never one the pipeline reads
 * articles from or publishes to (an entry under `incoming/` would be taken for an upload).
 */
export function checkCachePrefix(raw: string): string {
  const prefix = raw.endsWith('/') ? raw : `${raw}/`;
  if (!/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*\/$/u.test(prefix) || prefix.split('/').includes('..'))
    throw new UsageError(`--cache-prefix must be a relative folder such as cache/ (got "${raw}").`);
  for (const taken of Object.values(defaultPrefixes)) {
    if (prefix.startsWith(taken) || taken.startsWith(prefix))
      throw new UsageError(
        `--cache-prefix ${prefix} overlaps ${taken}; give the translation memory its own folder.`,
      );
  }
  return prefix;
}
