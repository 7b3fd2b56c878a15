import { describe, expect, it } from 'vitest';
import { decodeArticle } from '../../functions/core/read/decode.js';
import { safeText } from '../../functions/core/safe-text.js';

const RLO = '\u202e';
const PDF = '\u202c';
const RLI = '\u2067';
const PDI = '\u2069';
const LRE = '\u202a';

describe('safeText', () => {
  it('replaces every code point HTML forbids and lone surrogates, keeping tab, line feed, form feed, CR', () => {
    expect(safeText('a\u0000b\u0085c\ufffed\ud800e\u{1fffe}f\tg\nh\fi\rj')).toBe(
      'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\tg\nh\fi\rj',
    );
    expect(safeText('pair \ud83d\udcf0 kept')).toBe('pair \ud83d\udcf0 kept');
  });

  it('keeps bidi controls that are paired within their paragraph, nested or not', () => {
    for (const text of [
      `${RLO}abc${PDF} def`,
      `${RLI}שלום${PDI} and ${LRE}x${RLO}y${PDF}${PDF}`,
      `${RLI}a ${LRE}b${PDF} c${PDI}`,
    ]) {
      expect(safeText(text)).toBe(text);
    }
  });

  it('replaces a bidi control without its partner, one code unit for one', () => {
    expect(safeText(`evil${RLO}txt.exe`)).toBe('evil\ufffdtxt.exe');
    expect(safeText(`closes nothing${PDF} and ${PDI}`)).toBe('closes nothing\ufffd and \ufffd');
    // A paragraph end closes nothing on behalf of its openers.
    expect(safeText(`${RLI}first\n${PDI}second`)).toBe('\ufffdfirst\n\ufffdsecond');
    // An isolate's PDI would end the embedding opened inside it: the embedding is unpaired.
    expect(safeText(`${RLI}a${RLO}b${PDI}`)).toBe(`${RLI}a\ufffdb${PDI}`);
    // A PDF cannot reach out of an isolate to an embedding opened before it.
    expect(safeText(`${RLO}a${RLI}b${PDF}${PDI}`)).toBe(`\ufffda${RLI}b\ufffd${PDI}`);
    const text = `${RLO}x${LRE}y`;
    expect(safeText(text)).toHaveLength(text.length);
  });
});

describe('decodeArticle', () => {
  it('gives text without NUL, other controls, noncharacters or unpaired bidi controls', () => {
    const body = `Headline\n\n${'The board met on Monday. '.repeat(400)}\n\nA NUL \u0000, a bell \u0007, U+FFFE \ufffe and ${RLO}reversed.\n`;
    const { text } = decodeArticle(new TextEncoder().encode(body));

    for (const char of ['\u0000', '\u0007', '\ufffe', '\u202e']) expect(text).not.toContain(char);
    expect(text).toContain('A NUL \ufffd, a bell \ufffd, U+FFFE \ufffd and \ufffdreversed.');
  });
});
