import { describe, expect, it } from 'vitest';
import { parseLambdaConfig } from '../../functions/lambda/config.js';

const minimal = { SOURCE_LANGUAGE: 'en', TARGET_LANGUAGES: 'es,fr,zh-tw' };

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
    expect(config.translateConcurrency).toBe(10);
  });

  it('reads per-language settings and terminologies', () => {
    const config = parseLambdaConfig({
      ...minimal,
      SOURCE_LANGUAGE: 'auto',
      TRANSLATE_SETTINGS: '{"es":{"formality":"FORMAL"},"fr":{"profanity":"MASK"}}',
      TERMINOLOGY_NAMES: 'newsroom, ',
    });
    expect(config.pipeline.sourceLanguage).toBe('auto');
    expect(config.translateSettings).toEqual({ es: { formality: 'FORMAL' }, fr: { profanity: 'MASK' } });
    expect(config.terminologyNames).toEqual(['newsroom']);
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
      /SOURCE_LANGUAGE is not set[\s\S]*"klingon" in TARGET_LANGUAGES[\s\S]*MAX_ARTICLE_BYTES[\s\S]*formality must be FORMAL or INFORMAL[\s\S]*CACHE_PREFIX/u,
    );
  });
});
