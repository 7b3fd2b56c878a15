import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processArticle } from '../../functions/core/pipeline.js';
import type { PipelineSettings } from '../../functions/core/settings.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, testSettings } from '../doubles/pipeline-fixture.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';

const seed = readFileSync(new URL('../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url));
const key = 'incoming/wang-yi-moscow-visit.txt';
const folder = 'published/wang-yi-moscow-visit/';

/** The `<link>` elements of a page's head naming a canonical or alternate address, as `rel hreflang href`. */
function headLinks(html: string): string[] {
  return [...html.matchAll(/<link rel="(canonical|alternate)"(?: hreflang="([^"]+)")? href="([^"]+)">/g)].map(
    ([, rel, hreflang, href]) => [rel, hreflang, href].filter((part) => part !== undefined).join(' '),
  );
}

async function publish(settings: PipelineSettings): Promise<MemoryArticleStore> {
  const store = new MemoryArticleStore();
  store.upload(key, seed);
  const outcome = await processArticle({ key }, settings, {
    store,
    translator: new TaggingTranslator(),
    clock: fixedClock(),
    logger: silentLogger,
  });
  expect(outcome.status).toBe('published');
  return store;
}

const textOf = (store: MemoryArticleStore, name: string) =>
  new TextDecoder().decode(store.objects.get(`${folder}${name}`)?.body);

async function publishedPages(settings: PipelineSettings): Promise<(name: string) => string[]> {
  const store = await publish(settings);
  return (name) => headLinks(textOf(store, name));
}

describe('the links in a page head', () => {
  it('are relative without a public base URL: each page canonical to itself, every version an alternate', async () => {
    const page = await publishedPages(testSettings());

    expect(page('es.html')).toEqual([
      'canonical es.html',
      'alternate x-default index.html',
      'alternate en en.html',
      'alternate es es.html',
      'alternate ca ca.html',
    ]);
    expect(page('index.html')[0]).toBe('canonical index.html');
  });

  it('are absolute under the public base URL, the page key after it', async () => {
    const page = await publishedPages(testSettings({ publicBaseUrl: 'https://news.example.org/site/' }));
    const base = `https://news.example.org/site/${folder}`;

    expect(page('ca.html')).toEqual([
      `canonical ${base}ca.html`,
      `alternate x-default ${base}index.html`,
      `alternate en ${base}en.html`,
      `alternate es ${base}es.html`,
      `alternate ca ${base}ca.html`,
    ]);
    expect(page('index.html')[0]).toBe(`canonical ${base}index.html`);
  });
});

describe('the language tags of the pages', () => {
  it("say Translate's Brazilian pt and Simplified zh as pt-BR and zh-Hans, while keys and JSON keep its codes", async () => {
    const store = await publish(testSettings({ targetLanguages: ['pt', 'zh', 'pt-PT', 'zh-TW'] }));
    const tagsIn = (html: string) =>
      [...html.matchAll(/\b(?:hreflang|lang)="([^"]+)"/g)].map(([, tag]) => tag);

    const pt = textOf(store, 'pt.html');
    expect(pt).toContain('<html lang="pt-BR" dir="ltr">');
    expect(textOf(store, 'zh.html')).toContain('<html lang="zh-Hans" dir="ltr">');
    expect(textOf(store, 'zh-TW.html')).toContain('<html lang="zh-TW" dir="ltr">');
    expect(headLinks(pt).slice(2)).toEqual([
      'alternate en en.html',
      'alternate pt-BR pt.html',
      'alternate zh-Hans zh.html',
      'alternate pt-PT pt-PT.html',
      'alternate zh-TW zh-TW.html',
    ]);
    // The language switcher and the index page as well: no bare pt or zh anywhere.
    for (const name of ['pt.html', 'zh.html', 'index.html'])
      expect(
        tagsIn(textOf(store, name)).filter((tag) => tag === 'pt' || tag === 'zh'),
        name,
      ).toEqual([]);
    expect(textOf(store, 'pt.html')).toContain('"inLanguage":"pt-BR"');
    const json = JSON.parse(textOf(store, 'pt.json')) as {
      language: string;
      languages: { language: string }[];
    };
    expect(json.language).toBe('pt');
    expect(json.languages.map((link) => link.language)).toEqual(['en', 'pt', 'zh', 'pt-PT', 'zh-TW']);
  });
});
