import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../functions/shared/options/problems.js';
import { DEFAULT_CACHE_EXPIRATION_DAYS } from '../../infra/article-pipeline.js';
import { parsePipelineContext } from '../../infra/pipeline-context.js';
import { resolveDeploymentSettings } from '../../infra/pipeline-settings.js';
import { cdkJsonContext } from './support.js';

describe('parsePipelineContext', () => {
  it("reads cdk.json's defaults as the pipeline's own defaults", () => {
    const { props, unknownKeys } = parsePipelineContext(cdkJsonContext());

    expect(props).toEqual({
      languages: ['es', 'fr', 'de', 'ru', 'zh', 'ar'],
      sourceLanguage: 'en',
      maxArticleBytes: 2_097_152,
      maxCharactersPerArticle: 14_000_000,
      dailyCharacterBudget: 20_000_000,
      translationScope: 'full',
      cacheExpirationDays: DEFAULT_CACHE_EXPIRATION_DAYS,
    });
    expect(unknownKeys).toEqual([]);
    expect(resolveDeploymentSettings(props)).toEqual(resolveDeploymentSettings({}));
  });

  it('reads the strings `cdk -c key=value` passes', () => {
    const { props } = parsePipelineContext({
      languages: 'es, fr-ca,ZH-TW',
      sourceLanguage: 'auto',
      formality: 'es=informal,fr-CA:FORMAL',
      profanity: 'es',
      terminology: 'es=newsroom-es,fr-ca:newsroom-fr',
      maxArticleBytes: '1048576',
      reservedConcurrency: '8',
      alarmEmail: 'desk@example.org',
      maxConcurrency: '4',
      translateConcurrency: '6',
      translationScope: 'Brief',
      batchSize: '2',
      logLevel: 'debug',
      pricePerMillionCharacters: '15.5',
      cacheExpirationDays: '90',
    });

    expect(props).toEqual({
      languages: ['es', 'fr-CA', 'zh-TW'],
      sourceLanguage: 'auto',
      translationSettings: {
        es: { formality: 'INFORMAL', profanity: 'MASK' },
        'fr-CA': { formality: 'FORMAL' },
      },
      terminologies: { es: 'newsroom-es', 'fr-CA': 'newsroom-fr' },
      maxArticleBytes: 1_048_576,
      reservedConcurrency: 8,
      alarmEmail: 'desk@example.org',
      maxConcurrency: 4,
      translateConcurrency: 6,
      translationScope: 'brief',
      batchSize: 2,
      logLevel: 'DEBUG',
      pricePerMillionCharacters: 15.5,
      cacheExpirationDays: 90,
    });
  });

  it('reads JSON lists and maps, from cdk.json or a JSON string', () => {
    const { props } = parsePipelineContext({
      languages: '["de","es"]',
      formality: { de: 'FORMAL' },
      profanity: { es: 'MASK' },
    });

    expect(props.translationSettings).toEqual({ de: { formality: 'FORMAL' }, es: { profanity: 'MASK' } });
  });

  it('treats empty strings and null as unset, so -c alarmEmail= clears a default', () => {
    expect(
      parsePipelineContext({ alarmEmail: '', reservedConcurrency: null, terminology: ' ' }).props,
    ).toEqual({});
  });

  it('turns the translation memory expiry off with 0, null or an empty value', () => {
    for (const value of [0, '0', null, '']) {
      expect(parsePipelineContext({ cacheExpirationDays: value }).props.cacheExpirationDays).toBe(0);
    }
    expect(parsePipelineContext({}).props).not.toHaveProperty('cacheExpirationDays');
  });

  it('names the key and the allowed values of a translation scope or expiry it cannot use', () => {
    expect(() => parsePipelineContext({ translationScope: 'summary' })).toThrow(
      /^Invalid CDK context "translationScope": expected full or brief \(full translates the whole article; brief only the headline, summary, quotes and the names in the facts\), got "summary"\.$/,
    );
    expect(() => parsePipelineContext({ translationScope: 1 })).toThrow(
      /"translationScope": expected full or brief/,
    );
    for (const value of ['a year', '-1', 1.5]) {
      expect(() => parsePipelineContext({ cacheExpirationDays: value })).toThrow(
        `Invalid CDK context "cacheExpirationDays": expected a whole number of days such as 365, or 0 to keep the translation memory forever, got ${JSON.stringify(value)}.`,
      );
    }
  });

  it('names the key and lists Amazon Translate codes for an unknown language', () => {
    const attempt = () => parsePipelineContext({ languages: 'es,fr,xx' });

    expect(attempt).toThrow(InvalidOptionsError);
    expect(attempt).toThrow(
      /^Invalid CDK context "languages": Unknown language code "xx" in context "languages"\. Amazon Translate supports: af \(Afrikaans\),/,
    );
  });

  it('names the key of a setting for a language that is not translated into', () => {
    expect(() => parsePipelineContext({ languages: 'es', formality: 'de=FORMAL' })).toThrow(
      'Invalid CDK context "formality": de is not one of the target languages (es).',
    );
    expect(() => parsePipelineContext({ profanity: 'it' })).toThrow(
      'Invalid CDK context "profanity": it is not one of the target languages (es, fr, de, ru, zh, ar).',
    );
  });

  it('reads one terminology per target language, or one for every language', () => {
    expect(parsePipelineContext({ terminology: 'newsroom-names' }).props.terminologies).toEqual({
      '*': 'newsroom-names',
    });
    expect(
      parsePipelineContext({ terminology: { de: 'names-de', es: 'names-es' } }).props.terminologies,
    ).toEqual({ de: 'names-de', es: 'names-es' });
    // A list, as the key took before: one name is one for every language.
    expect(parsePipelineContext({ terminology: ['newsroom-names'] }).props.terminologies).toEqual({
      '*': 'newsroom-names',
    });
  });

  it('refuses two terminologies for one target language at synth, since a request applies only one', () => {
    const twoFor = (which: string, names: string) =>
      `Invalid CDK context "terminology": ${which} would get 2 terminologies (${names}), but Amazon Translate applies one per request: name at most one per target language, e.g. "es=newsroom-es,fr=newsroom-fr".`;

    expect(() => parsePipelineContext({ terminology: 'es=names-a,es=names-b' })).toThrow(
      twoFor('es', 'names-a, names-b'),
    );
    expect(() => parsePipelineContext({ terminology: 'newsroom-names,es=names-es' })).toThrow(
      twoFor('es', 'newsroom-names, names-es'),
    );
    expect(() => parsePipelineContext({ terminology: ['newsroom-names', 'sports'] })).toThrow(
      twoFor('every target language', 'newsroom-names, sports'),
    );
    expect(() => parsePipelineContext({ languages: 'es', terminology: 'fr=names-fr' })).toThrow(
      'Invalid CDK context "terminology": fr is not one of the target languages (es).',
    );
    expect(() => resolveDeploymentSettings({ terminologies: { '*': 'newsroom', de: 'names-de' } })).toThrow(
      'Invalid terminologies: de would get 2 terminologies (newsroom, names-de)',
    );
  });

  it('names the key of a malformed value', () => {
    expect(() => parsePipelineContext({ formality: 'de=POLITE' })).toThrow(
      'Invalid CDK context "formality": de must be FORMAL or INFORMAL, got "POLITE".',
    );
    expect(() => parsePipelineContext({ maxArticleBytes: '2MB' })).toThrow(
      'Invalid CDK context "maxArticleBytes": expected a whole number of at least 1, got "2MB".',
    );
    expect(() => parsePipelineContext({ alarmEmail: 'desk' })).toThrow(/^Invalid CDK context "alarmEmail"/);
    expect(() => parsePipelineContext({ languages: '["es"' })).toThrow(
      /"languages": \["es" is not valid JSON/,
    );
  });

  it('reports keys that look like settings but are not read', () => {
    const { unknownKeys } = parsePipelineContext({
      language: 'es',
      '@aws-cdk/core:checkSecretUsage': true,
      'cli-telemetry': false,
    });

    expect(unknownKeys).toEqual(['language']);
  });
});
