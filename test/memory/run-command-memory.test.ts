import '../support/quiet-aws-sdk.js';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunOptions, runCommand } from '../../functions/cli/run-command.js';
import { UsageError } from '../../functions/cli/usage-error.js';
import type { ManifestJson } from '../../functions/core/contract.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

const sample = new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url);
const environment = [
  'AWS_ENDPOINT_URL_TRANSLATE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_REGION',
];

function io() {
  const stderr = new PassThrough();
  const lines: string[] = [];
  stderr.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  return { io: { stdout: new PassThrough(), stderr }, lines };
}

describe('polybrief run --translator aws with the translation memory', () => {
  let server: TranslateProtocolServer;
  let work: string;
  let article: string;
  const saved = new Map<string, string | undefined>();
  const options = (overrides: Partial<RunOptions> = {}): RunOptions => ({
    out: join(work, 'out'),
    languages: ['es', 'fr'],
    translator: 'aws',
    sourceLanguage: 'en',
    installMissing: false,
    concurrency: 2,
    maxArticleBytes: 100_000,
    maxCharacters: 1_000_000,
    scope: 'full',
    logFormat: 'text',
    verbose: false,
    pipelineVersion: 'test',
    cache: true,
    cachePrefix: 'cache/',
    ...overrides,
  });
  const manifest = async () =>
    JSON.parse(
      await readFile(join(work, 'out', 'published', 'wang-yi-moscow-visit', 'manifest.json'), 'utf8'),
    ) as ManifestJson;

  beforeAll(async () => {
    server = await startTranslateProtocolServer();
    for (const name of environment) saved.set(name, process.env[name]);
    // The command builds its client from the environment, as it would against the real service.
    process.env.AWS_ENDPOINT_URL_TRANSLATE = server.endpoint;
    process.env.AWS_ACCESS_KEY_ID = DUMMY_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = DUMMY_CREDENTIALS.secretAccessKey;
    process.env.AWS_REGION = DUMMY_REGION;
  });
  afterAll(async () => {
    await server.close();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  beforeEach(async () => {
    server.reset();
    work = await mkdtemp(join(tmpdir(), 'polybrief-run-memory-'));
    article = join(work, 'wang-yi-moscow-visit.txt');
    await copyFile(sample, article);
    return () => rm(work, { recursive: true, force: true });
  });

  it('says what each article cost, and pays nothing for an edit that changes no sentence', async () => {
    const first = io();
    expect(await runCommand([article], options(), first.io)).toBe(0);
    expect(first.lines.join('\n')).toMatch(
      /published \(en, es, fr; [\d,]+ characters sent, 0 from memory, ~\$0\.\d\d\)/u,
    );
    const requests = server.stats().requests;
    const text = await readFile(article, 'utf8');
    await writeFile(article, text.replaceAll('\n', '\r\n'));

    const second = io();
    expect(await runCommand([article], options(), second.io)).toBe(0);

    expect(server.stats().requests).toBe(requests);
    expect(second.lines.join('\n')).toMatch(
      /published \(en, es, fr; 0 characters sent, [\d,]+ from memory, ~\$0\.00\)/u,
    );
    expect((await manifest()).translation.languages.es?.charactersFromMemory).toBeGreaterThan(3_000);
  });

  it('with --no-cache translates everything again, and --price sets the estimate', async () => {
    await runCommand([article], options(), io().io);
    const firstCharacters = server.stats().characters;
    await writeFile(article, `${await readFile(article, 'utf8')}\n`);

    await runCommand([article], options({ cache: false, price: 20 }), io().io);

    expect(server.stats().characters).toBe(2 * firstCharacters);
    const es = (await manifest()).translation.languages.es;
    expect(es?.charactersFromMemory).toBe(0);
    expect(es?.estimatedCostUsd).toBeCloseTo(((es?.charactersSent ?? 0) / 1e6) * 20, 6);
  });

  it('keeps the memory under --cache-prefix in the output folder, and refuses a prefix it would share', async () => {
    await runCommand([article], options({ cachePrefix: 'memory/tm' }), io().io);

    expect(await readdir(join(work, 'out', 'memory', 'tm', 'segments', 'amazon-translate'))).toEqual([
      'en-es',
      'en-fr',
    ]);
    await expect(runCommand([article], options({ cachePrefix: 'published/' }), io().io)).rejects.toThrow(
      UsageError,
    );
    await expect(runCommand([article], options({ cachePrefix: '../elsewhere/' }), io().io)).rejects.toThrow(
      UsageError,
    );
  });
});
