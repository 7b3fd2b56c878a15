import '../support/quiet-aws-sdk.js';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import { createS3Client } from '../../functions/adapters/aws-clients.js';
import { root } from '../local/helpers.js';
import { devEnvironment, killHard, startDev } from '../support/dev-process.js';

const modes = await listApertiumModes();
const hasPairs = modes?.includes('eng-spa') === true && modes.includes('eng-cat');
if (!hasPairs) {
  console.warn(
    "Skipping the README's example lines: they show Apertium's output, and apertium with eng-spa and eng-cat is not installed (sudo apt-get install apertium apertium-eng-spa apertium-eng-cat).",
  );
}

const readme = await readFile(join(root, 'README.md'), 'utf8');

/** The README's example output lines (indented code) that start with `prefix`. */
function exampleLines(prefix: RegExp): string[] {
  return readme
    .split('\n')
    .filter((line) => line.startsWith('    '))
    .map((line) => line.slice(4))
    .filter((line) => prefix.test(line));
}

/**
 * The shape of an example line: every number (a count, a time, a port, a price) stands for any number, `...` for
 * anything; the words, the columns and their spacing must be as printed.
 */
function shapeOf(example: string): RegExp {
  const pattern = example
    .split(/(\.\.\.|\d[\d,.]*\d|\d)/u)
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[\\^$.*+?()[\]{}|/]/gu, '\\$&');
      return part === '...' ? '.*' : '\\d[\\d,.]*';
    })
    .join('');
  return new RegExp(`^${pattern}$`, 'u');
}

describe('shapeOf', () => {
  it('lets numbers and ... vary, and nothing else', () => {
    const shape = shapeOf('[4/5] x published (en, es; 8,206 characters sent, ~$0.00) (1.3s) {"a":1,...}');

    expect(shape.test('[1/12] x published (en, es; 52 characters sent, ~$12.50) (10.0s) {"a":1,"b":2}')).toBe(
      true,
    );
    expect(shape.test('[1/12] x published (en, es; 52 characters, ~$12.50) (10.0s) {"a":1}')).toBe(false);
    expect(shape.test('[1/12] y published (en, es; 52 characters sent, ~$12.50) (10.0s) {"a":1}')).toBe(
      false,
    );
  });
});

describe.skipIf(!hasPairs)("the README's example lines, as the commands print them today", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-readme-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('polybrief run: the progress line per article and the line per article on stdout', async () => {
    const examples = exampleLines(/^\[\d+\/\d+\] /u);
    expect(examples.length).toBeGreaterThan(0);

    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'bin/polybrief.mjs'),
        'run',
        join(root, 'samples/articles'),
        '--languages',
        'es,ca',
        '--out',
        join(work, 'out'),
      ],
      { cwd: work, timeout: 120_000 },
    );

    const printed = stderr.split('\n');
    for (const example of examples)
      expect(
        printed.some((line) => shapeOf(example).test(line)),
        `${example}\n---\n${stderr}`,
      ).toBe(true);
    // As the README says: id, languages and the HTML page's path, tab-separated.
    for (const line of stdout.trim().split('\n'))
      expect(line).toMatch(/^[a-z0-9-]+\ten,es,ca\tout\/published\/[a-z0-9-]+\/en\.html$/u);
  }, 150_000);

  it('polybrief dev: the event and published lines for an upload of article.txt', async () => {
    const examples = exampleLines(/^(event|published) {2,}/u);
    expect(examples.map((line) => line.split(' ')[0])).toEqual(['event', 'published']);
    const dev = startDev(
      ['--port', '0', '--data', join(work, 'data'), '--languages', 'es,ca'],
      devEnvironment(work),
      work,
    );
    try {
      const endpoint = await dev.endpoint();
      const client = createS3Client({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        forcePathStyle: true,
      });
      const article = await readFile(join(root, 'samples/articles/harbour-ferry-returns.txt'));
      await client.send(
        new PutObjectCommand({ Bucket: 'polybrief-local', Key: 'incoming/article.txt', Body: article }),
      );
      client.destroy();
      await dev.line(/^published /u, 60_000);

      for (const example of examples)
        expect(
          dev.lines.some((line) => shapeOf(example).test(line)),
          `${example}\n---\n${dev.lines.join('\n')}`,
        ).toBe(true);
    } finally {
      await killHard(dev);
    }
  }, 90_000);
});
