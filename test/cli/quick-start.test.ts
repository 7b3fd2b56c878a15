import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listApertiumModes } from '../../functions/adapters/apertium-translator.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const modes = await listApertiumModes();
const hasPairs = modes?.includes('eng-spa') === true && modes.includes('eng-cat');
if (!hasPairs) {
  console.warn(
    'Skipping the npm start test: apertium with eng-spa and eng-cat is not installed (sudo apt-get install apertium apertium-eng-spa apertium-eng-cat).',
  );
}

describe('the README quick start', () => {
  it('documents exactly two commands: install and run the samples, then test', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const quickStart = /## Quick start\n([\s\S]*?)\n## /u.exec(readme)?.[1] ?? '';
    const commands = quickStart
      .split('\n')
      .filter((line) => /^ {4}\S/u.test(line))
      .map((line) => line.trim().split(/\s+#/u)[0]?.trim());
    expect(commands).toEqual(['npm install && npm start', 'npm test']);
  });

  it.skipIf(!hasPairs)(
    'npm start publishes every sample in en, es and ca into out/ and prints id, languages and HTML path',
    async () => {
      const { stdout } = await promisify(execFile)('npm', ['start', '--silent'], {
        cwd: root,
        maxBuffer: 1 << 24,
      });

      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(readdirSync(join(root, 'samples/articles')).length);
      for (const line of lines) {
        const [id, languages, html] = line.split('\t');
        expect(languages?.split(',')).toEqual(expect.arrayContaining(['en', 'es', 'ca']));
        expect(resolve(root, html ?? '')).toBe(join(root, 'out/published', id ?? '', 'en.html'));
        expect(existsSync(join(root, 'out/published', id ?? '', 'manifest.json'))).toBe(true);
      }
    },
    120_000,
  );
});
