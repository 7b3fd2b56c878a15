import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRANSLATE_CONCURRENCY,
  DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
} from '../../functions/shared/translate-concurrency.js';
import { FunctionSizingError, sizeFunction } from '../../infra/function-sizing.js';

describe('sizeFunction', () => {
  it('gives a 2 MiB article in six languages 7 minutes, 1024 MiB (768 of heap) and a 42-minute visibility timeout', () => {
    expect(
      sizeFunction({
        maxArticleBytes: 2_097_152,
        targetLanguageCount: 6,
        translateConcurrency: 50,
        translateConcurrencyPerLanguage: 10,
        batchSize: 1,
      }),
    ).toEqual({
      // Translate: 6 × ceil(2097152 / 5000) = 2520 requests, min(50, 6 × 10) = 50 at a time: 51 s.
      translateRequestsPerArticle: 2520,
      translateParallelism: 50,
      // Memory: ceil(6 × ceil(2097152 / 80) × 2 × (1 + 1/16)) = 334242 requests, 32 at a time, 20 ms: 209 s.
      memoryRequestsPerArticle: 334_242,
      // 30 + 120 (analysis budget) + 51 + 209 = 410 s → 420 s.
      timeoutSeconds: 420,
      // 2 × (40 + 2 × (56 + 4 × 6)) + 256 = 656 MiB, at least 1024; the heap is all but the 256 MiB off-heap.
      memorySizeMiB: 1024,
      heapMiB: 768,
      visibilityTimeoutSeconds: 2520,
    });
  });

  it('leaves room in the timeout for the analysis budget it is given', () => {
    const input = {
      maxArticleBytes: 2_097_152,
      targetLanguageCount: 6,
      translateConcurrency: 50,
      translateConcurrencyPerLanguage: 10,
      batchSize: 1,
    };

    // The default budget: 30 + 120 + 51 + 209 = 410 s → 420 s.
    expect(sizeFunction(input).timeoutSeconds).toBe(420);
    // A 5-minute budget: 30 + 300 + 51 + 209 = 590 s → 600 s; a 10-second one: 300 s.
    expect(sizeFunction({ ...input, analysisBudgetMs: 300_000 }).timeoutSeconds).toBe(600);
    expect(sizeFunction({ ...input, analysisBudgetMs: 10_000 }).timeoutSeconds).toBe(300);
  });

  it("defaults to the Amazon Translate adapter's limits", () => {
    const input = { maxArticleBytes: 2_097_152, targetLanguageCount: 6, batchSize: 1 };

    expect(sizeFunction(input)).toEqual(
      sizeFunction({
        ...input,
        translateConcurrency: DEFAULT_TRANSLATE_CONCURRENCY,
        translateConcurrencyPerLanguage: DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
      }),
    );
  });

  it('counts on no more requests at once than the per-language limit allows for the languages', () => {
    const input = { maxArticleBytes: 2_097_152, translateConcurrency: 50, batchSize: 1 };
    const two = sizeFunction({ ...input, targetLanguageCount: 2, translateConcurrencyPerLanguage: 10 });
    const six = sizeFunction({ ...input, targetLanguageCount: 6, translateConcurrencyPerLanguage: 10 });

    // Two languages, 10 each: 20 at a time, not 50. 840 requests: 42 s; memory 111414 requests: 70 s; with the
    // fixed 30 s and the 120 s analysis budget, 262 s.
    expect(two.translateParallelism).toBe(20);
    expect(two.timeoutSeconds).toBe(300);
    expect(six.translateParallelism).toBe(50);
    // Overall limit binding, fewer requests at once, longer: 2520 requests 10 at a time are 252 s.
    expect(sizeFunction({ ...input, targetLanguageCount: 6, translateConcurrency: 10 }).timeoutSeconds).toBe(
      660,
    );
  });

  it('grows memory with the article, the number of languages and the batch', () => {
    // 2 × (40 + 2 × 4 MiB × (56 + 4 × 2)) + 256 = 1360 → 1408 (a multiple of 64); heap 1408 − 256.
    const sizing = sizeFunction({
      maxArticleBytes: 4 * 1_048_576,
      targetLanguageCount: 2,
      translateConcurrency: 50,
      batchSize: 2,
    });

    expect(sizing.memorySizeMiB).toBe(1408);
    expect(sizing.heapMiB).toBe(1152);
  });

  it('multiplies the time by the batch size', () => {
    const one = sizeFunction({
      maxArticleBytes: 100_000,
      targetLanguageCount: 6,
      translateConcurrency: 10,
      batchSize: 1,
    });
    const four = sizeFunction({
      maxArticleBytes: 100_000,
      targetLanguageCount: 6,
      translateConcurrency: 10,
      batchSize: 4,
    });

    // 6 × 20 = 120 requests, 10 at a time: 12 s; memory: 15938 requests, 32 at a time: 10 s;
    // 30 + 120 + 12 + 10 = 172 s.
    expect(one.timeoutSeconds).toBe(180);
    expect(four.timeoutSeconds).toBe(720);
    expect(four.visibilityTimeoutSeconds).toBe(6 * 720);
  });

  it("refuses an article that cannot be translated within Lambda's 15 minutes", () => {
    const attempt = () =>
      sizeFunction({
        maxArticleBytes: 2_097_152,
        targetLanguageCount: 75,
        translateConcurrency: 10,
        batchSize: 1,
      });

    expect(attempt).toThrow(FunctionSizingError);
    expect(attempt).toThrow(
      /31500 Translate requests, 10 at a time.*over Lambda's 900 s limit\. Lower maxArticleBytes/,
    );
  });

  it("refuses an article whose working set exceeds Lambda's 10 GiB", () => {
    expect(() =>
      sizeFunction({
        maxArticleBytes: 64 * 1_048_576,
        targetLanguageCount: 10,
        translateConcurrency: 100,
        batchSize: 1,
      }),
    ).toThrow(/MiB, over Lambda's 10240 MiB limit/);
  });
});
