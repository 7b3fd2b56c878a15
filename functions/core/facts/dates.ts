import type { Span } from '../document.js';
import type { Checkpoint } from './checkpoint.js';
import { SpanMask } from './span-mask.js';
import type { DateFact } from './types.js';

/**
 * Dates as written (`22nd September 2023`, `next month`, `in October this year`, `this year`, `on Friday`),
 * resolved to ISO 8601 at the precision the text gives, relative to the reference day (the dateline's date, or
 * the file's time) when the text is relative.
 */

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const weekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const month =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const day = '(\\d{1,2})(?:st|nd|rd|th)?';
const year = '((?:19|20)\\d{2})';
const weekday = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

interface Rule {
  readonly pattern: RegExp;
  readonly resolve: (match: RegExpExecArray, context: Context) => string | undefined;
}

interface Context {
  readonly reference: UtcDay | undefined;
  /** The sentence around the match looks ahead (`will`, `is scheduled`): a bare weekday is the next one. */
  readonly future: boolean;
}

interface UtcDay {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

const pad = (value: number): string => String(value).padStart(2, '0');
const isoMonth = (y: number, m: number): string => `${y}-${pad(m)}`;
const isoDay = (d: UtcDay): string => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

function monthNumber(name: string): number {
  const key = name.toLowerCase().replace('.', '').slice(0, 3);
  return monthNames.findIndex((candidate) => candidate.startsWith(key)) + 1;
}

function addDays(d: UtcDay, days: number): UtcDay {
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function addMonths(d: UtcDay, months: number): { year: number; month: number } {
  const index = d.year * 12 + (d.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** ISO week (`2023-W38`) of a day. */
function isoWeek(d: UtcDay): string {
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const weekdayNumber = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekdayNumber);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86400000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${pad(week)}`;
}

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The year of a month or day given without one: the occurrence nearest the reference day. */
function nearestYear(reference: UtcDay, m: number): number {
  const difference = m - reference.month;
  if (difference > 6) return reference.year - 1;
  if (difference < -6) return reference.year + 1;
  return reference.year;
}

function relativeYear(word: string, reference: UtcDay): number {
  const lower = word.toLowerCase();
  return reference.year + (lower === 'last' ? -1 : lower === 'next' ? 1 : 0);
}

function weekdayDate(name: string, modifier: string | undefined, context: Context): string | undefined {
  const reference = context.reference;
  if (!reference) return undefined;
  const target = weekdayNames.indexOf(name.toLowerCase());
  const today = new Date(Date.UTC(reference.year, reference.month - 1, reference.day)).getUTCDay();
  const lower = modifier?.toLowerCase();
  let offset: number;
  if (lower === 'next' || (lower !== 'last' && context.future)) {
    offset = (target - today + 7) % 7 || 7;
  } else if (lower === 'last') {
    offset = -((today - target + 7) % 7 || 7);
  } else {
    offset = -((today - target + 7) % 7);
  }
  return isoDay(addDays(reference, offset));
}

const rules: readonly Rule[] = [
  {
    // 2023-09-22
    pattern: /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/gu,
    resolve: (m) =>
      validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[1]}-${m[2]}-${m[3]}` : undefined,
  },
  {
    // 22nd September 2023, 22 Sept, the 22nd of September
    pattern: new RegExp(`\\b${day}(?:\\s+of)?\\s+${month}(?:,?\\s+${year})?(?![\\p{L}\\d])`, 'gu'),
    resolve: (m, c) => {
      const mm = monthNumber(m[2] ?? '');
      const dd = Number(m[1]);
      const yy = m[3] ? Number(m[3]) : c.reference ? nearestYear(c.reference, mm) : undefined;
      if (yy === undefined || !validDay(yy, mm, dd)) return undefined;
      return `${yy}-${pad(mm)}-${pad(dd)}`;
    },
  },
  {
    // September 22, 2023; Sept. 22
    pattern: new RegExp(`\\b${month}\\s+${day}(?:,?\\s+${year})?(?![\\p{L}\\d])`, 'gu'),
    resolve: (m, c) => {
      const mm = monthNumber(m[1] ?? '');
      const dd = Number(m[2]);
      const yy = m[3] ? Number(m[3]) : c.reference ? nearestYear(c.reference, mm) : undefined;
      if (yy === undefined || !validDay(yy, mm, dd)) return undefined;
      return `${yy}-${pad(mm)}-${pad(dd)}`;
    },
  },
  {
    // September 2023
    pattern: new RegExp(`\\b${month},?\\s+${year}\\b`, 'gu'),
    resolve: (m) => isoMonth(Number(m[2]), monthNumber(m[1] ?? '')),
  },
  {
    // October this year, March last year
    pattern: new RegExp(`\\b${month}\\s+(this|last|next)\\s+year\\b`, 'giu'),
    resolve: (m, c) =>
      c.reference ? isoMonth(relativeYear(m[2] ?? '', c.reference), monthNumber(m[1] ?? '')) : undefined,
  },
  {
    // in October, by March: a capitalised month after a preposition (so `may` the verb is left alone)
    pattern: new RegExp(
      `(?<=\\b(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Oo]f|[Ee]arly|[Ll]ate|[Mm]id-?)\\s)${month}(?![\\p{L}\\d])`,
      'gu',
    ),
    resolve: (m, c) => {
      const mm = monthNumber(m[1] ?? '');
      return c.reference ? isoMonth(nearestYear(c.reference, mm), mm) : undefined;
    },
  },
  {
    pattern: /\b(this|last|next|earlier this|later this)\s+(year|month|week)\b/giu,
    resolve: (m, c) => {
      const reference = c.reference;
      if (!reference) return undefined;
      const modifier = (m[1] ?? '').toLowerCase();
      const step = modifier === 'last' ? -1 : modifier === 'next' ? 1 : 0;
      const unit = (m[2] ?? '').toLowerCase();
      if (unit === 'year') return String(reference.year + step);
      if (unit === 'month') {
        const target = addMonths(reference, step);
        return isoMonth(target.year, target.month);
      }
      return isoWeek(addDays(reference, 7 * step));
    },
  },
  {
    pattern: /\b(today|tonight|yesterday|tomorrow)\b/giu,
    resolve: (m, c) => {
      if (!c.reference) return undefined;
      const word = (m[1] ?? '').toLowerCase();
      return isoDay(addDays(c.reference, word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0));
    },
  },
  {
    pattern: new RegExp(`\\b(?:(last|next|this)\\s+)?${weekday}\\b`, 'gu'),
    resolve: (m, c) => weekdayDate(m[2] ?? '', m[1], c),
  },
  {
    // A year on its own: `in 2023`, `of 2023`. Not `2023 people`, not part of a longer number.
    pattern:
      /(?<![\p{N},.$£€-])\b((?:19|20)\d{2})\b(?![\p{N}%]|,\d|\.\d| ?(?:percent|per cent|people|tonnes|km|kg|m\b|bn\b))/gu,
    resolve: (m) => m[1],
  },
];

/**
 * What every rule needs somewhere in the sentence: a digit (numeric dates, years), a month's name or its
 * abbreviation, `year`/`month`/`week`, `day` (weekdays, today, yesterday), `tonight` or `tomorrow`. A sentence
 * with none of them has no date, and the rules are not tried on it.
 */
const mayHoldDate =
  /\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|year|month|week|day|tonight|tomorrow/iu;

const futureCue =
  /\b(?:will|shall|is to|are to|is due|are due|scheduled|planned|plans to|expected to|to be held|upcoming|next)\b/iu;

export function parseReferenceDay(iso: string | undefined): UtcDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso ?? '');
  if (!match) return undefined;
  const parsed = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return validDay(parsed.year, parsed.month, parsed.day) ? parsed : undefined;
}

