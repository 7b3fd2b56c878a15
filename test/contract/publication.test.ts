import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsArticleStore } from '../../functions/adapters/fs-article-store.js';
import type { ArtefactJson, ManifestJson } from '../../functions/core/contract.js';
import { TranslationError } from '../../functions/core/errors.js';
import { sha256Hex } from '../../functions/core/hashing.js';
import { type ArticleRef, processArticle } from '../../functions/core/pipeline.js';
import type { ArticleStore } from '../../functions/core/ports.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, testSettings } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';
import { expectValidOutputs, objectsUnder } from './validate.js';

const seed = readFileSync(
  new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url),
  'utf8',
);
const edited = seed.replace('Top Chinese diplomat', 'Senior Chinese diplomat');
const seedKey = 'incoming/wang-yi-moscow-visit.txt';
const folder = 'published/wang-yi-moscow-visit/';
const manifestKey = `${folder}manifest.json`;

const settings = testSettings();
const clock = fixedClock('2024-02-01T00:00:00Z');

async function manifestOf(store: ArticleStore, versionId?: string): Promise<ManifestJson> {
  const object = await store.get(manifestKey, versionId ? { versionId } : {});
  if (!object) throw new Error('no manifest');
  return JSON.parse(new TextDecoder().decode(object.body)) as ManifestJson;
}

/** Reads each artefact as the manifest names it (by version id where it has one); lists those that differ. */
async function unresolved(store: ArticleStore, artefacts: readonly ArtefactJson[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const artefact of artefacts) {
    const object = await store.get(artefact.key, artefact.versionId ? { versionId: artefact.versionId } : {});
    if (!object || sha256Hex(object.body) !== artefact.sha256) wrong.push(artefact.key);
  }
  return wrong;
}

describe('publication contract', () => {
  let store: MemoryArticleStore;
  let translator: TaggingTranslator;
  const publish = (ref: ArticleRef) =>
    processArticle(ref, settings, { store, translator, clock, logger: silentLogger });

  beforeEach(() => {
    // A versioned bucket: every version readable by its id, upload times ordering versions.
    store = new MemoryArticleStore({
      keepVersions: 'all',
      lastModifiedFrom: new Date('2024-01-01T00:00:00Z'),
    });
    translator = new TaggingTranslator();
  });

  afterEach(() => {
    expectValidOutputs(store.current());
  });

  it('writes the manifest last, after every write it lists has finished, and lists every object written', async () => {
    const upload = store.upload(seedKey, seed);
    const finished: string[] = [];
    let manifestStartedAfter: string[] = [];
    store.beforePut = async (key) => {
      if (key === manifestKey) manifestStartedAfter = [...finished];
      // Writes of one set run concurrently; make them finish out of order.
      await new Promise((resolve) => setTimeout(resolve, key.endsWith('.html') ? 5 : 1));
      finished.push(key);
    };

    await publish({ key: seedKey, versionId: upload.versionId ?? '' });

    const manifest = await manifestOf(store);
    const listed = manifest.artefacts.map((artefact) => artefact.key);
    expect(store.writes.at(-1)).toBe(manifestKey);
    // Besides the set, the feeds (shared by every article, not part of a set) are written before the manifest.
    const feeds = ['en', 'es', 'ca'].map((language) => `published/feeds/${language}.xml`);
    expect(new Set(manifestStartedAfter)).toEqual(new Set([...listed, ...feeds]));
    expect(new Set(store.writes.slice(0, -1))).toEqual(new Set([...listed, ...feeds]));
    expect(listed).toEqual([
      ...['en', 'es', 'ca'].flatMap((language) => [`${folder}${language}.json`, `${folder}${language}.html`]),
      `${folder}index.html`,
    ]);
    expect(manifest.artefacts.every((artefact) => artefact.versionId !== null)).toBe(true);
    expect(manifest.source).toMatchObject({ versionId: upload.versionId, etag: upload.etag });
    expect(manifest.source.lastModified).toBe(upload.lastModified?.toISOString());
  });

  it('keeps an earlier manifest resolving to its exact objects while a new set is written and after', async () => {
    const first = store.upload(seedKey, seed);
    await publish({ key: seedKey, versionId: first.versionId ?? '' });
    const earlier = await manifestOf(store);
    const earlierVersion = (await store.head(manifestKey))?.versionId;
    const second = store.upload(seedKey, edited);
    const midway: string[][] = [];
    store.beforePut = async (key) => {
      if (key === `${folder}ca.html` || key === manifestKey)
        midway.push(await unresolved(store, earlier.artefacts));
    };

    await publish({ key: seedKey, versionId: second.versionId ?? '' });

    expect(midway).toEqual([[], []]);
    expect(await unresolved(store, earlier.artefacts)).toEqual([]);
    expect(await manifestOf(store, earlierVersion)).toEqual(earlier);
    const latest = await manifestOf(store);
    expect(latest.source.sha256).toBe(sha256Hex(edited));
    expect(await unresolved(store, latest.artefacts)).toEqual([]);
  });

  it('publishes nothing when a write fails: the earlier manifest stays current and exact, and the retry publishes', async () => {
    const first = store.upload(seedKey, seed);
    await publish({ key: seedKey, versionId: first.versionId ?? '' });
    const earlier = await manifestOf(store);
    const second = store.upload(seedKey, edited);
    store.beforePut = (key) => {
      if (key === `${folder}es.html`) throw new Error('S3 unavailable');
    };

    await expect(publish({ key: seedKey, versionId: second.versionId ?? '' })).rejects.toThrow(
      'S3 unavailable',
    );

    expect(await manifestOf(store)).toEqual(earlier);
    expect(await unresolved(store, earlier.artefacts)).toEqual([]);

    store.beforePut = undefined;
    await publish({ key: seedKey, versionId: second.versionId ?? '' });
    expect((await manifestOf(store)).source.sha256).toBe(sha256Hex(edited));
  });

  it('never overwrites or drops an earlier complete language when it fails in a later set, and says where it is', async () => {
    const first = store.upload(seedKey, seed);
    await publish({ key: seedKey, versionId: first.versionId ?? '' });
    const earlier = await manifestOf(store);
    const earlierCatalan = earlier.artefacts.filter((artefact) => artefact.language === 'ca');
    translator.failing.set('ca', new TranslationError('Throttled for too long.', true));

    const second = store.upload(seedKey, edited);
    const outcome = await publish({ key: seedKey, versionId: second.versionId ?? '' });
    const third = store.upload(seedKey, `${edited}\nA late correction.\n`);
    await publish({ key: seedKey, versionId: third.versionId ?? '' });

    expect(outcome).toMatchObject({ status: 'partial', retryable: true });
    expect(store.writes.filter((key) => key.startsWith(folder) && key.includes('/ca.'))).toEqual([
      `${folder}ca.json`,
      `${folder}ca.html`,
    ]);
    const latest = await manifestOf(store);
    expect(latest.status).toBe('partial');
    expect(latest.languages).toEqual(['en', 'es']);
    expect(latest.errors).toEqual([
      {
        language: 'ca',
        message: 'Throttled for too long.',
        retryable: true,
        previous: {
          publishedAt: earlier.publishedAt,
          sourceSha256: sha256Hex(seed),
          artefacts: earlierCatalan,
        },
      },
    ]);
    expect(await unresolved(store, earlierCatalan)).toEqual([]);
  });

  it('ignores an older upload delivered after a newer one was published', async () => {
    const older = store.upload(seedKey, seed);
    const newer = store.upload(seedKey, edited);
    await publish({ key: seedKey, versionId: newer.versionId ?? '' });
    const writes = store.writes.length;

    const outcome = await publish({ key: seedKey, versionId: older.versionId ?? '' });

    expect(outcome.status).toBe('unchanged');
    expect(store.writes.length).toBe(writes);
    expect((await manifestOf(store)).source.versionId).toBe(newer.versionId);
  });

  it('does not let an older upload replace the manifest of a newer one published meanwhile', async () => {
    const older = store.upload(seedKey, seed);
    const newer = store.upload(seedKey, edited);
    let raced = false;
    store.beforePut = async (key) => {
      if (raced || key !== `${folder}en.json`) return;
      raced = true;
      // The newer upload is processed to the end while the older one is writing its set.
      await publish({ key: seedKey, versionId: newer.versionId ?? '' });
    };

    const outcome = await publish({ key: seedKey, versionId: older.versionId ?? '' });

    expect(outcome.status).toBe('unchanged');
    const latest = await manifestOf(store);
    expect(latest.source.versionId).toBe(newer.versionId);
    expect(await unresolved(store, latest.artefacts)).toEqual([]);
  });
});

