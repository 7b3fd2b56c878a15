import '../support/quiet-aws-sdk.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AmazonTranslateTranslator,
  type AmazonTranslateTranslatorOptions,
} from '../../functions/adapters/amazon-translate-translator.js';
import { type AwsClientOptions, createTranslateClient } from '../../functions/adapters/aws-clients.js';
import { TranslationError } from '../../functions/core/errors.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

let server: TranslateProtocolServer;

beforeAll(async () => {
  server = await startTranslateProtocolServer({
    terminologies: ['newsroom-names', 'newsroom-es', 'newsroom-de'],
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

function translator(
  options: Partial<AmazonTranslateTranslatorOptions> = {},
  client: Partial<AwsClientOptions> = {},
): AmazonTranslateTranslator {
  return new AmazonTranslateTranslator({
    client: createTranslateClient({
      endpoint: server.endpoint,
      region: DUMMY_REGION,
      credentials: DUMMY_CREDENTIALS,
      maxAttempts: 4,
      requestTimeoutMs: 5_000,
      ...client,
    }),
    ...options,
  });
}

/** The fake server puts `[es] ` before each line: taking it out again must give back the original text. */
function untag(text: string, language = 'es'): string {
  return text.replaceAll(`[${language}] `, '');
}

async function rejection(promise: Promise<unknown>): Promise<TranslationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TranslationError);
  return error as TranslationError;
}

describe('AmazonTranslateTranslator', () => {
  it('sends segments one per line and returns each translation at its index', async () => {
    const segments = ['The minister arrived.', 'He met the press.', 'Talks resume on Monday.'];

    const result = await translator().translate({ sourceLanguage: 'en', targetLanguage: 'es', segments });

    expect(result.translations).toEqual(segments.map((s) => `[es] ${s}`));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.text).toBe(segments.join('\n'));
    expect(result.usage).toEqual({ characters: segments.join('\n').length, requests: 1, retries: 0 });
    expect(result.detectedSourceLanguage).toBeUndefined();
  });

  it('packs multi-byte text by UTF-8 bytes, never over 10,000 bytes per request', async () => {
    // 40 CJK characters and an emoji: 2 code units and 4 bytes for the emoji, 3 bytes for each CJK character.
    const segments = Array.from(
      { length: 300 },
      (_, i) => `${'外交部长访问莫斯科并会见俄罗斯总统'.repeat(2)}${i}🙂`,
    );
    const totalBytes = Buffer.byteLength(segments.join('\n'));

    const result = await translator().translate({ sourceLanguage: 'zh', targetLanguage: 'es', segments });

    expect(result.translations).toEqual(segments.map((s) => `[es] ${s}`));
    const bytes = server.requests.map((r) => r.bytes);
    expect(Math.max(...bytes)).toBeLessThanOrEqual(10_000);
    expect(server.requests.length).toBe(Math.ceil(totalBytes / 10_000));
    expect(server.stats().outcomes['client-error']).toBe(0);
  });

  it('counts the characters sent, separators included, as usage', async () => {
    const segments = ['Ünïcödé façade 🙂', '北京', 'plain'];

    const result = await translator().translate({ sourceLanguage: 'en', targetLanguage: 'fr', segments });

    const sent = segments.join('\n');
    expect(result.usage.characters).toBe([...sent].length);
    expect(result.usage.characters).toBe(server.stats().characters);
    expect(result.usage.requests).toBe(server.stats().requests);
  });

  it('falls back to one request per segment when an answer drops a line', async () => {
    server.inject({ dropLineNext: 1 });
    const segments = ['First sentence.', 'Second sentence.', 'Third sentence.'];

    const result = await translator().translate({ sourceLanguage: 'en', targetLanguage: 'es', segments });

    expect(result.translations).toEqual(segments.map((s) => `[es] ${s}`));
    expect(server.requests.map((r) => r.lines)).toEqual([3, 1, 1, 1]);
    expect(result.usage.requests).toBe(4);
  });

  it('falls back to one request per segment when an answer merges two lines', async () => {
    server.inject({ mergeLinesNext: 1 });
    const segments = ['Uno.', 'Dos.', 'Tres.', 'Cuatro.'];

    const result = await translator().translate({ sourceLanguage: 'es', targetLanguage: 'en', segments });

    expect(result.translations).toEqual(segments.map((s) => `[en] ${s}`));
    expect(result.usage.requests).toBe(5);
  });

  it('rejects an answer shifted by a line against its request as a translation fault, not retried', async () => {
    server.inject({ shiftLinesNext: 1 });
    const segments = ['First sentence.', 'Second sentence.', 'Third sentence.'];

    const error = await rejection(
      translator().translate({ sourceLanguage: 'en', targetLanguage: 'es', segments }),
    );

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/shifted by a line/u);
  });

  it('rejects an answer thousands of times longer than its text as a translation fault, not retried', async () => {
    server.inject({ runawayNext: 1 });

    const error = await rejection(
      translator().translate({
        sourceLanguage: 'en',
        targetLanguage: 'es',
        segments: ['Short.', 'Also short.'],
      }),
    );

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/not a translation/u);
  });

  it('sends tagged segments as HTML in the text, as TranslateText reads it, and returns the tags', async () => {
    const segments = [
      '<span id=0 translate=no>Maria Chen</span> said <a id=1>the ferry</a> runs.',
      'No tags &amp; more.',
    ];

    const result = await translator().translate({
      sourceLanguage: 'en',
      targetLanguage: 'es',
      segments,
      format: 'html',
    });

    expect(server.requests[0]?.text).toBe(segments.join('\n'));
    expect(result.translations).toEqual(segments.map((s) => `[es] ${s}`));
  });

  it('splits an over-long sentence without punctuation under the limit and reassembles it in order', async () => {
    const words = Array.from({ length: 5_000 }, (_, i) => `word${i}`);
    const sentence = words.join(' ');
    expect(Buffer.byteLength(sentence)).toBeGreaterThan(30_000);

    const result = await translator().translate({
      sourceLanguage: 'en',
      targetLanguage: 'es',
      segments: ['Before.', sentence, 'After.'],
    });

    expect(Math.max(...server.requests.map((r) => r.bytes))).toBeLessThanOrEqual(10_000);
    expect(result.translations).toHaveLength(3);
    expect(result.translations[0]).toBe('[es] Before.');
    expect(untag(result.translations[1] ?? '')).toBe(sentence);
    expect(result.translations[2]).toBe('[es] After.');
  });

  it('splits an over-long text without spaces between characters, never inside a surrogate pair', async () => {
    const sentence = '😀中文'.repeat(3_000);

    const result = await translator().translate({
      sourceLanguage: 'zh',
      targetLanguage: 'es',
      segments: [sentence],
    });

    expect(untag(result.translations[0] ?? '')).toBe(sentence);
    for (const request of server.requests) {
      expect(request.bytes).toBeLessThanOrEqual(10_000);
      expect(request.text).not.toMatch(/\uFFFD/);
    }
  });

  it('keeps blank segments and the whitespace around segments without sending them', async () => {
    const segments = ['', '  Indented. ', '   '];

    const result = await translator().translate({ sourceLanguage: 'en', targetLanguage: 'es', segments });

    expect(result.translations).toEqual(['', '  [es] Indented. ', '   ']);
    expect(server.requests.map((r) => r.text)).toEqual(['Indented.']);
  });

  it('sends nothing for no segments', async () => {
    const result = await translator().translate({ sourceLanguage: 'en', targetLanguage: 'es', segments: [] });

    expect(result).toEqual({ translations: [], usage: { characters: 0, requests: 0, retries: 0 } });
    expect(server.requests).toHaveLength(0);
  });

  it('succeeds after a throttling burst, counting the retries', async () => {
    server.inject({ throttleNext: 2, throttleError: 'TooManyRequestsException' });

    const result = await translator().translate({
      sourceLanguage: 'en',
      targetLanguage: 'es',
      segments: ['Hi.'],
    });

    expect(result.translations).toEqual(['[es] Hi.']);
    expect(result.usage).toMatchObject({ requests: 1, retries: 2 });
    expect(server.stats().outcomes).toMatchObject({ throttled: 2, ok: 1 });
  });

  it('reports exhausted throttling as a retryable TranslationError', async () => {
    server.inject({ throttleNext: 10, throttleError: 'ThrottlingException', throttleStatus: 400 });

    const error = await rejection(
      translator({}, { maxAttempts: 2 }).translate({
        sourceLanguage: 'en',
        targetLanguage: 'es',
        segments: ['Hi.'],
      }),
    );

    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/throttl/i);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a server error and succeeds', async () => {
    server.inject({ serverErrorNext: 1, serverErrorStatus: 503 });

    const result = await translator().translate({
      sourceLanguage: 'en',
      targetLanguage: 'es',
      segments: ['Hi.'],
    });

    expect(result.translations).toEqual(['[es] Hi.']);
    expect(result.usage.retries).toBe(1);
  });

  it('reports exhausted server errors as a retryable TranslationError', async () => {
    server.inject({ serverErrorNext: 10 });

    const error = await rejection(
      translator({}, { maxAttempts: 2 }).translate({
        sourceLanguage: 'en',
        targetLanguage: 'es',
        segments: ['Hi.'],
      }),
    );

    expect(error.retryable).toBe(true);
    expect(error.message).toContain('InternalServerException');
  });

  it('reports an unsupported language pair at once as a non-retryable TranslationError', async () => {
    server.inject({ unsupportedTargets: ['xx'] });

    const error = await rejection(
      translator().translate({ sourceLanguage: 'en', targetLanguage: 'xx', segments: ['One.', 'Two.'] }),
    );

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('cannot translate en to xx');
    expect(error.message).toContain('Remove "xx"');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a missing terminology as a non-retryable TranslationError naming what to fix', async () => {
    const error = await rejection(
      translator({ terminologies: { es: 'no-such-terms' } }).translate({
        sourceLanguage: 'en',
        targetLanguage: 'es',
        segments: ['Hi.'],
      }),
    );

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/terminology/);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a hung request after the request timeout and retries it', async () => {
    server.inject({ hangNext: 1 });

    const result = await translator({}, { requestTimeoutMs: 300 }).translate({
      sourceLanguage: 'en',
      targetLanguage: 'es',
      segments: ['Hi.'],
    });

    expect(result.translations).toEqual(['[es] Hi.']);
    expect(result.usage.retries).toBe(1);
    expect(server.stats().outcomes).toMatchObject({ hung: 1, ok: 1 });
  });

  it('reports requests that keep hanging as a retryable TranslationError', async () => {
    server.inject({ hangNext: 10 });

    const error = await rejection(
      translator({}, { requestTimeoutMs: 200, maxAttempts: 2 }).translate({
        sourceLanguage: 'en',
        targetLanguage: 'es',
        segments: ['Hi.'],
      }),
    );

    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/did not answer in time/);
    expect(server.requests).toHaveLength(2);
  });

  it('shares one concurrency cap across languages translated at the same time', async () => {
    const slow = await startTranslateProtocolServer({ latencyMs: 40 });
    try {
      const shared = new AmazonTranslateTranslator({
        client: createTranslateClient({
          endpoint: slow.endpoint,
          region: DUMMY_REGION,
          credentials: DUMMY_CREDENTIALS,
        }),
        concurrency: 3,
        maxRequestBytes: 100,
      });
      const segments = Array.from({ length: 20 }, (_, i) => `Sentence number ${i} of the article.`);

      const results = await Promise.all(
        ['es', 'fr', 'de', 'it'].map((targetLanguage) =>
          shared.translate({ sourceLanguage: 'en', targetLanguage, segments }),
        ),
      );

      expect(results.map((r) => r.translations[7])).toEqual(
        ['es', 'fr', 'de', 'it'].map((l) => `[${l}] Sentence number 7 of the article.`),
      );
      expect(slow.stats().requests).toBeGreaterThan(12);
      expect(slow.stats().peakConcurrency).toBe(3);
    } finally {
      await slow.close();
    }
  });

  it('passes per-language settings, terminology and an auto source through, and names them in settingsFor', async () => {
    const subject = translator({
      settings: { de: { formality: 'FORMAL', profanity: 'MASK' }, '*': { profanity: 'MASK' } },
      terminologies: { '*': 'newsroom-names' },
    });

    const result = await subject.translate({
      sourceLanguage: 'auto',
      targetLanguage: 'de',
      segments: ['Hello.'],
    });

    expect(result.translations).toEqual(['[de formal masked] Hello.']);
    expect(result.detectedSourceLanguage).toBe('en');
    expect(server.requests[0]).toMatchObject({
      sourceLanguage: 'auto',
      settings: { Formality: 'FORMAL', Profanity: 'MASK' },
      terminologyNames: ['newsroom-names'],
    });
    expect(subject.settingsFor('de')).toBe('formality=FORMAL;profanity=MASK;terminology=newsroom-names');
    expect(subject.settingsFor('es')).toBe('profanity=MASK;terminology=newsroom-names');
    expect(translator().settingsFor('es')).toBe('');
  });

  it("sends each request its target language's terminology only, one per request as Translate accepts", async () => {
    const subject = translator({ terminologies: { es: 'newsroom-es', de: 'newsroom-de' } });

    const results = await Promise.all(
      ['es', 'de', 'fr'].map((targetLanguage) =>
        subject.translate({ sourceLanguage: 'en', targetLanguage, segments: ['Hello.'] }),
      ),
    );

    expect(results.map((result) => result.translations[0])).toEqual([
      '[es] Hello.',
      '[de] Hello.',
      '[fr] Hello.',
    ]);
    const sent = Object.fromEntries(
      server.requests.map((request) => [request.targetLanguage, request.terminologyNames]),
    );
    expect(sent).toEqual({ es: ['newsroom-es'], de: ['newsroom-de'], fr: undefined });
    expect([subject.settingsFor('es'), subject.settingsFor('fr')]).toEqual(['terminology=newsroom-es', '']);
  });

  it("applies an upload's terminologies in place of the deployment's map, only names it reads", async () => {
    const subject = translator({
      terminologies: { es: 'sport-terms', de: 'newsroom-names' },
      terminologyVersions: { 'newsroom-names': '2024-01-01T00:00:00.000Z' },
    });

    const chosen = subject.withTerminologies({ es: 'newsroom-names' });
    await Promise.all(
      ['es', 'de'].map((targetLanguage) =>
        chosen.translate({ sourceLanguage: 'en', targetLanguage, segments: ['Hello.'] }),
      ),
    );

    // The upload's map replaces the deployment's: es gets the upload's one, de (not named) none.
    const sent = Object.fromEntries(
      server.requests.map((request) => [request.targetLanguage, request.terminologyNames]),
    );
    expect(sent).toEqual({ es: ['newsroom-names'], de: undefined });
    expect([chosen.settingsFor('es'), chosen.settingsFor('de')]).toEqual([
      'terminology=newsroom-names@2024-01-01T00:00:00.000Z',
      '',
    ]);
    expect(subject.withTerminologies({ es: 'newsroom-names' })).toBe(chosen);
    // A choice made from a choice is still bounded by what the deployment reads.
    expect(chosen.withTerminologies({ '*': 'sport-terms' }).settingsFor('fr')).toBe(
      'terminology=sport-terms',
    );
    expect(() => chosen.withTerminologies({ es: 'someone-elses' })).toThrow(
      'someone-elses is not a terminology this deployment reads (it reads sport-terms, newsroom-names).',
    );
  });
});
