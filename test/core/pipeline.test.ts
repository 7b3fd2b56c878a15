import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleJson, FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { TranslationError } from '../../functions/core/errors.js';
import { sha256Hex } from '../../functions/core/hashing.js';
import { processArticle } from '../../functions/core/pipeline.js';
import type { PipelineEvent } from '../../functions/core/ports.js';
import { expectValidOutputs } from '../contract/validate.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, testSettings } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';

const seed = readFileSync(new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url));
const seedKey = 'incoming/wang-yi-moscow-visit.txt';
const folder = 'published/wang-yi-moscow-visit/';

const settings = testSettings();
const clock = fixedClock();

describe('processArticle', () => {
  let store: MemoryArticleStore;
  let translator: TaggingTranslator;
  const deps = () => ({ store, translator, clock, logger: silentLogger });

  beforeEach(() => {
    store = new MemoryArticleStore();
    translator = new TaggingTranslator();
  });

  // Every document the pipeline wrote follows its schema, and every manifest describes its objects exactly.
  afterEach(() => {
    expectValidOutputs(store.current());
  });

  it('publishes JSON and HTML for the source and every target language, manifest last', async () => {
    const upload = store.upload(seedKey, seed);

    const outcome = await processArticle(
      { key: seedKey, versionId: upload.versionId ?? '' },
      settings,
      deps(),
    );

    expect(outcome.status).toBe('published');
    expect(store.keys(folder)).toEqual(
      ['ca.html', 'ca.json', 'en.html', 'en.json', 'es.html', 'es.json', 'index.html', 'manifest.json'].map(
        (name) => folder + name,
      ),
    );
    expect(store.keys('published/feeds/')).toEqual(
      ['ca', 'en', 'es'].map((language) => `published/feeds/${language}.xml`),
    );
    expect(store.writes.at(-1)).toBe(`${folder}manifest.json`);
    const manifest = store.json<ManifestJson>(`${folder}manifest.json`);
    expect(manifest.status).toBe('complete');
    expect(manifest.languages).toEqual(['en', 'es', 'ca']);
    expect(manifest.source).toMatchObject({
      key: seedKey,
      versionId: upload.versionId,
      sha256: sha256Hex(seed),
      bytes: seed.length,
    });
    for (const artefact of manifest.artefacts) {
      expect(sha256Hex(store.objects.get(artefact.key)?.body ?? new Uint8Array())).toBe(artefact.sha256);
    }
    expect(store.objects.get(`${folder}es.html`)?.contentType).toBe('text/html; charset=utf-8');
    expect(store.objects.get(`${folder}es.json`)?.contentType).toBe('application/json');
  });

  it('aligns sentence ids across languages and reuses the body translations for summary and facts', async () => {
    store.upload(seedKey, seed);

    await processArticle({ key: seedKey }, settings, deps());

    const en = store.json<ArticleJson>(`${folder}en.json`);
    const es = store.json<ArticleJson>(`${folder}es.json`);
    const ids = (article: ArticleJson) =>
      article.body.flatMap((paragraph) => paragraph.sentences.map((sentence) => sentence.id));
    expect(ids(es)).toEqual(ids(en));
    expect(es.headline.text).toBe(`[es] ${en.headline.text}`);
    expect(es.translation).toEqual({ engine: 'tagging', scope: 'full' });
    expect(en.translation).toBeNull();
    for (const item of es.summary) {
      const sentence = es.body
        .flatMap((paragraph) => paragraph.sentences)
        .find((candidate) => candidate.id === item.sentenceId);
      expect(item.text).toBe(sentence?.text);
    }
    expect(es.languages.map((link) => link.language)).toEqual(['en', 'es', 'ca']);
  });

  it('sends each distinct text once per language, in one request', async () => {
    store.upload(
      'incoming/repeat.txt',
      'Repeats\n\nThe same sentence. The same sentence.\n\nThe same sentence. Another one.',
    );

    await processArticle({ key: 'incoming/repeat.txt' }, settings, deps());

    expect(translator.requests.map((request) => request.targetLanguage).sort()).toEqual(['ca', 'es']);
    for (const request of translator.requests) {
      expect(new Set(request.segments).size).toBe(request.segments.length);
      expect(request.segments.filter((segment) => segment === 'The same sentence.')).toHaveLength(1);
    }
  });

  it('records a bad upload under failed/ with what to do, and leaves the upload untouched', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    store.upload('incoming/photo.txt', png);

    const outcome = await processArticle({ key: 'incoming/photo.txt' }, settings, deps());

    expect(outcome.status).toBe('failed');
    const record = store.json<FailedRecordJson>('failed/photo.json');
    expect(record.error.code).toBe('binary');
    expect(record.error.message).toContain('PNG');
    expect(record.error.hint).not.toBe('');
    expect(record.input).toBe('photo.txt');
    expect(store.objects.get('incoming/photo.txt')?.body).toEqual(png);
    expect(store.keys('published/')).toEqual([]);
    expect(translator.requests).toEqual([]);
  });

  it('refuses an article written in another language than the configured source', async () => {
    store.upload(
      'incoming/noticia.txt',
      'Le conseil municipal adopte le budget\n\nLe conseil municipal de Lyon a adopté lundi soir le budget de l’année ' +
        'prochaine, après un débat de quatre heures. Le texte prévoit la construction de deux nouvelles lignes de bus et ' +
        'la rénovation de trois écoles du centre-ville. « C’est un budget juste et responsable », a déclaré la maire.',
    );

    const outcome = await processArticle({ key: 'incoming/noticia.txt' }, settings, deps());

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'wrong-language' } });
    expect(translator.requests).toEqual([]);
  });

  it('refuses a file with a headline and no article text', async () => {
    store.upload('incoming/headline-only.txt', 'Council approves budget\n');

    const outcome = await processArticle({ key: 'incoming/headline-only.txt' }, settings, deps());

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'no-sentences' } });
  });

  it('refuses an article over the size limit before reading it', async () => {
    store.upload('incoming/big.txt', `Big\n\n${'word '.repeat(30_000)}`);

    const outcome = await processArticle({ key: 'incoming/big.txt' }, settings, deps());

    expect(outcome.status).toBe('failed');
    expect(store.json<FailedRecordJson>('failed/big.json').error.code).toBe('too-large');
    // Named as the deployment names it, unless the caller says how its users name settings.
    expect(store.json<FailedRecordJson>('failed/big.json').error.hint).toContain('(maxArticleBytes)');
    await processArticle(
      { key: 'incoming/big.txt' },
      { ...settings, nameOf: (option) => `<${option}>` },
      deps(),
    );
    expect(store.json<FailedRecordJson>('failed/big.json').error.hint).toContain('(<maxArticleBytes>)');
  });

  it('records an upload that vanished before it was read', async () => {
    const outcome = await processArticle({ key: 'incoming/gone.txt' }, settings, deps());
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'not-found' } });
  });

  it('does nothing for a duplicate delivery of a version already published', async () => {
    store.upload(seedKey, seed);
    await processArticle({ key: seedKey }, settings, deps());
    const writes = store.writes.length;
    const requests = translator.requests.length;

    const outcome = await processArticle({ key: seedKey }, settings, deps());

    expect(outcome.status).toBe('unchanged');
    expect(store.writes.length).toBe(writes);
    expect(translator.requests.length).toBe(requests);
  });

  it('republishes a new version of the same key, even with the same bytes', async () => {
    store.upload(seedKey, seed);
    await processArticle({ key: seedKey }, settings, deps());
    const second = store.upload(seedKey, seed);

    const outcome = await processArticle(
      { key: seedKey, versionId: second.versionId ?? '' },
      settings,
      deps(),
    );

    expect(outcome.status).toBe('published');
    expect(store.json<ManifestJson>(`${folder}manifest.json`).source.versionId).toBe(second.versionId);
  });

  it('publishes the other languages when one fails, and says which failed and whether to retry', async () => {
    store.upload(seedKey, seed);
    translator.failing.set('ca', new TranslationError('Throttled for too long.', true));

    const outcome = await processArticle({ key: seedKey }, settings, deps());

    expect(outcome).toMatchObject({ status: 'partial', retryable: true, languages: ['en', 'es'] });
    const manifest = store.json<ManifestJson>(`${folder}manifest.json`);
    expect(manifest.status).toBe('partial');
    expect(manifest.errors).toEqual([
      { language: 'ca', message: 'Throttled for too long.', retryable: true, previous: null },
    ]);
    expect(store.keys(folder)).not.toContain(`${folder}ca.json`);
  });

  it('tells the event sink of every published set and failed article, after the manifest or record exists', async () => {
    store.upload(seedKey, seed);
    store.upload('incoming/empty.txt', '');
    const events: PipelineEvent[] = [];
    const sink = {
      publish: async (event: PipelineEvent) => {
        expect(store.objects.has(event.detail.key)).toBe(true);
        events.push(event);
      },
    };

    await processArticle({ key: seedKey }, settings, { ...deps(), events: sink });
    await processArticle({ key: 'incoming/empty.txt' }, settings, { ...deps(), events: sink });

    expect(events.map((event) => [event.type, event.detail.status, event.detail.key])).toEqual([
      ['ArticlePublished', 'complete', `${folder}manifest.json`],
      ['ArticleFailed', 'failed', 'failed/empty.json'],
    ]);
    expect(events[0]?.detail.languages).toEqual(['en', 'es', 'ca']);
  });

  it('still publishes when the event sink fails', async () => {
    store.upload(seedKey, seed);
    const sink = { publish: () => Promise.reject(new Error('EventBridge unavailable')) };

    const outcome = await processArticle({ key: seedKey }, settings, { ...deps(), events: sink });

    expect(outcome.status).toBe('published');
  });

  it('ignores keys outside the incoming prefix, so its own outputs never trigger it', async () => {
    const outcome = await processArticle({ key: `${folder}en.json` }, settings, deps());
    expect(outcome.status).toBe('ignored');
    expect(store.writes).toEqual([]);
  });
});
