import { describe, expect, it } from 'vitest';
import { POINT_GROUPS, SPACE_GROUPS, styleFigures } from '../../functions/adapters/apertium-number-style.js';
import { NO_REPAIRS, REPAIRS, repairTranslation } from '../../functions/adapters/apertium-repairs.js';

const nbsp = '\u00a0';

describe('styleFigures', () => {
  it('writes grouped figures and decimals the way the target language does', () => {
    const source = 'Over 800,000 soldiers, 3.5 million people, 6,387 km and 1,234.56 dollars.';
    const translation = 'Encima 800,000 soldados, 3.5 millones de personas, 6,387 km y 1,234.56 dólares.';
    expect(styleFigures(translation, source, SPACE_GROUPS)).toBe(
      `Encima 800${nbsp}000 soldados, 3,5 millones de personas, 6387 km y 1234,56 dólares.`,
    );
    expect(styleFigures(translation, source, POINT_GROUPS)).toBe(
      'Encima 800.000 soldados, 3,5 millones de personas, 6.387 km y 1.234,56 dólares.',
    );
  });

  it('leaves what is not a figure in English notation as it is', () => {
    const source = 'In 2010, at 10.30am, version v2.5 reached 192.168.0.1 with 1,2 and 3.';
    expect(styleFigures(source, source, POINT_GROUPS)).toBe(source);
  });

  it('touches only the figures of the source, not what the engine wrote itself', () => {
    expect(styleFigures('Costó 3.5 y 4.5', 'It cost 3.5', SPACE_GROUPS)).toBe('Costó 3,5 y 4.5');
  });
});

describe('Apertium repairs: figures', () => {
  it('are written for each pair the way its language writes them, outside kept elements', () => {
    const source = 'The <span id=1 translate=no>Web 2.0</span> fund raised 2.5 million and 10,000 euros.';
    const translation =
      'El <span id=1 translate=no>Web 2.0</span> fondo recaudó 2.5 millones y 10,000 euros.';
    expect(repairTranslation(translation, source, REPAIRS.ca ?? NO_REPAIRS)).toBe(
      'El <span id=1 translate=no>Web 2.0</span> fondo recaudó 2,5 millones y 10.000 euros.',
    );
    expect(repairTranslation(translation, source, REPAIRS.es ?? NO_REPAIRS)).toBe(
      `El <span id=1 translate=no>Web 2.0</span> fondo recaudó 2,5 millones y 10${nbsp}000 euros.`,
    );
  });
});
