import type { CommandName } from './command-options.js';
import { checkFlags } from './flags.js';
import { UsageError } from './usage-error.js';

/**
 * The translation memory's prefix in the local bucket, checked as `--cache-prefix` is (a `/` added where missing):
 * a relative folder of its own, never one the pipeline reads articles from or publishes to (an entry under
 * `incoming/` would be taken for an upload).
 */
export function checkCachePrefix(command: CommandName, raw: string): string {
  const { values, lines } = checkFlags(command, { cachePrefix: raw });
  if (lines.length > 0) throw new UsageError(lines.map((line) => line.replace(/^error: /, '')).join('\n'));
  return values.cachePrefix as string;
}
