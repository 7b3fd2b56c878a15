import { beforeAll, describe, expect, it } from 'vitest';
import { safeText } from '../../functions/core/safe-text.js';
import { executableContent } from '../lib/html-safety.js';
import { buildHostilePages, hostilePayloads } from './hostile-pages.js';
import { pageProblems, textOf } from './page-structure.js';

describe('pages made from hostile input', () => {
  let pages: Map<string, string>;

  beforeAll(async () => {
    pages = await buildHostilePages();
  });

  it('covers every corpus article in every language, and the index', () => {
    const articles = new Set([...pages.keys()].map((key) => key.split('/')[1]));
    expect(articles).toEqual(
      new Set(['broken-entities', 'event-handlers-md', 'javascript-urls-html', 'script-tags']),
    );
    expect(pages.size).toBe(articles.size * 4);
  });

  it('have no executable content: no scripts, handlers, javascript: URLs, embedded or external resources', () => {
    for (const [key, html] of pages) expect(executableContent(html), key).toEqual([]);
  });

  it('contain only the elements and attributes a page is made of, under the one policy and stylesheet', () => {
    for (const [key, html] of pages) expect(pageProblems(html), key).toEqual([]);
  });

  it('show hostile text as text: the markup a translation carried is what the reader sees', () => {
    const headline = textOf(pages.get('published/script-tags/es.html') ?? '', 'h1') ?? '';
    expect(headline).toContain('Council <script>alert("headline")</script> approves budget');
    expect(headline.startsWith(safeText(hostilePayloads[0] ?? ''))).toBe(true);
    const arabic = pages.get('published/broken-entities/ar.html') ?? '';
    expect(arabic).toMatch(/<html lang="ar" dir="rtl">/u);
    expect(textOf(arabic, 'h1')).toContain('&lt;script&gt;');
  });

  it('never carry a character HTML forbids', () => {
    for (const [key, html] of pages) expect(html, key).toBe(safeText(html));
  });

  it('is proven by checks that do catch markup when it gets through', () => {
    const injected = (pages.get('published/script-tags/en.html') ?? '').replace(
      '<h1>',
      '<h1><img src=x onerror=alert(1)><a href="https://evil.example/">x</a>',
    );
    expect(executableContent(injected).length).toBeGreaterThan(0);
    expect(pageProblems(injected)).toEqual(
      expect.arrayContaining([
        '<img> is not allowed',
        'href="https://evil.example/" leaves the article folder',
      ]),
    );
  });
});
