import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleJson, ManifestJson } from '../../functions/core/contract.js';
import { TranslationError } from '../../functions/core/errors.js';
import { inlineHtmlText } from '../../functions/core/inline-html.js';
import { processArticle } from '../../functions/core/pipeline.js';
import { TranslationMemory } from '../../functions/core/translate/translation-memory.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, TEST_MEMORY_KEY, testSettings } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';
import { planted } from './planted-entry.js';

const seed = readFileSync(
  new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url),
  'utf8',
);
const key = 'incoming/wang-yi-moscow-visit.txt';
const folder = 'published/wang-yi-moscow-visit/';
const manifestKey = `${folder}manifest.json`;

/** The seed's paragraph about Malta, and a corrected version of it: the edit of a re-upload. */
const maltaParagraph = seed.split('\n\n').find((paragraph) => paragraph.startsWith('Before Wang')) as string;
const correctedParagraph =
  'Before the trip to Russia, Wang held talks in Valletta with US National Security Adviser Jake Sullivan. ' +
  'Analysts say Beijing is passing messages between Washington and Moscow.';
const corrected = seed.replace(maltaParagraph, correctedParagraph);

const settings = testSettings({ pricePerMillionCharacters: 20 });

const clock = fixedClock();

describe('processArticle with the translation memory', () => {
  let store: MemoryArticleStore;
  let engine: TaggingTranslator;
  const deps = () => ({
    store,
    translator: new TranslationMemory(engine, { store, prefix: 'cache/', memoryKey: TEST_MEMORY_KEY }),
    clock,
    logger: silentLogger,
  });
  /** The texts sent for a language, tagged segments as their text (names stay in their sentences). */
  const sent = (language: string) =>
    engine.requests
      .filter((request) => request.targetLanguage === language)
      .flatMap((r) => (r.format === 'html' ? r.segments.map(inlineHtmlText) : r.segments));
  const requestCharacters = (language: string) =>
    engine.requests
      .filter((request) => request.targetLanguage === language)
      .reduce((sum, r) => sum + r.segments.join('\n').length, 0);

  beforeEach(() => {
    store = new MemoryArticleStore();
    engine = new TaggingTranslator();
  });

  it('after a re-upload with one paragraph changed, sends only that paragraph and names not seen before', async () => {
    store.upload(key, seed);
    await processArticle({ key }, settings, deps());
    const first = new Set(sent('es'));
    engine.requests.length = 0;

    const version = store.upload(key, corrected);
    const outcome = await processArticle({ key, versionId: version.versionId ?? '' }, settings, deps());

    expect(outcome.status).toBe('published');
    const resent = sent('es');
    expect(resent.length).toBeGreaterThan(0);
    for (const segment of resent) {
      expect(correctedParagraph.includes(segment) || !first.has(segment), segment).toBe(true);
    }
    expect(resent).toEqual(
      expect.arrayContaining([
        'Before the trip to Russia, Wang held talks in Valletta with US National Security Adviser Jake Sullivan.',
        'Analysts say Beijing is passing messages between Washington and Moscow.',
      ]),
    );
    expect(resent.join('').length).toBeLessThan([...first].join('').length * 0.1);
    const es = store.json<ArticleJson>(`${folder}es.json`);
    const texts = es.body.flatMap((paragraph) => paragraph.sentences.map((sentence) => sentence.text));
    expect(texts).toContain('[es] Analysts say Beijing is passing messages between Washington and Moscow.');
    expect(texts.every((text) => text.startsWith('[es] '))).toBe(true);
  });

  it('accounts per language for characters sent, characters from memory, requests and cost', async () => {
    store.upload(key, seed);
    await processArticle({ key }, settings, deps());
    const firstManifest = store.json<ManifestJson>(manifestKey);
    const firstCharacters = requestCharacters('es');
    const version = store.upload(key, corrected);

    await processArticle({ key, versionId: version.versionId ?? '' }, settings, deps());

    const first = firstManifest.translation.languages.es;
    // One request of plain text, one of tagged sentences.
    expect(first).toMatchObject({ engine: 'tagging', charactersFromMemory: 0, requests: 2 });
    expect(first?.charactersSent).toBe(firstCharacters);
    expect(first?.estimatedCostUsd).toBeCloseTo(((first?.charactersSent ?? 0) / 1e6) * 20, 6);
    const manifest = store.json<ManifestJson>(manifestKey);
    const second = manifest.translation.languages.es;
    expect(manifest.translation.pricePerMillionCharactersUsd).toBe(20);
    expect(second?.charactersSent).toBeGreaterThan(0);
    expect(second?.charactersSent).toBeLessThan((first?.charactersSent ?? 0) * 0.25);
    expect(second?.charactersFromMemory).toBeGreaterThan((first?.charactersSent ?? 0) * 0.75);
    expect(second?.estimatedCostUsd).toBeCloseTo(((second?.charactersSent ?? 0) / 1e6) * 20, 6);
  });

  it('makes no request and writes nothing for a duplicate event of the same version', async () => {
    const version = store.upload(key, seed);
    await processArticle({ key, versionId: version.versionId ?? '' }, settings, deps());
    const before = store.current();
    const writes = store.writes.length;
    const requests = engine.requests.length;

    const outcome = await processArticle({ key, versionId: version.versionId ?? '' }, settings, deps());

    expect(outcome.status).toBe('unchanged');
    expect(engine.requests.length).toBe(requests);
    expect(store.writes.length).toBe(writes);
    expect(store.current()).toEqual(before);
  });

  it('republishes a new version of the same key, recording it in the manifest', async () => {
    const v1 = store.upload(key, seed);
    await processArticle({ key, versionId: v1.versionId ?? '' }, settings, deps());
    const v2 = store.upload(key, corrected);

    const outcome = await processArticle({ key, versionId: v2.versionId ?? '' }, settings, deps());

    expect(outcome.status).toBe('published');
    const manifest = store.json<ManifestJson>(manifestKey);
    expect(manifest.source.versionId).toBe(v2.versionId);
    expect(store.text(`${folder}en.json`)).toContain('Valletta');
    expect(store.text(`${folder}es.json`)).toContain('[es] Before the trip to Russia');
  });

  it('completes a partial set on redelivery, translating only the language that failed', async () => {
    store.upload(key, seed);
    engine.failing.set('ca', new TranslationError('Throttled for too long.', true));
    const partial = await processArticle({ key }, settings, deps());
    expect(partial).toMatchObject({ status: 'partial', retryable: true });
    const esSent = sent('es').length;
    engine.failing.clear();

    const outcome = await processArticle({ key }, settings, deps());

    expect(outcome).toMatchObject({ status: 'published', languages: ['en', 'es', 'ca'] });
    expect(sent('es')).toHaveLength(esSent);
    const manifest = store.json<ManifestJson>(manifestKey);
    expect(manifest.status).toBe('complete');
    expect(manifest.translation.languages.es).toMatchObject({ charactersSent: 0, requests: 0 });
    expect(manifest.translation.languages.ca?.charactersSent).toBeGreaterThan(0);
    expect(store.text(`${folder}ca.json`)).toContain('[ca] ');
  });

  it('never publishes a corrupt memory entry: it translates the sentence again and repairs the entry', async () => {
    store.upload(key, seed);
    await processArticle({ key }, settings, deps());
    const entries = store.keys('cache/segments/tagging/en-es/');
    const victim = entries.find((name) => store.text(name).includes('</span> has confirmed')) as string;
    const intact = store.text(victim);
    store.upload(victim, intact.replace('</span> has confirmed', '</span> has denied'));
    for (const pack of store.keys('cache/packs/')) store.upload(pack, '{"truncated');
    const version = store.upload(key, corrected);

    await processArticle({ key, versionId: version.versionId ?? '' }, settings, deps());

    const es = store.text(`${folder}es.json`);
    expect(es).toContain('[es] Putin has confirmed');
    expect(es).not.toContain('denied');
    expect(sent('es').filter((segment) => segment.startsWith('Putin has confirmed'))).toHaveLength(2);
    expect(store.text(victim)).toBe(intact);
  });

  it('never publishes an entry planted by someone who can write to the bucket, checksums recomputed', async () => {
    store.upload(key, seed);
    await processArticle({ key }, settings, deps());
    const entries = store.keys('cache/').filter((name) => store.text(name).includes('</span> has confirmed'));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries)
      store.upload(entry, planted(store.text(entry), '</span> has confirmed', '</span> has denied'));
    const version = store.upload(key, corrected);

    await processArticle({ key, versionId: version.versionId ?? '' }, settings, deps());

    const es = store.text(`${folder}es.json`);
    expect(es).toContain('[es] Putin has confirmed');
    expect(es).not.toContain('denied');
  });

  it('sends fewer characters in brief scope (headline, summary, quotes, names), and records the scope', async () => {
    store.upload(key, seed);
    await processArticle({ key }, settings, { ...deps(), translator: engine });
    const full = store.json<ManifestJson>(manifestKey).translation.languages.es?.charactersSent ?? 0;
    const briefStore = new MemoryArticleStore();
    briefStore.upload(key, seed);

    await processArticle(
      { key },
      { ...settings, translationScope: 'brief' },
      { ...deps(), store: briefStore, translator: engine },
    );

    const manifest = briefStore.json<ManifestJson>(manifestKey);
    expect(manifest.translation.scope).toBe('brief');
    // The seed is short (25 sentences) and quotes many people: longer articles save more (see the benchmark).
    expect(manifest.translation.languages.es?.charactersSent).toBeLessThan(full * 0.7);
    const es = briefStore.json<ArticleJson>(`${folder}es.json`);
    expect(es.translation).toEqual({ engine: 'tagging', scope: 'brief' });
    expect(es.body).toEqual([]);
    expect(es.summary.every((item) => item.text.startsWith('[es] '))).toBe(true);
  });

  it('republishes in full from memory when the scope goes from brief to full, paying only for the rest', async () => {
    store.upload(key, seed);
    await processArticle({ key }, { ...settings, translationScope: 'brief' }, deps());
    const brief = store.json<ManifestJson>(manifestKey).translation.languages.es?.charactersSent ?? 0;

    const outcome = await processArticle({ key }, settings, deps());

    expect(outcome.status).toBe('published');
    const manifest = store.json<ManifestJson>(manifestKey);
    expect(manifest.translation.scope).toBe('full');
    expect(manifest.translation.languages.es?.charactersFromMemory).toBeGreaterThan(brief * 0.9);
  });
});
