import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { formatFromFileName } from '../core/read/parse-article.js';

export interface InputFile {
  /** The path as the user gave it (or found in a folder they gave). */
  readonly path: string;
  /** The key the file stands for, as if uploaded: `incoming/<file name>`. */
  readonly key: string;
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * Expands the paths given on the command line: files as they are (any extension: an unsupported one gets its
 * `failed/` record like an upload would), folders to the article files directly inside them, sorted.
 */
export async function collectInputs(paths: readonly string[], incomingPrefix: string): Promise<InputFile[]> {
  const files: string[] = [];
  for (const path of paths) {
    const stats = await stat(path).catch(() => undefined);
    if (!stats) throw new InputError(`No such file or folder: ${path}`);
    if (stats.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      const articles = entries
        .filter(
          (entry) =>
            entry.isFile() && !entry.name.startsWith('.') && formatFromFileName(entry.name) !== undefined,
        )
        .map((entry) => join(path, entry.name))
        .sort();
      if (articles.length === 0) throw new InputError(`No articles (.txt, .md, .html) in ${path}`);
      files.push(...articles);
    } else {
      files.push(path);
    }
  }
  const seen = new Map<string, string>();
  return files.map((path) => {
    const key = `${incomingPrefix}${basename(path)}`;
    const other = seen.get(key);
    if (other !== undefined && other !== path) {
      throw new InputError(
        `${other} and ${path} have the same file name, so they would be the same upload (${key}).`,
      );
    }
    seen.set(key, path);
    return { path, key };
  });
}
