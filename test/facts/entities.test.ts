import { describe, expect, it } from 'vitest';
import { extractFacts, summarize } from '../../functions/core/facts/index.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';
import { article, surfaces } from './helpers.js';

describe('extractFacts: people, organisations and places', () => {
  it('keeps titles out of names and lists them as roles', () => {
    // Prepare
    const document = article(
      'President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday. Macron said the talks went well. Scholz agreed.',
    );
    // Act
    const facts = extractFacts(document);
    // Assess
    const macron = facts.people.find((p) => p.name === 'Emmanuel Macron');
    const scholz = facts.people.find((p) => p.name === 'Olaf Scholz');
    expect(macron?.roles).toContain('President');
    expect(scholz?.roles).toContain('German Chancellor');
    expect(surfaces(document, macron?.mentions ?? [])).toEqual(['Emmanuel Macron', 'Macron']);
    expect(surfaces(document, scholz?.mentions ?? [])).toEqual(['Olaf Scholz', 'Scholz']);
    expect(facts.people.map((p) => p.name)).not.toContain('President Emmanuel Macron');
  });

  it('does not take a title on its own for a person', () => {
    const facts = extractFacts(
      article('Foreign Minister Prince Saud Al-Faisal arrived on Monday. The Prince said little.'),
    );
    expect(facts.people.map((p) => p.name)).toEqual(['Saud Al-Faisal']);
  });

  it('ties an acronym in brackets to the organisation before it, and counts its later uses', () => {
    const document = article(
      'The World Health Organization (WHO) warned of a new outbreak on Monday. Officials at the WHO said vaccines were on their way.',
    );
    const facts = extractFacts(document);
    const who = facts.organisations.find((o) => o.name === 'World Health Organization');
    expect(who?.aliases).toEqual(['WHO']);
    expect(surfaces(document, who?.mentions ?? [])).toEqual(['World Health Organization', 'WHO', 'WHO']);
  });

  it('ties acronyms written in mixed case or keeping small words, without a leading "The"', () => {
    const document = article(
      'The Bank of England (BoE) kept rates on hold. The BoE said inflation was falling. The North Atlantic Treaty Organisation (Nato) met in The Hague.',
    );
    const facts = extractFacts(document);
    const boe = facts.organisations.find((o) => o.name === 'Bank of England');
    expect(boe?.aliases).toEqual(['BoE']);
    expect(surfaces(document, boe?.mentions ?? [])).toEqual(['Bank of England', 'BoE', 'BoE']);
    expect(facts.organisations.find((o) => o.name === 'North Atlantic Treaty Organisation')?.aliases).toEqual(
      ['Nato'],
    );
    expect(facts.places.map((p) => p.name)).toContain('The Hague');
  });

  it('does not count a country adjective as a place', () => {
    const document = article(
      'Chinese and Kenyan engineers finished the railway, officials in Nairobi said on Friday.',
    );
    const facts = extractFacts(document);
    const placeSurfaces = facts.places.flatMap((p) => surfaces(document, p.mentions));
    expect(placeSurfaces).toContain('Nairobi');
    expect(placeSurfaces).not.toContain('Chinese');
    expect(placeSurfaces).not.toContain('Kenyan');
  });

  it('splits a pair of countries written with a hyphen into two places', () => {
    const document = article('Experts praised China-Russia relations at a meeting in Geneva.');
    const facts = extractFacts(document);
    const names = facts.places.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['China', 'Russia', 'Geneva']));
    const china = facts.places.find((p) => p.name === 'China');
    expect(surfaces(document, china?.mentions ?? [])).toEqual(['China']);
  });
});

describe('extractFacts: place names', () => {
  it('joins a river named in short to the river named in full', () => {
    const document = article(
      'Volunteers cleaned the banks of the River Thames on Sunday. The Thames is cleaner than it was.',
    );
    const facts = extractFacts(document);
    const thames = facts.places.find((p) => p.name === 'River Thames');
    expect(surfaces(document, thames?.mentions ?? [])).toEqual(['River Thames', 'Thames']);
    expect(facts.organisations.map((o) => o.name)).not.toContain('Thames');
  });

  it('names a place written in capitals in a dateline as it is usually written', () => {
    const document = article(
      'ABERDEEN, 12 April 2024 – Ministers approved a wind farm off Aberdeen on Friday.',
    );
    const facts = extractFacts(document);
    const aberdeen = facts.places.filter((p) => p.name.toLowerCase() === 'aberdeen');
    expect(aberdeen.map((p) => p.name)).toEqual(['Aberdeen']);
    expect(surfaces(document, aberdeen[0]?.mentions ?? [])).toEqual(['ABERDEEN', 'Aberdeen']);
  });

  it('returns no facts and no summary for an article with a headline only', () => {
    const document = parseArticle('Just a headline\n', 'text');
    const facts = extractFacts(document, { referenceDate: '2024-01-01' });
    expect(facts.quotes).toEqual([]);
    expect(summarize(document, facts)).toEqual([]);
  });
});
