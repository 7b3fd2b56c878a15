import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValidOutputs, objectsUnder } from '../contract/validate.js';
import { buildHostilePages } from './hostile-pages.js';
import { checkWithNu, type NuReport, summarize } from './nu-checker.js';
import {
  apertiumLanguages,
  htmlFilesUnder,
  missingTool,
  publishWithApertium,
  publishWithScriptServer,
  root,
  sampleArticles,
} from './sample-pages.js';

const noJava = missingTool(
  'java',
  ['-version'],
  'the Nu Html Checker runs on Java 11+: apt-get install default-jre-headless',
);
const apertium = await apertiumLanguages();
// .ci/run installs Java and Apertium: in CI a missing tool is a failure, not a reason to skip or check less.
if ((noJava || !apertium) && process.env.CI) {
  throw new Error(
    `The Nu Html Checker test cannot run fully in CI: ${noJava ?? 'apertium is not installed'}.`,
  );
}
if (noJava) console.warn(`Skipping the Nu Html Checker test: ${noJava}.`);
if (!apertium) {
  console.warn('The Nu Html Checker test checks no Apertium pages: apertium with eng-spa is not installed.');
}

/** Languages through the loopback Translate server: right-to-left, Cyrillic and CJK scripts. */
const scriptLanguages = ['ar', 'he', 'fa', 'ur', 'ru', 'zh', 'ja'];
const reportDir = join(root, 'out/html-check');

describe.skipIf(noJava !== undefined)('pages, checked by the W3C Nu Html Checker', () => {
  let work: string;
  let pages: string[];
  let control: string;
  let report: NuReport;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-nu-'));
    const runs: Promise<void>[] = [
      publishWithScriptServer([sampleArticles], join(work, 'scripts'), scriptLanguages),
    ];
    if (apertium) runs.push(publishWithApertium([sampleArticles], join(work, 'apertium'), apertium));
    await Promise.all(runs);
    for (const [key, html] of await buildHostilePages()) {
      const path = join(work, 'hostile', key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, html);
    }
    for (const run of ['scripts', 'apertium']) {
      if (run === 'apertium' && !apertium) continue;
      expectValidOutputs(await objectsUnder(join(work, run)));
    }
    pages = await htmlFilesUnder(work);
    // A page with known errors, checked in the same run: proves the checker reports what it finds.
    control = join(work, 'control.html');
    await writeFile(
      control,
      '<!DOCTYPE html><html lang="en"><title>x</title><p><div>block in p</p></div><a href=x onclick>',
    );
    report = await checkWithNu([...pages, control]);
    await mkdir(reportDir, { recursive: true });
    const pageReport = {
      ...report,
      errors: report.errors.filter((error) => !error.url?.endsWith('control.html')),
    };
    const summary = summarize({ ...pageReport, documents: pages.length });
    await writeFile(join(reportDir, 'summary.txt'), `${summary}\n`);
    await writeFile(join(reportDir, 'vnu-report.json'), `${JSON.stringify(report.messages, null, 2)}\n`);
    console.log(summary.split('\n')[0]);
  }, 120_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('checks every page the samples produce in every language, the hostile corpus and the index pages', async () => {
    const samples = (await readdir(sampleArticles)).length;
    // Each run publishes the source language, its targets and the index for each of the samples.
    const perArticle = 1 + scriptLanguages.length + 1 + (apertium ? 1 + apertium.length + 1 : 0);
    const hostile = join(work, 'hostile');
    expect(pages.filter((page) => !page.startsWith(hostile))).toHaveLength(samples * perArticle);
    expect(pages.filter((page) => page.startsWith(hostile))).toHaveLength(16);
    expect(pages.some((page) => page.endsWith('/ar.html'))).toBe(true);
    expect(pages.some((page) => page.endsWith('/index.html'))).toBe(true);
  });

  it('finds no errors in any of them', () => {
    const errors = report.errors.filter((error) => !error.url?.endsWith('control.html'));
    expect(errors.map((error) => `${error.url}:${error.lastLine} ${error.message}`)).toEqual([]);
  });

  it('does report the errors of a broken page checked in the same run', () => {
    expect(report.errors.filter((error) => error.url?.endsWith('control.html')).length).toBeGreaterThan(0);
  });
});
