import { stat } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

/**
 * Refuses, before any work, a folder option (`--out`, `--data`) naming something that is not a folder: the outputs
 * would otherwise fail one by one, each article after its translation was paid for. A folder that does not exist yet
 * is fine: it is created.
 */
export async function checkFolderOption(flag: string, path: string): Promise<void> {
  const stats = await stat(path).catch(() => undefined);
  if (stats && !stats.isDirectory())
    throw new UsageError(
      `${flag} ${path} is a file, not a folder: name a folder (it is created if missing).`,
    );
}
