import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modeFingerprint, splitModePipeline } from '../../functions/adapters/apertium-process.js';
import { REPAIRS } from '../../functions/adapters/apertium-repairs.js';
import { repairsFingerprint } from '../../functions/adapters/apertium-repairs-fingerprint.js';
import { ApertiumTranslator, listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import { TranslationError } from '../../functions/core/errors.js';

const modes = await listApertiumModes();
const hasPairs = modes?.includes('eng-spa') === true && modes.includes('eng-cat');
const hasEsperanto = modes?.includes('en-eo') === true;
if (!hasEsperanto) {
  console.warn(
    'Skipping the real en-eo Apertium test: the en-eo pair is not installed (sudo apt-get install apertium-eo-en).',
  );
}
if (!hasPairs) {
  console.warn(
    'Skipping real Apertium tests: apertium with the eng-spa and eng-cat pairs is not installed (sudo apt-get install apertium apertium-eng-spa apertium-eng-cat).',
  );
}

/** The sentences of a sample article, one per line of text split at sentence ends. */
function sentencesOf(file: string): string[] {
  return readFileSync(new URL(`../../samples/articles/${file}`, import.meta.url), 'utf8')
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** A null-flush stand-in for the part of a pipeline after analysis: a Node script over NUL-ended requests. */
function fakeStage(body: string): string {
  const script = `let buffer='';let previous;process.stdin.setEncoding('utf8');process.stdin.on('data',(chunk)=>{buffer+=chunk;let end;while((end=buffer.indexOf('\\0'))>=0){const request=buffer.slice(0,end);buffer=buffer.slice(end+1);${body}}});`;
  return `exec node -e ${JSON.stringify(script)}`;
}

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
      await translator.close();

      expect(es?.translations).toHaveLength(segments.length);
      expect(es?.translations[0]).toMatch(/Putin/u);
      expect(es?.translations[0]).not.toBe(segments[0]);
      expect(es?.translations[1]).toBe('Vladimir Putin');
      expect(ca?.translations[2]).toMatch(/Acadèmia/u);
      expect(es?.usage.characters).toBe(segments.join('').length);
      expect(es?.usage.requests).toBe(segments.length);
      expect(es?.translations.join(' ')).not.toMatch(/[*#@](?=\p{L})/u);
    });

    it('translates a segment the same whatever the engine translated before it', async () => {
      // The harbour article after the Wang Yi article, and alone: before, the HMM tagger kept what the first
      // article taught it ("Maria Chen dijo" alone, "Maria Chen dicho" after Wang Yi).
      const first = sentencesOf('wang-yi-moscow-visit.txt');
      const second = sentencesOf('harbour-ferry-returns.txt');
      const afterOther = new ApertiumTranslator({ modes: modes ?? [] });
      await afterOther.translate({ sourceLanguage: 'en', targetLanguage: 'es', segments: first });
      const after = await afterOther.translate({
        sourceLanguage: 'en',
        targetLanguage: 'es',
        segments: second,
      });
      const restarts = await afterOther.taggerRestarts();
      await afterOther.close();
      const fresh = new ApertiumTranslator({ modes: modes ?? [] });
      const alone = await fresh.translate({ sourceLanguage: 'en', targetLanguage: 'es', segments: second });
      await fresh.close();

      expect(after.translations).toEqual(alone.translations);
      expect(alone.translations.join(' ')).toMatch(/Maria Chen dijo/u);
      expect(restarts['eng-spa']).toBeGreaterThan(0);
    });

    it('keeps text the stream format reserves, and whitespace runs, as apertium does', async () => {
      const translator = new ApertiumTranslator({ modes: modes ?? [] });
      const segments = [
        'The [river] is {clean} at 5 p.m. today.',
        'Mr. Smith said: "We are 100% sure."',
        'a/b \\ c ^d$ @e <f>',
      ];

      const result = await translator.translate({ sourceLanguage: 'en', targetLanguage: 'ca', segments });
      await translator.close();

      expect(result.translations[0]).toContain('[');
      expect(result.translations[0]).toContain('{');
      expect(result.translations[2]).toMatch(/\/b \\ c \^d\$ @e <f>$/u);
    });

    it('repairs glued number compounds and spaces before punctuation, where raw Apertium garbles them', async () => {
      const raw = new ApertiumTranslator({ modes: modes ?? [], repairs: {} });
      const repaired = new ApertiumTranslator({ modes: modes ?? [] });
      const segments = [
        'He took a four-day trip.',
        'They studied 4-month-old mice.',
        'It was a 15-minute walk.',
      ];

      const [before, after] = await Promise.all(
        [raw, repaired].map((translator) =>
          translator.translate({ sourceLanguage: 'en', targetLanguage: 'es', segments }),
        ),
      );
      await Promise.all([raw.close(), repaired.close()]);

      expect(before?.translations.join(' ')).toMatch(/viajedecuatro|ratonesde4meses/u);
      expect(after?.translations).toEqual([
        'Tomó un viaje de cuatro días.',
        'Estudiaron ratones de 4 meses.',
        'Era un paseo de 15 minutos.',
      ]);
    });

    it('writes dates and figures the way each language does, where raw Apertium leaves them in English', async () => {
      const raw = new ApertiumTranslator({ modes: modes ?? [], repairs: {} });
      const repaired = new ApertiumTranslator({ modes: modes ?? [] });
      const segments = [
        'It was signed on July 4, 1776 by 800,000 people.',
        'It opened on 1 April and cost 3.5 million.',
      ];
      const request = (targetLanguage: string) => ({ sourceLanguage: 'en', targetLanguage, segments });

      const [es, ca, before] = await Promise.all([
        repaired.translate(request('es')),
        repaired.translate(request('ca')),
        raw.translate(request('es')),
      ]);
      await Promise.all([raw.close(), repaired.close()]);

      expect(before.translations.join(' ')).toMatch(/julio 4, 1776 .*800,000/u);
      expect(es.translations).toEqual([
        'Fue firmado el 4 de julio de 1776 por 800\u00a0000 personas.',
        expect.stringMatching(/el 1 de abril .* 3,5 millones\.$/u),
      ]);
      expect(ca.translations).toEqual([
        expect.stringMatching(/el 4 de juliol de 1776 .*800\.000 persones\.$/u),
        expect.stringMatching(/l'1 d'abril .* 3,5 /u),
      ]);
    });

    it.skipIf(!hasEsperanto)(
      'writes Esperanto clauses with their commas and plurals, where raw en-eo copies English',
      async () => {
        const raw = new ApertiumTranslator({ modes: modes ?? [], repairs: {} });
        const repaired = new ApertiumTranslator({ modes: modes ?? [] });
        const request = {
          sourceLanguage: 'en',
          targetLanguage: 'eo',
          segments: ['Scientists say that the insects which were studied are older than the dinosaurs.'],
        };

        const [before, after] = await Promise.all([raw.translate(request), repaired.translate(request)]);
        await Promise.all([raw.close(), repaired.close()]);

        expect(before.translations[0]).toMatch(/diras ke .*insektoj kiu estis studita /u);
        expect(after.translations[0]).toMatch(/diras, ke .*insektoj, kiuj estis studitaj /u);
      },
    );

    it('keeps names in translate=no elements exactly, and marks around the words they came with', async () => {
      const translator = new ApertiumTranslator({ modes: modes ?? [] });
      const segments = [
        '<span id=0 translate=no>Donald Trump</span> said <span id=1 translate=no>the Green Party</span> lost.',
        'She bought <em id=0>the red car</em> in <span id=1>Moscow</span>.',
      ];

      const result = await translator.translate({
        sourceLanguage: 'en',
        targetLanguage: 'es',
        segments,
        format: 'html',
      });
      await translator.close();

      expect(result.translations[0]).toMatch(
        /^<span id=0 translate=no>Donald Trump<\/span> dijo que <span id=1 translate=no>the Green Party<\/span> /u,
      );
      expect(result.translations[1]).toBe('Compró <em id=0>el coche rojo</em> en <span id=1>Moscú</span>.');
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

      expect(translator.settingsFor('es')).toBe(
        `eng-spa@${fingerprint}+repairs@${repairsFingerprint(REPAIRS.es)}`,
      );
      expect(translator.settingsFor('ca')).toBe(`eng-cat+repairs@${repairsFingerprint(REPAIRS.ca)}`);
      const bare = new ApertiumTranslator({ modes: modes ?? [], repairs: {} });
      expect(bare.settingsFor('ca')).toBe('eng-cat');
    });
  });

  it('cuts a mode around its tagger, asking only the HMM tagger to report what it did not know', () => {
    const hmm = splitModePipeline(
      "lt-proc -z 'a.bin' | apertium-wblank-attach | apertium-tagger -z -g $2 'a.prob' | apertium-pretransfer -z | lt-proc -z $1 'g.bin'",
    );
    expect(hmm).toEqual({
      analyse: "lt-proc -z 'a.bin' | apertium-wblank-attach",
      tag: "apertium-tagger -d -z -g $2 'a.prob'",
      rest: "apertium-pretransfer -z | lt-proc -z $1 'g.bin'",
    });
    expect(splitModePipeline("lt-proc 'a' | apertium-tagger -z -gx 'p.prob' | cat").tag).toBe(
      "apertium-tagger -z -gx 'p.prob'",
    );
    expect(splitModePipeline("lt-proc 'a' | lt-proc -b 'b'")).toEqual({
      analyse: "lt-proc 'a'",
      rest: "lt-proc -b 'b'",
    });
  });

  it('rejects an answer that belongs to another request as a translation fault', async () => {
    // Answers each request with the previous one, as a pipe that got one answer out of step would.
    const shifted = fakeStage("process.stdout.write((previous ?? request) + '\\0'); previous = request;");
    const translator = new ApertiumTranslator({
      modes: ['en-xx'],
      concurrency: 1,
      pipeline: async () => ({ analyse: 'cat', rest: shifted }),
    });

    const first = await translator.translate({
      sourceLanguage: 'en',
      targetLanguage: 'xx',
      segments: ['One.'],
    });
    const second = translator.translate({ sourceLanguage: 'en', targetLanguage: 'xx', segments: ['Two.'] });
    await expect(second).rejects.toBeInstanceOf(TranslationError);
    await expect(second).rejects.toMatchObject({
      retryable: false,
      message: /out of step.*another request/u,
    });
    await translator.close();
    expect(first.translations).toEqual(['One.']);
  });

  it('rejects an answer thousands of times longer than its segment as a translation fault', async () => {
    const runaway = fakeStage("process.stdout.write(request.repeat(5000) + '\\0');");
    const translator = new ApertiumTranslator({
      modes: ['en-xx'],
      pipeline: async () => ({ analyse: 'cat', rest: runaway }),
    });

    const attempt = translator.translate({
      sourceLanguage: 'en',
      targetLanguage: 'xx',
      segments: ['Short.'],
    });
    await expect(attempt).rejects.toMatchObject({ retryable: false, message: /not a translation/u });
    await translator.close();
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
