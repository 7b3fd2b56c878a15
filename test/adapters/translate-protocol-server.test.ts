import '../support/quiet-aws-sdk.js';
import { request } from 'node:http';
import {
  TextSizeLimitExceededException,
  TranslateClient,
  TranslateTextCommand,
  UnsupportedLanguagePairException,
} from '@aws-sdk/client-translate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

let server: TranslateProtocolServer;
let client: TranslateClient;

/** One attempt, standard mode: adaptive mode would slow the client down after each throttle. */
const oneShotClient = (endpoint: string) =>
  new TranslateClient({
    endpoint,
    region: DUMMY_REGION,
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: 1,
    retryMode: 'standard',
  });

beforeAll(async () => {
  server = await startTranslateProtocolServer({ seed: 42 });
  client = oneShotClient(server.endpoint);
});
afterAll(async () => {
  client.destroy();
  await server.close();
});
beforeEach(() => server.reset());

const translate = (Text: string, TargetLanguageCode = 'es', SourceLanguageCode = 'en') =>
  client.send(new TranslateTextCommand({ Text, SourceLanguageCode, TargetLanguageCode }));

describe('loopback Translate-protocol server', () => {
  it('answers TranslateText for the real SDK client, keeping one line per line', async () => {
    const output = await translate('One.\nTwo.\n\nThree.');

    expect(output).toMatchObject({
      TranslatedText: '[es] One.\n[es] Two.\n\n[es] Three.',
      SourceLanguageCode: 'en',
      TargetLanguageCode: 'es',
    });
  });

  it('enforces the 10,000-byte limit in bytes, as the service does', async () => {
    const fits = '北'.repeat(3_333);
    const over = '北'.repeat(3_334);

    await expect(translate(fits)).resolves.toBeDefined();
    await expect(translate(over)).rejects.toBeInstanceOf(TextSizeLimitExceededException);
  });

  it('sends modelled errors the SDK turns into their exception classes', async () => {
    server.inject({ unsupportedTargets: ['xx'] });

    const error = await translate('Hi.', 'xx').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnsupportedLanguagePairException);
    expect(error).toMatchObject({ TargetLanguageCode: 'xx', $metadata: { httpStatusCode: 400 } });
  });

  it('throttles the next N requests with the chosen error and status', async () => {
    server.inject({ throttleNext: 2, throttleError: 'TooManyRequestsException', throttleStatus: 429 });

    const results = await Promise.allSettled([translate('a'), translate('b'), translate('c')]);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
    });
  });

  it('throttles a fraction of requests, the same ones for the same seed', async () => {
    const outcomes = async () => {
      const seeded = await startTranslateProtocolServer({ seed: 7, faults: { throttleFraction: 0.3 } });
      const seededClient = oneShotClient(seeded.endpoint);
      const results: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        const ok = await seededClient
          .send(
            new TranslateTextCommand({ Text: `t${i}`, SourceLanguageCode: 'en', TargetLanguageCode: 'es' }),
          )
          .then(
            () => 'ok',
            () => 'throttled',
          );
        results.push(ok);
      }
      seededClient.destroy();
      await seeded.close();
      return results;
    };

    const first = await outcomes();
    const second = await outcomes();

    expect(first).toEqual(second);
    const throttled = first.filter((r) => r === 'throttled').length;
    expect(throttled).toBeGreaterThan(4);
    expect(throttled).toBeLessThan(20);
  });

  it('drops or merges a line of the next multi-line answers', async () => {
    server.inject({ dropLineNext: 1 });
    const dropped = await translate('a\nb\nc');
    server.inject({ mergeLinesNext: 1 });
    const merged = await translate('a\nb\nc');
    const clean = await translate('a\nb\nc');

    expect(dropped.TranslatedText?.split('\n')).toHaveLength(2);
    expect(merged.TranslatedText).toBe('[es] a [es] b\n[es] c');
    expect(clean.TranslatedText?.split('\n')).toHaveLength(3);
  });

  it('logs requests with characters, bytes, languages and times', async () => {
    const before = Date.now();
    await translate('Ünï 🙂', 'fr');
    await translate('abc', 'de');

    const stats = server.stats();

    expect(stats).toMatchObject({
      requests: 2,
      characters: 5 + 3,
      byLanguage: { fr: { requests: 1, characters: 5 }, de: { requests: 1, characters: 3 } },
      outcomes: { ok: 2 },
    });
    expect(server.requests[0]).toMatchObject({ bytes: Buffer.byteLength('Ünï 🙂'), lines: 1, status: 200 });
    expect(server.requests[0]?.receivedAt).toBeGreaterThanOrEqual(before);
    expect(server.requests[0]?.finishedAt).toBeGreaterThanOrEqual(server.requests[0]?.receivedAt ?? 0);
  });

  it('refuses requests that are not TranslateText', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const call = request(
        `${server.endpoint}/`,
        { method: 'POST', headers: { 'x-amz-target': 'AWSShineFrontendService_20170701.ListLanguages' } },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      );
      call.on('error', reject);
      call.end('{}');
    });

    expect(status).toBe(400);
    expect(server.requests).toHaveLength(0);
  });

  it('closes with hung requests still open', async () => {
    const hanging = await startTranslateProtocolServer({ faults: { hangNext: 1 } });
    const hangingClient = oneShotClient(hanging.endpoint);
    const pending = hangingClient
      .send(new TranslateTextCommand({ Text: 'x', SourceLanguageCode: 'en', TargetLanguageCode: 'es' }))
      .catch((e: unknown) => e);
    while (hanging.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    await hanging.close();

    expect(await pending).toBeInstanceOf(Error);
    expect(hanging.stats().outcomes.hung).toBe(1);
    hangingClient.destroy();
  });
});
