import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DomElement, type DomNode, parseDocument } from '../../functions/core/read/html/dom.js';
import { elementsWithTag, extractArticle } from '../../functions/core/read/html/extract-article.js';

const sample = readFileSync(
  new URL('../../samples/articles/harbour-levy-vote.html', import.meta.url),
  'utf8',
);

/** The prototype that holds linkedom's `querySelectorAll`, to count the calls. */
function selectorOwner(element: DomElement): { querySelectorAll: (selector: string) => unknown } {
  let owner: object | null = element;
  while (owner && !Object.hasOwn(owner, 'querySelectorAll')) owner = Object.getPrototypeOf(owner);
  return owner as { querySelectorAll: (selector: string) => unknown };
}

const names = (elements: ArrayLike<DomNode>) => Array.from(elements, (element) => element.nodeName);

describe('elementsWithTag', () => {
  it('finds the elements querySelectorAll finds with the same tag names, in the same order', () => {
    const hostile =
      '<div><p>a<b>b<i>c</i></b></p><template><p>hidden</p></template><svg><g><p>x</p></g></svg>' +
      '<ul><li><p>d</p><ol><li>e</li></ol></li></ul><P>f</P><table><tr><td><p>g</p></td></tr></table></div>';
    for (const source of [sample, hostile]) {
      const document = parseDocument(source);
      const roots: DomNode[] = [
        document,
        document.body as DomElement,
        ...Array.from(document.querySelectorAll('div, ul, li')),
      ];
      for (const root of roots) {
        for (const tags of [
          ['p'],
          ['h1', 'h2'],
          ['li', 'ol', 'ul'],
          ['img', 'picture', 'figure'],
          ['template', 'td'],
        ]) {
          const expected = (root as DomElement).querySelectorAll(tags.join(','));
          const found = elementsWithTag(root, tags);
          expect(names(found)).toEqual(names(expected));
          expect(found.every((element, i) => element === expected[i])).toBe(true);
        }
      }
    }
  });
});

describe('extractArticle', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('does not query selectors once per element of the page', () => {
    const body = Array.from(
      { length: 400 },
      (_, i) => `<p><b><i>Word ${i}</i></b> and more words follow here.</p>`,
    );
    const document = parseDocument(`<h1>Headline</h1>${body.join('')}`);
    const owner = selectorOwner(document.body as DomElement);
    const spy = vi.spyOn(owner, 'querySelectorAll');
    expect(extractArticle(document)?.text).toContain('Word 399 and more words');
    // Readability used to look up by selector per paragraph, per attempt: thousands of calls here.
    expect(spy.mock.calls.length).toBeLessThan(50);
  });

  it("keeps the longest of the extractor's attempts on a page shorter than its threshold", () => {
    // The first attempt strips the "comment"-classed block as unlikely content; the page has little text, so the
    // later attempts run and the one that keeps it wins, as before the threshold followed the page's length.
    const document = parseDocument(
      '<h1>Headline</h1><div><p>Short lead of the story.</p></div>' +
        '<div class="comment"><p>The council voted on Tuesday to approve the harbour plan after a long debate.</p>' +
        '<p>Work starts in May and ends next year, the mayor said.</p></div>',
    );
    const text = extractArticle(document)?.text ?? '';
    expect(text).toContain('The council voted on Tuesday');
  });
});
