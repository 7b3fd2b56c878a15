import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonLinesEventSink } from '../../functions/adapters/json-lines-event-sink.js';
import type { PipelineEvent } from '../../functions/core/ports.js';
import { expectValidEvents } from '../contract/validate.js';

const event = (articleId: string, type: PipelineEvent['type'] = 'ArticlePublished'): PipelineEvent => ({
  type,
  detail: {
    articleId,
    status: type === 'ArticleFailed' ? 'failed' : 'complete',
    bucket: '/tmp/out',
    sourceKey: `incoming/${articleId}.txt`,
    key: type === 'ArticleFailed' ? `failed/${articleId}.json` : `published/${articleId}/manifest.json`,
    languages: type === 'ArticleFailed' ? [] : ['en', 'es'],
    time: '2024-01-01T00:00:00.000Z',
  },
});

describe('JsonLinesEventSink', () => {
  let work: string;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-events-'));
  });

  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('appends each event as one line in the contract shape, creating the folder, whole under concurrency', async () => {
    const path = join(work, 'nested/events.jsonl');
    const sink = new JsonLinesEventSink(path);

    await Promise.all(Array.from({ length: 20 }, (_, index) => sink.publish(event(`article-${index}`))));
    await sink.publish(event('broken', 'ArticleFailed'));

    const lines = expectValidEvents(await readFile(path, 'utf8')) as { detail: { articleId: string } }[];
    expect(lines).toHaveLength(21);
    expect(new Set(lines.map((line) => line.detail.articleId)).size).toBe(21);
    expect(lines.at(-1)).toMatchObject({ 'detail-type': 'ArticleFailed', source: 'polybrief' });
  });

  it('keeps what an earlier run appended', async () => {
    const path = join(work, 'events.jsonl');
    await new JsonLinesEventSink(path).publish(event('first'));

    await new JsonLinesEventSink(path).publish(event('second'));

    expect(expectValidEvents(await readFile(path, 'utf8'))).toHaveLength(2);
  });
});
