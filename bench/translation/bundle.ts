/**
 * The Lambda bundle as `cdk deploy` builds it (esbuild with infra/pipeline-function.ts's settings: ESM, node22,
 * minified, `@aws-sdk/*` left to the runtime), its size, and how long importing it takes in a fresh Node process
 * with the environment the handler needs (its memory key read from a loopback Secrets Manager): the cold-start
 * cost that is ours (the runtime's own start and the network aside).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { startSecretsManagerServer } from '../../test/support/secrets-manager-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Inside the checkout (git-ignored), so the external `@aws-sdk/*` imports resolve from node_modules. */
const outDirectory = join(root, '.polybrief', 'bench');

export interface BundleReport {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Bytes of the bundle that come from the facts lexicon and model (`functions/core/facts/`). */
  readonly factsBytes: number;
  /** Median time to import the bundle / a one-line module / the facts module alone, in fresh processes. */
  readonly initMs: number;
  readonly trivialInitMs: number;
  readonly factsInitMs: number;
}

async function bundle(entry: string, outfile: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*'],
    minify: true,
    keepNames: true,
    metafile: true,
    logLevel: 'error',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return result.metafile;
}

/** Milliseconds to `import()` the module in a new Node process (median of `runs`). */
async function importTime(file: string, runs: number, env: NodeJS.ProcessEnv): Promise<number> {
  const script =
    'const t = performance.now(); await import(process.argv[1]); ' +
    'process.stdout.write(String(performance.now() - t));';
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script, pathToFileURL(file).href],
      { env, cwd: root },
    );
    times.push(Number(stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export async function measureBundle(runs: number): Promise<BundleReport> {
  await mkdir(outDirectory, { recursive: true });
  const handlerFile = join(outDirectory, 'handler.mjs');
  const factsFile = join(outDirectory, 'facts.mjs');
  const trivialFile = join(outDirectory, 'trivial.mjs');
  const metafile = await bundle('functions/lambda/handler.ts', handlerFile);
  await bundle('functions/core/facts/index.ts', factsFile);
  await writeFile(trivialFile, 'export const handler = async () => ({});\n');

  const code = await readFile(handlerFile);
  const output = Object.values(metafile.outputs)[0];
  const factsBytes = Object.entries(output?.inputs ?? {})
    .filter(([path]) => path.includes('functions/core/facts/'))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);

  // The handler reads the translation memory's key from its secret at start-up: a loopback stand-in answers.
  const memoryKeySecret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:PipelineMemoryKey-bench';
  const secrets = await startSecretsManagerServer({ [memoryKeySecret]: 'k'.repeat(64) });
  const env = {
    PATH: process.env.PATH,
    SOURCE_LANGUAGE: 'en',
    TARGET_LANGUAGES: 'es,fr,de,ru,zh,ar',
    MEMORY_KEY_SECRET: memoryKeySecret,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDPOLYBRIEFBENCH',
    AWS_SECRET_ACCESS_KEY: 'polybrief-bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_DEV: 'false',
  };
  // Alternated, so a noisy moment on the machine does not fall on one of them only.
  const [trivialInitMs, initMs, factsInitMs] = await (async () => {
    try {
      return [
        await importTime(trivialFile, runs, env),
        await importTime(handlerFile, runs, env),
        await importTime(factsFile, runs, env),
      ];
    } finally {
      await secrets.close();
    }
  })();
  return {
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    factsBytes,
    initMs,
    trivialInitMs,
    factsInitMs,
  };
}
