import { describe, expect, it } from 'vitest';
import {
  adverbialParticiple,
  CATALAN_MORE_THAN,
  GALICIAN_MORE_THAN,
  impersonalPredicate,
  moreThanNumber,
  overAsMoreThan,
  passiveWithSer,
  possessiveDe,
  reflexivePossessive,
} from '../../functions/adapters/apertium-wording.js';

describe('overAsMoreThan', () => {
  it('reads "over" before a number as "more than", and only there', () => {
    expect(
      overAsMoreThan(
        'Over 800,000 came over the river: over a thousand, over two years, over a bridge, over time.',
      ),
    ).toBe(
      'More than 800,000 came over the river: more than a thousand, more than two years, over a bridge, over time.',
    );
  });
});

describe('moreThanNumber', () => {
  it('writes the pair\'s "more than" before a number as the language does', () => {
    expect(
      moreThanNumber('Més que 800.000 soldats i més que dos anys, més que ell.', CATALAN_MORE_THAN),
    ).toBe('Més de 800.000 soldats i més de dos anys, més que ell.');
    expect(moreThanNumber('Tomou máis que dous anos e máis que nunca.', GALICIAN_MORE_THAN)).toBe(
      'Tomou máis de dous anos e máis que nunca.',
    );
  });
});

describe('passiveWithSer', () => {
  it('writes the passive of an event with "ser"', () => {
    expect(
      passiveWithSer('Estuvo fundada por pescadores y estuvo rápidamente destruida; estuvieron hechos.'),
    ).toBe('Fue fundada por pescadores y fue rápidamente destruida; fueron hechos.');
  });

  it('leaves "estar" before what is not a participle', () => {
    expect(passiveWithSer('Estuvo en casa y no estuvo nada mal.')).toBe(
      'Estuvo en casa y no estuvo nada mal.',
    );
  });
});

describe('impersonalPredicate', () => {
  it("takes English's dummy subject out of Esperanto's impersonal predicates", () => {
    expect(impersonalPredicate('Ĝi estas grava trinki akvon, kaj ĝi estis asertita ke li foriris.')).toBe(
      'Estas grave trinki akvon, kaj estis asertite ke li foriris.',
    );
    expect(impersonalPredicate('Ĝi estis pli facila por ni.')).toBe('Estis pli facile por ni.');
  });

  it('leaves "ĝi" that stands for something', () => {
    expect(impersonalPredicate('Ĝi estas granda urbo, kaj ĝi estas tre malvarma en vintro.')).toBe(
      'Ĝi estas granda urbo, kaj ĝi estas tre malvarma en vintro.',
    );
  });
});

describe('possessiveDe', () => {
  it('splits the possessive\'s "de" from the noun en-eo glued it to, where the source has a possessive', () => {
    expect(
      possessiveDe('Ĉefa celode scienco; la stratojde la urbo.', 'Science’s main goal; the city’s streets.'),
    ).toBe('Ĉefa celo de scienco; la stratoj de la urbo.');
    expect(possessiveDe('Li agis metode.', 'He acted methodically.')).toBe('Li agis metode.');
  });
});

describe('adverbialParticiple', () => {
  it('writes a participle after a comma that takes a pronoun, preposition, adverb or number as -ante', () => {
    expect(adverbialParticiple('Metu ĝin en la ĉambro, deviganta vin ellitiĝi.')).toBe(
      'Metu ĝin en la ĉambro, devigante vin ellitiĝi.',
    );
    expect(adverbialParticiple('la arbaro, streĉanta 80 km')).toBe('la arbaro, streĉante 80 km');
    expect(adverbialParticiple('la mararmeo, uzanta plejparte submarŝipojn')).toBe(
      'la mararmeo, uzante plejparte submarŝipojn',
    );
  });

  it('leaves participles in a list of adjectives, and before a noun', () => {
    for (const text of ['estas nutranta, zorganta kaj eduka', 'hejmojn, amanta familio', 'la Tero, gvidanta'])
      expect(adverbialParticiple(text)).toBe(text);
  });
});

describe('reflexivePossessive', () => {
  it('writes "ilia" after the verb of a clause with a plural subject as "sia", keeping its endings', () => {
    expect(reflexivePossessive('La gepatroj finas iliajn rajtojn, kaj ili piediras sur ilia kruro.')).toBe(
      'La gepatroj finas siajn rajtojn, kaj ili piediras sur sia kruro.',
    );
    expect(reflexivePossessive('Membroj de la grupo ofte signalas ilian membrecon.')).toBe(
      'Membroj de la grupo ofte signalas sian membrecon.',
    );
  });

  it('leaves "ilia" in a subject, after a singular or personal subject, and in a clause with no verb', () => {
    const unchanged = [
      'Iliaj infanoj ludas.',
      'Mi vidis ilian domon.',
      'La paro decidis pri ilia infano.',
      'Ili venis, kutime kun iliaj gepatroj.',
      'Ili havas pli da aŭtonomio kiel iliaj teamoj povas renkontiĝi.',
    ];
    for (const text of unchanged) expect(reflexivePossessive(text)).toBe(text);
  });
});
