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

async function publishedPages(settings: PipelineSettings): Promise<(name: string) => string[]> {
  const store = new MemoryArticleStore();
  store.upload(key, seed);
  const outcome = await processArticle({ key }, settings, {
    store,
    translator: new TaggingTranslator(),
    clock: fixedClock(),
    logger: silentLogger,
  });
  expect(outcome.status).toBe('published');
  return (name) => headLinks(new TextDecoder().decode(store.objects.get(`${folder}${name}`)?.body));
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
