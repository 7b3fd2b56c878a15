import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CompletionEventJson, SCHEMA_VERSION } from '../../functions/core/contract.js';
import type { PipelineEvent } from '../../functions/core/ports.js';
import { generateContractTypes } from '../../scripts/generate-contract-types.js';
import { schemaErrors, schemaNames, schemasDir } from './validate.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Checked by the type checker: the port's event types are the contract's (its detail is the contract's type).
const typesAgree: Equal<PipelineEvent['type'], CompletionEventJson['detail-type']> = true;

const schema = (name: string) =>
  JSON.parse(readFileSync(new URL(`${name}.schema.json`, schemasDir), 'utf8')) as {
    $schema: string;
    $id: string;
    properties: Record<string, { pattern?: string; $ref?: string }>;
    $defs?: Record<string, { pattern?: string }>;
  };

const manifest = () =>
  JSON.parse(readFileSync(new URL('./fixtures/manifest.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  > & { artefacts: Record<string, unknown>[]; source: Record<string, unknown> };

describe('contract schemas', () => {
  it('are JSON Schema 2020-12 documents with their own ids', () => {
    for (const name of schemaNames) {
      expect(schema(name).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema(name).$id).toBe(`urn:polybrief:schema:${name}:1`);
    }
  });

  it('accept the schemaVersion the pipeline writes in every document that carries one', () => {
    for (const name of ['article', 'manifest', 'failed-record'] as const) {
      const property = schema(name).properties.schemaVersion;
      const pattern = property?.pattern ?? schema(name).$defs?.SchemaVersion?.pattern;
      expect(pattern, name).toBeDefined();
      expect(SCHEMA_VERSION).toMatch(new RegExp(pattern ?? '^$', 'u'));
    }
    expect(typesAgree).toBe(true);
  });

  it('have TypeScript declarations generated from them and committed in step', async () => {
    for (const [path, generated] of await generateContractTypes()) {
      expect(
        readFileSync(path, 'utf8'),
        `${path} is out of step: run npx tsx scripts/generate-contract-types.ts`,
      ).toBe(generated);
    }
  });

  it('accept a manifest as the pipeline writes it', () => {
    expect(schemaErrors('manifest', manifest())).toEqual([]);
  });

  it.each([
    ['an unknown field', (m: ReturnType<typeof manifest>) => Object.assign(m, { extra: 1 })],
    ['a missing version id', (m: ReturnType<typeof manifest>) => delete m.artefacts[0]?.versionId],
    [
      'a SHA-256 that is not one',
      (m: ReturnType<typeof manifest>) => Object.assign(m.source, { sha256: 'abc' }),
    ],
    ['a status it does not define', (m: ReturnType<typeof manifest>) => Object.assign(m, { status: 'done' })],
    [
      'a time that is not one',
      (m: ReturnType<typeof manifest>) => Object.assign(m, { publishedAt: 'yesterday' }),
    ],
    [
      'another major version',
      (m: ReturnType<typeof manifest>) => Object.assign(m, { schemaVersion: '2.0.0' }),
    ],
  ])('reject a manifest with %s', (_, spoil) => {
    const document = manifest();
    spoil(document);
    expect(schemaErrors('manifest', document)).not.toEqual([]);
  });

  it('tie the event status to its type', () => {
    const detail = {
      articleId: 'a',
      status: 'failed',
      bucket: 'b',
      sourceKey: 'incoming/a.txt',
      key: 'failed/a.json',
      languages: [],
      time: '2024-01-01T00:00:00.000Z',
    };
    expect(
      schemaErrors('completion-event', { 'detail-type': 'ArticleFailed', source: 'polybrief', detail }),
    ).toEqual([]);
    expect(
      schemaErrors('completion-event', { 'detail-type': 'ArticlePublished', source: 'polybrief', detail }),
    ).not.toEqual([]);
  });
});
