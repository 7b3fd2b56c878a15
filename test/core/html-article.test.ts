import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allSentences, type SourceDocument } from '../../functions/core/document.js';
import { ArticleError } from '../../functions/core/errors.js';
import { parseDocument } from '../../functions/core/read/html/dom.js';
import { chooseHeadline } from '../../functions/core/read/html/headline.js';
import { readPageMetadata } from '../../functions/core/read/html/page-metadata.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';
import { articleFacts } from '../../functions/core/read/prose-view.js';
import { harbourLevyMetadata } from '../support/harbour-levy-page.js';

const sample = readFileSync(
  new URL('../../samples/articles/harbour-levy-vote.html', import.meta.url),
  'utf8',
);
const bodyText = (document: SourceDocument) =>
  allSentences(document)
    .map((sentence) => sentence.text)
    .join(' ');

/** A web page around `article`: navigation, a footer, and links enough to be a site's page. */
function page(head: string, article: string): string {
  const links = Array.from({ length: 16 }, (_, i) => `<li><a href="/s${i}">Section ${i}</a></li>`).join('');
  return `<!DOCTYPE html><html><head>${head}</head><body><nav><ul>${links}</ul></nav><main>${article}</main><footer><p>© 2024 The Gazette</p></footer></body></html>`;
}

const paragraphs = (count: number, words = 30) =>
  Array.from(
    { length: count },
    (_, i) =>
      `<p>${Array.from({ length: words }, (_, w) => (w === 0 ? `Paragraph${i}` : `word${w}`)).join(' ')} and the council met again.</p>`,
  ).join('');

function refusal(html: string): ArticleError {
  try {
    parseArticle(html, 'html');
  } catch (error) {
    if (error instanceof ArticleError) return error;
    throw error;
  }
  throw new Error('the page was not refused');
}

describe('reading a real news page', () => {
  const document = parseArticle(sample, 'html');
  const text = bodyText(document);

  it("takes the article's headline, never the site's banner or the title's site name", () => {
    expect(document.headline?.text).toBe('Harbour levy passes after late-night vote');
  });

  it('keeps the article and leaves out the page around it', () => {
    expect(text).toContain('Councillors approved a new harbour levy on Friday');
    expect(text).toContain('We will be watching every penny of this money.');
    for (const furniture of [
      'cookies',
      'Subscribe',
      'Advertisement',
      'Win a cruise',
      'Sponsored',
      'Five loans',
      'Share on Facebook',
      'newsletter',
      'By Morag Lindsay',
      'Published 8 March',
      'Read more',
      'Most read',
      'Seal pup',
      'You may also like',
      'Comments',
      'All rights reserved',
      'correspondent',
    ]) {
      expect(text, furniture).not.toContain(furniture);
    }
  });

  it('reads what the page declares: authors, dates, section, keywords, canonical address, pictures', () => {
    expect(document.metadata).toEqual(harbourLevyMetadata);
    expect(document.caption?.text).toBe('Fishing boats moored at the north quay');
  });

  it('keeps sub-headings, nested lists, a block quote and the table cell by cell, with their containers', () => {
    const byText = (wanted: string) =>
      document.paragraphs.find((paragraph) => paragraph.sentences.some((s) => s.text === wanted));
    expect(byText('What the levy pays for')).toMatchObject({ kind: 'heading', level: 2 });
    expect(byText('the lifeboat slipway.')?.containers?.map((container) => container.kind)).toEqual([
      'list',
      'item',
      'list',
      'item',
    ]);
    expect(byText('How councillors voted')).toMatchObject({ kind: 'caption' });
    const cell = byText('Coastal Democrats');
    expect(cell?.kind).toBe('table-cell');
    expect(cell?.containers?.map((container) => container.kind)).toEqual(['table', 'row', 'cell']);
    expect(cell?.containers?.[0]).toMatchObject({ kind: 'table', columns: 3 });
    // The empty cell holds no block: the next cell's column says where it goes.
    const seven = document.paragraphs.filter((paragraph) => paragraph.sentences[0]?.text === '7');
    expect(seven.at(-1)?.containers?.at(-1)).toMatchObject({ kind: 'cell', column: 3 });
    expect(byText('We will be watching every penny of this money.')).toMatchObject({ kind: 'quote' });
  });

  it('keeps links (web and mail addresses only), emphasis and strong as marks on their sentences', () => {
    const sentence = allSentences(document).find((s) => s.text.startsWith('The levy, proposed'));
    expect(
      sentence?.marks?.map((mark) => [mark.kind, sentence.text.slice(mark.start, mark.end), mark.href]),
    ).toEqual([['link', 'Aileen Forbes', 'https://www.courier.example/people/aileen-forbes']]);
    const emphasised = allSentences(document).find((s) => s.text.startsWith('Opposition members'));
    const mark = emphasised?.marks?.[0];
    expect(mark?.kind).toBe('emphasis');
    expect(emphasised?.text.slice(mark?.start, mark?.end)).toBe('drive trade to neighbouring ports');
  });

  it('resolves relative dates against the declared publication date, and reads no facts from table cells', () => {
    const facts = articleFacts(document, '2030-01-01');
    expect(facts.dates.find((date) => date.text === 'Friday')?.iso).toBe('2024-03-08');
    expect(facts.figures.map((figure) => figure.text)).not.toContain('15');
    expect(facts.organisations.map((organisation) => organisation.name)).not.toContain('Coastal Democrats');
  });
});

