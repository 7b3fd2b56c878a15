import type { Span } from '../document.js';
import type { Checkpoint } from './checkpoint.js';
import { SpanMask } from './span-mask.js';
import type { Figure } from './types.js';

/**
 * Figures: amounts of money, percentages and counted quantities (`$10.9bn`, `5 per cent`, `200 people`,
 * `four-day`), with their value and unit. Numbers that are dates are left to the dates.
 */

const spelled: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};
const scales: Readonly<Record<string, number>> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};
const currencySymbols: Readonly<Record<string, string>> = {
  $: 'USD',
  us$: 'USD',
  usd: 'USD',
  '£': 'GBP',
  gbp: 'GBP',
  '€': 'EUR',
  eur: 'EUR',
  '¥': 'JPY',
  c$: 'CAD',
  a$: 'AUD',
  hk$: 'HKD',
};
const currencyWords: Readonly<Record<string, string>> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  sterling: 'GBP',
  yuan: 'CNY',
  renminbi: 'CNY',
  yen: 'JPY',
  rouble: 'RUB',
  roubles: 'RUB',
  ruble: 'RUB',
  rubles: 'RUB',
  rupee: 'INR',
  rupees: 'INR',
  francs: 'CHF',
  won: 'KRW',
};
/** Counted things, singular form → unit name. */
const quantityUnits: Readonly<Record<string, string>> = {
  person: 'people',
  people: 'people',
  death: 'deaths',
  casualty: 'casualties',
  victim: 'victims',
  soldier: 'soldiers',
  worker: 'workers',
  job: 'jobs',
  resident: 'residents',
  student: 'students',
  vote: 'votes',
  seat: 'seats',
  company: 'companies',
  vehicle: 'vehicles',
  home: 'homes',
  house: 'homes',
  tonne: 't',
  ton: 't',
  kilogram: 'kg',
  kg: 'kg',
  kilometre: 'km',
  kilometer: 'km',
  km: 'km',
  mile: 'miles',
  metre: 'm',
  meter: 'm',
  hectare: 'ha',
  acre: 'acres',
  litre: 'l',
  liter: 'l',
  barrel: 'barrels',
  megawatt: 'MW',
  mw: 'MW',
  gigawatt: 'GW',
  gw: 'GW',
  year: 'years',
  month: 'months',
  week: 'weeks',
  day: 'days',
  hour: 'hours',
  minute: 'minutes',
  share: 'shares',
  point: 'points',
  unit: 'units',
  user: 'users',
  customer: 'customers',
  visitor: 'visitors',
  passenger: 'passengers',
  member: 'members',
  child: 'children',
  children: 'children',
  case: 'cases',
  patient: 'patients',
};

/** Plural-looking words after a number that are not what it counts. */
const notCounted = new Set([
  'was',
  'has',
  'is',
  'its',
  'this',
  'his',
  'plus',
  'less',
  'across',
  'towards',
  'always',
]);

const numberPattern = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
// A number is read from its first digit only: a rule that fails on `1,000,000,...` or a run of digits is not
// tried again from every digit inside it, which made such runs cost their length squared.
const numberStart = '(?<![\\p{N}]|[\\p{N}][.,])';
const spelledPattern = `(${Object.keys(spelled).join('|')})`;
// A scale word ends there: `30 minutes` is not 30 million.
const scalePattern = '(thousand|million|billion|trillion|bn|mn|mln|m|k|tn)(?![\\p{L}])';

/** Every rule reads a number in digits or a spelled one: a sentence with neither has no figure. */
const mayHoldFigure = new RegExp(`\\d|${Object.keys(spelled).join('|')}`, 'iu');

