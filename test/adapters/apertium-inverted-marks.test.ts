import { describe, expect, it } from 'vitest';
import { invertedMarks } from '../../functions/adapters/apertium-inverted-marks.js';
import { REPAIRS, repairTranslation } from '../../functions/adapters/apertium-repairs.js';

const kept = (id: number, name: string) => `<span id=${id} translate=no>${name}</span>`;

describe('invertedMarks', () => {
  it('opens each question and exclamation at its sentence start', () => {
    expect(invertedMarks('Por qué fallan? Es algo más? Un gol es innovación.')).toBe(
      '¿Por qué fallan? ¿Es algo más? Un gol es innovación.',
    );
    expect(invertedMarks('Costó 3.5 millones. Qué suerte!')).toBe('Costó 3.5 millones. ¡Qué suerte!');
  });

  it('opens a question inside the quotation or aside it closes in', () => {
    expect(invertedMarks('Dijo: «Vienes?» y se fue.')).toBe('Dijo: «¿Vienes?» y se fue.');
    expect(invertedMarks('No es temeroso (diferencias o no, no vale!).')).toBe(
      'No es temeroso (¡diferencias o no, no vale!).',
    );
  });

  it('puts the mark before a kept name that opens the question, never inside an element', () => {
    expect(invertedMarks(`${kept(1, 'Google')} ganó? Sí.`)).toBe(`¿${kept(1, 'Google')} ganó? Sí.`);
    expect(invertedMarks('<em id=0>Qué</em> pasa?')).toBe('¿<em id=0>Qué</em> pasa?');
  });

  it('leaves sentences that have their opening mark, and text without questions', () => {
    for (const text of ['¿Qué pasa?', 'Pero, ¿qué pasa?', 'Todo va bien.', '¡Hola!'])
      expect(invertedMarks(text)).toBe(text);
  });

  it('is on for Spanish only', () => {
    expect(
      repairTranslation(
        'Qué pasa?',
        'What is going on?',
        REPAIRS.es ?? { unitCompounds: false, spaceBeforePunctuation: false },
      ),
    ).toBe('¿Qué pasa?');
    expect(
      repairTranslation(
        'Què passa?',
        'What is going on?',
        REPAIRS.ca ?? { unitCompounds: false, spaceBeforePunctuation: false },
      ),
    ).toBe('Què passa?');
  });
});
