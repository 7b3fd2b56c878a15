import { describe, expect, it } from 'vitest';
import { extractDates } from '../../functions/core/facts/dates.js';
import { extractFacts } from '../../functions/core/facts/index.js';
import { article } from './helpers.js';

const datesOf = (text: string, reference?: string) =>
  extractDates(text, [{ start: 0, end: text.length }], reference).map(({ text: surface, iso }) => [
    surface,
    iso,
  ]);

describe('extractDates', () => {
  it('resolves relative dates against the reference day', () => {
    expect(
      datesOf('The vote is next month, the budget was cut last year and talks end this week.', '2023-09-22'),
    ).toEqual([
      ['next month', '2023-10'],
      ['last year', '2022'],
      ['this week', '2023-W38'],
    ]);
  });

  it('reads absolute dates at the precision written', () => {
    expect(
      datesOf('Signed on 22nd September 2023, due by March 2024, reviewed on September 30, 2023.'),
    ).toEqual([
      ['22nd September 2023', '2023-09-22'],
      ['March 2024', '2024-03'],
      ['September 30, 2023', '2023-09-30'],
    ]);
  });

  it('takes a past weekday in past-tense copy and the next one in future-tense copy', () => {
    // 2023-09-22 is a Friday.
    expect(datesOf('The minister resigned on Monday.', '2023-09-22')).toEqual([['Monday', '2023-09-18']]);
    expect(datesOf('The minister will resign on Monday.', '2023-09-22')).toEqual([['Monday', '2023-09-25']]);
    expect(datesOf('Talks began yesterday and resume tomorrow.', '2023-09-22')).toEqual([
      ['yesterday', '2023-09-21'],
      ['tomorrow', '2023-09-23'],
    ]);
  });

  it('leaves relative dates out when there is nothing to count from', () => {
    expect(datesOf('The vote is next month, in 2024.')).toEqual([['2024', '2024']]);
  });

  it('does not take the verb "may" or a number of people for a date', () => {
    expect(datesOf('Prices may rise, and 2000 people protested.', '2023-09-22')).toEqual([]);
  });
});

describe('extractFacts: dates', () => {
  it('counts from the dateline, and from referenceDate when there is none', () => {
    const dated = article('22nd September 2023 – (Moscow) The summit is set for next month.');
    expect(extractFacts(dated, { referenceDate: '2030-01-01' }).dates).toContainEqual(
      expect.objectContaining({ text: 'next month', iso: '2023-10' }),
    );
    const undated = article('The summit is set for next month.');
    expect(extractFacts(undated, { referenceDate: '2024-12-05' }).dates).toContainEqual(
      expect.objectContaining({ text: 'next month', iso: '2025-01' }),
    );
  });
});