const toNumber = (digits: string): number => Number(digits.replaceAll(',', ''));
const singular = (word: string): string => {
  const lower = word.toLowerCase();
  if (quantityUnits[lower]) return lower;
  if (lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (lower.endsWith('s')) return lower.slice(0, -1);
  return lower;
};

interface Rule {
  readonly pattern: RegExp;
  /** Value and unit; `length` when the surface is shorter than the match. */
  readonly read: (match: RegExpExecArray) => { value: number; unit?: string; length?: number } | undefined;
}

const rules: readonly Rule[] = [
  {
    // $10.9bn, US$ 3 million, £5m, €1.2 billion
    pattern: new RegExp(
      `(US\\$|HK\\$|C\\$|A\\$|\\$|£|€|¥|USD|GBP|EUR)\\s?${numberPattern}(?:\\s?${scalePattern})?(?![\\p{L}\\d])`,
      'giu',
    ),
    read: (m) => ({
      value: toNumber(m[2] ?? '') * (scales[(m[3] ?? '').toLowerCase()] ?? 1),
      unit: currencySymbols[(m[1] ?? '').toLowerCase()] ?? 'USD',
    }),
  },
  {
    // 10 billion yuan, 5 million dollars
    pattern: new RegExp(
      `${numberStart}${numberPattern}\\s?(?:${scalePattern}\\s)?(${Object.keys(currencyWords).join('|')})\\b`,
      'giu',
    ),
    read: (m) => ({
      value: toNumber(m[1] ?? '') * (scales[(m[2] ?? '').toLowerCase()] ?? 1),
      unit: currencyWords[(m[3] ?? '').toLowerCase()] ?? '',
    }),
  },
  {
    // 5%, 3.5 per cent, 12 percent, 2 percentage points
    pattern: new RegExp(`${numberStart}${numberPattern}\\s?(%|per ?cent|percentage points?)`, 'giu'),
    read: (m) => ({
      value: toNumber(m[1] ?? ''),
      unit: /point/iu.test(m[2] ?? '') ? 'percentage points' : 'percent',
    }),
  },
  {
    // 200 people, 1.5 million tonnes, 30 km
    pattern: new RegExp(`${numberStart}${numberPattern}(?:\\s?${scalePattern})?[\\s-]?([\\p{L}]+)`, 'giu'),
    read: (m) => {
      const unit = quantityUnits[singular(m[3] ?? '')];
      const scale = scales[(m[2] ?? '').toLowerCase()] ?? 1;
      if (!unit && !m[2]) return undefined;
      return { value: toNumber(m[1] ?? '') * scale, ...(unit ? { unit } : {}) };
    },
  },
  {
    // four-day, two million people, three years
    pattern: new RegExp(`\\b${spelledPattern}(?:\\s(thousand|million|billion))?[\\s-]([\\p{L}]+)`, 'giu'),
    read: (m) => {
      const unit = quantityUnits[singular(m[3] ?? '')];
      if (!unit) return undefined;
      const value = (spelled[(m[1] ?? '').toLowerCase()] ?? 0) * (scales[(m[2] ?? '').toLowerCase()] ?? 1);
      return { value, unit };
    },
  },
  {
    // Any other number written in digits (not a year, which the dates take, nor a clock time), with the plural
    // noun it counts as unit when one follows (`38 sites`).
    pattern: new RegExp(
      `(?<![\\p{L}\\d.,:])${numberPattern}(?![\\p{L}\\d:]|\\s?(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b))(?:\\s(\\p{Ll}{3,}s)\\b)?`,
      'gu',
    ),
    read: (m) =>
      m[2] && !notCounted.has(m[2])
        ? { value: toNumber(m[1] ?? ''), unit: m[2] }
        : { value: toNumber(m[1] ?? ''), length: (m[1] ?? '').length },
  },
];

export function extractFigures(
  text: string,
  spans: readonly Span[],
  taken: readonly Span[],
  tick: Checkpoint = () => {},
): Figure[] {
  const found: Figure[] = [];
  const dates = [...taken].sort((a, b) => a.start - b.start);
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    tick();
    const sentence = text.slice(span.start, span.end);
    if (!mayHoldFigure.test(sentence)) continue;
    const chosen: Figure[] = [];
    const taken = new SpanMask(span);
    while (cursor < dates.length && (dates[cursor]?.end ?? 0) <= span.start) cursor++;
    for (let i = cursor; i < dates.length && (dates[i]?.start ?? 0) < span.end; i++) {
      const date = dates[i] as Span;
      taken.take(date.start, date.end);
    }
    for (const rule of rules) {
      rule.pattern.lastIndex = 0;
      for (let match = rule.pattern.exec(sentence); match; match = rule.pattern.exec(sentence)) {
        const start = span.start + match.index;
        let end = start + match[0].length;
        const reading = rule.read(match);
        if (!reading || !Number.isFinite(reading.value)) continue;
        // A quantity rule may have read a following word that is not its unit (`3 million in`): stop before it.
        if (rule === rules[3] && !reading.unit) end = start + match[0].length - (match[3]?.length ?? 0);
        if (reading.length !== undefined) end = start + reading.length;
        const surface = text.slice(start, end).trimEnd();
        end = start + surface.length;
        if (taken.overlaps(start, end)) continue;
        taken.take(start, end);
        chosen.push({
          text: surface,
          value: reading.value,
          ...(reading.unit ? { unit: reading.unit } : {}),
          start,
          end,
        });
      }
    }
    found.push(...chosen.sort((a, b) => a.start - b.start));
  }
  return found;
}

/** The rules' patterns, for tests of how they may start. */
export const figurePatterns: readonly RegExp[] = rules.map((rule) => rule.pattern);
