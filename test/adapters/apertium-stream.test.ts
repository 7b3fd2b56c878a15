import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  htmlToStream,
  protectLexicalUnits,
  StreamMarkerError,
  streamToHtml,
  streamToText,
  textToStream,
} from '../../functions/adapters/apertium-stream.js';

function destxt(text: string): string | undefined {
  try {
    return execFileSync('apertium-destxt', [], { input: text, encoding: 'utf8' });
  } catch {
    return undefined;
  }
}

const samples = [
  'Hello world.',
  'It costs $5 [approx] ~3 {x} a/b \\ c ^d @e <f>.',
  'Wait...',
  'A  B\tC',
  '¿Qué? «sí» — “no”',
];

describe('Apertium stream format', () => {
  it.skipIf(destxt('x') === undefined)(
    'writes one-line text as apertium-destxt does, but for its request marker',
    () => {
      for (const text of samples) {
        expect(textToStream(text, 7)).toBe((destxt(text) as string).replace(/\[\]$/u, '[pbs:7]'));
      }
    },
  );

  it('reads an answer back, dropping the full stop it was given and checking its marker', () => {
    expect(streamToText('Hola \\[mundo\\][  ]y \\$5..[pbs:3]', 3)).toBe('Hola [mundo]  y $5.');
    expect(streamToText(' Cuesta\\.[pbs:3]', 3)).toBe(' Cuesta.');
    expect(() => streamToText('Hola.[pbs:2]', 3)).toThrow(StreamMarkerError);
    expect(() => streamToText('Hola.', 3)).toThrow(/no request marker/u);
  });

  it('carries inline elements as word-bound blanks and puts them back around the words they came with', () => {
    const segment = htmlToStream(
      'She bought <em id=1>the red</em> car from <span id=2 translate=no>Ann Lee</span>.<br id=3>',
      9,
    );
    expect(segment.stream).toBe(
      '[[pbo]]She bought[[/]] [[pb:1]]the red[[/]] [[pbo]]car from[[/]] [[pbk:2]]Ann Lee[[/]][[pbo]].[[/]][br:3].[pbs:9]',
    );
    // Transfer moved the adjective after the noun, carrying its blank, and added "de"; the kept name came back
    // changed. Words outside elements carry a blank of their own, so added words can be told from them.
    const answer =
      ' [[pbo]]Compró[[/]] [[pb:1]]el[[/]] [[pbo]]coche[[/]] [[pb:1]]rojo[[/]] de [[pbk:2]]Ana Lee[[/]].[br:3].[pbs:9]';
    expect(streamToHtml(answer, 9, segment)).toBe(
      ' Compró <em id=1>el</em> coche <em id=1>rojo</em> de <span id=2 translate=no>Ann Lee</span>.<br id=3>',
    );
    expect(
      streamToHtml(' [[pb:1]]la[[/]] [[pb:1]]línea[[/]] de [[pb:1]]autobús[[/]].[pbs:9]', 9, segment),
    ).toBe(' <em id=1>la línea de autobús</em>');
  });

  it('leaves a missing or crossing element visible, for the core to judge', () => {
    const segment = htmlToStream('<em id=1>a b</em> <b id=2>c</b>', 1);
    expect(streamToHtml('x y[pbs:1]', 1, segment)).toBe('x y');
    // Transfer put another word between the words of element 1: it comes back twice, which the core refuses.
    expect(streamToHtml('[[pb:1]]x[[/]] [[pb:2]]y[[/]] [[pb:1]]z[[/]][pbs:1]', 1, segment)).toBe(
      '<em id=1>x</em> <b id=2>y</b> <em id=1>z</em>',
    );
    expect(streamToHtml('[[pb:1]]x[[/]] [[pb:1; pb:2]]y[[/]] [[pb:1]]z[[/]][pbs:1]', 1, segment)).toBe(
      '<em id=1>x <b id=2>y</b> z</em>',
    );
  });

  it('keeps the words that transfer joined to a kept name, such as a preposition, around it', () => {
    const segment = htmlToStream('adoption by <span id=1 translate=no>Congress</span> on July 4', 2);
    // Catalan generates the preposition and the noun as one form, so they come back under one blank.
    const answer = '[[pbo]]adopció[[/]] [[pbo; pbk:1]]per \\@Congress[[/]] [[pbo]]en juliol 4[[/]].[pbs:2]';
    expect(streamToHtml(answer, 2, segment)).toBe(
      'adopció per <span id=1 translate=no>Congress</span> en juliol 4',
    );
  });

  it('puts the words joined to a kept name outside a mark that starts with the name', () => {
    const segment = htmlToStream(
      '<strong id=1><span id=2 translate=no>Harbour Lines</span></strong> runs it',
      3,
    );
    // Catalan elides the article into the name: "L'Harbour Lines" under one blank carrying both elements.
    const answer = "[[pb:1; pbk:2]]L'Harbour Lines[[/]] [[pbo]]ho gestiona[[/]].[pbs:3]";
    expect(streamToHtml(answer, 3, segment)).toBe(
      "L'<strong id=1><span id=2 translate=no>Harbour Lines</span></strong> ho gestiona",
    );
  });

  it('merges the lexical units of a kept element into one proper noun with what the analyser knew', () => {
    const analysed =
      '^Director/Director<n><sg>$ [[pbk:3]]^Maria/Maria<np><ant><f><sg>$ [[pbk:3]]^Chen/*Chen$ ^said/say<vblex><past>$ [[pbk:4]]^Green/Green<adj>$ [[pbk:4]]^Party/Party<n><sg>$^./.<sent>$';
    expect(
      protectLexicalUnits(
        analysed,
        new Map([
          [3, 'Maria Chen'],
          [4, 'Green Party'],
        ]),
      ),
    ).toBe(
      '^Director/Director<n><sg>$ [[pbk:3]]^Maria Chen/Maria Chen<np><ant><f><sg>$ ^said/say<vblex><past>$ [[pbk:4]]^Green Party/Green Party<np><al><sg>$^./.<sent>$',
    );
    expect(protectLexicalUnits(analysed, new Map())).toBe(analysed);
  });

  it('merges a kept name whose words the analyser split at punctuation, leaving none of it behind', () => {
    // "Jakar/Bumthang": the analyser leaves the slash between the two units as a blank of the name's own.
    const analysed =
      '[[pbo]]^and/and<cnjcoo>$ [[pbk:1]]^Jakar/*Jakar$\\/[[pbk:1]]^Bumthang/*Bumthang$ [[pbo]]^leave/leave<vblex><inf>$^./.<sent>$';
    expect(protectLexicalUnits(analysed, new Map([[1, 'Jakar/Bumthang']]))).toBe(
      '[[pbo]]^and/and<cnjcoo>$ [[pbk:1]]^Jakar\\/Bumthang/Jakar\\/Bumthang<np><al><sg>$ [[pbo]]^leave/leave<vblex><inf>$^./.<sent>$',
    );
  });
});
