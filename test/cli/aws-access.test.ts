import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackTranslateEnv } from '../support/dummy-aws.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/polybrief.mjs');
const article = join(root, 'samples/articles/harbour-ferry-returns.txt');

let work: string;
/** An instance metadata endpoint that never answers: the credential chain must not wait for it forever. */
let silentMetadata: Server;
let translate: TranslateProtocolServer;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'polybrief-access-'));
  silentMetadata = createServer(() => undefined);
  await new Promise<void>((resolve) => silentMetadata.listen(0, '127.0.0.1', resolve));
  translate = await startTranslateProtocolServer();
});
afterAll(async () => {
  silentMetadata.closeAllConnections();
  await new Promise<void>((resolve) => silentMetadata.close(() => resolve()));
  await translate.close();
  await rm(work, { recursive: true, force: true });
});

/** This machine's environment without anything that could give the SDK a region or credentials. */
function bareEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  const { port } = silentMetadata.address() as AddressInfo;
  return {
    ...env,
    HOME: work,
    AWS_CONFIG_FILE: join(work, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
    AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}`,
    ...extra,
  };
}

async function polybrief(args: readonly string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: work,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('polybrief run --translator aws without AWS settings', () => {
  it('says once, before any work, that it has no region and no credentials and how to set them: exit 2, nothing written', async () => {
    const out = join(work, 'out-none');

    const result = await polybrief(['run', article, '--translator', 'aws', '--out', out], bareEnv());

    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('polybrief: '));
    expect(lines).toEqual([
      "polybrief: --translator aws calls Amazon Translate, but found no AWS region (Region is missing; AWS_REGION or the profile's region) and no AWS credentials (Could not load credentials from any providers; AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).",
    ]);
    expect(result.stderr).toContain('export AWS_PROFILE=newsroom AWS_REGION=eu-west-1');
    expect(result.stderr).not.toContain('partially published');
    expect(result.stdout).toBe('');
    expect(await readdir(work)).not.toContain('out-none');
  }, 60_000);

  it('names only what is missing: the credentials, when a region is set', async () => {
    const result = await polybrief(
      ['run', article, '--translator', 'aws', '--out', join(work, 'out-region')],
      bareEnv({ AWS_REGION: 'eu-west-1' }),
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('but found no AWS credentials (');
    expect(result.stderr).not.toContain('no AWS region');
  }, 60_000);

  it('checks polybrief dev the same way, before the endpoint starts', async () => {
    const result = await polybrief(
      ['dev', '--translator', 'aws', '--port', '0', '--data', join(work, 'dev-data')],
      bareEnv(),
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'polybrief: --translator aws calls Amazon Translate, but found no AWS region',
    );
    expect(result.stdout).not.toContain('the local bucket is ready');
  }, 60_000);
});

describe("the AWS SDK's Node.js version warning", () => {
  it('is printed at most once per process, however many AWS clients it builds (Translate and Comprehend here)', async () => {
    const env = { ...loopbackTranslateEnv(translate.endpoint) };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;

    const result = await polybrief(
      [
        'run',
        article,
        '--translator',
        'aws',
        '--source-language',
        'auto',
        '--languages',
        'es,fr',
        '--out',
        join(work, 'out-warning'),
      ],
      env,
    );

    expect(result.code, result.stderr).toBe(0);
    const warnings = result.stderr.split('NodeVersionSupportWarning').length - 1;
    const major = Number(process.versions.node.split('.')[0]);
    // Users on a Node.js the SDK will drop are told, once; on a newer one, never.
    expect(warnings).toBe(major < 22 ? 1 : 0);
  }, 60_000);
});
