import type { SourceDocument, Span } from '../document.js';
import { allSentences } from '../document.js';
import { boundedSpans } from './bounds.js';
import { type Checkpoint, perSentence } from './checkpoint.js';
import { extractDates } from './dates.js';
import { buildEntities } from './entities/index.js';
import { extractFigures } from './figures.js';
import { type EntityMention, recogniseEntities } from './ner/recognise.js';
import { extractQuotes, type SpeakerMention } from './quotes.js';
import { summarizeSentences } from './summary.js';
import type { Facts, SummarySentence } from './types.js';

export type { Checkpoint } from './checkpoint.js';
export type { Facts, SummarySentence } from './types.js';

export interface ExtractOptions {
  /** ISO date the article's relative dates count from when it has no dated dateline (e.g. the file's time). */
  readonly referenceDate?: string;
  /**
   * Called every `sentencesPerCheckpoint` sentences of each extractor and between them; it may throw to stop
   * the extraction (the pipeline's analysis time budget), which then throws what it threw.
   */
  readonly checkpoint?: Checkpoint;
}

/** Every part of the article that carries text facts can come from: headline, caption, dateline, body. */
function segments(document: SourceDocument, body: readonly Span[]): Span[] {
  const spans: Span[] = [...body];
  for (const extra of [document.headline, document.caption, document.dateline]) {
    if (!extra) continue;
    if (body.some((sentence) => sentence.start < extra.end && extra.start < sentence.end)) continue;
    spans.push({ start: extra.start, end: extra.end });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The place a dateline names (`Halifax, 4 March 2024 –`) is a place, whatever the tagger made of it. */
function withDatelinePlace(
  document: SourceDocument,
  mentions: readonly EntityMention[],
): readonly EntityMention[] {
  const dateline = document.dateline;
  const place = dateline?.place?.toLowerCase();
  if (!dateline || !place) return mentions;
  // The dateline's place is title-cased (`MOSCOW` → `Moscow`); the mention is as written.
  return mentions.map((item) =>
    item.start >= dateline.start &&
    item.end <= dateline.end &&
    item.text.toLowerCase() === place &&
    item.type !== 'LOC'
      ? { ...item, type: 'LOC' }
      : item,
  );
}

/**
 * Key facts of an article: people, organisations, places, dates, quotes and figures, each with the exact spans
 * where the article mentions them. Pure, synchronous and deterministic; the gazetteers load on first use.
 */
export function extractFacts(document: SourceDocument, options: ExtractOptions = {}): Facts {
  const { text } = document;
  const checkpoint = options.checkpoint ?? (() => {});
  const tick = perSentence(options.checkpoint);
  // Every extractor sees bounded windows: an over-long "sentence" (a table, a run of symbols) costs its length.
  const body = allSentences(document);
  const spans = boundedSpans(text, segments(document, body));
  const recognised = recogniseEntities(text, spans, { tick });
  const mentions = withDatelinePlace(document, recognised.mentions);
  checkpoint();
  const { people, organisations, places } = buildEntities(text, mentions, recognised.tokens);
  checkpoint();
  const referenceDate = document.dateline?.date ?? options.referenceDate;
  const dates = extractDates(text, spans, referenceDate, tick);
  const figures = extractFigures(text, spans, dates, tick);
  const speakers: SpeakerMention[] = [
    ...people.flatMap((person) => person.mentions.map((m) => ({ ...m, name: person.name, person: true }))),
    ...organisations.flatMap((org) => org.mentions.map((m) => ({ ...m, name: org.name, person: false }))),
  ].sort((a, b) => a.start - b.start);
  const quotes = extractQuotes(text, boundedSpans(text, body), speakers, document.paragraphs, tick);
  return { people, organisations, places, dates, quotes, figures };
}

/** 3–5 body sentences (fewer only for shorter articles) chosen for content, in source order. */
export function summarize(document: SourceDocument, facts?: Facts): SummarySentence[] {
  return summarizeSentences(document, facts);
}
