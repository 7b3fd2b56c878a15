import '../support/quiet-aws-sdk.js';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestJson } from '../../functions/core/contract.js';
import { articleIdFor } from '../../functions/core/publish/article-id.js';
import { pollJson, upload } from '../local/helpers.js';
import { seededRandom } from '../support/seeded-random.js';
import { type LoopbackSystem, mismatchedArtefacts, startLoopbackSystem } from './support/loopback-runner.js';

const manifestKey = (key: string) => `published/${articleIdFor(key, 'incoming/')}/manifest.json`;
/** How long half the requests are throttled. Short in CI: `npm run soak -- --throttle 0.5` runs a long storm. */
const STORM_MS = 3_000;

function story(tag: string): string {
  return `${tag} ferry returns\n\nThe ${tag} ferry resumed service on Monday after a repair. Captain Ana Ruiz said the ${tag} crossing was full.\n\nThe port authority will review the ${tag} contract in June.\n`;
}

// A file of its own: the SDK client's adaptive rate limiter remembers the storm, which would slow later tests.
describe('a throttling storm (half of the Translate requests answered 429 for a while)', () => {
  let system: LoopbackSystem;
  beforeAll(async () => {
    system = await startLoopbackSystem({ languages: ['es', 'fr', 'de'] });
  });
  afterAll(async () => {
    await system?.close();
  });

  it('still publishes every article, complete, each once', async () => {
    const random = seededRandom(8);
    let stormEnds: number | undefined;
    system.translate.inject({
      custom: () => {
        stormEnds ??= Date.now() + STORM_MS;
        return Date.now() < stormEnds && random() < 0.5
          ? { status: 429, type: 'ThrottlingException', message: 'Rate exceeded' }
          : undefined;
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
    // Each throttled request was tried again: by the SDK (counted in the manifests) or, once the SDK gave up on
    // a language, by another delivery of the article (a retry report); both only ever for this storm.
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
    expect(sdkRetries + redeliveries).toBeGreaterThan(0);
    expect(system.test.reports.filter((report) => report.type === 'dead-letter')).toEqual([]);
    const publishedEvents = system.events.events.filter(
      (event) => event.type === 'ArticlePublished' && event.detail.status === 'complete',
    );
    expect(publishedEvents.map((event) => event.detail.sourceKey).sort()).toEqual([...keys].sort());
  }, 60_000);
});
