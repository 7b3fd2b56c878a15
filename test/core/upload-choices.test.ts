import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleJson, FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { processObject } from '../../functions/core/pipeline.js';
import type { TranslationRequest, TranslationResult } from '../../functions/core/ports.js';
import {
  type Terminologies,
  terminologyFor,
  terminologyNames,
} from '../../functions/shared/options/translate-values.js';
import { expectValidOutputs } from '../contract/validate.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, testSettings } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';

const seed = readFileSync(new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url));
const key = 'incoming/wang-yi-moscow-visit.txt';
const folder = 'published/wang-yi-moscow-visit/';

/** Applies the terminology of each language it is asked for, saying so in every translation. */
class TerminologyTranslator extends TaggingTranslator {
  constructor(readonly terminologies: Terminologies = {}) {
    super();
  }
  override settingsFor(targetLanguage: string): string {
    return `${super.settingsFor(targetLanguage)};terminology=${terminologyFor(this.terminologies, targetLanguage) ?? ''}`;
  }
  override async translate(request: TranslationRequest): Promise<TranslationResult> {
    const result = await super.translate(request);
    const terminology = terminologyFor(this.terminologies, request.targetLanguage);
    return {
      ...result,
      translations: result.translations.map((text) => (terminology ? `${text} {${terminology}}` : text)),
    };
  }
  withTerminologies(terminologies: Terminologies): TerminologyTranslator {
    if (terminologyNames(terminologies).some((name) => name !== 'newsroom-names'))
      throw new RangeError('not a terminology this deployment reads.');
    return new TerminologyTranslator(terminologies);
  }
}

describe('choices per upload (S3 user metadata)', () => {
  let store: MemoryArticleStore;
  let translator: TaggingTranslator;
  const deps = () => ({ store, translator, clock: fixedClock(), logger: silentLogger });
  const settings = testSettings({ targetLanguages: ['es', 'ca'] });

  beforeEach(() => {
    store = new MemoryArticleStore();
    translator = new TaggingTranslator();
  });
  afterEach(() => {
    expectValidOutputs(store.current());
  });

  it('publishes the languages and scope an upload chose instead of the deployment’s', async () => {
    store.upload(key, seed, undefined, { languages: 'es', scope: 'Brief', author: 'not ours, ignored' });

    const outcome = await processObject({ key }, settings, deps());

    expect(outcome).toMatchObject({ status: 'published', languages: ['en', 'es'] });
    const manifest = store.json<ManifestJson>(`${folder}manifest.json`);
    expect(manifest.translation.scope).toBe('brief');
    expect(store.json<ArticleJson>(`${folder}es.json`).body).toEqual([]);
    expect(store.keys(`${folder}ca`)).toEqual([]);
    // Plain and tagged segments (names kept) go as two requests of the one language.
    expect(new Set(translator.requests.map((request) => request.targetLanguage))).toEqual(new Set(['es']));
  });

  it('refuses values the options’ rules refuse, naming each by its metadata key, and publishes nothing', async () => {
    store.upload(key, seed, undefined, { languages: 'es,xx', scope: 'short' });

    const outcome = await processObject({ key }, settings, deps());

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'invalid-metadata' } });
    const record = store.json<FailedRecordJson>('failed/wang-yi-moscow-visit.json');
    expect(record.problems).toHaveLength(2);
    expect(record.problems?.[0]).toMatch(/^metadata "languages": .*xx/u);
    expect(record.problems?.[1]).toBe(
      'metadata "scope": expected full or brief (full translates the whole article; brief only the headline, summary, quotes and the names in the facts), got "short".',
    );
    expect(store.keys('published/')).toEqual([]);
    expect(translator.requests).toEqual([]);
  });

  it('translates with the terminology an upload chose, when the engine has it', async () => {
    translator = new TerminologyTranslator();
    store.upload(key, seed, undefined, { terminology: 'newsroom-names' });

    await processObject({ key }, settings, deps());

    expect(store.json<ArticleJson>(`${folder}es.json`).headline.text).toMatch(/\{newsroom-names\}$/u);
    expect(store.json<ArticleJson>(`${folder}ca.json`).headline.text).toMatch(/\{newsroom-names\}$/u);
  });

  it("applies an upload's terminology map in place of the deployment's, one per language", async () => {
    translator = new TerminologyTranslator({ es: 'sport-terms', ca: 'sport-terms' });
    store.upload(key, seed, undefined, { terminology: 'es=newsroom-names' });

    await processObject({ key }, settings, deps());

    // es takes the upload's terminology; ca, which the upload's map does not name, gets none.
    expect(store.json<ArticleJson>(`${folder}es.json`).headline.text).toMatch(/\{newsroom-names\}$/u);
    expect(store.json<ArticleJson>(`${folder}ca.json`).headline.text).not.toMatch(/\{/u);
  });

  it('refuses a terminology map naming two for one language or a language the upload is not translated into', async () => {
    translator = new TerminologyTranslator();
    store.upload(key, seed, undefined, { languages: 'es', terminology: 'ca=newsroom-names' });
    const twice = new MemoryArticleStore();
    twice.upload(key, seed, undefined, { terminology: 'es=newsroom-names,es=sport-terms' });

    const outside = await processObject({ key }, settings, deps());
    const two = await processObject({ key }, settings, { ...deps(), store: twice });

    expect([outside, two]).toMatchObject([
      { status: 'failed', error: { code: 'invalid-metadata' } },
      { status: 'failed', error: { code: 'invalid-metadata' } },
    ]);
    expect(store.json<FailedRecordJson>('failed/wang-yi-moscow-visit.json').problems).toEqual([
      'metadata "terminology": ca is not one of the target languages (es).',
    ]);
    expect(twice.json<FailedRecordJson>('failed/wang-yi-moscow-visit.json').problems).toEqual([
      expect.stringMatching(
        /^metadata "terminology": es would get 2 terminologies \(newsroom-names, sport-terms\)/u,
      ),
    ]);
    expect(translator.requests).toEqual([]);
  });

  it('refuses a terminology the engine cannot apply', async () => {
    translator = new TerminologyTranslator();
    store.upload(key, seed, undefined, { terminology: 'someone-elses' });
    const plain = new MemoryArticleStore();
    plain.upload(key, seed, undefined, { terminology: 'newsroom-names' });

    const refused = await processObject({ key }, settings, deps());
    const noTerminologies = await processObject({ key }, settings, {
      ...deps(),
      store: plain,
      translator: new TaggingTranslator(),
    });

    expect(refused).toMatchObject({ status: 'failed', error: { code: 'invalid-metadata' } });
    expect(store.json<FailedRecordJson>('failed/wang-yi-moscow-visit.json').problems).toEqual([
      'metadata "terminology": not a terminology this deployment reads.',
    ]);
    expect(noTerminologies).toMatchObject({ status: 'failed', error: { code: 'invalid-metadata' } });
    expect(plain.json<FailedRecordJson>('failed/wang-yi-moscow-visit.json').problems).toEqual([
      'metadata "terminology": the tagging engine applies no custom terminology.',
    ]);
  });

  it('refuses more languages than the function is sized for at this article’s size', async () => {
    store.upload(key, seed, undefined, { languages: 'es,ca,fr,de,it' });

    const outcome = await processObject({ key }, { ...settings, maxArticleBytes: seed.length }, deps());

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'invalid-metadata' } });
  });
});
