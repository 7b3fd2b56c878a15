import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import type { ArticleJson } from '../../functions/core/contract.js';
import {
  type DevProcess,
  killHard,
  publishedEventSources,
  publishedLines,
  startDev,
} from '../support/dev-process.js';
import { s3Client } from '../support/embedded-s3-fixture.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';
import { devSample, getText, root, upload } from './helpers.js';

const run = promisify(execFile);
const bin = join(root, 'bin/polybrief.mjs');

const modes = await listApertiumModes();
const hasSpanish = modes?.includes('eng-spa') === true;
if (!hasSpanish)
  console.warn('Skipping polybrief dev tests with Apertium: apertium-eng-spa is not installed.');
const hasAwsCli = await run('aws', ['--version']).then(
  () => true,
  () => false,
);
if (!hasAwsCli)
  console.warn('Skipping the README `aws s3 cp` test of polybrief dev: the AWS CLI is not installed.');

/** The upload command the README shows, as written there. */
async function readmeUploadCommand(): Promise<string> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const command =
    /^ {4}(aws --endpoint-url http:\/\/127\.0\.0\.1:4569 s3 cp article\.txt s3:\/\/polybrief-local\/incoming\/)$/m.exec(
      readme,
    )?.[1];
  if (!command) throw new Error('README.md shows no `aws --endpoint-url ... s3 cp article.txt ...` command');
  return command;
}

