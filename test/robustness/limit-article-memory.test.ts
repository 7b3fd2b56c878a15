import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { LimitArticleResult } from '../../bench/memory/limit-article.js';
import { heapForMemory } from '../../infra/function-sizing.js';
import { resolveDeploymentSettings } from '../../infra/pipeline-settings.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('an article at the size limit', () => {
  // The deployed defaults: their limit, their languages, the heap their function is given.
  const settings = resolveDeploymentSettings({});
  const heapMiB = heapForMemory(settings.sizing.memorySizeMiB);

  it(`is published within the heap of the function that processes it (${heapMiB} MiB)`, async () => {
    // A process of its own with the deployed heap, as the Lambda runtime starts the function; the stand-in
    // translator answers at once, so what is measured is the pipeline's own memory.
    const child = await run(
      process.execPath,
      [
        `--max-old-space-size=${heapMiB}`,
        '--import',
        'tsx',
        'bench/memory/limit-article.ts',
        '--bytes',
        String(settings.maxArticleBytes),
        '--languages',
        settings.languages.join(','),
      ],
      { cwd: root, maxBuffer: 1024 * 1024 },
    ).catch((error: { code?: number; signal?: string; stderr?: string }) => {
      throw new Error(
        `the limit article did not complete in a ${heapMiB} MiB heap (exit ${error.code ?? error.signal}): ` +
          `${(error.stderr ?? '').split('\n').find((line) => /heap|memory/iu.test(line)) ?? ''}`,
      );
    });

    const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as LimitArticleResult;
    expect(result.status).toBe('published');
    expect(result.bytes).toBeLessThanOrEqual(settings.maxArticleBytes);
    expect(result.bytes).toBeGreaterThan(settings.maxArticleBytes - 4_096);
  }, 240_000);
});
