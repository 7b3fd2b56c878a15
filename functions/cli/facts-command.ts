import { readFile, stat } from 'node:fs/promises';
import type { SourceDocument } from '../core/document.js';
import { decodeUpload } from '../core/read/decode-upload.js';
import { parseArticle, requireFormat } from '../core/read/parse-article.js';
import { articleFacts, articleSummary } from '../core/read/prose-view.js';

export interface FactsIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** The JSON line for one article: headline, dateline, summary and facts; the text too when it was extracted. */
export function factsRecord(
  file: string,
  document: SourceDocument,
  referenceDate?: string,
): Record<string, unknown> {
  const facts = articleFacts(document, referenceDate);
  const summary = articleSummary(document, facts).map(({ text, start, end }) => ({ text, start, end }));
  const dateline = document.dateline
    ? {
        ...(document.dateline.date === undefined ? {} : { date: document.dateline.date }),
        ...(document.dateline.place === undefined ? {} : { place: document.dateline.place }),
        start: document.dateline.start,
        end: document.dateline.end,
      }
    : undefined;
  return {
    file,
    headline: document.headline?.text,
    dateline,
    ...(document.format === 'text' ? {} : { text: document.text }),
    summary,
    facts,
  };
}

async function oneFile(file: string): Promise<Record<string, unknown>> {
  const format = requireFormat(file);
  const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
  const decoded = await decodeUpload(bytes, format);
  const document = parseArticle(decoded.text, format, decoded.declared ? { declared: decoded.declared } : {});
  // Relative dates in an article without a dated dateline or a declared date count from the file's time.
  return factsRecord(file, document, info.mtime.toISOString().slice(0, 10));
}

const fileErrors: Readonly<Record<string, string>> = {
  ENOENT: 'No such file.',
  EISDIR: 'This is a folder, not an article file.',
  EACCES: 'Permission denied: the file cannot be read.',
  EPERM: 'Permission denied: the file cannot be read.',
};

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && fileErrors[code]) return fileErrors[code];
  return error instanceof Error ? error.message : String(error);
}

/**
 * `polybrief facts <files...>`: one JSON object per file, one per line, in the order given. A file that cannot
 * be read or parsed gets `{"file", "error"}` on its line; the exit status is then 1, after every file is printed.
 */
export async function factsCommand(files: string[], io: FactsIo): Promise<number> {
  let status = 0;
  for (const file of files) {
    let line: string;
    try {
      line = JSON.stringify(await oneFile(file));
    } catch (error) {
      status = 1;
      line = JSON.stringify({ file, error: reason(error) });
    }
    io.stdout.write(`${line}\n`);
  }
  return status;
}