describe('the headline', () => {
  const headlineOf = (head: string, body = '') =>
    chooseHeadline(readPageMetadata(parseDocument(page(head, body))));

  it('drops the site name after or before the title', () => {
    expect(
      headlineOf(
        '<title>Ferry fares rise | The Gazette</title><meta property="og:site_name" content="The Gazette">',
      ),
    ).toBe('Ferry fares rise');
    expect(
      headlineOf(
        '<title>Gazette News - Ferry fares rise again</title><meta property="og:site_name" content="Gazette News">',
      ),
    ).toBe('Ferry fares rise again');
    expect(headlineOf('<title>Ferry fares rise again - Gazette</title>')).toBe('Ferry fares rise again');
  });

  it("prefers JSON-LD's headline, then og:title, then the article's own h1, and never the site name", () => {
    const ld =
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Declared headline here"}</script>';
    expect(
      headlineOf(
        `${ld}<meta property="og:title" content="Social title">`,
        '<article><h1>Page heading</h1></article>',
      ),
    ).toBe('Declared headline here');
    expect(
      headlineOf(
        '<meta property="og:title" content="Social title">',
        '<article><h1>Page heading</h1></article>',
      ),
    ).toBe('Social title');
    expect(
      headlineOf(
        '<title>The Gazette</title><meta property="og:site_name" content="The Gazette">',
        '<h1>The Gazette</h1><article><h1>Harbour reopens</h1></article>',
      ),
    ).toBe('Harbour reopens');
  });

  it('takes the full headline when the declared one is cut short', () => {
    const ld =
      '<script type="application/ld+json">{"@type":"Article","headline":"Council votes to rebuild the north..."}</script>';
    expect(headlineOf(ld, '<article><h1>Council votes to rebuild the north quay wall</h1></article>')).toBe(
      'Council votes to rebuild the north quay wall',
    );
  });
});

describe('pages with no article', () => {
  it.each([
    [
      'an index page',
      page(
        '<title>Local news | The Gazette</title><meta property="og:type" content="website">',
        Array.from(
          { length: 12 },
          (_, i) =>
            `<div class="teaser"><h2><a href="/story${i}">Story number ${i} headline</a></h2><p><a href="/story${i}">Read the full story</a></p></div>`,
        ).join(''),
      ),
    ],
    [
      'a login wall',
      page(
        '<title>Members only | The Gazette</title>',
        '<div class="paywall"><h1>Members only</h1><p>Subscribe to continue reading.</p><p>Already a subscriber? <a href="/login">Log in</a></p></div>',
      ),
    ],
    [
      'a cookie wall',
      page(
        '<title>Before you continue | The Gazette</title>',
        '<div class="consent"><h1>Before you continue</h1><p>We use cookies and data to deliver our services and show you advertising. Accept all cookies or manage settings.</p><button>Accept all</button></div>',
      ),
    ],
  ])('refuses %s as no-article, saying what was found', (_name, html) => {
    const error = refusal(html);
    expect(error.code).toBe('no-article');
    expect(error.message).toMatch(/The page ".+" holds no article: \d+ words? of running text/u);
    expect(error.hint).toContain('article page itself');
  });

  it('refuses a page with no words as no-text', () => {
    expect(refusal('<!DOCTYPE html><html><body><p>— … —</p><p>2024</p></body></html>').code).toBe('no-text');
  });

  it('publishes a short article a page declares as one, and article HTML on its own however short', () => {
    const ld =
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry delayed"}</script>';
    const brief = parseArticle(
      page(
        ld,
        '<article><h1>Ferry delayed</h1><p>The 8:15 ferry to the island is delayed by thick fog, the operator said early on Monday morning.</p></article>',
      ),
      'html',
    );
    expect(bodyText(brief)).toBe(
      'The 8:15 ferry to the island is delayed by thick fog, the operator said early on Monday morning.',
    );
    const fragment = parseArticle('<h1>Short</h1><p>One line of news.</p>', 'html');
    expect(bodyText(fragment)).toBe('One line of news.');
  });

  it('reads a long article on a web page that declares nothing', () => {
    const document = parseArticle(
      page('<title>Long read | The Gazette</title>', `<article><h1>Long read</h1>${paragraphs(6)}</article>`),
      'html',
    );
    expect(document.paragraphs.length).toBe(6);
  });

  it('drops a prompt that is a link inside a paragraph of the story, and keeps the paragraph', () => {
    const html = page(
      '<title>Ferry | The Gazette</title>',
      `<article><h1>Ferry</h1>${paragraphs(3)}<p>"We are back on time," said captain Ana Ruiz. <a href="/more">Read more</a></p><p><a href="/next">Read more: the ferry's history</a></p></article>`,
    );
    const text = bodyText(parseArticle(html, 'html'));
    expect(text).toContain('"We are back on time," said captain Ana Ruiz.');
    expect(text).not.toMatch(/Read more|history/u);
  });
});

describe('links and pictures', () => {
  it('keeps only web and mail links, resolving relative ones against the canonical address', () => {
    const html = page(
      '<link rel="canonical" href="https://news.example/story"><title>Links</title>',
      `<article><h1>Links</h1><p>See <a href="/a">the report</a>, <a href="javascript:alert(1)">this</a>, <a href="mailto:desk@news.example">the desk</a> and <a href="data:text/html,x">that</a> for details of the plan.</p>${paragraphs(3)}</article>`,
    );
    const sentence = allSentences(parseArticle(html, 'html')).find((s) => s.text.startsWith('See '));
    expect(sentence?.marks?.map((mark) => [sentence.text.slice(mark.start, mark.end), mark.href])).toEqual([
      ['the report', 'https://news.example/a'],
      ['the desk', 'mailto:desk@news.example'],
    ]);
  });
});
