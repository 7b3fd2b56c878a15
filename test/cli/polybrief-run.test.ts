import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import type { ArticleJson, FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { expectValidOutputs, objectsUnder } from '../contract/validate.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/polybrief.mjs');
const samples = join(root, 'samples/articles');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function polybrief(args: readonly string[], cwd = root): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd,
      maxBuffer: 1 << 24,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const modes = await listApertiumModes();
const hasPairs = modes?.includes('eng-spa') === true && modes.includes('eng-cat');
if (!hasPairs) {
  console.warn(
    'Skipping polybrief run end-to-end tests: apertium with eng-spa and eng-cat is not installed (sudo apt-get install apertium apertium-eng-spa apertium-eng-cat).',
  );
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const sentenceIds = (article: ArticleJson) =>
  article.body.flatMap((paragraph) => paragraph.sentences.map((sentence) => sentence.id));

const work = await mkdtemp(join(tmpdir(), 'polybrief-run-'));

describe('polybrief run', () => {
  afterAll(async () => {
    // Every document any run wrote follows its schema, and every manifest describes its objects exactly.
    for (const entry of await readdir(work)) {
      if (entry.endsWith('-out')) expectValidOutputs(await objectsUnder(join(work, entry)));
    }
    await rm(work, { recursive: true, force: true });
  });

  describe.skipIf(!hasPairs)('on the samples with real Apertium', () => {
    let result: Result;
    let out: string;
    beforeAll(async () => {
      out = join(work, 'samples-out');
      result = await polybrief(['run', samples, '--out', out, '--languages', 'es,ca']);
    }, 120_000);

    it('publishes every sample in en, es and ca and exits 0', async () => {
      expect(result.code, result.stderr).toBe(0);
      const articles = (await readdir(samples)).length;
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(articles);
      for (const line of lines) {
        const [id, languages, html] = line.split('\t');
        expect(languages).toBe('en,es,ca');
        expect(resolve(root, html ?? '')).toBe(join(out, 'published', id ?? '', 'en.html'));
        const manifest = await readJson<ManifestJson>(join(out, 'published', id ?? '', 'manifest.json'));
        expect(manifest.status).toBe('complete');
        expect(manifest.artefacts).toHaveLength(7);
      }
      expect(result.stderr).toContain(`[${articles}/${articles}]`);
    });

    it('translates the seed: ids aligned with the source, headline translated and keeping Putin, lang set', async () => {
      const folder = join(out, 'published', 'wang-yi-moscow-visit');
      const en = await readJson<ArticleJson>(join(folder, 'en.json'));
      for (const language of ['es', 'ca']) {
        const translated = await readJson<ArticleJson>(join(folder, `${language}.json`));
        expect(translated.language).toBe(language);
        expect(sentenceIds(translated)).toEqual(sentenceIds(en));
        expect(translated.headline.text).not.toBe(en.headline.text);
        expect(translated.headline.text).toContain('Putin');
        expect(translated.translation?.engine).toBe('apertium');
        const html = await readFile(join(folder, `${language}.html`), 'utf8');
        expect(html).toMatch(new RegExp(`<html lang="${language}" dir="ltr">`, 'u'));
      }
    });
  });

  it('records a bad file under failed/, still publishes the others and exits 1', async () => {
    const inputs = join(work, 'mixed');
    const out = join(work, 'mixed-out');
    await mkdir(inputs, { recursive: true });
    await writeFile(
      join(inputs, 'good.txt'),
      'A good headline\n\nThe council met on Monday. It approved the plan.\n',
    );
    await writeFile(join(inputs, 'empty.txt'), '');

    const result = await polybrief([
      'run',
      join(inputs, 'good.txt'),
      join(inputs, 'empty.txt'),
      '--out',
      out,
      '--languages',
      'es',
    ]);

    expect(result.code).toBe(1);
    const record = await readJson<FailedRecordJson>(join(out, 'failed', 'empty.json'));
    expect(record.error.code).toBe('empty');
    expect(record.input).toBe('empty.txt');
    const manifest = await readJson<ManifestJson>(join(out, 'published', 'good', 'manifest.json'));
    expect(manifest.languages[0]).toBe('en');
    expect(await readFile(join(inputs, 'empty.txt'), 'utf8')).toBe('');
  }, 60_000);

  it.skipIf(!hasPairs)(
    "applies a folder's edits/<id>/<lang>.json after its articles, to the output folder",
    async () => {
      const folder = join(work, 'desk');
      const out = join(work, 'desk-out');
      await mkdir(join(folder, 'edits', 'harbour-ferry-returns'), { recursive: true });
      await writeFile(
        join(folder, 'harbour-ferry-returns.txt'),
        await readFile(join(samples, 'harbour-ferry-returns.txt')),
      );
      const first = await polybrief(['run', folder, '--out', out, '--languages', 'es']);
      expect(first.code).toBe(0);
      const spanish = await readJson<ArticleJson>(join(out, 'published/harbour-ferry-returns/es.json'));
      const edited = structuredClone(spanish) as unknown as { headline: { text: string } };
      edited.headline.text = 'El ferri del puerto vuelve';
      await writeFile(join(folder, 'edits/harbour-ferry-returns/es.json'), JSON.stringify(edited));

      const second = await polybrief(['run', folder, '--out', out, '--languages', 'es']);

      expect(second.code).toBe(0);
      expect(second.stderr).toMatch(/harbour-ferry-returns unchanged since it was last published/u);
      expect(second.stderr).toMatch(/harbour-ferry-returns published \(en, es; 0 characters sent/u);
      const corrected = await readJson<ArticleJson>(join(out, 'published/harbour-ferry-returns/es.json'));
      expect(corrected.headline).toMatchObject({ text: 'El ferri del puerto vuelve', review: 'reviewed' });
    },
  );

  it('rejects unknown languages as a usage error listing the supported ones', async () => {
    const result = await polybrief(['run', samples, '--languages', 'xx', '--out', join(work, 'unused')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Supported: es, ca, gl, eo/u);
  });

  it('describes every command with --help', async () => {
    for (const args of [['--help'], ['run', '--help'], ['facts', '--help']]) {
      const result = await polybrief(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: polybrief/u);
    }
  });

  describe('without Apertium', () => {
    it('names the packages to install, still publishes the source language and exits 0', async () => {
      // A PATH with node and sh only: no apertium, no apt-get, so nothing can be installed.
      const bin = join(work, 'bare-bin');
      await mkdir(bin, { recursive: true });
      await symlink(process.execPath, join(bin, 'node'));
      await symlink('/bin/sh', join(bin, 'sh'));
      const out = join(work, 'no-apertium-out');

      const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
        (done) => {
          execFile(
            process.execPath,
            [
              join(root, 'bin/polybrief.mjs'),
              'run',
              join(samples, 'harbour-ferry-returns.txt'),
              '--out',
              out,
              '--install-missing',
            ],
            { cwd: root, env: { ...process.env, PATH: bin } },
            (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
          );
        },
      );

      expect(code, stderr).toBe(0);
      expect(stderr).toMatch(
        /Apertium is not installed.*sudo apt-get install apertium apertium-eng-spa apertium-eng-cat/u,
      );
      expect(stdout.split('\t')[1]).toBe('en');
      const manifest = await readJson<ManifestJson>(
        join(out, 'published/harbour-ferry-returns/manifest.json'),
      );
      expect(manifest.languages).toEqual(['en']);
    });
  });
});
