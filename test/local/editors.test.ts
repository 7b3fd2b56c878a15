/**
 * Issue 17 end to end, as a newsroom would do it: `polybrief dev` (its local S3 endpoint, the Lambda handler, the
 * Amazon Translate adapter aimed at a loopback Translate server that counts requests) driven with the real AWS CLI:
 * an editor's correction (republished with no Translate request, learned for the next article), a bad edit,
 * per-upload metadata, and two articles published at once that both reach the feed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleJson, FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { awsCli, hasAwsCli } from '../support/aws-cli.js';
import { type DevProcess, devEnvironment, killHard, startDev } from '../support/dev-process.js';
import {
  atomProblems,
  feedEntries,
  sitemapLocations,
  sitemapProblems,
} from '../support/syndication-checks.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';
import { root } from './helpers.js';

if (!hasAwsCli) console.warn('Skipping the editors end-to-end tests: the AWS CLI (aws) is not installed.');

const base = 'https://news.example.org/';
const bucket = 's3://polybrief-local';

describe.skipIf(!hasAwsCli)('editors in the loop, through polybrief dev and the AWS CLI', () => {
  let work: string;
  let translate: TranslateProtocolServer;
  let dev: DevProcess;
  let aws: (...args: string[]) => Promise<string>;
  const lines = (pattern: RegExp) => dev.lines.filter((line) => pattern.test(line));
  const json = async <T>(key: string): Promise<T> =>
    JSON.parse(await aws('s3', 'cp', `${bucket}/${key}`, '-')) as T;
  const sample = (name: string) => join(root, 'samples/articles', name);

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-editors-'));
    translate = await startTranslateProtocolServer();
    const args = ['--port', '0', '--data', join(work, 'data'), '--translator', 'aws', '--languages', 'es,fr'];
    dev = startDev(
      [...args, '--public-base-url', base],
      devEnvironment(work, { AWS_ENDPOINT_URL_TRANSLATE: translate.endpoint }),
      work,
    );
    aws = awsCli(await dev.endpoint(), work);
    await aws('s3', 'cp', sample('wang-yi-moscow-visit.txt'), `${bucket}/incoming/wang-yi-moscow-visit.txt`);
    await dev.line(/^published +wang-yi-moscow-visit /, 60_000);
  }, 90_000);
  afterAll(async () => {
    await killHard(dev);
    await translate.close();
    await rm(work, { recursive: true, force: true });
  });

  it('republishes a corrected language with no Translate request, and the next article gets the correction', async () => {
    await aws('s3', 'cp', `${bucket}/published/wang-yi-moscow-visit/es.json`, join(work, 'es.json'));
    const download = JSON.parse(await readFile(join(work, 'es.json'), 'utf8')) as ArticleJson;
    const corrected = 'Wang Yi, el ministro chino de Exteriores, viajó a Moscú.';
    const edited = structuredClone(download) as unknown as { body: { sentences: { text: string }[] }[] };
    (edited.body[0]?.sentences[0] as { text: string }).text = corrected;
    await writeFile(join(work, 'es.json'), JSON.stringify(edited, null, 2));
    translate.reset();

    await aws('s3', 'cp', join(work, 'es.json'), `${bucket}/edits/wang-yi-moscow-visit/es.json`);
    await dev.until(() => lines(/^published +wang-yi-moscow-visit /).length === 2, 30_000);

    expect(translate.requests).toHaveLength(0);
    const spanish = await json<ArticleJson>('published/wang-yi-moscow-visit/es.json');
    expect(spanish.body[0]?.sentences[0]).toMatchObject({ text: corrected, review: 'reviewed' });
    expect(spanish.body[0]?.sentences[1]?.review).toBe('machine');
    const manifest = await json<ManifestJson>('published/wang-yi-moscow-visit/manifest.json');
    expect(manifest.edits.map((edit) => edit.key)).toEqual(['edits/wang-yi-moscow-visit/es.json']);
    expect(manifest.translation.languages.es?.reviewedSentences).toBe(1);
    expect(await aws('s3', 'cp', `${bucket}/published/wang-yi-moscow-visit/es.html`, '-')).toContain(
      'viajó a Moscú',
    );

    // A second article that repeats the corrected sentence: the memory answers it with the editor's wording.
    const english = await json<ArticleJson>('published/wang-yi-moscow-visit/en.json');
    const sentence = english.body[0]?.sentences[0]?.text ?? '';
    await writeFile(
      join(work, 'follow-up.txt'),
      `The visit goes on\n\n${sentence} Talks went on into the night.\n`,
    );
    await aws('s3', 'cp', join(work, 'follow-up.txt'), `${bucket}/incoming/follow-up.txt`);
    await dev.line(/^published +follow-up /, 30_000);

    const followUp = await json<ArticleJson>('published/follow-up/es.json');
    expect(followUp.body[0]?.sentences[0]).toMatchObject({ text: corrected, review: 'reviewed' });
    const spanishRequests = translate.requests.filter((request) => request.targetLanguage === 'es');
    expect(spanishRequests.some((request) => request.text.includes('Talks went on into the night.'))).toBe(
      true,
    );
    expect(
      translate.requests
        .filter((request) => request.targetLanguage === 'es')
        .some((request) => request.text.includes(sentence)),
    ).toBe(false);
  }, 90_000);

  it('refuses an edit that does not match, with a record under failed/edits/, and changes nothing published', async () => {
    const before = await aws(
      's3api',
      'head-object',
      '--bucket',
      'polybrief-local',
      '--key',
      'published/wang-yi-moscow-visit/fr.json',
    );
    await writeFile(
      join(work, 'bad.json'),
      JSON.stringify({ body: [{ sentences: [{ id: 'p99s1', text: 'Rien.' }] }] }),
    );

    await aws('s3', 'cp', join(work, 'bad.json'), `${bucket}/edits/wang-yi-moscow-visit/fr.json`);
    const line = await dev.line(/^failed +wang-yi-moscow-visit /, 30_000);

    expect(line).toContain('invalid-edit');
    const record = await json<FailedRecordJson>('failed/edits/wang-yi-moscow-visit/fr.json');
    expect(record.error.code).toBe('invalid-edit');
    expect(record.problems).toEqual(['p99s1: no such sentence in fr.json']);
    const after = await aws(
      's3api',
      'head-object',
      '--bucket',
      'polybrief-local',
      '--key',
      'published/wang-yi-moscow-visit/fr.json',
    );
    expect(JSON.parse(after).ETag).toBe(JSON.parse(before).ETag);
  }, 60_000);

  it('publishes the languages and scope an upload chose with --metadata, and refuses a bad value naming it', async () => {
    await aws(
      's3',
      'cp',
      sample('city-budget-vote.md'),
      `${bucket}/incoming/`,
      '--metadata',
      'languages=fr,scope=brief',
    );
    await dev.line(/^published +city-budget-vote-md /, 30_000);
    await aws(
      's3',
      'cp',
      sample('harbour-ferry-returns.txt'),
      `${bucket}/incoming/`,
      '--metadata',
      'scope=short',
    );
    const failed = await dev.line(/^failed +harbour-ferry-returns /, 30_000);

    const manifest = await json<ManifestJson>('published/city-budget-vote-md/manifest.json');
    expect(manifest.languages).toEqual(['en', 'fr']);
    expect(manifest.translation.scope).toBe('brief');
    expect((await json<ArticleJson>('published/city-budget-vote-md/fr.json')).body).toEqual([]);
    expect(failed).toContain('invalid-metadata');
    const record = await json<FailedRecordJson>('failed/harbour-ferry-returns.json');
    expect(record.problems?.[0]).toMatch(/^metadata "scope": expected full or brief.*got "short"\.$/u);
  }, 60_000);

  it('puts two articles published at once into the feed and the sitemap', async () => {
    for (const name of ['one', 'two'])
      await writeFile(
        join(work, `${name}.txt`),
        `Story ${name} of the night\n\nThe ${name} story happened on Monday. It was covered by the desk.\n`,
      );

    await Promise.all(
      ['one', 'two'].map((name) => aws('s3', 'cp', join(work, `${name}.txt`), `${bucket}/incoming/`)),
    );
    await dev.line(/^published +one /, 30_000);
    await dev.line(/^published +two /, 30_000);

    const feed = await aws('s3', 'cp', `${bucket}/published/feeds/es.xml`, '-');
    expect(atomProblems(feed)).toEqual([]);
    const pages = feedEntries(feed).map((entry) => entry.href);
    expect(pages).toEqual(
      expect.arrayContaining([`${base}published/one/es.html`, `${base}published/two/es.html`]),
    );
    expect(pages).toContain(`${base}published/wang-yi-moscow-visit/es.html`);
    const sitemap = await aws('s3', 'cp', `${bucket}/published/sitemap.xml`, '-');
    expect(sitemapProblems(sitemap)).toEqual([]);
    expect(sitemapLocations(sitemap)).toEqual(
      expect.arrayContaining([`${base}published/one/fr.html`, `${base}published/two/fr.html`]),
    );
  }, 60_000);
});
