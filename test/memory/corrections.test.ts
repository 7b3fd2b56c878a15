import { beforeEach, describe, expect, it } from 'vitest';
import { TranslationMemory } from '../../functions/core/translate/translation-memory.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { TEST_MEMORY_KEY } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';
import { es, sentences as passage } from './passage.js';
import { planted } from './planted-entry.js';

const correction = {
  source: 'It approved the plan by seven votes to two.',
  translation: 'Aprobó el plan por siete votos a dos.',
};

describe('TranslationMemory corrections', () => {
  let store: MemoryArticleStore;
  let engine: TaggingTranslator;
  const memory = (options: { read?: boolean; packSize?: number } = {}) =>
    new TranslationMemory(engine, { store, prefix: 'cache/', memoryKey: TEST_MEMORY_KEY, ...options });

  beforeEach(() => {
    store = new MemoryArticleStore();
    engine = new TaggingTranslator();
  });

  it("answers a corrected segment with the editor's wording, marked reviewed, and never asks the engine for it", async () => {
    await memory().learn({ sourceLanguage: 'en', targetLanguage: 'es', corrections: [correction] });

    const result = await memory().translate(es(['Something new.', correction.source]));

    expect(result.translations).toEqual(['[es] Something new.', correction.translation]);
    expect(result.reviewed).toEqual([false, true]);
    expect(engine.requests.map((request) => request.segments)).toEqual([['Something new.']]);
    expect(store.keys('cache/segments/human/en-es/')).toHaveLength(2);
  });

  it('never answers with a correction someone who can write to the bucket planted, checksums recomputed', async () => {
    await memory().learn({ sourceLanguage: 'en', targetLanguage: 'es', corrections: [correction] });
    const [entry] = store.keys('cache/segments/human/en-es/').filter((key) => !key.includes('/index/'));
    store.upload(entry as string, planted(store.text(entry as string), 'siete votos', 'nueve votos'));

    const result = await memory().translate(es([correction.source]));

    expect(result.translations).toEqual([`[es] ${correction.source}`]);
    expect(result.reviewed).toBeUndefined();
  });

  it('wins over the machine packs and entries of a passage translated before the correction', async () => {
    await memory({ packSize: 2 }).translate(es(passage));
    expect(store.keys('cache/packs/').length).toBeGreaterThan(0);

    await memory().learn({ sourceLanguage: 'en', targetLanguage: 'es', corrections: [correction] });
    const again = await memory({ packSize: 2 }).translate(es(passage));

    expect(again.translations[1]).toBe(correction.translation);
    expect(again.translations.filter((_, index) => index !== 1)).toEqual(
      passage.filter((_, index) => index !== 1).map((text) => `[es] ${text}`),
    );
    expect(engine.requests).toHaveLength(1);
  });

  it('keeps the correction through --no-cache, which rewrites only machine entries', async () => {
    await memory().learn({ sourceLanguage: 'en', targetLanguage: 'es', corrections: [correction] });

    const fresh = await memory({ read: false }).translate(es(passage));
    const after = await memory().translate(es(passage));

    expect(fresh.translations[1]).toBe(correction.translation);
    expect(after.translations[1]).toBe(correction.translation);
    expect(engine.requests.map((request) => request.segments)).toEqual([passage.filter((_, i) => i !== 1)]);
  });

  it('applies to the source text it corrected only: a changed sentence gets the machine again', async () => {
    await memory().learn({ sourceLanguage: 'en', targetLanguage: 'es', corrections: [correction] });

    const changed = 'It approved the plan by eight votes to one.';
    const result = await memory().translate(es([passage[0] as string, changed]));

    expect(result.translations).toEqual([`[es] ${passage[0]}`, `[es] ${changed}`]);
    expect(result.reviewed).toBeUndefined();
  });

  it('belongs to its language pair and engine settings', async () => {
    await memory().learn({ sourceLanguage: 'en', targetLanguage: 'es', corrections: [correction] });

    const catalan = await memory().translate({ ...es([correction.source]), targetLanguage: 'ca' });

    expect(catalan.translations).toEqual([`[ca] ${correction.source}`]);
  });

  it('keeps every correction learned at the same time, by several functions', async () => {
    const corrections = passage.map((source, index) => ({ source, translation: `Corrección ${index}.` }));

    await Promise.all(
      corrections.map((one) =>
        memory().learn({ sourceLanguage: 'en', targetLanguage: 'es', corrections: [one] }),
      ),
    );
    const result = await memory().translate(es(passage));

    expect(result.translations).toEqual(corrections.map((one) => one.translation));
    expect(engine.requests).toHaveLength(0);
  });

  it('costs one request per language for an article without corrected sentences', async () => {
    await memory().learn({ sourceLanguage: 'en', targetLanguage: 'es', corrections: [correction] });
    const warm = memory({ packSize: 0 });
    await warm.translate(es(['Unrelated.']));
    store.resetCounts();

    await warm.translate(es(['Unrelated.']));

    // The index is asked for its ETag (unchanged: not read again); then the machine entry is read.
    expect(store.countsFor('cache')).toEqual({ gets: 2, puts: 0 });
  });
});
