/**
 * The values metadata is made of, checked the same way whatever declared them (JSON-LD, `<meta>`, YAML front
 * matter, a Word file's properties): short single-line text, ISO 8601 dates, addresses a page may link to.
 */
import type { ArticleImage } from '../document.js';
import { BASIC_REFERENCE_NAMES, decodeCharacterReferences } from '../inline-html.js';

/** Longest text kept for a name, a section or a keyword: metadata is a label, not prose. */
export const MAX_LABEL_CHARS = 300;
/** Longest URL kept. */
export const MAX_URL_CHARS = 2_048;
/** Most authors, keywords and images kept. */
export const MAX_LIST_ITEMS = 50;

/** Single-line text, whitespace collapsed, at most `max` characters (cut at a word), or `undefined` if empty. */
export function labelText(value: unknown, max = MAX_LABEL_CHARS): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value)
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > max / 2 ? cut : max).trimEnd()}…`;
}

const months: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const pad = (value: number): string => String(value).padStart(2, '0');

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/iu;
const dayMonthYear =
  /^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/u;
const monthDayYear = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/u;

/**
 * An ISO 8601 date or date-time from what a source declares: `2024-03-04`, `2024-03-04T09:30:00+01:00` (kept to
 * the minute or second it gives, with its offset), `4 March 2024`, `March 4, 2024`. Anything else (`yesterday`,
 * `2024-13-40`) is `undefined`: a wrong date is worse than none.
 */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().replace('.000Z', 'Z');
  }
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const text = value.trim();
  const iso = isoDateTime.exec(text);
  if (iso) {
    const [, y, m, d, hh, mm, ss, zone] = iso;
    const year = Number(y);
    const month = Number(m);
    const day = Number(d);
    if (!validDay(year, month, day)) return undefined;
    const date = `${y}-${m}-${d}`;
    if (hh === undefined || mm === undefined) return date;
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return undefined;
    const offset =
      zone === undefined
        ? ''
        : zone.toUpperCase() === 'Z'
          ? 'Z'
          : `${zone.slice(0, 3)}:${zone.slice(-2)}`.replace('::', ':');
    return `${date}T${hh}:${mm}${ss === undefined ? '' : `:${ss}`}${offset}`;
  }
  const dayFirst = dayMonthYear.exec(text);
  const monthFirst = dayFirst ? undefined : monthDayYear.exec(text);
  const [dayText, monthText, yearText] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : monthFirst
      ? [monthFirst[2], monthFirst[1], monthFirst[3]]
      : [];
  const month = months[(monthText ?? '').slice(0, 3).toLowerCase()];
  const year = Number(yearText);
  const day = Number(dayText);
  if (!month || !validDay(year, month, day)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The calendar date (`2024-03-04`) of an ISO date or date-time, as the article's own clock gave it. */
export function calendarDate(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * An absolute http(s) URL (resolved against `base` when relative), or `undefined`: pages link only to web
 * addresses, never `javascript:`, `data:` or `file:`.
 */
export function webUrl(value: unknown, base?: string): string | undefined {
  return safeUrl(value, base, ['http:', 'https:']);
}

/** Like `webUrl`, and `mailto:` too: what a link in the article may point to. */
export function linkUrl(value: unknown, base?: string): string | undefined {
  return safeUrl(value, base, ['http:', 'https:', 'mailto:']);
}

function safeUrl(value: unknown, base: string | undefined, protocols: readonly string[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || text.length > MAX_URL_CHARS || /[\p{Cc}]/u.test(text)) return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(text) : new URL(text, base);
  } catch {
    return undefined;
  }
  if (!protocols.includes(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && url.hostname === '') return undefined;
  return url.href;
}

/** Distinct labels, in order, at most `MAX_LIST_ITEMS`, compared without case. */
export function distinctLabels(values: Iterable<unknown>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const label = labelText(value);
    if (!label || seen.has(label.toLowerCase())) continue;
    seen.add(label.toLowerCase());
    out.push(label);
    if (out.length >= MAX_LIST_ITEMS) break;
  }
  return out;
}

/** The names news pages escape punctuation with, besides the basic ones. */
const metadataReferenceNames: Readonly<Record<string, string>> = {
  ...BASIC_REFERENCE_NAMES,
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  pound: '£',
  euro: '€',
  copy: '©',
};

/**
 * Character references left in text that is not HTML any more (a JSON-LD value, a `<meta>` content the page
 * escaped twice: `&#8216;The Medium&#8217;`), as the text they stand for; anything unknown is kept as written.
 */
export function decodeMetadataReferences(text: string): string {
  return decodeCharacterReferences(text, metadataReferenceNames);
}

/** A picture with only the parts its source gives. */
export function articleImage(
  url: string,
  parts: {
    readonly alt?: string | undefined;
    readonly caption?: string | undefined;
    readonly credit?: string | undefined;
  },
): ArticleImage {
  const { alt, caption, credit } = parts;
  return { url, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) };
}
