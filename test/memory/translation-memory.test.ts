import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsArticleStore } from '../../functions/adapters/fs-article-store.js';
import { TranslationError } from '../../functions/core/errors.js';
import type { Logger, Translator } from '../../functions/core/ports.js';
import { segmentEntryKey, segmentHash } from '../../functions/core/translate/memory-entries.js';
import { TranslationMemory } from '../../functions/core/translate/translation-memory.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { TEST_MEMORY_KEY } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';
import { es, sentences } from './passage.js';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => {
      warnings.push(message);
    },
    error: () => undefined,
  };
}

describe('TranslationMemory', () => {
  let store: MemoryArticleStore;
  let engine: TaggingTranslator;
  let logger: ReturnType<typeof recordingLogger>;
  const memory = (options: { read?: boolean; packSize?: number; segmentEntries?: boolean } = {}) =>
    new TranslationMemory(engine, {
      store,
      prefix: 'cache/',
      memoryKey: TEST_MEMORY_KEY,
      logger,
      ...options,
    });

  beforeEach(() => {
    store = new MemoryArticleStore();
    engine = new TaggingTranslator();
    logger = recordingLogger();
  });

  it('translates a segment once: a second request is answered from the store', async () => {
    const first = await memory().translate(es(sentences));
    const second = await memory().translate(es(sentences));

    expect(second.translations).toEqual(first.translations);
    expect(second.translations).toEqual(sentences.map((s) => `[es] ${s}`));
    expect(engine.requests).toHaveLength(1);
    expect(second.usage).toMatchObject({ characters: 0, requests: 0 });
    expect(second.usage.charactersFromMemory).toBe(sentences.join('').length);
    expect(first.usage.charactersFromMemory).toBe(0);
  });

  it('sends only the segments it has not seen, and reports the rest as served from memory', async () => {
    await memory().translate(es(sentences.slice(0, 3)));

    const result = await memory().translate(es(sentences));

    expect(engine.requests[1]?.segments).toEqual(sentences.slice(3));
    expect(result.translations).toEqual(sentences.map((s) => `[es] ${s}`));
    expect(result.usage.charactersFromMemory).toBe(sentences.slice(0, 3).join('').length);
  });

  it('finds a sentence again under its normalised form (spacing, Unicode composition)', async () => {
    await memory().translate(es(['Café  opens\u00a0today.']));

    const result = await memory().translate(es(['Cafe\u0301 opens today.']));

    expect(engine.requests).toHaveLength(1);
    expect(result.translations).toEqual(['[es] Café opens today.']);
  });

  it('keeps languages, engines and engine settings apart', async () => {
    await memory().translate(es(sentences));
    await memory().translate({ ...es(sentences), targetLanguage: 'ca' });
    const formal = new TaggingTranslator();
    formal.settingsFor = (language) => `tag:${language};formality=FORMAL`;
    await new TranslationMemory(formal, { store, prefix: 'cache/', memoryKey: TEST_MEMORY_KEY }).translate(
      es(sentences),
    );

    expect(engine.requests.map((request) => request.targetLanguage)).toEqual(['es', 'ca']);
    expect(formal.requests).toHaveLength(1);
  });

  it('remembers nothing when the engine fails, and translates it all on the next attempt', async () => {
    engine.failing.set('es', new TranslationError('Throttled for too long.', true));
    await expect(memory().translate(es(sentences))).rejects.toThrow('Throttled');
    expect(store.keys('cache/')).toEqual([]);

    engine.failing.clear();
    const result = await memory().translate(es(sentences));

    expect(result.usage.charactersFromMemory).toBe(0);
    expect(engine.requests.at(-1)?.segments).toEqual(sentences);
  });

  it('remembers the segments of every answered request at once: after a failure, only the rest is sent again', async () => {
    // An engine that answers the first two segments in a request of their own, then fails the language.
    const partly: Translator = {
      engine: 'tagging',
      settingsFor: (language) => `tag:${language}`,
      translate: async (request) => {
        engine.requests.push(request);
        request.onAnswered?.({
          indexes: [0, 1],
          translations: request.segments.slice(0, 2).map((s) => `[es] ${s}`),
        });
        throw new TranslationError('Throttled for too long.', true, {
          usage: { characters: 70, requests: 2, retries: 4 },
        });
      },
    };
    const failed = new TranslationMemory(partly, { store, prefix: 'cache/', memoryKey: TEST_MEMORY_KEY });
    await memory().translate(es(sentences.slice(4)));

    const error = await failed.translate(es(sentences)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TranslationError);
    expect((error as TranslationError).usage).toEqual({
      characters: 70,
      requests: 2,
      retries: 4,
      charactersFromMemory: (sentences[4] as string).length,
    });
    const retry = await memory().translate(es(sentences));
    expect(engine.requests.at(-1)?.segments).toEqual(sentences.slice(2, 4));
    expect(retry.translations).toEqual(sentences.map((s) => `[es] ${s}`));
  });

  it('tells before sending what the engine would be sent: the segments it does not have, one per line', async () => {
    await memory().translate(es(sentences.slice(0, 2)));

    const prepared = await memory().prepare(es(sentences));

    expect(prepared.charactersToSend).toBe(sentences.slice(2).join('\n').length);
    expect(engine.requests).toHaveLength(1);
    await prepared.translate();
    expect(engine.requests.at(-1)?.segments).toEqual(sentences.slice(2));
  });

  it("counts inline HTML's markup only for an engine that bills it", async () => {
    const tagged = ['<span id=0 translate=no>Wang Yi</span> met <span id=1>Putin</span>.', 'A & B.'];
    const text = 'Wang Yi met Putin.\nA & B.'.length;
    const request = { ...es(tagged), format: 'html' as const };
    const billing = Object.assign(new TaggingTranslator(), { billsMarkup: true });

    expect((await memory().prepare(request)).charactersToSend).toBe(text);
    expect(
      (
        await new TranslationMemory(billing, { store, prefix: 'cache/', memoryKey: TEST_MEMORY_KEY }).prepare(
          request,
        )
      ).charactersToSend,
    ).toBe(tagged.join('\n').length);
  });

  it.each([
    ['not JSON', () => 'not json {'],
    ['truncated', (body: string) => body.slice(0, body.length / 2)],
    ['edited without its checksum', (body: string) => body.replace('[es]', '[xx]')],
    ['the entry of another sentence', () => 'wrong'],
    ['not UTF-8', () => new Uint8Array([0xff, 0xfe, 0x00])],
  ])(
    'ignores an entry that is %s, translates the sentence again and overwrites the entry',
    async (_, corrupt) => {
      await memory({ packSize: 0 }).translate(es(sentences));
      const context = { engine: 'tagging', settings: 'tag:es', sourceLanguage: 'en', targetLanguage: 'es' };
      const key = segmentEntryKey('cache/', context, segmentHash(context, sentences[1] as string));
      const intact = store.text(key);
      const other = store.keys('cache/').find((candidate) => candidate !== key) as string;
      const replacement = corrupt(intact);
      store.upload(key, replacement === 'wrong' ? store.text(other) : replacement);

      const result = await memory({ packSize: 0 }).translate(es(sentences));

      expect(result.translations[1]).toBe(`[es] ${sentences[1]}`);
      expect(engine.requests.at(-1)?.segments).toEqual([sentences[1]]);
      expect(store.text(key)).toBe(intact);
      expect(logger.warnings).toEqual([
        'translation memory entries ignored, translating those segments again',
      ]);
    },
  );

  it('translates a segment whose entry cannot be read, as if it had never been seen', async () => {
    await memory({ packSize: 0 }).translate(es(sentences));
    const get = store.get.bind(store);
    store.get = async (key, options) => {
      if (key.startsWith('cache/')) throw new Error('AccessDenied');
      return get(key, options);
    };

    const result = await memory({ packSize: 0 }).translate(es(sentences));

    expect(result.translations).toEqual(sentences.map((s) => `[es] ${s}`));
    expect(engine.requests.at(-1)?.segments).toEqual(sentences);
    expect(logger.warnings).toHaveLength(1);
  });

  it('still answers when entries cannot be written', async () => {
    store.put = async () => {
      throw new Error('SlowDown');
    };

    const result = await memory().translate(es(sentences));

    expect(result.translations).toEqual(sentences.map((s) => `[es] ${s}`));
    expect(logger.warnings).toEqual([
      'translation memory entries not written; those segments will be translated again',
    ]);
  });

  it('with read off, translates everything afresh and replaces the entries', async () => {
    await memory().translate(es(sentences));
    const before = store.writes.length;

    const result = await memory({ read: false }).translate(es(sentences));

    expect(engine.requests).toHaveLength(2);
    expect(result.usage.charactersFromMemory).toBe(0);
    expect(store.writes.length).toBeGreaterThan(before);
  });

  it('reads a passage seen before as packs: far fewer reads than segments', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `Sentence ${i} of a long article about the harbour.`);
    await memory().translate(es(many));
    const reads: string[] = [];
    const get = store.get.bind(store);
    store.get = async (key, options) => {
      reads.push(key);
      return get(key, options);
    };

    const result = await memory().translate(es(many));

    expect(result.usage.charactersFromMemory).toBe(many.join('').length);
    expect(reads.filter((key) => key.startsWith('cache/packs/')).length).toBeLessThan(40);
    expect(reads.length).toBeLessThan(200 / 4);
  });

  it('after an edit in the middle, reads the untouched passages as packs and sends only the new sentences', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `Sentence ${i} of a long article about the harbour.`);
    await memory().translate(es(many));
    const edited = [...many];
    edited.splice(100, 3, 'A corrected sentence.', 'Another corrected one.');
    let reads = 0;
    const get = store.get.bind(store);
    store.get = async (key, options) => {
      reads += 1;
      return get(key, options);
    };

    const result = await memory().translate(es(edited));

    expect(engine.requests.at(-1)?.segments).toEqual(['A corrected sentence.', 'Another corrected one.']);
    expect(result.translations[100]).toBe('[es] A corrected sentence.');
    expect(result.translations[199 - 1]).toBe(`[es] ${many[199]}`);
    expect(reads).toBeLessThan(100);
  });

  it('with packs only, writes no segment entries and finds the same passage again', async () => {
    const many = Array.from({ length: 100 }, (_, i) => `Sentence ${i} of a long article about the harbour.`);
    await memory({ segmentEntries: false }).translate(es(many));

    const result = await memory({ segmentEntries: false }).translate(es(many));

    expect(store.keys('cache/segments/')).toEqual([]);
    expect(store.keys('cache/packs/').length).toBeGreaterThan(1);
    expect(engine.requests).toHaveLength(1);
    expect(result.usage.charactersFromMemory).toBe(many.join('').length);
  });

  it('with an auto source, reports the language detected when the memory entries were made', async () => {
    engine.translate = async (request) => ({
      translations: request.segments.map((segment) => `[es] ${segment}`),
      detectedSourceLanguage: 'fr',
      usage: { characters: 1, requests: 1, retries: 0 },
    });
    const auto = { ...es(sentences), sourceLanguage: 'auto' };
    await memory().translate(auto);

    const result = await memory().translate(auto);

    expect(result.usage.requests).toBe(0);
    expect(result.detectedSourceLanguage).toBe('fr');
  });

  it('keeps blank segments and duplicates in place, sending each distinct text once', async () => {
    const result = await memory().translate(es(['Hello.', '', 'Hello.', '  Hello. ']));

    expect(result.translations).toEqual(['[es] Hello.', '', '[es] Hello.', '[es] Hello.']);
    expect(engine.requests[0]?.segments).toEqual(['Hello.']);
  });
});

describe('TranslationMemory over the file system', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'polybrief-memory-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps its entries under the prefix in the output folder, where a later run finds them', async () => {
    const engine = new TaggingTranslator();
    const run = () =>
      new TranslationMemory(engine, {
        store: new FsArticleStore({ root }),
        prefix: 'cache/',
        memoryKey: TEST_MEMORY_KEY,
      }).translate(es(sentences));

    await run();
    const result = await run();

    expect(engine.requests).toHaveLength(1);
    expect(result.usage.charactersFromMemory).toBe(sentences.join('').length);
    expect(await readdir(root)).toEqual(['cache']);
    expect(await readdir(join(root, 'cache', 'segments', 'tagging'))).toEqual(['en-es']);
  });
});
