import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { formatFromFileName, supportedExtensions } from '../core/read/parse-article.js';

export interface InputFile {
  /** The path as the user gave it (or found in a folder they gave). */
  readonly path: string;
  /** The key the file stands for, as if uploaded: `incoming/<file name>`. */
  readonly key: string;
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Editors' corrections a folder holds: `edits/<articleId>/<lang>.json`, as keys under the edits prefix. */
async function editsIn(folder: string, editsPrefix: string): Promise<InputFile[]> {
  const root = join(folder, 'edits');
  const articles = await readdir(root, { withFileTypes: true }).catch(() => []);
  const edits: InputFile[] = [];
  for (const article of articles
    .filter((entry) => entry.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const files = await readdir(join(root, article.name), { withFileTypes: true });
    for (const file of files
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .sort((a, b) => a.name.localeCompare(b.name)))
      edits.push({
        path: join(root, article.name, file.name),
        key: `${editsPrefix}${article.name}/${file.name}`,
      });
  }
  return edits;
}

/** A file or folder in a folder argument that is not processed, and why. */
export interface SkippedEntry {
  readonly path: string;
  readonly reason: string;
}

export interface Inputs {
  /** The articles, then the editors' corrections. */
  readonly files: readonly InputFile[];
  /** What folder arguments held besides their articles and edits, in name order. */
  readonly skipped: readonly SkippedEntry[];
}

const articleExtensions = supportedExtensions.map((extension) => `.${extension}`).join(', ');

/** Why an entry of a folder argument is not an article to process, or `undefined` when it is one. */
function skipReason(entry: Dirent): string | undefined {
  if (entry.name.startsWith('.')) return 'hidden';
  if (entry.isDirectory()) return 'a folder (only the files directly inside a folder are read, and edits/)';
  if (!entry.isFile()) return 'not a regular file';
  if (formatFromFileName(entry.name) === undefined)
    return `not an article file (${articleExtensions}, or no extension)`;
  return undefined;
}

/**
 * Expands the paths given on the command line: files as they are (any extension: an unsupported one gets its
 * `failed/` record like an upload would), folders to the article files directly inside them, sorted, and to the
 * editors' corrections in their `edits/<articleId>/<lang>.json` (processed after the articles); the other entries
 * of those folders are left out, each with its reason.
 */
export async function collectInputs(
  paths: readonly string[],
  prefixes: { readonly incomingPrefix: string; readonly editsPrefix: string },
): Promise<Inputs> {
  const { incomingPrefix } = prefixes;
  const files: string[] = [];
  const edits: InputFile[] = [];
  const skipped: SkippedEntry[] = [];
  for (const path of paths) {
    const stats = await stat(path).catch(() => undefined);
    if (!stats) throw new InputError(`No such file or folder: ${path}`);
    if (stats.isDirectory()) {
      const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      const articles: string[] = [];
      for (const entry of entries) {
        if (entry.isDirectory() && entry.name === 'edits') continue;
        const reason = skipReason(entry);
        if (reason) skipped.push({ path: join(path, entry.name), reason });
        else articles.push(join(path, entry.name));
      }
      const corrections = await editsIn(path, prefixes.editsPrefix);
      if (articles.length === 0 && corrections.length === 0)
        throw new InputError(
          `No articles (${articleExtensions}) and no edits/<articleId>/<lang>.json in ${path}`,
        );
      files.push(...articles.sort());
      edits.push(...corrections);
    } else {
      files.push(path);
    }
  }
  const seen = new Map<string, string>();
  const articles = files.map((path) => {
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
  return { files: [...articles, ...edits], skipped };
}
