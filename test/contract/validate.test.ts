import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../functions/core/hashing.js';
import { publicationProblems } from './validate.js';

const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

/** A one-language set whose manifest describes its two objects exactly. */
function set(): Map<string, Uint8Array> {
  const manifest = JSON.parse(readFileSync(new URL('./fixtures/manifest.json', import.meta.url), 'utf8')) as {
    artefacts: { key: string; bytes: number; sha256: string }[];
  };
  const page = encode('<!DOCTYPE html><title>x</title>');
  const key = 'published/city-budget-vote/en.html';
  manifest.artefacts = [
    {
      ...manifest.artefacts[1],
      key,
      bytes: page.length,
      sha256: sha256Hex(page),
    } as (typeof manifest.artefacts)[0],
  ];
  return new Map([
    ['published/city-budget-vote/manifest.json', encode(manifest)],
    [key, page],
  ]);
}

describe('publicationProblems', () => {
  it('finds nothing wrong with a set its manifest describes', () => {
    expect(publicationProblems(set())).toEqual([]);
  });

  it('finds an object that is not the one the manifest lists, or is missing', () => {
    const replaced = set();
    replaced.set('published/city-budget-vote/en.html', encode('<!DOCTYPE html><title>y</title>'));
    const missing = set();
    missing.delete('published/city-budget-vote/en.html');

    expect(publicationProblems(replaced)).toEqual([
      'published/city-budget-vote/manifest.json: published/city-budget-vote/en.html is not the object it lists (size or SHA-256 differ)',
    ]);
    expect(publicationProblems(missing)).toEqual([
      'published/city-budget-vote/manifest.json: lists published/city-budget-vote/en.html, which does not exist',
    ]);
  });

  it('finds documents that are not JSON or break their schema, by where they are written', () => {
    const objects = set();
    objects.set('failed/x.json', encode('{"status":"failed"'));
    objects.set('published/city-budget-vote/es.json', encode({ schemaVersion: '1.0.0' }));

    const problems = publicationProblems(objects);

    expect(problems.some((problem) => problem.startsWith('failed/x.json: not JSON'))).toBe(true);
    expect(problems).toContain(
      "published/city-budget-vote/es.json: / must have required property 'articleId'",
    );
  });
});
