import { type DomElement, type DomNode, isElement, visibleText } from './dom.js';
import { CAPTION_ATTRIBUTE } from './dom-blocks.js';

/**
 * What is left of page furniture once an extractor has found the article's container: lines that are only links
 * (related stories, "Read more"), prompts (subscribe, follow us, cookie notices, advertisement labels), the
 * byline and date lines the metadata already carries, the headline again, picture captions and credits written
 * as paragraphs, and the author's biography after the text. Every rule reads what any news page is made of
 * (link share, length, words of the trade), never a site's own markup.
 */

/** Elements that hold a line of text of their own (paragraphs, list items, headings, captions...). */
const leafTags = new Set([
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'dt',
  'dd',
  'figcaption',
  'blockquote',
  'div',
]);
const headingTag = /^h[1-6]$/u;
const blockTags = new Set([
  ...leafTags,
  'table',
  'ul',
  'ol',
  'figure',
  'section',
  'article',
  'header',
  'tr',
  'td',
  'th',
]);

/** Prompts and labels of the page around an article; a line must be short to be taken for one. */
const promptPattern = new RegExp(
  [
    '\\bsubscri(?:be|ption)\\b',
    '\\bnewsletters?\\b',
    '\\bsign(?:ing)? up\\b',
    '\\bsign in\\b',
    '\\blog ?in\\b',
    '\\bregister\\b',
    '\\bfollow (?:us|\\w+(?: \\w+)?) on\\b',
    '\\b(?:on|via) (?:twitter|facebook|instagram|youtube|linkedin|tiktok)\\b',
    '\\bclick here\\b',
    '\\bdownload (?:our|the)\\b',
    '\\bget (?:the|our) .{0,30}\\bapp\\b',
    '\\bcookies?\\b',
    '\\ball rights reserved\\b',
    '\\bcopyright\\b',
    '©',
    '^advert(?:isement)?s?\\b',
    '\\bsponsored\\b',
    '^(?:related|more|see also|read more|read next|recommended|trending|watch|listen|also)\\b.{0,3}[:|]',
    '\\b(?:read|see|view) more\\b',
    '\\byou (?:may|might) (?:also )?like\\b',
    '\\bmost (?:read|popular|viewed|shared)\\b',
    '\\bshare (?:this|on|via)\\b',
    '\\baffiliate\\b',
    '\\bthis (?:post|article|page) (?:may )?contains?\\b',
    '\\b(?:tell|let) us (?:what you think|know)\\b',
    '\\bhave a (?:news )?tip\\b',
    '\\bjoin (?:our|the) .{0,40}(?:forum|community|conversation|discussion)\\b',
    '\\brequires javascript\\b',
    '\\benable javascript\\b',
    '\\bcomments?\\b.{0,20}\\b(?:closed|policy|guidelines)\\b',
    '\\b(?:additional|further) reporting by\\b',
    '\\bis (?:a|the) .{0,60}\\b(?:editor|writer|reporter|correspondent|columnist|contributor)\\b',
    '^(?:image|photo|picture) (?:caption|credit)\\b',
  ].join('|'),
  'iu',
);

/** A date, a time or their pieces: a line made of these (and the words around them) is a timestamp. */
const dateWord =
  /^(?:\d{1,4}(?:[:./-]\d{1,4}){0,2}(?:am|pm)?|[ap]\.?m\.?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|[ecmp][sd]t|gmt|utc|bst|cet|ist|\d{1,2}(?:st|nd|rd|th)|ago|hours?|minutes?|days?|on|at|of|the)$/iu;
