import { describe, expect, it } from 'vitest';
import { REPAIRS } from '../../functions/adapters/apertium-repairs.js';
import { repairsFingerprint } from '../../functions/adapters/apertium-repairs-fingerprint.js';

describe('repairsFingerprint', () => {
  it('tells apart the repairs of each language', () => {
    const prints = ['es', 'ca', 'gl', 'eo'].map((language) => repairsFingerprint(REPAIRS[language]));
    expect(new Set(prints).size).toBe(4);
    for (const print of prints) expect(print).toMatch(/^[0-9a-f]{10}$/u);
  });

  it('changes when any one repair of a language is turned off, so remembered translations are made again', () => {
    for (const language of ['es', 'ca', 'gl', 'eo']) {
      const repairs = REPAIRS[language];
      if (!repairs) throw new Error(`no repairs for ${language}`);
      const print = repairsFingerprint(repairs);
      for (const [name, value] of Object.entries(repairs)) {
        if (value === false || value === undefined) continue;
        const without = {
          ...repairs,
          [name]: name === 'unitCompounds' || name === 'spaceBeforePunctuation' ? false : undefined,
        };
        expect.soft(repairsFingerprint(without), `${language} without ${name}`).not.toBe(print);
      }
    }
  });

  it('is the same on every call, and empty without repairs', () => {
    expect(repairsFingerprint(REPAIRS.eo)).toBe(repairsFingerprint(REPAIRS.eo));
    expect(repairsFingerprint(undefined)).toBe('');
  });
});
