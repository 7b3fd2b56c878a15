import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modeFingerprint } from '../../functions/adapters/apertium-process.js';
import { ApertiumTranslator, listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import { TranslationError } from '../../functions/core/errors.js';

const modes = await listApertiumModes();
const hasPairs = modes?.includes('eng-spa') === true && modes.includes('eng-cat');
if (!hasPairs) {
  console.warn(
    'Skipping real Apertium tests: apertium with the eng-spa and eng-cat pairs is not installed (sudo apt-get install apertium apertium-eng-spa apertium-eng-cat).',
  );
}
const mergingApertium = fileURLToPath(new URL('./merging-apertium.sh', import.meta.url));

describe('ApertiumTranslator', () => {
  describe.skipIf(!hasPairs)('with real Apertium', () => {
    it('translates each segment, keeping one answer per segment and names intact', async () => {
      const translator = new ApertiumTranslator({ modes: modes ?? [] });
      const segments = [
        'Putin has confirmed his upcoming visit to China next month.',
        'Vladimir Putin',
        'Chinese Academy of Social Sciences',
        'Belt and Road Initiative',
        'The visit is seen as a significant step.',
      ];

      const [es, ca] = await Promise.all(
        ['es', 'ca'].map((targetLanguage) =>
          translator.translate({ sourceLanguage: 'en', targetLanguage, segments }),
        ),
      );

      expect(es?.translations).toHaveLength(segments.length);
      expect(es?.translations[0]).toMatch(/Putin/u);
      expect(es?.translations[0]).not.toBe(segments[0]);
      expect(es?.translations[1]).toBe('Vladimir Putin');
      expect(ca?.translations[2]).toMatch(/Acadèmia/u);
      expect(es?.usage.characters).toBe(segments.join('\n\n').length);
      expect(es?.translations.join(' ')).not.toMatch(/[*#@](?=\p{L})/u);
    });

    it('answers the same with a long-lived engine as with one process per request', async () => {
      const segments = [
        'The [river] is {clean} at 5 p.m. today.',
        'Mr. Smith said: "We are 100% sure."',
        'Glorbnak is here.',
      ];
      const persistent = new ApertiumTranslator({ modes: modes ?? [], persistent: true });
      const oneShot = new ApertiumTranslator({ modes: modes ?? [], persistent: false });

      const [a, b] = await Promise.all(
        [persistent, oneShot].map((translator) =>
          translator.translate({ sourceLanguage: 'en', targetLanguage: 'ca', segments }),
        ),
      );
      await persistent.close();

      expect(a?.translations).toEqual(b?.translations);
      expect(a?.translations[0]).toContain('[');
    });

    it('names the installed data in its settings, so an upgraded pair is not served old translations', async () => {
      const fingerprint = await modeFingerprint('eng-spa');
      expect(fingerprint).toMatch(/^[0-9a-f]{12}$/u);
      expect(await modeFingerprint('eng-spa')).toBe(fingerprint);
      expect(await modeFingerprint('eng-cat')).not.toBe(fingerprint);
      expect(await modeFingerprint('xxx-yyy')).toBeUndefined();

      const translator = new ApertiumTranslator({
        modes: modes ?? [],
        fingerprints: { 'eng-spa': fingerprint ?? '' },
      });

      expect(translator.settingsFor('es')).toBe(`eng-spa@${fingerprint}`);
      expect(translator.settingsFor('ca')).toBe('eng-cat');
    });

    it('splits long input into several requests and keeps the order', async () => {
      const translator = new ApertiumTranslator({ modes: modes ?? [], chunkCharacters: 60 });
      const segments = Array.from({ length: 12 }, (_, index) => `The river is clean number ${index + 1}.`);

      const result = await translator.translate({ sourceLanguage: 'en', targetLanguage: 'es', segments });

      expect(result.usage.requests).toBeGreaterThan(1);
      expect(result.translations.map((text) => /\d+/u.exec(text)?.[0])).toEqual(
        segments.map((_, index) => String(index + 1)),
      );
    });
  });

  it('re-aligns answers when the engine merges segments, by halving the batch', async () => {
    const translator = new ApertiumTranslator({ modes: ['en-xx'], command: mergingApertium });
    const segments = ['one', 'two', 'three', 'four', 'five'];

    const result = await translator.translate({ sourceLanguage: 'en', targetLanguage: 'xx', segments });

    expect(result.translations).toEqual(['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE']);
    expect(result.usage.retries).toBeGreaterThan(0);
  });

  it('names the Debian package to install when a pair is missing', async () => {
    const translator = new ApertiumTranslator({ modes: [] });
    const attempt = translator.translate({
      sourceLanguage: 'en',
      targetLanguage: 'gl',
      segments: ['Hello.'],
    });
    await expect(attempt).rejects.toBeInstanceOf(TranslationError);
    await expect(attempt).rejects.toThrow(/apertium-en-gl/u);
  });

  it('reports a missing apertium command as no modes at all', async () => {
    expect(await listApertiumModes('/nonexistent/apertium')).toBeUndefined();
  });
});
