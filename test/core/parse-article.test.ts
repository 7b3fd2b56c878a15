import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allSentences } from '../../functions/core/document.js';
import { ArticleError } from '../../functions/core/errors.js';
import { MAX_MARKDOWN_NESTING } from '../../functions/core/read/formats/markdown.js';
import { formatFromFileName, parseArticle, requireFormat } from '../../functions/core/read/parse-article.js';
import { MAX_SENTENCE_TOKENS, sentenceTokenCount } from '../../functions/core/read/sentences.js';

const sample = (name: string): string =>
  readFileSync(new URL(`../../samples/articles/${name}`, import.meta.url), 'utf8');

describe('parseArticle', () => {
  describe('plain text', () => {
    it('reads the seed article: headline, caption, dateline and sentences with exact offsets', () => {
      const text = sample('wang-yi-moscow-visit.txt');
      const document = parseArticle(text, 'text');
      expect(document.headline?.text).toBe(
        'Top Chinese diplomat concludes Russia visit, meeting with Putin highlights stability and cooperation in China',
      );
      expect(document.caption?.text).toBe('Wang Yi (left) and Putin (right).');
      expect(document.dateline).toMatchObject({ date: '2023-09-22', place: 'Moscow' });
      expect(text.slice(document.dateline?.start, document.dateline?.end)).toBe(
        '22nd September 2023 – (Moscow)',
      );
      expect(document.paragraphs).toHaveLength(8);
      const sentences = allSentences(document);
      expect(sentences[0]?.text).toMatch(/^Chinese experts have highlighted/u);
      expect(sentences.map((sentence) => sentence.id).slice(0, 3)).toEqual(['p1s1', 'p1s2', 'p2s1']);
      for (const sentence of sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    });

    it('keeps offsets into CRLF and lone-CR text and joins wrapped lines', () => {
      const text = 'Headline here\r\n\r\nFirst sentence is\r\nwrapped. Second one.\r\rThird paragraph.\r';
      const document = parseArticle(text, 'text');
      expect(document.headline?.text).toBe('Headline here');
      const sentences = allSentences(document);
      expect(sentences.map((sentence) => sentence.text)).toEqual([
        'First sentence is wrapped.',
        'Second one.',
        'Third paragraph.',
      ]);
      expect(text.slice(sentences[0]?.start, sentences[0]?.end)).toBe('First sentence is\r\nwrapped.');
    });

    it('reads a short second line without final punctuation as a caption, not a sentence', () => {
      const document = parseArticle(
        'Big news today\n\nThe minister at the podium\n\nThe minister spoke. Then left.',
        'text',
      );
      expect(document.caption?.text).toBe('The minister at the podium');
      expect(allSentences(document).map((sentence) => sentence.text)).toEqual([
        'The minister spoke.',
        'Then left.',
      ]);
    });

    it('keeps list lines as items of their own', () => {
      const document = parseArticle('Title\n\nIt includes:\n- one thing\n- another thing\n', 'text');
      expect(document.paragraphs.map((paragraph) => paragraph.kind)).toEqual([
        'paragraph',
        'list-item',
        'list-item',
      ]);
    });

    it('refuses an article with no sentences', () => {
      expect(() => parseArticle('\n\n  \n', 'text')).toThrow(ArticleError);
    });
  });

  describe('Markdown', () => {
    it('understands headings, emphasis, lists and quotes without printing their syntax', () => {
      const document = parseArticle(sample('city-budget-vote.md'), 'markdown');
      expect(document.headline?.text).toBe(
        'Valencia council approves €1.1 billion budget with more money for buses',
      );
      expect(document.caption?.text).toBe('Councillors voted 17 to 16 after a four-hour debate');
      expect(document.dateline).toMatchObject({ date: '2023-12-21', place: 'Valencia' });
      expect(document.text).not.toMatch(/[*#]|^- /mu);
      const kinds = document.paragraphs.map((paragraph) => paragraph.kind);
      expect(kinds).toContain('heading');
      expect(kinds.filter((kind) => kind === 'list-item')).toHaveLength(3);
      for (const sentence of allSentences(document)) {
        expect(document.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
      }
    });

    const blocks = (source: string): [string, string][] => {
      const document = parseArticle(source, 'markdown');
      return [
        ...(document.headline ? [['headline', document.headline.text] as [string, string]] : []),
        ...(document.caption ? [['caption', document.caption.text] as [string, string]] : []),
        ...document.paragraphs.map(
          (paragraph) =>
            [paragraph.kind, paragraph.sentences.map((sentence) => sentence.text).join(' ')] as [
              string,
              string,
            ],
        ),
      ];
    };

    it('reads quotes, nested lists, tables cell by cell and inline markup as text, and drops code, raw HTML, images and rules', () => {
      const source = [
        '# Title',
        '',
        '![A photo](photo.jpg) *The harbour at dawn*',
        '',
        'Text with `inline code`, a [link](https://example.com "t"), **strong** and ~~struck~~ words.  ',
        'A hard break before this.',
        '',
        '> Quoted words.',
        '> > Nested quote.',
        '',
        '1. First item',
        '   - nested *item*',
        '',
        '```',
        'code block',
        '```',
        '',
        '    indented code',
        '',
        '<div>raw html block</div>',
        '',
        'Inline <span>html</span> and &amp; entity.',
        '',
        '---',
        '',
        '| a table | of cells |',
        '| --- | --- |',
        '| not | prose |',
        '',
        'Last [reference][ref].',
        '',
        '[ref]: https://example.com',
      ].join('\n');

      expect(blocks(source)).toEqual([
        ['headline', 'Title'],
        ['caption', 'The harbour at dawn'],
        ['paragraph', 'Text with inline code, a link, strong and struck words. A hard break before this.'],
        ['quote', 'Quoted words.'],
        ['quote', 'Nested quote.'],
        ['list-item', 'First item'],
        ['list-item', 'nested item'],
        ['paragraph', 'Inline html and & entity.'],
        ['table-cell', 'a table'],
        ['table-cell', 'of cells'],
        ['table-cell', 'not'],
        ['table-cell', 'prose'],
        ['paragraph', 'Last reference.'],
      ]);
    });

    it(`follows containers ${MAX_MARKDOWN_NESTING} levels deep (a list and its item are two) and no deeper`, () => {
      const nested = (depth: number, marker: string): string => `# T\n\n${marker.repeat(depth)}Deep words.\n`;

      expect(blocks(nested(MAX_MARKDOWN_NESTING - 1, '> '))).toEqual([
        ['headline', 'T'],
        ['quote', 'Deep words.'],
      ]);
      expect(blocks(nested(MAX_MARKDOWN_NESTING / 2 - 1, '- ')).at(-1)).toEqual(['list-item', 'Deep words.']);
      expect(blocks(nested(MAX_MARKDOWN_NESTING / 2 + 1, '- '))).toEqual([['headline', 'T']]);
      expect(blocks(nested(MAX_MARKDOWN_NESTING + 1, '> '))).toEqual([['headline', 'T']]);
    });

    it.each([
      ['block quotes', `${'>'.repeat(100_000)} text`],
      ['list markers', `${'- '.repeat(50_000)}text`],
      ['emphasis', `${'*'.repeat(50_000)}a${'*'.repeat(50_000)}`],
      ['brackets', `a${'['.repeat(50_000)}${']'.repeat(50_000)}`],
    ])('reads 100,000 characters of nested %s without running out of stack', (_, body) => {
      expect(() => parseArticle(`# Title\n\nFirst words.\n\n${body}\n`, 'markdown')).not.toThrow();
    });

    it('reads a paragraph of emphasis only as a caption, and emphasis inside prose as prose', () => {
      expect(blocks('# T\n\n_Only emphasis_\n\nSome *emphasised* prose.')).toEqual([
        ['headline', 'T'],
        ['caption', 'Only emphasis'],
        ['paragraph', 'Some emphasised prose.'],
      ]);
    });
  });

  describe('HTML', () => {
    it('takes the article text with a real parser and drops scripts, styles, navigation and asides', () => {
      const document = parseArticle(sample('wind-farm-approval.html'), 'html');
      expect(document.headline?.text).toBe('Offshore wind farm off Aberdeen wins government approval');
      expect(document.caption?.text).toBe('Turbines at the existing Aberdeen Bay site (file photo)');
      expect(document.dateline).toMatchObject({ date: '2024-04-12', place: 'Aberdeen' });
      expect(document.text).not.toMatch(
        /dataLayer|trackArticleView|injected|Subscribe|Related stories|Weather|All rights/u,
      );
      expect(allSentences(document).map((sentence) => sentence.text)).toContain(
        "The Scottish Fishermen's Federation (SFF) said it would seek talks with the developers next month.",
      );
    });

    it('decodes entities and uses the title when the page has no heading', () => {
      const document = parseArticle(
        '<title>Fish &amp; chips</title><p>Prices rose &gt; 5%. Buyers&nbsp;complained.</p>',
        'html',
      );
      expect(document.headline?.text).toBe('Fish & chips');
      expect(allSentences(document).map((sentence) => sentence.text)).toEqual([
        'Prices rose > 5%.',
        'Buyers complained.',
      ]);
    });

    it.each([
      ['div', '<div>'],
      ['inline', '<b>'],
      ['list', '<ul><li>'],
    ])('reads 100,000 nested %s elements without running out of stack', (_, tag) => {
      const document = parseArticle(`<h1>Title</h1>${tag.repeat(100_000)}Deep words.`, 'html');

      expect(allSentences(document).map((sentence) => sentence.text)).toEqual(['Deep words.']);
    });

    it('never turns markup or hidden content into text', () => {
      const document = parseArticle(
        '<article><h1>T</h1><p>Safe <img src=x onerror=alert(1)>text.</p><iframe src="javascript:alert(1)">frame text</iframe><p hidden>secret</p><template><p>tpl</p></template></article>',
        'html',
      );
      expect(document.text).toBe('T\n\nSafe text.');
    });
  });

  describe('over-long text', () => {
    const run = 'word = '.repeat(1_500);
    const bounded = (document: ReturnType<typeof parseArticle>): void => {
      const all = [document.headline, document.caption, ...allSentences(document)].filter(
        (s) => s !== undefined,
      );
      for (const sentence of all) {
        expect(sentenceTokenCount(document.text, sentence)).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS);
      }
    };

    it('reads a first line too long for a headline as body text, in bounded sentences', () => {
      const document = parseArticle(`Headline ${run}\n\nThe body.`, 'text');

      expect(document.headline).toBeUndefined();
      expect(document.paragraphs[0]?.kind).toBe('paragraph');
      expect(allSentences(document).length).toBeGreaterThanOrEqual(3_000 / MAX_SENTENCE_TOKENS);
      bounded(document);
    });

    it('reads an over-long sub-heading as a paragraph, in bounded sentences', () => {
      const document = parseArticle(`# Title\n\nBody text.\n\n## Heading ${run}\n\nMore.`, 'markdown');

      expect(document.headline?.text).toBe('Title');
      expect(document.paragraphs.map((paragraph) => paragraph.kind)).toEqual([
        'paragraph',
        'paragraph',
        'paragraph',
      ]);
      expect(document.paragraphs[1]?.sentences.length).toBeGreaterThanOrEqual(3_000 / MAX_SENTENCE_TOKENS);
      bounded(document);
    });

    it('reads an over-long caption as a paragraph', () => {
      const document = parseArticle(
        `<h1>Title</h1><figure><figcaption>Caption ${run}</figcaption></figure><p>Body.</p>`,
        'html',
      );

      expect(document.caption).toBeUndefined();
      bounded(document);
    });
  });

  describe('file names', () => {
    it.each([
      ['a.txt', 'text'],
      ['a.MD', 'markdown'],
      ['dir/a.htm', 'html'],
      ['README', 'text'],
    ])('reads %s as %s', (name, format) => {
      expect(formatFromFileName(name)).toBe(format);
    });

    it('refuses an unsupported extension with the supported ones listed', () => {
      expect(() => requireFormat('incoming/report.odt')).toThrow(/\.odt.*\.docx/u);
      try {
        requireFormat('incoming/report.odt');
      } catch (error) {
        expect((error as ArticleError).code).toBe('unsupported-type');
        expect((error as ArticleError).hint).toContain('.md');
      }
    });
  });
});
