import { describe, expect, it } from 'vitest';
import { processArticle } from '../../functions/core/pipeline.js';
import type { Translator } from '../../functions/core/ports.js';
import { defaultPrefixes, defaultSpendSettings } from '../../functions/core/settings.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';

/** An engine without a name: the language versions it produces break the contract (`translation.engine`). */
const tagging = new TaggingTranslator();
const nameless: Translator = {
  engine: '',
  settingsFor: (language) => tagging.settingsFor(language),
  translate: (request) => tagging.translate(request),
};

describe('every pipeline run in the test suite', () => {
  it('fails when it writes a document that breaks the contract (validate-pipeline-outputs.setup.ts)', async () => {
    const store = new MemoryArticleStore();
    store.upload('incoming/short.txt', 'A headline\n\nThe council met on Monday. It approved the plan.\n');
    const settings = {
      ...defaultPrefixes,
      ...defaultSpendSettings,
      sourceLanguage: 'en',
      targetLanguages: ['es'],
      maxArticleBytes: 10_000,
      pipelineVersion: 'test',
      translationScope: 'full',
      pricePerMillionCharacters: 0,
    } as const;

    const run = processArticle({ key: 'incoming/short.txt' }, settings, {
      store,
      translator: nameless,
      clock: fixedClock(),
      logger: silentLogger,
    });

    await expect(run).rejects.toThrow(/break the contract:\n- published\/short\/es\.json: \/translation/u);
  });
});