const timestampCue = /^(?:published|posted|updated|last updated|first published|modified|created|date)\b/iu;
const bylineCue = /^(?:by|written by|words by|story by|reporting by|from)\s+\p{Lu}/u;
/** Caption and credit lines: `(Image: Getty)`, `Credit: Reuters`, `Photo: AP`, `Jane Doe/Getty Images`. */
const captionCue =
  /\((?:image|photo|picture|credit|pictured|file)s?:?\s[^)]{1,80}\)\s*$|\b(?:credit|photo(?:graph)?|image|picture)s?:\s*\S.{0,80}$|\bgetty images\b|\b(?:ap|afp|reuters|epa|pa) (?:photo|images?|wire)\b|\bcourtesy of\b|^photo (?:by|illustration)\b/iu;

const words = (text: string): number =>
  text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

/** What one walk of the tree learns about each element, so no rule has to walk a subtree again. */
interface Measure {
  /** Characters of text inside (as written, whitespace included). */
  readonly chars: number;
  /** Characters of text inside links with an address. */
  readonly linkChars: number;
  /** Has a block element inside. */
  readonly hasBlock: boolean;
  readonly hasImage: boolean;
  /** Has a letter or digit inside. */
  readonly hasWord: boolean;
  /** Sits inside a table cell, a figure or its caption. */
  readonly inCell: boolean;
  readonly inFigure: boolean;
}

interface Measured {
  readonly measures: Map<DomElement, Measure>;
  /** Elements holding a line of text of their own (no block inside), in document order. */
  readonly leaves: DomElement[];
}

/** Measures every element of `root` in one walk (children before parents), with a stack of its own. */
function measure(root: DomElement): Measured {
  const measures = new Map<DomElement, Measure>();
  const leaves: DomElement[] = [];
  type Frame = { element: DomElement; inCell: boolean; inFigure: boolean; done: boolean };
  const stack: Frame[] = [{ element: root, inCell: false, inFigure: false, done: false }];
  const order: DomElement[] = [];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { element } = frame;
    const children = element.childNodes;
    if (!frame.done) {
      frame.done = true;
      stack.push(frame);
      order.push(element);
      const tag = element.localName;
      const inCell = frame.inCell || tag === 'td' || tag === 'th';
      const inFigure = frame.inFigure || tag === 'figure' || tag === 'figcaption';
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i] as DomNode;
        if (isElement(child)) stack.push({ element: child, inCell, inFigure, done: false });
      }
      continue;
    }
    let chars = 0;
    let linkChars = 0;
    let hasBlock = false;
    let hasImage = false;
    let hasWord = false;
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as DomNode;
      if (isElement(child)) {
        const inner = measures.get(child);
        if (!inner) continue;
        chars += inner.chars;
        linkChars += inner.linkChars;
        hasBlock ||= inner.hasBlock || blockTags.has(child.localName);
        hasImage ||= inner.hasImage || child.localName === 'img';
        hasWord ||= inner.hasWord;
      } else if (child.nodeType === 3) {
        const text = child.textContent ?? '';
        chars += text.length;
        hasWord ||= /[\p{L}\p{N}]/u.test(text);
      }
    }
    if (element.localName === 'a' && element.hasAttribute('href')) linkChars = chars;
    measures.set(element, {
      chars,
      linkChars,
      hasBlock,
      hasImage,
      hasWord,
      inCell: frame.inCell,
      inFigure: frame.inFigure,
    });
  }
  for (const element of order) {
    if (element !== root && leafTags.has(element.localName) && !measures.get(element)?.hasBlock)
      leaves.push(element);
  }
  return { measures, leaves };
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function isTimestamp(text: string): boolean {
  const parts = text
    .replace(/[|,;()[\]/—–-]+/gu, ' ')
    .split(/\s+/u)
    .filter((part) => part !== '');
  if (parts.length === 0 || parts.length > 16) return false;
  const cued = timestampCue.test(text);
  const dateParts = parts.filter((part) => dateWord.test(part.replace(/[.:]$/u, ''))).length;
  const hasDigit = /\d/u.test(text);
  return hasDigit && (dateParts / parts.length >= 0.75 || (cued && dateParts / parts.length >= 0.4));
}

