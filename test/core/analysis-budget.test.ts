import { describe, expect, it } from 'vitest';
import type { FailedRecordJson } from '../../functions/core/contract.js';
import { processArticle } from '../../functions/core/pipeline.js';
import type { Clock } from '../../functions/core/ports.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { silentLogger, testSettings } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';

/** A clock that moves on by `stepMs` every time it is read: time passes only as the pipeline looks at it. */
function steppingClock(stepMs: number): Clock {
  let now = Date.parse('2024-01-01T00:00:00Z');
  return {
    now: () => {
      now += stepMs;
      return new Date(now);
    },
  };
}

const article = (paragraphs: number): string =>
  `Council approves harbour plan\n\n${Array.from(
    { length: paragraphs },
    (_, i) => `The council met for the ${i + 1}th time on the harbour plan. Residents asked questions.`,
  ).join('\n\n')}\n`;

describe('the analysis time budget', () => {
  it('ends an analysis that runs past its budget in a failed record, before any translation', async () => {
    const store = new MemoryArticleStore();
    const translator = new TaggingTranslator();
    const body = article(3);
    store.upload('incoming/slow.txt', body);

    const outcome = await processArticle(
      { key: 'incoming/slow.txt' },
      testSettings({ analysisBudgetMs: 2_500 }),
      { store, translator, clock: steppingClock(1_000), logger: silentLogger },
    );

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'analysis-too-slow' } });
    const record = store.json<FailedRecordJson>('failed/slow.json');
    expect(record.error.message).toMatch(/longer than its 2\.5 s budget/u);
    expect(record.error.hint).not.toBe('');
    expect(translator.requests).toEqual([]);
    expect(store.keys('published/')).toEqual([]);
    expect(new TextDecoder().decode(store.objects.get('incoming/slow.txt')?.body)).toBe(body);
  });

  it('looks at the clock between the blocks of a long article, so it stops inside a stage', async () => {
    const store = new MemoryArticleStore();
    store.upload('incoming/long.txt', article(1_000));

    const outcome = await processArticle(
      { key: 'incoming/long.txt' },
      testSettings({ analysisBudgetMs: 100, maxArticleBytes: 1_000_000 }),
      { store, translator: new TaggingTranslator(), clock: steppingClock(1), logger: silentLogger },
    );

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'analysis-too-slow' } });
    expect(store.json<FailedRecordJson>('failed/long.json').error.message).toContain(
      'while reading its structure',
    );
  });

  it('looks at the clock while the facts are extracted, so a slow facts stage stops inside it', async () => {
    const store = new MemoryArticleStore();
    // One block, so parsing reads the clock a few times only; thousands of sentences for the facts.
    const body = `Council approves harbour plan\n\n${'Residents asked the council. '.repeat(4_000)}\n`;
    store.upload('incoming/sentences.txt', body);
    let reads = 0;
    const clock = steppingClock(1);
    const counting: Clock = {
      now: () => {
        reads++;
        return clock.now();
      },
    };

    const outcome = await processArticle(
      { key: 'incoming/sentences.txt' },
      testSettings({ analysisBudgetMs: 40, maxArticleBytes: 1_000_000 }),
      { store, translator: new TaggingTranslator(), clock: counting, logger: silentLogger },
    );

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'analysis-too-slow' } });
    expect(store.json<FailedRecordJson>('failed/sentences.json').error.message).toContain(
      'while extracting its facts',
    );
    // Stopped about 40 clock reads in: well before the thousands of sentences were all gone through.
    expect(reads).toBeLessThan(60);
  });

  it('publishes an article analysed within its budget', async () => {
    const store = new MemoryArticleStore();
    store.upload('incoming/quick.txt', article(20));

    const outcome = await processArticle({ key: 'incoming/quick.txt' }, testSettings(), {
      store,
      translator: new TaggingTranslator(),
      clock: steppingClock(1),
      logger: silentLogger,
    });

    expect(outcome.status).toBe('published');
  });
});
