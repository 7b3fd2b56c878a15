import '../support/quiet-aws-sdk.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestJson } from '../../functions/core/contract.js';
import { articleIdFor } from '../../functions/core/publish/article-id.js';
import type { DevReport } from '../../functions/local/dev-runner.js';
import { getText, pollJson, upload } from '../local/helpers.js';
import {
  type LoopbackSystem,
  mismatchedArtefacts,
  outcomesFor,
  startLoopbackSystem,
} from './support/loopback-runner.js';

const idOf = (key: string) => articleIdFor(key, 'incoming/');
const manifestKey = (key: string) => `published/${idOf(key)}/manifest.json`;
const TRANSLATE_TIMEOUT_MS = 1_000;

/** A short article of its own (no sentence shared with another, so the translation memory cannot answer it). */
function story(tag: string): string {
  return `${tag} ferry returns\n\nThe ${tag} ferry resumed service on Monday after a repair. Captain Ana Ruiz said the ${tag} crossing was full.\n\nThe port authority will review the ${tag} contract in June.\n`;
}

const totalRetries = (manifest: ManifestJson) =>
  Object.values(manifest.translation.languages).reduce((sum, language) => sum + (language?.retries ?? 0), 0);

describe('faults, with the loopback Translate server and the local bucket', () => {
  let system: LoopbackSystem;
  beforeAll(async () => {
    system = await startLoopbackSystem({
      languages: ['es', 'fr', 'de'],
      translateTimeoutMs: TRANSLATE_TIMEOUT_MS,
    });
  });
  afterAll(async () => {
    await system?.close();
  });

  const reportsFor = (key: string, type: DevReport['type']) =>
    system.test.reports.filter(
      (report) =>
        report.type === type && (report.type === 'outcome' ? report.outcome.key : report.key) === key,
    );
  const published = (key: string) =>
    system.test.until(
      (report) =>
        report.type === 'outcome' && report.outcome.key === key && report.outcome.status === 'published',
    );

  it('retries 5xx answers and publishes, each error costing one retry', async () => {
    const before = system.translate.stats().outcomes['server-error'];
    system.translate.inject({ serverErrorNext: 4, serverErrorStatus: 503 });
    const key = 'incoming/faults/server errors.txt';

    await upload(system.test.client, key, story('servererror'));
    await published(key);

    const manifest = await pollJson<ManifestJson>(system.test.client, manifestKey(key));
    expect(manifest.status).toBe('complete');
    expect(system.translate.stats().outcomes['server-error'] - before).toBe(4);
    expect(totalRetries(manifest)).toBe(4);
    expect(reportsFor(key, 'retry')).toEqual([]);
  });

  it('gives up on a hung request after the configured timeout and retries it', async () => {
    system.translate.inject({ hangNext: 1 });
    const key = 'incoming/faults/hung request.txt';

    await upload(system.test.client, key, story('hung'));
    await published(key);

    const manifest = await pollJson<ManifestJson>(system.test.client, manifestKey(key));
    expect(manifest.status).toBe('complete');
    expect(totalRetries(manifest)).toBeGreaterThanOrEqual(1);
    const hung = system.translate.requests.find(
      (request) => request.outcome === 'hung' && request.text.includes('hung'),
    );
    const retry = system.translate.requests.find(
      (request) =>
        request !== hung && request.text === hung?.text && request.targetLanguage === hung?.targetLanguage,
    );
    expect(retry?.outcome).toBe('ok');
    const waitedMs = (retry?.receivedAt ?? 0) - (hung?.receivedAt ?? 0);
    // Not a speed check: the retry came after the configured timeout, well before the 15 s default.
    expect(waitedMs).toBeGreaterThanOrEqual(TRANSLATE_TIMEOUT_MS - 50);
    expect(waitedMs).toBeLessThan(10_000);
  });

  it('publishes the other languages when one fails for good, and completes the set later without translating them again', async () => {
    system.translate.inject({ unsupportedTargets: ['de'] });
    const key = 'incoming/faults/no german.txt';
    const text = story('nogerman');

    await upload(system.test.client, key, text);
    await system.test.until((report) => report.type === 'outcome' && report.outcome.key === key);
    await system.test.runner.idle();
    const partial = await pollJson<ManifestJson>(system.test.client, manifestKey(key));

    expect(partial).toMatchObject({ status: 'partial', languages: ['en', 'es', 'fr'] });
    expect(partial.errors).toEqual([
      expect.objectContaining({
        language: 'de',
        retryable: false,
        message: expect.stringContaining('en to de'),
      }),
    ]);
    expect(await mismatchedArtefacts(system.test, partial)).toEqual([]);
    expect(await getText(system.test.client, `published/${idOf(key)}/de.json`)).toBeUndefined();
    expect(reportsFor(key, 'retry')).toEqual([]);
    expect(
      system.logger.lines.filter(
        (line) => line.level === 'warn' && line.message === 'language failed' && line.attributes.key === key,
      ),
    ).toEqual([
      expect.objectContaining({ attributes: expect.objectContaining({ language: 'de', retryable: false }) }),
    ]);

    // The cause is fixed (the pair is available now) and the article is delivered again.
    system.translate.inject({ unsupportedTargets: [] });
    const requestsBefore = system.translate.requests.length;
    await upload(system.test.client, key, text);
    await published(key);
    const complete = await pollJson<ManifestJson>(system.test.client, manifestKey(key));

    expect(complete).toMatchObject({ status: 'complete', languages: ['en', 'es', 'fr', 'de'], errors: [] });
    const again = system.translate.requests.slice(requestsBefore);
    expect(again.length).toBeGreaterThan(0);
    expect(new Set(again.map((request) => request.targetLanguage))).toEqual(new Set(['de']));
    expect(complete.translation.languages.es).toMatchObject({ charactersSent: 0 });
    expect(complete.translation.languages.fr).toMatchObject({ charactersSent: 0 });
    expect(complete.translation.languages.de?.charactersSent).toBeGreaterThan(0);
  });

  it('retries an article whose write to the bucket failed once, logging the fault as an error', async () => {
    const key = 'incoming/faults/write fails once.txt';
    const failing = `published/${idOf(key)}/es.html`;
    system.tap.failPut = (put, attempt) => put === failing && attempt === 1;

    await upload(system.test.client, key, story('writeonce'));
    await published(key);
    system.tap.failPut = () => false;

    expect(system.tap.failedPuts).toEqual([failing]);
    expect(reportsFor(key, 'retry')).toEqual([expect.objectContaining({ attempt: 1 })]);
    expect(
      system.logger.lines.filter(
        (line) =>
          line.message === 'article processing failed, will be retried' && line.attributes.key === key,
      ),
    ).toEqual([expect.objectContaining({ level: 'error' })]);
    const manifest = await pollJson<ManifestJson>(system.test.client, manifestKey(key));
    expect(manifest.status).toBe('complete');
    expect(await mismatchedArtefacts(system.test, manifest)).toEqual([]);
    expect(system.events.events.filter((event) => event.detail.sourceKey === key)).toHaveLength(1);
  });

  it('reports an article whose write always fails and publishes nothing of it, until the fault is gone', async () => {
    const key = 'incoming/faults/write always fails.txt';
    const failing = `published/${idOf(key)}/es.html`;
    system.tap.failPut = (put) => put === failing;

    await upload(system.test.client, key, story('writealways'));
    const [dead] = await system.test.until((report) => report.type === 'dead-letter' && report.key === key);

    expect(dead).toMatchObject({ attempts: 3 });
    expect(reportsFor(key, 'retry')).toHaveLength(2);
    expect(reportsFor(key, 'outcome')).toEqual([]);
    expect(await getText(system.test.client, manifestKey(key))).toBeUndefined();
    expect(await getText(system.test.client, `failed/${idOf(key)}.json`)).toBeUndefined();
    expect(system.events.events.filter((event) => event.detail.sourceKey === key)).toEqual([]);
    expect(
      system.logger.lines.filter(
        (line) =>
          line.message === 'message moved to the dead-letter log' && line.attributes.keys?.toString() === key,
      ),
    ).toEqual([expect.objectContaining({ level: 'error' })]);

    system.tap.failPut = () => false;
    await upload(system.test.client, key, story('writealways'));
    await published(key);
    const manifest = await pollJson<ManifestJson>(system.test.client, manifestKey(key));
    expect(manifest.status).toBe('complete');
    expect(await mismatchedArtefacts(system.test, manifest)).toEqual([]);
    expect(outcomesFor(system.test.reports, key)).toHaveLength(1);
  });
});
