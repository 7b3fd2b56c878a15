import { describe, expect, it } from 'vitest';
import type { ArtefactJson, ManifestJson } from '../../functions/core/contract.js';
import { sha256Hex } from '../../functions/core/hashing.js';
import type { Translator } from '../../functions/core/ports.js';
import {
  previousVersionOf,
  publishedFromThis,
  readManifest,
  restoreSet,
  settingsFingerprint,
  supersededBy,
} from '../../functions/core/publish/standing-set.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { testSettings } from '../doubles/pipeline-fixture.js';

const translator: Translator = {
  engine: 'test',
  settingsFor: (language) => `${language}-v1`,
  translate: async () => {
    throw new Error('not used');
  },
};

function artefact(
  key: string,
  language: string | null,
  body: string,
  versionId: string | null,
): ArtefactJson {
  return {
    key,
    language,
    contentType: 'application/json',
    bytes: body.length,
    sha256: sha256Hex(body),
    versionId,
  };
}

function manifest(
  overrides: Partial<ManifestJson> = {},
  source: Partial<ManifestJson['source']> = {},
): ManifestJson {
  return {
    schemaVersion: '1.1.0',
    articleId: 'a',
    status: 'complete',
    publishedAt: '2024-01-01T00:00:00.000Z',
    pipelineVersion: '0.0.0-test',
    settingsFingerprint: 'f1',
    source: {
      bucket: 'b',
      key: 'incoming/a.txt',
      versionId: 'v2',
      etag: null,
      lastModified: '2024-01-02T00:00:00.000Z',
      sha256: 'sha-a',
      bytes: 10,
      format: 'text',
      encoding: 'utf-8',
      ...source,
    },
    sourceLanguage: 'en',
    languages: ['en', 'es'],
    artefacts: [
      artefact('published/a/en.json', 'en', 'en', 'v1'),
      artefact('published/a/es.json', 'es', 'es', 'v1'),
    ],
    errors: [],
    timings: { totalMs: 0, stagesMs: { read: 0, analyse: 0, translate: 0, publish: 0 }, languagesMs: {} },
    translation: { scope: 'full', pricePerMillionCharactersUsd: 0, languages: {} },
    edits: [],
    ...overrides,
  };
}

describe('settingsFingerprint', () => {
  it('is the same for the same settings in any language order, and changes with anything that shapes a set', () => {
    const base = settingsFingerprint(testSettings({ targetLanguages: ['es', 'ca'] }), translator);
    expect(settingsFingerprint(testSettings({ targetLanguages: ['ca', 'es'] }), translator)).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/u);
    const changed = [
      settingsFingerprint(testSettings({ targetLanguages: ['es'] }), translator),
      settingsFingerprint(testSettings({ translationScope: 'brief' }), translator),
      settingsFingerprint(testSettings({ pipelineVersion: '9' }), translator),
      settingsFingerprint(testSettings(), { ...translator, settingsFor: (language) => `${language}-v2` }),
      settingsFingerprint(testSettings(), { ...translator, engine: 'other' }),
    ];
    for (const fingerprint of changed) expect(fingerprint).not.toBe(base);
  });
});

describe('publishedFromThis', () => {
  const upload = { sha256: 'sha-a', info: { key: 'incoming/a.txt', size: 10, versionId: 'v2' } };

  it('is true for a complete set from the same bytes, key, version and settings', () => {
    expect(publishedFromThis(manifest(), 'incoming/a.txt', upload, 'f1')).toBe(true);
  });

  it('is false when the bytes, the key, the settings or the version differ, or the set is partial', () => {
    expect(publishedFromThis(manifest(), 'incoming/a.txt', { ...upload, sha256: 'sha-b' }, 'f1')).toBe(false);
    expect(publishedFromThis(manifest(), 'incoming/b.txt', upload, 'f1')).toBe(false);
    expect(publishedFromThis(manifest(), 'incoming/a.txt', upload, 'f2')).toBe(false);
    expect(publishedFromThis(manifest({ status: 'partial' }), 'incoming/a.txt', upload, 'f1')).toBe(false);
    const newVersion = { ...upload, info: { ...upload.info, versionId: 'v3' } };
    expect(publishedFromThis(manifest(), 'incoming/a.txt', newVersion, 'f1')).toBe(false);
  });

  it('does not compare versions when either side has none', () => {
    const unversioned = { ...upload, info: { key: 'incoming/a.txt', size: 10 } };
    expect(publishedFromThis(manifest(), 'incoming/a.txt', unversioned, 'f1')).toBe(true);
    expect(publishedFromThis(manifest({}, { versionId: null }), 'incoming/a.txt', upload, 'f1')).toBe(true);
  });
});

