/**
 * `npm run bench` (third part): memory at the size limit. Ordinary articles from 64 KiB up to the default
 * `maxArticleBytes`, each through the pipeline as the function runs it (bench/memory/limit-article.ts) in a
 * process of its own, with their peak RSS and its ratio to the text; then the limit article under the heap the
 * sizing says it needs (infra/function-sizing.ts, before its 2× headroom) and the heap the function is given.
 * Exits 0 even when a target is missed: the report says FAIL.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { heapForMemory, SIZING_ASSUMPTIONS } from '../infra/function-sizing.js';
import { resolveDeploymentSettings } from '../infra/pipeline-settings.js';
import type { LimitArticleResult } from './memory/limit-article.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const MIB = 1_048_576;
const settings = resolveDeploymentSettings({});
const languages = settings.languages.join(',');

async function limitArticle(bytes: number, heapMiB?: number): Promise<LimitArticleResult | string> {
  const heap = heapMiB === undefined ? [] : [`--max-old-space-size=${heapMiB}`];
  try {
    const { stdout } = await run(
      process.execPath,
      [
        ...heap,
        '--import',
        'tsx',
        'bench/memory/limit-article.ts',
        '--bytes',
        String(bytes),
        '--languages',
        languages,
      ],
      { cwd: root, maxBuffer: 1024 * 1024 },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as LimitArticleResult;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    return /heap out of memory/iu.test(stderr) ? 'out of memory' : `failed (${String(error).slice(0, 80)})`;
  }
}

const size = (bytes: number): string => (bytes >= MIB ? `${bytes / MIB} MiB` : `${bytes / 1024} KiB`);
const sizes = [64 * 1024, 256 * 1024, MIB, settings.maxArticleBytes].filter(
  (bytes, index, all) => bytes <= settings.maxArticleBytes && all.indexOf(bytes) === index,
);

process.stdout.write(
  `Memory: ordinary articles through the pipeline into ${settings.languages.length} languages, one process each\n`,
);
process.stdout.write(
  `${'article'.padEnd(12)}${'peak RSS'.padStart(12)}${'RSS / text'.padStart(12)}${'growth / text'.padStart(15)}${'time'.padStart(10)}\n`,
);
// Growth: the RSS added over the previous size, per byte of text added (the fixed cost of the process left out).
let previous: LimitArticleResult | undefined;
for (const bytes of sizes) {
  const result = await limitArticle(bytes);
  if (typeof result === 'string') {
    process.stdout.write(`${size(bytes).padEnd(12)}${result.padStart(12)}\n`);
    continue;
  }
  const growth = previous
    ? `${Math.round(((result.peakRssMiB - previous.peakRssMiB) * MIB) / (result.bytes - previous.bytes))}×`
    : '';
  process.stdout.write(
    `${size(bytes).padEnd(12)}${`${result.peakRssMiB} MiB`.padStart(12)}${`${Math.round((result.peakRssMiB * MIB) / result.bytes)}×`.padStart(12)}${growth.padStart(15)}${`${(result.ms / 1000).toFixed(1)} s`.padStart(10)}\n`,
  );
  previous = result;
}

// What the sizing counts on for the limit article, before its headroom, and what the function is given.
const a = SIZING_ASSUMPTIONS;
const neededMiB = Math.ceil(
  a.heapBaseMiB +
    (settings.maxArticleBytes / MIB) *
      (a.heapPerArticleMiB + a.heapPerLanguageMiB * settings.languages.length),
);
const deployedMiB = heapForMemory(settings.sizing.memorySizeMiB);
const atNeed = await limitArticle(settings.maxArticleBytes, neededMiB);
const fits = typeof atNeed !== 'string' && atNeed.status === 'published';
process.stdout.write(
  `limit article (${size(settings.maxArticleBytes)}) in the heap the sizing says it needs, ${neededMiB} MiB: ` +
    `${typeof atNeed === 'string' ? atNeed : atNeed.status}   target published ${fits ? 'PASS' : 'FAIL'}   ` +
    `(the function has ${settings.sizing.memorySizeMiB} MiB, heap ${deployedMiB} MiB: ${(deployedMiB / neededMiB).toFixed(1)}× that)\n`,
);
