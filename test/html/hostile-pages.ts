import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processArticle } from '../../functions/core/pipeline.js';
import type { TranslationRequest, TranslationResult, Translator } from '../../functions/core/ports.js';
import { expectValidOutputs } from '../contract/validate.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, testSettings } from '../doubles/pipeline-fixture.js';
import { hostileArticles } from './sample-pages.js';

/** What a compromised or confused translation engine might answer with, besides the translation. */
export const hostilePayloads: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '"><svg onload=alert(3)>',
  "' onmouseover='alert(4)",
  '<a href="javascript:alert(5)">x</a>',
  'javascript:alert(6)',
  '&lt;script&gt;alert(7)&lt;/script&gt;',
  '&amp &#0; &#xD800; &notanentity; &',
  '</style><style>*{background:url(https://evil.example/)}</style>',
  '</script><script>alert(8)</script>',
  '<!-- --> <![CDATA[ ]]>',
  '\u2028\u2029\u0000\u0001\u007f\u0085\ufffe\ud800',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(9)">',
];

/** A translator whose every answer carries markup, entities and forbidden characters around the text. */
export class HostileTranslator implements Translator {
  readonly engine = 'hostile';

  settingsFor(): string {
    return '';
  }

  async translate(request: TranslationRequest): Promise<TranslationResult> {
    return {
      translations: request.segments.map(
        (segment, index) =>
          `${hostilePayloads[index % hostilePayloads.length]} ${segment} ${hostilePayloads[(index + 7) % hostilePayloads.length]}`,
      ),
      usage: { characters: request.segments.join('\n').length, requests: 1, retries: 0 },
    };
  }
}

/**
 * Publishes every article of `samples/hostile/` (script tags, event handlers, `javascript:` URLs, broken entities,
 * control characters) in English, Spanish and Arabic through a hostile translator. Returns every page written,
 * by key, after checking the outputs against the contract.
 */
export async function buildHostilePages(): Promise<Map<string, string>> {
  const store = new MemoryArticleStore();
  const settings = testSettings({ targetLanguages: ['es', 'ar'] });
  const translator = new HostileTranslator();
  for (const name of readdirSync(hostileArticles).sort()) {
    const key = `incoming/${name}`;
    store.upload(key, readFileSync(join(hostileArticles, name)));
    const outcome = await processArticle({ key }, settings, {
      store,
      translator,
      clock: fixedClock(),
      logger: silentLogger,
    });
    if (outcome.status !== 'published') throw new Error(`${name} was not published: ${outcome.status}`);
  }
  expectValidOutputs(store.current());
  return new Map(
    store
      .keys('published/')
      .filter((key) => key.endsWith('.html'))
      .map((key) => [key, store.text(key)]),
  );
}
