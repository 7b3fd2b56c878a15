/**
 * Dates through Apertium. Each pair's transfer rules read one English order: eng-spa and eng-cat make "el 4 de
 * julio" of "on 4 July" but "encima julio 4" of "on July 4"; en-eo makes "la 4an de julio" of "on July 4" but "sur
 * 4 julio" of "on 4 July"; en-gl reads neither. So the source's dates are put in the order the pair reads
 * (`dateOrder`), and where a pair still leaves a day and a month side by side ("17 septiembre 1939", "en 6
 * xullo", "3 Marcha" with March read as the verb), the date is written as the language writes it
 * (`joinDates`): "17 de septiembre de 1939", "o 6 de xullo", "3 de marzo".
 */

/** A language's month names, January first, as ICU writes them standing alone ("July", "julio", "xullo"). */
function monthNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, month) => format.format(Date.UTC(2000, month, 1)));
}

const MONTHS = monthNames('en');
const MONTH = MONTHS.join('|');
const DAY = '(?:[1-9]|[12]\\d|3[01])';
/** What may not follow a day for the date to be one day (`July 4-6`, `May 2 and 3`, `4.5`, `4th-century`). */
const NOT_ONE_DAY = '(?![\\p{L}\\p{N}]|[-–.,:/]\\p{N}|\\s+(?:and|or|to|through)\\s+\\p{N}|-)';
/** `July 4`, `July 4th`, `September 17, 1939`. */
const MONTH_DAY = new RegExp(
  `\\b(${MONTH}) (${DAY})(?:st|nd|rd|th)?${NOT_ONE_DAY}(?:,? (\\d{4})(?![\\p{L}\\p{N}]))?`,
  'gu',
);
/** `4 July`, `4th July`, `17 September 1939`. */
const DAY_MONTH = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(${DAY})(?:st|nd|rd|th)? (${MONTH})\\b(?:,? (\\d{4})(?![\\p{L}\\p{N}]))?`,
  'gu',
);

export type DateOrder = 'day-month' | 'month-day';

/** `text` with its dates in `order`. */
export function dateOrder(text: string, order: DateOrder): string {
  if (order === 'day-month') {
    return text.replace(MONTH_DAY, (_, month: string, day: string, year?: string) =>
      year ? `${day} ${month} ${year}` : `${day} ${month}`,
    );
  }
  return text.replace(DAY_MONTH, (_, day: string, month: string, year?: string) =>
    year ? `${month} ${day}, ${year}` : `${month} ${day}`,
  );
}

export interface DateStyle {
  /** The language's month names, January first (ICU's). */
  readonly months: readonly string[];
  /**
   * Other words the pair makes of an English month in a date: "Marcha", "Desfilar" (March read as a noun or a verb),
   * Catalan "marzo" (eng-cat generates the Spanish word in "9 de marzo de 2010").
   */
  readonly misread: Readonly<Record<string, number>>;
  /** The preposition before a date as the pair writes "on" ("en") and as the language does ("el", "o"). */
  readonly on?: { readonly from: string; readonly to: string };
  /** Catalan: "d'agost", and "l'1" for "el 1". */
  readonly elide: boolean;
}

export const SPANISH_DATES: DateStyle = {
  months: monthNames('es'),
  misread: { marcha: 2 },
  elide: false,
};
export const CATALAN_DATES: DateStyle = {
  months: monthNames('ca'),
  misread: { desfilar: 2, marzo: 2, poder: 4 },
  on: { from: 'en', to: 'el' },
  elide: true,
};
export const GALICIAN_DATES: DateStyle = {
  months: monthNames('gl'),
  misread: {},
  on: { from: 'en', to: 'o' },
  elide: false,
};

/** The days of the source's dates: only those are rewritten in the translation. */
function daysOf(source: string): Set<string> {
  const days = new Set<string>();
  for (const match of source.matchAll(MONTH_DAY)) days.add(match[2] as string);
  for (const match of source.matchAll(DAY_MONTH)) days.add(match[1] as string);
  return days;
}

/** A style's month words (its names and the pair's misreadings) and the pattern of a day beside one. */
interface DatePattern {
  readonly words: ReadonlyMap<string, number>;
  readonly pattern: RegExp;
}

const patterns = new WeakMap<DateStyle, DatePattern>();

function datePattern(style: DateStyle): DatePattern {
  const known = patterns.get(style);
  if (known) return known;
  const words = new Map<string, number>();
  style.months.forEach((month, index) => {
    words.set(month, index);
  });
  for (const [word, index] of Object.entries(style.misread)) words.set(word, index);
  const names = [...words.keys()].join('|');
  const prepositions = style.on ? `(?:(${style.on.from}) )?` : '()';
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])${prepositions}(${DAY}) (?:de |d')?(${names})(?![\\p{L}])(?: (\\d{4})(?![\\p{L}\\p{N}]))?`,
    'giu',
  );
  const made = { words, pattern };
  patterns.set(style, made);
  return made;
}

/**
 * What writes each day the dates of `source` still leave beside its month in a translation as a date: the source
 * is read once, for all the pieces of text of its translation.
 */
export function dateJoiner(source: string, style: DateStyle): (text: string) => string {
  const days = daysOf(source);
  if (days.size === 0) return (text) => text;
  const { words, pattern } = datePattern(style);
  return (text) =>
    text.replace(pattern, (whole, on: string | undefined, day: string, word: string, year?: string) => {
      const index = words.get(word.toLowerCase());
      const month = index === undefined ? undefined : style.months[index];
      if (!month || !days.has(day)) return whole;
      const of = style.elide && /^[aeiouàèéíòóú]/iu.test(month) ? "d'" : 'de ';
      const article = style.elide && (day === '1' || day === '11') ? "l'" : `${style.on?.to ?? ''} `;
      const before = on && style.on ? matchCase(on, article) : '';
      return `${before}${day} ${of}${month}${year ? ` de ${year}` : ''}`;
    });
}

/** `text` (a translation of `source`) with each day the source's dates leave beside its month written as a date. */
export function joinDates(text: string, source: string, style: DateStyle): string {
  return dateJoiner(source, style)(text);
}

/** `word` with the capital of `like`'s first letter, if it has one. */
function matchCase(like: string, word: string): string {
  return /^\p{Lu}/u.test(like) ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}
