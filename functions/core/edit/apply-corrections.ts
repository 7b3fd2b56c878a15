import { type ArticleJson, type Review, SCHEMA_VERSION, type TextSpanJson } from '../contract.js';
import { segmentKey } from '../translate/segments.js';
import { type Corrections, sentencesHolding } from './corrections-of.js';

/**
 * The language version with the corrections in: every text whose source text was corrected (in the headline,
 * caption, summary, body, quotes and roles alike) gets the editor's wording and `review: reviewed`. What is not
 * corrected stays as published (a version written before 1.2 gets its `review` fields and `source.sha256`).
 */
export function applyCorrections(
  target: ArticleJson,
  source: ArticleJson,
  corrections: Corrections,
  sourceSha256: string,
): ArticleJson {
  const texts = new Map<string, string>();
  for (const span of [
    source.headline,
    source.caption,
    ...source.body.flatMap((paragraph) => paragraph.sentences),
  ])
    if (span) texts.set(span.id, span.text);
  for (const item of source.summary) if (!texts.has(item.sentenceId)) texts.set(item.sentenceId, item.text);
  const corrected = (sourceText: string | undefined) =>
    sourceText === undefined ? undefined : corrections.translations.get(segmentKey(sourceText));
  const reviewOf = (review: Review | undefined): Review => review ?? 'machine';

  // An editor's wording is plain text: the engine's marks indexed the engine's wording, so a corrected sentence
  // has none rather than marks over the wrong words.
  const span = (published: TextSpanJson): TextSpanJson => {
    const text = corrected(texts.get(published.id));
    if (text === undefined) return { ...published, review: reviewOf(published.review) };
    const { marks: _engines, ...rest } = published;
    return { ...rest, text, review: 'reviewed' };
  };
  const body = target.body.map((paragraph) => ({ ...paragraph, sentences: paragraph.sentences.map(span) }));
  const summary = target.summary.map((item) => {
    const text = corrected(texts.get(item.sentenceId));
    if (text === undefined) return { ...item, review: reviewOf(item.review) };
    const { marks: _engines, ...rest } = item;
    return { ...rest, text, review: 'reviewed' as const };
  });
  // The version's own text and review of each sentence, now: a quote is the translation of the sentences holding it.
  const now = new Map<string, { text: string; review: Review }>();
  for (const item of [...summary, ...body.flatMap((paragraph) => paragraph.sentences)])
    now.set('sentenceId' in item ? item.sentenceId : item.id, { text: item.text, review: item.review });

  const quotes = target.facts.quotes.map((quote) => {
    const held = sentencesHolding(source, quote.start, quote.end);
    const fixes = held.filter((sentence) => corrected(sentence.text) !== undefined);
    if (fixes.length === 0) return { ...quote, review: reviewOf(quote.review) };
    const parts = held.map((sentence) => corrected(sentence.text) ?? now.get(sentence.id)?.text);
    let text: string;
    if (parts.every((part) => part !== undefined)) text = parts.join(' ');
    else {
      // A sentence not published on its own (brief scope): its translation is only inside the quote.
      text = quote.text;
      for (const sentence of fixes) {
        const before = now.get(sentence.id)?.text;
        if (before !== undefined) text = text.replace(before, corrected(sentence.text) as string);
      }
    }
    const reviewed = held.every(
      (sentence) => corrected(sentence.text) !== undefined || now.get(sentence.id)?.review === 'reviewed',
    );
    return { ...quote, text, review: reviewed ? ('reviewed' as const) : reviewOf(quote.review) };
  });
  const sourcePeople = new Map(source.facts.people.map((person) => [person.sourceName, person]));
  const people = target.facts.people.map((person) => {
    const sourceRoles = sourcePeople.get(person.sourceName)?.roles ?? [];
    const roles = person.roles.map((role, index) => corrected(sourceRoles[index]) ?? role);
    const roleReviews = person.roles.map(
      (_, index): Review =>
        corrected(sourceRoles[index]) !== undefined ? 'reviewed' : (person.roleReviews?.[index] ?? 'machine'),
    );
    return { ...person, roles, roleReviews };
  });
  return {
    ...target,
    schemaVersion: SCHEMA_VERSION,
    source: { ...target.source, sha256: sourceSha256 },
    headline: span(target.headline),
    caption: target.caption ? span(target.caption) : null,
    summary,
    facts: { ...target.facts, quotes, people },
    body,
  };
}