describe('publication contract in a store without versions', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'polybrief-contract-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('leaves the earlier manifest in place when a republish stops half way, and every object it lists is exact or detectably replaced', async () => {
    const input = join(root, 'input.txt');
    const sources = new Map([[seedKey, input]]);
    const deps = (store: ArticleStore) => ({
      store,
      translator: new TaggingTranslator(),
      clock,
      logger: silentLogger,
    });
    await import('node:fs/promises').then((fs) => fs.writeFile(input, seed));
    const store = new FsArticleStore({ root: join(root, 'out'), sources });
    await processArticle({ key: seedKey }, settings, deps(store));
    const earlierBytes = await readFile(join(root, 'out', manifestKey));
    const earlier = JSON.parse(earlierBytes.toString('utf8')) as ManifestJson;
    expect(earlier.artefacts.every((artefact) => artefact.versionId === null)).toBe(true);

    await import('node:fs/promises').then((fs) => fs.writeFile(input, edited));
    const failing: ArticleStore = {
      location: store.location,
      head: (key) => store.head(key),
      get: (key, options) => store.get(key, options),
      put: (key, body, options) => {
        if (key === `${folder}es.html`) return Promise.reject(new Error('disk full'));
        return store.put(key, body, options);
      },
    };
    await expect(processArticle({ key: seedKey }, settings, deps(failing))).rejects.toThrow('disk full');

    expect(await readFile(join(root, 'out', manifestKey))).toEqual(earlierBytes);
    const replaced = await unresolved(store, earlier.artefacts);
    expect(replaced.length).toBeGreaterThan(0);
    for (const artefact of earlier.artefacts.filter((item) => !replaced.includes(item.key))) {
      expect(sha256Hex(await readFile(join(root, 'out', artefact.key)))).toBe(artefact.sha256);
    }

    await processArticle({ key: seedKey }, settings, deps(store));
    expectValidOutputs(await objectsUnder(join(root, 'out')));
  });
});
