import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../functions/core/document.js';
import { extractFacts, summarize } from '../../functions/core/facts/index.js';
import type { Facts } from '../../functions/core/facts/types.js';
import { sampleDocument, surfaces } from './helpers.js';

describe('extractFacts on the seed article (wang-yi-moscow-visit.txt)', () => {
  let document: SourceDocument;
  let facts: Facts;

  beforeAll(() => {
    // Prepare
    document = sampleDocument('wang-yi-moscow-visit.txt');
    // Act
    facts = extractFacts(document, { referenceDate: '2030-01-01' });
  });

  const person = (name: string) => facts.people.find((p) => p.name === name);

  it('names the five people in full, with the titles as roles', () => {
    expect(facts.people.map((p) => p.name).sort()).toEqual(
      ['Jake Sullivan', 'Mao Ning', 'Vladimir Putin', 'Wang Yi', 'Zhang Hong'].sort(),
    );
    expect(person('Wang Yi')?.roles).toContain('Chinese Foreign Minister');
    expect(person('Vladimir Putin')?.roles).toContain('Russian President');
    expect(person('Jake Sullivan')?.roles).toContain('US National Security Adviser');
    expect(person('Mao Ning')?.roles).toContain('Chinese Foreign Ministry spokesperson');
  });

  it('counts every "Putin", "Wang" and "Zhang" as the person named in full', () => {
    const putin = surfaces(document, person('Vladimir Putin')?.mentions ?? []);
    const expected = document.text.match(/\bPutin\b/g)?.length ?? 0;
    expect(putin).toHaveLength(expected);
    expect(new Set(putin)).toEqual(new Set(['Putin', 'Vladimir Putin']));
    expect(person('Wang Yi')?.mentions).toHaveLength(document.text.match(/\bWang\b/g)?.length ?? 0);
    expect(person('Zhang Hong')?.mentions).toHaveLength(document.text.match(/\bZhang\b/g)?.length ?? 0);
  });

  it('finds the organisations and ties BRI to the Belt and Road Initiative', () => {
    const names = facts.organisations.map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Chinese Academy of Social Sciences',
        'Eurasian Economic Union',
        'Belt and Road Initiative',
        'Chinese Foreign Ministry',
        'Belt and Road Forum for International Cooperation',
      ]),
    );
    const bri = facts.organisations.find((o) => o.name === 'Belt and Road Initiative');
    expect(bri?.aliases).toEqual(['BRI']);
    // `Belt and Road cooperation`: the short form of the initiative's name.
    expect(surfaces(document, bri?.mentions ?? [])).toContain('Belt and Road');
    expect(surfaces(document, bri?.mentions ?? []).filter((s) => s === 'BRI')).toHaveLength(
      document.text.match(/\bBRI\b/g)?.length ?? 0,
    );
  });

  it('finds the places, and no nationality adjective among them', () => {
    const names = facts.places.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['Moscow', 'Beijing', 'Malta', 'Russia', 'China', 'Ukraine', 'Europe']),
    );
    const placeSurfaces = facts.places.flatMap((p) => surfaces(document, p.mentions));
    expect(placeSurfaces).not.toContain('Chinese');
    expect(placeSurfaces).not.toContain('Russian');
  });

  it('reads the dateline and resolves "next month" and "October this year" from it', () => {
    expect(document.dateline).toMatchObject({ date: '2023-09-22', place: 'Moscow' });
    expect(facts.dates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: '22nd September 2023', iso: '2023-09-22' }),
        expect.objectContaining({ text: 'next month', iso: '2023-10' }),
        expect.objectContaining({ text: 'October this year', iso: '2023-10' }),
        expect.objectContaining({ text: 'this year', iso: '2023' }),
      ]),
    );
  });

  it('attributes reported speech to its speakers', () => {
    const speakers = facts.quotes.map((q) => q.speaker);
    expect(speakers).toEqual(expect.arrayContaining(['Zhang Hong', 'Mao Ning', 'Vladimir Putin']));
    const mao = facts.quotes.find((q) => q.speaker === 'Mao Ning');
    expect(mao?.text).toMatch(/^China and BRI partners are actively communicating/);
    expect(facts.quotes.filter((q) => q.speaker === 'Zhang Hong')).toHaveLength(2);
  });

  it('summarises in 3 to 5 body sentences, in source order, never the headline or caption', () => {
    const summary = summarize(document, facts);
    expect(summary.length).toBeGreaterThanOrEqual(3);
    expect(summary.length).toBeLessThanOrEqual(5);
    const starts = summary.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(summary.map((s) => s.sentenceId)).not.toContain('headline');
    expect(summary.map((s) => s.sentenceId)).not.toContain('caption');
    for (const sentence of summary) expect(sentence.sentenceId).toMatch(/^p\d+s\d+$/);
  });
});
