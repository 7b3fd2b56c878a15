import { describe, expect, it } from 'vitest';
import { localQuotes } from '../../functions/adapters/apertium-quotes.js';

const angle = { open: '«', close: '»' };

describe('localQuotes', () => {
  it('prints curly and paired straight double quotes as the language does', () => {
    expect(localQuotes('“lernado” y “socialización”', '“learning” and “socialization”', angle)).toBe(
      '«lernado» y «socialización»',
    );
    expect(localQuotes('su "problema de proteína"', 'their "protein problem"', angle)).toBe(
      'su «problema de proteína»',
    );
  });

  it('leaves straight quotes that do not pair up with the source, and apostrophes, as they are', () => {
    expect(localQuotes('su "proteína "problema"', 'their "protein problem"', angle)).toBe(
      'su "proteína "problema"',
    );
    expect(localQuotes("l'home", "the man's", angle)).toBe("l'home");
  });
});
