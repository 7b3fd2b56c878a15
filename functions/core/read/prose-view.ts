import type { BlockKind, SourceDocument } from '../document.js';
import { extractFacts, summarize } from '../facts/index.js';
import type { Facts, SummarySentence } from '../facts/types.js';
import { calendarDate } from './metadata-values.js';

/** Blocks whose sentences are read for facts: everything but table cells, which are data, not sentences. */
const factKinds = new Set<BlockKind>(['paragraph', 'heading', 'quote', 'list-item', 'caption']);
/** Blocks a summary may quote: the running text, never a caption or a cell. */
const summaryKinds = new Set<BlockKind>(['paragraph', 'heading', 'quote', 'list-item']);

function only(document: SourceDocument, kinds: ReadonlySet<BlockKind>): SourceDocument {
  const paragraphs = document.paragraphs.filter((paragraph) => kinds.has(paragraph.kind));
  return paragraphs.length === document.paragraphs.length ? document : { ...document, paragraphs };
}

/**
 * The article as the facts read it: a table's cells are not running prose ("Change" in a column of party
 * names is not a person), so they are left out; every offset still indexes the same text.
 */
export function factsView(document: SourceDocument): SourceDocument {
  return only(document, factKinds);
}

/** The article as the summary reads it: no table cells and no captions of figures. */
export function summaryView(document: SourceDocument): SourceDocument {
  return only(document, summaryKinds);
}

/**
 * The day relative dates ("on Friday") count from when the article has no dated dateline (whose date comes
 * first, in extractFacts): the publication date its source declares, else `fallback` (the upload's time).
 */
export function referenceDate(document: SourceDocument, fallback: string | undefined): string | undefined {
  const declared = document.metadata?.datePublished;
  return declared ? calendarDate(declared) : fallback;
}

/**
 * The article's facts, from what they read (`factsView`), relative dates counted from `referenceDate`;
 * `checkpoint` is called every few dozen sentences (the analysis budget).
 */
export function articleFacts(
  document: SourceDocument,
  fallbackReferenceDate?: string,
  checkpoint?: () => void,
): Facts {
  const reference = referenceDate(document, fallbackReferenceDate);
  return extractFacts(factsView(document), {
    ...(reference === undefined ? {} : { referenceDate: reference }),
    ...(checkpoint === undefined ? {} : { checkpoint }),
  });
}

/** The article's summary, from the running text (`summaryView`). */
export function articleSummary(document: SourceDocument, facts: Facts): SummarySentence[] {
  return summarize(summaryView(document), facts);
}
