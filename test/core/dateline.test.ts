import { describe, expect, it } from 'vitest';
import { matchDateline } from '../../functions/core/read/formats/dateline.js';

describe('matchDateline', () => {
  it.each([
    [
      '22nd September 2023 – (Moscow) Chinese experts',
      '2023-09-22',
      'Moscow',
      '22nd September 2023 – (Moscow)',
    ],
    ['September 22, 2023 – (New York) Talks', '2023-09-22', 'New York', 'September 22, 2023 – (New York)'],
    [
      'MOSCOW, Sept. 22, 2023 (Reuters) - The Kremlin',
      '2023-09-22',
      'Moscow',
      'MOSCOW, Sept. 22, 2023 (Reuters)',
    ],
    ['LONDON — Officials said', undefined, 'London', 'LONDON'],
    ['Halifax, 4 March 2024 – The ferry', '2024-03-04', 'Halifax', 'Halifax, 4 March 2024'],
    ['3 March 2024, Paris – Talks began', '2024-03-03', 'Paris', '3 March 2024, Paris'],
  ])('reads %j', (paragraph, date, place, surface) => {
    const match = matchDateline(paragraph);
    if (surface === undefined) {
      expect(match?.date ?? match?.place).toBeUndefined();
      return;
    }
    expect(match?.date).toBe(date);
    expect(match?.place).toBe(place);
    expect(paragraph.slice(0, match?.textLength)).toBe(surface);
  });

  it('does not take an ordinary opening for a dateline', () => {
    expect(matchDateline('The US said on Monday that talks would resume.')).toBeUndefined();
    expect(matchDateline('NATO said on Monday that talks would resume.')).toBeUndefined();
  });

  it('rejects impossible dates', () => {
    expect(matchDateline('31st February 2023 – (Oslo) Something')).toBeUndefined();
  });
});
