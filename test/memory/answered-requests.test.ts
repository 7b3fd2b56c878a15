import '../support/quiet-aws-sdk.js';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AmazonTranslateTranslator } from '../../functions/adapters/amazon-translate-translator.js';
import { createTranslateClient } from '../../functions/adapters/aws-clients.js';
import type { ManifestJson } from '../../functions/core/contract.js';
import { processArticle } from '../../functions/core/pipeline.js';
import { TranslationMemory } from '../../functions/core/translate/translation-memory.js';
import { recordOutcome } from '../../functions/lambda/outcome-metrics.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, TEST_MEMORY_KEY, testSettings } from '../doubles/pipeline-fixture.js';
import { loopbackClientOptions } from '../support/dummy-aws.js';
import {
  type LoggedRequest,
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

/** 48 distinct sentences in 8 paragraphs: several requests per language at the small request size below. */
const sentences = Array.from(
  { length: 48 },
  (_, i) => `The harbour board approved item ${i + 1} of the budget after a short debate on Monday.`,
);
const article = `Harbour board approves the budget\n\n${Array.from({ length: 8 }, (_, p) =>
  sentences.slice(p * 6, p * 6 + 6).join(' '),
).join('\n\n')}\n`;
const key = 'incoming/harbour-budget.txt';
const manifestKey = 'published/harbour-budget/manifest.json';
/** The French request carrying this sentence fails, for good on the first delivery: a server error. */
const FAILING = 'item 30 of';

/** The segments (lines) of the requests for a language that the server answered. */
const answeredLines = (requests: readonly LoggedRequest[], language: string) =>
  requests
    .filter((request) => request.targetLanguage === language && request.outcome === 'ok')
    .flatMap((request) => request.text.split('\n'));

describe('a language that fails after some of its requests were answered', () => {
  let server: TranslateProtocolServer;
  let failing = true;
  beforeAll(async () => {
    server = await startTranslateProtocolServer({
      faults: {
        custom: (request) =>
          failing && request.TargetLanguageCode === 'fr' && request.Text.includes(FAILING)
            ? { status: 500, type: 'InternalServerException', message: 'An internal error occurred.' }
            : undefined,
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    failing = true;
  });

  it('counts what it was billed, and a redelivery sends only what was not answered', async () => {
    const store = new MemoryArticleStore();
    store.upload(key, article);
    const engine = new AmazonTranslateTranslator({
      client: createTranslateClient(loopbackClientOptions(server.endpoint, { maxAttempts: 1 })),
      // One request at a time per language, so the requests before the failing one are answered, those after not.
      concurrencyPerLanguage: 1,
      maxRequestBytes: 600,
    });
    const deps = {
      store,
      translator: new TranslationMemory(engine, { store, prefix: 'cache/', memoryKey: TEST_MEMORY_KEY }),
      clock: fixedClock(),
      logger: silentLogger,
    };
    const settings = testSettings({ targetLanguages: ['es', 'fr'] });

    const partial = await processArticle({ key }, settings, deps);

    expect(partial).toMatchObject({ status: 'partial', retryable: true });
    const firstAnswered = answeredLines(server.requests, 'fr');
    expect(firstAnswered.length).toBeGreaterThan(0);
    // The manifest, the outcome and the metrics count the characters the failed language was billed.
    const billed = server.requests
      .filter((request) => request.targetLanguage === 'fr' && request.outcome === 'ok')
      .reduce((sum, request) => sum + request.characters, 0);
    expect(billed).toBeGreaterThan(0);
    const manifest = store.json<ManifestJson>(manifestKey);
    expect(manifest.errors.map((error) => error.language)).toEqual(['fr']);
    expect(manifest.translation.languages.fr).toMatchObject({
      charactersSent: billed,
      charactersFromMemory: 0,
    });
    expect(manifest.translation.languages.fr?.requests).toBeGreaterThan(1);
    expect(manifest.translation.languages.fr?.estimatedCostUsd).toBeCloseTo((billed / 1e6) * 15, 6);
    if (partial.status !== 'partial') throw new Error('unreachable');
    expect(partial.usage.fr?.charactersSent).toBe(billed);
    const metrics = new Metrics({ namespace: 'Polybrief', serviceName: 'polybrief' });
    recordOutcome(metrics, partial);
    const sent = (metrics.serializeMetrics() as unknown as { CharactersSent: number | number[] })
      .CharactersSent;
    expect(sent).toContain(billed);

    // The redelivery: the fault is gone; Spanish comes from memory, French sends only what was never answered.
    failing = false;
    server.reset();
    const outcome = await processArticle({ key }, settings, deps);

    expect(outcome.status).toBe('published');
    const resent = answeredLines(server.requests, 'fr');
    expect(resent.length).toBeGreaterThan(0);
    expect(resent.filter((line) => firstAnswered.includes(line))).toEqual([]);
    expect(server.requests.filter((request) => request.targetLanguage === 'es')).toEqual([]);
    const completed = store.json<ManifestJson>(manifestKey);
    expect(completed.status).toBe('complete');
    expect(completed.translation.languages.fr?.charactersFromMemory).toBeGreaterThan(0);
    expect(store.text('published/harbour-budget/fr.json')).toContain(`[fr] ${sentences[0]}`);
  });
});