describe('supersededBy', () => {
  const older = { key: 'incoming/a.txt', size: 10, lastModified: new Date('2024-01-01T00:00:00Z') };

  it('is true for a set published from a newer version of the same key', () => {
    expect(supersededBy(manifest(), { key: 'incoming/a.txt', versionId: 'v1' }, older)).toBe(true);
  });

  it('is false for unversioned reads, the same version, another key, a newer upload, or no set', () => {
    expect(supersededBy(manifest(), { key: 'incoming/a.txt' }, older)).toBe(false);
    expect(supersededBy(manifest(), { key: 'incoming/a.txt', versionId: 'v2' }, older)).toBe(false);
    expect(
      supersededBy(
        manifest({}, { key: 'incoming/b.txt' }),
        { key: 'incoming/a.txt', versionId: 'v1' },
        older,
      ),
    ).toBe(false);
    const newer = { ...older, lastModified: new Date('2024-01-03T00:00:00Z') };
    expect(supersededBy(manifest(), { key: 'incoming/a.txt', versionId: 'v3' }, newer)).toBe(false);
    expect(supersededBy(undefined, { key: 'incoming/a.txt', versionId: 'v1' }, older)).toBe(false);
  });
});

describe('previousVersionOf', () => {
  it("lists the earlier set's own objects of a language it published", () => {
    expect(previousVersionOf('es', manifest())).toEqual({
      publishedAt: '2024-01-01T00:00:00.000Z',
      sourceSha256: 'sha-a',
      artefacts: [artefact('published/a/es.json', 'es', 'es', 'v1')],
    });
  });

  it('carries on what the earlier set still kept of a language that failed in it, or nothing', () => {
    const kept = { publishedAt: '2023-12-01T00:00:00.000Z', sourceSha256: 'sha-0', artefacts: [] };
    const earlier = manifest({
      status: 'partial',
      languages: ['en'],
      errors: [{ language: 'es', message: 'throttled', retryable: true, previous: kept }],
    });
    expect(previousVersionOf('es', earlier)).toBe(kept);
    expect(previousVersionOf('ca', earlier)).toBeNull();
    expect(previousVersionOf('es', undefined)).toBeNull();
  });
});

describe('readManifest and restoreSet', () => {
  it('reads no manifest from a missing or unreadable object', async () => {
    const store = new MemoryArticleStore();
    expect(await readManifest(store, 'published/a/manifest.json')).toBeUndefined();
    await store.put('published/a/manifest.json', '{ not json', { contentType: 'application/json' });
    expect(await readManifest(store, 'published/a/manifest.json')).toBeUndefined();
  });

  it('puts back, from its version, an object of the set whose bytes were replaced', async () => {
    const store = new MemoryArticleStore({ keepVersions: 'all' });
    const { versionId } = await store.put('published/a/es.json', 'es', { contentType: 'application/json' });
    await store.put('published/a/es.json', 'overwritten', { contentType: 'application/json' });
    const set = manifest({
      languages: ['es'],
      artefacts: [artefact('published/a/es.json', 'es', 'es', versionId ?? null)],
    });
    await restoreSet(store, set);
    expect(store.text('published/a/es.json')).toBe('es');
  });
});
