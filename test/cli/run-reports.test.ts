import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { loopbackTranslateEnv } from '../support/dummy-aws.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sample = join(root, 'samples/articles/harbour-ferry-returns.txt');

let server: TranslateProtocolServer;
let work: string;
beforeAll(async () => {
  server = await startTranslateProtocolServer();
  work = await mkdtemp(join(tmpdir(), 'polybrief-reports-'));
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => server.reset());

async function run(args: readonly string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, 'bin/polybrief.mjs'), 'run', '--translator', 'aws', ...args],
      { cwd: work, env: loopbackTranslateEnv(server.endpoint), timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const json = async <T>(path: string) => JSON.parse(await readFile(path, 'utf8')) as T;

describe('polybrief run reports', () => {
  it('the entries of a folder argument it leaves out, each with why', async () => {
    const folder = join(work, 'desk');
    await mkdir(join(folder, 'drafts'), { recursive: true });
    // Editors' corrections are read from edits/ (none here): not an entry left out.
    await mkdir(join(folder, 'edits'), { recursive: true });
    await copyFile(sample, join(folder, 'ferry.txt'));
    await writeFile(join(folder, 'budget.xlsx'), 'PK');
    await writeFile(join(folder, '.DS_Store'), '');

    const result = await run([folder, '--languages', 'es', '--out', join(work, 'out-desk')]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('skip '))).toEqual([
      `skip  ${join(folder, '.DS_Store')}: hidden`,
      `skip  ${join(folder, 'budget.xlsx')}: not an article file (.txt, .text, .md, .markdown, .html, .htm, .docx, or no extension)`,
      `skip  ${join(folder, 'drafts')}: a folder (only the files directly inside a folder are read, and edits/)`,
    ]);
    expect(result.stdout.split('\t')[0]).toBe('ferry');
  });

  it('a hint naming the flag to change on the command line, and the folder by name, not its path', async () => {
    const out = join(work, 'out-small');

    const result = await run([sample, '--languages', 'es', '--max-article-bytes', '100', '--out', out]);

    expect(result.code).toBe(1);
    const record = await json<FailedRecordJson>(join(out, 'failed/harbour-ferry-returns.json'));
    expect(record.error.code).toBe('too-large');
    expect(record.error.hint).toBe('Split the article, or raise the limit (--max-article-bytes).');
    expect(record.source.bucket).toBe('out-small');
    expect(result.stderr).toContain('(--max-article-bytes)');
  });

  it('each target language once, however often it is named, and never the source language as a target', async () => {
    const out = join(work, 'out-twice');

    const result = await run([sample, '--languages', 'es,es,en,fr,es', '--out', out]);

    expect(result.code, result.stderr).toBe(0);
    const manifest = await json<ManifestJson>(join(out, 'published/harbour-ferry-returns/manifest.json'));
    expect(manifest.languages).toEqual(['en', 'es', 'fr']);
    expect(manifest.source.bucket).toBe('out-twice');
    // Plain and tagged sentences go as a request each; no language twice, the source never.
    const requests = server.requests.map(
      (request) => `${request.targetLanguage} ${request.text.includes('<span') ? 'html' : 'text'}`,
    );
    expect(requests.sort()).toEqual([...new Set(requests)].sort());
    expect(new Set(server.requests.map((request) => request.targetLanguage))).toEqual(new Set(['es', 'fr']));
    expect(result.stderr).toContain('(en, es, fr; amazon-translate)');
    const page = await readFile(join(out, 'published/harbour-ferry-returns/es.html'), 'utf8');
    expect(page.match(/hreflang="es"/g)).toHaveLength(2);
  });
});
