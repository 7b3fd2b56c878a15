import type { ContainerJson, ParagraphJson } from '../../contract.js';
import { sentenceSeparator } from '../../locale/languages.js';
import { escapeHtml as e } from './escape.js';
import { sentenceHtml } from './inline-marks.js';

/** What the body's structures need to know while they are open. */
interface OpenContainer {
  readonly container: ContainerJson;
  /** Closing markup, written when the container closes. */
  readonly close: string;
  /** Rows written so far (tables). */
  rows: number;
  /** The last column written (rows). */
  column: number;
  /** The `<figcaption>` is open (figures). */
  captionOpen: boolean;
}

export interface BodyLabels {
  /** The link text of a picture the page does not load (see `pictureLink`). */
  readonly picture: string;
}

/**
 * A figure's picture. Pages load nothing from elsewhere (`img-src 'none'`: no reader's visit is told to the
 * picture's host, and a page reads the same offline), so the picture is a link to it, with its alt text.
 */
export function pictureLink(image: NonNullable<ContainerJson['image']>, labels: BodyLabels): string {
  const text = image.alt ? `${labels.picture}: ${image.alt}` : labels.picture;
  return `<p class="picture"><a href="${e(image.url)}" rel="nofollow noopener noreferrer">${e(text)}</a></p>`;
}

const sameIds = (a: readonly OpenContainer[], b: readonly ContainerJson[]): number => {
  let common = 0;
  while (common < a.length && common < b.length && a[common]?.container.id === b[common]?.id) common++;
  return common;
};

/** The text of a block: its sentences with their marks (and editors' corrections marked), joined as the language joins sentences. */
function blockText(paragraph: ParagraphJson, separator: string): string {
  return paragraph.sentences.map(sentenceHtml).join(separator);
}

function headingLevel(level: number | undefined): number {
  // The page's own <h1> is the headline and <h2> its sections: the article's headings start at <h2>.
  return Math.min(6, Math.max(2, level ?? 2));
}

/** Containers a block's kind implies (ids start with `_`, so they never meet a document's own). */
function implicitContainers(paragraph: ParagraphJson, index: number, listRun: number): ContainerJson[] {
  if (paragraph.kind === 'list-item')
    return [
      { id: `_l${listRun}`, kind: 'list' },
      { id: `_i${index}`, kind: 'item' },
    ];
  if (paragraph.kind === 'quote') return [{ id: `_q${index}`, kind: 'quote' }];
  return [];
}

/**
 * The article's body as HTML, its structure rebuilt from each block's containers: sub-headings, paragraphs,
 * block quotes, lists (nested, numbered or not), tables cell by cell (empty cells where a row has none), figures
 * with their captions and a link to their picture. Containers open and close as consecutive blocks' containers
 * differ, so the markup is always balanced; a container out of place (a row outside a table) adds no markup.
 */
export function renderBody(body: readonly ParagraphJson[], language: string, labels: BodyLabels): string {
  const separator = sentenceSeparator(language);
  const html: string[] = [];
  const open: OpenContainer[] = [];
  const parentKind = (): ContainerJson['kind'] | undefined => open.at(-1)?.container.kind;

  const closeOne = (): void => {
    const top = open.pop() as OpenContainer;
    if (top.container.kind === 'row') {
      const table = open.at(-1)?.container;
      const columns = table?.kind === 'table' ? (table.columns ?? 0) : 0;
      for (let column = top.column + 1; column <= columns; column++) html.push('<td></td>');
    }
    if (top.container.kind === 'figure' && top.captionOpen) html.push('</figcaption>');
    html.push(top.close);
  };

  const openOne = (container: ContainerJson): void => {
    const entry = (close: string): OpenContainer => ({
      container,
      close,
      rows: 0,
      column: 0,
      captionOpen: false,
    });
    const parent = open.at(-1);
    switch (container.kind) {
      case 'quote':
        html.push('<blockquote>');
        open.push(entry('</blockquote>'));
        return;
      case 'list': {
        const tag = container.ordered ? 'ol' : 'ul';
        html.push(`<${tag}>`);
        open.push(entry(`</${tag}>`));
        return;
      }
      case 'item':
        if (parentKind() === 'list') {
          html.push('<li>');
          open.push(entry('</li>'));
        } else {
          html.push('<ul><li>');
          open.push(entry('</li></ul>'));
        }
        return;
      case 'table':
        html.push('<div class="table"><table>');
        open.push(entry('</table></div>'));
        return;
      case 'row':
        if (parent?.container.kind === 'table') {
          parent.rows++;
          html.push('<tr>');
          open.push(entry('</tr>'));
        } else open.push(entry(''));
        return;
      case 'cell': {
        if (parent?.container.kind !== 'row') {
          open.push(entry(''));
          return;
        }
        const column = container.column ?? parent.column + 1;
        for (let gap = parent.column + 1; gap < column; gap++) html.push('<td></td>');
        parent.column = Math.max(parent.column, column);
        const tag = container.header ? 'th' : 'td';
        html.push(`<${tag}>`);
        open.push(entry(`</${tag}>`));
        return;
      }
      case 'figure':
        html.push('<figure>');
        if (container.image) html.push(pictureLink(container.image, labels));
        open.push(entry('</figure>'));
        return;
    }
  };

  let listRun = -1;
  body.forEach((paragraph, index) => {
    // A block without containers (plain text's list items, a document written before 1.5.0) is placed by its
    // kind: consecutive list items are one list, a quote its own block quote.
    if (paragraph.kind !== 'list-item' || paragraph.containers) listRun = -1;
    else if (listRun < 0) listRun = index;
    const containers = paragraph.containers ?? implicitContainers(paragraph, index, listRun);
    const common = sameIds(open, containers);
    while (open.length > common) closeOne();
    for (const container of containers.slice(common)) openOne(container);
    const id = e(paragraph.id);
    const text = blockText(paragraph, separator);
    const innermost = open.at(-1);
    const tableCaption = paragraph.kind === 'caption' && innermost?.container.kind === 'table';
    // Text straight inside a table, a row or a list (not in a cell or an item) gets one, so markup stays valid.
    const [before, after] =
      innermost?.container.kind === 'table' && !tableCaption
        ? [`<tr><td colspan="${innermost.container.columns ?? 1}">`, '</td></tr>']
        : innermost?.container.kind === 'row'
          ? ['<td>', '</td>']
          : innermost?.container.kind === 'list'
            ? ['<li>', '</li>']
            : ['', ''];
    if (innermost?.container.kind === 'table' && !tableCaption) innermost.rows++;
    html.push(before);
    if (paragraph.kind === 'heading') {
      const level = headingLevel(paragraph.level);
      html.push(`<h${level} id="${id}">${text}</h${level}>`);
    } else if (paragraph.kind === 'caption' && innermost?.container.kind === 'figure') {
      if (!innermost.captionOpen) {
        html.push('<figcaption>');
        innermost.captionOpen = true;
      }
      html.push(`<p id="${id}">${text}</p>`);
    } else if (tableCaption && innermost) {
      const columns = innermost.container.columns ?? 1;
      html.push(
        innermost.rows === 0
          ? `<caption id="${id}">${text}</caption>`
          : `<tr><td colspan="${columns}" id="${id}">${text}</td></tr>`,
      );
      innermost.rows++;
    } else if (paragraph.kind === 'caption') {
      html.push(`<p class="caption" id="${id}">${text}</p>`);
    } else {
      html.push(`<p id="${id}">${text}</p>`);
    }
    html.push(after);
  });
  while (open.length > 0) closeOne();
  return html.filter((part) => part !== '').join('\n');
}
