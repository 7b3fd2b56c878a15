import { describe, expect, it } from 'vitest';
import {
  CATALAN_DATES,
  dateOrder,
  GALICIAN_DATES,
  joinDates,
  SPANISH_DATES,
} from '../../functions/adapters/apertium-dates.js';

describe('dateOrder', () => {
  it('puts one-day dates in the order a pair reads, with or without a year', () => {
    expect(dateOrder('on July 4, on September 17, 1939 and on May 2nd', 'day-month')).toBe(
      'on 4 July, on 17 September 1939 and on 2 May',
    );
    expect(dateOrder('on 4 July, on 17 September 1939 and on 2nd May', 'month-day')).toBe(
      'on July 4, on September 17, 1939 and on May 2',
    );
  });

  it('leaves ranges, months alone and numbers that are not days as they are', () => {
    const text =
      'From July 4-6, May 2 and 3, in June 2010, in May 45 people, on March 3.5 and in 4th-century July.';
    expect(dateOrder(text, 'day-month')).toBe(text);
  });
});

describe('joinDates', () => {
  it('writes a day left beside its month as the language writes a date', () => {
    const source = 'By 17 September 1939, since 3 March, on 6 July, on 1 April.';
    expect(joinDates('Por 17 septiembre 1939, desde entonces 3 Marcha', source, SPANISH_DATES)).toBe(
      'Por 17 de septiembre de 1939, desde entonces 3 de marzo',
    );
    expect(
      joinDates('Des de 3 Desfilar, en 6 juliol, en 1 abril, el 9 de marzo', source, CATALAN_DATES),
    ).toBe("Des de 3 de març, el 6 de juliol, l'1 d'abril, el 9 de marzo");
    expect(joinDates('En 6 xullo e por 17 setembro 1939', source, GALICIAN_DATES)).toBe(
      'O 6 de xullo e por 17 de setembro de 1939',
    );
  });

  it('touches only the days of the source dates', () => {
    expect(joinDates('Hay 3 marcha y 6 julio', 'There are 3 marches on 6 July.', SPANISH_DATES)).toBe(
      'Hay 3 marcha y 6 de julio',
    );
  });
});
