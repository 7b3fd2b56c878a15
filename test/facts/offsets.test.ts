import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../functions/core/document.js';
import { extractFacts, summarize } from '../../functions/core/facts/index.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';
import { sampleDocument, sampleUrl } from './helpers.js';

const samples = readdirSync(sampleUrl('.')).filter((name) => /\.(txt|md|html)$/u.test(name));

function assertOffsets(document: SourceDocument): void {
  const facts = extractFacts(document, { referenceDate: '2024-01-01' });
  const { text } = document;
  const entitySpans = [
    ...facts.people.flatMap((p) => p.mentions),
    ...facts.organisations.flatMap((o) => o.mentions),
    ...facts.places.flatMap((p) => p.mentions),
  ];
  for (const span of entitySpans) {
    const surface = text.slice(span.start, span.end);
    expect(surface.length).toBeGreaterThan(0);
    expect(surface).toBe(surface.trim());
    expect(surface).toMatch(/^[\p{Lu}\p{N}]/u);
  }
  for (const person of facts.people) {
    for (const span of person.mentions) {
      // A person's mention is their name or part of it, never a title.
      for (const word of text.slice(span.start, span.end).split(/\s+/u))
        expect(person.name.split(' ')).toContain(word);
    }
  }
  for (const item of [...facts.dates, ...facts.quotes, ...facts.figures]) {
    expect(text.slice(item.start, item.end)).toBe(item.text);
  }
  // Summary sentences read as the sentence does: the span's text with whitespace runs collapsed.
  for (const item of summarize(document, facts)) {
    expect(text.slice(item.start, item.end).replace(/\s+/gu, ' ')).toBe(item.text);
  }
}

describe('extractFacts offsets', () => {
  it.each(samples)('index the text exactly in %s', (name) => {
    assertOffsets(sampleDocument(name));
  });

  it('count UTF-16 code units, so text before a name may hold emoji and accents', () => {
    const document = parseArticle(
      'Visit 😀 report\n\nThe café owner 😀 met Angela Merkel in Paris on Monday.\n',
      'text',
    );
    const facts = extractFacts(document, { referenceDate: '2024-01-01' });
    const paris = facts.places.find((p) => p.name === 'Paris');
    const merkel = facts.people.find((p) => p.name === 'Angela Merkel');
    expect(paris?.mentions.map((m) => document.text.slice(m.start, m.end))).toEqual(['Paris']);
    expect(merkel?.mentions.map((m) => document.text.slice(m.start, m.end))).toEqual(['Angela Merkel']);
    assertOffsets(document);
  });
});
