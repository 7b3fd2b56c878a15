import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleJson } from '../../functions/core/contract.js';
import { processArticle } from '../../functions/core/pipeline.js';
import type { Logger } from '../../functions/core/ports.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, testSettings } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';
import {
  atomProblems,
  feedEntries,
  sitemapLocations,
  sitemapProblems,
} from '../support/syndication-checks.js';

const sample = (name: string) => readFileSync(new URL(`../../samples/articles/${name}`, import.meta.url));
const base = 'https://news.example.org/';

describe('feeds and the news sitemap', () => {
  let store: MemoryArticleStore;
  const translator = new TaggingTranslator();
  const deps = (clock = fixedClock('2024-05-01T09:00:00.000Z'), logger: Logger = silentLogger) => ({
    store,
    translator,
    clock,
    logger,
  });

  beforeEach(() => {
    store = new MemoryArticleStore();
  });

  it('puts every published language of an article in its Atom feed and in the sitemap, absolute under the base URL', async () => {
    store.upload('incoming/wang-yi-moscow-visit.txt', sample('wang-yi-moscow-visit.txt'));

    await processArticle(
      { key: 'incoming/wang-yi-moscow-visit.txt' },
      testSettings({ publicBaseUrl: base }),
      deps(),
    );

    for (const language of ['en', 'es', 'ca']) {
      const feed = store.text(`published/feeds/${language}.xml`);
      const version = store.json<ArticleJson>(`published/wang-yi-moscow-visit/${language}.json`);
      expect(atomProblems(feed)).toEqual([]);
      expect(feedEntries(feed)).toEqual([
        {
          title: version.headline.text,
          published: '2024-05-01T09:00:00.000Z',
          updated: '2024-05-01T09:00:00.000Z',
          href: `${base}published/wang-yi-moscow-visit/${language}.html`,
        },
      ]);
      expect(feed).toContain(`xml:lang="${language}"`);
      expect(feed).toContain(
        `<link rel="self" type="application/atom+xml" href="${base}published/feeds/${language}.xml"/>`,
      );
    }
    const sitemap = store.text('published/sitemap.xml');
    expect(sitemapProblems(sitemap)).toEqual([]);
    expect(sitemapLocations(sitemap)).toEqual(
      ['en', 'es', 'ca'].map((language) => `${base}published/wang-yi-moscow-visit/${language}.html`),
    );
    expect(sitemap).toContain(
      `<xhtml:link rel="alternate" hreflang="x-default" href="${base}published/wang-yi-moscow-visit/index.html"/>`,
    );
    expect(sitemap).toContain('<news:name>news.example.org</news:name>');
  });

  it('tags Portuguese and Chinese as browsers and search engines read them, keeping Translate’s codes in keys', async () => {
    store.upload('incoming/wang-yi-moscow-visit.txt', sample('wang-yi-moscow-visit.txt'));

    await processArticle(
      { key: 'incoming/wang-yi-moscow-visit.txt' },
      testSettings({ publicBaseUrl: base, targetLanguages: ['pt', 'zh'] }),
      deps(),
    );

    const feeds = { pt: store.text('published/feeds/pt.xml'), zh: store.text('published/feeds/zh.xml') };
    expect(feeds.pt).toContain('xml:lang="pt-BR"');
    expect(feeds.pt).toContain(`hreflang="pt-BR" href="${base}published/wang-yi-moscow-visit/pt.html"`);
    expect(feeds.zh).toContain('xml:lang="zh-Hans"');
    const sitemap = store.text('published/sitemap.xml');
    expect(sitemapProblems(sitemap)).toEqual([]);
    expect(sitemap).toContain(
      `<xhtml:link rel="alternate" hreflang="zh-Hans" href="${base}published/wang-yi-moscow-visit/zh.html"/>`,
    );
    expect(sitemap).toContain(
      `<xhtml:link rel="alternate" hreflang="pt-BR" href="${base}published/wang-yi-moscow-visit/pt.html"/>`,
    );
    // Google News names Chinese by its own codes.
    expect(sitemap).toContain('<news:language>zh-cn</news:language>');
  });

  it('links relatively and writes no sitemap without a base URL, and says why', async () => {
    const notes: string[] = [];
    const logger = { ...silentLogger, info: (message: string) => notes.push(message) };
    store.upload('incoming/city-budget-vote.md', sample('city-budget-vote.md'));

    await processArticle({ key: 'incoming/city-budget-vote.md' }, testSettings(), deps(undefined, logger));

    const feed = store.text('published/feeds/es.xml');
    expect(atomProblems(feed)).toEqual([]);
    expect(feedEntries(feed).map((entry) => entry.href)).toEqual(['../city-budget-vote-md/es.html']);
    expect(store.keys('published/sitemap')).toEqual([]);
    expect(notes).toContain(
      'sitemap not updated: it takes absolute URLs, and no public base URL is configured',
    );
  });

  it('keeps every article of two published at once, newest first, and keeps when each was first published', async () => {
    const settings = testSettings({ publicBaseUrl: base, targetLanguages: ['es'] });
    store.upload('incoming/wang-yi-moscow-visit.txt', sample('wang-yi-moscow-visit.txt'));
    store.upload('incoming/city-budget-vote.md', sample('city-budget-vote.md'));
    // Both articles read the feed (and the sitemap) before either writes it: the race a plain write loses.
    const reads = new Map<string, number>();
    const get = store.get.bind(store);
    store.get = async (key, options) => {
      reads.set(key, (reads.get(key) ?? 0) + 1);
      return get(key, options);
    };
    store.beforePut = async (key) => {
      if (!key.endsWith('.xml')) return;
      while ((reads.get(key) ?? 0) < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    };

    await Promise.all([
      processArticle(
        { key: 'incoming/wang-yi-moscow-visit.txt' },
        settings,
        deps(fixedClock('2024-05-01T09:00:00.000Z')),
      ),
      processArticle(
        { key: 'incoming/city-budget-vote.md' },
        settings,
        deps(fixedClock('2024-05-01T10:00:00.000Z')),
      ),
    ]);
    store.beforePut = undefined;
    // Republished later: it keeps its first publication, and its place.
    store.upload(
      'incoming/wang-yi-moscow-visit.txt',
      `${sample('wang-yi-moscow-visit.txt')}\nA new last line.\n`,
    );
    await processArticle(
      { key: 'incoming/wang-yi-moscow-visit.txt' },
      settings,
      deps(fixedClock('2024-05-01T11:00:00.000Z')),
    );

    const feed = store.text('published/feeds/es.xml');
    expect(atomProblems(feed)).toEqual([]);
    expect(
      feedEntries(feed).map(({ href, published, updated }) => [href.split('/').at(-2), published, updated]),
    ).toEqual([
      ['city-budget-vote-md', '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00.000Z'],
      ['wang-yi-moscow-visit', '2024-05-01T09:00:00.000Z', '2024-05-01T11:00:00.000Z'],
    ]);
    const sitemap = store.text('published/sitemap.xml');
    expect(sitemapProblems(sitemap)).toEqual([]);
    expect(sitemapLocations(sitemap).map((url) => url.split('/').at(-2))).toEqual([
      'city-budget-vote-md',
      'city-budget-vote-md',
      'wang-yi-moscow-visit',
      'wang-yi-moscow-visit',
    ]);
  });

  it('escapes what an article says and keeps the feed well-formed', async () => {
    store.upload(
      'incoming/hostile.txt',
      'Tom & Jerry <script>alert(1)</script> say "hi" \u0001\n\nThe council met on Monday & voted <b>yes</b>. It was close.\n',
    );

    await processArticle({ key: 'incoming/hostile.txt' }, testSettings({ publicBaseUrl: base }), deps());

    const feed = store.text('published/feeds/en.xml');
    expect(atomProblems(feed)).toEqual([]);
    expect(feedEntries(feed)[0]?.title).toContain('Tom & Jerry <script>');
    expect(sitemapProblems(store.text('published/sitemap.xml'))).toEqual([]);
  });
});
