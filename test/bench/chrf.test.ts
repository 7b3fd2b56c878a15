import { describe, expect, it } from 'vitest';
import { corpusChrf, sentenceChrf } from '../../bench/lib/chrf.js';

// Expected values are sacreBLEU 2.x's own test cases (test/test_chrf.py), with the settings each case uses there.
const epsCases: [string[], string[], number][] = [
  [['abcdefg'], ['hijklmnop'], 0],
  [['a'], ['b'], 0],
  [[''], ['b'], 0],
  [[''], ['reference'], 0],
  [['aa'], ['ab'], 8.3333],
  [['a', 'b'], ['a', 'c'], 8.3333],
  [['a'], ['a'], 16.6667],
  [['a b c'], ['a b c'], 50],
  [['a b c'], ['abc'], 50],
  [
    [
      ' risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .',
    ],
    [
      'risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .',
    ],
    63.36173,
  ],
  [
    [' Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. '],
    ['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.'],
    64.1302698,
  ],
  [
    ['Niemand hat die Absicht, eine Mauer zu errichten'],
    ['Niemand hat die Absicht, eine Mauer zu errichten'],
    100,
  ],
];

const effectiveOrderCases: [string[], string[], number][] = [
  [['a'], ['a'], 100],
  [[''], ['reference'], 0],
  [['a b c'], ['a b c'], 100],
  [['a b c'], ['abc'], 100],
  [[''], ['c'], 0],
  [['a', 'b'], ['a', 'c'], 50],
  [['aa'], ['ab'], 25],
];

describe('chrF', () => {
  it.each(epsCases)(
    'with epsilon smoothing and β = 3 scores %j against %j as sacreBLEU does',
    (hyp, ref, expected) => {
      expect(Math.abs(corpusChrf(hyp, ref, { beta: 3, epsSmoothing: true }) - expected)).toBeLessThan(1e-4);
    },
  );

  it.each(effectiveOrderCases)(
    'with the effective order and β = 3 scores %j against %j as sacreBLEU does',
    (hyp, ref, expected) => {
      expect(Math.abs(corpusChrf(hyp, ref, { beta: 3 }) - expected)).toBeLessThan(1e-4);
    },
  );

  it('keeps whitespace in n-grams when asked, as sacreBLEU does', () => {
    const score = corpusChrf(
      ['Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.'],
      ['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.'],
      { beta: 3, whitespace: true },
    );
    expect(score).toBeCloseTo(67.3481606, 4);
  });

  it('scores single sentences with the defaults (β = 2) as sacreBLEU does', () => {
    const cases: [string, string, number][] = [
      [
        'Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.',
        'Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.',
        39.14078509,
      ],
      [
        'Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.',
        'A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.',
        31.22557079,
      ],
      [
        'Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.',
        'Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.',
        57.15704367,
      ],
    ];
    for (const [hypothesis, reference, expected] of cases) {
      expect(sentenceChrf(hypothesis, reference, { epsSmoothing: true })).toBeCloseTo(expected, 4);
    }
  });

  it('counts code points, not UTF-16 units, and refuses misaligned corpora', () => {
    expect(corpusChrf(['𝒳𝒴'], ['𝒳𝒴'])).toBe(100);
    expect(sentenceChrf('𝒳', '𝒴')).toBe(0);
    expect(() => corpusChrf(['a'], [])).toThrow(RangeError);
  });
});
