import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValidOutputs, objectsUnder } from '../contract/validate.js';
import {
  apertiumLanguages,
  publishWithApertium,
  publishWithScriptServer,
  root,
  seedArticle,
} from '../html/sample-pages.js';

const executablePath = '/usr/bin/chromium';
const screenshots = join(root, 'out/screenshots');
const apertium = await apertiumLanguages();
const missing = !existsSync(executablePath)
  ? `${executablePath} is not installed (apt-get install chromium)`
  : !apertium
    ? 'apertium with eng-spa is not installed (apt-get install apertium apertium-eng-spa)'
    : undefined;
// .ci/run installs everything this test needs: in CI a missing tool is a failure, not a reason to skip.
if (missing && process.env.CI) throw new Error(`The browser test cannot run in CI: ${missing}.`);
if (missing) console.warn(`Skipping the browser test: ${missing}.`);

/** Chromium on a closed network: no background connections, whose refusals would show up as errors. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Visit {
  readonly lang: string;
  readonly dir: string;
  readonly bodyDirection: string;
  /** Horizontal centres of the first two language links, in reading order. */
  readonly navX: readonly number[];
  /** Which side the summary's rule is drawn on. */
  readonly summaryRule: 'left' | 'right' | 'none';
  readonly headline: string;
  readonly problems: readonly string[];
  readonly requests: readonly string[];
  /** Whether the language switcher, the footer and the facts box are shown when the page is printed. */
  readonly printed: { readonly nav: boolean; readonly footer: boolean; readonly facts: boolean };
}

describe.skipIf(missing !== undefined)('the seed article in headless Chromium', () => {
  let work: string;
  let browser: Browser;
  const pages = new Map<string, string>();
  const visits = new Map<string, Visit>();

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-browser-'));
    // English and Spanish from a real Apertium run; Arabic through the Translate protocol, in Arabic script.
    await Promise.all([
      publishWithApertium([seedArticle], join(work, 'apertium'), ['es']),
      publishWithScriptServer([seedArticle], join(work, 'translate'), ['ar']),
    ]);
    expectValidOutputs(await objectsUnder(join(work, 'apertium')));
    expectValidOutputs(await objectsUnder(join(work, 'translate')));
    const folder = (run: string) => join(work, run, 'published/wang-yi-moscow-visit');
    pages.set('en', join(folder('apertium'), 'en.html'));
    pages.set('es', join(folder('apertium'), 'es.html'));
    pages.set('ar', join(folder('translate'), 'ar.html'));
    // A control: the English page with an image and a script added, which its policy must block, loudly.
    const control = join(folder('apertium'), 'control.html');
    const english = await readFile(join(folder('apertium'), 'en.html'), 'utf8');
    await writeFile(
      control,
      english.replace(
        '<h1>',
        '<img src="https://example.invalid/x.png" alt=""><script>document.title = "ran"</script><h1>',
      ),
    );
    pages.set('control', control);

    await mkdir(screenshots, { recursive: true });
    browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
    const context = await browser.newContext({
      viewport: { width: 1000, height: 1200 },
      javaScriptEnabled: true,
    });
    for (const [language, path] of pages) {
      const page = await context.newPage();
      const url = pathToFileURL(path).href;
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`console ${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('requestfailed', (request) =>
        problems.push(`blocked: ${request.url()} ${request.failure()?.errorText ?? ''}`),
      );
      page.on('request', (request) => {
        if (request.url() !== url) requests.push(request.url());
      });
      await page.goto(url, { waitUntil: 'load' });
      const navX = await Promise.all(
        [0, 1].map(async (index) => {
          const box = await page.locator('body > nav a').nth(index).boundingBox();
          return box ? box.x + box.width / 2 : Number.NaN;
        }),
      );
      const facts = {
        lang: (await page.locator('html').getAttribute('lang')) ?? '',
        dir: (await page.locator('html').getAttribute('dir')) ?? '',
        headline: (await page.locator('h1').textContent()) ?? '',
        navX,
        // Evaluated in the page, as text: the test's own type check has no DOM.
        ...(await page.evaluate<{ bodyDirection: string; summaryRule: 'left' | 'right' | 'none' }>(`(() => {
          const rule = getComputedStyle(document.querySelector('.summary'));
          return {
            bodyDirection: getComputedStyle(document.body).direction,
            summaryRule: rule.borderLeftWidth === '4px' ? 'left' : rule.borderRightWidth === '4px' ? 'right' : 'none',
          };
        })()`)),
      };
      if (language !== 'control') {
        await page.screenshot({ path: join(screenshots, `seed-${language}.png`), fullPage: true });
      }
      await page.emulateMedia({ media: 'print' });
      const printed = {
        nav: await page.locator('body > nav').isVisible(),
        footer: await page.locator('body > footer').isVisible(),
        facts: await page.locator('.facts').isVisible(),
      };
      visits.set(language, { ...facts, problems, requests, printed });
      await page.close();
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await rm(work, { recursive: true, force: true });
  });

  it.each(['en', 'es', 'ar'])(
    'opens the %s page with no console errors and no requests beyond the page',
    (language) => {
      const visit = visits.get(language);
      expect(visit?.problems).toEqual([]);
      expect(visit?.requests).toEqual([]);
      expect(visit?.lang).toBe(language);
    },
  );

  it("does see what a page's policy blocks (the control page)", () => {
    const problems = visits.get('control')?.problems ?? [];
    expect(problems.some((problem) => /img-src|default-src/u.test(problem))).toBe(true);
    expect(problems.some((problem) => /script-src/u.test(problem))).toBe(true);
  });

  it('lays English and Spanish out left to right', () => {
    for (const language of ['en', 'es']) {
      const visit = visits.get(language);
      expect(visit).toMatchObject({ dir: 'ltr', bodyDirection: 'ltr', summaryRule: 'left' });
      const [first = 0, second = 0] = visit?.navX ?? [];
      expect(first).toBeLessThan(second);
    }
  });

  it('lays Arabic out right to left, in Arabic script', () => {
    const visit = visits.get('ar');
    expect(visit).toMatchObject({ dir: 'rtl', bodyDirection: 'rtl', summaryRule: 'right' });
    const [first = 0, second = 0] = visit?.navX ?? [];
    expect(first).toBeGreaterThan(second);
    // Arabic script throughout, but for the people's names, which are never translated.
    expect(visit?.headline).toContain('Putin');
    expect(visit?.headline?.replaceAll('Putin', '')).toMatch(/^[\u0600-\u06ff\s\p{P}\p{N}]+$/u);
  });

  it('prints the article and its facts without the language switcher and footer', () => {
    for (const language of ['en', 'es', 'ar']) {
      expect(visits.get(language)?.printed).toEqual({ nav: false, footer: false, facts: true });
    }
  });

  it('translates the Spanish page with Apertium', () => {
    expect(visits.get('es')?.headline).not.toBe(visits.get('en')?.headline);
    expect(visits.get('es')?.headline).toContain('Putin');
  });

  it('saves a screenshot of each page', () => {
    for (const language of ['en', 'es', 'ar']) {
      expect(existsSync(join(screenshots, `seed-${language}.png`))).toBe(true);
    }
  });
});
