import '../support/quiet-aws-sdk.js';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AmazonTranslateTranslator } from '../../functions/adapters/amazon-translate-translator.js';
import { createTranslateClient } from '../../functions/adapters/aws-clients.js';
import type { FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { processArticle } from '../../functions/core/pipeline.js';
import { TranslationMemory } from '../../functions/core/translate/translation-memory.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, TEST_MEMORY_KEY, testSettings } from '../doubles/pipeline-fixture.js';
import { loopbackClientOptions } from '../support/dummy-aws.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

const seed = readFileSync(
  new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url),
  'utf8',
);
const key = 'incoming/wang-yi-moscow-visit.txt';
const failedKey = 'failed/wang-yi-moscow-visit.json';
const manifestKey = 'published/wang-yi-moscow-visit/manifest.json';
const lastParagraph = seed.trimEnd().split('\n\n').at(-1) as string;
const corrected = seed.replace(
  lastParagraph,
  'The talks will resume in Beijing next spring, officials said on Friday after the visit ended.',
);

describe('the per-article character budget, with the real Amazon Translate adapter', () => {
  let server: TranslateProtocolServer;
  let store: MemoryArticleStore;
  beforeAll(async () => {
    server = await startTranslateProtocolServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    store = new MemoryArticleStore();
  });

  const deps = (on: MemoryArticleStore = store) => {
    const engine = new AmazonTranslateTranslator({
      client: createTranslateClient(loopbackClientOptions(server.endpoint, { maxAttempts: 1 })),
    });
    return {
      store: on,
      translator: new TranslationMemory(engine, { store: on, prefix: 'cache/', memoryKey: TEST_MEMORY_KEY }),
      clock: fixedClock(),
      logger: silentLogger,
    };
  };

  it('refuses an article over it before any request, naming the figure and the setting', async () => {
    store.upload(key, seed);

    const outcome = await processArticle({ key }, testSettings({ maxCharactersPerArticle: 1_000 }), deps());

    expect(outcome.status).toBe('failed');
    expect(server.requests).toEqual([]);
    const record = store.json<FailedRecordJson>(failedKey);
    expect(record.error.code).toBe('over-budget');
    expect(record.error.message).toMatch(
      /^Translating the article would send [\d,]+ characters to the translation engine \(2 languages together\), over the budget of 1,000 characters per article\. Nothing was sent\.$/u,
    );
    expect(record.error.hint).toMatch(/^Raise maxCharactersPerArticle to at least \d+ /u);
    expect(store.keys('published/')).toEqual([]);
  });

  it('counts only what the memory does not have: a corrected re-upload fits a budget the first upload did not', async () => {
    store.upload(key, seed);
    await processArticle({ key }, testSettings(), deps());
    const full = store.json<ManifestJson>(manifestKey);
    const firstCost = Object.values(full.translation.languages).reduce(
      (sum, language) => sum + (language?.charactersSent ?? 0),
      0,
    );
    const budget = Math.floor(firstCost / 4);
    const elsewhere = new MemoryArticleStore();
    elsewhere.upload(key, seed);
    const firstTime = await processArticle(
      { key },
      testSettings({ maxCharactersPerArticle: budget }),
      deps(elsewhere),
    );
    expect(firstTime.status).toBe('failed');
    server.reset();

    store.upload(key, corrected);
    const outcome = await processArticle({ key }, testSettings({ maxCharactersPerArticle: budget }), deps());

    expect(outcome.status).toBe('published');
    const sent = server.requests.reduce((sum, request) => sum + request.characters, 0);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(budget);
  });
});
