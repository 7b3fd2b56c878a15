/**
 * Builds real pages for the HTML and browser tests by running `polybrief run` the way a user does: Apertium for
 * the languages it has, and the loopback Translate-protocol server (answering in each target's own script) through
 * `--translator aws` for Arabic, Hebrew, Chinese, Russian and the like.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import { loopbackTranslateEnv } from '../support/dummy-aws.js';
import { startTranslateProtocolServer } from '../support/translate-protocol-server.js';
import { fakeScriptLine } from './fake-scripts.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const seedArticle = join(root, 'samples/articles/wang-yi-moscow-visit.txt');
export const sampleArticles = join(root, 'samples/articles');
export const hostileArticles = join(root, 'samples/hostile');

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function polybrief(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, 'bin/polybrief.mjs'), ...args],
      { cwd: root, env, maxBuffer: 1 << 24 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

function expectSuccess(result: RunResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}: ${result.stderr}`);
}

/** The Apertium pairs `polybrief run` uses by default that are installed, or `undefined` without Apertium. */
export async function apertiumLanguages(): Promise<string[] | undefined> {
  const modes = await listApertiumModes();
  if (!modes?.includes('eng-spa')) return undefined;
  const pairs: Record<string, string> = { es: 'eng-spa', ca: 'eng-cat', gl: 'en-gl', eo: 'en-eo' };
  return Object.keys(pairs).filter((language) => modes.includes(pairs[language] ?? ''));
}

/** `polybrief run` with Apertium into `out`. */
export async function publishWithApertium(
  inputs: readonly string[],
  out: string,
  languages: readonly string[],
): Promise<void> {
  expectSuccess(
    await polybrief(['run', ...inputs, '--out', out, '--languages', languages.join(',')]),
    'polybrief run (Apertium)',
  );
}

/** `polybrief run --translator aws` into `out`, against a loopback server that answers in each target's script. */
export async function publishWithScriptServer(
  inputs: readonly string[],
  out: string,
  languages: readonly string[],
  extraArgs: readonly string[] = [],
): Promise<void> {
  const server = await startTranslateProtocolServer({ translateLine: fakeScriptLine });
  try {
    const env = loopbackTranslateEnv(server.endpoint);
    const args = ['run', ...inputs, '--out', out, '--translator', 'aws', '--languages', languages.join(',')];
    expectSuccess(
      await polybrief([...args, '--no-cache', ...extraArgs], env),
      'polybrief run (Translate protocol)',
    );
  } finally {
    await server.close();
  }
}

export async function htmlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Why a tool is missing, or `undefined` when `command --version`-like probing succeeds. */
export function missingTool(command: string, args: readonly string[], hint: string): string | undefined {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? `${command} is not available (${hint})` : undefined;
}
