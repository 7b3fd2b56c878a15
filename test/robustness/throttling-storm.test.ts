import '../support/quiet-aws-sdk.js';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestJson } from '../../functions/core/contract.js';
import { articleIdFor } from '../../functions/core/publish/article-id.js';
import { pollJson, upload } from '../local/helpers.js';
import { seededRandom } from '../support/seeded-random.js';
import { type LoopbackSystem, mismatchedArtefacts, startLoopbackSystem } from './support/loopback-runner.js';

const manifestKey = (key: string) => `published/${articleIdFor(key, 'incoming/')}/manifest.json`;
/** Share of Translate requests answered 429, for the whole test. */
const SHARE = 0.4;

function story(tag: string): string {
  return `${tag} ferry returns\n\nThe ${tag} ferry resumed service on Monday after a repair. Captain Ana Ruiz said the ${tag} crossing was full.\n\nThe port authority will review the ${tag} contract in June.\n`;
}

describe('a throttling storm (40 % of the Translate requests answered 429, all along)', () => {
  let system: LoopbackSystem;
  beforeAll(async () => {
    system = await startLoopbackSystem({ languages: ['es', 'fr', 'de'] });
  });
  afterAll(async () => {
    await system?.close();
  });

  it('publishes every article complete the first time, each once: no language is given up to the queue', async () => {
    const random = seededRandom(8);
    const throttle = { status: 429, type: 'ThrottlingException', message: 'Rate exceeded' };
    // In a long storm some request is bound to be throttled many times running (0.4^6 ≈ 0.4 %): here, story 3's.
    let unlucky = 0;
    system.translate.inject({
      custom: (request) => {
        if (request.Text.includes('storm3') && request.TargetLanguageCode === 'fr' && unlucky < 6) {
          unlucky += 1;
          return throttle;
        }
        return random() < SHARE ? throttle : undefined;
      },
    });
    const keys = Array.from({ length: 8 }, (_, index) => `incoming/storm/story ${index}.txt`);
    const limit = pLimit(4);

    await Promise.all(
      keys.map((key, index) => limit(() => upload(system.test.client, key, story(`storm${index}`)))),
    );
    await system.test.until(
      (report) => report.type === 'outcome' && report.outcome.status === 'published',
      keys.length,
    );
    await system.test.runner.idle();

    const manifests = await Promise.all(
      keys.map((key) => pollJson<ManifestJson>(system.test.client, manifestKey(key))),
    );
    expect(manifests.map((manifest) => `${manifest.status} ${manifest.languages}`)).toEqual(
      keys.map(() => 'complete en,es,fr,de'),
    );
    for (const manifest of manifests) expect(await mismatchedArtefacts(system.test, manifest)).toEqual([]);
    const throttled = system.translate.stats().outcomes.throttled;
    expect(throttled).toBeGreaterThan(0);
    // Each throttled request was tried again by the client itself (counted in the manifests), never by another
    // delivery of the article: no language was given up, so nothing waits for the queue's redelivery.
    const sdkRetries = manifests.reduce(
      (sum, manifest) =>
        sum +
        Object.values(manifest.translation.languages).reduce(
          (total, usage) => total + (usage?.retries ?? 0),
          0,
        ),
      0,
    );
    const redeliveries = system.test.reports.filter((report) => report.type === 'retry').length;
    expect(sdkRetries).toBe(throttled);
    expect(redeliveries).toBe(0);
    expect(system.test.reports.filter((report) => report.type === 'dead-letter')).toEqual([]);
    const publishedEvents = system.events.events.filter(
      (event) => event.type === 'ArticlePublished' && event.detail.status === 'complete',
    );
    expect(publishedEvents.map((event) => event.detail.sourceKey).sort()).toEqual([...keys].sort());
  }, 60_000);
});
