import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleJson, FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { processObject } from '../../functions/core/pipeline.js';
import { TranslationMemory } from '../../functions/core/translate/translation-memory.js';
import { expectValidOutputs } from '../contract/validate.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, TEST_MEMORY_KEY, testSettings } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';

const seed = readFileSync(
  new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url),
  'utf8',
);
const folder = 'published/wang-yi-moscow-visit/';
const editKey = 'edits/wang-yi-moscow-visit/es.json';
const settings = testSettings({ targetLanguages: ['es'] });

describe('editors’ corrections (edits/<articleId>/<lang>.json)', () => {
  let store: MemoryArticleStore;
  let engine: TaggingTranslator;
  const deps = (iso = '2024-01-01T00:00:00Z') => ({
    store,
    translator: new TranslationMemory(engine, { store, prefix: 'cache/', memoryKey: TEST_MEMORY_KEY }),
    clock: fixedClock(iso),
    logger: silentLogger,
  });
  const published = () => store.json<ArticleJson>(`${folder}es.json`);

  beforeEach(async () => {
    store = new MemoryArticleStore();
    engine = new TaggingTranslator();
    store.upload('incoming/wang-yi-moscow-visit.txt', seed);
    await processObject({ key: 'incoming/wang-yi-moscow-visit.txt' }, settings, deps());
  });
  afterEach(() => {
    expectValidOutputs(store.current());
  });

  it('republishes the language with the corrections, no translation request, manifest last, and the memory learns', async () => {
    const download = published();
    const first = download.body[0]?.sentences[0];
    if (!first) throw new Error('no first sentence');
    const corrected = 'Wang Yi, ministro de Exteriores de China, llegó a Moscú el lunes.';
    const edit = structuredClone(download) as unknown as {
      headline: { text: string };
      body: { sentences: { text: string }[] }[];
    };
    edit.headline.text = 'Wang Yi visita Moscú';
    (edit.body[0]?.sentences[0] as { text: string }).text = corrected;
    store.upload(editKey, JSON.stringify(edit));
    const requests = engine.requests.length;
    store.writes.length = 0;

    const outcome = await processObject({ key: editKey }, settings, deps('2024-01-02T00:00:00Z'));

    expect(outcome).toMatchObject({ status: 'published', articleId: 'wang-yi-moscow-visit', usage: {} });
    expect(engine.requests.length).toBe(requests);
    const version = published();
    expect(version.headline).toMatchObject({ text: 'Wang Yi visita Moscú', review: 'reviewed' });
    expect(version.body[0]?.sentences[0]).toMatchObject({
      id: first.id,
      text: corrected,
      review: 'reviewed',
    });
    expect(version.body[0]?.sentences[1]?.review).toBe('machine');
    const summarised = version.summary.find((item) => item.sentenceId === first.id);
    if (summarised) expect(summarised).toMatchObject({ text: corrected, review: 'reviewed' });
    expect(store.text(`${folder}es.html`)).toContain(
      '<h1><span class="reviewed">Wang Yi visita Moscú</span></h1>',
    );
    expect(store.text(`${folder}es.html`)).toContain(`<span class="reviewed">${corrected}</span>`);
    expect(store.text(`${folder}index.html`)).toContain('Wang Yi visita Moscú');
    expect(store.writes.at(-1)).toBe(`${folder}manifest.json`);
    const manifest = store.json<ManifestJson>(`${folder}manifest.json`);
    expect(manifest.publishedAt).toBe('2024-01-02T00:00:00.000Z');
    expect(manifest.translation.languages.es?.reviewedSentences).toBe(2);
    expect(manifest.edits).toEqual([
      expect.objectContaining({
        language: 'es',
        key: editKey,
        corrections: 2,
        appliedAt: '2024-01-02T00:00:00.000Z',
      }),
    ]);
    expect(store.text('published/feeds/es.xml')).toContain('<title>Wang Yi visita Moscú</title>');

    // A later article with the same first sentence gets the editor's wording, and does not pay for it.
    const source = store.json<ArticleJson>(`${folder}en.json`);
    const sentence = source.body[0]?.sentences[0]?.text ?? '';
    store.upload(
      'incoming/follow-up.txt',
      `Follow-up on the visit\n\n${sentence} Talks went on into the night.\n`,
    );
    await processObject({ key: 'incoming/follow-up.txt' }, settings, deps('2024-01-03T00:00:00Z'));

    const followUp = store.json<ArticleJson>('published/follow-up/es.json');
    expect(followUp.body[0]?.sentences[0]).toMatchObject({ text: corrected, review: 'reviewed' });
    expect(followUp.body[0]?.sentences[1]?.review).toBe('machine');
    expect(engine.requests.at(-1)?.segments).not.toContain(sentence);
    expect(
      store.json<ManifestJson>('published/follow-up/manifest.json').translation.languages.es
        ?.reviewedSentences,
    ).toBe(1);
  });

  it('takes a partial file with just the changed sentence, and corrects a role and a quote by their place', async () => {
    const download = published();
    const sentence = download.body[1]?.sentences[0];
    const quote = download.facts.quotes.find((item) => item.text !== '');
    const person = download.facts.people.find((item) => item.roles.length > 0);
    if (!sentence) throw new Error('no sentence');
    store.upload(
      editKey,
      JSON.stringify({
        body: [{ sentences: [{ id: sentence.id, text: 'Una frase corregida.' }] }],
        facts: {
          people: person
            ? [{ sourceName: person.sourceName, roles: person.roles.map(() => 'cargo corregido') }]
            : [],
        },
      }),
    );

    await processObject({ key: editKey }, settings, deps());

    const version = published();
    expect(version.body[1]?.sentences[0]).toMatchObject({ text: 'Una frase corregida.', review: 'reviewed' });
    if (person) {
      const corrected = version.facts.people.find((item) => item.sourceName === person.sourceName);
      expect(corrected?.roles.every((role) => role === 'cargo corregido')).toBe(true);
      expect(corrected?.roleReviews.every((review) => review === 'reviewed')).toBe(true);
    }
    expect(quote).toBeDefined();
  });

  it('corrects a Markdown upload under its own id (x.md is x-md), in its set and in the feed, beside the .txt', async () => {
    store.upload('incoming/wang-yi-moscow-visit.md', seed);
    await processObject({ key: 'incoming/wang-yi-moscow-visit.md' }, settings, deps());
    const markdownFolder = 'published/wang-yi-moscow-visit-md/';
    const edit = store.json<ArticleJson>(`${markdownFolder}es.json`) as unknown as {
      headline: { text: string };
    };
    edit.headline.text = 'Wang Yi visita Moscú (Markdown)';
    store.upload('edits/wang-yi-moscow-visit-md/es.json', JSON.stringify(edit));

    const outcome = await processObject({ key: 'edits/wang-yi-moscow-visit-md/es.json' }, settings, deps());

    expect(outcome).toMatchObject({ status: 'published', articleId: 'wang-yi-moscow-visit-md' });
    expect(store.json<ArticleJson>(`${markdownFolder}es.json`).headline.text).toBe(
      'Wang Yi visita Moscú (Markdown)',
    );
    expect(published().headline.text).not.toContain('Markdown');
    const feed = store.text('published/feeds/es.xml');
    expect(feed).toContain('wang-yi-moscow-visit-md/es.html');
    expect(feed).toContain('<title>Wang Yi visita Moscú (Markdown)</title>');
    expect(feed).toMatch(/wang-yi-moscow-visit\/es\.html/u);
  });

  it.each([
    [
      'an unknown sentence id',
      () => JSON.stringify({ body: [{ sentences: [{ id: 'p99s9', text: 'Nada.' }] }] }),
      'invalid-edit',
    ],
    ['malformed JSON', () => '{"headline": ', 'malformed-edit'],
    [
      'another article',
      () => JSON.stringify({ articleId: 'city-budget-vote', headline: { text: 'Otro' } }),
      'other-article',
    ],
    [
      'another source version',
      () => JSON.stringify({ source: { sha256: '0'.repeat(64) }, headline: { text: 'Otro' } }),
      'other-source-version',
    ],
    ['an empty correction', () => JSON.stringify({ headline: { text: '  ' } }), 'invalid-edit'],
  ])(
    'refuses %s with a record under failed/edits/ and changes nothing published',
    async (_name, body, code) => {
      store.upload(editKey, body());
      const before = store.versions();

      const outcome = await processObject({ key: editKey }, settings, deps());

      expect(outcome).toMatchObject({
        status: 'failed',
        failedKey: 'failed/edits/wang-yi-moscow-visit/es.json',
      });
      const record = store.json<FailedRecordJson>('failed/edits/wang-yi-moscow-visit/es.json');
      expect(record.error.code).toBe(code);
      expect(record.source.key).toBe(editKey);
      const after = store.versions();
      for (const [key, version] of before)
        if (key.startsWith('published/')) expect(after.get(key)).toBe(version);
      if (code === 'invalid-edit' && record.problems) expect(record.problems.length).toBeGreaterThan(0);
    },
  );

  it('refuses edits of the source language, of an unknown article, and at a key that names no version', async () => {
    for (const [key, code] of [
      ['edits/wang-yi-moscow-visit/en.json', 'source-language'],
      ['edits/no-such-article/es.json', 'unknown-article'],
      ['edits/wang-yi-moscow-visit/fr.json', 'unknown-language'],
      ['edits/wang-yi-moscow-visit.json', 'edit-key'],
    ] as const) {
      store.upload(key, '{}');
      const outcome = await processObject({ key }, settings, deps());
      expect(outcome.status, key).toBe('failed');
      if (outcome.status === 'failed') expect(outcome.error.code, key).toBe(code);
    }
  });

  it('leaves everything as it is for an edit that changes no text', async () => {
    store.upload(editKey, JSON.stringify(published()));
    const before = store.versions();

    const outcome = await processObject({ key: editKey }, settings, deps());

    expect(outcome.status).toBe('unchanged');
    expect([...store.versions()].filter(([key]) => !key.startsWith('edits/'))).toEqual(
      [...before].filter(([key]) => !key.startsWith('edits/')),
    );
  });
});
