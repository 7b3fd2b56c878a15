import { describe, expect, it } from 'vitest';
import { pluralAgreement } from '../../functions/adapters/apertium-agreement.js';

const kept = (id: number, name: string) => `<span id=${id} translate=no>${name}</span>`;

describe('pluralAgreement', () => {
  it('makes the relative pronoun after a plural noun plural, keeping its case', () => {
    expect(pluralAgreement('la insektoj, kiu ne povas faldi')).toBe('la insektoj, kiuj ne povas faldi');
    expect(pluralAgreement('la urbojn, kiun ili forlasis')).toBe('la urbojn, kiujn ili forlasis');
    expect(pluralAgreement('la domoj, en kiu ili loĝas')).toBe('la domoj, en kiuj ili loĝas');
    expect(pluralAgreement('la domo, kiu staras')).toBe('la domo, kiu staras');
  });

  it("gives a passive participle right after a plural noun the noun's number and case", () => {
    expect(pluralAgreement('la ĉeloj influita')).toBe('la ĉeloj influitaj');
    expect(pluralAgreement('allogas homojn interesita')).toBe('allogas homojn interesitajn');
    expect(pluralAgreement('la ĉelo influita')).toBe('la ĉelo influita');
  });

  it('makes a predicate after a plural subject and "esti" plural, never accusative', () => {
    expect(pluralAgreement('Infanoj estas lokita en prizorgo.')).toBe('Infanoj estas lokitaj en prizorgo.');
    expect(pluralAgreement('ili estas kuirita.')).toBe('ili estas kuiritaj.');
    expect(pluralAgreement('Aŭtobusoj estas komforta kaj rapida.')).toBe(
      'Aŭtobusoj estas komfortaj kaj rapida.',
    );
    // An adjective before its noun belongs to that noun, not to the subject.
    expect(pluralAgreement('En la urboj estas granda problemo.')).toBe('En la urboj estas granda problemo.');
  });

  it('leaves names alone: a kept name is no Esperanto plural, and its words never change', () => {
    const name = `Ŝi renkontis ${kept(1, 'Raj Manoj')}, kiu laboras.`;
    expect(pluralAgreement(name)).toBe(name);
    const inside = `Ili vizitis ${kept(2, 'Amikoj amata')}.`;
    expect(pluralAgreement(inside)).toBe(inside);
  });
});
