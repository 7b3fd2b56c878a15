import { describe, expect, it } from 'vitest';
import { FunctionSizingError, sizeFunction } from '../../infra/function-sizing.js';

describe('sizeFunction', () => {
  it('gives a 2 MiB article in six languages 5 minutes, 1024 MiB and a 30-minute visibility timeout', () => {
    expect(
      sizeFunction({
        maxArticleBytes: 2_097_152,
        targetLanguageCount: 6,
        translateConcurrency: 10,
        batchSize: 1,
      }),
    ).toEqual({
      // 6 × ceil(2097152 / 5000) = 2520 requests, 10 at a time: 30 + 252 s → 300 s.
      translateRequestsPerArticle: 2520,
      timeoutSeconds: 300,
      memorySizeMiB: 1024,
      visibilityTimeoutSeconds: 1800,
    });
  });

  it('grows memory with the article and the number of languages', () => {
    // 256 + 2 × (12 + 8 × 20) × 8 MiB = 3008 → 3008 (a multiple of 64).
    const sizing = sizeFunction({
      maxArticleBytes: 8 * 1_048_576,
      targetLanguageCount: 20,
      translateConcurrency: 100,
      batchSize: 1,
    });

    expect(sizing.memorySizeMiB).toBe(3008);
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

    // 6 × 20 = 120 requests: 30 + 12 = 42 s per article.
    expect(one.timeoutSeconds).toBe(60);
    expect(four.timeoutSeconds).toBe(180);
    expect(four.visibilityTimeoutSeconds).toBe(6 * 180);
  });

  it("refuses an article that cannot be translated within Lambda's 15 minutes", () => {
    expect(() =>
      sizeFunction({
        maxArticleBytes: 2_097_152,
        targetLanguageCount: 75,
        translateConcurrency: 10,
        batchSize: 1,
      }),
    ).toThrow(FunctionSizingError);
    expect(() =>
      sizeFunction({
        maxArticleBytes: 2_097_152,
        targetLanguageCount: 75,
        translateConcurrency: 10,
        batchSize: 1,
      }),
    ).toThrow(/over Lambda's 900 s limit\. Lower maxArticleBytes/);
  });

  it("refuses an article whose working set exceeds Lambda's 10 GiB", () => {
    expect(() =>
      sizeFunction({
        maxArticleBytes: 64 * 1_048_576,
        targetLanguageCount: 10,
        translateConcurrency: 1000,
        batchSize: 1,
      }),
    ).toThrow(/MiB limit/);
  });
});
