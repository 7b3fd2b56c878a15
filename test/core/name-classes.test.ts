import { describe, expect, it } from 'vitest';
import { isName } from '../../functions/core/translate/name-classes.js';

describe('isName (what is kept as written)', () => {
  it('keeps people and organisations the lexicon cannot tell from names', () => {
    for (const name of ['Donald Trump', 'Maria Chen', 'Wang Yi', 'Sánchez', 'Christian Dior', 'Roman Porter'])
      expect(isName(name, 'person'), name).toBe(true);
    for (const name of ['Green Party', 'Belt and Road Initiative', 'UN', 'PBS', 'Bennet School'])
      expect(isName(name, 'organisation'), name).toBe(true);
  });

  it('translates peoples, nationalities and their plurals, even those formed from a place (demonyms are not people)', () => {
    for (const name of ['Romans', 'Egyptians', 'The Americans', 'Westerners', 'Persian', 'Nepalese'])
      expect(isName(name, 'person'), name).toBe(false);
    expect(isName('Romans', 'organisation')).toBe(false);
  });

  it('translates creeds and their followers', () => {
    for (const name of ['Roman Catholic', 'Orthodox Christian', 'Jews', 'Islam', 'Nazis'])
      expect(isName(name, 'person'), name).toBe(false);
    // A first name is still a person's name on its own.
    expect(isName('Christian', 'person')).toBe(true);
  });

  it('translates currencies, by code or English name, and eras', () => {
    for (const name of ['Congolese Francs', 'GBP', 'FKP', 'BCE'])
      expect(isName(name, 'organisation'), name).toBe(false);
  });

  it('translates laws, treaties, wars and theories the facts took for organisations, never a person called Law', () => {
    for (const name of ['Riga Peace Treaty', 'Clean Air Act', 'Hierarchy of Needs Theory', 'Cape Route'])
      expect(isName(name, 'organisation'), name).toBe(false);
    expect(isName('Stuart Law', 'person')).toBe(true);
  });

  it('translates a person that is a town nobody bears as a name, or a phrase ending in a place word', () => {
    expect(isName('Timbuktu', 'person')).toBe(false);
    expect(isName('National Park', 'person')).toBe(false);
    for (const name of ['Byron', 'Florence', 'Lincoln', "O'Neill"])
      expect(isName(name, 'person'), name).toBe(true);
    // Organisations are named for places (clubs, councils): kept.
    expect(isName('Wigan', 'organisation')).toBe(true);
  });

  it("translates an institution named by its common noun alone, and keeps an institution's own name", () => {
    for (const name of ['Congress', 'Parliament', 'the Senate', 'Police'])
      expect(isName(name, 'organisation'), name).toBe(false);
    for (const name of ['Green Party', 'Bundestag', 'Congress Party'])
      expect(isName(name, 'organisation'), name).toBe(true);
  });

  it('never keeps the commonest lower-case words or "the" and one word', () => {
    expect(isName('The', 'person')).toBe(false);
    expect(isName('The Hershey', 'person')).toBe(false);
  });
});
