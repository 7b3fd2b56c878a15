import { describe, expect, it } from 'vitest';
import { POINT_GROUPS, SPACE_GROUPS } from '../../functions/adapters/apertium-number-style.js';
import {
  NO_REPAIRS,
  REPAIRS,
  repairSource,
  repairTranslation,
} from '../../functions/adapters/apertium-repairs.js';

const all = { unitCompounds: true, spaceBeforePunctuation: true };

describe('Apertium repairs', () => {
  it('spaces the hyphens of number–unit compounds, and only those', () => {
    expect(repairSource('a four-day trip with 4-month-old mice and a 20-year-old man', all)).toBe(
      'a four - day trip with 4 - month - old mice and a 20 - year - old man',
    );
    expect(repairSource('a well-known China-Russia deal', all)).toBe('a well-known China-Russia deal');
    expect(repairSource('a four-day trip', NO_REPAIRS)).toBe('a four-day trip');
  });

  it('closes up a spaced hyphen that came through, and drops spaces before closing punctuation', () => {
    expect(repairTranslation('kvar - taga vojaĝo', 'a four-day trip', all)).toBe('kvar-taga vojaĝo');
    expect(repairTranslation('Eran tierra , agua y fuego .', 'They were earth, water and fire.', all)).toBe(
      'Eran tierra, agua y fuego.',
    );
    // A dash the source had stays, and so does a space the source had before a full stop.
    expect(repairTranslation('riesgo - ciencia', 'risk - science', all)).toBe('riesgo - ciencia');
    expect(repairTranslation('los científicos .', 'the scientists .', all)).toBe('los científicos .');
  });

  it('are on for the pairs where they raised chrF on the development half', () => {
    expect(REPAIRS.es).toMatchObject(all);
    expect(REPAIRS.eo?.unitCompounds).toBe(false);
    expect(REPAIRS.ca?.figures).toEqual(POINT_GROUPS);
    expect([REPAIRS.es?.figures, REPAIRS.gl?.figures, REPAIRS.eo?.figures]).toEqual([
      SPACE_GROUPS,
      SPACE_GROUPS,
      SPACE_GROUPS,
    ]);
  });
});
