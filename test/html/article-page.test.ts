import { describe, expect, it } from 'vitest';
import type { ArticleJson } from '../../functions/core/contract.js';
import { renderArticleHtml } from '../../functions/core/publish/render/article-html.js';
import { renderArticleIndexHtml } from '../../functions/core/publish/render/article-index-html.js';
import { jsonForScriptBlock } from '../../functions/core/publish/render/escape.js';
import { pageProblems, textOf } from './page-structure.js';

const span = (id: string, text: string) => ({
  id,
  text,
  review: 'machine' as const,
  start: 0,
  end: text.length,
});
const languages = ['en', 'es', 'ar', 'zh'].map((language) => ({
  language,
  json: `${language}.json`,
  html: `${language}.html`,
}));

function article(overrides: Partial<ArticleJson> = {}): ArticleJson {
  return {
    schemaVersion: '1.1.0',
    articleId: 'budget',
    language: 'es',
    sourceLanguage: 'en',
    direction: 'ltr',
    translation: { engine: 'apertium', scope: 'full' },
    source: { key: 'incoming/budget.txt', format: 'text', sha256: '0'.repeat(64) },
    headline: span('headline', 'El consejo aprueba el presupuesto'),
    caption: null,
    dateline: { date: '2023-12-21', place: 'Valencia', start: 0, end: 10 },
    summary: [{ sentenceId: 'p1s1', text: 'Primera frase.', review: 'machine', start: 0, end: 1 }],
    facts: {
      people: [
        {
          name: 'Elena Soler',
          sourceName: 'Elena Soler',
          roles: ['Alcaldesa'],
          roleReviews: ['machine'],
          mentions: [],
        },
      ],
      organisations: [],
      places: [],
      dates: [
        { text: '2023', iso: '2023', start: 0, end: 4 },
        { text: 'this year', iso: '2023', start: 5, end: 14 },
      ],
      quotes: [
        {
          kind: 'direct',
          review: 'machine',
          text: 'Una frase traducida.',
          speaker: 'Elena Soler',
          start: 0,
          end: 1,
        },
      ],
      figures: [
        { text: '€1.1 billion', value: 1_100_000_000, unit: 'EUR', start: 0, end: 1 },
        { text: 'four-hour', value: 4, unit: 'hours', start: 0, end: 1 },
        { text: '12%', value: 12, unit: 'percent', start: 0, end: 1 },
        { text: '1,800 volunteers', value: 1800, unit: 'volunteers', start: 0, end: 1 },
      ],
    },
    body: [
      { id: 'p1', kind: 'paragraph', sentences: [span('p1s1', 'Primera frase.'), span('p1s2', 'Segunda.')] },
      { id: 'p2', kind: 'list-item', sentences: [span('p2s1', 'Uno;')] },
      { id: 'p3', kind: 'list-item', sentences: [span('p3s1', 'dos.')] },
    ],
    languages,
    ...overrides,
  };
}

