import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./support/facts-of-long-article.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('extractFacts memory', () => {
  it('works out the facts of a 512 KB article inside an 80 MB heap (the gazetteers included)', () => {
    // Whole-article token objects and feature lists took about 500 bytes of heap per character of text.
    const result = spawnSync(
      process.execPath,
      ['--max-old-space-size=80', '--import', 'tsx', child, String(512 * 1024)],
      { cwd: root, encoding: 'utf8' },
    );
    expect(result.stderr).not.toMatch(/heap out of memory/u);
    expect(result.status).toBe(0);
    const found = JSON.parse(result.stdout) as { people: number; quotes: number; summary: number };
    expect(found.people).toBeGreaterThan(3);
    expect(found.quotes).toBeGreaterThan(10);
    expect(found.summary).toBe(5);
  });
});
