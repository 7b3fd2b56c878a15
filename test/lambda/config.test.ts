import { describe, expect, it } from 'vitest';
import { parseLambdaConfig } from '../../functions/lambda/config.js';
import { DEFAULT_TRANSLATE_CONCURRENCY } from '../../functions/shared/translate-concurrency.js';

const minimal = {
  SOURCE_LANGUAGE: 'en',
  TARGET_LANGUAGES: 'es,fr,zh-tw',
  MEMORY_KEY_SECRET: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:MemoryKey-AbCdEf',
};

describe('parseLambdaConfig', () => {
  it('reads a minimal environment with documented defaults', () => {
    const config = parseLambdaConfig(minimal);
    expect(config.pipeline).toMatchObject({
      sourceLanguage: 'en',
      targetLanguages: ['es', 'fr', 'zh-TW'],
      maxArticleBytes: 2_097_152,
      incomingPrefix: 'incoming/',
      publishedPrefix: 'published/',
      failedPrefix: 'failed/',
      translationScope: 'full',
      pricePerMillionCharacters: 15,
    });
    expect(config.cachePrefix).toBe('cache/');
    expect(config.memoryKeySecret).toBe(minimal.MEMORY_KEY_SECRET);
    // The adapter's default, the one the CDK construct sets too.
    expect(config.translateConcurrency).toBe(DEFAULT_TRANSLATE_CONCURRENCY);
    expect(config.translateConcurrency).toBe(50);
  });

  it('reads the analysis time budget, 2 minutes unless the construct set another', () => {
    expect(parseLambdaConfig(minimal).pipeline.analysisBudgetMs).toBe(120_000);
    expect(parseLambdaConfig({ ...minimal, ANALYSIS_BUDGET_MS: '45000' }).pipeline.analysisBudgetMs).toBe(
      45_000,
    );
    expect(() => parseLambdaConfig({ ...minimal, ANALYSIS_BUDGET_MS: 'soon' })).toThrow(
      'ANALYSIS_BUDGET_MS must be a whole number of milliseconds from 1000 to 600000 (10 minutes) (got "soon")',
    );
  });

  it('reads the Translate concurrency and the translation scope', () => {
    const config = parseLambdaConfig({ ...minimal, TRANSLATE_CONCURRENCY: '12', TRANSLATION_SCOPE: 'brief' });

    expect(config.translateConcurrency).toBe(12);
    expect(config.pipeline.translationScope).toBe('brief');
  });

  it('refuses a Translate concurrency that is not a whole number of at least 1, and an unknown scope', () => {
    for (const value of ['0', '2.5', 'many']) {
      expect(() => parseLambdaConfig({ ...minimal, TRANSLATE_CONCURRENCY: value })).toThrow(
        `TRANSLATE_CONCURRENCY must be a whole number of at least 1 (got "${value}")`,
      );
    }
    expect(() => parseLambdaConfig({ ...minimal, TRANSLATION_SCOPE: 'summary' })).toThrow(
      'TRANSLATION_SCOPE must be full or brief (got "summary")',
    );
  });

  it('reads per-language settings and terminologies', () => {
    const config = parseLambdaConfig({
      ...minimal,
      SOURCE_LANGUAGE: 'auto',
      TRANSLATE_SETTINGS: '{"es":{"formality":"FORMAL"},"fr":{"profanity":"MASK"}}',
      TERMINOLOGIES: '{"es":"newsroom-es","fr":"newsroom-fr"}',
    });
    expect(config.pipeline.sourceLanguage).toBe('auto');
    expect(config.translateSettings).toEqual({ es: { formality: 'FORMAL' }, fr: { profanity: 'MASK' } });
    expect(config.terminologies).toEqual({ es: 'newsroom-es', fr: 'newsroom-fr' });
  });

  it('fails fast naming every missing or invalid variable at once', () => {
    expect(() =>
      parseLambdaConfig({
        TARGET_LANGUAGES: 'es,klingon',
        MAX_ARTICLE_BYTES: 'lots',
        TRANSLATE_SETTINGS: '{"es":{"formality":"polite"}}',
        CACHE_PREFIX: 'cache',
      }),
    ).toThrow(
      /SOURCE_LANGUAGE is not set[\s\S]*"klingon" in TARGET_LANGUAGES[\s\S]*MAX_ARTICLE_BYTES[\s\S]*formality must be FORMAL or INFORMAL[\s\S]*CACHE_PREFIX[\s\S]*MEMORY_KEY_SECRET is not set/u,
    );
  });
});
