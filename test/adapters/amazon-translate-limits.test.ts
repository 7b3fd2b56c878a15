import '../support/quiet-aws-sdk.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmazonTranslateTranslator } from '../../functions/adapters/amazon-translate-translator.js';
import { createTranslateClient } from '../../functions/adapters/aws-clients.js';
import { fetchTerminologyVersions } from '../../functions/adapters/terminology-versions.js';
import { InvalidOptionsError } from '../../functions/shared/options/problems.js';
import {
  DEFAULT_TRANSLATE_CONCURRENCY,
  DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
} from '../../functions/shared/translate-concurrency.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';
import {
  type LoggedRequest,
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

/** Most requests of one language in flight at once, from the server's log. */
function peakFor(requests: readonly LoggedRequest[], language: string): number {
  const events = requests
    .filter((request) => request.targetLanguage === language)
    .flatMap((request) => [
      [request.receivedAt, 1],
      [request.finishedAt ?? Number.POSITIVE_INFINITY, -1],
    ])
    .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta as number;
    peak = Math.max(peak, current);
  }
  return peak;
}

describe('AmazonTranslateTranslator concurrency', () => {
  let server: TranslateProtocolServer;
  beforeAll(async () => {
    server = await startTranslateProtocolServer({ latencyMs: 60 });
  });
  afterAll(async () => {
    await server.close();
  });
  const translator = (options: { concurrency?: number; concurrencyPerLanguage?: number } = {}) =>
    new AmazonTranslateTranslator({
      client: createTranslateClient({
        endpoint: server.endpoint,
        region: DUMMY_REGION,
        credentials: DUMMY_CREDENTIALS,
      }),
      maxRequestBytes: 200,
      ...options,
    });
  const segments = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} of the long article.`);

  it('keeps at most concurrencyPerLanguage requests of one language in flight, within the total', async () => {
    server.reset();
    const subject = translator({ concurrency: 12, concurrencyPerLanguage: 4 });

    await Promise.all(
      ['es', 'fr', 'de', 'it'].map((targetLanguage) =>
        subject.translate({ sourceLanguage: 'en', targetLanguage, segments }),
      ),
    );

    for (const language of ['es', 'fr', 'de', 'it']) expect(peakFor(server.requests, language)).toBe(4);
    expect(server.stats().peakConcurrency).toBe(12);
  });

  it('by default sends six languages of a 40 KB article (five requests each) in a single round', async () => {
    server.reset();
    const subject = translator();
    expect(DEFAULT_TRANSLATE_CONCURRENCY).toBeGreaterThanOrEqual(6 * 5);
    expect(DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE).toBeGreaterThanOrEqual(5);
    const five = segments.slice(0, 25);

    await Promise.all(
      ['es', 'fr', 'de', 'ru', 'zh', 'ar'].map((targetLanguage) =>
        subject.translate({ sourceLanguage: 'en', targetLanguage, segments: five }),
      ),
    );

    expect(server.stats().requests).toBe(6 * 5);
    expect(server.stats().peakConcurrency).toBe(30);
  });

  it('refuses a concurrency per language that is not a positive integer', () => {
    expect(() => translator({ concurrencyPerLanguage: 0 })).toThrow(/concurrencyPerLanguage/);
  });
});

describe('terminology versions', () => {
  it('names each terminology with its version in settingsFor, so the memory keys change with it', () => {
    const subject = new AmazonTranslateTranslator({
      client: { send: async () => ({}) } as never,
      terminologies: { '*': 'newsroom-names' },
      terminologyVersions: { 'newsroom-names': '2024-05-01T10:00:00.000Z' },
    });
    expect(subject.settingsFor('es')).toBe('terminology=newsroom-names@2024-05-01T10:00:00.000Z');
  });

  it('reads the last update of each terminology once, with GetTerminology', async () => {
    const names: unknown[] = [];
    const client = {
      send: async (command: { input: { Name: string } }) => {
        names.push(command.input.Name);
        return { TerminologyProperties: { LastUpdatedAt: new Date('2024-05-01T10:00:00Z') } };
      },
    };

    const versions = await fetchTerminologyVersions(client as never, ['newsroom-names', 'sports']);

    expect(versions).toEqual({
      'newsroom-names': '2024-05-01T10:00:00.000Z',
      sports: '2024-05-01T10:00:00.000Z',
    });
    expect(names).toEqual(['newsroom-names', 'sports']);
    expect(await fetchTerminologyVersions(client as never, [])).toEqual({});
  });

  it('fails the configuration naming a terminology that cannot be read', async () => {
    const client = {
      send: async () => {
        throw Object.assign(new Error('The terminology was not found.'), {
          name: 'ResourceNotFoundException',
        });
      },
    };

    const failure = fetchTerminologyVersions(client as never, ['missing']);

    await expect(failure).rejects.toBeInstanceOf(InvalidOptionsError);
    await expect(failure).rejects.toThrow(/"missing".*ResourceNotFoundException/);
  });
});
