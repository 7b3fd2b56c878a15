import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleJson, FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { expectValidOutputs, objectsUnder } from '../contract/validate.js';
import { loopbackTranslateEnv } from '../support/dummy-aws.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seed = join(root, 'samples/articles/wang-yi-moscow-visit.txt');

describe('polybrief run --translator aws', () => {
  let server: TranslateProtocolServer;
  let work: string;
  beforeAll(async () => {
    server = await startTranslateProtocolServer();
    work = await mkdtemp(join(tmpdir(), 'polybrief-aws-'));
  });
  afterAll(async () => {
    await server.close();
    // Every document written follows its schema, and every manifest describes its objects exactly.
    expectValidOutputs(await objectsUnder(join(work, 'out')));
    await rm(work, { recursive: true, force: true });
  });

  const run = async (args: readonly string[]) => {
    const env = loopbackTranslateEnv(server.endpoint);
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [join(root, 'bin/polybrief.mjs'), 'run', ...args],
        { cwd: root, env },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  };

  it('translates through the endpoint in AWS_ENDPOINT_URL_TRANSLATE and accounts for it', async () => {
    const out = join(work, 'out');

    const result = await run([seed, '--translator', 'aws', '--languages', 'es,fr,ar', '--out', out]);

    expect(result.code, result.stderr).toBe(0);
    const folder = join(out, 'published/wang-yi-moscow-visit');
    const es = JSON.parse(await readFile(join(folder, 'es.json'), 'utf8')) as ArticleJson;
    expect(es.headline.text).toMatch(/^\[es\] Top Chinese diplomat/u);
    expect(es.translation?.engine).toBe('amazon-translate');
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as ManifestJson;
    expect(manifest.languages).toEqual(['en', 'es', 'fr', 'ar']);
    const ar = manifest.translation.languages.ar;
    expect(ar?.requests).toBeGreaterThan(0);
    expect(ar?.estimatedCostUsd).toBeCloseTo(((ar?.charactersSent ?? 0) / 1_000_000) * 15, 6);
    const targets = new Set(server.requests.map((request) => request.targetLanguage));
    expect(targets).toEqual(new Set(['es', 'fr', 'ar']));
    expect(await readFile(join(folder, 'ar.html'), 'utf8')).toMatch(/<html lang="ar" dir="rtl">/u);
  });

  it('refuses an article over --max-characters before any request, the hint naming the flag', async () => {
    const out = join(work, 'budget');
    server.reset();

    const result = await run([
      seed,
      '--translator',
      'aws',
      '--languages',
      'es,fr',
      '--max-characters',
      '500',
      '--out',
      out,
    ]);

    expect(result.code).toBe(1);
    expect(server.requests).toEqual([]);
    const record = JSON.parse(
      await readFile(join(out, 'failed/wang-yi-moscow-visit.json'), 'utf8'),
    ) as FailedRecordJson;
    expect(record.error.code).toBe('over-budget');
    expect(record.error.message).toContain(
      'over the budget of 500 characters per article. Nothing was sent.',
    );
    expect(record.error.hint).toMatch(/^Raise --max-characters to at least \d+/u);
    expect(result.stderr).toContain('Raise --max-characters');
  });

  it('rejects a language Amazon Translate does not have, listing the ones it does', async () => {
    const result = await run([
      seed,
      '--translator',
      'aws',
      '--languages',
      'es,xx',
      '--out',
      join(work, 'unused'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not support xx\. Supported: af \(Afrikaans\)/u);
  });
});
