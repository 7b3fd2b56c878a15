import { describe, expect, it } from 'vitest';
import type { ArticleJson } from '../../functions/core/contract.js';
import { renderArticleHtml } from '../../functions/core/publish/render/article-html.js';
import { executableContent } from '../lib/html-safety.js';

const hostile =
  '<script>alert(1)</script><img src=x onerror="alert(2)"> &amp; "quoted" \'single\' <a href="javascript:alert(3)">x</a>';

function article(overrides: Partial<ArticleJson> = {}): ArticleJson {
  const span = (id: string, text: string) => ({
    id,
    text,
    review: 'machine' as const,
    start: 0,
    end: text.length,
  });
  return {
    schemaVersion: '1.1.0',
    articleId: 'test',
    language: 'es',
    sourceLanguage: 'en',
    direction: 'ltr',
    translation: { engine: 'apertium', scope: 'full' },
    source: { key: 'incoming/test.txt', format: 'text', sha256: '0'.repeat(64) },
    headline: span('headline', hostile),
    caption: span('caption', hostile),
    dateline: { date: '2023-09-22', place: hostile, start: 0, end: 1 },
    summary: [{ sentenceId: 'p1s1', text: hostile, review: 'machine', start: 0, end: 1 }],
    facts: {
      people: [
        { name: hostile, sourceName: hostile, roles: [hostile], roleReviews: ['machine'], mentions: [] },
      ],
      organisations: [{ name: hostile, sourceName: hostile, aliases: [hostile], mentions: [] }],
      places: [{ name: hostile, sourceName: hostile, mentions: [] }],
      dates: [{ text: hostile, iso: '2023-10', start: 0, end: 1 }],
      quotes: [{ kind: 'direct', review: 'machine', text: hostile, speaker: hostile, start: 0, end: 1 }],
      figures: [{ text: hostile, value: 1, start: 0, end: 1 }],
    },
    body: [{ id: 'p1', kind: 'paragraph', sentences: [span('p1s1', hostile)] }],
    languages: [
      { language: 'en', json: 'en.json', html: 'en.html' },
      { language: 'es', json: 'es.json', html: 'es.html' },
      { language: 'ar', json: 'ar.json', html: 'ar.html' },
    ],
    ...overrides,
  };
}

describe('renderArticleHtml', () => {
  it('escapes every piece of article text, so hostile text never becomes markup', () => {
    const html = renderArticleHtml(article());
    expect(executableContent(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<script/gu)).toHaveLength(1);
    expect(html).toContain('<script type="application/ld+json">');
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/su.exec(html)?.[1] ?? '';
    expect(jsonLd).not.toMatch(/[<>]/u);
  });

  it('sets lang and dir, links every language version and forbids scripts with a CSP', () => {
    const html = renderArticleHtml(article());
    expect(html).toMatch(/<html lang="es" dir="ltr">/u);
    expect(html).toContain('<link rel="alternate" hreflang="ar" href="ar.html">');
    expect(html).toContain('aria-current="page">Español</a>');
    expect(html).toMatch(
      /Content-Security-Policy" content="default-src &#39;none&#39;;[^"]*script-src &#39;none&#39;/u,
    );
    expect(html).not.toMatch(/(?:src|href)="https?:/u);
  });

  it('is caught by the safety check when markup does get through', () => {
    expect(
      executableContent('<p onclick="x()">a</p><script>x()</script><a href="javascript:x()">b</a>'),
    ).toHaveLength(3);
  });

  it('lays out right-to-left languages right to left', () => {
    const html = renderArticleHtml(article({ language: 'ar', direction: 'rtl' }));
    expect(html).toMatch(/<html lang="ar" dir="rtl">/u);
  });
});
