import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionEventJson, ManifestJson } from '../../functions/core/contract.js';
import { publishWithScriptServer, seedArticle } from '../html/sample-pages.js';
import { expectValidEvents, expectValidOutputs, objectsUnder } from './validate.js';

describe('polybrief run --events FILE', () => {
  let work: string;
  let out: string;
  let events: CompletionEventJson[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-run-events-'));
    out = join(work, 'out');
    const empty = join(work, 'empty.txt');
    await writeFile(empty, '');
    const file = join(work, 'events.jsonl');
    await expect(
      publishWithScriptServer([seedArticle, empty], out, ['es'], ['--events', file]),
    ).rejects.toThrow('exited 1');
    events = expectValidEvents(await readFile(file, 'utf8')) as CompletionEventJson[];
  }, 60_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('appends one valid event per article: ArticlePublished for a set, ArticleFailed for a failure', () => {
    const byType = Object.fromEntries(events.map((event) => [event['detail-type'], event.detail]));
    expect(events).toHaveLength(2);
    expect(byType.ArticlePublished).toMatchObject({
      articleId: 'wang-yi-moscow-visit',
      status: 'complete',
      key: 'published/wang-yi-moscow-visit/manifest.json',
      sourceKey: 'incoming/wang-yi-moscow-visit.txt',
      languages: ['en', 'es'],
    });
    expect(byType.ArticleFailed).toMatchObject({
      articleId: 'empty',
      status: 'failed',
      key: 'failed/empty.json',
    });
  });

  it('names in each event an object that exists, with the same status and time', async () => {
    for (const { detail } of events) {
      const path = join(out, detail.key);
      expect(existsSync(path)).toBe(true);
      const document = JSON.parse(await readFile(path, 'utf8')) as
        | ManifestJson
        | { status: 'failed'; failedAt: string };
      expect(document.status).toBe(detail.status);
      expect('publishedAt' in document ? document.publishedAt : document.failedAt).toBe(detail.time);
    }
    expectValidOutputs(await objectsUnder(out));
  });
});