describe('polybrief dev', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  const running: DevProcess[] = [];
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-dev-cli-'));
    env = {
      PATH: process.env.PATH,
      HOME: work,
      // Someone's AWS CLI set-up: any key and secret, a region of their own, no config files.
      AWS_ACCESS_KEY_ID: 'AKIAANYTHING',
      AWS_SECRET_ACCESS_KEY: 'any-secret-at-all',
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWS_CONFIG_FILE: join(work, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
  });
  afterEach(async () => {
    for (const dev of running.splice(0)) await killHard(dev);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('--help describes every option with its default', async () => {
    const { stdout } = await run(process.execPath, [bin, 'dev', '--help'], { env });
    const help = stdout.replace(/\s+/g, ' ');

    for (const option of [
      '--port <n>',
      '--data <dir>',
      '--bucket <name>',
      '--languages <codes>',
      '--translator <name>',
      '--source-language <code>',
      '--scope <scope>',
      '--max-article-bytes <n>',
      '--concurrency <n>',
      '--max-receive-count <n>',
      '--stop-timeout <seconds>',
      '--price <usd>',
      '--install-missing',
      '--log-format <format>',
      '--verbose',
    ])
      expect(help).toContain(option);
    for (const fallback of [
      '(default: 4569)',
      '(default: ".polybrief")',
      '(default: "polybrief-local")',
      '(default: 4)',
      '(default: 3)',
      '(default: 30)',
    ])
      expect(help).toContain(fallback);
    expect(stdout).toContain(
      '\n  aws --endpoint-url http://127.0.0.1:4569 s3 cp article.txt s3://polybrief-local/incoming/\n',
    );
  });

  it.skipIf(!hasSpanish || !hasAwsCli)(
    "processes an upload made with the README's `aws s3 cp` command, serves its page, and exits 0 on Ctrl-C",
    async () => {
      const folder = await mkdtemp(join(work, 'cp-'));
      await copyFile(join(root, 'samples/articles/harbour-ferry-returns.txt'), join(folder, 'article.txt'));
      const dev = startDev(['--port', '0', '--data', join(folder, 'data'), '--languages', 'es'], env, folder);
      running.push(dev);
      const endpoint = await dev.endpoint();
      const port = new URL(endpoint).port;
      const printed = await dev.line(/^ {2}aws --endpoint-url /);
      const command = (await readmeUploadCommand()).replace(':4569', `:${port}`);

      expect(printed.trim()).toBe(command);
      const [program, ...args] = command.split(' ');
      await run(program as string, [...args, '--only-show-errors'], { env, cwd: folder });
      const line = await dev.line(/^published +article /);
      await dev.line(/^event +\{"detail-type":"ArticlePublished"/);

      expect(line).toMatch(
        /^published {2}article {2}en,es {2}\d+\.\ds {2}http:\/\/127\.0\.0\.1:\d+\/polybrief-local\/published\/article\/es\.html {2}\([\d,]+ characters sent, 0 from memory\)$/,
      );
      const page = await fetch(/(http:\S+\.html)/.exec(line)?.[1] as string);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<html lang="es"');

      dev.child.kill('SIGINT');
      expect(await dev.exited).toBe(0);
      expect(dev.lines.at(-1)).toBe('Stopped.');
    },
    60_000,
  );

  it.skipIf(!hasSpanish)(
    'logs JSON on stderr with --log-format json, and says why an upload failed',
    async () => {
      const folder = await mkdtemp(join(work, 'json-'));
      const dev = startDev(
        ['--port', '0', '--data', join(folder, 'data'), '--languages', 'es', '--log-format', 'json'],
        env,
        folder,
      );
      running.push(dev);
      const client = s3Client(await dev.endpoint());

      await upload(client, 'incoming/photo.txt', await devSample('photo-saved-as-text.txt'));
      const line = await dev.line(/^failed +photo /);
      client.destroy();
      dev.child.kill('SIGTERM');

      expect(await dev.exited).toBe(0);
      expect(line).toContain('binary');
      expect(line).toContain('s3://polybrief-local/failed/photo.json');
      const logs = dev
        .stderr()
        .split('\n')
        .filter((text) => text !== '')
        .map((text) => JSON.parse(text) as { level: string; message: string; articleId?: string });
      expect(logs).toContainEqual(
        expect.objectContaining({ level: 'WARN', message: 'article failed', articleId: 'photo' }),
      );
    },
    60_000,
  );

  describe('with --translator aws', () => {
    let translate: TranslateProtocolServer;
    beforeAll(async () => {
      translate = await startTranslateProtocolServer();
    });
    afterAll(async () => {
      await translate.close();
    });

    it('translates through Amazon Translate at AWS_ENDPOINT_URL_TRANSLATE while the bucket stays local', async () => {
      const folder = await mkdtemp(join(work, 'aws-'));
      const dev = startDev(
        ['--port', '0', '--data', join(folder, 'data'), '--translator', 'aws', '--languages', 'es,fr'],
        { ...env, AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_TRANSLATE: translate.endpoint },
        folder,
      );
      running.push(dev);
      const client = s3Client(await dev.endpoint());
      await upload(
        client,
        'incoming/ferry.txt',
        await readFile(join(root, 'samples/articles/harbour-ferry-returns.txt')),
      );

      const line = await dev.line(/^published +ferry /);
      const spanish = JSON.parse((await getText(client, 'published/ferry/es.json')) ?? '{}') as ArticleJson;
      client.destroy();
      dev.child.kill('SIGINT');

      expect(await dev.exited).toBe(0);
      expect(line).toMatch(
        /^published {2}ferry {2}en,es,fr .* characters sent, 0 from memory, ~\$0\.\d\d\)$/,
      );
      expect(spanish.translation?.engine).toBe('amazon-translate');
      expect(spanish.headline.text).toMatch(/^\[es\] /);
      expect(Object.keys(translate.stats().byLanguage).sort()).toEqual(['es', 'fr']);
      expect(translate.requests.every((request) => request.sourceLanguage === 'en')).toBe(true);
    }, 60_000);
  });

  it('on Ctrl-C mid-batch, lets the articles in flight finish and exits 0; the next start publishes the rest, each once', async () => {
    // Slow translations keep articles in flight when the signal comes.
    const translate = await startTranslateProtocolServer({ latencyMs: 150 });
    const folder = await mkdtemp(join(work, 'restart-'));
    const args = [
      '--port',
      '0',
      '--data',
      join(folder, 'data'),
      '--translator',
      'aws',
      '--languages',
      'es',
      '--concurrency',
      '2',
    ];
    const awsEnv = { ...env, AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_TRANSLATE: translate.endpoint };
    const keys = Array.from({ length: 12 }, (_, index) => `incoming/desk/story ${index}.txt`);
    const published = (dev: DevProcess) => publishedLines(dev).map((line) => line.split(/ +/)[1]);
    try {
      const first = startDev(args, awsEnv, folder);
      running.push(first);
      const client = s3Client(await first.endpoint());
      for (const key of keys)
        await upload(client, key, `Story\n\nThe council met about ${key} on Monday. It agreed.\n`);
      client.destroy();
      await first.line(/^published /);
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      const stopping = await first.line(/^Stopping/);
      const stopped = first.lines.at(-1) ?? '';

      const second = startDev(args, awsEnv, folder);
      running.push(second);
      const found = await second.line(/^Found \d+ uploads? not processed yet/);
      const remaining = keys.length - published(first).length;
      await second.until(() => published(second).length >= remaining);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);

      expect(stopping).toMatch(/^Stopping: waiting up to 30s for [12] articles? in flight/);
      expect(stopped).toMatch(/^Stopped; \d+ uploads? not finished will be processed at the next start\.$/);
      expect(found).toContain(`Found ${remaining} upload`);
      const ids = [...published(first), ...published(second)];
      expect(ids).toHaveLength(keys.length);
      expect(new Set(ids).size).toBe(keys.length);
      expect([...publishedEventSources(first), ...publishedEventSources(second)].sort()).toEqual(
        [...keys].sort(),
      );
    } finally {
      await translate.close();
    }
  }, 60_000);

  it('refuses a port already in use, with exit status 2 and the option to change it', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const dev = startDev(
      ['--port', String(port), '--data', join(work, 'busy'), '--translator', 'aws', '--languages', 'es'],
      // A region the SDK reads (it ignores AWS_DEFAULT_REGION): without one, --translator aws is refused first.
      { ...env, AWS_REGION: 'eu-west-1' },
      work,
    );
    running.push(dev);

    const code = await dev.exited;
    blocker.close();

    expect(code).toBe(2);
    expect(dev.stderr()).toContain(`Port ${port} on 127.0.0.1 is in use`);
    expect(dev.stderr()).toContain('--port');
  });
});
