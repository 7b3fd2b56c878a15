import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/polybrief.mjs');
const work = await mkdtemp(join(tmpdir(), 'polybrief-usage-'));

async function polybrief(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: work });
    return { code: 0, stderr };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe('polybrief run and dev with flags they cannot use', () => {
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('name every bad flag at once, as commander does, exit 2 and write nothing', async () => {
    const article = join(root, 'samples/articles/harbour-ferry-returns.txt');
    const result = await polybrief([
      'run',
      article,
      '--out',
      join(work, 'out'),
      '--max-article-bytes',
      '2MB',
      '--scope',
      'summary',
      '--price',
      '-3',
      '--cache-prefix',
      'incoming',
    ]);

    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      "error: option '--scope <scope>' argument 'summary' is invalid. Allowed choices are full, brief.",
      "error: option '--max-article-bytes <n>' argument '2MB' is invalid. expected a whole number of at least 1",
      'error: option \'--cache-prefix <prefix>\' argument \'incoming\' is invalid. The incoming prefix "incoming/" and the cache prefix "incoming/" overlap; each must be its own folder so the pipeline never reads its own output as input.',
      "error: option '--price <usd>' argument '-3' is invalid. expected a price in USD of 0 or more, such as 15",
      '(run with --help for usage)',
    ]);
    expect(await readdir(work)).toEqual([]);
  });

  it('refuse an --out that is a file, and a concurrency of 0, before any work', async () => {
    const article = join(root, 'samples/articles/harbour-ferry-returns.txt');
    const file = join(work, 'notes.txt');
    await writeFile(file, 'not a folder');

    const outIsFile = await polybrief(['run', article, '--out', file]);
    const noConcurrency = await polybrief(['run', article, '--out', join(work, 'out'), '--concurrency', '0']);

    expect(outIsFile.code).toBe(2);
    expect(outIsFile.stderr).toBe(
      `polybrief: --out ${file} is a file, not a folder: name a folder (it is created if missing).\n`,
    );
    expect(noConcurrency.code).toBe(2);
    expect(noConcurrency.stderr).toContain(
      "error: option '-c, --concurrency <n>' argument '0' is invalid. expected a whole number of at least 1\n",
    );
    expect(await readdir(work)).toEqual(['notes.txt']);
    await rm(file);
  });

  it('check dev flags the same way, before anything starts', async () => {
    const result = await polybrief(['dev', '--port', '99999', '--stop-timeout', 'soon']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "error: option '-p, --port <n>' argument '99999' is invalid. expected a port number from 0 (any free port) to 65535\n",
    );
    expect(result.stderr).toContain(
      "error: option '--stop-timeout <seconds>' argument 'soon' is invalid. expected a whole number of at least 1\n",
    );
  });
});
