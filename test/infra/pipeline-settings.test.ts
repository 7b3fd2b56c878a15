import { describe, expect, it } from 'vitest';
import type { TranslationScope } from '../../functions/core/contract.js';
import { prefixesOverlap } from '../../functions/shared/options/prefixes.js';
import { InvalidOptionsError } from '../../functions/shared/options/problems.js';
import { DEFAULT_TRANSLATE_CONCURRENCY } from '../../functions/shared/translate-concurrency.js';
import { DEFAULT_PIPELINE_PREFIXES, validatePipelinePrefixes } from '../../infra/pipeline-prefixes.js';
import { resolveDeploymentSettings } from '../../infra/pipeline-settings.js';

describe('resolveDeploymentSettings', () => {
  it('fills in the documented defaults', () => {
    const settings = resolveDeploymentSettings({});

    expect(settings).toMatchObject({
      languages: ['es', 'fr', 'de', 'ru', 'zh', 'ar'],
      sourceLanguage: 'en',
      translationSettings: {},
      terminologies: {},
      maxArticleBytes: 2_097_152,
      translateConcurrency: 50,
      translationScope: 'full',
      pricePerMillionCharacters: 15,
      logLevel: 'INFO',
      batchSize: 1,
      maxConcurrency: 5,
      reservedConcurrency: undefined,
      maxReceiveCount: 3,
      prefixes: { incoming: 'incoming/', published: 'published/', failed: 'failed/', cache: 'cache/' },
    });
  });

  it("takes the Amazon Translate adapter's concurrency as its default", () => {
    expect(resolveDeploymentSettings({}).translateConcurrency).toBe(DEFAULT_TRANSLATE_CONCURRENCY);
  });

  it('accepts brief scope and rejects a scope the function does not know', () => {
    expect(resolveDeploymentSettings({ translationScope: 'brief' }).translationScope).toBe('brief');
    expect(() => resolveDeploymentSettings({ translationScope: 'summary' as TranslationScope })).toThrow(
      'Invalid translationScope: expected full or brief, got "summary".',
    );
  });

  it('canonicalizes and de-duplicates the languages', () => {
    expect(resolveDeploymentSettings({ languages: ['ES', 'zh-tw', 'es'] }).languages).toEqual([
      'es',
      'zh-TW',
    ]);
  });

  it('rejects an unknown language with the list of Amazon Translate codes', () => {
    expect(() => resolveDeploymentSettings({ languages: ['es', 'klingon'] })).toThrow(InvalidOptionsError);
    expect(() => resolveDeploymentSettings({ sourceLanguage: 'xx' })).toThrow(
      /in sourceLanguage\. .*auto \(detect\)/,
    );
  });

  it('rejects settings for a language that is not translated into', () => {
    expect(() =>
      resolveDeploymentSettings({ languages: ['es'], translationSettings: { fr: { formality: 'FORMAL' } } }),
    ).toThrow('Invalid translationSettings: fr is not one of the target languages (es).');
  });

  it('rejects formality where Amazon Translate would ignore it', () => {
    expect(() => resolveDeploymentSettings({ translationSettings: { ru: { formality: 'FORMAL' } } })).toThrow(
      /ignores formality for ru; it applies to nl, fr, fr-CA, de/,
    );
  });

  it('rejects a reserved concurrency below the event source maximum concurrency', () => {
    expect(() => resolveDeploymentSettings({ reservedConcurrency: 3 })).toThrow(InvalidOptionsError);
    expect(() => resolveDeploymentSettings({ reservedConcurrency: 3 })).toThrow(/below maxConcurrency \(5\)/);
    expect(resolveDeploymentSettings({ reservedConcurrency: 5 }).reservedConcurrency).toBe(5);
  });

  it('rejects an event source concurrency Lambda does not accept', () => {
    expect(() => resolveDeploymentSettings({ maxConcurrency: 1 })).toThrow(
      'Invalid maxConcurrency: expected a whole number from 2 to 1000, got 1.',
    );
  });

  it('rejects a terminology name Amazon Translate would not accept', () => {
    expect(() => resolveDeploymentSettings({ terminologies: { es: 'newsroom names' } })).toThrow(
      /Invalid terminologies: "newsroom names" is not an Amazon Translate terminology name/,
    );
  });

  it('sizes the timeout from the analysis budget, and refuses one Lambda could not wait for', () => {
    const settings = resolveDeploymentSettings({ languages: ['es'], maxArticleBytes: 50_000 });
    expect(settings.analysisBudgetMs).toBe(120_000);
    const longer = resolveDeploymentSettings({
      languages: ['es'],
      maxArticleBytes: 50_000,
      analysisBudgetMs: 420_000,
    });
    // 30 + 420 + 1 + 1 s of translation and memory: 452 s → 480 s, where the 2-minute budget gives 180 s.
    expect(longer.sizing.timeoutSeconds).toBe(480);
    expect(() => resolveDeploymentSettings({ analysisBudgetMs: 500 })).toThrow(
      'Invalid analysisBudgetMs: expected a whole number of milliseconds from 1000 to 600000 (10 minutes), got 500.',
    );
    // Ten minutes of analysis and a 3 MiB article in six languages: more than Lambda's 15 minutes.
    expect(() =>
      resolveDeploymentSettings({ analysisBudgetMs: 600_000, maxArticleBytes: 3_145_728 }),
    ).toThrow(/analysis up to 600 s\), over Lambda's 900 s limit/u);
  });

  it('sizes the function from the resolved settings', () => {
    expect(resolveDeploymentSettings({ languages: ['es'], maxArticleBytes: 50_000 }).sizing).toEqual({
      translateRequestsPerArticle: 10,
      // One language: the adapter's 10 per language, not the 50 in all.
      translateParallelism: 10,
      memoryRequestsPerArticle: 1329,
      timeoutSeconds: 180,
      memorySizeMiB: 1024,
      heapMiB: 768,
      visibilityTimeoutSeconds: 1080,
    });
  });
});

describe('validatePipelinePrefixes', () => {
  it('accepts the defaults, none of which overlaps another', () => {
    expect(() => validatePipelinePrefixes(DEFAULT_PIPELINE_PREFIXES)).not.toThrow();
  });

  it('rejects an output prefix inside incoming/, which would make the function trigger itself', () => {
    expect(() =>
      validatePipelinePrefixes({ ...DEFAULT_PIPELINE_PREFIXES, cache: 'incoming/cache/' }),
    ).toThrow('The incoming prefix "incoming/" and the cache prefix "incoming/cache/" overlap');
    expect(() => resolveDeploymentSettings({ prefixes: { published: 'incoming/out/' } })).toThrow();
  });

  it('rejects a prefix that is not a folder', () => {
    expect(() => validatePipelinePrefixes({ ...DEFAULT_PIPELINE_PREFIXES, failed: 'failed' })).toThrow(
      /The failed prefix "failed" must be a relative folder ending with "\/"/,
    );
    expect(() =>
      validatePipelinePrefixes({ ...DEFAULT_PIPELINE_PREFIXES, incoming: '/incoming/' }),
    ).toThrow();
  });

  it('treats prefixes as overlapping when one starts with the other', () => {
    expect(prefixesOverlap('in/', 'in/x/')).toBe(true);
    expect(prefixesOverlap('in/', 'inbox/')).toBe(false);
  });
});
