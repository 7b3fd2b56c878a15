import { describe, expect, it } from 'vitest';
import { caseOpening } from '../../functions/adapters/apertium-case.js';

const comparatives = new Set(['pli', 'plej']);
const none = new Set<string>();

describe('caseOpening', () => {
  it('opens a sentence with a capital where the source does', () => {
    expect(caseOpening('paro povas decidi.', 'A couple may decide.', none)).toBe('Paro povas decidi.');
    expect(caseOpening('«ĉefa celo»', '“Main goal”', none)).toBe('«Ĉefa celo»');
    expect(caseOpening('<em id=1>ekzemplo</em> estas', '<em id=1>An example</em> is', none)).toBe(
      '<em id=1>Ekzemplo</em> estas',
    );
  });

  it('opens with a capital where the source opens with a kept name and the translation does not', () => {
    expect(
      caseOpening(
        'laprofitoj de <span id=1 translate=no>Google</span>',
        "<span id=1 translate=no>Google</span>'s profits",
        none,
      ),
    ).toBe('Laprofitoj de <span id=1 translate=no>Google</span>');
  });

  it('leaves a sentence the source opens in lower case, and a kept name that opens it, as they are', () => {
    expect(caseOpening('iPhone vendoj', 'iPhone sales', none)).toBe('iPhone vendoj');
    expect(
      caseOpening(
        '<span id=1 translate=no>de Gaulle</span> diris',
        '<span id=1 translate=no>de Gaulle</span> said',
        none,
      ),
    ).toBe('<span id=1 translate=no>de Gaulle</span> diris');
  });

  it('gives the word after a comparative back its lower case, unless it is written so in the source', () => {
    expect(caseOpening('Pli Malgrandaj turniroj', 'Smaller tournaments', comparatives)).toBe(
      'Pli malgrandaj turniroj',
    );
    expect(caseOpening('Trans Usono', 'Across the United States', comparatives)).toBe('Trans Usono');
    expect(caseOpening('Plej Granda Britio', 'Most Great Britain', comparatives)).toBe('Plej Granda Britio');
    expect(caseOpening('Pli Fora sudo', 'Farther south', none)).toBe('Pli Fora sudo');
  });
});