export interface BoilerplateContext {
  readonly headline?: string;
  /** Names of the article's authors, as the page declares them. */
  readonly authors: readonly string[];
}

/** A line naming only the authors, the way bylines do ("By Jane Doe and John Roe", "Jane Doe, AP Writer"). */
function isByline(text: string, authors: readonly string[]): boolean {
  if (words(text) > 14) return false;
  if (bylineCue.test(text) && words(text) <= 10) return true;
  const line = ` ${normalise(text)} `;
  const named = authors.map(normalise).filter((name) => name !== '' && line.includes(` ${name} `));
  if (named.length === 0) return false;
  let rest = line;
  for (const name of named) rest = rest.replace(` ${name} `, ' ');
  rest = rest.replace(
    /\b(?:by|and|with|in|the|staff|writer|reporter|correspondent|editor|news|wire|services?)\b/gu,
    ' ',
  );
  return (
    rest
      .trim()
      .split(/\s+/u)
      .filter((part) => part !== '').length <= 3
  );
}

/** A paragraph about the author rather than the story: it opens with the author's name, after the text. */
function isAuthorNote(text: string, authors: readonly string[]): boolean {
  const start = normalise(text.slice(0, 80));
  return authors.some((author) => {
    const name = normalise(author);
    const first = name.split(' ')[0] ?? '';
    return (
      name !== '' && (start.startsWith(`${name} `) || (first.length > 2 && start.startsWith(`${first} is `)))
    );
  });
}

type Verdict = 'keep' | 'drop' | 'caption';

function verdictOf(
  element: DomElement,
  text: string,
  measure: Measure,
  context: BoilerplateContext,
): Verdict {
  const count = words(text);
  if (count === 0) return /\S/u.test(text) && !measure.inCell ? 'drop' : 'keep';
  const tag = element.localName;
  const insideFigure = measure.inFigure;
  const linkShare = measure.linkChars / Math.max(1, measure.chars);
  if (context.headline && normalise(text) === normalise(context.headline) && count <= 40) return 'drop';
  if (linkShare >= 0.8 && count <= 30 && !measure.inCell) return 'drop';
  if (count <= 40 && promptPattern.test(text)) return 'drop';
  if (count <= 16 && isTimestamp(text)) return 'drop';
  if (!headingTag.test(tag) && isByline(text, context.authors)) return 'drop';
  if (!insideFigure && count <= 60 && captionCue.test(text)) return 'caption';
  if (!insideFigure && /(?:^|\s)(?:caption|credit|wp-caption-text)(?:\s|$)/u.test(element.className ?? ''))
    return 'caption';
  return 'keep';
}

/** A list of links (related stories, sections of the site): most of its items are one link each. */
function isLinkList(list: DomElement, measures: ReadonlyMap<DomElement, Measure>): boolean {
  const items = Array.from(list.children).filter((child) => child.localName === 'li');
  if (items.length === 0) return false;
  const linked = items.filter((item) => {
    const measure = measures.get(item);
    return !measure || measure.chars === 0 || measure.linkChars / measure.chars >= 0.6;
  });
  return linked.length / items.length >= 0.6;
}

/**
 * A heading left with nothing under it (its section was page furniture), or one the page ends on, is furniture
 * too ("Related stories", "You may also like"). Read from the end: `content[level]` says whether some text
 * follows before the next heading of that level or above.
 */
function removeEmptySections(root: DomElement): void {
  const { measures, leaves } = measure(root);
  const blocks = leaves.filter(
    (element) => (measures.get(element)?.chars ?? 0) > 0 && visibleText(element) !== '',
  );
  const content = new Array<boolean>(7).fill(false);
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i] as DomElement;
    if (!headingTag.test(block.localName)) {
      content.fill(true);
      continue;
    }
    const level = Number(block.localName.slice(1));
    if (!content[level]) block.remove();
    else for (let below = level; below <= 6; below++) content[below] = false;
  }
}

