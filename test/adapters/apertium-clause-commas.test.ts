import { describe, expect, it } from 'vitest';
import { clauseCommas } from '../../functions/adapters/apertium-clause-commas.js';

const kept = (id: number, name: string) => `<span id=${id} translate=no>${name}</span>`;

describe('clauseCommas', () => {
  it('sets off each subordinate clause with a comma before its opener', () => {
    expect(clauseCommas('Scienco nun indikas ke la ekonomio ŝanĝiĝis.')).toBe(
      'Scienco nun indikas, ke la ekonomio ŝanĝiĝis.',
    );
    expect(clauseCommas('Estas birdoj kiuj similas dinosaŭron ĉar ili havas plumojn.')).toBe(
      'Estas birdoj, kiuj similas dinosaŭron, ĉar ili havas plumojn.',
    );
    expect(clauseCommas('Ĝi okazis en 1990 kiam li foriris.')).toBe('Ĝi okazis en 1990, kiam li foriris.');
  });

  it('puts the comma before a preposition that governs the opener', () => {
    expect(clauseCommas('la tago en kiu ili alvenis')).toBe('la tago, en kiu ili alvenis');
    expect(clauseCommas('Ili laboras por ke ni povu manĝi.')).toBe('Ili laboras, por ke ni povu manĝi.');
  });

  it('adds no comma where one is, after a conjunction, or at the start', () => {
    const unchanged = [
      'Li diris, ke jes.',
      'Ke li venos, estas certe.',
      'Ĉu vi venos?',
      'Li estas pli alta ol kiu ajn.',
      'la tago, en kiu ili alvenis',
    ];
    for (const text of unchanged) expect(clauseCommas(text)).toBe(text);
    expect(clauseCommas('Li diris ke jes kaj ke ne.')).toBe('Li diris, ke jes kaj ke ne.');
  });

  it('puts the comma after a kept name, outside its element, and never inside one', () => {
    expect(clauseCommas(`Ŝi renkontis ${kept(1, 'Maria Chen')} kiu laboras tie.`)).toBe(
      `Ŝi renkontis ${kept(1, 'Maria Chen')}, kiu laboras tie.`,
    );
    const name = `Ili vizitis ${kept(2, 'Centro de ke Studoj')}.`;
    expect(clauseCommas(name)).toBe(name);
  });
});
