import { describe, expect, it } from 'vitest';
import {
  decodeInline,
  encodeInline,
  type InlineSpan,
  nestedSpans,
} from '../../functions/core/translate/inline-markup.js';

const text = 'Maria Chen said the ferry to Oslo is back.';
const spans: InlineSpan[] = nestedSpans(text, [
  { kind: 'link', start: 16, end: 25 },
  { kind: 'keep', start: 0, end: 10 },
  { kind: 'locate', start: 29, end: 33 },
  { kind: 'emphasis', start: 20, end: 25 },
]);

describe('inline markup', () => {
  it('encodes a sentence as a tagged segment: names kept, marks and places with ids, text escaped', () => {
    expect(encodeInline(text, spans)).toBe(
      '<span id=0 translate=no>Maria Chen</span> said <a id=1>the <em id=2>ferry</em></a> to <span id=3>Oslo</span> is back.',
    );
    expect(encodeInline('a < b & c', [{ kind: 'break', start: 5, end: 5 }])).toBe(
      'a &lt; b<br id=0> &amp; c',
    );
  });

  it('drops names that cross a mark or lie inside code, never the marks', () => {
    const nested = nestedSpans('call foo bar now', [
      { kind: 'code', start: 5, end: 12 },
      { kind: 'keep', start: 9, end: 12 },
      { kind: 'emphasis', start: 0, end: 4 },
      { kind: 'locate', start: 7, end: 16 },
    ]);
    expect(nested.map((span) => span.kind)).toEqual(['emphasis', 'code']);
  });

  it('reads a translation whose elements moved with their words', () => {
    const answer =
      '<span id=0 translate=no>Maria Chen</span> dijo que <a id=1>el <em id=2>ferry</em></a> a <span id=3>Oslo</span> vuelve.';
    const decoded = decodeInline(answer, text, spans);
    expect(decoded.fault).toBeUndefined();
    expect(decoded.text).toBe('Maria Chen dijo que el ferry a Oslo vuelve.');
    expect(decoded.spans.map((span) => span && decoded.text.slice(span.start, span.end))).toEqual([
      'Maria Chen',
      'el ferry',
      'ferry',
      'Oslo',
    ]);
  });

  it('trims spaces an engine put inside elements and collapses whitespace', () => {
    const decoded = decodeInline(
      ' <span id=0 translate=no>Maria Chen</span>  dijo <a id=1> el  <em id=2>ferry </em></a> a <span id=3>Oslo</span>.',
      text,
      spans,
    );
    expect(decoded.fault).toBeUndefined();
    expect(decoded.text).toBe('Maria Chen dijo el ferry a Oslo.');
    expect(decoded.spans[1]).toEqual({ start: 16, end: 24 });
  });

  it('leaves a place the engine lost unlocated, without refusing the sentence’s marks', () => {
    const decoded = decodeInline(
      '<span id=0 translate=no>Maria Chen</span> dijo <a id=1>el <em id=2>ferry</em></a> a Oslo.',
      text,
      spans,
    );
    expect(decoded.fault).toBeUndefined();
    expect(decoded.spans[3]).toBeUndefined();
    expect(decoded.spans[1]).toEqual({ start: 16, end: 24 });
  });

  it.each([
    [
      'a dropped element',
      '<span id=0 translate=no>Maria Chen</span> dijo que el ferry a <span id=3>Oslo</span>.',
      /dropped/u,
    ],
    [
      'a duplicated element',
      '<span id=0 translate=no>Maria Chen</span> <a id=1>el</a> <a id=1><em id=2>ferry</em></a> <span id=3>Oslo</span>',
      /twice/u,
    ],
    [
      'crossing elements',
      '<span id=0 translate=no>Maria Chen</span> <a id=1>el <em id=2>ferry</a></em> <span id=3>Oslo</span>',
      /unbalanced or crossing/u,
    ],
    [
      'unclosed elements',
      '<span id=0 translate=no>Maria Chen</span> <a id=1>el <em id=2>ferry <span id=3>Oslo</span>',
      /unclosed/u,
    ],
    [
      'a changed name',
      '<span id=0 translate=no>María Chen</span> dijo <a id=1>el <em id=2>ferry</em></a> a <span id=3>Oslo</span>',
      /kept text/u,
    ],
    [
      'an element it was not sent',
      '<span id=0 translate=no>Maria Chen</span> <b>dijo</b> <a id=1>el <em id=2>ferry</em></a> <span id=3>Oslo</span>',
      /not sent/u,
    ],
    [
      'an emptied element',
      '<span id=0 translate=no>Maria Chen</span> dijo <a id=1> <em id=2></em></a> <span id=3>Oslo</span>',
      /empty/u,
    ],
  ])('falls back to the plain translation on %s, still finding the kept names', (_, answer, reason) => {
    const decoded = decodeInline(answer, text, spans);
    expect(decoded.fault).toMatch(reason);
    expect(decoded.text).not.toMatch(/[<>]/u);
    const [name, link, emphasis, place] = decoded.spans;
    expect(link).toBeUndefined();
    expect(emphasis).toBeUndefined();
    expect(place).toBeUndefined();
    if (!/kept text/u.test(decoded.fault ?? ''))
      expect(name && decoded.text.slice(name.start, name.end)).toBe('Maria Chen');
  });
});
