import { describe, expect, it } from 'vitest';
import { buildEntities } from '../../functions/core/facts/entities/index.js';
import { extractFacts } from '../../functions/core/facts/index.js';
import type { EntityMention } from '../../functions/core/facts/ner/recognise.js';
import { TokenTable } from '../../functions/core/facts/token-table.js';
import { tokenize } from '../../functions/core/facts/tokens.js';
import { article, surfaces } from './helpers.js';

/** The entities of `sentences` (joined by spaces) from the mentions a tagger gave, named by their text. */
function entitiesOf(
  sentences: readonly string[],
  tagged: readonly (readonly [EntityMention['type'], string, number?])[],
) {
  const text = sentences.join(' ');
  const tokens = new TokenTable(text);
  let start = 0;
  for (const sentence of sentences) {
    tokens.addSentence(tokenize(text, start, start + sentence.length));
    start += sentence.length + 1;
  }
  const mentions = tagged.map(([type, name, from = 0]): EntityMention => {
    const at = text.indexOf(name, from);
    return { type, start: at, end: at + name.length, text: name };
  });
  return { text, entities: buildEntities(text, mentions, tokens) };
}

describe('buildEntities: what the tagger took for a name', () => {
  it('never keeps an article in a person name, nor finds the person in every sentence opening with it', () => {
    const { text, entities } = entitiesOf(
      ['The Hershey and Chase experiment showed it.', 'The test was simple.', 'The Americans won.'],
      [
        ['PER', 'The Hershey'],
        ['PER', 'The Americans'],
      ],
    );
    expect(entities.people.map((person) => person.name)).toEqual(['Hershey']);
    const mentioned = entities.people.flatMap((person) =>
      person.mentions.map((m) => text.slice(m.start, m.end)),
    );
    expect(mentioned).toEqual(['Hershey']);
  });

  it('reads one plural word after an article as a people, not a person', () => {
    const { entities } = entitiesOf(
      ['The Spaniards started the colonial period.'],
      [['PER', 'The Spaniards']],
    );
    expect(entities.people).toEqual([]);
  });

  it('reads a place the tagger called a person once and an organisation once as the place', () => {
    const { text, entities } = entitiesOf(
      ['Timbuktu is a poor town.', 'Its fame makes Timbuktu a tourist attraction.'],
      [
        ['PER', 'Timbuktu'],
        ['ORG', 'Timbuktu', 10],
      ],
    );
    expect(entities.people).toEqual([]);
    expect(entities.organisations).toEqual([]);
    expect(entities.places.map((place) => [place.name, surfaces({ text } as never, place.mentions)])).toEqual(
      [['Timbuktu', ['Timbuktu', 'Timbuktu']]],
    );
  });

  it('reads a phrase the article also writes in lower case as a common noun phrase, not a name', () => {
    const { entities } = entitiesOf(
      [
        'We see the Foster Care System as a safe zone.',
        'The Federal Reserve met.',
        'The foster care system is busy, and a reserve of federal funds helps.',
        'Scaffolds help pupils, and a scaffold is taken down later.',
      ],
      [
        ['ORG', 'Foster Care System'],
        ['ORG', 'Federal Reserve'],
        ['ORG', 'Scaffolds'],
      ],
    );
    expect(entities.organisations.map((org) => org.name)).toEqual(['Federal Reserve']);
  });

  it('reads a country the tagger called an organisation, and the acronym of a place, as places', () => {
    const { entities } = entitiesOf(
      [
        'Across the United States of America, cases rose.',
        'The Kruger National Park (KNP) lies east.',
        'KNP is big.',
      ],
      [
        ['ORG', 'United States of America'],
        ['LOC', 'Kruger National Park'],
        ['ORG', 'KNP', 70],
      ],
    );
    expect(entities.organisations).toEqual([]);
    expect(entities.places.map((place) => place.name)).toEqual(
      expect.arrayContaining(['Kruger National Park', 'KNP']),
    );
    expect(entities.places.some((place) => /United States/u.test(place.name))).toBe(true);
  });

  it('reads a town the tagger called an organisation as the place where the sentence puts it after "in"', () => {
    const { entities } = entitiesOf(['The summit in Brussels ended.'], [['ORG', 'Brussels']]);
    expect(entities.organisations).toEqual([]);
    expect(entities.places.map((place) => place.name)).toEqual(['Brussels']);
  });

  it('keeps a city that is a team beside the city as two things', () => {
    const { entities } = entitiesOf(
      ['Chicago beat Boston 5-3.', 'The game in Chicago drew a crowd.'],
      [
        ['ORG', 'Chicago'],
        ['ORG', 'Boston'],
        ['LOC', 'Chicago', 10],
      ],
    );
    expect(entities.organisations.map((org) => org.name)).toEqual(['Chicago', 'Boston']);
    expect(entities.places.map((place) => place.name)).toEqual(['Chicago']);
  });
});

describe('extractFacts: things that are not organisations', () => {
  it('does not take acronyms of things, eras or currencies for organisations', () => {
    const facts = extractFacts(
      article(
        'Researchers at Oxford University said DNA from the site dates to 3000 BCE, and that the AI model cost 40 GBP.',
      ),
    );
    expect(facts.organisations.map((org) => org.name)).toEqual(['Oxford University']);
  });

  it('does not take a people or a treaty for an organisation or a place', () => {
    const traders = extractFacts(
      article('Thousands of Egyptians and Phoenicians traded in the port, historians said.'),
    );
    const treaty = extractFacts(
      article('Leaders signed the Paris Peace Treaty in 1947, and the Soviet delegation left the hall.'),
    );
    expect([...traders.organisations, ...traders.places, ...traders.people]).toEqual([]);
    expect(treaty.organisations).toEqual([]);
  });
});
