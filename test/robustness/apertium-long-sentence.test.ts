import '../support/quiet-aws-sdk.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import { chooseTranslator, type TranslatorChoice } from '../../functions/cli/translator-choice.js';
import type { ArticleJson, ManifestJson } from '../../functions/core/contract.js';
import { articleIdFor } from '../../functions/core/publish/article-id.js';
import { TEST_MEMORY_KEY } from '../doubles/pipeline-fixture.js';
import {
  getText,
  pollJson,
  RecordingLogger,
  settingsFor,
  startTestRunner,
  type TestRunner,
  upload,
} from '../local/helpers.js';

const hasSpanish = (await listApertiumModes())?.includes('eng-spa') === true;
if (!hasSpanish)
  console.warn(
    'Skipping the Apertium run-on sentence test: apertium-eng-spa is not installed (sudo apt-get install apertium apertium-eng-spa).',
  );

/** 30 KB without a single punctuation mark: ordinary words between numbered markers the engine keeps as they are. */
const markers = Array.from({ length: 1500 }, (_, index) => `the council met at ${index + 1}`);
const runOn = markers.join(' and ');

describe.skipIf(!hasSpanish)('a 30 KB sentence without punctuation, through Apertium (en → es)', () => {
  let choice: TranslatorChoice;
  let test: TestRunner;
  beforeAll(async () => {
    choice = await chooseTranslator({
      name: 'apertium',
      sourceLanguage: 'en',
      languages: ['es'],
      installMissing: false,
      say: () => undefined,
    });
    test = await startTestRunner({
      settings: settingsFor(['es']),
      translator: choice.translator,
      logger: new RecordingLogger(),
      translationMemory: { prefix: 'cache/', memoryKey: TEST_MEMORY_KEY },
    });
  });
  afterAll(async () => {
    await test?.close();
    await choice?.close();
  });

  it('is translated whole, in sentences of bounded length: every part of it, in order, nothing cut off', async () => {
    const key = 'incoming/long/apertium run-on.txt';
    const id = articleIdFor(key, 'incoming/');

    await upload(test.client, key, `Council report\n\n${runOn}\n`);
    const manifest = await pollJson<ManifestJson>(test.client, `published/${id}/manifest.json`, 60_000);
    const spanish = JSON.parse(
      (await getText(test.client, `published/${id}/es.json`)) ?? '{}',
    ) as ArticleJson;

    expect(Buffer.byteLength(runOn)).toBeGreaterThan(30_000);
    expect(manifest).toMatchObject({ status: 'complete', languages: ['en', 'es'] });
    // Read as sentences of bounded length (read/sentences.ts), each translated whole: every marker, in order.
    const translated = spanish.body.flatMap((paragraph) =>
      paragraph.sentences.map((sentence) => sentence.text),
    );
    expect(translated.length).toBeGreaterThan(1);
    const numbers = translated.join(' ').match(/\d+/gu)?.map(Number);
    expect(numbers).toEqual(markers.map((_, index) => index + 1));
    expect(translated[0]).toMatch(/^el consejo/iu);
  }, 60_000);
});