describe('renderArticleHtml', () => {
  it('links every language version, the index as x-default and its own JSON', () => {
    const html = renderArticleHtml(article());
    for (const { language } of languages) {
      // Translate's zh is Simplified Chinese: its BCP 47 tag says so.
      const tag = language === 'zh' ? 'zh-Hans' : language;
      expect(html).toContain(`<link rel="alternate" hreflang="${tag}" href="${language}.html">`);
    }
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="index.html">');
    expect(html).toContain('<link rel="alternate" type="application/json" href="es.json">');
    expect(html).toMatch(/<a href="ar.html" hreflang="ar" lang="ar" dir="rtl">العربية<\/a>/u);
    expect(pageProblems(html)).toEqual([]);
  });

  it('names the engine and the source language in the language of the page', () => {
    expect(textOf(renderArticleHtml(article()), 'header')).toContain(
      'Traducción automática (Apertium) del original en inglés.',
    );
    const arabic = renderArticleHtml(article({ language: 'ar', direction: 'rtl' }));
    expect(arabic).toContain('ترجمة آلية (Apertium) من الأصل (الإنجليزية).');
    expect(arabic).toMatch(/<h2 id="summary-title">ملخص<\/h2>/u);
  });

  it('writes figures the way the page language does, or marks the source words as the source language', () => {
    const html = renderArticleHtml(article());
    expect(html).toContain('<li>4 horas</li>');
    expect(html).toMatch(/<li>12\s%<\/li>/u);
    expect(html).toMatch(/<li>1100\sM\s€<\/li>/u);
    expect(html).toContain('<li><span lang="en">1,800 volunteers</span></li>');
    expect(renderArticleHtml(article({ translation: null, language: 'en' }))).toContain('<li>four-hour</li>');
  });

  it('lists a date once however often the article gives it, isolates names', () => {
    const html = renderArticleHtml(article());
    expect(html.match(/<time datetime="2023">/gu)).toHaveLength(1);
    expect(html).toContain('<bdi>Elena Soler</bdi> <span class="role">(<bdi>Alcaldesa</bdi>)</span>');
  });

  it('puts direct quotes between the page language’s own quotation marks, and reported speech between none', () => {
    expect(renderArticleHtml(article())).toContain(
      '<li><q>«Una frase traducida.»</q> — <bdi>Elena Soler</bdi></li>',
    );
    expect(renderArticleHtml(article({ translation: null, language: 'en' }))).toContain(
      '<q>“Una frase traducida.”</q>',
    );
    expect(renderArticleHtml(article({ language: 'de' }))).toContain('<q>„Una frase traducida.“</q>');
    expect(renderArticleHtml(article({ language: 'ja' }))).toContain('<q>「Una frase traducida.」</q>');
    // Marks the quote's text came with are replaced, never doubled.
    const withMarks = article();
    const marked = {
      ...withMarks,
      facts: { ...withMarks.facts, quotes: [{ ...withMarks.facts.quotes[0], text: '"Una frase."' }] },
    };
    expect(renderArticleHtml(marked as typeof withMarks)).toContain('<q>«Una frase.»</q>');
    const reported = {
      ...withMarks,
      facts: {
        ...withMarks.facts,
        quotes: [
          {
            kind: 'reported' as const,
            review: 'machine' as const,
            text: 'que la frase es buena',
            start: 0,
            end: 1,
          },
        ],
      },
    };
    const html = renderArticleHtml(reported as typeof withMarks);
    expect(html).toContain('<li>que la frase es buena</li>');
    expect(html).not.toMatch(/<q>|«que/u);
  });

  it('makes one list of consecutive list items, and joins Chinese sentences without spaces', () => {
    // Blocks without containers (plain text's list items, documents before 1.5.0) are placed by their kind.
    expect(renderArticleHtml(article())).toMatch(
      /<ul>\s*<li>\s*<p id="p2">Uno;<\/p>\s*<\/li>\s*<li>\s*<p id="p3">dos\.<\/p>\s*<\/li>\s*<\/ul>/u,
    );
    expect(renderArticleHtml(article({ language: 'zh' }))).toContain('<p id="p1">Primera frase.Segunda.</p>');
  });
});

describe('renderArticleIndexHtml', () => {
  it('lists every language in its own language and direction, with its headline and JSON', () => {
    const html = renderArticleIndexHtml({
      articleId: 'budget',
      headlines: {
        en: 'Council approves budget',
        es: 'El consejo aprueba',
        ar: 'المجلس يوافق',
        zh: '理事会批准',
      },
      sourceLanguage: 'en',
      languages,
    });
    expect(html).toMatch(/<li lang="ar" dir="rtl"><a href="ar.html" hreflang="ar">/u);
    expect(html).toContain('<span class="headline">المجلس يوافق</span>');
    expect(html).toContain('<a class="data" href="es.json" hreflang="es" type="application/json">JSON</a>');
    expect(html).toContain('<title>Council approves budget</title>');
    expect(pageProblems(html)).toEqual([]);
  });
});

describe('escaping', () => {
  it('keeps JSON-LD unable to close its element', () => {
    const json = jsonForScriptBlock({ text: '</script><!-- \u2028 & \u0001' });
    expect(json).not.toMatch(/[<>&\u2028]/u);
    expect(JSON.parse(json)).toEqual({ text: '</script><!-- \u2028 & \u0001' });
  });
});