/** Date expressions inside the given spans of `text` (sentences), in text order, none overlapping. */
export function extractDates(
  text: string,
  spans: readonly Span[],
  referenceDate: string | undefined,
  tick: Checkpoint = () => {},
): DateFact[] {
  const reference = parseReferenceDay(referenceDate);
  const found: DateFact[] = [];
  for (const span of spans) {
    tick();
    const sentence = text.slice(span.start, span.end);
    if (!mayHoldDate.test(sentence)) continue;
    const context: Context = { reference, future: futureCue.test(sentence) };
    const candidates: DateFact[] = [];
    for (const rule of rules) {
      rule.pattern.lastIndex = 0;
      for (let match = rule.pattern.exec(sentence); match; match = rule.pattern.exec(sentence)) {
        const iso = rule.resolve(match, context);
        if (!iso) continue;
        const start = span.start + match.index;
        const end = start + match[0].length;
        candidates.push({ text: text.slice(start, end), iso, start, end });
      }
    }
    // Longest first, then keep the ones that do not overlap an earlier choice.
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const chosen: DateFact[] = [];
    const taken = new SpanMask(span);
    for (const candidate of candidates) {
      if (taken.overlaps(candidate.start, candidate.end)) continue;
      taken.take(candidate.start, candidate.end);
      chosen.push(candidate);
    }
    found.push(...chosen.sort((a, b) => a.start - b.start));
  }
  return found;
}
