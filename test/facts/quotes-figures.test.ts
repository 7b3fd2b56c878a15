import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../functions/core/facts/index.js';
import { article } from './helpers.js';

describe('extractFacts: quotes', () => {
  it('attributes a direct quote to the named speaker', () => {
    const facts = extractFacts(
      article(
        '"Riders have been patient, and we are glad to have the boat back," said Maria Chen, the transit director.',
      ),
    );
    expect(facts.quotes).toContainEqual(
      expect.objectContaining({
        text: 'Riders have been patient, and we are glad to have the boat back',
        speaker: 'Maria Chen',
      }),
    );
  });

  it('finds reported speech after a reporting verb, and a pronoun speaker from the sentence before', () => {
    const facts = extractFacts(
      article(
        'Finance Minister Sarah Olsen presented the budget on Tuesday. She explained that taxes would not rise this year. Olsen stated that spending on schools would grow.',
      ),
    );
    expect(facts.quotes.map((q) => [q.speaker, q.text])).toEqual([
      ['Sarah Olsen', 'taxes would not rise this year'],
      ['Sarah Olsen', 'spending on schools would grow'],
    ]);
  });

  it('keeps a quote of several sentences whole and attributes it', () => {
    const facts = extractFacts(
      article(
        'Alan Greenspan spoke to Congress. "I fear that we may have committed too much. Those changes should be made sooner rather than later," Mr Greenspan said.',
      ),
    );
    expect(facts.quotes).toEqual([
      expect.objectContaining({
        text: 'I fear that we may have committed too much. Those changes should be made sooner rather than later',
        speaker: 'Alan Greenspan',
      }),
    ]);
  });

  it('attributes a statement given "according to" someone', () => {
    const facts = extractFacts(article('The economy grew faster than expected, according to Janet Yellen.'));
    expect(facts.quotes).toEqual([
      expect.objectContaining({ text: 'The economy grew faster than expected', speaker: 'Janet Yellen' }),
    ]);
  });
});

describe('extractFacts: quotes after "told"', () => {
  it('starts the statement after "that", not at the person told', () => {
    const facts = extractFacts(
      article('Council leader Ruth Evans told BBC News Online that ballot papers were sent out late.'),
    );
    expect(facts.quotes.map((q) => [q.speaker, q.text])).toEqual([
      ['Ruth Evans', 'ballot papers were sent out late'],
    ]);
  });
});

describe('extractFacts: figures', () => {
  it('reads money, percentages and counted quantities with their units', () => {
    const facts = extractFacts(
      article(
        'The deal is worth $10.9bn, profits rose 5 per cent and 2,500 people will be hired for a four-day event.',
      ),
    );
    expect(facts.figures.map(({ text, value, unit }) => ({ text, value, unit }))).toEqual([
      { text: '$10.9bn', value: 10.9e9, unit: 'USD' },
      { text: '5 per cent', value: 5, unit: 'percent' },
      { text: '2,500 people', value: 2500, unit: 'people' },
      { text: 'four-day', value: 4, unit: 'days' },
    ]);
  });

  it('does not read minutes as millions or a clock time as a figure, and names what a number counts', () => {
    const facts = extractFacts(
      article('Boats run every 30 minutes from 6 a.m., stopping at 38 sites along the river.'),
    );
    expect(facts.figures.map(({ text, value, unit }) => ({ text, value, unit }))).toEqual([
      { text: '30 minutes', value: 30, unit: 'minutes' },
      { text: '38 sites', value: 38, unit: 'sites' },
    ]);
  });
});

describe('extractFacts: quotes by kind', () => {
  const quotesOf = (body: string) =>
    extractFacts(article(body)).quotes.map((quote) => [quote.kind, quote.speaker, quote.text]);

  it('goes on with the speaker of a direct quote in the next sentence that is only a quotation', () => {
    expect(
      quotesOf(
        '"The roof leaks in every classroom," said head teacher Anna Kerr. "We have asked for repairs for years."',
      ),
    ).toEqual([
      ['direct', 'Anna Kerr', 'The roof leaks in every classroom'],
      ['direct', 'Anna Kerr', 'We have asked for repairs for years'],
    ]);
  });

  it('finds the source named after role words in "according to"', () => {
    expect(quotesOf('According to fire chief Gavin Shaw, the blaze started in the kitchen.')).toEqual([
      ['reported', 'Gavin Shaw', 'the blaze started in the kitchen'],
    ]);
  });

  it('reads "…, X said." as reported speech, and a verb that attributes a quotation as no speech of its own', () => {
    expect(quotesOf('Turnout was the highest since 1992, election officer Nadia Frost said.')).toEqual([
      ['reported', 'Nadia Frost', 'Turnout was the highest since 1992'],
    ]);
    expect(quotesOf('"The count went smoothly," Nadia Frost said on Friday evening.')).toEqual([
      ['direct', 'Nadia Frost', 'The count went smoothly'],
    ]);
  });

  it('finds the speaker set off by commas before the verb', () => {
    expect(quotesOf('The head of the agency, Paul Renard, insisted that the data were sound.')).toEqual([
      ['reported', 'Paul Renard', 'the data were sound'],
    ]);
  });
});