/** Shingles of four words, as the extraction benchmark counts text. */
function shingles(text: string): string[] {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out: string[] = [];
  for (let i = 0; i + 4 <= tokens.length; i++) out.push(tokens.slice(i, i + 4).join(' '));
  return out;
}

/**
 * When the page gives its own text of the article (JSON-LD `articleBody`) and that text is the article the
 * extractor found (most of the found text is in it), a paragraph with almost none of its words in it is not
 * the article's.
 */
function removeOutsideDeclaredBody(root: DomElement, articleBody: string): void {
  const declared = new Set(shingles(articleBody));
  if (declared.size < 40) return;
  const blocks = measure(root).leaves.filter((element) => !headingTag.test(element.localName));
  const measured = blocks.map((element) => {
    const own = shingles(visibleText(element));
    return { element, own, found: own.filter((shingle) => declared.has(shingle)).length };
  });
  const total = measured.reduce((sum, item) => sum + item.own.length, 0);
  const found = measured.reduce((sum, item) => sum + item.found, 0);
  if (total === 0 || found / total < 0.6) return;
  for (const item of measured) {
    if (item.own.length >= 4 && item.found / item.own.length < 0.2) item.element.remove();
  }
}

/**
 * Removes page furniture from an extracted article in place, and marks captions written as paragraphs
 * (`CAPTION_ATTRIBUTE`) so they are read as figures, not as the article's text.
 */
/**
 * A prompt that is only a link at the edge of the story's own text ("… said Ana Ruiz. Read more"): the link goes,
 * the text stays. A block that is little more than the prompt is left to `verdictOf`, which drops it whole.
 */
function removePromptLinks(root: DomElement): void {
  for (const link of Array.from(root.querySelectorAll('a'))) {
    const text = visibleText(link);
    const count = words(text);
    if (count === 0 || count > 6 || !promptPattern.test(text)) continue;
    const block = link.closest('p, li, dd, td, th, blockquote, figcaption') ?? link.parentElement;
    if (block && words(visibleText(block)) - count >= 8) link.remove();
  }
}

export function removeBoilerplate(
  root: DomElement,
  context: BoilerplateContext & { readonly articleBody?: string },
): void {
  removePromptLinks(root);
  const { measures, leaves } = measure(root);
  const removed = new Set<DomElement>();
  for (const list of measures.keys()) {
    if ((list.localName === 'ul' || list.localName === 'ol') && isLinkList(list, measures)) {
      list.remove();
      removed.add(list);
    }
  }
  const isRemoved = (element: DomElement): boolean => {
    for (let at: DomElement | null = element; at && at !== root; at = at.parentElement)
      if (removed.has(at)) return true;
    return false;
  };
  const kept: { element: DomElement; text: string }[] = [];
  for (const element of leaves) {
    if (isRemoved(element)) continue;
    const text = visibleText(element);
    const verdict = verdictOf(element, text, measures.get(element) as Measure, context);
    if (verdict === 'drop') {
      element.remove();
      removed.add(element);
    } else {
      if (verdict === 'caption')
        (element as DomElement & SettableAttributes).setAttribute(CAPTION_ATTRIBUTE, '');
      if (words(text) > 0) kept.push({ element, text });
    }
  }
  for (const { element, text } of kept.slice(-3)) {
    if (isAuthorNote(text, context.authors)) element.remove();
  }
  if (context.articleBody) removeOutsideDeclaredBody(root, context.articleBody);
  removeEmptySections(root);
  removeEmptyContainers(root);
}

interface SettableAttributes {
  setAttribute(name: string, value: string): void;
}

/** Lists, quotes and figures emptied by the removals above. */
function removeEmptyContainers(root: DomElement): void {
  const { measures } = measure(root);
  for (const [element, measure] of measures) {
    if (!/^(?:ul|ol|blockquote|figure)$/u.test(element.localName) || measure.hasImage) continue;
    if (!measure.hasWord) element.remove();
  }
}
